"""Steps, their ordering check, and per-document isolation.

A step is a small object with a `name`, the document parts it `requires` and
the parts it `assigns`: real fields of `Document` (`"text"`, `"parsed"`) or of
its record (`"record.paragraphs"`), as spaCy's `validate_attrs` checks its
components. `Pipeline` checks, when it is built, that every name is such a field
and that every part a step requires is assigned by an earlier step (or present
from the start); after a step runs, that the Document fields it assigns are
filled. A step that fails on one document puts its error on that record; the steps that
depend on what it should have assigned are skipped for that document; the
batch goes on.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from tidings.document import Document, ReaderMeta, contract_fields, unassigned
from tidings.errors import PipelineError, one_line
from tidings.record import Article

__all__ = ["INITIAL_PARTS", "Document", "Pipeline", "ReaderMeta", "Step", "one_line"]

# Parts a raw document has before any step runs.
INITIAL_PARTS = frozenset({"raw", "source", "meta"})


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
        known = contract_fields()
        available = set(INITIAL_PARTS)
        for step in self.steps:
            unknown = (set(step.requires) | set(step.assigns)) - known
            if unknown:
                raise PipelineError(
                    f"step {step.name!r} names {sorted(unknown)}, which are not fields of a "
                    f"Document (or `record.<field>` of its Article)"
                )
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
            missing = unassigned(doc, step.assigns)
            if missing:
                raise PipelineError(f"the step did not assign {', '.join(missing)}")
            self.counters[f"{step.name}.ok"] += 1
        except Exception as exc:  # one document never stops the batch
            doc.failed_parts |= set(step.assigns)
            doc.record.errors.append(f"{step.name}: {one_line(exc)}")
            self.counters[f"{step.name}.error"] += 1
