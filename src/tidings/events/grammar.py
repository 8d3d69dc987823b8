"""Small readings of the dependency parse that the event coder's parts share."""

from __future__ import annotations

from typing import Any

from tidings.events.patterns import Lexicon, Pattern
from tidings.record import Actor

SUBJECT_DEPS = ("nsubj", "csubj")
FINITE = ("VBD", "VBZ", "VBP")


def lemma_of(tok: Any) -> str:
    return tok.lemma_.lower()


def phrase_dependents(tok: Any, pattern: Pattern) -> list[Any]:
    """The dependents of `tok` that complete a two-word trigger ("guilty" of "plead
    guilty", "out" of "pull out"); none for a one-word pattern."""
    if pattern.child is None:
        return []
    return [c for c in tok.children if lemma_of(c) == pattern.child]


def prep_phrase_objects(tok: Any, pattern: Pattern) -> list[Any]:
    """The object that completes a trigger of a verb, a preposition and its object
    ("attack" of "come under attack", "list" of "add to list"); none for other
    patterns."""
    if pattern.prep is None or pattern.child is None:
        return []
    return [
        o
        for c in tok.children
        if c.dep_ in ("prep", "dative") and c.lower_ == pattern.prep
        for o in c.children
        if o.dep_ == "pobj" and lemma_of(o) == pattern.child
    ]


def harmed_in(noun: Any, lex: Lexicon) -> Any:
    """The verb of harm whose "in" phrase names the nominal ("civilians died in the
    shelling", cues.tsv harm, harmed_in), or None."""
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in lex.cue("harmed_in")
        and lemma_of(prep.head) in lex.cue("harm")
    ):
        return prep.head
    return None


def pos_of(tok: Any) -> str | None:
    if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ not in ("aux", "auxpass")):
        return "verb"
    if tok.pos_ in ("NOUN", "PROPN"):
        return "noun"
    return None


def is_passive(tok: Any) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return True
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")


def clause_head(tok: Any) -> tuple[str, Any]:
    """The dependency and head of a clause, mending one common misparse: a finite
    verb coordinated with an infinitive ("called on X to release … and condemned …")
    belongs to the finite verb that governs the infinitive."""
    head = tok.head
    finite_on_infinitive = tok.dep_ == "conj" and tok.tag_ in FINITE and head.tag_ == "VB"
    if finite_on_infinitive and head.dep_ in ("xcomp", "advcl") and head.head is not head:
        return "conj", head.head
    return tok.dep_, head


def is_negated(tok: Any) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children)


def time_taken_for_subject(tok: Any, lex: Lexicon) -> bool:
    """'hostages held since 2016 were released': spaCy reads "since" as the clause's
    conjunction and the year as its subject; a year right after such a word is when."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.i == 0 or not tok.like_num:
        return False
    before = tok.doc[tok.i - 1]
    return before.dep_ == "mark" and before.lower_ in lex.cue("time_mark")


def is_conditional(clause: Any, lex: Lexicon) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in lex.cue("condition") for c in clause.children)


def conjuncts(tok: Any) -> list[Any]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.extend(conjuncts(c))
    return out


def companions(verb: Any) -> list[Any]:
    """'X, along with Y, were added …': Y shares X's slot."""
    out = []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("along", "together"):
            for w in c.children:
                if w.dep_ == "prep" and w.lower_ == "with":
                    out += [o for o in w.children if o.dep_ == "pobj"]
    return out


def free_relative(verb: Any) -> list[Any]:
    """'opposed what it called "illegal sanctions"': the thing so called."""
    for c in verb.children:
        if c.dep_ != "ccomp" or not any(w.lower_ == "what" for w in c.children):
            continue
        named = [o for o in c.children if o.dep_ in ("oprd", "attr")]
        if named:
            return named
    return []


def modifier_lemmas(noun: Any) -> set[str]:
    """Lemmas that describe a noun: its modifiers, and its of-object with its own
    ("the sanctions list", "the list of Specially Designated Nationals")."""
    out = set()
    for c in noun.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss"):
            out |= {lemma_of(t) for t in c.subtree}
        if c.dep_ == "prep" and c.lower_ == "of":
            out |= {lemma_of(t) for o in c.children if o.dep_ == "pobj" for t in o.subtree}
    return out


def amod_lemmas(tok: Any) -> set[str]:
    return {lemma_of(c) for c in tok.children if c.dep_ in ("amod", "compound")}


def complements(verb: Any) -> list[Any]:
    """'described X as meddling', 'called it a provocation', 'branded X illegal'."""
    out = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "ccomp")]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            out += [o for o in c.children if o.dep_ in ("pobj", "pcomp")]
        if c.dep_ == "dobj":
            out += [o for o in c.children if o.dep_ in ("oprd", "amod") and o.i > c.i]
    return out


def core_span(tok: Any) -> tuple[int, int]:
    """Character span of a noun with its left modifiers ('France's foreign minister')."""
    start = tok.idx
    for c in tok.lefts:
        if c.dep_ in ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case"):
            start = min(start, c.left_edge.idx)
    return start, tok.idx + len(tok.text)


def clause_group(verb: Any) -> list[Any]:
    """A verb and the verbs coordinated with it."""
    top = verb
    while top.dep_ == "conj" and top.head is not top:
        top = clause_head(top)[1]
    out = [top]
    stack = [top]
    while stack:
        cur = stack.pop()
        for c in cur.subtree:
            if (
                c.dep_ == "conj"
                and c.pos_ in ("VERB", "AUX")
                and clause_head(c)[1] is cur
                and c not in out
            ):
                out.append(c)
                stack.append(c)
    return out


def same_actor(a: Actor, b: Actor) -> bool:
    return a.id == b.id


def actor_key(actor: Actor | None) -> str | None:
    return None if actor is None else actor.id


def code_of(actor: Actor | None) -> str | None:
    return None if actor is None else (actor.country or actor.org)
