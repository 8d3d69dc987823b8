"""Linking articles into stories, one at a time, in store order.

An article joins the story of a near-duplicate it copies (MinHash LSH, then
a direct check of the shared shingles), else the story whose tellings it is
closest to (average cosine of sentence embeddings, only among stories in a
time window that share its rare words, actors or places), else it starts a
story of its own. A story keeps its id (made from its first article) as
articles join; it is never merged with another, so unrelated news cannot
chain together. After each join the story's relations are worked out again
from its members (`assign_relations`), so the result does not depend on
whether the original or its copy was stored first.

Linking always runs over articles in store order, each seeing only those
linked before it: linking as `process` stores and relinking the whole store
(`rebuild`) give the same stories.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from tidings import embed
from tidings.record import Article
from tidings.stories.config import Settings, settings
from tidings.stories.keys import article_keys, embedding_text, key_weights
from tidings.stories.model import LinkedText, Member, StoryRow
from tidings.stories.sketch import Overlap, copy_shingles, overlap, shingles, sketch, words

TEXT_CACHE = 512  # shingle sets kept of recently compared articles
CHUNK = 200  # articles linked in one transaction when catching up
MAX_CANDIDATES = 50  # near-duplicate candidates checked, those sharing most LSH buckets first
LIKENESS_GROUP = 50  # groups larger than this keep date and store order for the original


@dataclass
class Match:
    article: LinkedText
    overlap: Overlap


class Linker:
    """Links articles into the stories of one store."""

    def __init__(self, store, related: bool | None = None, config: Settings | None = None):  # noqa: ANN001 - a Store
        self.store = store
        self.config = config or settings()
        self.related = embed.enabled() if related is None else related
        self._shingles: dict[str, frozenset[str]] = {}
        if self.related:
            embed.model()  # fail now, in one line, if the model cannot be loaded

    # --- entry points ----------------------------------------------------------------

    def link_pending(
        self,
        known: dict[str, Article] | None = None,
        on_article: Callable[[Member], None] | None = None,
    ) -> int:
        """Link every stored article that is not in a story yet, in store order.

        `known`: records already in memory (the batch just stored), so that
        they need not be read back from the store.
        """
        pending = self.store.unlinked_ids()
        known = known or {}
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start : start + CHUNK]
            records = self.store.records(i for i in chunk if i not in known)
            with self.store.writing():
                for article_id in chunk:
                    member = self.link(known.get(article_id) or records[article_id])
                    if on_article:
                        on_article(member)
        return len(pending)

    def link(self, article: Article) -> Member:
        """Put one stored article into a story (or return where it already is)."""
        known = self.store.member(article.id)
        if known:
            return known
        with self.store.writing():
            return self._link(article)

    # --- one article -----------------------------------------------------------------

    def _link(self, article: Article) -> Member:
        text = self.store.linked_texts([article.id])[article.id]
        text.canonical_url = article.source.canonical_url
        found = sketch(article.body, self.config.copies)
        self._remember(article.id, found.shingles)
        match = self._near_duplicate(text, found.buckets, found.shingles)
        if match:
            story_id = self.store.member(match.article.id).story_id
            containment = round(match.overlap.containment, 4)
            self.store.save_members([Member(
                article.id, story_id, text.seq, "copy", matched_id=match.article.id,
                similarity=containment, canonical_url=text.canonical_url,
            )])  # fmt: skip
            self._refresh(story_id, joined=None)
        else:
            self._tell(article, text)
        self.store.add_buckets(article.id, found.buckets)
        return self.store.member(article.id)

    def _near_duplicate(
        self, text: LinkedText, buckets: tuple[int, ...], own: frozenset[str]
    ) -> Match | None:
        """The best near-duplicate among the articles sharing an LSH bucket."""
        same_page = self._same_page_candidates(text)
        sharing = self.store.bucket_matches(buckets)
        candidates = list(dict.fromkeys(c for c in same_page + sharing if c != text.id))
        candidates = candidates[:MAX_CANDIDATES]
        best: Match | None = None
        texts = self.store.linked_texts(c for c in candidates if c not in self._shingles)
        for candidate in candidates:
            theirs = self._shingles.get(candidate)
            if theirs is None:  # not kept (or dropped from the cache meanwhile)
                text_of = texts.get(candidate) or self.store.linked_texts([candidate])[candidate]
                theirs = self._shingles_of(text_of.body)
                self._remember(candidate, theirs)
            found = overlap(own, theirs)
            if not found.near_duplicate(self.config.copies) and not (
                candidate in same_page
                and found.containment >= self.config.copies.version_min_containment
            ):
                continue
            if best is None or _better(found, best):
                article = texts.get(candidate) or self.store.linked_texts([candidate])[candidate]
                best = Match(article, found)
        return best

    def _same_page_candidates(self, text: LinkedText) -> list[str]:
        """Earlier articles of the same outlet's page: same URL (with or without its query),
        canonical URL or title. A revision may change much of a short article's text,
        so these are checked with a lower bar."""
        urls = {u for u in (text.url, text.canonical_url) if u}
        urls |= {u.split("?")[0].split("#")[0] for u in urls}
        return self.store.same_page_ids(text.outlet, sorted(urls), text.title)

    def _tell(self, article: Article, text: LinkedText) -> Member:
        """An article told in its own words: joins a related story or starts one."""
        keys = article_keys(article, self.config.related)
        joined = self._related_story(text, keys) if self.related else None
        if joined:
            story_id, similarity, vector = joined
            member = Member(
                article.id, story_id, text.seq, "related", similarity=round(similarity, 4),
                canonical_url=text.canonical_url,
            )  # fmt: skip
        else:
            story_id, vector = story_id_for(article.id), None
            self.store.save_story(StoryRow(id=story_id))
            member = Member(
                article.id, story_id, text.seq, "original", canonical_url=text.canonical_url
            )
        self.store.save_members([member])
        self.store.add_story_keys(story_id, keys)
        self._refresh(story_id, joined=(article.id, vector))
        return member

    def _related_story(
        self, text: LinkedText, keys: frozenset[str]
    ) -> tuple[str, float, np.ndarray] | None:
        day = _day(text.published)
        if day is None:
            return None
        rules = self.config.related
        window, span = dt.timedelta(days=rules.window_days), dt.timedelta(days=rules.max_span_days)
        found = self.store.stories_sharing_keys(
            keys,
            weights=key_weights(rules),
            window=(
                (day - window).isoformat(),
                (day + window).isoformat() + "\uffff",  # any time on that day
                (day - span).isoformat(),
            ),
            min_shared=rules.min_shared,
        )
        if not found:
            return None
        vector = self._vectors([text])[text.id]
        best: tuple[float, str] | None = None
        for story_id, row in sorted(self.store.story_rows(s for s, _ in found).items()):
            row = self._with_vectors(row)
            similarity = average_similarity(vector, row)
            if best is None or similarity > best[0]:
                best = (similarity, story_id)
        if best and best[0] >= rules.min_similarity:
            return best[1], best[0], vector
        return None

    # --- story bookkeeping ---------------------------------------------------------------

    def _refresh(self, story_id: str, joined: tuple[str, np.ndarray | None] | None) -> None:
        """Work out the story's relations and summary again after an article joined."""
        members = self.store.members(story_id)
        texts = self.store.linked_texts(m.article_id for m in members)
        changed = assign_relations(members, texts, lambda i: self._content(texts[i]))
        self.store.save_members(changed)
        row = self.store.story_row(story_id) or StoryRow(id=story_id)
        original = next(m for m in members if m.relation == "original")
        dates = [texts[m.article_id].published for m in members if texts[m.article_id].published]
        row.title = texts[original.article_id].title
        row.original_id = original.article_id
        row.first_published = min(dates, default=None)
        row.last_published = max(dates, default=None)
        row.articles = len(members)
        row.outlets = len({texts[m.article_id].outlet or m.article_id for m in members})
        row.tellings = sum(m.matched_id is None for m in members)
        if joined and joined[1] is not None and row.vectors == row.tellings - 1:
            row.vector_sum = _add(row.vector_sum, joined[1])
            row.vectors += 1
        self.store.save_story(row)

    def _with_vectors(self, row: StoryRow) -> StoryRow:
        """The story with every telling's embedding in its sum (computed when first needed)."""
        if row.vectors == row.tellings:
            return row
        tellings = [m.article_id for m in self.store.members(row.id) if m.matched_id is None]
        texts = self.store.linked_texts(tellings)
        vectors = self._vectors([texts[t] for t in tellings])
        row.vector_sum = np.sum([vectors[t] for t in tellings], axis=0, dtype=np.float64)
        row.vectors = len(tellings)
        self.store.save_story(row)
        return row

    def _vectors(self, texts: list[LinkedText]) -> dict[str, np.ndarray]:
        """Embeddings of articles, computed once and kept in the store."""
        known = self.store.vectors(t.id for t in texts)
        missing = [t for t in texts if t.id not in known]
        if missing:
            rules = self.config.related
            made = embed.passages([embedding_text(t.title, t.body, rules) for t in missing])
            fresh = {t.id: made[i] for i, t in enumerate(missing)}
            self.store.save_vectors(fresh)
            known.update(fresh)
        return known

    def _content(self, text: LinkedText) -> frozenset[str]:
        """All of an article's shingles, short paragraphs too: a republisher's own lines
        tell its copy from the original it copies."""
        return shingles(words(text.body), self.config.copies.shingle_words)

    def _shingles_of(self, body: str) -> frozenset[str]:
        return copy_shingles(body, self.config.copies)

    def _remember(self, article_id: str, found: frozenset[str]) -> None:
        if len(self._shingles) >= TEXT_CACHE:
            self._shingles.pop(next(iter(self._shingles)))
        self._shingles[article_id] = found


def assign_relations(
    members: list[Member],
    texts: dict[str, LinkedText],
    content: Callable[[str], frozenset[str]] | None = None,
) -> list[Member]:
    """Set each member's relation and `of` from the story's members; return those changed.

    Members joined through a near-duplicate form groups (one text and its
    copies). A group's head is its earliest article by publication date; on the
    same day, in a group of three or more and with `content` (an article's
    shingles), the one that carries most of the text the group shares and least
    of its own (a copy cut to its lead carries less, a padded or damaged copy has
    text of its own), then the first stored. (Between two alone the text cannot
    tell: the shorter may be a cut, the longer a padded copy.) Every other member
    is a `version` of the latest earlier
    member of the same outlet with the same URL, canonical URL or title, else a
    `copy` of the head. The earliest head is the story's `original`; the other
    heads are `related`.
    """
    by_id = {m.article_id: m for m in members}
    group_of = _groups(members)
    groups: dict[str, list[Member]] = {}
    for m in members:
        groups.setdefault(group_of[m.article_id], []).append(m)

    weight = _source_likeness(groups.values(), content) if content else {}

    def order(m: Member) -> tuple[str, int, int, int]:
        shared, own = weight.get(m.article_id, (0, 0))
        return (texts[m.article_id].published or "9999", -shared, own, m.seq)

    heads = sorted((min(g, key=order) for g in groups.values()), key=order)
    wanted: dict[str, tuple[str, str | None]] = {}
    for rank, head in enumerate(heads):
        wanted[head.article_id] = ("original" if rank == 0 else "related", None)
        earlier = [head]
        for m in sorted(groups[group_of[head.article_id]], key=order):
            if m is head:
                continue
            revised = [e for e in earlier if _same_page(texts[e.article_id], texts[m.article_id])]
            if revised:
                wanted[m.article_id] = ("version", revised[-1].article_id)
            else:
                wanted[m.article_id] = ("copy", head.article_id)
            earlier.append(m)
    changed = []
    for article_id, (relation, of_id) in wanted.items():
        m = by_id[article_id]
        if (m.relation, m.of_id) != (relation, of_id):
            m.relation, m.of_id = relation, of_id
            changed.append(m)
    return changed


def average_similarity(vector: np.ndarray, story: StoryRow) -> float:
    """Average link: the mean cosine of the vector to each of the story's tellings.

    A story that spread over several subjects is close on average to none of
    them, so it cannot keep pulling in whatever touches one of its articles.
    """
    if not story.vectors or story.vector_sum is None:
        return 0.0
    return float(vector @ story.vector_sum) / story.vectors


def _source_likeness(
    groups: Iterable[list[Member]], content: Callable[[str], frozenset[str]]
) -> dict[str, tuple[int, int]]:
    """For members of groups of three or more: (shingles shared with the rest of the
    group, shingles of its own)."""
    out = {}
    for group in groups:
        if not 3 <= len(group) <= LIKENESS_GROUP:
            continue
        texts = {m.article_id: content(m.article_id) for m in group}
        counts = Counter(s for t in texts.values() for s in t)
        for article_id, found in texts.items():
            own = sum(1 for s in found if counts[s] == 1)
            out[article_id] = (len(found) - own, own)
    return out


def _groups(members: list[Member]) -> dict[str, str]:
    """Each member's near-duplicate group (named by one of its members): the members
    joined through `matched_id` links, whatever order they came in."""
    parent = {m.article_id: m.article_id for m in members}

    def root(article_id: str) -> str:
        while parent[article_id] != article_id:
            parent[article_id] = parent[parent[article_id]]
            article_id = parent[article_id]
        return article_id

    for m in members:
        if m.matched_id in parent:
            parent[root(m.article_id)] = root(m.matched_id)
    return {m.article_id: root(m.article_id) for m in members}


def story_id_for(article_id: str) -> str:
    """A story's id: made from the id of the article that started it."""
    return hashlib.sha256(f"story {article_id}".encode()).hexdigest()[:16]


def link_articles(store, articles: Iterable[Article], related: bool | None = None) -> list[Member]:  # noqa: ANN001
    """Link stored articles (in the order given, which should be store order)."""
    linker = Linker(store, related=related)
    return [linker.link(a) for a in articles]


def rebuild(
    store,  # noqa: ANN001 - a Store
    related: bool | None = None,
    on_article: Callable[[Member], None] | None = None,
) -> int:
    """Forget every story and link the whole store again, in store order.

    Gives the stories that linking as the articles were stored gave (with the
    same settings); embeddings already computed are kept, since they depend on
    an article's text only.
    """
    linker = Linker(store, related=related)
    store.clear_stories()
    return linker.link_pending(on_article=on_article)


def _same_page(a: LinkedText, b: LinkedText) -> bool:
    """The same outlet's page: same outlet and the same URL, canonical URL or title."""
    if not a.outlet or a.outlet != b.outlet:
        return False
    urls_a = {_plain_url(u) for u in (a.url, a.canonical_url) if u}
    urls_b = {_plain_url(u) for u in (b.url, b.canonical_url) if u}
    return bool(urls_a & urls_b) or (bool(a.title) and _plain(a.title) == _plain(b.title))


def _plain_url(url: str) -> str:
    url = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().lower())
    return url.split("#")[0].split("?")[0].rstrip("/")


def _plain(title: str) -> str:
    return " ".join(words(title))


def _better(found: Overlap, best: Match) -> bool:
    """More text in common wins (a revision over a short lead both contain), then containment."""
    return (found.shared, found.containment) > (best.overlap.shared, best.overlap.containment)


def _add(total: np.ndarray | None, vector: np.ndarray) -> np.ndarray:
    vector = vector.astype(np.float64)
    return vector if total is None else total + vector


def _day(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
