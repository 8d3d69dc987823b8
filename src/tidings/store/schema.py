"""The database schema, as numbered migrations in one place.

`PRAGMA user_version` holds the number of migrations applied; opening a store
applies the missing ones in order, each in its own transaction.
"""

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
]
