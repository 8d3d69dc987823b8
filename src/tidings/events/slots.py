"""Slot filling: the source and target of a trigger, from the dependency slots its
pattern names, resolved to actors (through coordination, control, relatives, passives,
possessors, groups of envoys and "the two sides")."""

from __future__ import annotations

from typing import Any

from tidings.events.grammar import (
    clause_head,
    companions,
    conjuncts,
    free_relative,
    harmed_in,
    is_conditional,
    is_passive,
    lemma_of,
    phrase_dependents,
    prep_phrase_objects,
    time_taken_for_subject,
)
from tidings.events.patterns import RECEIVED_FROM
from tidings.events.sentence import Filler, Sentence, Trigger
from tidings.record import Actor

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE = frozenset({"which", "who", "that", "whom"})
PERSONAL = frozenset({"who", "whom"})  # relative pronouns that stand for people
OBJECT_CONTROL = frozenset({"urge", "ask", "persuade", "force", "order", "tell", "press", "allow"})


class SlotFiller:
    """Sources and targets of the triggers of one sentence."""

    def __init__(self, sentence: Sentence) -> None:
        self.s = sentence

    def sources(self, trig: Trigger, skip: int = 0) -> tuple[list[Filler], bool]:
        """Source fillers, and whether the trigger is a passive without an agent; `skip`
        passes over that many inherited subjects that resolved."""
        pattern = trig.pattern
        tok = trig.token
        if trig.subject is not None:
            return self.resolve([trig.subject], "direct"), False
        if self._receiver(trig) is not None:  # "received aid from Japan": Japan gave it
            givers = [o for word in RECEIVED_FROM for o in self._prep_objects(trig, word)]
            found = self.resolve(givers, "direct")
            return found, not found
        passive = pattern.pos == "verb" and is_passive(tok)
        for slot in pattern.source:
            found = self._fill(trig, slot, passive, skip=skip)
            if found:
                return found, False
        agentless = passive and not any(c.dep_ == "agent" for c in tok.children)
        agentless = agentless or "reverse" in pattern.flags  # "faced charges": by someone
        happening = tok.dep_ == "nsubj" and lemma_of(tok.head) in self.s.lex.cue("happen")
        if pattern.pos == "noun" and pattern.type == "PROTEST" and happening:
            # "protests spread across Belarus": people of the place protest
            for _, actor in self.s.places():
                if actor is not None and actor.country:
                    people = self.people(actor.country, "protesters")
                    return [Filler(tok, "group", people)], False
        return [], agentless

    def people(self, country: str, name: str) -> Actor:
        return Actor(
            id=f"group:{country}:CVL:{name}",
            name=name,
            kind="group",
            country=country,
            role="CVL",
            description=f"{name} ({country})",
            mentions=1,
        )

    def targets(self, trig: Trigger) -> list[Filler]:
        if trig.object is not None:
            found = self.resolve([trig.object], "direct")
            if not found:
                self.s.unresolved.setdefault(trig.token.i, []).append(trig.object)
            return found
        receiver = self._receiver(trig)
        if receiver is not None:  # "Turkey received aid from Japan": Turkey is aided
            return self.resolve(self.grammatical_subjects(receiver)[0][0], "inherited")
        passive = trig.pattern.pos == "verb" and is_passive(trig.token)
        for slot in trig.pattern.target:
            found = self._fill(trig, slot, passive, role="target")
            if found:
                return found
        return []

    def _fill(
        self, trig: Trigger, slot: str, passive: bool, role: str = "source", skip: int = 0
    ) -> list[Filler]:
        tok = trig.token
        groups: list[tuple[list[Any], str]]
        if slot == "subj":
            groups = self.agents(tok) if passive else self._subjects(tok, further=skip > 0)
        elif slot == "obj":
            groups = [(self.grammatical_subjects(tok)[0][0], "inherited")] if passive else []
            if passive and not groups[0][0]:
                groups = []
            if passive and groups:  # "the companies, along with two importers, were added"
                groups = [(groups[0][0] + companions(tok), "inherited")]
            if not passive:
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                if not objs and tok.dep_ in ("amod", "acl") and tok.tag_ == "VBN":
                    objs = [tok.head]
                if not objs:  # "opposed what it called 'illegal sanctions'"
                    objs = free_relative(tok)
                groups = [(objs, "direct")]
        elif slot == "dative":
            groups = [([c for c in tok.children if c.dep_ in ("dative", "iobj")], "direct")]
        elif slot == "poss":
            groups = [(self._possessors(tok), "direct")]
        elif slot == "gov":
            groups = self._governor_subjects(tok)
        elif slot == "ccsubj":  # "demanded that Washington lift …"
            groups = [
                (
                    [
                        s
                        for c in tok.children
                        if c.dep_ == "ccomp"
                        for s in c.children
                        if s.dep_ == "nsubj"
                    ],
                    "direct",
                )
            ]
        elif slot == "prompter":  # "the tests drew condemnation from Japan": the tests'
            held = self.s.stand_in(tok)  # "drew a mix of criticism"
            verb = held.head
            elicit = self.s.lex.cue("elicit") | self.s.lex.cue("receive")  # "faced condemnation"
            if held.dep_ == "dobj" and lemma_of(verb) in elicit:
                groups = self.grammatical_subjects(verb)
            else:
                groups = []
        elif slot == "cond":  # "warned of consequences if Finland joined NATO"
            clauses = [
                c for c in tok.children if c.dep_ == "advcl" and is_conditional(c, self.s.lex)
            ]
            groups = [
                ([s for c in clauses for s in c.children if s.dep_ in SUBJECT_DEPS], "direct")
            ]
        elif slot == "aim":  # "threatened to use live fire against the protesters"
            groups = [(self._aimed_at(tok), "direct")]
        elif slot == "sufferer":  # "twenty civilians were killed in Russian shelling"
            groups = [(self._sufferers(tok), "direct")]
        elif slot == "targeting":  # "sanctions targeting Russia's energy sector"
            groups = [(self._targeted(tok), "direct")]
        elif slot == "between":
            objs = self._prep_objects(trig, "between")
            if not objs:
                return []
            every = [t for o in objs for t in conjuncts(o)]
            # "talks between A and B": each with the other (A and B are sources and
            # targets, pairs of one actor are dropped); "mediate between A and B": both
            # are targets; a one-way event between A and B: A to B
            mutual = trig.pattern.mutual
            if role == "source":
                return self.resolve(every if mutual else every[:1], "direct", expand=False)
            between_source = "between" in trig.pattern.source and not mutual
            return self.resolve(every[1:] if between_source else every, "direct", expand=False)
        else:
            groups = [(self._prep_objects(trig, slot), "direct")]
        for tokens, how in groups:
            found = self.resolve(tokens, how)
            if found and skip and how != "direct":
                skip -= 1
                continue
            if found:
                return found
        if role == "target" and slot != "subj":
            unresolved = self.s.unresolved.setdefault(tok.i, [])
            unresolved += [t for tokens, _ in groups for t in tokens]
            if slot == "ccsubj":  # "alleged that the vote had been marred": what it is about
                unresolved += [
                    s
                    for c in tok.children
                    if c.dep_ == "ccomp"
                    for s in c.children
                    if s.dep_ == "nsubjpass"
                ]
        return []

    def resolve(self, tokens: list[Any], how: str, expand: bool = True) -> list[Filler]:
        out = []
        for head in tokens:
            if head.i < self.s.dateline_end():  # "PARIS (AFP) – A Paris court sentenced …"
                out += self.resolve(
                    [
                        c
                        for c in head.children
                        if c.dep_ == "appos" and c.i >= self.s.dateline_end()
                    ],
                    how,
                )
                continue
            for tok in conjuncts(head) if expand else [head]:
                sides = self._sides(tok)
                if sides:
                    out += [Filler(tok, "sides", actor) for actor in sides]
                    continue
                members = self._members(tok)
                if members:
                    out += members
                    continue
                if lemma_of(tok) in self.s.lex.cue("quantity"):  # "hundreds of Syrian refugees"
                    inner = [
                        o
                        for c in tok.children
                        if c.dep_ == "prep" and c.lower_ == "of"
                        for o in c.children
                        if o.dep_ == "pobj"
                    ]
                    found = self.resolve(inner, how) if inner else []
                    if found:
                        out += found
                        continue
                named = self._named_in_apposition(tok, how)
                if named:
                    out += named
                    continue
                actor = self.s.actor(tok)
                if actor is not None:
                    kind = "group" if actor.id.startswith("group:") else how
                    out.append(Filler(tok, kind, actor))
        return out

    def _named_in_apposition(self, tok: Any, how: str) -> list[Filler]:
        """'two hostages — an American and an Australian —': the actors an apposition
        says a generic group of people are."""
        if lemma_of(tok) not in self.s.lex.groups:
            return []
        said = [t for c in tok.children if c.dep_ == "appos" for t in conjuncts(c)]
        countries = dict.fromkeys(a.country for t in said if (a := self.s.actor(t)) and a.country)
        return [Filler(tok, how, self.s.group_of(tok, country)) for country in countries]

    def _sides(self, tok: Any) -> list[Actor]:
        """'the two sides', 'both countries': the pair of actors the article has set
        against each other most often so far."""
        if tok.pos_ not in ("NOUN", "PROPN") or lemma_of(tok) not in self.s.lex.cue("sides"):
            return []
        two = any(
            (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
            or (c.dep_ == "nummod" and c.lower_ == "two")
            for c in tok.children
        )
        if not two or tok.tag_ not in ("NNS", "NNPS"):
            return []
        pair = self.s.memory.pair(self.s.kinds())
        return list(pair) if pair else []

    def _members(self, tok: Any) -> list[Filler]:
        """'officials from the United States and China', 'the foreign ministers of France
        and Germany': the actors a group of envoys speaks for, each on its own."""
        if lemma_of(tok) not in self.s.lex.cue("delegate"):
            return []
        for c in tok.children:  # "U.S. and Chinese officials", "French and German leaders"
            if c.dep_ in ("amod", "nmod", "compound") and c.i < tok.i:
                every = [c] + [w for w in c.children if w.dep_ == "conj"]
                if len(every) < 2:
                    continue
                found = [Filler(t, "direct", a) for t in every if (a := self.s.actor(t))]
                if len({f.actor.id for f in found if f.actor}) > 1:
                    return found
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                every = [t for o in c.children if o.dep_ == "pobj" for t in conjuncts(o)]
                if len(every) < 2:
                    continue
                found = [Filler(t, "direct", a) for t in every if (a := self.s.actor(t))]
                if len({f.actor.id for f in found if f.actor}) > 1:
                    return found
        return []

    def _subjects(self, verb: Any, further: bool = False) -> list[tuple[list[Any], str]]:
        """Candidate agents of an active verb, nearest first."""
        join = self._joined(verb)
        if join:
            return [(join, "direct")]
        return self.grammatical_subjects(verb, further)

    def _joined(self, verb: Any) -> list[Any]:
        """'Washington was joined by the EU and Britain in condemning …': all three."""
        prep = verb.head
        if verb.dep_ != "pcomp" or lemma_of(prep) != "in" or lemma_of(prep.head) != "join":
            return []
        join = prep.head
        subjects = [c for c in join.children if c.dep_ in ("nsubj", "nsubjpass")]
        others = [c for c in join.children if c.dep_ == "dobj"]
        others += [o for c in join.children if c.dep_ == "agent" for o in c.children]
        return subjects + others

    def grammatical_subjects(self, verb: Any, further: bool = False) -> list[tuple[list[Any], str]]:
        """Subjects of a verb, inherited through conj, xcomp, advcl, relcl and acl when
        it has none. When an inherited subject is no actor ("the arrests were illegal
        and called for sanctions"), the subject of the governing clause follows ("far"),
        and so it does when asked to look `further`."""
        out: list[tuple[list[Any], str]] = []
        tok, how = verb, "direct"
        climb = ("conj", "xcomp", "advcl", "acomp", "pcomp", "prep")
        for _ in range(8):
            deps = (*SUBJECT_DEPS, "nsubjpass")
            subs = [
                self._antecedent(c)
                for c in tok.children
                if c.dep_ in deps and not time_taken_for_subject(c, self.s.lex)
            ]
            if subs and how == "direct":
                subs += companions(tok)  # "Russia, along with China, vetoed …"
            if subs:
                out.append((subs, how))
                if how in ("direct", "far") or (any(self.s.actor(s) for s in subs) and not further):
                    break
                how = "far"
            elif how != "far":
                dep = tok.dep_
                if dep in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    out.append(([tok.head], "inherited"))
                    break
                if dep == "xcomp":
                    ctl = self._controller(tok.head)
                    if ctl:
                        out.append((ctl, "inherited"))
                        break
                if dep == "pcomp" and lemma_of(tok.head) in ("of", "for"):
                    # "accused Russia of shelling", "thanked Poland for taking in"
                    objs = [c for c in tok.head.head.children if c.dep_ == "dobj"]
                    if objs:
                        out.append((objs, "inherited"))
                        break
                if dep not in climb:
                    break
                if dep == "advcl" and tok.tag_ in ("VBD", "VBZ", "VBP"):
                    break  # a finite clause without a subject: a parse we cannot trust
            if tok.dep_ == "ROOT" or tok.head is tok:
                break
            tok = clause_head(tok)[1]
            if how == "direct":
                how = "inherited"
        return out or [([], "direct")]

    def _controller(self, gov: Any) -> list[Any]:
        """Object control: 'called on X to …', 'urged X to …' -> X does the xcomp."""
        trig = self.s.triggers.get(gov.i)
        if not (trig and trig.pattern.object_control) and lemma_of(gov) not in OBJECT_CONTROL:
            return []
        objs = [c for c in gov.children if c.dep_ == "dobj"]
        for c in gov.children:
            if c.dep_ == "prep" and lemma_of(c) == "on" and self.s.real_prep(c):
                objs += [o for o in c.children if o.dep_ == "pobj"]
        return objs

    def _antecedent(self, tok: Any) -> Any:
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            head = tok.head.head
            if tok.lower_ in PERSONAL and self.s.actor(head) is None:
                # "talks between Kabul and the Taliban, who refused …": spaCy hangs the
                # clause on "talks"; "who" is the actor just before it
                before = _word_before(tok)
                if before is not None and self.s.actor(before) is not None:
                    return before
            return head
        return tok

    def agents(self, verb: Any) -> list[tuple[list[Any], str]]:
        agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children]
        return [(agents, "direct")]

    def _possessors(self, noun: Any) -> list[Any]:
        out = [c for c in noun.children if c.dep_ == "poss"]
        for c in noun.children:
            modifier = c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i
            if modifier and c not in out and self.s.index.actor_for_token(self.s.paragraph, c):
                out.append(c)
        return out

    def _governor_subjects(self, noun: Any) -> list[tuple[list[Any], str]]:
        noun = self.s.stand_in(noun)
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            gov = head.head
            if lemma_of(head) == "in" and lemma_of(gov) in self.s.lex.cue("take_part"):
                return self.grammatical_subjects(gov)  # "took part in the protests"
            return []
        if noun.dep_ in ("dobj", "nsubjpass") and lemma_of(head) in self.s.lex.cue("light"):
            if noun.dep_ == "nsubjpass":
                return self.agents(head)
            if is_passive(head):
                return self.agents(head)
            return self.grammatical_subjects(head)
        return []

    def _receiver(self, trig: Trigger) -> Any:
        """The verb of receiving a nominal event is the object of, when the text says
        from whom ("received aid from Japan", "won the backing of the EU"), or None
        ("won all 15 meetings" is a record, not a meeting someone gave)."""
        if trig.pattern.pos != "noun":
            return None
        held = self.s.stand_in(trig.token)
        verb = held.head
        if held.dep_ != "dobj" or lemma_of(verb) not in self.s.lex.cue("receive"):
            return None
        givers = [c for host in (held, verb) for c in host.children if c.dep_ == "prep"]
        return verb if any(c.lower_ in RECEIVED_FROM for c in givers) else None

    def _sufferers(self, noun: Any) -> list[Any]:
        """Who suffered the act a nominal names: the subject of a verb of harm the
        nominal's "in" phrase hangs on ("civilians died in the shelling")."""
        verb = harmed_in(self.s.stand_in(noun), self.s.lex)
        if verb is None:
            return []
        return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]

    def _targeted(self, noun: Any) -> list[Any]:
        """What a nominal act is said to target ("sanctions targeting Russia", "strikes
        aimed at Hamas"): the object of a participle of aiming (cues.tsv aiming) that
        modifies it, or what its "aimed" preposition governs."""
        aims = self.s.lex.cue("aimed")
        out = []
        for verb in noun.children:
            if verb.dep_ != "acl" or lemma_of(verb) not in self.s.lex.cue("aiming"):
                continue
            for c in verb.children:
                if c.dep_ == "dobj":
                    out.append(c)
                elif c.dep_ == "prep" and c.lower_ in aims:
                    out += [o for o in c.children if o.dep_ == "pobj"]
        return out

    def _aimed_at(self, tok: Any) -> list[Any]:
        """What the act in the trigger's complement is aimed at (cues.tsv aimed): the
        protesters of "threatened to use live fire against the protesters", China in
        "threatened to impose tariffs on China"."""
        aims = self.s.lex.cue("aimed")
        acts = [c for c in tok.children if c.dep_ == "xcomp"]
        hosts = acts + [o for act in acts for o in act.children if o.dep_ == "dobj"]
        return [
            o
            for host in hosts
            for c in host.children
            if c.dep_ == "prep" and c.lower_ in aims
            for o in c.children
            if o.dep_ == "pobj"
        ]

    def _prep_objects(self, trig: Trigger, word: str) -> list[Any]:
        tok = trig.token
        hosts = [tok]
        if trig.pattern.pos == "verb":
            hosts += [c for c in tok.children if c.dep_ == "dobj"]
            if trig.pattern.prep is None:  # "pulled … out of Iraq"
                hosts += phrase_dependents(tok, trig.pattern)
            else:  # "came under attack from Russia"
                hosts += prep_phrase_objects(tok, trig.pattern)
        else:
            stand = self.s.stand_in(tok)
            if stand is not tok:
                hosts.append(stand)  # "a package of sanctions against Russia"
            if stand.dep_ in ("dobj", "nsubjpass") and stand.head.pos_ in ("VERB", "AUX"):
                hosts.append(stand.head)  # "imposed sanctions on Russia"
        out = []
        for host in hosts:
            for c in host.children:
                prep = c.dep_ in ("prep", "dative", "agent") and c.lower_ == word
                if prep and self.s.real_prep(c):
                    out += [o for o in c.children if o.dep_ == "pobj"]
        return out or _marked_subjects(tok, word)


def _word_before(tok: Any) -> Any:
    """The word before `tok`, past punctuation, or None."""
    for i in range(tok.i - 1, tok.sent.start - 1, -1):
        if not tok.doc[i].is_punct:
            return tok.doc[i]
    return None


def _marked_subjects(tok: Any, word: str) -> list[Any]:
    """'pleaded with the administration to reconsider': spaCy makes "with" the mark of
    a clause whose subject is the administration; that subject is the object of "with"."""
    return [
        s
        for clause in tok.children
        if clause.dep_ in ("advcl", "xcomp", "ccomp")
        and any(m.dep_ == "mark" and m.lower_ == word for m in clause.children)
        for s in clause.children
        if s.dep_ in ("nsubj", "nsubjpass")
    ]
