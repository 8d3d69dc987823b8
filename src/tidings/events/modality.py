"""Modality: whether an event is asserted, intended, conditional, requested, negated or
reported, read from the clauses that govern its trigger; None for opinion."""

from __future__ import annotations

from typing import Any

from tidings.events.grammar import (
    SUBJECT_DEPS,
    clause_head,
    is_conditional,
    is_negated,
    lemma_of,
    phrase_dependents,
)
from tidings.events.sentence import Sentence, Trigger

# The modality of a trigger that only says what a governing request, threat, promise or
# refusal is about: it lends that event its target but is not an event of its own.
CONTENT = "content"


class ModalityReader:
    """The modality of the triggers of one sentence."""

    def __init__(self, sentence: Sentence) -> None:
        self.s = sentence

    def modality(self, trig: Trigger) -> str | None:
        """asserted, intended, conditional, requested, negated or reported; None when
        the sentence only gives an opinion or a possibility; CONTENT when the trigger is
        what a governing verbal event is about."""
        lex = self.s.lex
        verb = trig.verb
        flags: set[str] = set()
        if (
            is_negated(trig.token)
            or (verb is not trig.token and is_negated(verb))
            or any(is_negated(c) for c in phrase_dependents(trig.token, trig.pattern))
        ):
            flags.add("negated")
        aux = {lemma_of(c) for c in verb.children if c.dep_ == "aux"} | {
            c.lower_ for c in verb.children if c.dep_ == "aux"
        }
        if aux & lex.cue("hedge"):
            flags.add("conditional")
        if aux & lex.cue("future") or "would" in aux:
            flags.add("intended")
        obligation = bool(aux & lex.cue("obligation"))
        if trig.token.dep_ == "xcomp" and lemma_of(trig.token.head) == "have":
            obligation = True
        threat = trig.pattern.type == "THREATEN"  # "warned of … if X": the warning is made
        if not threat and any(c.dep_ == "advcl" and is_conditional(c, lex) for c in verb.children):
            flags.add("conditional")
        tok = verb
        reported = False
        barrier = False  # a finite adverbial clause with its own subject is not reported
        for _ in range(8):
            if any(c.dep_ == "mark" and c.lower_ in lex.cue("question") for c in tok.children):
                return None  # "whether Trump will agree …": an open question, no event
            if tok.dep_ == "advcl" and is_conditional(tok, lex):
                flags.add("conditional")
            dep, head = clause_head(tok)
            if dep == "acl" and self._content_of_object(head):
                return CONTENT  # "denied accusations that it supplied weapons"
            if dep in ("ROOT", "acl", "relcl") or head is tok:
                break  # a clause that describes a noun keeps its own modality
            if dep in ("xcomp", "ccomp", "acomp", "advcl", "conj", "pcomp", "prep", "dobj"):
                lemma = lemma_of(head)
                gov = self.s.triggers.get(head.i)
                if gov is not None and gov.subject is not None:
                    gov = None  # a mended relative clause embeds nothing
                embeds = dep in ("xcomp", "ccomp", "dobj", "prep")
                if gov is not None and gov is not trig and embeds and gov.pattern.embed:
                    if gov.pattern.type in lex.cue("content_of"):
                        return CONTENT  # "threatened to strike": one threat, no strike
                    flags.add(gov.pattern.embed)
                if dep in ("xcomp", "acomp", "prep", "pcomp") and lemma in lex.cue("intent"):
                    flags.add("intended")
                if dep in ("xcomp", "ccomp") and lemma in lex.cue("cease"):
                    flags.add("negated")  # "called on both sides to stop fighting"
                if dep in ("ccomp", "conj") and lemma in lex.cue("speech") and not barrier:
                    reported = True
                if dep == "ccomp" and lemma in lex.cue("opinion"):
                    subs = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
                    if not any(self.s.actor(s) for s in subs):
                        return None
            if dep == "advcl" and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
                barrier = True
            if dep in ("parataxis",) and lemma_of(head) in lex.cue("speech"):
                reported = True
            tok = head
        for c in self.s.sent.root.children if self.s.sent.root is not verb else []:
            if c.dep_ == "parataxis" and lemma_of(c) in lex.cue("speech"):
                reported = True
        if any(t.lower_ == "according" for t in self.s.sent):
            reported = True
        if obligation:
            if not reported:
                return None  # "X should impose sanctions": an opinion
            flags.add("requested")
        for name in ("negated", "conditional", "requested", "intended"):
            if name in flags:
                return name
        return "reported" if reported else "asserted"

    def _content_of_object(self, noun: Any) -> bool:
        """Is the noun what a governing denial, refusal, request or threat is about?"""
        verb = noun.head if noun.dep_ == "dobj" else None
        gov = self.s.triggers.get(verb.i) if verb is not None else None
        return gov is not None and gov.pattern.type in self.s.lex.cue("content_of")

    def hedged(self, verb: Any) -> bool:
        return any(lemma_of(c) in self.s.lex.cue("hedge") for c in verb.children if c.dep_ == "aux")
