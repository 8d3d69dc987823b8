"""The database schema, as numbered migrations in one place, for both backends.

SQLite keeps the number of migrations applied in `PRAGMA user_version`,
PostgreSQL in the `schema_version` table; opening a store applies the missing
ones in order. A migration is written once, in SQL both backends take (TEXT,
INTEGER, REAL, primary and foreign keys, indexes); `for_postgresql` adapts its
types (REAL is a double there, as in SQLite) and the `added` default. Only where
SQLite's own machinery is used (the FTS5 search index) does `POSTGRESQL` give
PostgreSQL its own version of the migration, under the same number.
"""

import re

MIGRATIONS: list[str] = [
    # 1: articles, full-text search, failures
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source_path TEXT,
        url TEXT,
        outlet TEXT,
        format TEXT,
        published TEXT,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        record TEXT NOT NULL,
        added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX articles_published ON articles (published);
    CREATE INDEX articles_outlet ON articles (outlet);
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, body, content='articles', content_rowid='rowid', tokenize='unicode61'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, body)
        VALUES ('delete', old.rowid, old.title, old.body);
    END;
    CREATE TABLE failures (
        source TEXT PRIMARY KEY,
        id TEXT,
        error TEXT NOT NULL,
        added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    """,
    # 2: what the understanding steps find, one row per item, for queries
    """
    CREATE TABLE actors (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT,
        country TEXT,
        org TEXT,
        role TEXT,
        description TEXT,
        mentions INTEGER,
        PRIMARY KEY (article_id, actor_id)
    );
    CREATE INDEX actors_name ON actors (name);
    CREATE INDEX actors_country ON actors (country);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT,
        speaker TEXT,
        speaker_actor TEXT,
        speaker_mention TEXT,
        cue TEXT,
        via TEXT,
        paragraph INTEGER,
        PRIMARY KEY (article_id, position)
    );
    CREATE INDEX quotes_speaker ON quotes (speaker);
    CREATE TABLE times (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        value TEXT,
        paragraph INTEGER,
        PRIMARY KEY (article_id, position)
    );
    CREATE INDEX times_value ON times (value);
    """,
    # 3: events, one row per event, with the actors' codes flattened for queries
    """
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        source_name TEXT,
        source_country TEXT,
        source_org TEXT,
        source_role TEXT,
        target_name TEXT,
        target_country TEXT,
        target_org TEXT,
        target_role TEXT,
        modality TEXT,
        date TEXT,
        date_text TEXT,
        location TEXT,
        intensity REAL,
        sentence TEXT,
        paragraph INTEGER,
        confidence REAL,
        PRIMARY KEY (article_id, position)
    );
    CREATE INDEX events_date ON events (date);
    CREATE INDEX events_type ON events (type);
    CREATE INDEX events_source ON events (source_country, source_org);
    CREATE INDEX events_target ON events (target_country, target_org);
    """,
    # 4: the search index declared with its content table in double quotes, the form
    # tools such as datasette look for to find a table's full-text index
    """
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, body, content="articles", content_rowid="rowid", tokenize="unicode61"
    );
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    """,
    # 5: events by pair of actor codes (the code `actor_code` gives: the country, else
    # the organisation), for dyads and their evidence
    """
    CREATE INDEX events_pairs ON events (
        (coalesce(source_country, source_org)), (coalesce(target_country, target_org)), date, type
    );
    """,
    # 6: stories across outlets (tidings.stories): stories, who belongs where, and
    # what linking needs to find candidates (LSH buckets, shared keys, embeddings)
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        first_published TEXT,
        last_published TEXT,
        original_id TEXT,
        articles INTEGER NOT NULL DEFAULT 0,
        outlets INTEGER NOT NULL DEFAULT 0,
        tellings INTEGER NOT NULL DEFAULT 0,
        vectors INTEGER NOT NULL DEFAULT 0,
        vector_sum BLOB
    );
    CREATE INDEX stories_last_published ON stories (last_published);
    CREATE INDEX stories_first_published ON stories (first_published);
    CREATE TABLE story_members (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        relation TEXT NOT NULL,
        of_id TEXT,
        matched_id TEXT,
        similarity REAL,
        canonical_url TEXT
    );
    CREATE INDEX story_members_story ON story_members (story_id, seq);
    CREATE TABLE story_keys (
        key TEXT NOT NULL,
        story_id TEXT NOT NULL,
        PRIMARY KEY (key, story_id)
    ) WITHOUT ROWID;
    CREATE TABLE minhash_buckets (
        bucket BIGINT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (bucket, article_id)
    ) WITHOUT ROWID;
    CREATE TABLE article_vectors (
        article_id TEXT PRIMARY KEY,
        vector BLOB NOT NULL
    );
    """,
    # 7: one key per actor across the store (Actor.key, "USA:GOV:donald-trump"), so that
    # "Donald Trump" and "Trump" in two articles are one row of `tidings actors`. Rows
    # stored before it are keyed by name and codes, as they were grouped; a row without
    # a key is somebody described but never named ("a witness"), one of a kind
    """
    ALTER TABLE actors ADD COLUMN key TEXT;
    UPDATE actors SET key = 'name:' || name || '|' || coalesce(kind, '') || '|'
        || coalesce(country, '') || '|' || coalesce(org, '') || '|' || coalesce(role, '');
    CREATE INDEX actors_key ON actors (key);
    """,
    # 8: stories linked incrementally: the outlets of each story (counted as articles
    # join), look-ups of the same page and of a telling's copies by index, and a mark
    # of the linked articles whose LSH buckets are stored. The buckets of this version's
    # sketches (hashed shingles of damage-proof tokens) differ from the earlier ones:
    # those are dropped, and linking sketches each linked article again, once
    """
    CREATE TABLE story_outlets (
        story_id TEXT NOT NULL,
        outlet TEXT NOT NULL,
        PRIMARY KEY (story_id, outlet)
    ) WITHOUT ROWID;
    INSERT INTO story_outlets (story_id, outlet)
        SELECT DISTINCT m.story_id, coalesce(a.outlet, m.article_id)
        FROM story_members m JOIN articles a ON a.id = m.article_id;
    ALTER TABLE story_members ADD COLUMN sketched INTEGER NOT NULL DEFAULT 0;
    DELETE FROM minhash_buckets;
    CREATE INDEX story_members_unsketched ON story_members (seq) WHERE sketched = 0;
    CREATE INDEX story_members_of ON story_members (of_id);
    CREATE INDEX story_members_canonical_url ON story_members ((substr(canonical_url, 1, 200)));
    CREATE INDEX articles_outlet_url ON articles (outlet, (substr(url, 1, 200)));
    CREATE INDEX articles_outlet_title ON articles (outlet, (substr(title, 1, 200)));
    """,
]

# PostgreSQL's own version of the migrations that use SQLite's machinery: full-text
# search is a generated tsvector column (English stemming, titles weighted above
# bodies) with a GIN index, queried with websearch_to_tsquery.
POSTGRESQL: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source_path TEXT,
        url TEXT,
        outlet TEXT,
        format TEXT,
        published TEXT,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        record TEXT NOT NULL,
        added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
        search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', title), 'A') ||
            setweight(to_tsvector('english', body), 'B')
        ) STORED
    );
    CREATE INDEX articles_published ON articles (published);
    CREATE INDEX articles_outlet ON articles (outlet);
    CREATE INDEX articles_search ON articles USING GIN (search);
    CREATE TABLE failures (
        source TEXT PRIMARY KEY,
        id TEXT,
        error TEXT NOT NULL,
        added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    """,
    4: "",  # SQLite's search index declared for datasette: nothing to do here
}
# 6: the story tables, with PostgreSQL's types; articles get the `rowid` SQLite has
# of itself (the order they were stored in, which is the order they are linked in)
POSTGRESQL[6] = (
    "ALTER TABLE articles ADD COLUMN rowid BIGSERIAL;\n"
    "CREATE INDEX articles_rowid ON articles (rowid);\n"
    + MIGRATIONS[5].replace("WITHOUT ROWID", "").replace("BLOB", "BYTEA")
)

POSTGRESQL[8] = MIGRATIONS[7].replace("WITHOUT ROWID", "")

_SQLITE_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
_POSTGRESQL_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""


def for_postgresql(number: int) -> str:
    """Migration `number` (from 1) as PostgreSQL runs it."""
    script = POSTGRESQL.get(number, MIGRATIONS[number - 1])
    script = script.replace(_SQLITE_NOW, _POSTGRESQL_NOW)
    return re.sub(r"\bREAL\b", "DOUBLE PRECISION", script)
