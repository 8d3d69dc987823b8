"""The store's story tables: what `tidings.stories` reads and writes (SQLite)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from tidings.stories.model import LinkedText, Member, StoryRow

_TEXT_COLUMNS = (
    "a.id, a.rowid AS seq, a.title, a.body, a.url, a.outlet, a.published, m.canonical_url"
    " FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
)
_MEMBER_COLUMNS = (
    "article_id, story_id, seq, relation, of_id, matched_id, similarity, canonical_url"
)
_STORY_COLUMNS = (
    "id, title, first_published, last_published, original_id, articles, outlets,"
    " tellings, vectors, vector_sum"
)


class StoryTables:
    """Mixed into `Store`: rows of stories, members, LSH buckets, keys and embeddings."""

    db: sqlite3.Connection

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write transaction (nested calls join the outer one)."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    # --- articles as linking sees them -------------------------------------------

    def linked_texts(self, ids: Iterable[str]) -> dict[str, LinkedText]:
        out = {}
        for chunk in _chunks(list(ids)):  # a story of thousands of copies: several queries
            rows = self.db.execute(f"SELECT {_TEXT_COLUMNS} WHERE a.id IN ({_marks(chunk)})", chunk)
            out.update({row["id"]: LinkedText(**dict(row)) for row in rows})
        return out

    def unlinked_ids(self, after: int | None = None) -> tuple[list[str], int | None]:
        """Stored articles not yet in a story, in store order (stored after seq `after`),
        and the last seq looked at."""
        rows = self.db.execute(
            "SELECT a.id, a.rowid AS seq FROM articles a WHERE a.rowid > ? AND NOT EXISTS"
            " (SELECT 1 FROM story_members m WHERE m.article_id = a.id) ORDER BY a.rowid",
            (after if after is not None else -1,),
        ).fetchall()
        last = self.db.execute("SELECT max(rowid) AS seq FROM articles").fetchone()["seq"]
        return [row["id"] for row in rows], max(filter(None, (last, after)), default=None)

    def unsketched_ids(self, limit: int) -> list[str]:
        """Linked articles whose LSH buckets are not stored, in store order."""
        rows = self.db.execute(
            "SELECT article_id FROM story_members WHERE sketched = 0 ORDER BY seq LIMIT ?",
            (limit,),
        )
        return [row["article_id"] for row in rows]

    # --- near-duplicate candidates -----------------------------------------------

    def bucket_matches(self, buckets: Iterable[int]) -> list[str]:
        """Articles sharing at least one LSH bucket with these keys, most shared first."""
        keys = list(buckets)
        if not keys:
            return []
        rows = self.db.execute(
            "SELECT article_id, count(*) AS n FROM minhash_buckets"
            f" WHERE bucket IN ({_marks(keys)}) GROUP BY article_id ORDER BY n DESC, article_id",
            keys,
        )
        return [row["article_id"] for row in rows]

    def same_page_ids(
        self, outlet: str | None, urls: Iterable[str], title: str, limit: int = 50
    ) -> list[str]:
        """The latest linked articles of this outlet under one of these URLs (or canonical
        URLs), or with this title, in store order."""
        urls = [u for u in urls if u]
        if not outlet:
            return []
        parts, args = [], []
        if urls:
            parts.append(
                "SELECT a.id, a.rowid AS seq FROM articles a WHERE a.outlet = ?"
                f" AND substr(a.url, 1, 200) IN ({_marks(urls)}) AND a.url IN ({_marks(urls)})"
            )
            args += [outlet, *[u[:200] for u in urls], *urls]
            parts.append(
                "SELECT a.id, a.rowid AS seq FROM story_members m JOIN articles a"
                f" ON a.id = m.article_id WHERE substr(m.canonical_url, 1, 200) IN ({_marks(urls)})"
                f" AND m.canonical_url IN ({_marks(urls)}) AND a.outlet = ?"
            )
            args += [*[u[:200] for u in urls], *urls, outlet]
        if title:
            parts.append(
                "SELECT a.id, a.rowid AS seq FROM articles a WHERE a.outlet = ?"
                " AND substr(a.title, 1, 200) = ? AND a.title = ?"
            )
            args += [outlet, title[:200], title]
        if not parts:
            return []
        rows = self.db.execute(
            "SELECT u.id, u.seq FROM (" + " UNION ".join(parts) + ") u"
            " WHERE EXISTS (SELECT 1 FROM story_members s WHERE s.article_id = u.id)"
            " ORDER BY u.seq DESC LIMIT ?",
            (*args, limit),
        )
        return [row["id"] for row in reversed(rows.fetchall())]

    def add_buckets(self, article_id: str, buckets: Iterable[int], cap: int | None = None) -> None:
        """Keep the article under these LSH buckets (those holding fewer than `cap` articles:
        a bucket shared by thousands would make each look-up read them all) and mark it
        sketched."""
        keys = list(dict.fromkeys(buckets))
        if cap and keys:
            full = {
                row["bucket"]
                for row in self.db.execute(
                    "SELECT bucket FROM minhash_buckets"
                    f" WHERE bucket IN ({_marks(keys)}) GROUP BY bucket HAVING count(*) >= ?",
                    (*keys, cap),
                )
            }
            keys = [k for k in keys if k not in full]
        self.db.executemany(
            "INSERT OR IGNORE INTO minhash_buckets (bucket, article_id) VALUES (?, ?)",
            [(b, article_id) for b in keys],
        )
        self.db.execute("UPDATE story_members SET sketched = 1 WHERE article_id = ?", (article_id,))

    # --- related candidates ---------------------------------------------------------

    def add_story_keys(self, story_id: str, keys: Iterable[str]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO story_keys (key, story_id) VALUES (?, ?)",
            [(k, story_id) for k in keys],
        )

    def stories_sharing_keys(
        self, keys: Iterable[str], weights: dict[str, float], window: tuple[str, str, str],
        min_shared: float,
    ) -> list[tuple[str, float]]:  # fmt: skip
        """Stories sharing keys worth at least `min_shared` (`weights` by key prefix, such
        as `w:`), within a window: (last reported on or after, first reported on or
        before, first reported on or after). Returns (story id, worth shared)."""
        keys = list(keys)
        if not keys:
            return []
        cases = " ".join(f"WHEN {prefix!r} THEN {float(w)}" for prefix, w in weights.items())
        shared = f"sum(CASE substr(k.key, 1, 2) {cases} ELSE 0 END)"
        rows = self.db.execute(
            f"SELECT k.story_id, {shared} AS shared"
            " FROM story_keys k JOIN stories s ON s.id = k.story_id"
            f" WHERE k.key IN ({_marks(keys)}) AND s.last_published >= ?"
            " AND s.first_published <= ? AND s.first_published >= ?"
            f" GROUP BY k.story_id HAVING {shared} >= ? ORDER BY shared DESC, k.story_id",
            (*keys, *window, min_shared),
        )
        return [(row["story_id"], row["shared"]) for row in rows]

    # --- embeddings -----------------------------------------------------------------

    def vectors(self, ids: Iterable[str]) -> dict[str, np.ndarray]:
        ids = list(ids)
        if not ids:
            return {}
        rows = self.db.execute(
            f"SELECT article_id, vector FROM article_vectors WHERE article_id IN ({_marks(ids)})",
            ids,
        )
        return {row["article_id"]: np.frombuffer(row["vector"], dtype=np.float32) for row in rows}

    def save_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        self.db.executemany(
            "INSERT INTO article_vectors (article_id, vector) VALUES (?, ?)"
            " ON CONFLICT (article_id) DO UPDATE SET vector = excluded.vector",
            [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()],
        )

    # --- stories and members ----------------------------------------------------------

    def member(self, article_id: str) -> Member | None:
        row = self.db.execute(
            f"SELECT {_MEMBER_COLUMNS} FROM story_members WHERE article_id = ?", (article_id,)
        ).fetchone()
        return Member(**dict(row)) if row else None

    def members(self, story_id: str) -> list[Member]:
        rows = self.db.execute(
            f"SELECT {_MEMBER_COLUMNS} FROM story_members WHERE story_id = ? ORDER BY seq",
            (story_id,),
        )
        return [Member(**dict(row)) for row in rows]

    def member_rows(self, ids: Iterable[str]) -> list[Member]:
        ids = list(ids)
        if not ids:
            return []
        rows = self.db.execute(
            f"SELECT {_MEMBER_COLUMNS} FROM story_members WHERE article_id IN ({_marks(ids)})",
            ids,
        )
        return [Member(**dict(row)) for row in rows]

    def point_copies(self, story_id: str, old: str, new: str) -> None:
        """The copies of one telling copy another."""
        self.db.execute(
            "UPDATE story_members SET of_id = ? WHERE of_id = ? AND story_id = ?"
            " AND relation = 'copy'",
            (new, old, story_id),
        )

    def add_story_outlet(self, story_id: str, outlet: str) -> bool:
        """Note an outlet of a story; whether it is new to it."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO story_outlets (story_id, outlet) VALUES (?, ?)",
            (story_id, outlet),
        )
        return cursor.rowcount == 1

    def save_members(self, members: Iterable[Member]) -> None:
        self.db.executemany(
            f"INSERT INTO story_members ({_MEMBER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            f" ON CONFLICT (article_id) DO UPDATE SET {_updates(_MEMBER_COLUMNS)}",
            [
                (
                    m.article_id,
                    m.story_id,
                    m.seq,
                    m.relation,
                    m.of_id,
                    m.matched_id,
                    m.similarity,
                    m.canonical_url,
                )
                for m in members
            ],
        )

    def story_row(self, story_id: str) -> StoryRow | None:
        row = self.db.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        return _story_row(row) if row else None

    def story_rows(self, ids: Iterable[str]) -> dict[str, StoryRow]:
        ids = list(ids)
        if not ids:
            return {}
        rows = self.db.execute(
            f"SELECT {_STORY_COLUMNS} FROM stories WHERE id IN ({_marks(ids)})", ids
        )
        return {row["id"]: _story_row(row) for row in rows}

    def save_story(self, story: StoryRow) -> None:
        vector = None if story.vector_sum is None else story.vector_sum.astype(np.float64).tobytes()
        self.db.execute(
            f"INSERT INTO stories ({_STORY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            f" ON CONFLICT (id) DO UPDATE SET {_updates(_STORY_COLUMNS)}",
            (story.id, story.title, story.first_published, story.last_published,
             story.original_id, story.articles, story.outlets, story.tellings, story.vectors,
             vector),
        )  # fmt: skip

    def clear_stories(self) -> None:
        """Forget every story and what linking kept (embeddings stay: they depend on text only)."""
        with self.writing():
            for table in ("story_members", "story_keys", "minhash_buckets", "story_outlets",
                          "stories"):  # fmt: skip
                self.db.execute(f"DELETE FROM {table}")

    def _story_filter(self, filters: Any, story: str) -> None:
        """Articles of one story (the web pages' and the API's `story` filter)."""
        filters.add(
            "EXISTS (SELECT 1 FROM story_members sm WHERE sm.article_id = a.id"
            " AND sm.story_id = ?)",
            story,
        )

    # --- reading stories ------------------------------------------------------------------

    def stories(
        self, since: str | None = None, actor: str | None = None, limit: int | None = 100,
        min_articles: int = 1,
    ) -> list[dict[str, Any]]:  # fmt: skip
        """Stories, newest first: last reported on or after `since`, with an actor
        (a name, or a country, organisation or role code) in one of their articles."""
        where, args = ["s.articles >= ?"], [min_articles]
        if since:
            where.append("s.last_published >= ?")
            args.append(since)
        if actor:
            where.append(
                "EXISTS (SELECT 1 FROM story_members m JOIN actors x ON x.article_id = m.article_id"
                " WHERE m.story_id = s.id AND (x.country = ? OR x.org = ? OR x.role = ?"
                " OR lower(x.name) LIKE ?))"
            )
            args.extend([actor.upper()] * 3 + [f"%{actor.lower()}%"])
        sql = (
            "SELECT s.id, s.title, s.first_published, s.last_published, s.original_id,"
            " s.articles, s.outlets FROM stories s WHERE "
            + " AND ".join(where)
            + " ORDER BY s.last_published DESC NULLS LAST, s.first_published DESC NULLS LAST, s.id"
        )
        if limit and limit > 0:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.db.execute(sql, args)]

    def story_ids_like(self, prefix: str) -> list[str]:
        rows = self.db.execute(
            "SELECT id FROM stories WHERE id LIKE ? || '%' ESCAPE '\\' ORDER BY id LIMIT 2",
            (prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"),),
        )
        return [row["id"] for row in rows]


def _story_row(row: sqlite3.Row) -> StoryRow:
    data = dict(row)
    blob = data.pop("vector_sum")
    vector = None if blob is None else np.frombuffer(blob, dtype=np.float64).copy()
    return StoryRow(**data, vector_sum=vector)


def _updates(columns: str) -> str:
    """`SET` clauses of an upsert: every column but the first (the key) from the new row."""
    names = [c.strip() for c in columns.split(",")][1:]
    return ", ".join(f"{n} = excluded.{n}" for n in names)


def _chunks(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    """Lists of at most `size` items: SQL takes only so many parameters at once."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(items: list[Any]) -> str:
    return ", ".join("?" * len(items))
