"""Resolve the mentions of an article to actors.

What becomes an actor, and which mentions are the same actor:

- **Countries.** A country's name, its capital used as a metonym ("Moscow",
  "Washington") and its demonym used as a noun ("the Russians") or on a
  phrase that is not itself an actor ("Russian elections") are the
  *country-level actor*: `kind` country, `role` null, `name` the country's
  short name ("Russia", "United States").
- **Governments.** Seats of power ("the Kremlin", "the White House",
  "Downing Street") and generic government words with a country ("Russian
  authorities", "the Biden administration", "Russian officials", "the
  government") are *one government actor per country*: `kind` organization,
  `role` GOV, `name` "Russian government". Seats of another role are the
  matching collective: "the Pentagon" is the U.S. military (MIL).
  So "Moscow" and "the Kremlin" share `country: RUS` but are two actors:
  the state as a whole and its government, as CAMEO codes RUS and RUSGOV.
- **Collectives.** A role word of `roles.tsv` ("police", "troops",
  "protesters", "the foreign ministry") is one actor per (country, org, key):
  "police" and "riot police" in a Russian story are both "Russian police".
  The country comes from the phrase ("Russian police", "France’s foreign
  minister", "police in Moscow", "Kremlin officials"), else, for role words
  flagged `context`, from the article's dominant country (the one its names
  mention most; ties go to the first named). Words like "global" or
  "international" on the phrase block that guess.
- **International organisations, news outlets, named groups** are one actor
  per short code or display name; other ORG entities one per name (and
  country, when the phrase gives one: "Russia’s Defence Ministry"). An
  acronym in brackets after a name is the same actor ("the Kivu Patriotic
  Front (FPK)"), and so are its members ("FPK fighters", "fighters of the
  front"), who lend it their role when the name says none.
- **People** are found through PERSON entities and `people.tsv`, with spaCy's
  slips mended: a title inside the entity is cut off ("President Vladimir
  Putin" -> "Vladimir Putin"), and a surname that spaCy tags GPE or ORG (or
  misses) where the article elsewhere names the person becomes that person.
  Shorter names ("Putin", "Mr. Putin") join the fullest name holding them.
  What the article says about a person — a title or description before the
  name ("Kremlin spokesman Dmitry Peskov"), an apposition ("Amina Diallo, the
  agency’s director") — gives `description`, `country` and `role`;
  `people.tsv` fills in for well-known leaders the article does not describe.
  A singular role phrase without a name ("a Kremlin spokesman", "the
  spokesman") is the named person whose description has that role word and
  a compatible country, else an unnamed person named by the phrase
  ("France’s foreign minister"). "he"/"she" go to the most recent
  gender-compatible person, preferring the subject of the nearest sentence
  that names one; "it"/"its" to a non-person subject of the same or the
  previous sentence.

Names follow news style where ISO differs: "Congo" alone is the DRC (see
`tools/build_actor_data.py`). A capitalised wire dateline ("NAIROBI (AP) —")
names its place.

Roles follow `roles.tsv`: a strong head word keeps its role ("Kremlin critic"
is OPP), a weak one takes its modifier's ("police spokesman" is COP,
"Pentagon spokesman" MIL, "UN spokesman" IGO).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tidings.actors import gazetteer, phoenix
from tidings.actors.index import ActorIndex
from tidings.actors.keys import actor_key
from tidings.record import Actor, Entity

QUOTE_CHARS = '"“”‘’«»„'
# marks that never double as an apostrophe: a phrase never runs across them
HARD_QUOTES = '"“”‘«»„'
NAMED_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
LABEL_FOR_KIND = {
    "country": "GPE",
    "capital": "GPE",
    "place": "GPE",
    "demonym": "NORP",
    "seat": "ORG",
    "igo": "ORG",
    "media": "ORG",
    "group": "ORG",
    "person": "PERSON",
}
ARTICLES = frozenset({"the", "a", "an"})
FIRST_SECOND_PERSON = frozenset({"our", "my", "your", "we", "i", "you", "us", "me", "ours"})
BLOCK_CONTEXT = frozenset(
    {"global", "world", "international", "foreign", "western", "overseas", "other", "some"}
)
MODIFIER_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "predet"}
)
PERSON_PRONOUNS = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
SUBJECT_REACH = 3  # sentences a subject pronoun looks back for a subject
THING_PRONOUNS = frozenset({"it", "its"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
DATELINE_PLACE = re.compile(r"([A-Z][A-Z .'’-]+[A-Z])(?=,| \(| —| –| --| - )")
# roles of a country's own institutions and people: they take the article's country
# Words that make a role phrase somebody new ("another witness", "a second official").
NEW_REFERENT = frozenset({"another", "other", "second", "third", "fourth", "fifth", "new"})
# Verbs whose complement says what their subject is ("was the director", "named secretary").
PREDICATE_VERBS = frozenset({"be", "become", "name", "appoint", "elect", "remain", "serve"})
# A country after these is what a person deals with, not theirs ("envoy to Ukraine").
TOPIC_PREPOSITIONS = frozenset({"to", "on", "about", "over", "toward", "towards", "against"})
COUNTRY_KINDS = frozenset({"country", "capital", "place", "demonym", "seat"})
MEMBER_ROLES = frozenset({"REB", "MIL", "OPP", "CVL"})
LEDE_VOTES = 3
OFFICIAL_ROLES = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})
STATE_ROLES = frozenset({"GOV", "MIL", "COP", "OPP", "JUD", "LEG", "REB", "CVL"})
QUALIFIER = re.compile(r", ((?:[A-Z][\w.]*\.?)(?: [A-Z][\w.]*)*)")
IN_PLACE = re.compile(r"(?: \([A-Z][A-Za-z.&]+\))? in (?:the )?")
ACRONYM_WORD = re.compile(r"[A-Z][A-Z&]{1,7}")
WHO = re.compile(r",? who\b")
ACRONYM = re.compile(r"\s*\(([A-Z][A-Z0-9&-]{1,9})\)")
NAME_PARTICLES = frozenset(
    {"van", "von", "de", "da", "di", "del", "der", "den", "du", "la", "le", "bin", "ibn", "al"}
    | {"el", "dos", "das", "ter", "ten", "y"}
)
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "ROOT", "attr"})
PARTY_WORDS = frozenset({"party", "bloc", "alliance", "movement", "front", "coalition"})
COLLECTIVE_FOR_ROLE = {"GOV": "government", "MIL": "military", "LEG": "parliament", "COP": "police"}
COLLECTIVE_KIND = {"government": "organization", "military": "organization"}
PARTICIPLE_TAGS = frozenset({"VBN", "VBG"})


@dataclass
class _Actor:
    key: tuple
    kind: str
    name: str
    country: str | None = None
    org: str | None = None
    role: str | None = None
    description: str | None = None
    gender: str | None = None
    role_keys: set[str] = field(default_factory=set)
    name_forms: list[str] = field(default_factory=list)
    desc_at: tuple[int, int] | None = None
    party: bool = False  # described by a political party ("Patriotic Bloc leader")
    rank_only: bool = False  # its role comes from a title alone ("Lt."): a description wins
    known_as: str | None = None  # the full name a dictionary knows ("Trump": Donald Trump)


@dataclass
class _Mention:
    p: int
    start: int
    end: int
    key: tuple
    subject: bool = False
    sent: int = 0  # start char of its sentence


@dataclass
class _Match:
    start: int
    end: int
    name: gazetteer.Name
    inside_name: bool = False  # part of a longer named entity ("Bank of Russia")


@dataclass
class _Analysis:
    """What a noun phrase says about its actor besides its head word."""

    country: str | None = None
    country_from_text: bool = False
    state_named: bool = False  # a country, capital or place's name, not a demonym
    org: str | None = None
    modifier_role: str | None = None
    seat_role: str | None = None
    named: tuple | None = None  # key of a named org the phrase is about
    named_role: str | None = None
    blocked: bool = False
    first_person: bool = False
    party: bool = False  # the phrase names a political party
    employer: bool = False  # a named organisation it works for ("director of X", "fellow at X")
    topic: bool = False  # its country is a noun modifier ("Ukraine specialist"): maybe a topic


class Resolver:
    def __init__(
        self, paragraphs: Sequence[str], docs: Sequence[Any], published: str | None = None
    ) -> None:
        self.paragraphs = list(paragraphs)
        self.docs = list(docs)
        self.published = published
        self.g = gazetteer.load()
        self.countries = frozenset(self.g.country_display)
        self.actors: dict[tuple, _Actor] = {}
        self.mentions: list[_Mention] = []
        self.mentioned: dict[tuple[int, int, int], _Mention] = {}  # by (p, start, end)
        self.in_paragraph: list[list[_Mention]] = [[] for _ in self.docs]
        self.entities: list[list[Any]] = []  # [text, label, p, start, end]
        self.matches: list[list[_Match]] = [[] for _ in self.docs]
        self.person_spans: list[list[tuple[int, int, tuple]]] = [[] for _ in self.docs]
        self.covered: list[set[int]] = [set() for _ in self.docs]  # token ids already an NP
        self.dominant: str | None = None  # the article's home country (see _home_country)
        self.wants_context: list[_Actor] = []  # actors whose country is the home country

    # -- the steps ---------------------------------------------------------------

    def run(self) -> ActorIndex:
        if not self.docs:
            return ActorIndex(docs=self.docs)
        self._entities()
        self._gazetteer()
        self._split_place_from_person()
        self._places()
        self._people_by_apposition()
        self._people()
        self._names()
        self._companies()
        self._redescribe()
        self._home_country()
        self._noun_phrases()
        self._pronouns()
        return self._index()

    def _entities(self) -> None:
        """spaCy's named entities, with clear slips mended."""
        for p, doc in enumerate(self.docs):
            for ent in doc.ents:
                if ent.label_ not in NAMED_LABELS:
                    continue
                start, end = _trim_quotes(self.paragraphs[p], ent.start_char, ent.end_char)
                end = _trim_tail(doc, start, end)
                for suffix in ("’s", "'s"):  # "Armenia’s": the possessive is not the name
                    if self.paragraphs[p].endswith(suffix, start, end) and end - start > 2:
                        end -= len(suffix)
                label = ent.label_
                if label == "PERSON":
                    start = self._skip_title(p, start, end)
                if start >= end:
                    continue
                self.entities.append([self.paragraphs[p][start:end], label, p, start, end])
            self._titled_names(p, doc)
            self._institution_names(p, doc)

    def _institution_names(self, p: int, doc: Any) -> None:
        """A capitalised phrase headed by an institution's word that spaCy left out
        ("the U.S. Attorney’s Office for the Western District of New York") is an
        organisation: capitalised words before the head, "of"/"for" phrases after."""
        text = self.paragraphs[p]
        for tok in doc:
            if tok.text not in self.g.org_words or tok.pos_ != "PROPN":
                continue
            if any(e[2] == p and e[1] == "ORG" and e[3] <= tok.idx < e[4] for e in self.entities):
                continue
            first = tok.i
            while first > 0 and _in_name(doc[first - 1]):
                first -= 1
            last = tok.i
            while last + 2 < len(doc) and doc[last + 1].lower_ in ("of", "for"):
                nxt = last + 2 + (doc[last + 2].lower_ == "the")
                if nxt >= len(doc) or not doc[nxt].text[:1].isupper():
                    break
                last = nxt
                while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
                    last += 1
            if first == tok.i and last == tok.i:
                continue  # one word: a role word ("Office"), not a name
            start, end = doc[first].idx, _tok_end(doc[last])
            self.entities = [
                e for e in self.entities if not (e[2] == p and start <= e[3] and e[4] <= end)
            ]
            self.entities.append([text[start:end], "ORG", p, start, end])

    def _titled_names(self, p: int, doc: Any) -> None:
        """A title before proper nouns is a person spaCy missed ("Mayor Ana Ruiz")."""
        text = self.paragraphs[p]
        starts = {tok.idx: tok for tok in doc}
        for match in _titles_pattern(tuple(self.g.titles)).finditer(text):
            tok, title = starts.get(match.start()), match.group(0)
            if tok is None:
                continue
            after = tok.idx + len(title)
            names = []
            for nxt in doc[tok.i + 1 :]:
                if nxt.idx < after:
                    continue
                if nxt.tag_ != "NNP" or not nxt.text[:1].isupper() or nxt.text in self.g.titles:
                    break
                names.append(nxt)
            if not names or names[-1].text in self.g.names:
                continue
            # "State" in "Secretary of State Antony Blinken" is part of a title
            self.entities = [
                e
                for e in self.entities
                if not (e[2] == p and tok.idx <= e[3] and e[4] <= after and e[1] != "PERSON")
            ]
            start, end = names[0].idx, _tok_end(names[-1])
            if any(e[2] == p and e[3] < end and start < e[4] for e in self.entities):
                continue
            self.entities.append([text[start:end], "PERSON", p, start, end])

    def _gazetteer(self) -> None:
        for p, text in enumerate(self.paragraphs):
            for start, end, name in self.g.find(text):
                inside = False
                for e_text, label, ep, es, ee in self.entities:
                    if ep != p or not (es <= start and end <= ee):
                        continue
                    longer = _strip_article(e_text) != text[start:end] and (ee - es) > (end - start)
                    if longer and label == "PERSON" and name.kind != "person":
                        inside = None  # "Jordan" in "Michael Jordan": not the country
                        break
                    if longer and label in ("GPE", "LOC") and gazetteer.place_country(e_text):
                        inside = None  # "Mongolia" in "Inner Mongolia": the region is
                        break
                    if longer and label in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW"):
                        # "Interfax news agency" is still Interfax; "Bank of Russia" is not Russia
                        inside = not (name.kind in ("media", "igo", "group") and start == es)
                if inside is None:
                    continue
                self.matches[p].append(_Match(start, end, name, inside))
            # a wire dateline in capitals: "NAIROBI (AP) —", "PORT SUDAN, Sudan —"
            place = DATELINE_PLACE.match(text)
            if place and not any(m.start == 0 for m in self.matches[p]):
                name = self._place_name(place.group(1).strip().title())
                if name is not None:
                    self.matches[p].append(_Match(0, len(place.group(1).strip()), name))
        # entity labels from the lists; names spaCy missed become entities
        for ent in self.entities:
            text, label, p, start, end = ent
            m = next(
                (
                    m
                    for m in self.matches[p]
                    if m.name.text == _strip_article(text) and m.end == end
                ),
                None,
            )
            if m is None:
                m = next((m for m in self.matches[p] if (m.start, m.end) == (start, end)), None)
            if m is not None:
                ent[1] = LABEL_FOR_KIND[m.name.kind]
        for p, found in enumerate(self.matches):
            for m in found:
                if not any(e[2] == p and e[3] < m.end and m.start < e[4] for e in self.entities):
                    label = LABEL_FOR_KIND[m.name.kind]
                    self.entities.append(
                        [self.paragraphs[p][m.start : m.end], label, p, m.start, m.end]
                    )

    def _split_place_from_person(self) -> None:
        """A place run on into a person's name ("envoy to Ukraine Kurt Volker" parsed
        as the ORG "Ukraine Kurt Volker"): the place, then the person, when what
        follows the place opens with a given name or ends with a surname the
        article names elsewhere."""
        surnames = {
            text.split()[-1] for text, label, *_ in self.entities if label == "PERSON"
        }
        for ent in self.entities:
            text, label, p, start, end = ent
            if label == "PERSON":
                continue
            lead = next(
                (
                    m
                    for m in self.matches[p]
                    if m.start == start + len(text) - len(_strip_article(text))
                    and m.end < end
                    and m.name.kind in COUNTRY_KINDS
                ),
                None,
            )
            if lead is None:
                continue
            rest = self.paragraphs[p][lead.end : end].split()
            if len(rest) < 2 or not all(w[:1].isupper() for w in rest):
                continue
            if rest[0] in gazetteer.given_names() or rest[-1] in surnames:
                lead.inside_name = False
                person_start = end - len(" ".join(rest))
                ent[:] = [" ".join(rest), "PERSON", p, person_start, end]

    def _place_name(self, text: str) -> gazetteer.Name | None:
        """A country, capital, city or region by its name ("Kherson": UKR)."""
        name = self.g.names.get(text)
        if name is not None:
            return name if name.kind in ("capital", "country") else None
        code = gazetteer.place_country(text)
        if code is None:
            return None
        return gazetteer.Name(text, "place", code, display=self.g.country_display.get(code, code))

    def _places(self) -> None:
        """Cities and regions: what the parse calls a place (GPE, LOC), a name
        described as one ("Addison, a village southwest of Ithaca") or a lone word
        spaCy calls a person that no full name ends with ("fighting in Tigray"),
        found in the gazetteer of places, is the country it lies in. A surname of a
        person the article names is not a place, nor is a river, a lake or a
        mountain ("the Sava river"; data/actors/place_nouns.txt): those are no
        actors at all."""
        surnames = {
            text.split()[-1] for text, label, *_ in self.entities if label == "PERSON"
            and len(text.split()) > 1
        }
        features = {_strip_article(e[0]) for e in self.entities if self._natural_feature(e)}
        for ent in self.entities:
            text, label, p, start, end = ent
            name = _strip_article(text)
            if name in features:
                ent[1] = "LOC"
                continue
            if name in surnames or self._gazetteer_name(p, start, end) is not None:
                continue
            if label not in ("GPE", "LOC") and not (
                self._described_as_place(p, end) or self._lone_name(ent)
            ):
                continue
            place = self._place_name(name)
            if place is None:
                continue
            within = self._qualifier(p, end)
            if within is not None and within != place.country:  # "Palm Beach, Florida"
                place = gazetteer.Name(name, "place", within, display=self.g.country_name(within))
            ent[1] = "GPE"
            self.matches[p].append(_Match(end - len(name), end, place))

    def _qualifier(self, p: int, end: int) -> str | None:
        """The country of the state or country written after a place's name
        ("Palm Beach, Florida", "Addison, N.Y."), which settles which one it is."""
        after = QUALIFIER.match(self.paragraphs[p], end)
        if after is None:
            return None
        name = after.group(1)
        place = self._place_name(name) or self._place_name(name.rstrip("."))  # "N.Y." or end
        return place.country if place is not None else None

    def _natural_feature(self, ent: list[Any]) -> bool:
        """ "the Sava river", "Lake Chad", "the river Sava"."""
        text, _label, p, start, end = ent
        doc = self.docs[p]
        after = _token_at(doc, end + 1) if end + 1 < len(self.paragraphs[p]) else None
        words = [after] if after is not None else []
        first = _token_at(doc, start)
        if first is not None and first.i > 0:
            words.append(doc[first.i - 1])
        words.extend(_tokens_in(doc, start, end))
        return any(t.lower_ in self.g.feature_nouns for t in words)

    def _lone_name(self, ent: list[Any]) -> bool:
        """One word spaCy calls a person, not a subject, that no full name of the
        article ends with: news names a person in full first, so a known place is
        what it is ("shelling hit Kherson")."""
        text, label, p, start, _end = ent
        if label != "PERSON" or " " in text:
            return False
        tok = _token_at(self.docs[p], start)
        if tok is None or tok.dep_ in ("nsubj", "nsubjpass", "poss"):
            return False  # "Kennedy said": a person's surname, however spaCy missed the name
        before = self.paragraphs[p][:start].rstrip()
        return not any(before.endswith(t) and _word_start(before, len(t)) for t in self.g.titles)

    def _described_as_place(self, p: int, end: int) -> bool:
        head = _token_at(self.docs[p], end - 1)
        if head is None:
            return False
        nouns = [c for c in head.children if c.dep_ == "appos" and c.i > head.i]
        if head.dep_ == "appos" and head.head.i < head.i:
            nouns.append(head.head)
        words = [t for n in nouns for t in (n, *n.lefts) if t.dep_ != "det"]
        return any(t.lemma_.lower() in self.g.place_nouns for t in words)

    def _people_by_apposition(self) -> None:
        """A name spaCy calls ORG or GPE, described as a person ("Smith, the company’s
        chief executive", "the agency’s director, Diallo", "Figgins, who represents
        Thomas"), is a person."""
        for ent in self.entities:
            text, label, p, start, end = ent
            if label not in ("ORG", "GPE", "NORP", "LOC") or self._listed(p, start, end):
                continue
            head = _token_at(self.docs[p], end - 1)
            if head is None:
                continue
            described = [c for c in head.children if c.dep_ == "appos" and c.i > head.i]
            if head.dep_ == "appos" and head.head.i < head.i:
                described.append(head.head)
            for noun in described:
                rw, _ = self._role_phrase(noun, p)
                if rw is not None and rw.kind == "person" and noun.tag_ in ("NN", "NNP"):
                    ent[1] = "PERSON"
                    break
            if ent[1] != "PERSON" and (
                WHO.match(self.paragraphs[p], end) or self._titled_by_role(p, start, end)
            ):
                ent[1] = "PERSON"

    def _titled_by_role(self, p: int, start: int, end: int) -> bool:
        """ "executive chair Marcelo Claure" parsed as an organisation: a person's role
        word right before a short name with no institution's word in it."""
        words = self.paragraphs[p][start:end].split()
        if len(words) > 3 or any(w in self.g.org_words for w in words):
            return False
        first = _token_at(self.docs[p], start)
        if first is None or first.i == 0:
            return False
        before = first.doc[first.i - 1]
        if before.dep_ != "compound" or not (start <= before.head.idx < end):
            return False
        rw, _ = self._role_phrase(before, p)
        return rw is not None and rw.kind == "person" and before.text[:1].islower()

    def _home_country(self) -> None:
        """The country the article is about, for actors it gives no country of their
        own: the country with the most votes. One vote per mention of its name,
        capital, cities or seats (three in the lede, which says where the story is;
        none inside quote marks, where speakers talk about other places); one per
        mention of an official person or body (GOV, MIL, COP, JUD, LEG) the text or
        a dictionary places there, or that a name calls its own ("Hong Kong
        police"). Ties go to the first named. Counting the officials keeps a topic
        country ("aid to Ukraine", named often) from becoming the home of a story
        told by its U.S. actors."""
        votes: Counter[str] = Counter()
        first: dict[str, tuple[int, int]] = {}
        for p, found in enumerate(self.matches):
            quoted = _quoted_ranges(self.paragraphs[p])
            for m in found:
                code = m.name.country
                if any(a <= m.start < b for a, b in quoted):
                    continue  # what a speaker talks about is not where the story is
                if code and m.name.kind in COUNTRY_KINDS:
                    votes[code] += LEDE_VOTES if p == 0 else 1
                    votes[code] += self._names_officials(p, m)
                    first.setdefault(code, (p, m.start))
        for m in self.mentions:
            actor = self.actors[m.key]
            if actor.country and actor.role in OFFICIAL_ROLES:
                votes[actor.country] += 1
                first.setdefault(actor.country, (m.p, m.start))
        if votes:
            self.dominant = min(votes, key=lambda c: (-votes[c], first[c]))
        for actor in self.wants_context:
            actor.country = actor.country or self.dominant

    def _names_officials(self, p: int, m: _Match) -> int:
        """1 when a country's name says whose officials a phrase names ("Hong Kong
        police", "Chinese diplomats"): they vote as the officials named do."""
        tok = _token_at(self.docs[p], m.end - 1)
        if tok is None or tok.dep_ not in ("compound", "amod", "poss", "nmod"):
            return 0
        rw, _ = self._role_phrase(tok.head, p)
        return 1 if rw is not None and rw.role in OFFICIAL_ROLES else 0

    # -- people ------------------------------------------------------------------

    def _people(self) -> None:
        occurrences: list[tuple[int, int, int]] = []  # (p, start, end) of a person's name
        for _text, label, p, start, end in self.entities:
            if label == "PERSON":
                occurrences.append((p, start, end))
        for p, found in enumerate(self.matches):
            for m in found:
                if m.name.kind == "person" and not any(
                    op == p and os < m.end and m.start < oe for op, os, oe in occurrences
                ):
                    occurrences.append((p, m.start, m.end))
        words = {o: self._name_words(o) for o in occurrences}
        occurrences = [o for o in occurrences if words[o]]
        # full names first, then the short forms that join them
        people: list[tuple[tuple, list[str]]] = []  # (key, name words)
        for o in sorted(occurrences, key=lambda o: (-len(words[o]), o)):
            w = words[o]
            if len(w) < 2:
                continue
            same = next((k for k, pw in people if _contains_words(pw, w)), None)
            if same is None:
                key = ("person", " ".join(w))
                people.append((key, w))
                self._actor(key, "person", " ".join(w)).name_forms.append(" ".join(w))
        surnames = {_surname(pw): k for k, pw in people}
        # surnames spaCy tagged GPE/ORG/NORP, or missed, are people named elsewhere
        for ent in self.entities:
            text, label, p, start, end = ent
            if label != "PERSON" and text in surnames and not self._gazetteer_name(p, start, end):
                ent[1] = "PERSON"
                occurrences.append((p, start, end))
                words[(p, start, end)] = [text]
        for p, doc in enumerate(self.docs):
            for tok in doc:
                if tok.text in surnames and tok.tag_ == "NNP":
                    s, e = tok.idx, tok.idx + len(tok.text)
                    if not any(ep == p and es < e and s < ee for _, _, ep, es, ee in self.entities):
                        self.entities.append([tok.text, "PERSON", p, s, e])
                        occurrences.append((p, s, e))
                        words[(p, s, e)] = [tok.text]
        occurrences.sort()
        last_seen: dict[tuple, tuple[int, int]] = {}
        for o in occurrences:
            w = words[o]
            candidates = [k for k, pw in people if _contains_words(pw, w)]
            holder = self._title_holder(o, w, candidates)
            if holder is not None:  # "Vice President Biden" beside "Hunter Biden"
                w = holder.split()
                candidates = [k for k, pw in people if pw == w]
            if not candidates:
                key = ("person", " ".join(w))
                people.append((key, w))
                actor = self._actor(key, "person", " ".join(w))
                actor.name_forms.append(" ".join(w))
                candidates = [key]
            key = max(candidates, key=lambda k: last_seen.get(k, (-1, -1)))
            last_seen[key] = (o[0], o[1])
            p, start, end = o
            self.person_spans[p].append((start, end, key))
            self._gender_from_title(p, start, key)
            self._mention(p, start, end, key)
        for o in occurrences:
            key = next(k for s, e, k in self.person_spans[o[0]] if (s, e) == (o[1], o[2]))
            self._describe_person(o, key)
        for actor in self.actors.values():
            if actor.kind != "person":
                continue
            known = self.g.names.get(actor.name)
            if known is None or known.kind != "person":
                known = self.g.short_people.get(actor.name)
            if known is not None and known.kind == "person":
                actor.known_as = known.text  # "Trump" alone: Donald Trump, for the store's key
                actor.country = actor.country or known.country
                actor.role = actor.role or known.role
                actor.description = actor.description or known.description
            self._from_dictionary(actor)
            if actor.role is None and self._held(actor.key):
                actor.role = "CVL"  # "police arrested Jane Doe": a private individual
            actor.role = actor.role or self._role_by_verb(actor.key)
            if actor.country is None and actor.org is None:
                self.wants_context.append(actor)  # nobody is from nowhere: the home country

    def _companies(self) -> None:
        """An organisation with no role whose name owns what only a company has
        ("WeWork’s shares", "Flexport's CEO", "shares of Home Depot") is a business."""
        for m in self.mentions:
            actor = self.actors[m.key]
            if m.key[0] != "named" or actor.role is not None or actor.org:
                continue
            tok = _token_at(self.docs[m.p], m.end - 1)
            if tok is not None and tok.tag_ == "POS":
                tok = tok.head  # "WeWork’s": the name, past its possessive ending
            if tok is None:
                continue
            owner = tok.dep_ in ("poss", "compound") and tok.head
            of = tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head
            for noun in (owner, of):
                if noun and noun.lemma_.lower() in self.g.company_words:
                    actor.role = "BUS"

    def _redescribe(self) -> None:
        """People with no role yet, described again now that the organisations are
        known: "PG&E's principal meteorologist" is a company's man once PG&E is
        known as Pacific Gas & Electric Co."""
        for p, spans in enumerate(self.person_spans):
            for start, end, key in spans:
                actor = self.actors[key]
                if actor.role is None or actor.role == "CVL" and not actor.role_keys:
                    before = actor.role
                    actor.role = None
                    self._describe_person((p, start, end), key)
                    actor.role = actor.role or before

    def _held(self, key: tuple) -> bool:
        """Arrested, charged, jailed, pleaded guilty … (data/actors/held_verbs.txt):
        the object of such a verb (or the subject of its passive), or the subject of
        "plead", somewhere in the article."""
        for m in self.mentions:
            if m.key != key:
                continue
            tok = _token_at(self.docs[m.p], m.end - 1)
            if tok is None:
                continue
            who = self.g.held_verbs.get(tok.head.lemma_.lower())
            patient = tok.dep_ in ("dobj", "nsubjpass")
            if who == "object" and patient or who == "subject" and tok.dep_ == "nsubj":
                return True
        return False

    def _role_by_verb(self, key: tuple) -> str | None:
        """The role a person's act on another person says (data/actors/verb_roles.tsv):
        "Jason Foy, who represents Noel" is a lawyer."""
        for m in self.mentions:
            tok = _token_at(self.docs[m.p], m.end - 1) if m.key == key else None
            if tok is None:
                continue
            verbs = [c for c in tok.children if c.dep_ == "relcl"]
            verbs += [tok.head] if tok.dep_ == "nsubj" else []
            for verb in verbs:
                found = self.g.verb_roles.get(verb.lemma_.lower())
                objects = [c for c in verb.children if c.dep_ == "dobj"]
                if found and any(self._is_person(obj, found[1]) for obj in objects):
                    return found[0]
        return None

    def _is_person(self, tok: Any, nouns: frozenset[str]) -> bool:
        """A name of a person, or one of `nouns` ("some of Epstein’s accusers")."""
        if tok.ent_type_ == "PERSON" or tok.lemma_.lower() in nouns:
            return True
        of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        return any(self._is_person(o, nouns) for prep in of for o in prep.children)

    def _title_holder(self, o: tuple[int, int, int], w: list[str], candidates: list) -> str | None:
        """The well-known person (people.tsv) a titled surname names when the
        article's full names with that surname include someone else: "Vice
        President Biden" is Joe Biden, not his son Hunter named last."""
        known = self.g.short_people.get(w[0]) if len(w) == 1 else None
        if known is None or candidates == [("person", known.text)]:
            return None
        p, start, _end = o
        before = self.paragraphs[p][:start].rstrip()
        titled = any(
            before.endswith(t) and _word_start(before, len(t)) and title.role_word
            for t, title in self.g.titles.items()
        )
        return known.text if titled and candidates else None

    def _from_dictionary(self, actor: _Actor) -> None:
        """What the Phoenix dictionaries say of a name on the publication date, under
        what the article says (its description, already on the actor, wins)."""
        if actor.country and actor.role:
            return
        found = phoenix.known_actor(_strip_article(actor.name), self.published, self.countries)
        if found is None:
            return
        if actor.country is None and (actor.role is None or found.country is not None):
            actor.country = found.country
        actor.role = actor.role or found.role

    def _takes_context(self, actor: _Actor) -> bool:
        if actor.org or not actor.role_keys:
            return False
        if actor.party:  # "Patriotic Bloc leader": parties are national
            return True
        words = [rw for k in actor.role_keys if (rw := self.g.roles.get(k)) is not None]
        # "Opposition leader": the role came from the modifier, a state role
        from_modifier = actor.role in STATE_ROLES and any(rw.role is None for rw in words)
        return from_modifier or any(rw.context for rw in words)

    def _name_words(self, o: tuple[int, int, int]) -> list[str]:
        p, start, end = o
        text = self.paragraphs[p][start:end]
        for suffix in ("’s", "'s", "’", "'"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        words = text.split()
        keep = [
            w
            for i, w in enumerate(words)
            if w[:1].isupper() or (w.lower() in NAME_PARTICLES and 0 < i < len(words) - 1)
        ]
        return keep if keep and keep[0][:1].isupper() else []

    def _skip_title(self, p: int, start: int, end: int) -> int:
        """The start of a person's name past a title spaCy put inside it."""
        text = self.paragraphs[p]
        moved = True
        while moved:
            moved = False
            for title in sorted(self.g.titles, key=len, reverse=True):
                after = start + len(title)
                if text.startswith(title, start) and after < end and text[after] == " ":
                    start, moved = after + 1, True
                    break
        return start

    def _gender_from_title(self, p: int, start: int, key: tuple) -> None:
        before = self.paragraphs[p][:start].rstrip()
        for title, info in self.g.titles.items():
            if info.gender and before.endswith(title) and _word_start(before, len(title)):
                self.actors[key].gender = self.actors[key].gender or info.gender

    def _describe_person(self, o: tuple[int, int, int], key: tuple) -> None:
        """Title, description before the name, or apposition: country, role, description."""
        p, start, end = o
        doc = self.docs[p]
        head = _token_at(doc, end - 1)
        if head is None:
            return
        actor = self.actors[key]
        span = self._np_span(p, head)
        phrases: list[tuple[int, int, Any]] = []
        topic = self._after_topic_preposition(p, span[0], start)
        if span[0] < start and not topic:
            phrases.append((span[0], start, head))
            self._mention(p, span[0], max(end, span[1]), key)
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                phrases.append((child.left_edge.idx, self._appos_end(child), child))
        noun = head.head
        if head.dep_ == "pobj" and noun.lower_ in TOPIC_PREPOSITIONS and topic:
            noun = noun.head  # "envoy to Ukraine Kurt Volker" parsed as the envoy's object
        if (
            head.dep_ in ("appos", "pobj")
            and noun.i < head.i
            and noun.pos_ in ("NOUN", "PROPN")
            and (head.dep_ == "appos" or self._role_phrase(noun, p)[0] is not None)
            and self._gazetteer_name(p, noun.idx, _tok_end(noun)) is None
        ):  # "the agency’s director, Diallo" (not "HANOI, Vietnam (AP) — … Esper")
            np_start = self._np_span(p, noun)[0]
            phrase_end = start if topic else min(self._appos_end(noun), start)
            phrases.append((np_start, phrase_end, noun))
            self._mention(p, np_start, _tok_end(noun), key)
        for noun in _predicates(head):  # "X, who was the acting director of …"
            phrases.append((self._np_span(p, noun)[0], self._appos_end(noun), noun))
        for s, e, phrase_head in phrases:
            self._take_description(actor, p, s, e, phrase_head)

    def _after_topic_preposition(self, p: int, span_start: int, name_start: int) -> bool:
        """The words before a name are the object of "to", "on", … ("ambassador to
        Britain Liu Xiaming"): a place the person deals with, not their description."""
        first = _token_at(self.docs[p], span_start)
        if first is None or first.i < 2 or span_start >= name_start:
            return False
        prep, noun = first.doc[first.i - 1], first.doc[first.i - 2]
        if prep.lower_ not in TOPIC_PREPOSITIONS or noun.pos_ != "NOUN":
            return False  # "spoke to U.S. Rep. Ilhan Omar": the place is hers
        return any(
            m.start == span_start and m.name.kind in COUNTRY_KINDS for m in self.matches[p]
        )

    def _take_description(self, actor: _Actor, p: int, s: int, e: int, phrase_head: Any) -> None:
        """What one description says: its text, role, country and organisation. A title
        at its end ("U.S. Defense Secretary") is left out of the text when the rest
        says the role ("Army spokesman Colonel"), else it is what says it."""
        s = self._trim_description(p, s, e)
        if self._about_another_person(p, s, e, phrase_head):
            return
        possessors = self._possessors(p, s, phrase_head)  # "President Trump’s envoy"
        others = [
            es
            for _, label, ep, es, _ in self.entities
            if ep == p and label == "PERSON" and es not in possessors
        ]
        e = min([e, *(es for es in others if s < es < e)])  # "… of the DHS and Alex Azar"
        e = len(self.paragraphs[p][:e].rstrip(" ,").removesuffix(" and").rstrip(" ,"))
        full_end = len(self.paragraphs[p][:e].rstrip(" ,"))
        e, title = self._trim_title(p, s, e)
        text = self.paragraphs[p][s:e].strip(" ,")
        if title is not None and (not text or text in self.g.titles):
            e, text = e + len(title) + 1, (text + " " + title).strip()
        role_head = phrase_head if s <= phrase_head.idx < e else None
        found = self._role_of_description(p, s, e, role_head)
        if title is not None and e < full_end:
            with_title = self._role_of_description(p, s, full_end, None)
            word = with_title[0] if with_title is not None else None
            # "U.S. Defense Secretary": the title says it; "Attorney General": one phrase
            if word is not None and (
                found is None or found[0] is None or word.phrase.endswith(title.lower())
                and " " in word.phrase
            ):
                found, text = with_title, self.paragraphs[p][s:full_end].strip(" ,")
        if found is None:
            return
        rw, analysis, role = found
        if rw is not None:
            actor.role_keys.add(rw.key)
        actor.party = actor.party or analysis.party
        rank_only = self._rank(text)  # "Lt. Matt Harris, police spokesman": spokesman
        if role and (actor.role is None or actor.rank_only and not rank_only):
            actor.role, actor.rank_only = role, rank_only
            if actor.description and self._rank(actor.description):
                actor.description = None
        if not actor.description and text:
            actor.description = text
        if analysis.country and analysis.country_from_text:
            actor.country = actor.country or analysis.country
        elif possessors:  # "President Trump’s envoy to Ukraine" serves Trump's country
            actor.country = actor.country or self._person_country(p, min(possessors))
        actor.org = actor.org or analysis.org

    def _possessors(self, p: int, s: int, phrase_head: Any) -> set[int]:
        """Starts of the people named as possessors before a description's head
        ("President Trump’s envoy", "Queen Elizabeth II’s third child")."""
        text = self.paragraphs[p]
        return {
            es
            for _, label, ep, es, ee in self.entities
            if ep == p
            and label == "PERSON"
            and s <= es < ee <= phrase_head.idx
            and text.startswith(("’s", "'s"), ee)
        }

    def _person_country(self, p: int, start: int) -> str | None:
        """The country the dictionaries give the person named at `start`."""
        for text, label, ep, es, _ in self.entities:
            if ep == p and es == start and label == "PERSON":
                known = self.g.short_people.get(text) or self.g.names.get(text)
                if known is not None and known.country:
                    return known.country
                found = phoenix.known_actor(text, self.published, self.countries)
                return found.country if found is not None else None
        return None

    def _about_another_person(self, p: int, s: int, e: int, phrase_head: Any) -> bool:
        """A description through someone else ("Queen Elizabeth II’s third child",
        "President Joe Biden’s son"): the possessor's title is not the person's role.
        ("President Trump’s envoy" is an envoy: a role word heads it.)"""
        if self.g.role_word(phrase_head.lemma_) or self.g.role_word(phrase_head.text):
            return False
        return phrase_head.idx < e and bool(self._possessors(p, s, phrase_head))

    def _rank(self, text: str) -> bool:
        """A military rank alone ("Lt.", "Col."), which police and others hold too."""
        title = self.g.titles.get(text)
        rw = self.g.role_word(title.role_word) if title and title.role_word else None
        return rw is not None and rw.role == "MIL"

    def _appos_end(self, noun: Any) -> int:
        """An apposition's noun phrase with its of/for/at phrases, without clauses:
        "the WFP’s country director for Sudan", "a platform" (not "that listed …")."""
        end = _tok_end(noun)
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "in", "to"):
                end = _tok_end(child.right_edge)
            elif child.dep_ in ("compound", "amod", "case"):
                end = _tok_end(child)
            elif child.dep_ != "punct":
                break
        return end

    def _trim_description(self, p: int, start: int, end: int) -> int:
        """Drop leading articles and participles ("detained Kremlin critic")."""
        for tok in _tokens_in(self.docs[p], start, end):
            if tok.lower_ in ARTICLES or tok.tag_ in PARTICIPLE_TAGS or tok.text in self.g.titles:
                if tok.text in self.g.titles and self.g.titles[tok.text].role_word:
                    break
                start = _tok_end(tok)
                while start < end and self.paragraphs[p][start] == " ":
                    start += 1
                continue
            break
        return start

    def _trim_title(self, p: int, start: int, end: int) -> tuple[int, str | None]:
        """Cut a title left between a description and its name ("Army spokesman Colonel")."""
        text = self.paragraphs[p][start:end].rstrip()
        for title in sorted(self.g.titles, key=len, reverse=True):
            if text.endswith(title) and _word_start(text, len(title)):
                cut = start + len(text) - len(title)
                return len(self.paragraphs[p][:cut].rstrip()), title
        return start + len(text), None

    def _role_of_description(
        self, p: int, start: int, end: int, head: Any
    ) -> tuple[gazetteer.RoleWord | None, _Analysis, str | None] | None:
        """The role word, analysis and role of a description; None when it says nothing."""
        doc = self.docs[p]
        span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
        tokens = [t for t in span or () if start <= t.idx < end and not t.is_punct]
        if not tokens:
            return None
        if head is None or head not in tokens:
            nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
            head = nouns[-1] if nouns else tokens[-1]
        rw, rw_start = self._role_phrase(head, p)
        title = self.g.titles.get(self.paragraphs[p][start:end].strip())
        if rw is None and title is None and tokens[-1].text in self.g.titles:
            title = self.g.titles[tokens[-1].text]
        if rw is None and title and title.role_word:
            rw, rw_start = self.g.roles.get(title.role_word), head.idx
        if rw is None and title is None:
            rw, rw_start = self._agent_phrase(head)
        analysis = self._analyze(p, start, rw_start if rw else _tok_end(head), head)
        if (rw is None or rw.role is None) and analysis.topic:
            analysis.country, analysis.country_from_text = None, False  # "a China scholar"
        if rw is None and not (analysis.country_from_text or analysis.org or analysis.named_role):
            return None
        role = self._role(rw, analysis)
        return rw, analysis, role

    # -- names: countries, seats, organisations ----------------------------------

    def _names(self) -> None:
        for p, found in enumerate(self.matches):
            for m in found:
                if m.inside_name or m.name.kind == "person":
                    continue
                key = self._name_key(m.name, p, m.start)
                if key is None:
                    continue
                if m.name.kind == "demonym" and self._demonym_is_modifier(p, m):
                    continue
                self._mention(p, m.start, m.end, key)
        aliases = self._acronyms()
        for text, label, p, start, end in self.entities:
            if label not in ("ORG",) or self._listed(p, start, end):
                continue
            text, start = _lowercase_cut(text, start)  # "federal Bureau of Prisons"
            name = aliases.get(_strip_article(text), _strip_article(text))
            if not name or not name[0].isupper() or name.lower() in self.g.roles:
                continue  # "Army" at the start of a sentence is a role word, not a name
            known = next(
                (
                    m
                    for m in self.matches[p]
                    if start <= m.start
                    and m.end <= end
                    and m.name.kind in ("media", "igo", "group")
                    and not m.inside_name
                ),
                None,
            )
            if known is not None:  # "Interfax news agency" is Interfax
                known_key = self._mention_key_at(p, known.start, known.end)
                if known_key is not None:
                    self._mention(p, start, end, known_key)
                    continue
            # "Russia’s Defence Ministry": the country on the phrase is part of who it is
            head = _token_at(self.docs[p], end - 1)
            np_start = self._np_span(p, head)[0] if head is not None else start
            outer = self._analyze(p, np_start, start, head) if np_start < start else None
            country = outer.country if outer is not None and outer.country_from_text else None
            key = ("named", name, country) if country else ("named", name)
            actor = self._actor(key, "organization", name)
            actor.country = actor.country or country
            role = self.g.org_role(name)
            inner = [m for m in self.matches[p] if start <= m.start and m.end <= end]
            for m in inner:
                if m.name.country and not actor.country:
                    actor.country = m.name.country
                if m.name.org and not actor.org:
                    actor.org = m.name.org
                if m.name.kind == "seat":  # "Federal Reserve Bank of New York": the Fed's
                    role = m.name.role
            actor.country = actor.country or self._country_after(p, end)
            actor.role = actor.role or role
            self._from_dictionary(actor)
            actor.country = actor.country or self._place_in_name(name)
            if not actor.country and not actor.org:
                self.wants_context.append(actor)
            self._mention(p, start, end, key)
            if np_start < start:
                self._mention(p, np_start, end, key)

    def _country_after(self, p: int, end: int) -> str | None:
        """ "the Centre for Disease Control (CDC) in the US": the country it is in."""
        after = IN_PLACE.match(self.paragraphs[p], end)
        if after is None:
            return None
        found = next((m for m in self.matches[p] if m.start == after.end()), None)
        return found.name.country if found and found.name.kind in COUNTRY_KINDS else None

    def _place_in_name(self, name: str) -> str | None:
        """The country of a city or region an organisation's name opens with
        ("San Francisco Chronicle": USA)."""
        words = name.split()
        for k in range(len(words) - 1, 0, -1):
            place = self._place_name(" ".join(words[:k]))
            if place is not None:
                return place.country
        return None

    def _acronyms(self) -> dict[str, str]:
        """ "the Kivu Patriotic Front (FPK)": FPK is another name of the front; so is
        an acronym of its initials used alone later ("Pacific Gas & Electric Co." …
        "PG&E")."""
        aliases: dict[str, str] = {}
        names = [_strip_article(e[0]) for e in self.entities if e[1] == "ORG"]
        for text, label, p, _start, end in self.entities:
            if label != "ORG":
                continue
            m = ACRONYM.match(self.paragraphs[p], end)
            if m and m.group(1) != _strip_article(text):
                aliases.setdefault(m.group(1), _strip_article(text))
        for name in names:
            if ACRONYM_WORD.fullmatch(name) and name not in aliases:
                full = next((n for n in names if n != name and _initials(n) == name), None)
                if full is not None:
                    aliases[name] = full
        return aliases

    def _name_key(self, name: gazetteer.Name, p: int, start: int) -> tuple | None:
        if name.kind in ("country", "capital", "place", "demonym"):
            actor = self._actor(("country", name.country), "country", name.display)
            actor.country = name.country
            return actor.key
        if name.kind == "seat":
            key = self._collective_key(name.country, None, COLLECTIVE_FOR_ROLE.get(name.role or ""))
            actor = self.actors.get(key)
            if actor is None:
                actor = self._collective(key, name.role, None)
            self._describe(actor, p, start, name.text)
            return key
        if name.kind == "igo":
            actor = self._actor(("igo", name.body or name.org), "organization", name.display)
            actor.org, actor.role = name.org, "IGO"
            return actor.key
        if name.kind in ("media", "group"):
            kind = "organization" if name.role in ("MED", "NGO", "BUS") else "group"
            actor = self._actor(("named", name.display), kind, name.display)
            actor.country, actor.role = name.country, name.role
            return actor.key
        return None

    def _describe(self, actor: _Actor, p: int, start: int, text: str) -> None:
        """Collectives are described by their first mention in the text."""
        if actor.desc_at is None or (p, start) < actor.desc_at:
            actor.description, actor.desc_at = text, (p, start)

    def _demonym_is_modifier(self, p: int, m: _Match) -> bool:
        """A demonym on a phrase that is itself an actor ("Russian police") is not Russia."""
        tok = _token_at(self.docs[p], m.end - 1)  # "South Korean": the last word's head
        if tok is None or tok.dep_ not in ("amod", "compound", "nmod"):
            return False
        head = tok.head
        if self._role_phrase(head, p)[0] is not None:
            return True
        return (
            any(s <= head.idx < e for s, e, _ in self.person_spans[p])
            or self._gazetteer_name(p, head.idx, _tok_end(head)) is not None
        )

    def _listed(self, p: int, start: int, end: int) -> bool:
        """An entity that is a listed name, maybe after "the" ("The White House"), or
        part of one ("The U.N. Office" of "the U.N. Office for the Coordination of …")."""
        text = self.paragraphs[p]
        inner = start + len(text[start:end]) - len(_strip_article(text[start:end]))
        return (
            any(
                m.end == end
                and start <= m.start
                and text[start : m.start].strip().lower() in ("", "the")
                for m in self.matches[p]
            )
            or self._gazetteer_name(p, inner, end) is not None
        )

    def _gazetteer_name(self, p: int, start: int, end: int) -> _Match | None:
        return next((m for m in self.matches[p] if m.start <= start and end <= m.end), None)

    # -- noun phrases ------------------------------------------------------------

    def _noun_phrases(self) -> None:
        for p, doc in enumerate(self.docs):
            for tok in doc:
                if tok.pos_ not in ("NOUN", "PROPN") and not (
                    tok.lower_ in self.g.roles
                    and tok.dep_ in NOMINAL_DEPS
                    and tok.pos_ not in ("VERB", "AUX")  # "accused" the verb is no accused
                ):
                    continue
                if tok.dep_ in ("amod", "compound") and self._role_phrase(tok.head, p)[0]:
                    continue  # "chief" in "chief executive": the head speaks for both
                start, end = tok.idx, _tok_end(tok)
                # a name's phrase ("the Kremlin", "the European Union") is the name's actor
                m = self._gazetteer_name(p, start, end)
                if m is not None:
                    if m.end == end and not m.inside_name and m.name.kind != "person":
                        key = self._mention_key_at(p, m.start, m.end)
                        s, e = self._np_span(p, tok)
                        if key is not None and s < m.start:
                            self._mention(p, s, max(e, m.end), key)
                    continue
                rw, rw_start = self._role_phrase(tok, p)
                if rw is None:  # checked first: it rules out most nouns cheaply
                    continue
                if any(s <= start < e for s, e, _ in self.person_spans[p]):
                    continue
                if rw.kind == "person" and self._inside_org_name(p, tok):
                    continue  # "Attorney" in "the U.S. Attorney’s Office"
                if any(
                    m.start <= start and end <= m.end and m.key[0] == "person"
                    for m in self.in_paragraph[p]
                ):
                    continue  # "spokesman" in "Kremlin spokesman Dmitry Peskov"
                self._role_mention(p, tok, rw, rw_start)

    def _staff(
        self, p: int, start: int, end: int, head: Any, named_key: tuple, rw: gazetteer.RoleWord
    ) -> None:
        """The people of a named organisation ("PG&E officials", "WeWork employees"):
        one group with the organisation's country and role."""
        named = self.actors[named_key]
        key = ("staff", named_key, rw.key)
        actor = self.actors.get(key)
        if actor is None:
            actor = self._actor(key, "group", f"{named.name} {head.lower_}")
            actor.country, actor.org = named.country, named.org
            actor.role = named.role or rw.role
        self._describe(actor, p, start, self.paragraphs[p][start:end])
        self._mention(p, start, end, key, head)

    def _named_before(self, p: int, head: Any, rw: gazetteer.RoleWord) -> tuple | None:
        """The organisation "the company" (a bare definite phrase) refers back to: the
        last named organisation of this or the previous paragraph with the phrase's
        role (or, for a company, a newspaper and the like, with none yet)."""
        bare = [c for c in head.lefts if c.dep_ != "punct"]
        if len(bare) != 1 or bare[0].lower_ != "the" or head.tag_ not in ("NN",):
            return None
        # "the ministry" is a state body: only one named as such, not any name before
        open_role = () if rw.role in STATE_ROLES else (None,)
        found = [
            m
            for m in self.mentions
            if m.key[0] == "named"
            and p - 1 <= m.p <= p
            and (m.p, m.start) < (p, head.idx)
            and self.actors[m.key].role in (rw.role, *open_role)
            and self.actors[m.key].kind == "organization"
        ]
        return max(found, key=lambda m: (m.p, m.start)).key if found else None

    def _inside_org_name(self, p: int, tok: Any) -> bool:
        return any(
            e[2] == p and e[1] == "ORG" and e[3] <= tok.idx and _tok_end(tok) < e[4]
            for e in self.entities
        )

    def _role_mention(self, p: int, head: Any, rw: gazetteer.RoleWord, rw_start: int) -> None:
        start, end = self._np_span(p, head)
        analysis = self._analyze(p, start, rw_start, head)
        if analysis.first_person:
            return
        text = self.paragraphs[p][self._trim_description(p, start, end) : end]
        if analysis.named in self.actors and rw.kind == "organization":
            self._mention(p, start, end, analysis.named)  # "Interfax news agency"
            return
        if rw.kind == "organization" and (earlier := self._named_before(p, head, rw)):
            # "WeWork is under investigation … The company confirmed": WeWork, a company
            named = self.actors[earlier]
            named.role = named.role or rw.role
            self._mention(p, start, end, earlier, head)
            return
        if analysis.named in self.actors and rw.kind == "group" and rw.role in MEMBER_ROLES:
            # "FPK fighters", "fighters of the Kivu Patriotic Front": the group itself
            named = self.actors[analysis.named]
            named.role = named.role or rw.role
            if named.country is None and rw.context:
                named.country = self.dominant
            self._mention(p, start, end, analysis.named, head)
            return
        if analysis.named in self.actors and rw.kind == "group":
            self._staff(p, start, end, head, analysis.named, rw)  # "PG&E officials"
            return
        role = self._role(rw, analysis)
        country = analysis.country
        takes_context = rw.context or analysis.modifier_role in STATE_ROLES
        if country is None and takes_context and not analysis.blocked and not analysis.org:
            country = self.dominant
        if rw.kind == "person":
            if head.tag_ in ("NNS", "NNPS"):
                return
            new = any(t.lower_ in NEW_REFERENT for t in head.lefts)
            key = None
            if not new:  # a named person so described before; one just named; one after
                key = (
                    self._person_for_role(p, start, rw, analysis, later=False)
                    or self._described_again(p, head, rw, role, text)
                    or self._person_for_role(p, start, rw, analysis)
                )
            if key is None:
                # "said another witness": somebody else than the witness named before
                key = ("unnamed", country, analysis.org, rw.key, *((p, start) if new else ()))
                actor = self.actors.get(key)
                if actor is None:
                    actor = self._actor(key, "person", text)
                    actor.country, actor.org, actor.role = country, analysis.org, role
                    actor.description = text
                    actor.role_keys.add(rw.key)
            self._mention(p, start, end, key, head)
            return
        if role is None and country is None and analysis.org is None:
            return  # "the last global leaders": nobody in particular
        key = self._collective_key(country, analysis.org, rw.key)
        actor = self.actors.get(key) or self._collective(key, role, rw)
        self._describe(actor, p, start, text)
        self._mention(p, start, end, key, head)

    def _collective_key(self, country: str | None, org: str | None, rkey: str | None) -> tuple:
        if rkey == "government":
            return ("gov", country or org)
        return ("collective", country, org, rkey)

    def _collective(self, key: tuple, role: str | None, rw: gazetteer.RoleWord | None) -> _Actor:
        if key[0] == "gov":
            code = key[1]
            rkey, country, org = (
                "government",
                (code if code in self.g.country_display else None),
                None,
            )
            if code and country is None:
                org = code
        else:
            _, country, org, rkey = key
        prefix = self.g.adjective_for(country) if country else (org or "")
        name = f"{prefix} {rkey}".strip() if rkey else prefix
        kind = COLLECTIVE_KIND.get(rkey or "", rw.kind if rw else "organization")
        actor = self._actor(key, kind, name)
        actor.country, actor.org, actor.role = country, org, role
        return actor

    def _person_for_role(
        self,
        p: int,
        start: int,
        rw: gazetteer.RoleWord,
        analysis: _Analysis,
        later: bool = True,
    ) -> tuple | None:
        """The named person a bare role phrase ("a Kremlin spokesman") refers to: one
        described so before it, else (with `later`) one named after it."""
        country = analysis.country if analysis.country_from_text else None
        best: tuple[tuple, tuple] | None = None
        for mention in self.mentions:
            actor = self.actors[mention.key]
            if actor.kind != "person" or mention.key[0] != "person":
                continue
            if rw.key not in actor.role_keys:
                continue
            if country and actor.country and actor.country != country:
                continue
            if analysis.org and actor.org and actor.org != analysis.org:
                continue
            before = (mention.p, mention.start) < (p, start)
            if not before and not later:
                continue
            distance = abs(mention.p - p) * 10_000 + abs(mention.start - start)
            rank = (0 if before else 1, distance)
            if best is None or rank < best[0]:
                best = (rank, mention.key)
        return best[1] if best else None

    def _described_again(
        self, p: int, head: Any, rw: gazetteer.RoleWord, role: str | None, text: str
    ) -> tuple | None:
        """ "Warren … Expect the policy-minded senator to …": a definite role phrase
        with no country or organisation of its own names the last person named in
        this or the previous paragraph whom nothing else gave a role; it lends them
        its role."""
        if not any(t.lower_ == "the" and t.dep_ == "det" for t in head.lefts) or not role:
            return None
        before = [
            m
            for m in self.mentions
            if m.key[0] == "person"
            and p - 1 <= m.p <= p
            and (m.p, m.start) < (p, head.idx)
            and self.paragraphs[m.p][m.start : m.start + 1].isupper()
        ]
        if not before:
            return None
        last = max(before, key=lambda m: (m.p, m.start))
        actor = self.actors[last.key]
        if actor.role is not None:
            return None
        actor.role = role
        actor.role_keys.add(rw.key)
        actor.description = actor.description or text
        return last.key

    def _agent_phrase(self, head: Any) -> tuple[gazetteer.RoleWord | None, int]:
        """A role phrase of the Phoenix agent dictionary ending at `head` ("interior
        minister", "home secretary"), for descriptions roles.tsv does not cover."""
        doc = head.doc
        for width in (3, 2, 1):
            first = head.i - width + 1
            if first < 0:
                continue
            phrase = " ".join(t.lower_ for t in doc[first : head.i + 1])
            role = phoenix.agent_role(phrase)
            if role is not None:
                word = gazetteer.RoleWord(phrase, role, "person", phrase, True, False)
                return word, doc[first].idx
        return None, head.idx

    def _role_phrase(self, head: Any, p: int) -> tuple[gazetteer.RoleWord | None, int]:
        """The longest role phrase of roles.tsv ending at `head` (with its start char).
        A role's office is the institution of that role ("the sheriff’s office" COP,
        "the prosecutor's office" JUD)."""
        doc = head.doc
        if head.lower_ == "office":
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            rw = self.g.role_word(owner.lemma_) if owner is not None else None
            if rw is not None and rw.role and rw.kind == "person":
                phrase = f"{rw.phrase}'s office"
                office = gazetteer.RoleWord(phrase, rw.role, "organization", phrase, True, True)
                return office, owner.idx
        if head.i >= 2 and doc[head.i - 1].text == "-" and not doc[head.i - 2].whitespace_:
            word = doc[head.i - 2 : head.i + 1].text.lower()  # "director-general"
            return self.g.roles.get(word), doc[head.i - 2].idx
        lemma = head.lemma_.lower() if head.tag_ not in ("NNS", "NNPS") else head.lower_
        ofs = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        for prep in ofs:
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if objs and (rw := self.g.roles.get(f"{head.lower_} of {objs[0].lower_}")):
                return rw, head.idx
        for width in (3, 2):
            first = head.i - width + 1
            if first < 0:
                continue
            words = [t.lower_ for t in doc[first : head.i]]
            for last in {head.lower_, lemma}:
                rw = self.g.roles.get(" ".join([*words, last]))
                if rw is not None:
                    return rw, doc[first].idx
        for word in (head.lower_, lemma):
            rw = self.g.roles.get(word)
            if rw is not None:
                if rw.kind == "person" and head.tag_ in ("NNS", "NNPS") and word == lemma:
                    continue  # "spokesmen" is not one spokesman
                return rw, head.idx
        return None, head.idx

    def _analyze(self, p: int, start: int, end: int, head: Any) -> _Analysis:
        """Country, organisation and modifier roles in [start, end) and head's of/in/for."""
        a = _Analysis()
        doc = self.docs[p]
        for m in self.matches[p]:
            if not (start <= m.start and m.end <= end):
                continue
            if m.inside_name and m.name.kind not in COUNTRY_KINDS:
                continue  # "Security Council" in "National Security Council": not the UN's
            self._take_name(a, p, m)
            tok = _token_at(doc, m.end - 1)
            if m.name.kind in ("country", "place") and tok is not None and tok.dep_ == "compound":
                a.topic = True
        for s, _e, key in self.person_spans[p]:
            if start <= s < end:
                if self.actors[key].country and not a.country:
                    a.country, a.country_from_text = self.actors[key].country, True
                a.blocked = True  # "the Smith administration": Smith's, wherever that is
        for ent_text, label, ep, es, ee in self.entities:
            if (
                ep == p
                and start <= es
                and ee <= end
                and label == "ORG"
                and not self._listed(p, es, ee)
                and _strip_article(ent_text).lower() not in self.g.roles
            ):
                known = self._mention_key_at(p, es, ee)
                a.named = known or ("named", _strip_article(ent_text))
                a.named_role = (
                    self.actors[known].role if known else self._named_role(_strip_article(ent_text))
                )
                self._named_country(a, _strip_article(ent_text))
                a.party = a.party or _party(_strip_article(ent_text))
        strong = False
        for tok in _tokens_in(doc, start, end):
            if tok.lower_ in FIRST_SECOND_PERSON and tok.dep_ == "poss":
                a.first_person = True
            if tok.lower_ in BLOCK_CONTEXT:
                a.blocked = True
            rw = self.g.roles.get(tok.lower_) or self.g.roles.get(tok.lemma_.lower())
            if rw is not None and rw.role and tok.i != head.i and (rw.strong or not strong):
                a.modifier_role = rw.role  # "Police Department spokesman": police, not department
                strong = strong or rw.strong
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("of", "in", "for", "from", "at", "with"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                m = self._gazetteer_name(p, obj.idx, _tok_end(obj))
                if m is not None and prep.lower_ != "with":
                    self._take_name(a, p, m)
                    continue
                if prep.lower_ == "of" and not a.modifier_role:  # "director of prosecutions"
                    rw, _ = self._role_phrase(obj, p)
                    a.modifier_role = rw.role if rw is not None else None
                org = self._org_entity(p, obj)
                if org is not None and a.named is None:
                    a.named, a.named_role = ("named", org), self._named_role(org)
                    a.employer = True
                    self._named_country(a, org)
                    continue
                key = self._mention_key_at(p, *self._np_span(p, obj)) or next(
                    (
                        mention.key
                        for mention in self.in_paragraph[p]
                        if mention.start <= obj.idx < mention.end
                    ),
                    None,
                )
                if key is not None and key[0] == "named" and a.named is None:
                    a.named, a.named_role = key, self.actors[key].role
        return a

    def _org_entity(self, p: int, tok: Any) -> str | None:
        """The name of the ORG entity holding `tok`, without "the"."""
        for text, label, ep, es, ee in self.entities:
            if ep == p and label == "ORG" and es <= tok.idx < ee:
                return _strip_article(text)
        return None

    def _named_role(self, name: str) -> str | None:
        """An organisation's role: a seat of power its name holds ("Federal Reserve
        Bank of New York"), what its name says, else the Phoenix dictionaries."""
        seat = next((n for _, _, n in self.g.find(name) if n.kind == "seat"), None)
        role = seat.role if seat is not None else self.g.org_role(name)
        if role is None:
            known = phoenix.known_actor(name, self.published, self.countries)
            role = known.role if known is not None else None
        return role

    def _named_country(self, a: _Analysis, name: str) -> None:
        """The country of a named organisation the dictionaries know ("National
        Security Council": USA) is its people's ("a National Security Council
        official"), when the phrase names no other."""
        known = phoenix.known_actor(name, self.published, self.countries)
        if known is not None and known.country and not a.country:
            a.country, a.country_from_text = known.country, True

    def _take_name(self, a: _Analysis, p: int, m: _Match) -> None:
        name = m.name
        if name.kind in ("country", "capital", "place", "demonym", "seat") and not a.country:
            a.country, a.country_from_text = name.country, True
        if name.kind in ("country", "capital", "place"):
            a.state_named = True
        if name.kind == "seat":
            a.seat_role = name.role
        if name.kind == "igo":
            a.org = a.org or name.org
        if name.kind in ("media", "group"):
            a.named, a.named_role = ("named", name.display), name.role
            if name.country and not a.country:
                a.country, a.country_from_text = name.country, True

    def _role(self, rw: gazetteer.RoleWord | None, a: _Analysis) -> str | None:
        if rw is not None and rw.state_role and self._held_for_a_state(a):
            return rw.state_role  # "Hong Kong Chief Executive": the territory's head, GOV
        if rw is not None and rw.strong and rw.role:
            return rw.role
        if a.modifier_role:
            return a.modifier_role
        if a.seat_role:
            return a.seat_role
        if a.org:
            return "IGO"
        if a.named is not None and a.named_role:  # "Kivu Patriotic Front spokesman"
            return a.named_role
        if a.employer and (rw is None or not rw.strong):
            return None  # "the president of the American Farm Bureau": not a head of state
        return rw.role if rw is not None else None

    @staticmethod
    def _held_for_a_state(a: _Analysis) -> bool:
        """The phrase names a state (country, capital, place; "a French chief executive"
        does not) and no organisation."""
        return a.state_named and a.named is None and not a.employer and not a.org

    def _np_span(self, p: int, head: Any) -> tuple[int, int]:
        """The noun phrase of `head`: its left modifiers and a possessive ending."""
        left = head
        for child in head.lefts:
            if child.dep_ in MODIFIER_DEPS or child.dep_ == "punct" and child.text == "-":
                left = min(left, child.left_edge, key=lambda t: t.i)
        left = _hyphen_start(left)
        end = _tok_end(head)
        for child in head.rights:
            if child.dep_ == "case" and child.i == head.i + 1:
                end = _tok_end(child)
        start = left.idx
        # never across a quote mark or a comma (glued or mis-parsed text)
        text = self.paragraphs[p]
        cut = max(text.rfind(c, start, end) for c in HARD_QUOTES + ",;:()")
        if cut >= 0:
            start = cut + 1
            while start < end and text[start] == " ":
                start += 1
        return start, end

    def _mention_key_at(self, p: int, start: int, end: int) -> tuple | None:
        m = self.mentioned.get((p, start, end))
        return m.key if m is not None else None

    # -- pronouns ----------------------------------------------------------------

    def _pronouns(self) -> None:
        people = sorted(
            (m for m in self.mentions if self.actors[m.key].kind == "person"),
            key=lambda m: (m.p, m.start),
        )
        things = [m for m in self.mentions if self.actors[m.key].kind != "person" and m.subject]
        for p, doc in enumerate(self.docs):
            for tok in doc:
                word = tok.lower_
                if word in PERSON_PRONOUNS and tok.pos_ == "PRON":
                    key = self._person_for_pronoun(p, tok, PERSON_PRONOUNS[word], people)
                elif word in THING_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass", "poss"):
                    key = self._thing_for_pronoun(p, tok, things)
                else:
                    continue
                if key is not None:
                    mention = self._mention(p, tok.idx, _tok_end(tok), key, tok)
                    if self.actors[key].kind == "person" and mention is not None:
                        people.append(mention)
                        people.sort(key=lambda m: (m.p, m.start))
                        if self.actors[key].gender is None:
                            self.actors[key].gender = PERSON_PRONOUNS[word]

    def _person_for_pronoun(
        self, p: int, tok: Any, gender: str, people: list[_Mention]
    ) -> tuple | None:
        earlier = [
            m
            for m in people
            if (m.p, m.start) < (p, tok.idx)
            and p - m.p <= 3
            and self.actors[m.key].gender in (None, gender)
        ]
        if not earlier:
            return None
        # the nearest sentence naming a compatible person; its subject if it has one.
        # A pronoun that is a subject looks a little further for a subject: in "Andrew
        # claims … It meant three days at Epstein’s mansion. During the visit, he …",
        # he is Andrew, who the story is about, not Epstein named in passing.
        sentences: list[list[_Mention]] = []
        for m in reversed(earlier):
            if not sentences or (sentences[-1][0].p, sentences[-1][0].sent) != (m.p, m.sent):
                sentences.append([])
            sentences[-1].append(m)
        reach = SUBJECT_REACH if tok.dep_ in SUBJECT_DEPS else 1
        for sentence in sentences[:reach]:
            subjects = [m for m in sentence if m.subject]
            if subjects:  # the main clause's subject, else the first: who it is about
                return min(subjects, key=lambda m: (not self._main_subject(m), m.start)).key
        return max(sentences[0], key=lambda m: m.start).key

    def _main_subject(self, m: _Mention) -> bool:
        tok = _token_at(self.docs[m.p], m.end - 1)
        return tok is not None and tok.head.dep_ == "ROOT" and tok.dep_ in SUBJECT_DEPS

    def _thing_for_pronoun(self, p: int, tok: Any, things: list[_Mention]) -> tuple | None:
        sent = tok.sent
        previous = sent.doc[sent.start - 1].sent if sent.start > 0 else None
        for span in (sent, previous):
            if span is None:
                continue
            found = [
                m
                for m in things
                if m.p == p and span.start_char <= m.start < span.end_char and m.start < tok.idx
            ]
            if found:
                return found[-1].key
        return None

    # -- bookkeeping -------------------------------------------------------------

    def _actor(self, key: tuple, kind: str, name: str) -> _Actor:
        actor = self.actors.get(key)
        if actor is None:
            actor = self.actors[key] = _Actor(key, kind, name)
        return actor

    def _mention(
        self, p: int, start: int, end: int, key: tuple, head: Any = None
    ) -> _Mention | None:
        if (p, start, end) in self.mentioned:
            return None
        tok = head if head is not None else _token_at(self.docs[p], max(start, end - 1))
        subject = False
        sent = 0
        if tok is not None:
            sent = tok.sent.start_char
            subject = tok.dep_ in SUBJECT_DEPS or (
                tok.dep_ in ("compound", "appos") and tok.head.dep_ in SUBJECT_DEPS
            )
        mention = _Mention(p, start, end, key, subject, sent)
        self.mentions.append(mention)
        self.mentioned[(p, start, end)] = mention
        self.in_paragraph[p].append(mention)
        return mention

    def _index(self) -> ActorIndex:
        self.mentions.sort(key=lambda m: (m.p, m.start, -m.end))
        order = list(dict.fromkeys(m.key for m in self.mentions))
        ids = {key: f"a{i}" for i, key in enumerate(order, 1)}
        counts = _mention_counts(self.mentions)
        actors = []
        for key in order:
            a = self.actors[key]
            name = a.name
            if a.kind == "person" and a.name_forms:
                name = max(a.name_forms, key=lambda n: (len(n.split()), len(n)))
            store_key = None
            if key[0] != "unnamed":  # "a witness" is nobody in particular across articles
                store_key = actor_key(a.kind, a.known_as or name, a.country, a.org, a.role)
            actors.append(
                Actor(
                    id=ids[key],
                    name=name,
                    kind=a.kind,
                    country=a.country,
                    org=a.org,
                    role=a.role,
                    description=a.description,
                    mentions=counts[key],
                    key=store_key,
                )
            )
        mentions = [(m.p, m.start, m.end, ids[m.key]) for m in self.mentions]
        unnamed = {ids[key] for key in order if key[0] == "unnamed"}
        index = ActorIndex(actors=actors, mentions=mentions, unnamed=unnamed, docs=self.docs)
        for text, label, p, start, end in sorted(self.entities, key=lambda e: (e[2], e[3])):
            actor = self._entity_actor(p, start, end, ids)
            index.entities.append(Entity(text, label, p, start, end, actor))
        return index

    def _entity_actor(self, p: int, start: int, end: int, ids: dict[tuple, str]) -> str | None:
        best: tuple[int, str] | None = None
        for m in self.in_paragraph[p]:
            if m.start <= start and end <= m.end:
                size = m.end - m.start
                if best is None or size < best[0]:
                    best = (size, ids[m.key])
        return best[1] if best else None


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


def _quoted_ranges(text: str) -> list[tuple[int, int]]:
    """The stretches of a paragraph inside double quote marks."""
    return [m.span() for m in QUOTED.finditer(text)]


def _initials(name: str) -> str:
    """ "PG&E" of "Pacific Gas & Electric Co."; "FBI" of "Federal Bureau of Investigation"."""
    words = [w for w in name.split() if w not in gazetteer.ORG_SUFFIXES]
    return "".join(w if w == "&" else w[0] for w in words if w[0].isupper() or w == "&")


def _predicates(name: Any) -> list[Any]:
    """What a clause says a person is: "X, who was the acting director of …", "X is
    the mayor", "X has been named acting secretary"."""
    verbs = [c for c in name.children if c.dep_ == "relcl"]
    if name.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(name.head)
    return [
        c
        for verb in verbs
        if verb.lemma_ in PREDICATE_VERBS
        for c in verb.children
        if c.dep_ in ("attr", "oprd") and c.pos_ in ("NOUN", "PROPN")
    ]


def _hyphen_start(tok: Any) -> Any:
    """The first token of a hyphenated word the parse cut up, with the nouns before
    it: "founder" of "Wikileaks co-founder" starts at "Wikileaks"."""
    doc = tok.doc
    i = tok.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_:
        if doc[i - 2].whitespace_:
            break
        i -= 2
        while i >= 1 and doc[i - 1].dep_ == "compound" and doc[i - 1].pos_ in ("NOUN", "PROPN"):
            i -= 1
    return doc[i]


def _surname(words: list[str]) -> str:
    """The last name word, past a suffix ("Carlineo" of "Patrick W. Carlineo Jr.")."""
    kept = [w for w in words if w not in gazetteer.NAME_SUFFIXES]
    return (kept or words)[-1]


def _party(name: str) -> bool:
    """A political party's name ("Patriotic Bloc", "Law and Justice Party")."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in PARTY_WORDS


def _tok_end(tok: Any) -> int:
    return tok.idx + len(tok.text)


def _mention_counts(mentions: list[_Mention]) -> Counter[tuple]:
    """How often each actor is mentioned, a mention inside a longer one of the same
    actor not counted again. Mentions are compared within their actor and paragraph
    only, so a long paragraph of many names stays cheap."""
    groups: dict[tuple, list[_Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.key, m.p)].append(m)
    counts: Counter[tuple] = Counter()
    for (key, _p), group in groups.items():
        reach = -1  # the furthest end of a mention starting earlier (no two share a span)
        for m in sorted(group, key=lambda m: (m.start, -m.end)):
            if reach < m.end:
                counts[key] += 1
            reach = max(reach, m.end)
    return counts


def _token_starts(doc: Any) -> list[int]:
    """Where each token of the doc starts, worked out once per doc."""
    starts = doc.user_data.get("tidings_token_starts")
    if starts is None:
        starts = doc.user_data["tidings_token_starts"] = [t.idx for t in doc]
    return starts


def _tokens_in(doc: Any, start: int, end: int) -> Any:
    """The tokens starting at characters start..end-1, found by bisection: a scan of
    the whole doc per name made a long paragraph quadratic."""
    starts = _token_starts(doc)
    return doc[bisect_left(starts, start) : bisect_left(starts, end)]


def _token_at(doc: Any, char: int) -> Any:
    """The token covering character `char` of the doc's text, or None (whitespace)."""
    starts = _token_starts(doc)
    i = bisect_right(starts, char) - 1
    if i < 0:
        return None
    tok = doc[i]
    return tok if char < tok.idx + len(tok.text) else None


@cache
def _titles_pattern(titles: tuple[str, ...]) -> re.Pattern[str]:
    """Titles ("Mayor", "Foreign Minister") as one regex, longest first, whole words."""
    ordered = sorted(titles, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in ordered) + r")")


def _lowercase_cut(text: str, start: int) -> tuple[str, int]:
    """An organisation's name without the lowercase words spaCy put before it ("the
    federal Bureau of Prisons" -> "Bureau of Prisons"), with its new start."""
    words = text.split(" ")
    lead = next((i for i, w in enumerate(words) if w[:1].isupper()), 0)
    if lead == 0:
        return text, start
    cut = len(" ".join(words[:lead])) + 1
    return text[cut:], start + cut


def _strip_article(text: str) -> str:
    for article in ("the ", "The "):
        if text.startswith(article):
            return text[len(article) :]
    return text


def _word_start(text: str, length: int) -> bool:
    return len(text) == length or not text[-length - 1].isalnum()


def _contains_words(full: list[str], part: list[str]) -> bool:
    """ "Putin" and "Vladimir Putin" are in "Vladimir Putin"; "Mr. Putin" too."""
    if len(part) > len(full):
        return False
    if part == full[-len(part) :] or part == full[: len(part)]:
        return True
    return len(part) == 1 and part[0] in full[1:]


def _in_name(tok: Any) -> bool:
    """A word that can be part of an institution's name before its head word."""
    return tok.tag_ == "POS" or (tok.pos_ == "PROPN" and tok.text[:1].isupper())


def _apostrophe(text: str, i: int) -> bool:
    """A ’ or ' between letters ("People’s", "O’Brien") is not a quote mark."""
    return (
        text[i] in "’'"
        and 0 < i < len(text) - 1
        and text[i - 1].isalpha()
        and text[i + 1].isalpha()
    )


def _trim_tail(doc: Any, start: int, end: int) -> int:
    """The end of a name past lowercase words spaCy ran it on into ("The Associated
    Press that" -> "The Associated Press")."""
    tokens = list(_tokens_in(doc, start, end))
    while (
        len(tokens) > 1
        and tokens[-1].text[:1].islower()
        and tokens[-1].pos_ not in ("NOUN", "ADJ", "PROPN")  # "Armenia’s foreign ministry"
        and tokens[-2].whitespace_  # "Cheuk Hau-yip" keeps its "yip"
    ):
        tokens.pop()
    return _tok_end(tokens[-1]) if tokens else end


def _trim_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a quote mark glued into an entity ("dialogue,”Kremlin" -> "Kremlin")."""
    inner = [
        i
        for i in range(start, end)
        if text[i] in QUOTE_CHARS and not _apostrophe(text, i)
    ]
    if not inner:
        return start, end
    after = inner[-1] + 1
    if after < end and text[after:end].strip()[:1].isupper():
        start = after
        while start < end and text[start] == " ":
            start += 1
        return start, end
    return start, inner[0]


def resolve_actors(
    paragraphs: Sequence[str], docs: Sequence[Any], published: str | None = None
) -> ActorIndex:
    """Entities, actors and every mention of them in an article."""
    return Resolver(paragraphs, docs, published).run()
