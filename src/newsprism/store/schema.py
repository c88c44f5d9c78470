"""The store's tables, one schema for SQLite and PostgreSQL (SQLAlchemy Core), and its
migrations: numbered steps, each applied once in its own transaction and recorded in
``meta.schema_version``, so an older store file is brought up to date when opened.

Full-text search is the one place the engines differ: SQLite keeps an FTS5 table beside the
articles, PostgreSQL a GIN index over ``to_tsvector`` of title and text.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    event,
    inspect,
    select,
    text,
)

metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False))

# One row per stored article version. ``seq`` is the order of arrival: stories are rebuilt by
# adding articles to the story index in that order, so they come out as they were.
articles = Table(
    "articles", metadata,
    Column("id", String(200), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("content_key", String(64), nullable=False, unique=True),  # sha256 of title + cleaned text
    Column("url", Text),
    Column("version", Integer, nullable=False, default=1),
    Column("previous_id", String(200)),  # the version this one replaces, at the same URL
    Column("current", Boolean, nullable=False, default=True),
    Column("outlet", Text),
    Column("title", Text),
    Column("published", String(40)),
    Column("dated", String(40)),  # published, else the dateline's date: when the article says it is from
    Column("language", String(16)),
    Column("ingested_at", String(40), nullable=False),
    Column("story", Integer, nullable=False),  # the story's number in the index
    Column("text", Text, nullable=False),
    Column("record", Text, nullable=False),  # the annotated Article as JSON
)
Index("articles_url", articles.c.url)
Index("articles_story", articles.c.story)
Index("articles_published", articles.c.published)

# What each article gave story grouping (StoryFeatures as JSON, its lead vector as float32).
story_features = Table(
    "story_features", metadata,
    Column("article_id", String(200), primary_key=True),
    Column("seq", Integer, nullable=False, unique=True),
    Column("features", Text, nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

# One row per story. ``dirty``: members changed since the findings were computed (set in the
# same transaction that adds the member, cleared in the one that stores the new findings).
stories = Table(
    "stories", metadata,
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("id", String(64), nullable=False),
    Column("title", Text, nullable=False, default=""),
    Column("article_ids", Text, nullable=False),  # JSON list
    Column("first_published", String(40)),
    Column("last_published", String(40)),
    Column("dirty", Boolean, nullable=False, default=True),
    Column("updated_at", String(40), nullable=False),
    Column("findings", Text),  # StoryFindings as JSON, null until computed
)
Index("stories_id", stories.c.id)

# The story index as of article ``seq`` (StoryIndex.snapshot: JSON and an .npz of its arrays,
# loaded without pickles): an ingest restores it and replays only the features that came later.
index_snapshot = Table(
    "index_snapshot", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("state", Text, nullable=False),
    Column("arrays", LargeBinary, nullable=False),
)

failures = Table(
    "failures", metadata,
    Column("n", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(40), nullable=False),
)


def _create_tables(conn: Connection) -> None:
    metadata.create_all(conn)


def _full_text(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                          "article_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"))
    elif conn.dialect.name == "postgresql":
        conn.execute(text("CREATE INDEX IF NOT EXISTS articles_fts ON articles USING GIN "
                          "(to_tsvector('simple', coalesce(title, '') || ' ' || text))"))


def _index_snapshot(conn: Connection) -> None:
    index_snapshot.create(conn, checkfirst=True)


def _browse_indexes(conn: Connection) -> None:
    """The story list is read newest first and filtered by outlet: both indexed, so a page of
    a store of 100k articles costs the same as of 100 (the same DDL on both engines; an
    expression index cannot be reflected, hence IF NOT EXISTS rather than checkfirst)."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS stories_last_published ON stories (last_published)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS articles_outlet_lower ON articles (lower(outlet))"))


def _article_dates(conn: Connection) -> None:
    """An article without a publish date is still dated by its dateline ("MOSCOW, March 14"):
    stories' date spans and date filters use it, as the report does. Older rows keep NULL
    and fall back to ``published``."""
    if "dated" not in {column["name"] for column in inspect(conn).get_columns("articles")}:
        conn.execute(text("ALTER TABLE articles ADD COLUMN dated VARCHAR(40)"))


MIGRATIONS: list[Callable[[Connection], None]] = [_create_tables, _full_text, _index_snapshot, _browse_indexes,
                                                  _article_dates]


def migrate(engine: Engine) -> int:
    """Bring the store's schema up to date; the version it is at."""
    with engine.begin() as conn:
        meta.create(conn, checkfirst=True)
    version = current_version(engine)
    for number, step in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(meta.delete().where(meta.c.key == "schema_version"))
            conn.execute(meta.insert().values(key="schema_version", value=str(number)))
        version = number
    return version


def current_version(engine: Engine) -> int:
    with engine.connect() as conn:
        row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def sqlite_pragmas(engine: Engine) -> None:
    """WAL: readers (the web view) keep working while an ingest writes; busy timeout: a
    writer waits for another instead of failing."""
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()
