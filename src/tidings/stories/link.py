"""Linking articles into stories, one at a time, in store order.

An article joins the story of a near-duplicate it copies (MinHash LSH, then
a direct check of the shared shingles), else the story whose tellings it is
closest to (average cosine of sentence embeddings, only among stories in a
time window that share its rare words, actors or places), else it starts a
story of its own. A story keeps its id (made from its first article) as
articles join; it is never merged with another, so unrelated news cannot
chain together.

A join is incremental: the new article is related to the article it copies
(`copy` of the telling that one copies, or `version` of the latest earlier
page of the same outlet) and to the story's original, and only what changes
is written: the new member, and when it turns out earlier than the telling it
copies or than the story's original, the few rows that name those. Nothing
else of the story is read again, so a story of thousands of copies costs the
same per article as a story of two.

Linking always runs over articles in store order, each seeing only those
linked before it: linking as `process` stores and relinking the whole store
(`rebuild`) give the same stories.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from tidings import embed
from tidings.record import Article
from tidings.stories.config import Settings, settings
from tidings.stories.keys import article_keys, embedding_text, key_weights
from tidings.stories.model import LinkedText, Member, StoryRow
from tidings.stories.sketch import Overlap, Shingles, overlap, shingles, sketch, words

TEXT_CACHE = 2048  # shingles kept of recently linked or compared articles
CHUNK = 200  # articles linked in one transaction when catching up
MAX_CANDIDATES = 50  # near-duplicate candidates checked, those sharing most LSH buckets first
BUCKET_CAP = 50  # articles kept under one LSH bucket: enough to find their story
LIKENESS_GROUP = 50  # stories larger than this keep date and store order for the original
HEADS = ("original", "related")  # relations of a story's tellings (the others copy one)


@dataclass
class Match:
    article_id: str
    overlap: Overlap


class Linker:
    """Links articles into the stories of one store."""

    def __init__(self, store, related: bool | None = None, config: Settings | None = None):  # noqa: ANN001 - a Store
        self.store = store
        self.config = config or settings()
        self.related = embed.enabled() if related is None else related
        self._shingles: OrderedDict[str, Shingles] = OrderedDict()
        self._checked_to: int | None = None  # every article stored up to this seq is linked
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
        self.sketch_missing()
        pending, last = self.store.unlinked_ids(after=self._checked_to)
        known = known or {}
        for start in range(0, len(pending), CHUNK):
            chunk = pending[start : start + CHUNK]
            records = self.store.records(i for i in chunk if i not in known)
            with self.store.writing():
                for article_id in chunk:
                    member = self.link(known.get(article_id) or records[article_id])
                    if on_article:
                        on_article(member)
        self._checked_to = last
        return len(pending)

    def link(self, article: Article) -> Member:
        """Put one stored article into a story (or return where it already is)."""
        known = self.store.member(article.id)
        if known:
            return known
        with self.store.writing():
            return self._link(article)

    def sketch_missing(self) -> int:
        """Sketch the linked articles whose LSH buckets are missing (linked by a tidings
        that sketched otherwise): without them, their copies would not find them."""
        done = 0
        while ids := self.store.unsketched_ids(CHUNK):
            texts = self.store.linked_texts(ids)
            with self.store.writing():
                for article_id in ids:
                    found = sketch(texts[article_id].body, self.config.copies)
                    self._add_buckets(article_id, found.buckets)
            done += len(ids)
        return done

    # --- one article -----------------------------------------------------------------

    def _link(self, article: Article) -> Member:
        text = self.store.linked_texts([article.id])[article.id]
        text.canonical_url = article.source.canonical_url
        found = sketch(article.body, self.config.copies)
        self._remember(article.id, found.shingles)
        same_page = self._same_page_candidates(text)
        match = self._near_duplicate(text, found.shingles, found.buckets, same_page)
        member = self._join_copy(text, match) if match else self._tell(article, text)
        self._add_buckets(article.id, found.buckets)
        return member

    def _near_duplicate(
        self, text: LinkedText, own: Shingles, buckets: tuple[int, ...], same_page: list[str]
    ) -> Match | None:
        """The best near-duplicate among the articles sharing an LSH bucket."""
        sharing = self.store.bucket_matches(buckets)
        candidates = list(dict.fromkeys(c for c in same_page + sharing if c != text.id))
        candidates = candidates[:MAX_CANDIDATES]
        theirs = self._candidate_shingles(candidates)
        best: Match | None = None
        for candidate in candidates:
            if candidate not in theirs:  # no longer stored
                continue
            found = overlap(own, theirs[candidate])
            if not found.near_duplicate(self.config.copies) and not (
                candidate in same_page
                and found.containment >= self.config.copies.version_min_containment
            ):
                continue
            if best is None or _better(found, best):
                best = Match(candidate, found)
        return best

    def _candidate_shingles(self, ids: list[str]) -> dict[str, Shingles]:
        """The shingles of each candidate: kept from an earlier look, else made from its
        stored text (an article stored without linking, or one not seen for long)."""
        out = {}
        for article_id in ids:
            if article_id in self._shingles:
                self._shingles.move_to_end(article_id)
                out[article_id] = self._shingles[article_id]
        missing = [i for i in ids if i not in out]
        for article_id, text in self.store.linked_texts(missing).items():
            out[article_id] = shingles(text.body, self.config.copies)
            self._remember(article_id, out[article_id])
        return out

    def _same_page_candidates(self, text: LinkedText) -> list[str]:
        """Earlier articles of the same outlet's page: same URL (with or without its query),
        canonical URL or title. A revision may change much of a short article's text,
        so these are checked with a lower bar."""
        urls = {u for u in (text.url, text.canonical_url) if u}
        urls |= {u.split("?")[0].split("#")[0] for u in urls}
        found = self.store.same_page_ids(text.outlet, sorted(urls), text.title)
        return [i for i in found if i != text.id]

    # --- joining a story -------------------------------------------------------------------

    def _join_copy(self, text: LinkedText, match: Match) -> Member:
        """A near-duplicate: a copy of the telling its match copies, or a version of the
        latest earlier page of its outlet; the telling itself if it turns out earlier."""
        story_id = self.store.member(match.article_id).story_id
        head = self._head(match.article_id)
        member = Member(
            text.id, story_id, text.seq, "copy", of_id=head.article_id,
            matched_id=match.article_id, similarity=round(match.overlap.containment, 4),
            canonical_url=text.canonical_url,
        )  # fmt: skip
        self.store.save_members([member])
        row = self.store.story_row(story_id)
        self._count(row, text, member)
        new_head = self._earliest_telling(head, text, row)
        if new_head != head.article_id:
            self._take_over(new_head, head, row)
        if new_head != text.id:
            self._chain_pages(text, story_id, new_head)
        self.store.save_story(row)
        return self.store.member(text.id)

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
            row = self.store.story_row(story_id)
        else:
            story_id, vector = story_id_for(article.id), None
            row = StoryRow(id=story_id, title=text.title, original_id=article.id)
            self.store.save_story(row)
            member = Member(
                article.id, story_id, text.seq, "original", canonical_url=text.canonical_url
            )
        self.store.save_members([member])
        self.store.add_story_keys(story_id, keys)
        self._count(row, text, member, vector)
        if member.relation == "related":
            self._settle_original(member, text, row)
        self.store.save_story(row)
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

    # --- the original, incrementally ------------------------------------------------------

    def _head(self, article_id: str) -> Member:
        """The telling an article copies: followed through `of` (a version may be of a copy)."""
        member = self.store.member(article_id)
        while member.of_id and member.relation not in HEADS:
            member = self.store.member(member.of_id)
        return member

    def _earliest_telling(self, head: Member, text: LinkedText, row: StoryRow) -> str:
        """The telling of a group (a text and its copies) once the article joined it: the
        earliest published; on the same day, in a small story, the one carrying most of the
        text the group shares and least of its own (a copy cut to its lead carries less,
        a padded or damaged copy has text of its own), then the first stored."""
        head_text = self.store.linked_texts([head.article_id])[head.article_id]
        if _order(text) < _order(head_text) and _day_of(text) != _day_of(head_text):
            return text.id
        if _day_of(text) != _day_of(head_text) or row.articles > LIKENESS_GROUP:
            return min((head_text, text), key=_order).id
        members = self.store.members(row.id)
        group = [m for m in members if self._in_group(m, head.article_id, members)]
        texts = self.store.linked_texts(m.article_id for m in group)
        same_day = [t for t in texts.values() if _day_of(t) == _day_of(head_text)]
        weight = self._likeness(list(texts)) if len(group) >= 3 else {}
        return min(same_day, key=lambda t: _order(t, weight.get(t.id))).id

    def _in_group(self, member: Member, head_id: str, members: list[Member]) -> bool:
        by_id = {m.article_id: m for m in members}
        seen = 0
        while member.article_id != head_id and member.of_id in by_id and seen < len(members):
            member, seen = by_id[member.of_id], seen + 1
        return member.article_id == head_id

    def _likeness(self, ids: list[str]) -> dict[str, tuple[int, int]]:
        """For each article of a group: (shingles shared with the rest of the group,
        shingles of its own)."""
        found = self._candidate_shingles(ids)
        counts = Counter(h for s in found.values() for h in s.hashes.tolist())
        out = {}
        for article_id, own in found.items():
            alone = sum(1 for h in own.hashes.tolist() if counts[h] == 1)
            out[article_id] = (len(own) - alone, alone)
        return out

    def _take_over(self, new_head: str, old: Member, row: StoryRow) -> None:
        """`new_head` becomes the group's telling in place of `old`: the copies of `old`
        copy it, `old` is its copy (or version, when the same page)."""
        texts = self.store.linked_texts([new_head, old.article_id])
        self.store.point_copies(row.id, old.article_id, new_head)
        head = self.store.member(new_head)
        relation = "version" if _same_page(texts[new_head], texts[old.article_id]) else "copy"
        head.relation, head.of_id = old.relation, None
        old = self.store.member(old.article_id)
        old.relation, old.of_id = relation, new_head
        self.store.save_members([head, old])
        self._chain_pages(texts[new_head], row.id, new_head)
        if head.relation == "original":
            row.original_id, row.title = new_head, texts[new_head].title
        else:
            self._settle_original(head, texts[new_head], row)

    def _chain_pages(self, text: LinkedText, story_id: str, head_id: str) -> None:
        """The pages of one outlet in a group (its telling and the telling's copies), in
        order: each a version of the one before it, the first a copy of the telling
        unless it is the telling."""
        ids = [*self._same_page_candidates(text), text.id]
        inside = [m for m in self.store.member_rows(ids) if m.story_id == story_id]
        texts = self.store.linked_texts(m.article_id for m in inside)
        pages = [
            m for m in inside
            if (m.article_id == text.id or _same_page(texts[m.article_id], text))
            and self._head(m.article_id).article_id == head_id
        ]  # fmt: skip
        changed, before = [], None
        for m in sorted(
            pages, key=lambda m: (m.article_id != head_id, _order(texts[m.article_id]))
        ):
            want = ("version", before) if before else ("copy", head_id)
            if m.article_id != head_id and (m.relation, m.of_id) != want:
                m.relation, m.of_id = want
                changed.append(m)
            before = m.article_id
        self.store.save_members(changed)

    def _settle_original(self, telling: Member, text: LinkedText, row: StoryRow) -> None:
        """A related telling published before the story's original becomes the original."""
        original = self.store.member(row.original_id)
        first = self.store.linked_texts([original.article_id])[original.article_id]
        if _order(text) < _order(first):
            telling.relation, original.relation = "original", "related"
            self.store.save_members([telling, original])
            row.original_id, row.title = telling.article_id, text.title

    def _count(
        self, row: StoryRow, text: LinkedText, member: Member, vector: np.ndarray | None = None
    ) -> None:
        """The story's counts and dates with one more article."""
        row.articles += 1
        if self.store.add_story_outlet(row.id, text.outlet or text.id):
            row.outlets += 1
        if text.published:
            row.first_published = min(filter(None, (row.first_published, text.published)))
            row.last_published = max(filter(None, (row.last_published, text.published)))
        if member.matched_id is None:
            row.tellings += 1
            if vector is not None and row.vectors == row.tellings - 1:
                row.vector_sum = _add(row.vector_sum, vector)
                row.vectors += 1

    # --- caches and kept data -------------------------------------------------------------------

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

    def _add_buckets(self, article_id: str, buckets: tuple[int, ...]) -> None:
        self.store.add_buckets(article_id, buckets, cap=BUCKET_CAP)

    def _remember(self, article_id: str, found: Shingles) -> None:
        self._shingles[article_id] = found
        self._shingles.move_to_end(article_id)
        while len(self._shingles) > TEXT_CACHE:
            self._shingles.popitem(last=False)


def average_similarity(vector: np.ndarray, story: StoryRow) -> float:
    """Average link: the mean cosine of the vector to each of the story's tellings.

    A story that spread over several subjects is close on average to none of
    them, so it cannot keep pulling in whatever touches one of its articles.
    """
    if not story.vectors or story.vector_sum is None:
        return 0.0
    return float(vector @ story.vector_sum) / story.vectors


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


def _order(text: LinkedText, likeness: tuple[int, int] | None = None) -> tuple:
    """Which of two tellings comes first: the earlier published, then the one carrying
    more of its group's shared text and less of its own, then the first stored."""
    shared, own = likeness or (0, 0)
    return (text.published or "9999", -shared, own, text.seq)


def _day_of(text: LinkedText) -> str | None:
    return text.published[:10] if text.published else None


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
