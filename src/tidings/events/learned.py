"""The learned check: how much a sentence reads like each PLOVER type, or like no event.

A sentence is embedded (`tidings.embed`, multilingual-e5-small) and compared with a
bank of labelled sentences (`data/events/model/bank.npz`, built by
`tools/build_event_bank.py` from the training sentences in `benchmarks/data/`);
the labels of its nearest neighbours, weighted by similarity, are its votes: one
per type and one for "no event". The coder uses the votes to drop triggers whose
type the sentence does not read as (sport "beat"s, market "attacks"), to code a
trigger whose sides the text does not name ("a deadly stabbing on a train") where
the sentence reads strongly as its type, and to code an event the lexicon missed
where the votes for one type are strong. The check is
deterministic and optional, in three modes (`TIDINGS_EVENTS_MODEL`):

- `check` (the default): only sentences where the lexicon found a trigger are
  embedded, and the votes keep, drop or retype those triggers. Most sentences
  hold no trigger, so this costs a fraction of embedding them all.
- `full` (or `on`): every sentence is embedded, and a sentence without a trigger
  whose votes for one type are strong gets an event on its main verb as well.
- `off` (or `TIDINGS_EMBED=off`): the lexicon codes alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from tidings import embed
from tidings.event_settings import Mode, mode_setting
from tidings.events.patterns import PLOVER_TYPES

NONE = len(PLOVER_TYPES)  # the column of "no event"


@dataclass(frozen=True)
class Thresholds:
    """When the votes change what the lexicon found (`model/meta.json`)."""

    neighbours: int  # how many nearest labelled sentences vote
    keep: float  # a trigger's type needs at least this share of the votes to stay
    add: float  # a type the lexicon missed is coded from this share of the votes
    add_margin: float  # ... and when it leads "no event" by this much


@dataclass(frozen=True)
class Votes:
    """One sentence's votes: shares of its neighbours per type, and for no event."""

    shares: np.ndarray  # (17,)
    thresholds: Thresholds

    def share(self, kind: str) -> float:
        return float(self.shares[PLOVER_TYPES.index(kind)])

    @property
    def none(self) -> float:
        return float(self.shares[NONE])

    def reads_as(self, kind: str) -> bool:
        """The sentence reads as `kind` as strongly as a type the lexicon missed must."""
        return self.share(kind) >= self.thresholds.add

    def strong_type(self) -> str | None:
        """The type the sentence clearly reads as, for an event the lexicon missed."""
        best = int(np.argmax(self.shares[:NONE]))
        share = float(self.shares[best])
        if share >= self.thresholds.add and share >= self.none + self.thresholds.add_margin:
            return PLOVER_TYPES[best]
        return None


class EventModel:
    """The bank of labelled sentences and the vote of their nearest neighbours."""

    def __init__(self, vectors: np.ndarray, labels: np.ndarray, thresholds: Thresholds) -> None:
        self.vectors = vectors.astype(np.float32)
        self.labels = labels.astype(np.float32)  # (n, 17): one column per type, then none
        self.thresholds = thresholds

    def votes(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 17) shares of the neighbours' votes: 16 types, then no event."""
        if not texts:
            return np.zeros((0, NONE + 1), dtype=np.float32)
        return self.votes_for(embed.passages(texts))

    def votes_for(self, vectors: np.ndarray) -> np.ndarray:
        k = min(self.thresholds.neighbours, len(self.vectors))
        similarity = vectors @ self.vectors.T
        nearest = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        weights = np.take_along_axis(similarity, nearest, axis=1).clip(min=0.0)
        weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
        return np.einsum("nk,nkc->nc", weights, self.labels[nearest])


def mode() -> Mode:
    """TIDINGS_EVENTS_MODEL's mode; off whenever TIDINGS_EMBED turns embeddings off."""
    setting = mode_setting()
    return setting if embed.enabled() else Mode.OFF


def enabled() -> bool:
    return mode() is not Mode.OFF


def _model_file(name: str):
    return resources.files("tidings").joinpath("data", "events", "model", name)


def read_thresholds() -> Thresholds:
    """`data/events/learned.tsv`: name <TAB> value."""
    path = resources.files("tidings").joinpath("data", "events", "learned.tsv")
    values = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split("\t")[:2]
            values[name.strip()] = float(value)
    return Thresholds(
        neighbours=int(values["neighbours"]),
        keep=values["keep"],
        add=values["add"],
        add_margin=values["add_margin"],
    )


@cache
def load_model() -> EventModel:
    with _model_file("bank.npz").open("rb") as fh:
        data = np.load(fh)
        vectors, labels = data["vectors"], data["labels"]
    return EventModel(vectors, labels, read_thresholds())


def sentence_votes(texts: Sequence[str]) -> list[Votes | None]:
    """The votes for each sentence, or None for all when the check is off or its model
    cannot be loaded (then the lexicon codes alone)."""
    if not enabled() or not texts:
        return [None] * len(texts)
    try:
        model = load_model()
        shares = model.votes(texts)
    except embed.EmbeddingUnavailable:
        return [None] * len(texts)
    return [Votes(row, model.thresholds) for row in shares]


class ArticleVotes:
    """The votes of an article's sentences, embedded as the mode asks: all at once in
    `full` mode, one by one and only where the lexicon found a trigger in `check`."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = list(texts)
        self.mode = mode()
        self._votes: dict[int, Votes | None] = {}
        self._seen: dict[str, Votes | None] = {}
        if self.mode is Mode.FULL:
            self._votes = dict(enumerate(sentence_votes(self.texts)))

    def for_sentence(self, position: int, triggered: bool) -> Votes | None:
        """The votes of sentence `position`, or None where the mode does not check it."""
        if self.mode is Mode.OFF or (self.mode is Mode.CHECK and not triggered):
            return None
        if position not in self._votes:
            self._votes[position] = self._by_text(self.texts[position])
        return self._votes[position]

    def _by_text(self, text: str) -> Votes | None:
        """A sentence the article repeats (a standfirst that is also the lead, a pasted
        paragraph) is embedded once: each embedding costs tens of milliseconds."""
        if text not in self._seen:
            self._seen[text] = sentence_votes([text])[0]
        return self._seen[text]
