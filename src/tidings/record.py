"""The article record of SPEC.md: typed dataclasses with JSON in and out."""

from __future__ import annotations

import hashlib
import json
import types
import typing
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA_VERSION = 2


@dataclass
class Source:
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    format: str = "text"
    encoding: str | None = None  # the charset the bytes were read with
    canonical_url: str | None = None  # the page's own <link rel=canonical>


@dataclass
class Dateline:
    place: str
    text: str


@dataclass
class Edit:
    """One change between `original` and the structured record."""

    kind: str
    before: str
    after: str
    paragraph: int | None
    reason: str


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person, organization, country, group
    country: str | None = None
    org: str | None = None
    role: str | None = None
    description: str | None = None
    mentions: int = 0


@dataclass
class Entity:
    text: str
    label: str
    paragraph: int
    start: int
    end: int
    actor: str | None = None


@dataclass
class Quote:
    text: str
    kind: str  # direct, partial, indirect
    speaker: str | None
    speaker_actor: str | None
    speaker_mention: str | None
    cue: str | None
    via: str | None
    paragraph: int


@dataclass
class Time:
    text: str
    value: str | None
    anchor: str | None
    paragraph: int
    start: int | None = None
    end: int | None = None


@dataclass
class StoryRef:
    """Where an article stands in its story (SPEC: Stories)."""

    id: str
    relation: str  # original, copy, version, related
    of: str | None = None  # the article it copies or revises


@dataclass
class Event:
    type: str
    mode: str | None
    source: Actor | None
    target: Actor | None
    modality: str
    date: str | None
    date_text: str | None
    location: str | None
    intensity: float
    sentence: str
    paragraph: int
    confidence: float
    id: str = ""  # stable within the record
    mentions: int = 1  # sentences of the article that report this same event


@dataclass
class Article:
    id: str
    source: Source
    original: str
    schema_version: int = SCHEMA_VERSION
    published: str | None = None
    language: str | None = None  # ISO 639-1, detected from the body (the page's lang a hint)
    title: str = ""
    sections: list[str] = field(default_factory=list)
    byline: str | None = None
    authors: list[str] = field(default_factory=list)
    image: str | None = None
    story: StoryRef | None = None
    dateline: Dateline | None = None
    standfirst: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

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
        hints = typing.get_type_hints(kind)
        known = {f.name for f in fields(kind)}
        return kind(**{k: _build(hints[k], v) for k, v in value.items() if k in known})
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the article record."""
    defs: dict[str, Any] = {}
    _schema_for(Article, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tidings.dev/schema/article-v2.json",
        "title": "tidings article record",
        **defs.pop("Article"),
        "$defs": defs,
    }


_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _schema_for(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(kind)
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
            hints = typing.get_type_hints(kind)
            defs[name] = {
                "type": "object",
                "properties": {f.name: _schema_for(hints[f.name], defs) for f in fields(kind)},
                "required": [f.name for f in fields(kind)],
            }
        return {"$ref": f"#/$defs/{name}"}
    return {"type": _SCALARS[kind]}
