"""The PLOVER event coder: dependency patterns over parsed sentences.

For every sentence the coder finds triggers (`patterns.tsv`), reads source and
target from the dependency slots the pattern names, resolves them to actors
through the `ActorIndex`, and decides the modality from the clauses that govern
the trigger. What the coder adds on its own is small and says so in the
confidence: subjects inherited through coordination and control, a generic group
("police", "3,000 people") given the country of the place the sentence names, and
a target carried over from a coordinated verb or taken from that place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tidings.actors.index import ActorIndex
from tidings.events.patterns import Lexicon, Pattern, load_lexicon
from tidings.record import Actor, Event, Time

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE = frozenset({"which", "who", "that", "whom"})
OBJECT_CONTROL = frozenset({"urge", "ask", "persuade", "force", "order", "tell", "press", "allow"})
MAX_PAIRS = 6
PAIR_DECAY = 0.7  # how much a pair named one sentence earlier still counts for "the two sides"
PAIRING = frozenset({"direct", "inherited", "far", "group"})  # fillers that name two sides
DATELINE_DASHES = frozenset({"—", "–", "--", "-"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc"})


@dataclass
class Filler:
    """A token in a source or target slot, how it was found, and its actor."""

    token: Any
    how: str  # direct | inherited | far | group | coordination | location
    actor: Actor | None = None


@dataclass
class Trigger:
    token: Any
    pattern: Pattern
    verb: Any  # the clause verb: the trigger itself, or the verb governing a nominal
    subject: Any = None  # set when the parse is mended ("a charge Moscow rejects")
    object: Any = None


@dataclass
class Memory:
    """What the article has said so far: the events coded in earlier sentences (for
    "the charge", "the measures"), the pairs of actors it set against each other (for
    "the two sides", "both sides"), and the country it is about."""

    events: list[Event] = field(default_factory=list)
    # pair of actor ids -> [actor, actor, {sentence: weight}, event types coded between them]
    pairs: dict[frozenset[str], list[Any]] = field(default_factory=dict)
    sentence: int = 0
    main: list[Actor | None] | None = None  # [the country the article is about], once known

    def add_pair(
        self, a: Actor | None, b: Actor | None, kind: str | None = None, weight: float = 1.0
    ) -> None:
        """An event between a and b (weight 1), or a and b only named together (less)."""
        if a is None or b is None or a.id == b.id:
            return
        key = frozenset((a.id, b.id))
        found = self.pairs.get(key)
        if found is None:
            found = self.pairs[key] = [a, b, {}, set()]
        found[2][self.sentence] = max(weight, found[2].get(self.sentence, 0.0))
        if kind:
            found[3].add(kind)

    def pair(self, kinds: frozenset[str] = frozenset()) -> tuple[Actor, Actor] | None:
        """The pair "the two sides" stands for: among pairs with events of the sentence's
        own kinds ("both sides to stop fighting": those that fought), if any, the one the
        article has named most, recent sentences counting more."""
        if not self.pairs:
            return None

        def rank(entry: list[Any]) -> tuple[bool, float]:
            score = sum(w * PAIR_DECAY ** (self.sentence - s) for s, w in entry[2].items())
            return bool(entry[3] & kinds), score

        best = max(self.pairs.values(), key=rank)
        return best[0], best[1]

    def add_events(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    def main_country(self, index: ActorIndex) -> Actor | None:
        """The country the article is about: the one its actors name in at least two
        mentions out of five, or None."""
        if self.main is None:
            countries = {a.id: a.country for a in index.actors if a.country}
            counts: dict[str, int] = {}
            for *_, actor_id in index.mentions:
                country = countries.get(actor_id)
                if country:
                    counts[country] = counts.get(country, 0) + 1
            total = sum(counts.values())
            best = max(counts, key=lambda c: counts[c]) if counts else None
            chosen = None
            if best is not None and counts[best] >= 2 and counts[best] * 5 >= total * 2:
                chosen = next(
                    (a for a in index.actors if a.kind == "country" and a.country == best), None
                )
            self.main = [chosen]
        return self.main[0]


class SentenceCoder:
    """Codes one sentence of one paragraph."""

    def __init__(
        self,
        lex: Lexicon,
        index: ActorIndex,
        paragraph: int,
        text: str,
        sent: Any,
        times: Sequence[Time],
        published: str | None,
        memory: Memory | None = None,
    ) -> None:
        self.memory = memory if memory is not None else Memory()
        self.lex = lex
        self.index = index
        self.paragraph = paragraph
        self.text = text
        self.sent = sent
        self.times = times
        self.published = published
        self.triggers: dict[int, Trigger] = {}
        self._unresolved: dict[int, list[Any]] = {}  # target-slot tokens that named no actor
        self._places: list[tuple[Any, Any]] | None = None
        self._dateline: int | None = None
        self._cache: dict[int, Actor | None] = {}

    # ------------------------------------------------------------------ triggers

    def find_triggers(self) -> None:
        for tok in self.sent:
            if tok.dep_ == "conj":
                self._note_pair(tok)
            mended = self._reduced_relative(tok)
            if mended is not None:
                subject, obj, pattern = mended
                self.triggers[tok.i] = Trigger(tok, pattern, tok, subject, obj)
                continue
            pos = _pos(tok)
            if pos is None:
                continue
            for pattern in self.lex.candidates(tok.lemma_.lower(), pos):
                if self._matches(tok, pattern):
                    self.triggers[tok.i] = Trigger(tok, pattern, self._clause_verb(tok, pos))
                    break

    def _reduced_relative(self, tok: Any) -> tuple[Any, Any, Pattern] | None:
        """'…, a charge Moscow rejects', 'a claim the government denies': a relative clause
        without "that", which the parser reads as one noun phrase. The noun names an
        earlier event, the short noun phrase after it is the subject of the verb."""
        if tok.tag_ not in ("VBZ", "VBD", "VBP", "NNS") or tok.i - 2 < self.sent.start:
            return None
        patterns = [p for p in self.lex.candidates(_lemma(tok), "verb") if p.child is None]
        if not patterns:
            return None
        doc = tok.doc
        subject = doc[tok.i - 1]
        if subject.pos_ not in ("PROPN", "NOUN") or self.actor(subject) is None:
            return None
        first = subject.i
        while first - 1 > self.sent.start and first > tok.i - 5:
            before = doc[first - 1]
            if before.pos_ == "PROPN" or (before.pos_ in ("DET", "ADJ") and before.i < subject.i):
                first -= 1
                continue
            break
        noun = doc[first - 1]
        if noun.pos_ != "NOUN" or _lemma(noun) not in self.lex.refers:
            return None
        return subject, noun, patterns[0]

    def _matches(self, tok: Any, pattern: Pattern) -> bool:
        if pattern.child is not None:
            kids = [c for c in tok.children if c.lemma_.lower() == pattern.child]
            if pattern.prep is not None:  # "add to list": the object of the preposition
                kids = [
                    o
                    for c in tok.children
                    if c.dep_ in ("prep", "dative") and c.lower_ == pattern.prep
                    for o in c.children
                    if o.dep_ == "pobj" and _lemma(o) == pattern.child
                ]
                if not kids:
                    return False
                words = self.lex.cue(pattern.needs) if pattern.needs else None
                return words is None or any(_modifiers(k) & words for k in kids)
            if not any(c.dep_ not in ("prep",) or self._real_prep(c) for c in kids):
                return False
        heads = next((f[5:] for f in pattern.flags if f.startswith("head=")), None)
        if heads and _lemma(tok.head) not in self.lex.cue(heads):
            return False  # "lodged a protest" is a complaint, "joined a protest" is not
        if pattern.needs == "gov":
            light = _lemma(tok.head) in self.lex.cue("light")
            if not (tok.dep_ in ("dobj", "nsubjpass") and light):
                return False
        elif pattern.needs:
            words = self.lex.cue(pattern.needs)
            if not any(_lemma(c) in words for c in tok.children):
                return False
        if pattern.complement:
            words = self.lex.cue(pattern.complement)
            if not any(_lemma(c) in words or _amods(c) & words for c in _complements(tok)):
                return False
        return True

    def _real_prep(self, prep: Any) -> bool:
        """A preposition whose object is not a date ("called on Saturday" is no appeal)."""
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return not objs or all(o.ent_type_ not in self.lex.cue("time_ent") for o in objs)

    def _clause_verb(self, tok: Any, pos: str) -> Any:
        if pos == "verb":
            return tok
        head = tok
        for _ in range(3):  # noun -> (prep ->) verb
            if head.dep_ == "ROOT" or head.head.pos_ in ("VERB", "AUX"):
                return head.head if head.dep_ != "ROOT" else head
            head = head.head
        return tok

    # ------------------------------------------------------------------ events

    def events(self) -> Iterator[Event]:
        self.find_triggers()
        coded: dict[int, list[tuple[Actor | None, Actor | None]]] = {}
        pending: list[tuple[Trigger, list[Filler], list[Filler], str, bool]] = []
        for trig in self.triggers.values():
            pattern = trig.pattern
            if pattern.pos == "noun" and not self._nominal_ok(trig):
                continue
            modality = self.modality(trig)
            if modality is None:  # opinion or hypothesis, not an event
                continue
            sources, passive_agentless = self.sources(trig)
            if pattern.who and not any(
                _lemma(f.token) in self.lex.cue(pattern.who) for f in sources
            ):
                continue  # "supporters gathered" is a protest, "leaders gathered" is not
            targets = self.targets(trig)
            if (
                sources
                and targets
                and all(
                    s.actor and t.actor and _same(s.actor, t.actor)
                    for s in sources
                    for t in targets
                )
            ):  # "the vessel had intruded … and accused Manila": not Manila's own accusation
                sources, passive_agentless = self.sources(trig, skip=1)
            if pattern.whom:
                slot = [f.token for f in targets] + self._unresolved.get(trig.token.i, [])
                if not any(_lemma(t) in self.lex.cue(pattern.whom) for t in slot):
                    continue
            pending.append((trig, sources, targets, modality, passive_agentless))
        # first pass: targets found in the slots, for coordination fallback
        for trig, sources, targets, _, _ in pending:
            coded[trig.token.i] = [(s.actor, t.actor) for s in sources for t in targets]
        emitted: list[Event] = []
        for trig, sources, targets, modality, agentless in pending:
            info = self.lex.types[trig.pattern.type]
            if not sources and agentless and targets:
                sources = self._earlier_source(trig, emitted)
                agentless = agentless and not sources
            if not targets:
                targets = self._antecedent_targets(trig, sources, emitted)
            if not targets:
                targets = self._domestic_target(trig, sources)
            if not targets and "parties" in trig.pattern.flags:
                targets = self._parties(trig)
            several = len({s.actor.id for s in sources if s.actor}) > 1
            each_other = several and (trig.pattern.mutual or all(s.how == "sides" for s in sources))
            if not targets and info.needs_target and not each_other:
                # "Armenia and Azerbaijan reached a deal in Washington": each with the other
                targets = self._fallback_targets(trig, sources, coded)
            elif not targets and info.place_target and sources:
                targets = self._place_target(trig, sources)
            if targets and not coded[trig.token.i]:  # later triggers may borrow them
                coded[trig.token.i] = [(s.actor, t.actor) for s in sources for t in targets]
            for event in self._emit(trig, sources, targets, modality, agentless):
                emitted.append(event)
                yield event

    def _note_pair(self, tok: Any) -> None:
        """Actors the sentence names together ("Russia and Ukraine", "the war between
        the army and the RSF"): a pair "the two sides" may later stand for."""
        head = tok.head
        if tok.pos_ not in ("NOUN", "PROPN") or head.pos_ not in ("NOUN", "PROPN"):
            return
        if tok.i - head.i <= 12:
            first = self.actor(head)
            if first is not None:
                self.memory.add_pair(first, self.actor(tok), weight=0.5)

    def _earlier_source(self, trig: Trigger, emitted: list[Event]) -> list[Filler]:
        """'… were added to the list' after 'the United States imposed sanctions': a
        passive without an agent continues the latest event of its type nearby."""
        for event in reversed(self.memory.events + emitted):
            if event.paragraph < self.paragraph - 2:
                break
            if event.type == trig.pattern.type and event.source is not None:
                return [Filler(trig.token, "earlier", event.source)]
        return []

    def _antecedent_targets(
        self, trig: Trigger, sources: list[Filler], emitted: list[Event]
    ) -> list[Filler]:
        """'Moscow rejects the charge', 'condemned the measures': a target slot naming an
        earlier event (refer_* in cues.tsv) stands for that event's source — the one
        aimed at this event's source, else (but for accusations) the latest nearby from
        someone else."""
        words = [t for t in self._unresolved.get(trig.token.i, []) if _lemma(t) in self.lex.refers]
        if not words:
            return []
        mine = {_code(f.actor) for f in sources if f.actor} - {None}
        ids = {f.actor.id for f in sources if f.actor}
        earlier = self.memory.events + emitted
        for word in words:
            kinds = self.lex.refers[_lemma(word)]
            found = [e for e in earlier if e.type in kinds and e.source is not None]
            found = [e for e in found if e.source.id not in ids]
            for event in reversed(found):
                if _code(event.target) in mine:
                    return [Filler(word, "anaphora", event.source)]
            if kinds == {"ACCUSE"}:
                continue  # an accusation is denied by the accused: none of them, no accuser
            for event in reversed(found):
                if event.paragraph < self.paragraph - 3:
                    break
                if _code(event.source) not in mine:
                    return [Filler(word, "anaphora", event.source)]
        return []

    def _domestic_target(self, trig: Trigger, sources: list[Filler]) -> list[Filler]:
        """'the opposition rejected the result', 'alleged that the vote had been marred':
        a country's own vote (cues.tsv domestic) stands for that country, when the source
        is of the country the article is about."""
        words = [
            t
            for t in self._unresolved.get(trig.token.i, [])
            if _lemma(t) in self.lex.cue("domestic")
        ]
        if not words or not sources:
            return []
        main = self.memory.main_country(self.index)
        if main is None or any(s.actor is None or s.actor.country != main.country for s in sources):
            return []
        return [Filler(words[0], "scene", main)]

    def _parties(self, trig: Trigger) -> list[Filler]:
        """'a swap mediated by the UAE', 'negotiations mediated by the African Union':
        the parties of the mediated thing — the pair it is between, the subjects of the
        verb it belongs to ("Russia and Ukraine exchanged … in a swap"), else the pair
        the article names most."""
        tok = trig.token
        things = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        if tok.dep_ in ("acl", "amod") and tok.tag_ == "VBN":
            things.append(tok.head)
        for thing in things:
            between = [
                o
                for c in thing.children
                if c.dep_ == "prep" and c.lower_ == "between"
                for o in c.children
                if o.dep_ == "pobj"
            ]
            found = self._resolve(between, "direct")
            if found:
                return found
            verb = thing.head.head if thing.dep_ == "pobj" else None
            if verb is not None and verb.pos_ in ("VERB", "AUX"):
                subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
                found = self._resolve(subs, "inherited")
                if found:
                    return found
        pair = self.memory.pair(self._kinds()) if things else None
        return [Filler(tok, "sides", actor) for actor in pair] if pair else []

    def _emit(
        self,
        trig: Trigger,
        sources: list[Filler],
        targets: list[Filler],
        modality: str,
        agentless: bool,
    ) -> Iterator[Event]:
        pattern = trig.pattern
        info = self.lex.types[pattern.type]
        # "A and B met"; "both sides promised …", "the two sides blamed each other": each
        # to the other
        sides = all(s.how == "sides" for s in sources)
        cooperative = info.quad.endswith("cooperation") or self._each_other(trig)
        reciprocal = pattern.mutual or (sides and cooperative)
        mutual = reciprocal and not targets and len(sources) > 1
        if info.needs_target and not targets and not mutual and not self._open(trig, sources):
            return
        if not sources and not (agentless and targets):
            return
        pairs: list[tuple[Filler | None, Filler | None]]
        if mutual:
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        else:
            pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
        seen = set()
        # the two sides of an event; a mediator and the parties are not two sides
        pairing = modality != "negated" and "parties" not in pattern.flags
        date, date_text = self.date(trig)
        location = self.location(trig, [f.token for f in sources + targets])
        for source, target in pairs[:MAX_PAIRS]:
            src = source.actor if source else None
            tgt = target.actor if target else None
            if src is not None and tgt is not None and _same(src, tgt):
                continue
            key = (_key(src), _key(tgt))
            if key in seen:
                continue
            seen.add(key)
            if pairing and source and target and {source.how, target.how} <= PAIRING:
                self.memory.add_pair(src, tgt, pattern.type)
            yield Event(
                type=pattern.type,
                mode=pattern.mode or self._mode(trig),
                source=replace(src) if src else None,
                target=replace(tgt) if tgt else None,
                modality=modality,
                date=date,
                date_text=date_text,
                location=location,
                intensity=_intensity(pattern.intensity, modality),
                sentence=self.text[self.sent.start_char : self.sent.end_char].strip(),
                paragraph=self.paragraph,
                confidence=self._confidence(trig, source, target, modality, agentless),
            )

    def _open(self, trig: Trigger, sources: list[Filler]) -> bool:
        """An event of a type that needs a target, which stands without one: a denial of
        accusations ("open=L": the target slot names a thing from cue list L), or a threat
        of the source's own move ("own")."""
        words = next((f[5:] for f in trig.pattern.flags if f.startswith("open=")), None)
        if words and sources:
            slot = self._unresolved.get(trig.token.i, [])
            if any(_lemma(t) in self.lex.cue(words) for t in slot):
                return True
        return self._own_move(trig, sources)

    def _own_move(self, trig: Trigger, sources: list[Filler]) -> bool:
        """'warned that the state would not allow roads to be blocked', 'warned that it
        would respond': a threat whose clause says what the source itself will do stands
        without a named target."""
        if "own" not in trig.pattern.flags or not sources:
            return False
        countries = {s.actor.country for s in sources if s.actor and s.actor.country}
        for clause in trig.token.children:
            if clause.dep_ != "ccomp":
                continue
            aux = {c.lower_ for c in clause.children if c.dep_ == "aux"}
            if not aux & (self.lex.cue("future") | {"would"}):
                continue
            for subject in (c for c in clause.children if c.dep_ in SUBJECT_DEPS):
                if subject.lower_ in self.lex.cue("pronoun") | {"we"}:
                    return True
                if _lemma(subject) in self.lex.cue("institution"):
                    return True
                actor = self.actor(subject)
                if actor is not None and actor.country in countries:
                    return True
        return False

    def _each_other(self, trig: Trigger) -> bool:
        return any(
            _lemma(t) in ("other", "another")
            and any(c.lower_ in ("each", "one") for c in t.children)
            for t in self._unresolved.get(trig.token.i, [])
        )

    def _mode(self, trig: Trigger) -> str | None:
        if trig.pattern.type not in ("COOPERATE", "AID"):
            return None
        words = self.lex.cue("mode_words")
        for tok in [trig.token, *[c for c in trig.token.children if c.dep_ == "dobj"]]:
            for c in tok.children:
                if c.dep_ in ("amod", "compound") and _lemma(c) in words:
                    return "economic" if _lemma(c) in ("financial", "trade") else _lemma(c)
        return None

    def _confidence(
        self,
        trig: Trigger,
        source: Filler | None,
        target: Filler | None,
        modality: str,
        agentless: bool,
    ) -> float:
        score = 0.9
        if trig.pattern.pos == "noun":
            score *= 0.85
        weights = {"direct": 1.0, "inherited": 0.92, "far": 0.75, "group": 0.8}
        weights |= {"coordination": 0.7, "location": 0.6, "sides": 0.75, "anaphora": 0.7}
        weights |= {"earlier": 0.6, "scene": 0.55, "inside": 0.7}
        for filler in (source, target):
            if filler is not None:
                score *= weights.get(filler.how, 1.0)
        if source is None:
            score *= 0.7 if agentless else 0.8
        if modality == "conditional":
            score *= 0.85
        if self._hedged(trig.verb):
            score *= 0.8
        return round(max(0.05, min(0.99, score)), 2)

    # ------------------------------------------------------------------ nominals

    def _nominal_ok(self, trig: Trigger) -> bool:
        """A nominal is an event of its own unless a verb trigger already codes it
        ("called for sanctions") or the sentence calls it only possible."""
        tok = self._stand_in(trig.token)
        head = tok.head
        hops = [head, head.head] if head.dep_ == "prep" else [head]
        for gov in hops:
            if gov.i == tok.i:
                break
            governing = self.triggers.get(gov.i)
            light = _lemma(gov) in self.lex.cue("light")
            if governing is not None and governing.pattern.complement:
                light = False  # "called the restrictions hegemony": a judgement, not a call
            if governing is not None and not light and governing.pattern.pos == "verb":
                return False
        if tok.dep_ in ("nsubj", "nsubjpass"):
            for c in tok.head.children:
                if c.dep_ in ("acomp", "attr") and _lemma(c) in self.lex.cue("unlikely"):
                    return False
        return True

    # ------------------------------------------------------------------ slots

    def sources(self, trig: Trigger, skip: int = 0) -> tuple[list[Filler], bool]:
        """Source fillers, and whether the trigger is a passive without an agent; `skip`
        passes over that many inherited subjects that resolved."""
        pattern = trig.pattern
        tok = trig.token
        if trig.subject is not None:
            return self._resolve([trig.subject], "direct"), False
        passive = pattern.pos == "verb" and _passive(tok)
        for slot in pattern.source:
            found = self._fill(trig, slot, passive, skip=skip)
            if found:
                return found, False
        agentless = passive and not any(c.dep_ == "agent" for c in tok.children)
        happening = tok.dep_ == "nsubj" and _lemma(tok.head) in self.lex.cue("happen")
        if pattern.pos == "noun" and pattern.type == "PROTEST" and happening:
            # "protests spread across Belarus": people of the place protest
            for _, actor in self.places():
                if actor is not None and actor.country:
                    people = self._people(actor.country, "protesters")
                    return [Filler(tok, "group", people)], False
        return [], agentless

    def _people(self, country: str, name: str) -> Actor:
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
            found = self._resolve([trig.object], "direct")
            if not found:
                self._unresolved.setdefault(trig.token.i, []).append(trig.object)
            return found
        passive = trig.pattern.pos == "verb" and _passive(trig.token)
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
            groups = self._agents(tok) if passive else self._subjects(tok, further=skip > 0)
        elif slot == "obj":
            groups = [(self._grammatical_subjects(tok)[0][0], "inherited")] if passive else []
            if passive and not groups[0][0]:
                groups = []
            if passive and groups:  # "the companies, along with two importers, were added"
                groups = [(groups[0][0] + _companions(tok), "inherited")]
            if not passive:
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                if not objs and tok.dep_ in ("amod", "acl") and tok.tag_ == "VBN":
                    objs = [tok.head]
                if not objs:  # "opposed what it called 'illegal sanctions'"
                    objs = _free_relative(tok)
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
            verb = tok.head
            if tok.dep_ == "dobj" and _lemma(verb) in self.lex.cue("elicit"):
                groups = self._grammatical_subjects(verb)
            else:
                groups = []
        elif slot == "cond":  # "warned of consequences if Finland joined NATO"
            clauses = [c for c in tok.children if c.dep_ == "advcl" and _conditional(c, self.lex)]
            groups = [
                ([s for c in clauses for s in c.children if s.dep_ in SUBJECT_DEPS], "direct")
            ]
        elif slot == "between":
            objs = self._prep_objects(trig, "between")
            if not objs:
                return []
            every = [t for o in objs for t in _conjuncts(o)]
            # "talks between A and B": each with the other (A and B are sources and
            # targets, pairs of one actor are dropped); "mediate between A and B": both
            # are targets; a one-way event between A and B: A to B
            mutual = trig.pattern.mutual
            if role == "source":
                return self._resolve(every if mutual else every[:1], "direct", expand=False)
            between_source = "between" in trig.pattern.source and not mutual
            return self._resolve(every[1:] if between_source else every, "direct", expand=False)
        else:
            groups = [(self._prep_objects(trig, slot), "direct")]
        for tokens, how in groups:
            found = self._resolve(tokens, how)
            if found and skip and how != "direct":
                skip -= 1
                continue
            if found:
                return found
        if role == "target" and slot != "subj":
            unresolved = self._unresolved.setdefault(tok.i, [])
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

    def _resolve(self, tokens: list[Any], how: str, expand: bool = True) -> list[Filler]:
        out = []
        for head in tokens:
            if head.i < self._dateline_end():  # "PARIS (AFP) – A Paris court sentenced …"
                out += self._resolve(
                    [c for c in head.children if c.dep_ == "appos" and c.i >= self._dateline],
                    how,
                )
                continue
            for tok in _conjuncts(head) if expand else [head]:
                sides = self._sides(tok)
                if sides:
                    out += [Filler(tok, "sides", actor) for actor in sides]
                    continue
                members = self._members(tok)
                if members:
                    out += members
                    continue
                if _lemma(tok) in self.lex.cue("quantity"):  # "hundreds of Syrian refugees"
                    inner = [
                        o
                        for c in tok.children
                        if c.dep_ == "prep" and c.lower_ == "of"
                        for o in c.children
                        if o.dep_ == "pobj"
                    ]
                    found = self._resolve(inner, how) if inner else []
                    if found:
                        out += found
                        continue
                actor = self.actor(tok)
                if actor is not None:
                    kind = "group" if actor.id.startswith("group:") else how
                    out.append(Filler(tok, kind, actor))
        return out

    def _sides(self, tok: Any) -> list[Actor]:
        """'the two sides', 'both countries': the pair of actors the article has set
        against each other most often so far."""
        if tok.pos_ not in ("NOUN", "PROPN") or _lemma(tok) not in self.lex.cue("sides"):
            return []
        two = any(
            (c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both")
            or (c.dep_ == "nummod" and c.lower_ == "two")
            for c in tok.children
        )
        if not two or tok.tag_ not in ("NNS", "NNPS"):
            return []
        pair = self.memory.pair(self._kinds())
        return list(pair) if pair else []

    def _kinds(self) -> frozenset[str]:
        return frozenset(t.pattern.type for t in self.triggers.values())

    def _members(self, tok: Any) -> list[Filler]:
        """'officials from the United States and China', 'the foreign ministers of France
        and Germany': the actors a group of envoys speaks for, each on its own."""
        if _lemma(tok) not in self.lex.cue("delegate"):
            return []
        for c in tok.children:  # "U.S. and Chinese officials", "French and German leaders"
            if c.dep_ in ("amod", "nmod", "compound") and c.i < tok.i:
                every = [c] + [w for w in c.children if w.dep_ == "conj"]
                if len(every) < 2:
                    continue
                found = [Filler(t, "direct", a) for t in every if (a := self.actor(t))]
                if len({f.actor.id for f in found if f.actor}) > 1:
                    return found
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                every = [t for o in c.children if o.dep_ == "pobj" for t in _conjuncts(o)]
                if len(every) < 2:
                    continue
                found = [Filler(t, "direct", a) for t in every if (a := self.actor(t))]
                if len({f.actor.id for f in found if f.actor}) > 1:
                    return found
        return []

    def _subjects(self, verb: Any, further: bool = False) -> list[tuple[list[Any], str]]:
        """Candidate agents of an active verb, nearest first."""
        join = self._joined(verb)
        if join:
            return [(join, "direct")]
        return self._grammatical_subjects(verb, further)

    def _joined(self, verb: Any) -> list[Any]:
        """'Washington was joined by the EU and Britain in condemning …': all three."""
        prep = verb.head
        if verb.dep_ != "pcomp" or _lemma(prep) != "in" or _lemma(prep.head) != "join":
            return []
        join = prep.head
        subjects = [c for c in join.children if c.dep_ in ("nsubj", "nsubjpass")]
        others = [c for c in join.children if c.dep_ == "dobj"]
        others += [o for c in join.children if c.dep_ == "agent" for o in c.children]
        return subjects + others

    def _grammatical_subjects(
        self, verb: Any, further: bool = False
    ) -> list[tuple[list[Any], str]]:
        """Subjects of a verb, inherited through conj, xcomp, advcl, relcl and acl when
        it has none. When an inherited subject is no actor ("the arrests were illegal
        and called for sanctions"), the subject of the governing clause follows ("far"),
        and so it does when asked to look `further`."""
        out: list[tuple[list[Any], str]] = []
        tok, how = verb, "direct"
        climb = ("conj", "xcomp", "advcl", "acomp", "pcomp", "prep")
        for _ in range(8):
            deps = (*SUBJECT_DEPS, "nsubjpass")
            subs = [self._antecedent(c) for c in tok.children if c.dep_ in deps]
            if subs and how == "direct":
                subs += _companions(tok)  # "Russia, along with China, vetoed …"
            if subs:
                out.append((subs, how))
                if how in ("direct", "far") or (any(self.actor(s) for s in subs) and not further):
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
                if dep == "pcomp" and _lemma(tok.head) in ("of", "for"):
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
            tok = _up(tok)[1]
            if how == "direct":
                how = "inherited"
        return out or [([], "direct")]

    def _controller(self, gov: Any) -> list[Any]:
        """Object control: 'called on X to …', 'urged X to …' -> X does the xcomp."""
        trig = self.triggers.get(gov.i)
        if not (trig and trig.pattern.object_control) and _lemma(gov) not in OBJECT_CONTROL:
            return []
        objs = [c for c in gov.children if c.dep_ == "dobj"]
        for c in gov.children:
            if c.dep_ == "prep" and _lemma(c) == "on" and self._real_prep(c):
                objs += [o for o in c.children if o.dep_ == "pobj"]
        return objs

    def _antecedent(self, tok: Any) -> Any:
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            return tok.head.head
        return tok

    def _agents(self, verb: Any) -> list[tuple[list[Any], str]]:
        agents = [o for c in verb.children if c.dep_ == "agent" for o in c.children]
        return [(agents, "direct")]

    def _possessors(self, noun: Any) -> list[Any]:
        out = [c for c in noun.children if c.dep_ == "poss"]
        for c in noun.children:
            modifier = c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i
            if modifier and c not in out and self.index.actor_for_token(self.paragraph, c):
                out.append(c)
        return out

    def _stand_in(self, noun: Any) -> Any:
        """'a package of sanctions', '120 million euros in aid', 'a round of talks': the
        measure or amount holds the place in the clause that the event would hold."""
        for _ in range(2):
            prep = noun.head
            if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("of", "in"):
                break
            amount = prep.head
            if amount.pos_ not in ("NOUN", "PROPN", "NUM"):
                break
            if _lemma(amount) not in self.lex.cue("partitive") and amount.ent_type_ != "MONEY":
                break
            noun = amount
        return noun

    def _governor_subjects(self, noun: Any) -> list[tuple[list[Any], str]]:
        noun = self._stand_in(noun)
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            gov = head.head
            if _lemma(head) == "in" and _lemma(gov) in ("participate", "engage", "take", "join"):
                return self._grammatical_subjects(gov)
            return []
        if noun.dep_ in ("dobj", "nsubjpass") and _lemma(head) in self.lex.cue("light"):
            if noun.dep_ == "nsubjpass":
                return self._agents(head)
            if _passive(head):
                return self._agents(head)
            return self._grammatical_subjects(head)
        return []

    def _prep_objects(self, trig: Trigger, word: str) -> list[Any]:
        tok = trig.token
        hosts = [tok]
        if trig.pattern.pos == "verb":
            hosts += [c for c in tok.children if c.dep_ == "dobj"]
            if trig.pattern.child and trig.pattern.prep is None:  # "pulled … out of Iraq"
                hosts += [c for c in tok.children if _lemma(c) == trig.pattern.child]
        else:
            stand = self._stand_in(tok)
            if stand is not tok:
                hosts.append(stand)  # "a package of sanctions against Russia"
            if stand.dep_ in ("dobj", "nsubjpass") and stand.head.pos_ in ("VERB", "AUX"):
                hosts.append(stand.head)  # "imposed sanctions on Russia"
        out = []
        for host in hosts:
            for c in host.children:
                prep = c.dep_ in ("prep", "dative", "agent") and c.lower_ == word
                if prep and self._real_prep(c):
                    out += [o for o in c.children if o.dep_ == "pobj"]
        return out

    # ------------------------------------------------------------------ actors

    def actor(self, tok: Any) -> Actor | None:
        if tok.i not in self._cache:
            self._cache[tok.i] = self._actor(tok)
        return self._cache[tok.i]

    def _actor(self, tok: Any) -> Actor | None:
        if tok.ent_type_ in self.lex.cue("time_ent") and tok.ent_type_ != "CARDINAL":
            return None
        if tok.i < self._dateline_end():
            return None  # "NAIROBI (AP) — …": the dateline names where, not who
        found = self.index.actor_for_token(self.paragraph, tok)
        if found is not None:
            return self._local_people(tok, found) or found
        start, end = _core_span(tok)
        if (start, end) != (tok.idx, tok.idx + len(tok.text)):
            found = self.index.actor_for_span(self.paragraph, start, end)
            if found is not None:
                return found
        if _lemma(tok) in self.lex.cue("institution"):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for o in c.children:
                        found = (
                            self.index.actor_for_token(self.paragraph, o)
                            if o.dep_ == "pobj"
                            else None
                        )
                        if found is not None:
                            return found
        if tok.lower_ in self.lex.cue("pronoun") and tok.dep_ in ("nsubj", "nsubjpass"):
            found = self._reporter(tok)
            if found is not None:
                return found
        return self._group(tok)

    def _local_people(self, tok: Any, found: Actor) -> Actor | None:
        """'killed dozens of civilians in Yemen': civilians whose country only the
        article's context gave are the people of the place the sentence names."""
        info = self.lex.groups.get(_lemma(tok))
        if info is None or info[0] != "CVL" or found.kind == "country":
            return None
        if any(c.dep_ in ("amod", "compound", "poss", "nmod", "prep") for c in tok.children):
            return None  # "Syrian refugees", "residents of Kherson": the phrase says whose
        local = self._group(tok)
        return local if local is not None and local.country != found.country else None

    def _dateline_end(self) -> int:
        """The token index where a wire dateline at the start of the paragraph ends
        ("BELGRADE, Dec. 18 —", "NAIROBI (AP) —"); 0 without one."""
        if self._dateline is None:
            self._dateline = 0
            doc = self.sent.doc
            first = doc[0] if len(doc) else None
            if self.sent.start == 0 and first is not None and first.text.isupper():
                for tok in doc[1:14]:
                    if tok.text in DATELINE_DASHES:
                        self._dateline = tok.i + 1
                        break
        return self._dateline

    def _reporter(self, pronoun: Any) -> Actor | None:
        """'France said it backed …': an unresolved subject pronoun of a clause that a
        speech verb or an event governs takes that verb's subject."""
        clause = pronoun.head
        for _ in range(4):
            if clause.dep_ in ("ROOT",) or clause.head is clause:
                return None
            gov = clause.head
            if clause.dep_ in ("ccomp", "acl", "relcl", "advcl", "conj") and (
                _lemma(gov) in self.lex.cue("speech") or gov.i in self.triggers
            ):
                subs = [c for c in gov.children if c.dep_ in SUBJECT_DEPS]
                for s in subs:
                    if s.lower_ not in self.lex.cue("pronoun"):
                        return self.actor(s)
            if gov.pos_ in ("NOUN", "PROPN"):
                gov = gov.head
            clause = gov
        return None

    def _group(self, tok: Any) -> Actor | None:
        """A generic group ('3,000 people', 'police') of the country the sentence names."""
        lemma = _lemma(tok)
        if lemma not in self.lex.groups:
            return None
        role, kind = self.lex.groups[lemma]
        country = None
        for _, actor in self.places():
            if actor is not None and actor.country:
                country = actor.country
                break
        if country is None:
            return None
        name = self.text[_core_span(tok)[0] : tok.idx + len(tok.text)]
        return Actor(
            id=f"group:{country}:{role}:{lemma}",
            name=name,
            kind=kind,
            country=country,
            role=role,
            description=f"{name} ({country})",
            mentions=1,
        )

    def places(self) -> list[tuple[Any, Actor | None]]:
        """Places the sentence names after a locative preposition, with their actor."""
        if self._places is None:
            self._places = []
            locative = self.lex.cue("locative")
            place_ent = self.lex.cue("place_ent")
            for ent in self.sent.ents:
                if ent.label_ not in place_ent:
                    continue
                root = ent.root
                if root.dep_ in ("poss", "compound", "amod") and root.head.dep_ == "pobj":
                    root = root.head  # "in Russia's Samara region", "in the Gaza Strip area"
                if root.dep_ == "pobj" and _lemma(root.head) in locative:
                    actor = self.index.actor_for_span(self.paragraph, ent.start_char, ent.end_char)
                    self._places.append((ent, actor))
        return self._places

    def location(self, trig: Trigger, parties: list[Any]) -> str | None:
        places = [(e, a) for e, a in self.places() if not any(t in e for t in parties)]
        if not places:
            return None
        scope = set(t.i for t in _clause_group(trig.verb))
        inside = [e for e, _ in places if e.root.i in scope]
        ent = (inside or [e for e, _ in places])[0]
        text = ent.text
        return text[4:] if text.lower().startswith("the ") else text

    def _fallback_targets(
        self,
        trig: Trigger,
        sources: list[Filler],
        coded: dict[int, list[tuple[Actor | None, Actor | None]]],
    ) -> list[Filler]:
        """A target for a dyadic event whose slots gave none: the target of a
        coordinated verb with the same source ('called on X to … and condemned …'),
        else a place in the same clauses whose country is not the source's."""
        group = _clause_group(trig.verb)
        src_keys = {_key(s.actor) for s in sources}
        if trig.verb.dep_ == "xcomp":  # "condemned the measures and vowed to retaliate"
            group = group + _clause_group(trig.verb.head)
        for other in group:
            if other.i == trig.token.i or other.i not in coded:
                continue
            for src, tgt in coded[other.i]:
                if tgt is not None and _key(src) in src_keys:
                    return [Filler(other, "coordination", tgt)]
        for other in self.triggers.values():  # "threatened to strike the United States"
            if other is trig or other.token.i not in coded:
                continue
            if other.verb.head.i == trig.token.i and other.verb.dep_ in ("xcomp", "ccomp"):
                for _, tgt in coded[other.token.i]:
                    if tgt is not None:
                        return [Filler(other.token, "coordination", tgt)]
        governor = self.triggers.get(trig.verb.head.i)  # "sent a team to Kenya to help"
        same = governor is not None and governor.pattern.type == trig.pattern.type
        if same and trig.verb.dep_ in ("xcomp", "advcl"):
            for src, tgt in coded.get(governor.token.i, []):
                if tgt is not None and _key(src) in src_keys:
                    return [Filler(governor.token, "coordination", tgt)]
        if "deep" in trig.pattern.flags:
            found = self._inside_object(trig, sources)
            if found:
                return found
        ids = {t.i for t in group for t in t.subtree}
        countries = {s.actor.country for s in sources if s.actor}
        for ent, actor in self.places():
            if actor is None or ent.root.i not in ids or actor.country in countries:
                continue
            if actor.country or actor.org:
                return [Filler(ent.root, "location", actor)]
        direct = [
            s
            for s in sources
            if s.how in ("direct", "inherited") and s.actor and (s.actor.country or s.actor.org)
        ]
        clause = trig.verb is not trig.token or trig.pattern.pos == "verb"  # not a headline
        if self.lex.types[trig.pattern.type].scene_target and direct and clause:
            return self._scene(trig, countries)
        return []

    def _inside_object(self, trig: Trigger, sources: list[Filler]) -> list[Filler]:
        """'rejected the result of the by-election for Nairobi county governor': the
        first actor named inside the object phrase (not in a clause of its own)."""
        ids = {s.actor.id for s in sources if s.actor}
        queue = [c for c in trig.token.children if c.dep_ == "dobj"]
        seen = 0
        while queue and seen < 24:
            tok = queue.pop(0)
            seen += 1
            actor = self.actor(tok) if seen > 1 else None
            if actor is not None and actor.id not in ids:
                return [Filler(tok, "inside", actor)]
            queue += [c for c in tok.children if c.dep_ not in CLAUSE_DEPS]
        return []

    def _scene(self, trig: Trigger, countries: set[str | None]) -> list[Filler]:
        """'the first United Nations aid to get through': aid without a recipient goes
        to the country the article is about, when that is not the giver's."""
        actor = self.memory.main_country(self.index)
        if actor is None or actor.country in countries:
            return []
        return [Filler(trig.token, "scene", actor)]

    def _place_target(self, trig: Trigger, sources: list[Filler]) -> list[Filler]:
        """'Israeli warplanes bombed targets in southern Lebanon': the place's country,
        when it is not the source's own."""
        countries = {s.actor.country for s in sources if s.actor}
        for ent, actor in self.places():
            if actor is not None and actor.country and actor.country not in countries:
                return [Filler(ent.root, "location", actor)]
        return []

    # ------------------------------------------------------------------ modality

    def modality(self, trig: Trigger) -> str | None:
        """asserted, intended, conditional, requested, negated or reported; None when
        the sentence only gives an opinion or a possibility."""
        lex = self.lex
        verb = trig.verb
        flags: set[str] = set()
        if _negated(trig.token) or (verb is not trig.token and _negated(verb)):
            flags.add("negated")
        aux = {_lemma(c) for c in verb.children if c.dep_ == "aux"} | {
            c.lower_ for c in verb.children if c.dep_ == "aux"
        }
        if aux & lex.cue("hedge"):
            flags.add("conditional")
        if aux & lex.cue("future") or "would" in aux:
            flags.add("intended")
        obligation = bool(aux & lex.cue("obligation"))
        if trig.token.dep_ == "xcomp" and _lemma(trig.token.head) == "have":
            obligation = True
        threat = trig.pattern.type == "THREATEN"  # "warned of … if X": the warning is made
        if not threat and any(c.dep_ == "advcl" and _conditional(c, lex) for c in verb.children):
            flags.add("conditional")
        tok = verb
        reported = False
        barrier = False  # a finite adverbial clause with its own subject is not reported
        for _ in range(8):
            if tok.dep_ == "advcl" and _conditional(tok, lex):
                flags.add("conditional")
            dep, head = _up(tok)
            if dep in ("ROOT", "acl", "relcl") or head is tok:
                break  # a clause that describes a noun keeps its own modality
            if dep in ("xcomp", "ccomp", "acomp", "advcl", "conj", "pcomp", "prep", "dobj"):
                lemma = _lemma(head)
                gov = self.triggers.get(head.i)
                if gov is not None and gov.subject is not None:
                    gov = None  # a mended relative clause embeds nothing
                embeds = dep in ("xcomp", "ccomp", "dobj", "prep")
                if gov is not None and gov is not trig and embeds and gov.pattern.embed:
                    flags.add(gov.pattern.embed)
                if dep in ("xcomp", "acomp", "prep", "pcomp") and lemma in lex.cue("intent"):
                    flags.add("intended")
                if dep in ("xcomp", "ccomp") and lemma in lex.cue("cease"):
                    flags.add("negated")  # "called on both sides to stop fighting"
                if dep in ("ccomp", "conj") and lemma in lex.cue("speech") and not barrier:
                    reported = True
                if dep == "ccomp" and lemma in lex.cue("opinion"):
                    subs = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
                    if not any(self.actor(s) for s in subs):
                        return None
            if dep == "advcl" and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
                barrier = True
            if dep in ("parataxis",) and _lemma(head) in lex.cue("speech"):
                reported = True
            tok = head
        for c in self.sent.root.children if self.sent.root is not verb else []:
            if c.dep_ == "parataxis" and _lemma(c) in lex.cue("speech"):
                reported = True
        if any(t.lower_ == "according" for t in self.sent):
            reported = True
        if obligation:
            if not reported:
                return None  # "X should impose sanctions": an opinion
            flags.add("requested")
        for name in ("negated", "conditional", "requested", "intended"):
            if name in flags:
                return name
        return "reported" if reported else "asserted"

    def _hedged(self, verb: Any) -> bool:
        return any(_lemma(c) in self.lex.cue("hedge") for c in verb.children if c.dep_ == "aux")

    # ------------------------------------------------------------------ time

    def date(self, trig: Trigger) -> tuple[str | None, str | None]:
        """The date of a time in the trigger's clauses, else one elsewhere in the
        sentence, else the publication date."""
        start, end = self.sent.start_char, self.sent.end_char
        doc = self.sent.doc
        inside: list[tuple[int, Time]] = []
        scope = {t.i for t in _clause_group(trig.verb) for t in t.subtree}
        for time in self.times:
            if time.paragraph != self.paragraph or not time.value:
                continue
            if time.start is not None and time.end is not None:
                if not (start <= time.start < end):
                    continue
                span = doc.char_span(time.start, time.end, alignment_mode="expand")
                first = span[0].i if span is not None and len(span) else trig.token.i
            else:
                where = self.text.find(time.text, start, end)
                if where < 0:
                    continue
                span = doc.char_span(where, where + len(time.text), alignment_mode="expand")
                first = span[0].i if span is not None and len(span) else trig.token.i
            rank = abs(first - trig.token.i) + (0 if first in scope else 1000)
            inside.append((rank, time))
        if inside:
            time = min(inside, key=lambda pair: pair[0])[1]
            return time.value, time.text
        if self.published:
            return self.published[:10], "publication date"
        return None, None


# ---------------------------------------------------------------------- helpers


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def _pos(tok: Any) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "noun"
    return None


def _passive(tok: Any) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")


FINITE = ("VBD", "VBZ", "VBP")


def _up(tok: Any) -> tuple[str, Any]:
    """The dependency and head of a clause, mending one common misparse: a finite
    verb coordinated with an infinitive ("called on X to release … and condemned …")
    belongs to the finite verb that governs the infinitive."""
    head = tok.head
    finite_on_infinitive = tok.dep_ == "conj" and tok.tag_ in FINITE and head.tag_ == "VB"
    if finite_on_infinitive and head.dep_ in ("xcomp", "advcl") and head.head is not head:
        return "conj", head.head
    return tok.dep_, head


def _negated(tok: Any) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children)


def _conditional(clause: Any, lex: Lexicon) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in lex.cue("condition") for c in clause.children)


def _conjuncts(tok: Any) -> list[Any]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(_conjuncts(c))
    return out


def _companions(verb: Any) -> list[Any]:
    """'X, along with Y, were added …': Y shares X's slot."""
    out = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("along", "together"):
            for w in c.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    out += [o for o in w.children if o.dep_ == "pobj"]
    return out


def _free_relative(verb: Any) -> list[Any]:
    """'opposed what it called "illegal sanctions"': the thing so called."""
    for c in verb.children:
        if c.dep_ != "ccomp" or not any(w.lower_ == "what" for w in c.children):
            continue
        named = [o for o in c.children if o.dep_ in ("oprd", "attr")]
        if named:
            return named
    return []


def _modifiers(noun: Any) -> set[str]:
    """Lemmas that describe a noun: its modifiers, and its of-object with its own
    ("the sanctions list", "the list of Specially Designated Nationals")."""
    out = set()
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss"):
            out |= {_lemma(t) for t in c.subtree}
        if c.dep_ == "prep" and c.lower_ == "of":
            out |= {_lemma(t) for o in c.children if o.dep_ == "pobj" for t in o.subtree}
    return out


def _amods(tok: Any) -> set[str]:
    return {_lemma(c) for c in tok.children if c.dep_ in ("amod", "compound")}


def _complements(verb: Any) -> list[Any]:
    """'described X as meddling', 'called it a provocation', 'branded X illegal'."""
    out = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "ccomp")]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            out += [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
        if c.dep_ == "dobj":
            out += [o for o in c.children if o.dep_ in ("oprd", "amod") and o.i > c.i]
    return out


def _core_span(tok: Any) -> tuple[int, int]:
    """Character span of a noun with its left modifiers ('France's foreign minister')."""
    start = tok.idx
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case"):
            start = min(start, c.left_edge.idx)
    return start, tok.idx + len(tok.text)


def _clause_group(verb: Any) -> list[Any]:
    """A verb and the verbs coordinated with it."""
    top = verb
    while top.dep_ == "conj" and top.head is not top:
        top = _up(top)[1]
    out = [top]
    stack = [top]
    while stack:
        cur = stack.pop()
        for c in cur.subtree:
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and _up(c)[1] is cur and c not in out:
                out.append(c)
                stack.append(c)
    return out


def _same(a: Actor, b: Actor) -> bool:
    return a.id == b.id


def _key(actor: Actor | None) -> str | None:
    return None if actor is None else actor.id


def _code(actor: Actor | None) -> str | None:
    return None if actor is None else (actor.country or actor.org)


def _intensity(value: float, modality: str) -> float:
    if modality == "negated":
        return 0.0
    if modality in ("intended", "conditional", "requested"):
        return round(value * 0.5, 2)
    return value


def code_events(
    paragraphs: Sequence[str],
    docs: Sequence[Any],
    actors: ActorIndex,
    times: Sequence[Time] = (),
    published: str | None = None,
) -> list[Event]:
    """PLOVER events of an article: who did what to whom, when and where."""
    lex = load_lexicon()
    events: list[Event] = []
    memory = Memory()
    for number, (text, doc) in enumerate(zip(paragraphs, docs, strict=False)):
        mine = [t for t in times if t.paragraph == number]
        for sent in doc.sents:
            memory.sentence += 1
            coder = SentenceCoder(lex, actors, number, text, sent, mine, published, memory)
            found = _dedupe(coder.events())
            events.extend(found)
            memory.add_events(found)
    return events


def _dedupe(events: Iterator[Event]) -> list[Event]:
    """One event per type, source, target and modality in a sentence; an event
    without a target gives way to the same one with a target."""
    best: dict[tuple[Any, ...], Event] = {}
    for event in events:
        key = (event.type, _key(event.source), _key(event.target), event.modality)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    targeted = {(e.type, _key(e.source)) for e in best.values() if e.target is not None}
    return [
        e for e in best.values() if e.target is not None or (e.type, _key(e.source)) not in targeted
    ]
