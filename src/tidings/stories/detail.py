"""What a story knows: its articles and their relations, the original and the
fullest version, what each copy cut, added or changed, and the events and
quotes of all its articles, each once, with the articles and outlets that
report it. Worked out on reading, from the stored records of its members.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator

from tidings.record import Actor, Article, Event, Quote
from tidings.stories.model import (
    CopyDiff,
    Member,
    ParagraphChange,
    Story,
    StoryArticle,
    StoryEvent,
    StoryQuote,
)
from tidings.stories.sketch import words

# Kinds of edit that mend damage (rather than remove boilerplate or layout).
DAMAGE_KINDS = frozenset(
    {"glued_words", "split_word", "doubled_letter", "spacing", "encoding", "hyphenation"}
)
# `date_text` of an event whose day is not in the article (the events coder then
# takes the publication date)
UNSTATED_DAY = frozenset({None, "", "publication date"})
CHANGED = 0.5  # paragraphs this similar (difflib ratio of their words) are one paragraph changed


def story_detail(store, story_id: str) -> Story | None:  # noqa: ANN001 - a Store
    """The story with this id (or a unique prefix of it), or None."""
    found = store.story_ids_like(story_id)
    if len(found) != 1:
        return None
    row = store.story_row(found[0])
    members = store.members(row.id)
    records = store.records(m.article_id for m in members)
    ordered = sorted(members, key=lambda m: (records[m.article_id].published or "9999", m.seq))
    articles = [_story_article(m, records[m.article_id]) for m in ordered]
    return Story(
        id=row.id,
        title=row.title,
        first_published=row.first_published,
        last_published=row.last_published,
        original=row.original_id,
        fullest=fullest(ordered, records),
        outlets=sorted({a.outlet for a in articles if a.outlet}),
        articles=articles,
        events=merge_events([records[m.article_id] for m in ordered]),
        quotes=merge_quotes([records[m.article_id] for m in ordered]),
        diffs=[
            copy_diff(records[m.article_id], records[m.of_id], m.relation)
            for m in ordered
            if m.of_id and m.of_id in records
        ],
    )


def story_details(store, min_articles: int = 1) -> Iterator[Story]:  # noqa: ANN001 - a Store
    """Every story of the store, newest first."""
    for row in store.stories(limit=None, min_articles=min_articles):
        found = story_detail(store, row["id"])
        if found:
            yield found


def fullest(members: list[Member], records: dict[str, Article]) -> str | None:
    """The longest telling of the original's text by its own outlet: the original or a version.

    Copies are left out: a copy padded with its site's boilerplate is longer
    without telling more.
    """
    own = [m for m in members if m.relation in ("original", "version")]
    if not own:
        return None
    return max(own, key=lambda m: (len(words(records[m.article_id].body)), -m.seq)).article_id


def copy_diff(copy: Article, of: Article, relation: str) -> CopyDiff:
    """Paragraphs of `of` the copy cut, paragraphs it added, paragraphs it changed."""
    diff = CopyDiff(article=copy.id, of=of.id, relation=relation)
    if copy.title != of.title:
        diff.title = ParagraphChange(of.title, copy.title)
    before, after = of.paragraphs, copy.paragraphs
    matcher = difflib.SequenceMatcher(None, [_plain(p) for p in before], [_plain(p) for p in after],
                                      autojunk=False)  # fmt: skip
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "delete":
            diff.cut.extend(before[i1:i2])
        elif op == "insert":
            diff.added.extend(after[j1:j2])
        elif op == "replace":
            _pair_paragraphs(before[i1:i2], after[j1:j2], diff)
    mended = Counter(e.kind for e in copy.edits if e.kind in DAMAGE_KINDS)
    diff.repairs = dict(sorted(mended.items()))
    return diff


def merge_events(records: Iterable[Article]) -> list[StoryEvent]:
    """Each event once: the same type, actors, day and place in several articles."""
    merged: dict[Hashable, StoryEvent] = {}
    for record in records:
        for event in record.events:
            found = merged.setdefault(_event_key(event), _story_event(event))
            found.mentions += event.mentions
            _note(found.articles, found.outlets, record.id, record.source.outlet)
    return list(merged.values())


def merge_quotes(records: Iterable[Article]) -> list[StoryQuote]:
    """Each quote once: the same words (or a cut of them) in several articles."""
    merged: list[tuple[str, StoryQuote]] = []
    for record in records:
        outlet = record.source.outlet
        for quote in sorted(record.quotes, key=lambda q: -len(q.text)):
            plain = _plain(quote.text)
            if not plain:
                continue
            same = next((m for p, m in merged if plain in p or p in plain), None)
            if same is None:
                same = _story_quote(quote)
                merged.append((plain, same))
            _note(same.articles, same.outlets, record.id, outlet)
    return [m for _, m in merged]


def _note(articles: list[str], outlets: list[str], article_id: str, outlet: str | None) -> None:
    if article_id not in articles:
        articles.append(article_id)
    if outlet and outlet not in outlets:
        outlets.append(outlet)


def _event_key(event: Event) -> Hashable:
    """The same type between the same actors, on the same day and place. A day the
    article does not state (the event took its publication date: no `date_text`)
    is left out, so a copy published a day later reports the same event."""
    day = event.date if event.date_text not in UNSTATED_DAY else ""
    return (event.type, _actor_key(event.source), _actor_key(event.target), day or "",
            (event.location or "").lower())  # fmt: skip


def _story_event(event: Event) -> StoryEvent:
    return StoryEvent(
        type=event.type, mode=event.mode, source=event.source, target=event.target,
        modality=event.modality, date=event.date, location=event.location,
        intensity=event.intensity, sentence=event.sentence, articles=[], outlets=[], mentions=0,
    )  # fmt: skip


def _story_quote(quote: Quote) -> StoryQuote:
    return StoryQuote(text=quote.text, kind=quote.kind, speaker=quote.speaker, articles=[],
                      outlets=[])  # fmt: skip


def _story_article(member: Member, record: Article) -> StoryArticle:
    return StoryArticle(
        id=record.id,
        url=record.source.url,
        outlet=record.source.outlet,
        published=record.published,
        relation=member.relation,
        of=member.of_id,
        title=record.title,
    )


def _pair_paragraphs(before: list[str], after: list[str], diff: CopyDiff) -> None:
    """Within a replaced block: similar paragraphs are changes, the rest cut or added."""
    used: set[int] = set()
    for old in before:
        scores = [
            (difflib.SequenceMatcher(None, words(old), words(new), autojunk=False).ratio(), j)
            for j, new in enumerate(after)
            if j not in used
        ]
        score, j = max(scores, default=(0.0, -1))
        if score >= CHANGED:
            used.add(j)
            diff.changed.append(ParagraphChange(old, after[j]))
        else:
            diff.cut.append(old)
    diff.added.extend(new for j, new in enumerate(after) if j not in used)


def _actor_key(actor: Actor | None) -> str:
    if actor is None:
        return ""
    code = "".join(x for x in (actor.country or actor.org, actor.role) if x)
    return code or actor.name.lower()


def _plain(text: str) -> str:
    return " ".join(words(text))
