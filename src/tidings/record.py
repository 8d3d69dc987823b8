"""The article record of SPEC.md: typed dataclasses with JSON in and out."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import types
import typing
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Annotated, Any, Literal

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class Doc:
    """What a field means: read by `json_schema` (and by anyone documenting the record)."""

    text: str


# The closed sets of values the contract (SPEC.md) names.
Format = Literal["text", "html", "feed", "warc", "jsonl"]
ActorKind = Literal["person", "organization", "country", "group"]
QuoteKind = Literal["direct", "partial", "indirect"]
StoryRelation = Literal["original", "copy", "version", "related"]
EventType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                    "MOBILIZE", "COERCE", "ASSAULT"]  # fmt: skip
Modality = Literal["asserted", "intended", "conditional", "requested", "negated", "reported"]


def values(closed: Any) -> tuple[str, ...]:
    """The values of one of the closed sets above."""
    return typing.get_args(closed)


@dataclass
class Source:
    path: Annotated[str | None, Doc("the file it was read from (`file.jsonl:3` for a line)")] = None
    url: Annotated[str | None, Doc("the address of the article")] = None
    outlet: Annotated[str | None, Doc("the outlet's name, or its host when it names none")] = None
    format: Annotated[Format, Doc("what the input was")] = "text"
    encoding: Annotated[str | None, Doc("the charset the bytes were read with")] = None
    canonical_url: Annotated[str | None, Doc("the page's own <link rel=canonical>")] = None


@dataclass
class Dateline:
    place: Annotated[str, Doc("the place of a wire dateline, e.g. BELGRADE")]
    text: Annotated[str, Doc("the dateline as written, e.g. `BELGRADE, Dec. 18 —`")]


@dataclass
class Edit:
    """One change between `original` and the structured record."""

    kind: Annotated[str, Doc("what was changed: boilerplate, section_line, duplicate, "
                             "glued_words, split_word, hyphenation, line_wrap, "
                             "doubled_letter, spacing, encoding, truncation, …")]
    before: Annotated[str, Doc("the text before the change")]
    after: Annotated[str, Doc("the text after it (empty when removed)")]
    paragraph: Annotated[int | None, Doc("the paragraph changed, or null for whole lines")]
    reason: Annotated[str, Doc("why, in a few words")]


@dataclass
class Actor:
    id: Annotated[str, Doc("stable within the record")]
    name: Annotated[str, Doc("the fullest name in the article, e.g. Dmitry Peskov")]
    kind: Annotated[ActorKind, Doc("what the actor is")]
    country: Annotated[str | None, Doc("ISO 3166-1 alpha-3 code, e.g. RUS")] = None
    org: Annotated[str | None, Doc("international organisation code: EU, UN, NATO, …")] = None
    role: Annotated[str | None, Doc("CAMEO-style role: GOV, MIL, COP, OPP, JUD, LEG, MED, "
                                    "CVL, REB, BUS, NGO, IGO, …")] = None
    description: Annotated[str | None, Doc("how the article describes it, e.g. "
                                           "Kremlin spokesman")] = None
    mentions: Annotated[int, Doc("how often the article names it")] = 0
    key: Annotated[str | None, Doc("the same actor's key in every article of the store, e.g. "
                                   "USA:GOV:donald-trump; null for someone described but "
                                   "never named")] = None


@dataclass
class Entity:
    text: Annotated[str, Doc("the mention as written")]
    label: Annotated[str, Doc("spaCy label: PERSON, ORG, GPE, NORP, LOC, …")]
    paragraph: Annotated[int, Doc("index into paragraphs")]
    start: Annotated[int, Doc("character offset in the paragraph")]
    end: Annotated[int, Doc("character offset after the mention")]
    actor: Annotated[str | None, Doc("the id of the actor it names, or null")] = None


@dataclass
class Quote:
    text: Annotated[str, Doc("the quoted words, without the quote marks")]
    kind: Annotated[QuoteKind, Doc("direct: whole sentences in quote marks; partial: a quoted "
                                   "phrase in reported speech; indirect: no quote marks")]
    speaker: Annotated[str | None, Doc("the resolved name of who said it, never a pronoun")]
    speaker_actor: Annotated[str | None, Doc("the speaker's actor id, or null")]
    speaker_mention: Annotated[str | None, Doc("the speaker as written at the cue, e.g. he")]
    cue: Annotated[str | None, Doc("the verb of saying, e.g. said, told")]
    via: Annotated[str | None, Doc("an outlet that relayed it, e.g. Interfax")]
    paragraph: Annotated[int, Doc("index into paragraphs")]


@dataclass
class Time:
    text: Annotated[str, Doc("the expression as written")]
    value: Annotated[str | None, Doc("TIMEX3-style value (2021-01-24, 2021-01, 2021-W03), "
                                     "or null when it cannot be resolved")]
    anchor: Annotated[str | None, Doc("the date it was resolved against")]
    paragraph: Annotated[int, Doc("index into paragraphs")]
    start: Annotated[int | None, Doc("character offset in the paragraph")] = None
    end: Annotated[int | None, Doc("character offset after the expression")] = None


@dataclass
class StoryRef:
    """Where an article stands in its story (SPEC: Stories)."""

    id: Annotated[str, Doc("the story's id")]
    relation: Annotated[StoryRelation, Doc("the article's place in the story")]
    of: Annotated[str | None, Doc("the id of the article it copies or revises")] = None


@dataclass
class Event:
    type: Annotated[EventType, Doc("PLOVER event type")]
    mode: Annotated[str | None, Doc("PLOVER mode, e.g. arrest, or null")]
    source: Annotated[Actor | None, Doc("who did it, or null when unknown")]
    target: Annotated[Actor | None, Doc("to whom, or null when unknown")]
    modality: Annotated[Modality, Doc("how the article states it")]
    date: Annotated[str | None, Doc("when, as a `times` value, or null")]
    date_text: Annotated[str | None, Doc("the time expression as written")]
    location: Annotated[str | None, Doc("where, a place name, or null")]
    intensity: Annotated[float, Doc("-10 (conflict) to +10 (cooperation)")]
    sentence: Annotated[str, Doc("the evidence, verbatim from paragraphs")]
    paragraph: Annotated[int, Doc("index into paragraphs")]
    confidence: Annotated[float, Doc("0 to 1")]
    id: Annotated[str, Doc("stable within the record")] = ""
    mentions: Annotated[int, Doc("sentences of the article that report this same "
                                 "event")] = 1
    context: Annotated[list[str], Doc("PLOVER contexts, e.g. military, legal")] = field(
        default_factory=list
    )


@dataclass
class Article:
    id: Annotated[str, Doc("stable id: a hash of the original bytes")]
    source: Annotated[Source, Doc("where the article came from")]
    original: Annotated[str, Doc("the input as decoded text, unchanged")]
    schema_version: Annotated[int, Doc("the version of this contract")] = SCHEMA_VERSION
    published: Annotated[str | None, Doc("ISO date of publication, from the page, the feed, "
                                         "or --date")] = None
    published_time: Annotated[str | None, Doc("ISO 8601 date and time of publication, with "
                                              "its UTC offset where the page gives one")] = None
    language: Annotated[str | None, Doc("ISO 639-1 code of the body's language, detected from "
                                         "the text (the page's own claim only a hint)")] = None
    title: Annotated[str, Doc("headline, repaired, without the site's name")] = ""
    sections: Annotated[list[str], Doc("section / category labels found on the page")] = field(
        default_factory=list
    )
    keywords: Annotated[list[str], Doc("the page's own tags and keywords")] = field(
        default_factory=list
    )
    byline: Annotated[str | None, Doc("author as written, without By")] = None
    authors: Annotated[list[str], Doc("the people who wrote it, one name each")] = field(
        default_factory=list
    )
    image: Annotated[str | None, Doc("URL of the article's lead image")] = None
    story: Annotated[StoryRef | None, Doc("the story this article belongs to")] = None
    dateline: Annotated[Dateline | None, Doc("a wire dateline")] = None
    standfirst: Annotated[str | None, Doc("the summary under the headline, or null when it "
                                          "only repeats the body")] = None
    paragraphs: Annotated[list[str], Doc("the body, repaired, one string per paragraph")] = field(
        default_factory=list
    )
    edits: Annotated[list[Edit], Doc("every change between original and the record")] = field(
        default_factory=list
    )
    entities: Annotated[list[Entity], Doc("named mentions")] = field(default_factory=list)
    actors: Annotated[list[Actor], Doc("the distinct people, organisations, countries and "
                                       "groups")] = field(default_factory=list)
    quotes: Annotated[list[Quote], Doc("who said what")] = field(default_factory=list)
    events: Annotated[list[Event], Doc("who did what to whom, when and where")] = field(
        default_factory=list
    )
    times: Annotated[list[Time], Doc("time expressions, resolved against published")] = field(
        default_factory=list
    )
    errors: Annotated[list[str], Doc("what could not be done for this record")] = field(
        default_factory=list
    )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        # SPEC order: schema_version first, original after the body.
        ordered = {"schema_version": data.pop("schema_version"), "id": data.pop("id")}
        ordered.update(data)
        return ordered

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return _build(cls, data)

    @classmethod
    def from_json(cls, text: str) -> Article:
        """A record from its JSON: read by pydantic-core when the text fits the
        dataclasses (ten times faster: stores and servers read many), else field by
        field as `from_dict` reads it."""
        from pydantic import ValidationError

        try:
            return _reader(cls).validate_json(text)
        except ValidationError:
            return cls.from_dict(json.loads(text))

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def record_id(raw: bytes) -> str:
    """A stable id: the same input bytes always give the same id."""
    return hashlib.sha256(raw).hexdigest()[:16]


def _build(kind: Any, value: Any) -> Any:
    """Build `kind` (a dataclass, list or optional of them) from JSON data."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(kind) if a is not type(None)]
        return _build(inner[0], value) if len(inner) == 1 else value
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_build(item, v) for v in value]
    if is_dataclass(kind):
        hints = _field_types(kind)
        return kind(**{k: _build(hints[k], v) for k, v in value.items() if k in hints})
    return value


@functools.cache
def _reader(kind: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


@functools.cache
def _field_types(kind: type) -> dict[str, Any]:
    """A dataclass's fields and their types, worked out once per class (reading a
    record builds thousands of these objects)."""
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in fields(kind)}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the article record, with each field's meaning and
    the values a closed field takes, from the dataclasses above."""
    schema = schema_of(Article, "tidings article record")
    schema["$id"] = "https://tidings.dev/schema/article-v2.json"
    return schema


def schema_of(kind: type, title: str) -> dict[str, Any]:
    """The JSON Schema of a dataclass (and of the dataclasses its fields hold)."""
    defs: dict[str, Any] = {}
    _schema_for(kind, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title,
            **defs.pop(kind.__name__), "$defs": defs}  # fmt: skip


_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _schema_for(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(kind)
    if origin is Annotated:
        base, *extras = typing.get_args(kind)
        schema = _schema_for(base, defs)
        docs = [e.text for e in extras if isinstance(e, Doc)]
        return {**schema, "description": docs[0]} if docs else schema
    if origin is Literal:
        return {"enum": list(typing.get_args(kind))}
    if origin in (typing.Union, types.UnionType):
        options = [_schema_for(a, defs) for a in typing.get_args(kind)]
        return {"anyOf": options}
    if kind is type(None):
        return {"type": "null"}
    if origin is list:
        (item,) = typing.get_args(kind)
        return {"type": "array", "items": _schema_for(item, defs)}
    if is_dataclass(kind):
        name = kind.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = typing.get_type_hints(kind, include_extras=True)
            defs[name] = {
                "type": "object",
                "properties": {f.name: _schema_for(hints[f.name], defs) for f in fields(kind)},
                "required": [f.name for f in fields(kind)],
            }
            if kind.__doc__ and not kind.__doc__.startswith(f"{name}("):
                defs[name]["description"] = kind.__doc__.strip()
        return {"$ref": f"#/$defs/{name}"}
    if kind is dt.date:
        return {"type": "string", "format": "date"}
    return {"type": _SCALARS[kind]}
