"""The PLOVER event coder: one sentence at a time, in the order of the article.

For every sentence, `TriggerFinder` finds the words that name events
(`data/events/patterns.tsv`), `SlotFiller` reads source and target from the
dependency slots the pattern names and resolves them to actors, `Fallbacks` finds
what the slots leave out, `ModalityReader` decides the modality from the clauses
that govern the trigger, and `Where` the place and date. What the coder adds on its
own is small and says so in the confidence: subjects inherited through coordination
and control, a generic group ("police", "3,000 people") given the country of the
place the sentence names, and a target carried over from a coordinated verb or
taken from that place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from tidings.actors.index import ActorIndex
from tidings.events.fallbacks import Fallbacks
from tidings.events.grammar import actor_key, lemma_of, same_actor
from tidings.events.learned import ArticleVotes, Votes
from tidings.events.memory import Memory
from tidings.events.modality import CONTENT, ModalityReader
from tidings.events.patterns import Lexicon, load_lexicon
from tidings.events.sentence import Filler, Sentence, Trigger
from tidings.events.slots import SlotFiller
from tidings.events.triggers import TriggerFinder
from tidings.events.voices import Voices
from tidings.events.where import PUBLICATION, Where
from tidings.record import Actor, Event, Quote, Time

MAX_PAIRS = 6
PAIRING = frozenset({"direct", "inherited", "far", "group"})  # fillers that name two sides


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
        votes: Callable[[bool], Votes | None] | None = None,
        voices: Voices | None = None,
    ) -> None:
        memory = memory if memory is not None else Memory()
        self.votes = votes
        self.read: Votes | None = None  # the learned check's votes, once asked
        self.s = Sentence(lex, index, paragraph, text, sent, times, published, memory, voices)
        self.finder = TriggerFinder(self.s)
        self.slots = SlotFiller(self.s)
        self.fallbacks = Fallbacks(self.s, self.slots)
        self.modality_reader = ModalityReader(self.s)
        self.where = Where(self.s)

    def events(self) -> Iterator[Event]:
        self.finder.find_triggers()
        votes = self.votes(bool(self.s.triggers)) if self.votes is not None else None
        self.read = votes
        if votes is not None:
            self._check_triggers(votes)
        coded: dict[int, list[tuple[Actor | None, Actor | None]]] = {}
        pending: list[tuple[Trigger, list[Filler], list[Filler], str, bool]] = []
        for trig in self.s.triggers.values():
            pattern = trig.pattern
            if pattern.pos == "noun" and not self.finder.nominal_ok(trig):
                continue
            modality = self.modality_reader.modality(trig)
            if modality is None:  # opinion or hypothesis, not an event
                continue
            sources, passive_agentless = self.slots.sources(trig)
            if pattern.who and not any(
                lemma_of(f.token) in self.s.lex.cue(pattern.who) for f in sources
            ):
                continue  # "supporters gathered" is a protest, "leaders gathered" is not
            targets = self.slots.targets(trig)
            if (
                sources
                and targets
                and all(
                    s.actor and t.actor and same_actor(s.actor, t.actor)
                    for s in sources
                    for t in targets
                )
            ):  # "the vessel had intruded … and accused Manila": not Manila's own accusation
                sources, passive_agentless = self.slots.sources(trig, skip=1)
            if pattern.whom:
                slot = [f.token for f in targets] + self.s.unresolved.get(trig.token.i, [])
                if not any(lemma_of(t) in self.s.lex.cue(pattern.whom) for t in slot):
                    continue
            pending.append((trig, sources, targets, modality, passive_agentless))
        # first pass: targets found in the slots, for coordination fallback
        for trig, sources, targets, _, _ in pending:
            coded[trig.token.i] = [(s.actor, t.actor) for s in sources for t in targets]
        emitted: list[Event] = []
        for trig, sources, targets, modality, agentless in pending:
            info = self.s.lex.types[trig.pattern.type]
            if not sources and agentless and targets:
                sources = self.fallbacks.earlier_source(trig, emitted)
                agentless = agentless and not sources
            if not targets:
                targets = self.fallbacks.antecedent_targets(trig, sources, emitted)
            if not targets:
                targets = self.fallbacks.focus_of(trig)
            if not targets:
                targets = self.fallbacks.domestic_target(trig, sources)
            if not targets and not sources:
                targets = self.fallbacks.unnamed_people(trig)
            if not targets and "parties" in trig.pattern.flags:
                targets = self.fallbacks.parties(trig)
            several = len({s.actor.id for s in sources if s.actor}) > 1
            each_other = several and (trig.pattern.mutual or all(s.how == "sides" for s in sources))
            if not targets and info.place_target and "needs_target" not in trig.pattern.flags:
                targets = self.fallbacks.place_target(trig, sources) if sources else []
            elif not targets and not each_other:
                # "Armenia and Azerbaijan reached a deal in Washington": each with the other
                targets = self.fallbacks.fallback_targets(trig, sources, coded)
            if targets and not coded[trig.token.i]:  # later triggers may borrow them
                coded[trig.token.i] = [(s.actor, t.actor) for s in sources for t in targets]
            if modality == CONTENT:
                continue
            for event in self._emit(trig, sources, targets, modality, agentless):
                emitted.append(event)
                yield event
                also = self._also(trig, event)
                if also is not None:
                    emitted.append(also)
                    yield also

    def _also(self, trig: Trigger, event: Event) -> Event | None:
        """The second event a trigger reports (pattern flag `also=TYPE:MODE:CUES`)."""
        spec = trig.pattern.value("also")
        if spec is None:
            return None
        kind, mode, cue = spec.split(":")
        if not {lemma_of(t) for t in trig.token.subtree} & self.s.lex.cue(cue):
            return None
        score = scaled_intensity(self.s.lex.score(kind, mode), event.modality)
        return replace(event, type=kind, mode=mode, intensity=score, context=list(event.context))

    def _check_triggers(self, votes: Votes) -> None:
        """The learned check: triggers of a type the sentence does not read as go; where
        none is left and one type's votes are strong, that type is coded on the
        sentence's main verb."""
        triggers = self.s.triggers
        for i, trig in list(triggers.items()):
            if votes.share(trig.pattern.type) < votes.thresholds.keep:
                del triggers[i]
        if triggers:
            return
        kind = votes.strong_type()
        verb = _main_verb(self.s.sent)
        if kind is not None and verb is not None:
            pattern = self.s.lex.learned_pattern(lemma_of(verb), kind)
            triggers[verb.i] = Trigger(verb, pattern, verb)

    def _emit(
        self,
        trig: Trigger,
        sources: list[Filler],
        targets: list[Filler],
        modality: str,
        agentless: bool,
    ) -> Iterator[Event]:
        pattern = trig.pattern
        info = self.s.lex.types[pattern.type]
        kind, mode = self.s.lex.as_intended(pattern, modality)
        kind, mode, modality = self.s.lex.as_negated(kind, mode, modality)
        # "A and B met"; "both sides promised …", "the two sides blamed each other": each
        # to the other
        sides = all(s.how == "sides" for s in sources)
        cooperative = info.quad.endswith("cooperation") or self.fallbacks.each_other(trig)
        reciprocal = pattern.mutual or (sides and cooperative)
        mutual = reciprocal and not targets and len(sources) > 1
        if not self._sides_suffice(trig, sources, targets, agentless, mutual):
            return
        pairs: list[tuple[Filler | None, Filler | None]]
        if mutual:
            pairs = [(a, b) for a in sources for b in sources if a is not b]
        else:
            pairs = [(s, t) for s in (sources or [None]) for t in (targets or [None])]
        seen = set()
        # the two sides of an event; a mediator and the parties are not two sides
        pairing = modality != "negated" and "parties" not in pattern.flags
        date, date_text = self.where.date(trig)
        location = self.where.location(trig, [f.token for f in sources + targets])
        for source, target in pairs[:MAX_PAIRS]:
            src = source.actor if source else None
            tgt = target.actor if target else None
            if src is not None and tgt is not None and same_actor(src, tgt):
                continue
            key = (actor_key(src), actor_key(tgt))
            if key in seen:
                continue
            seen.add(key)
            if pairing and source and target and {source.how, target.how} <= PAIRING:
                self.s.memory.add_pair(src, tgt, kind)
            yield Event(
                type=kind,
                mode=mode,
                source=replace(src) if src else None,
                target=replace(tgt) if tgt else None,
                modality=modality,
                date=date,
                date_text=date_text,
                location=location,
                intensity=scaled_intensity(self.s.lex.score(kind, mode), modality),
                context=self._context(trig),
                sentence=self.s.text[self.s.sent.start_char : self.s.sent.end_char].strip(),
                paragraph=self.s.paragraph,
                confidence=self._confidence(trig, source, target, modality, agentless),
            )

    def _sides_suffice(
        self,
        trig: Trigger,
        sources: list[Filler],
        targets: list[Filler],
        agentless: bool,
        mutual: bool,
    ) -> bool:
        """Whether the sides found are enough to code the event, or the sentence reads
        so clearly as its type that it is coded with its sides unknown."""
        flags = trig.pattern.flags
        lacks_target = (
            (self.s.lex.types[trig.pattern.type].needs_target or "needs_target" in flags)
            and not targets
            and not mutual
            and not self.fallbacks.open(trig, sources)
        )
        lacks_source = not sources and not self._stands_without_source(trig, targets, agentless)
        return not (lacks_target or lacks_source) or self._reads_without_sides(trig)

    def _reads_without_sides(self, trig: Trigger) -> bool:
        """An event whose sides the text does not name ("a deadly stabbing on a commuter
        train", "you were assaulted") is coded with them unknown when two readings agree:
        the lexicon's trigger, and the learned check reading the whole sentence as that
        type as strongly as it must to code an event the lexicon missed. A verb the
        dictionary codes by its default alone still needs its target."""
        flags = trig.pattern.flags
        if self.read is None or "learned" in flags or "needs_target" in flags:
            return False
        return self.read.reads_as(trig.pattern.type)

    def _stands_without_source(self, trig: Trigger, targets: list[Filler], agentless: bool) -> bool:
        """An event whose source no one names ("two officers were charged", "the suspect was
        deported"): a verb with its target named, which the manual codes with an
        unidentified actor; a nominal needs someone who does it ("the sanctions against
        Iran", "the summit" name no act), and so does a verb the dictionary codes by
        default alone."""
        if not targets or "needs_target" in trig.pattern.flags:
            return False
        return agentless or trig.pattern.pos == "verb"

    def _context(self, trig: Trigger) -> list[str]:
        """PLOVER contexts: the verb dictionary's for its code, and those the trigger's
        modifiers name ("military aid", "economic cooperation"; cues.tsv `context_*`)."""
        found = list(trig.pattern.context)
        words = [trig.token, *[c for c in trig.token.children if c.dep_ == "dobj"]]
        lemmas = {
            lemma_of(c) for tok in words for c in tok.children if c.dep_ in ("amod", "compound")
        }
        for name, cue in self.s.lex.cues.items():
            if name.startswith("context_") and lemmas & cue and name[8:] not in found:
                found.append(name[8:])
        return found

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
        if self.modality_reader.hedged(trig.verb):
            score *= 0.8
        return round(max(0.05, min(0.99, score)), 2)


def _main_verb(sent: Any) -> Any:
    """The verb a sentence is about: its root when that is a verb, else its first verb."""
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    return next((t for t in sent if t.pos_ == "VERB"), None)


def scaled_intensity(value: float, modality: str) -> float:
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
    quotes: Sequence[Quote] = (),
) -> list[Event]:
    """PLOVER events of an article: who did what to whom, when and where."""
    lex = load_lexicon()
    voices = Voices(paragraphs, quotes, actors)
    events: list[Event] = []
    memory = Memory()
    sentences = [
        (number, text, sent)
        for number, (text, doc) in enumerate(zip(paragraphs, docs, strict=False))
        for sent in doc.sents
    ]
    votes = ArticleVotes([sent.text for _, _, sent in sentences])
    for position, (number, text, sent) in enumerate(sentences):
        mine = [t for t in times if t.paragraph == number]
        memory.sentence += 1
        coder = SentenceCoder(
            lex, actors, number, text, sent, mine, published, memory,
            partial(votes.for_sentence, position), voices,
        )
        found = _dedupe(coder.events())
        events.extend(found)
        memory.add_events(found)
    return merge_mentions(events)


def merge_mentions(events: list[Event]) -> list[Event]:
    """The same event told in several sentences is coded once, where it is first told
    (the most confident telling of that sentence), with `mentions` counting the
    sentences; events get ids in order. Same event: same type, source and target, and
    dates that agree (or one of them only the publication date)."""
    kept: list[Event] = []
    seen: dict[tuple[str, str | None, str | None], list[Event]] = {}
    for event in events:
        key = (event.type, actor_key(event.source), actor_key(event.target))
        earlier = next((e for e in seen.get(key, []) if _same_date(e, event)), None)
        if earlier is None:
            seen.setdefault(key, []).append(event)
            kept.append(event)
        elif earlier.sentence != event.sentence:
            earlier.mentions += 1
    for number, event in enumerate(kept, 1):
        event.id = f"e{number}"
    return kept


def _same_date(a: Event, b: Event) -> bool:
    told = (a.date_text != PUBLICATION, b.date_text != PUBLICATION)
    return a.date == b.date or not all(told)


def _dedupe(events: Iterator[Event]) -> list[Event]:
    """One event per type, source, target and modality in a sentence; an event
    without a target gives way to the same one with a target, and one without a
    source to the same one with a source ("killed in a Russian strike": the verb
    names no one, the strike Russia)."""
    best: dict[tuple[Any, ...], Event] = {}
    for event in events:
        key = (event.type, actor_key(event.source), actor_key(event.target), event.modality)
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    targeted = {(e.type, actor_key(e.source)) for e in best.values() if e.target is not None}
    sourced = {(e.type, actor_key(e.target)) for e in best.values() if e.source is not None}
    return [
        e
        for e in best.values()
        if (e.target is not None or (e.type, actor_key(e.source)) not in targeted)
        and (e.source is not None or (e.type, actor_key(e.target)) not in sourced)
    ]
