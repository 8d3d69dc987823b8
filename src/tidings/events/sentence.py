"""One sentence as the event coder sees it: its text and parse, the triggers found in
it, and who its words name (actors, generic groups given the country of the place the
sentence names, pronouns of a reported clause, the pairs "the two sides" may stand for)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tidings.actors.index import ActorIndex
from tidings.events.grammar import (
    SUBJECT_DEPS,
    core_span,
    lemma_of,
)
from tidings.events.memory import Memory
from tidings.events.patterns import Lexicon, Pattern
from tidings.events.voices import Voices
from tidings.record import Actor, Time

DATELINE_DASHES = frozenset({"—", "–", "--", "-"})


@dataclass
class Filler:
    """A token in a source or target slot, how it was found, and its actor."""

    token: Any
    how: str  # direct | inherited | far | group | coordination | location | ...
    actor: Actor | None = None


@dataclass
class Trigger:
    token: Any
    pattern: Pattern
    verb: Any  # the clause verb: the trigger itself, or the verb governing a nominal
    subject: Any = None  # set when the parse is mended ("a charge Moscow rejects")
    object: Any = None


class Sentence:
    """Shared state of one sentence while it is coded."""

    def __init__(
        self,
        lex: Lexicon,
        index: ActorIndex,
        paragraph: int,
        text: str,
        sent: Any,
        times: Sequence[Time],
        published: str | None,
        memory: Memory,
        voices: Voices | None = None,
    ) -> None:
        self.lex = lex
        self.voices = voices
        self.index = index
        self.paragraph = paragraph
        self.text = text
        self.sent = sent
        self.times = times
        self.published = published
        self.memory = memory
        self.triggers: dict[int, Trigger] = {}
        self.unresolved: dict[int, list[Any]] = {}  # target-slot tokens that named no actor
        self._places: list[tuple[Any, Any]] | None = None
        self._dateline: int | None = None
        self._cache: dict[int, Actor | None] = {}

    def note_pair(self, tok: Any) -> None:
        """Actors the sentence names together ("Russia and Ukraine", "the war between
        the army and the RSF"): a pair "the two sides" may later stand for."""
        head = tok.head
        if tok.pos_ not in ("NOUN", "PROPN") or head.pos_ not in ("NOUN", "PROPN"):
            return
        if tok.i - head.i <= 12:
            first = self.actor(head)
            if first is not None:
                self.memory.add_pair(first, self.actor(tok), weight=0.5)

    def actor(self, tok: Any) -> Actor | None:
        if tok.i not in self._cache:
            self._cache[tok.i] = self._actor(tok)
        return self._cache[tok.i]

    def _actor(self, tok: Any) -> Actor | None:
        if tok.ent_type_ in self.lex.cue("time_ent") and tok.ent_type_ != "CARDINAL":
            return None
        if tok.i < self.dateline_end():
            return None  # "NAIROBI (AP) — …": the dateline names where, not who
        found = self.index.actor_for_token(self.paragraph, tok)
        if found is not None:
            return self._local_people(tok, found) or found
        start, end = core_span(tok)
        if (start, end) != (tok.idx, tok.idx + len(tok.text)):
            found = self.index.actor_for_span(self.paragraph, start, end)
            if found is not None:
                return found
        if lemma_of(tok) in self.lex.cue("institution"):
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
        if tok.lower_ in self.lex.cue("first_person"):
            return self._quoted_speaker(tok)
        if tok.lower_ in self.lex.cue("pronoun") and tok.dep_ in ("nsubj", "nsubjpass"):
            found = self._speaker_pronoun(tok) or self._reporter(tok)
            if found is not None:
                return found
        return self._group(tok) or self._named(tok)

    def _named(self, tok: Any) -> Actor | None:
        """A person or organisation the parser names but the actor index left out ("the
        New York State Attorney General"): an actor of its own, of the country the article
        is about (a name in a local story is of its country) when it has one."""
        label = tok.ent_type_
        kind = {"PERSON": "person", "ORG": "organization", "NORP": "group"}.get(label)
        if kind is None:
            return None
        ent = next((e for e in self.sent.ents if e.start <= tok.i < e.end), None)
        if ent is None or ent.root.i != tok.i:
            return None
        main = self.memory.main_country(self.index)
        country = main.country if main is not None else None
        return Actor(
            id=f"named:{ent.text.lower()}",
            name=ent.text,
            kind=kind,
            country=country,
            description=ent.text,
            mentions=1,
        )

    def _local_people(self, tok: Any, found: Actor) -> Actor | None:
        """'killed dozens of civilians in Yemen': civilians whose country only the
        article's context gave are the people of the place the sentence names."""
        info = self.lex.groups.get(lemma_of(tok))
        if info is None or info[0] != "CVL" or found.kind == "country":
            return None
        if any(c.dep_ in ("amod", "compound", "poss", "nmod", "prep") for c in tok.children):
            return None  # "Syrian refugees", "residents of Kherson": the phrase says whose
        local = self._group(tok)
        return local if local is not None and local.country != found.country else None

    def dateline_end(self) -> int:
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

    def _quoted_speaker(self, pronoun: Any) -> Actor | None:
        """'“We will respond,” the minister said': I, we, me, us in a quote are its speaker."""
        return self.voices.speaker(self.paragraph, pronoun.idx) if self.voices else None

    def _speaker_pronoun(self, pronoun: Any) -> Actor | None:
        """'… he said': the subject of a verb of saying is the speaker of what it says."""
        verb = pronoun.head
        if self.voices is None or pronoun.dep_ != "nsubj" or lemma_of(verb) not in self.lex.cue(
            "speech"
        ):
            return None
        return self.voices.speaker_of(self.paragraph, verb)

    def _reporter(self, pronoun: Any) -> Actor | None:
        """'France said it backed …': an unresolved subject pronoun of a clause that a
        speech verb or an event governs takes that verb's subject — but not a person
        inside quote marks ('“They deported me,” he said': they are not the speaker)."""
        if (
            self.voices is not None
            and pronoun.lower_ in self.lex.cue("others")
            and self.voices.quoted(self.paragraph, pronoun.idx)
        ):
            return None
        clause = pronoun.head
        for _ in range(4):
            if clause.dep_ in ("ROOT",) or clause.head is clause:
                return None
            gov = clause.head
            if clause.dep_ in ("ccomp", "acl", "relcl", "advcl", "conj") and (
                lemma_of(gov) in self.lex.cue("speech") or gov.i in self.triggers
            ):
                subs = [c for c in gov.children if c.dep_ in SUBJECT_DEPS]
                for s in subs:
                    if s.lower_ not in self.lex.cue("pronoun"):
                        return self.actor(s)
                    speaker = self._speaker_pronoun(s)  # "he said he pressed …"
                    if speaker is not None:
                        return speaker
            if gov.pos_ in ("NOUN", "PROPN"):
                gov = gov.head
            clause = gov
        return None

    def _group(self, tok: Any) -> Actor | None:
        """A generic group or person ('3,000 people', 'police', 'a suspect'): of the
        country the sentence names, else of the country the article is about (a man in a
        local story is of its country), else of no known country."""
        if lemma_of(tok) not in self.lex.groups:
            return None
        country = None
        for _, actor in self.places():
            if actor is not None and actor.country:
                country = actor.country
                break
        if country is None:
            main = self.memory.main_country(self.index)
            country = main.country if main is not None else None
        return self.group_of(tok, country)

    def group_of(self, tok: Any, country: str | None) -> Actor | None:
        """The generic group `tok` names ('two journalists') as people of `country`."""
        lemma = lemma_of(tok)
        if lemma not in self.lex.groups:
            return None
        role, kind = self.lex.groups[lemma]
        name = self.text[core_span(tok)[0] : tok.idx + len(tok.text)]
        return Actor(
            id=f"group:{country or 'unknown'}:{role}:{lemma}",
            name=name,
            kind=kind,
            country=country,
            role=role,
            description=f"{name} ({country})" if country else name,
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
                if root.dep_ == "pobj" and lemma_of(root.head) in locative:
                    actor = self.index.actor_for_span(self.paragraph, ent.start_char, ent.end_char)
                    self._places.append((ent, actor))
        return self._places

    def real_prep(self, prep: Any) -> bool:
        """A preposition whose object is not a date ("called on Saturday" is no appeal)."""
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return not objs or all(o.ent_type_ not in self.lex.cue("time_ent") for o in objs)

    def kinds(self) -> frozenset[str]:
        return frozenset(t.pattern.type for t in self.triggers.values())

    def stand_in(self, noun: Any) -> Any:
        """'a package of sanctions', '120 million euros in aid', 'a round of talks': the
        measure or amount holds the place in the clause that the event would hold."""
        for _ in range(2):
            prep = noun.head
            if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("of", "in"):
                break
            amount = prep.head
            if amount.pos_ not in ("NOUN", "PROPN", "NUM"):
                break
            if lemma_of(amount) not in self.lex.cue("partitive") and amount.ent_type_ != "MONEY":
                break
            noun = amount
        return noun
