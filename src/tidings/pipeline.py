"""Steps, their ordering check, and per-document isolation.

A step is a small object with a `name`, the document parts it `requires` and
the parts it `assigns`. `Pipeline` checks, when it is built, that every part a
step requires is assigned by an earlier step (or present from the start). A
step that fails on one document puts its error on that record; the steps that
depend on what it should have assigned are skipped for that document; the
batch goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from tidings.errors import PipelineError, TidingsError
from tidings.record import Article, Source, record_id

# Parts a raw document has before any step runs.
INITIAL_PARTS = frozenset({"raw", "source", "meta"})


@dataclass
class Document:
    """A document on its way through the pipeline: the record plus scratch state."""

    raw: bytes
    source: Source
    meta: dict[str, Any] = field(default_factory=dict)
    article: Article | None = None
    scratch: dict[str, Any] = field(default_factory=dict)
    failed_parts: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        if self.article is None:
            self.article = Article(id=record_id(self.raw), source=self.source, original="")
            self.article.published = self.meta.get("date")
            if self.meta.get("error"):
                self.article.errors.append(self.meta["error"])
                self.failed_parts.add("raw")  # unreadable: every step after reading is skipped

    @property
    def failed(self) -> bool:
        """True when no article text came out of this document."""
        return bool({"raw", "text", "layout"} & self.failed_parts)

    @classmethod
    def unreadable(cls, raw: bytes, source: Source, date: str | None, error: str) -> Document:
        """A document that could not be read: recorded with its error, nothing else."""
        return cls(
            raw=raw, source=source, meta={"date": date, "text": "", "error": f"read: {error}"}
        )

    @property
    def record(self) -> Article:
        assert self.article is not None
        return self.article


@runtime_checkable
class Step(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, doc: Document) -> None: ...


class Pipeline:
    """Runs steps over documents, in batches, isolating each document's failures."""

    def __init__(self, steps: Sequence[Step], batch_size: int = 32) -> None:
        self.steps = list(steps)
        self.batch_size = batch_size
        self.counters: Counter[str] = Counter()
        self._check()

    def _check(self) -> None:
        available = set(INITIAL_PARTS)
        for step in self.steps:
            missing = set(step.requires) - available
            if missing:
                raise PipelineError(
                    f"step {step.name!r} needs {sorted(missing)}, which no earlier step assigns; "
                    f"put a step that assigns them before it"
                )
            available |= set(step.assigns)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.steps]

    def run(self, docs: Iterable[Document]) -> Iterator[Article]:
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def run_one(self, doc: Document) -> Article:
        return next(iter(self._run_batch([doc])))

    def _run_batch(self, batch: list[Document]) -> list[Article]:
        for step in self.steps:
            ready = [d for d in batch if self._ready(step, d)]
            batch_fn = getattr(step, "batch", None)
            if batch_fn is not None and len(ready) > 1:
                try:
                    batch_fn(ready)
                    continue
                except Exception:  # fall back to one at a time to find the culprit
                    self.counters[f"{step.name}.batch_fallback"] += 1
            for doc in ready:
                self._run_step(step, doc)
        for doc in batch:
            self.counters["failed" if doc.failed else "done"] += 1
        return [d.record for d in batch]

    def _ready(self, step: Step, doc: Document) -> bool:
        blocked = set(step.requires) & doc.failed_parts
        if blocked:
            doc.failed_parts |= set(step.assigns)
            self.counters[f"{step.name}.skipped"] += 1
            return False
        return True

    def _run_step(self, step: Step, doc: Document) -> None:
        try:
            step(doc)
            self.counters[f"{step.name}.ok"] += 1
        except Exception as exc:  # one document never stops the batch
            doc.failed_parts |= set(step.assigns)
            doc.record.errors.append(f"{step.name}: {one_line(exc)}")
            self.counters[f"{step.name}.error"] += 1


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    message = text[0] if text else ""
    if isinstance(exc, TidingsError):
        return message
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
