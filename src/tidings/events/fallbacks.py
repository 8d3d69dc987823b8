"""Where the slots of a trigger name no actor: the target or source the article and
the sentence still give (an earlier event the slot refers to, the country of a place,
the parties of a mediated thing, a coordinated verb's target, the article's country)."""

from __future__ import annotations

from tidings.events.grammar import (
    SUBJECT_DEPS,
    actor_key,
    clause_group,
    code_of,
    lemma_of,
    phrase_dependents,
)
from tidings.events.sentence import Filler, Sentence, Trigger
from tidings.events.slots import SlotFiller
from tidings.record import Actor, Event

CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc"})


class Fallbacks:
    """Targets and sources found beyond a trigger's own slots."""

    def __init__(self, sentence: Sentence, slots: SlotFiller) -> None:
        self.s = sentence
        self.slots = slots

    def earlier_source(self, trig: Trigger, emitted: list[Event]) -> list[Filler]:
        """'… were added to the list' after 'the United States imposed sanctions': a
        passive without an agent continues the latest event of its type nearby."""
        for event in reversed(self.s.memory.events + emitted):
            if event.paragraph < self.s.paragraph - 2:
                break
            if event.type == trig.pattern.type and event.source is not None:
                return [Filler(trig.token, "earlier", event.source)]
        return []

    def antecedent_targets(
        self, trig: Trigger, sources: list[Filler], emitted: list[Event]
    ) -> list[Filler]:
        """'Moscow rejects the charge', 'condemned the measures': a target slot naming an
        earlier event (refer_* in cues.tsv) stands for that event's source — the one
        aimed at this event's source, else (but for accusations) the latest nearby from
        someone else."""
        words = [
            t for t in self.s.unresolved.get(trig.token.i, []) if lemma_of(t) in self.s.lex.refers
        ]
        if not words:
            return []
        mine = {code_of(f.actor) for f in sources if f.actor} - {None}
        ids = {f.actor.id for f in sources if f.actor}
        earlier = self.s.memory.events + emitted
        for word in words:
            kinds = self.s.lex.refers[lemma_of(word)]
            found = [e for e in earlier if e.type in kinds and e.source is not None]
            found = [e for e in found if e.source.id not in ids]
            for event in reversed(found):
                if code_of(event.target) in mine:
                    return [Filler(word, "anaphora", event.source)]
            if kinds == {"ACCUSE"}:
                continue  # an accusation is denied by the accused: none of them, no accuser
            for event in reversed(found):
                if event.paragraph < self.s.paragraph - 3:
                    break
                if code_of(event.source) not in mine:
                    return [Filler(word, "anaphora", event.source)]
        return []

    def focus_of(self, trig: Trigger) -> list[Filler]:
        """'WeWork is the subject of an SEC inquiry', 'Kyiv became the target of the
        strikes': what a nominal event is the subject, target or focus of (cues.tsv
        focus) is the one the copula says it of."""
        tok = self.s.stand_in(trig.token)
        of = tok.head
        if (
            tok.dep_ != "pobj"
            or of.lower_ != "of"
            or lemma_of(of.head) not in self.s.lex.cue("focus")
        ):
            return []
        focus = of.head
        if focus.dep_ not in ("attr", "oprd") or lemma_of(focus.head) not in ("be", "become"):
            return []
        subjects = [c for c in focus.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return self.slots.resolve(subjects, "direct")

    def domestic_target(self, trig: Trigger, sources: list[Filler]) -> list[Filler]:
        """'the opposition rejected the result', 'alleged that the vote had been marred':
        a country's own vote (cues.tsv domestic) stands for that country, when the source
        is of the country the article is about."""
        words = [
            t
            for t in self.s.unresolved.get(trig.token.i, [])
            if lemma_of(t) in self.s.lex.cue("domestic")
        ]
        if not words or not sources:
            return []
        main = self.s.memory.main_country(self.s.index)
        if main is None or any(s.actor is None or s.actor.country != main.country for s in sources):
            return []
        return [Filler(words[0], "scene", main)]

    def unnamed_people(self, trig: Trigger) -> list[Filler]:
        """'a man was stabbed to death in Paris', 'a gunman killed two people': people the
        text does not name (cues.tsv persons) stand for the country where it happened — a
        place the sentence names, else the country the article is about — as the manual's
        coders code unnamed civilians by their country."""
        people = self.s.lex.cue("persons") | self.s.lex.cue("captive")
        words = [t for t in self.s.unresolved.get(trig.token.i, []) if lemma_of(t) in people]
        if not words:
            return []
        for _, actor in self.s.places():
            if actor is not None and actor.country:
                return [Filler(words[0], "scene", actor)]
        main = self.s.memory.main_country(self.s.index)
        return [Filler(words[0], "scene", main)] if main is not None else []

    def parties(self, trig: Trigger) -> list[Filler]:
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
            found = self.slots.resolve(between, "direct")
            if found:
                return found
            verb = thing.head.head if thing.dep_ == "pobj" else None
            if verb is not None and verb.pos_ in ("VERB", "AUX"):
                subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
                found = self.slots.resolve(subs, "inherited")
                if found:
                    return found
        pair = self.s.memory.pair(self.s.kinds()) if things else None
        return [Filler(tok, "sides", actor) for actor in pair] if pair else []

    def fallback_targets(
        self,
        trig: Trigger,
        sources: list[Filler],
        coded: dict[int, list[tuple[Actor | None, Actor | None]]],
    ) -> list[Filler]:
        """A target for a dyadic event whose slots gave none: the target of a
        coordinated verb with the same source ('called on X to … and condemned …'),
        else a place in the same clauses whose country is not the source's."""
        group = clause_group(trig.verb)
        src_keys = {actor_key(s.actor) for s in sources}
        if trig.verb.dep_ == "xcomp":  # "condemned the measures and vowed to retaliate"
            group = group + clause_group(trig.verb.head)
        for other in group:
            if other.i == trig.token.i or other.i not in coded:
                continue
            for src, tgt in coded[other.i]:
                if tgt is not None and actor_key(src) in src_keys:
                    return [Filler(other, "coordination", tgt)]
        for other in self.s.triggers.values():  # "threatened to strike the United States"
            if other is trig or other.token.i not in coded:
                continue
            if other.verb.head.i == trig.token.i and other.verb.dep_ in ("xcomp", "ccomp"):
                for _, tgt in coded[other.token.i]:
                    if tgt is not None:
                        return [Filler(other.token, "coordination", tgt)]
        governor = self.s.triggers.get(trig.verb.head.i)  # "sent a team to Kenya to help"
        same = governor is not None and governor.pattern.type == trig.pattern.type
        if same and trig.verb.dep_ in ("xcomp", "advcl"):
            for src, tgt in coded.get(governor.token.i, []):
                if tgt is not None and actor_key(src) in src_keys:
                    return [Filler(governor.token, "coordination", tgt)]
        if "deep" in trig.pattern.flags:
            found = self._inside_object(trig, sources)
            if found:
                return found
        ids = {t.i for t in group for t in t.subtree}
        countries = {s.actor.country for s in sources if s.actor}
        for ent, actor in self.s.places():
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
        if self.s.lex.types[trig.pattern.type].scene_target and direct and clause:
            return self._scene(trig, countries)
        return []

    def _inside_object(self, trig: Trigger, sources: list[Filler]) -> list[Filler]:
        """'rejected the result of the by-election for Nairobi county governor': the
        first actor named inside the object phrase (not in a clause of its own); for a
        nominal, inside its target preposition's object ("concern over Poland's law")."""
        ids = {s.actor.id for s in sources if s.actor}
        if trig.pattern.pos == "noun":
            queue = [
                o
                for c in trig.token.children
                if c.dep_ == "prep" and c.lower_ in trig.pattern.target
                for o in c.children
                if o.dep_ == "pobj"
            ]
        else:  # the object, or what the target preposition governs ("walked out of …")
            heads = [trig.token, *phrase_dependents(trig.token, trig.pattern)]
            queue = [c for c in trig.token.children if c.dep_ == "dobj"]
            queue += [
                o
                for head in heads
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in trig.pattern.target
                for o in c.children
                if o.dep_ == "pobj"
            ]
        seen = 0
        while queue and seen < 24:
            tok = queue.pop(0)
            seen += 1
            actor = self.s.actor(tok) if seen > 1 else None
            if actor is not None and actor.id not in ids:
                return [Filler(tok, "inside", actor)]
            queue += [c for c in tok.children if c.dep_ not in CLAUSE_DEPS]
        return []

    def _scene(self, trig: Trigger, countries: set[str | None]) -> list[Filler]:
        """'the first United Nations aid to get through': aid without a recipient goes
        to the country the article is about, when that is not the giver's."""
        actor = self.s.memory.main_country(self.s.index)
        if actor is None or actor.country in countries:
            return []
        return [Filler(trig.token, "scene", actor)]

    def place_target(self, trig: Trigger, sources: list[Filler]) -> list[Filler]:
        """'Israeli warplanes bombed targets in southern Lebanon': the place's country,
        when it is not the source's own."""
        countries = {s.actor.country for s in sources if s.actor}
        for ent, actor in self.s.places():
            if actor is not None and actor.country and actor.country not in countries:
                return [Filler(ent.root, "location", actor)]
        return []

    def open(self, trig: Trigger, sources: list[Filler]) -> bool:
        """An event of a type that needs a target, which stands without one: a denial of
        accusations ("open=L": the target slot names a thing from cue list L), or a threat
        of the source's own move ("own")."""
        words = trig.pattern.value("open")
        if words and sources:
            slot = self.s.unresolved.get(trig.token.i, [])
            if any(lemma_of(t) in self.s.lex.cue(words) for t in slot):
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
            if not aux & (self.s.lex.cue("future") | {"would"}):
                continue
            for subject in (c for c in clause.children if c.dep_ in SUBJECT_DEPS):
                if subject.lower_ in self.s.lex.cue("pronoun") | {"we"}:
                    return True
                if lemma_of(subject) in self.s.lex.cue("institution"):
                    return True
                actor = self.s.actor(subject)
                if actor is not None and actor.country in countries:
                    return True
        return False

    def each_other(self, trig: Trigger) -> bool:
        return any(
            lemma_of(t) in ("other", "another")
            and any(c.lower_ in ("each", "one") for c in t.children)
            for t in self.s.unresolved.get(trig.token.i, [])
        )
