"""Trigger matching: the words of a sentence that name an event, by the patterns of
`data/events/patterns.tsv` over the dependency parse."""

from __future__ import annotations

from typing import Any

from tidings.events.grammar import (
    amod_lemmas,
    complements,
    harmed_in,
    lemma_of,
    modifier_lemmas,
    phrase_dependents,
    pos_of,
    prep_phrase_objects,
)
from tidings.events.patterns import Pattern
from tidings.events.sentence import Sentence, Trigger

PEOPLE = frozenset({"person", "group"})  # actor kinds a beating or a charge can fall on


class TriggerFinder:
    """Finds the triggers of one sentence and decides whether a nominal stands alone."""

    def __init__(self, sentence: Sentence) -> None:
        self.s = sentence

    def find_triggers(self) -> None:
        for tok in self.s.sent:
            if tok.dep_ == "conj":
                self.s.note_pair(tok)
            mended = self._reduced_relative(tok)
            if mended is not None:
                subject, obj, pattern = mended
                self.s.triggers[tok.i] = Trigger(tok, pattern, tok, subject, obj)
                continue
            pos = pos_of(tok)
            if pos is None or self._attribution(tok):
                continue
            pattern = self._pattern(tok, pos)
            if pattern is not None:
                self.s.triggers[tok.i] = Trigger(tok, pattern, self._clause_verb(tok, pos))
        self._light_verbs_yield()

    def _attribution(self, tok: Any) -> bool:
        """'according to the ministry': who tells it, not an event (cues.tsv attribution)."""
        return (
            tok.tag_ == "VBG"
            and lemma_of(tok) in self.s.lex.cue("attribution")
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children)
        )

    def _light_verbs_yield(self) -> None:
        """'joined a protest', 'held talks': a light verb the dictionary codes gives way to
        the nominal event it carries, whose type the hand patterns know."""
        triggers = self.s.triggers
        light = self.s.lex.cue("light")
        for i, trig in list(triggers.items()):
            if "dictionary" not in trig.pattern.flags or lemma_of(trig.token) not in light:
                continue
            carried = [c for c in trig.token.children if c.dep_ in ("dobj", "nsubjpass")]
            carried += [o for c in trig.token.children if c.dep_ == "prep" for o in c.children]
            if any(c.i in triggers and triggers[c.i].pattern.pos == "noun" for c in carried):
                del triggers[i]

    def _pattern(self, tok: Any, pos: str) -> Pattern | None:
        """A hand pattern that matches, else the verb dictionary's reading of a verb;
        None where the dictionary says the verb is no event there ("killed in an
        accident") or knows no event for it."""
        lex = self.s.lex
        found = lex.verbs.match(tok) if pos == "verb" and lex.verbs is not None else None
        candidates = lex.candidates(tok.lemma_.lower(), pos)
        vetoed = found is not None and found.vetoed
        if vetoed:
            # a phrase of ours ("plead guilty") is more specific than the dictionary's
            # veto of the verb in a context ("plead … court": an appeal to a court)
            candidates = [p for p in candidates if p.child]
        for pattern in candidates:
            if self._matches(tok, pattern):
                return pattern
        if found is None or vetoed or self._names_something(tok):
            return None
        lemma = lex.verbs.base(tok)
        specific = found.specific >= 1
        if found.plover is not None:
            return lex.dictionary_pattern(lemma, found.plover, specific=specific)
        backward = lex.cameo.get(found.back) if found.back else None
        if backward is not None:  # "faced charges": the subject is the target
            return lex.dictionary_pattern(lemma, backward, reverse=True, specific=specific)
        return None

    def _reduced_relative(self, tok: Any) -> tuple[Any, Any, Pattern] | None:
        """'…, a charge Moscow rejects', 'a claim the government denies': a relative clause
        without "that", which the parser reads as one noun phrase. The noun names an
        earlier event, the short noun phrase after it is the subject of the verb."""
        if tok.tag_ not in ("VBZ", "VBD", "VBP", "NNS") or tok.i - 2 < self.s.sent.start:
            return None
        patterns = [p for p in self.s.lex.candidates(lemma_of(tok), "verb") if p.child is None]
        if not patterns:
            return None
        doc = tok.doc
        subject = doc[tok.i - 1]
        if subject.pos_ not in ("PROPN", "NOUN") or self.s.actor(subject) is None:
            return None
        first = subject.i
        while first - 1 > self.s.sent.start and first > tok.i - 5:
            before = doc[first - 1]
            if before.pos_ == "PROPN" or (before.pos_ in ("DET", "ADJ") and before.i < subject.i):
                first -= 1
                continue
            break
        noun = doc[first - 1]
        if noun.pos_ != "NOUN" or lemma_of(noun) not in self.s.lex.refers:
            return None
        return subject, noun, patterns[0]

    def _matches(self, tok: Any, pattern: Pattern) -> bool:
        if pattern.child is not None:
            kids = phrase_dependents(tok, pattern)
            if pattern.prep is not None:  # "add to list": the object of the preposition
                kids = prep_phrase_objects(tok, pattern)
                if not kids:
                    return False
                words = self.s.lex.cue(pattern.needs) if pattern.needs else None
                return words is None or any(modifier_lemmas(k) & words for k in kids)
            if not any(c.dep_ not in ("prep",) or self.s.real_prep(c) for c in kids):
                return False
        heads = pattern.value("head")
        if heads and lemma_of(tok.head) not in self.s.lex.cue(heads):
            return False  # "lodged a protest" is a complaint, "joined a protest" is not
        if pattern.needs == "gov":
            light = lemma_of(tok.head) in self.s.lex.cue("light")
            if not (tok.dep_ in ("dobj", "nsubjpass") and light):
                return False
        elif pattern.needs == "object":  # "investigated the minister", not "… how it works"
            if not self._acted_on(tok, pattern.pos):
                return False
        elif pattern.needs == "ccsubj":  # "wants Trump to eliminate …", not "wants change"
            if not any(
                c.dep_ == "ccomp" and any(g.dep_ == "nsubj" for g in c.children)
                for c in tok.children
            ):
                return False
        elif pattern.needs:
            words = self.s.lex.cue(pattern.needs)
            if not any(lemma_of(c) in words for c in tok.children):
                return False
        if pattern.complement:
            words = self.s.lex.cue(pattern.complement)
            if not any(lemma_of(c) in words or amod_lemmas(c) & words for c in complements(tok)):
                return False
        if pattern.thing and not self._acts_on(tok, pattern.pos, self.s.lex.cue(pattern.thing)):
            return False
        if pattern.unless:
            words = self.s.lex.cue(pattern.unless)
            if any(lemma_of(t) in words for t in self._acted_on(tok, pattern.pos)):
                return False
        if pattern.people and not self._acts_on(
            tok, pattern.pos, self.s.lex.cue(pattern.people), kinds=PEOPLE
        ):
            return False
        return not self._judgement(tok, pattern.pos) and not self._anonymity(tok)

    def _anonymity(self, tok: Any) -> bool:
        """'a source, who asked not to be identified': asking for one's own anonymity
        (a passive complement from cues.tsv anonymity) is the reporter's formula, no
        request between actors."""
        return any(
            c.dep_ == "xcomp"
            and lemma_of(c) in self.s.lex.cue("anonymity")
            and any(a.dep_ == "auxpass" for a in c.children)
            for c in tok.children
        )

    def _names_something(self, tok: Any) -> bool:
        """'called his death a crisis', 'dubbed it a failure': a verb of naming (cues.tsv
        naming) with what it names something as is no call or meeting; the hand patterns
        code the naming that is an accusation (as=blame)."""
        if lemma_of(tok) not in self.s.lex.cue("naming"):
            return False
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        named = [c for t in [tok, *objects] for c in t.children if c.dep_ == "oprd"]
        return bool(named)

    def _acts_on(
        self, tok: Any, pos: str, words: frozenset[str], kinds: frozenset[str] | None = None
    ) -> bool:
        """Does the trigger act on an actor (of one of `kinds`, when given) or on a word of
        `words`?"""
        things = self._acted_on(tok, pos)
        return any(lemma_of(t) in words or self._is_actor(t, kinds) for t in things)

    @staticmethod
    def _acted_on(tok: Any, pos: str) -> list[Any]:
        """What a trigger acts on: a verb's object or passive subject, a nominal's
        of-object."""
        if pos == "verb":
            return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
        return [
            o
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for o in c.children
            if o.dep_ == "pobj"
        ]

    def _is_actor(self, tok: Any, kinds: frozenset[str] | None) -> bool:
        actor = self.s.actor(tok)
        return actor is not None and (kinds is None or actor.kind in kinds)

    def _judgement(self, tok: Any, pos: str) -> bool:
        """'recognize that …', 'accepted that …': a verb of judgement with a clause for its
        object names no act."""
        if pos != "verb" or lemma_of(tok) not in self.s.lex.cue("cognitive"):
            return False
        kids = {c.dep_ for c in tok.children}
        return "ccomp" in kids and "dobj" not in kids

    def _clause_verb(self, tok: Any, pos: str) -> Any:
        if pos == "verb":
            return tok
        head = tok
        for _ in range(3):  # noun -> (prep ->) verb
            if head.dep_ == "ROOT" or head.head.pos_ in ("VERB", "AUX"):
                return head.head if head.dep_ != "ROOT" else head
            head = head.head
        return tok

    def nominal_ok(self, trig: Trigger) -> bool:
        """A nominal is an event of its own unless a verb trigger already codes it
        ("called for sanctions") or the sentence calls it only possible."""
        tok = self.s.stand_in(trig.token)
        head = tok.head
        hops = [head, head.head] if head.dep_ == "prep" else [head]
        if harmed_in(tok, self.s.lex) is not None:
            hops = []  # "civilians died in Russian shelling": the shelling says who did it
        for gov in hops:
            if gov.i == tok.i:
                break
            governing = self.s.triggers.get(gov.i)
            light = lemma_of(gov) in self.s.lex.cue("light")
            if governing is not None and governing.pattern.complement:
                light = False  # "called the restrictions hegemony": a judgement, not a call
            if governing is not None and not light and governing.pattern.pos == "verb":
                return False
        if tok.dep_ in ("nsubj", "nsubjpass"):
            for c in tok.head.children:
                if c.dep_ in ("acomp", "attr") and lemma_of(c) in self.s.lex.cue("unlikely"):
                    return False
        return not self._called_off(tok)

    def _called_off(self, tok: Any) -> bool:
        """'the meeting was cancelled', 'a meeting … that was canceled', 'postponed the
        talks': a nominal event called off (cues.tsv called_off) did not take place."""
        off = self.s.lex.cue("called_off")
        if tok.dep_ in ("dobj", "nsubjpass") and lemma_of(tok.head) in off:
            return True
        return any(c.dep_ in ("relcl", "acl") and lemma_of(c) in off for c in tok.children)
