"""The language of an article, detected from its body text.

`detect_language(paragraphs, hint)` asks py3langid (the langid.py model, shipped
inside the package; trafilatura uses it too) for the body's ISO 639-1 code. The
page's own claim (`<html lang>`) is only a hint, kept when the body is too short
to tell. `understood(language)` says whether the English understanding steps may
run on a body of that language (`data/language.tsv`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tidings.data import lines
from tidings.errors import TidingsError


class NotUnderstood(TidingsError):
    """A body in a language the understanding steps are not made for."""


@dataclass(frozen=True)
class _Settings:
    understood: frozenset[str]
    min_letters: int


@cache
def _settings() -> _Settings:
    values: dict[str, str] = {}
    for line in lines("language.tsv"):
        key, _, value = line.partition("\t")
        values[key.strip()] = value.strip()
    return _Settings(frozenset(values["understood"].split()), int(values["min_letters"]))


@cache
def _identifier() -> Any:
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


def detect_language(paragraphs: Sequence[str], hint: str | None = None) -> str | None:
    """ISO 639-1 code of the body's language; `hint` (the page's claim) when too short."""
    text = "\n".join(paragraphs)
    if sum(c.isalpha() for c in text) < _settings().min_letters:
        return _primary(hint)
    code, _probability = _identifier().classify(text)
    return code


def understood(language: str | None) -> bool:
    """Whether the understanding steps may run on a body in `language` (unknown: yes)."""
    return language is None or language in _settings().understood


def not_understood_message(language: str | None) -> str:
    known = ", ".join(sorted(_settings().understood))
    return (
        f"understanding not attempted: the body is in {language!r} and the actor, quote, "
        f"time and event steps understand {known} only (the text is stored and searchable)"
    )


def _primary(tag: str | None) -> str | None:
    """ "en-GB" -> "en"; None stays None."""
    if not tag:
        return None
    return tag.split("-")[0].split("_")[0].lower() or None


class LanguageStep:
    """The body's language, from its text (the page's `<html lang>` only as a hint)."""

    name = "language"
    requires = frozenset({"record.paragraphs"})
    assigns = frozenset({"record.language"})

    def __call__(self, doc: Any) -> None:
        record = doc.record
        record.language = detect_language(record.paragraphs, record.language)
