"""The PostgreSQL fixture gives a real server: SQLAlchemy Core round-trips, constraints are
enforced by the server, a second connection sees only committed data, and a second server
can be started and stopped on its own."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from .postgres import DATABASE, new_server_dir, start_postgres


@pytest.fixture()
def engine(postgres_url: str) -> Iterator[sa.Engine]:
    engine = sa.create_engine(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture()
def articles(engine: sa.Engine) -> Iterator[sa.Table]:
    """A table of its own for each test (the server lives for the whole session)."""
    metadata = sa.MetaData()
    table = sa.Table(
        f"articles_{uuid.uuid4().hex[:8]}",
        metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("sha", sa.String(64), nullable=False, unique=True),
        sa.Column("outlet", sa.String(100), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    metadata.create_all(engine)
    yield table
    metadata.drop_all(engine)


def test_url_names_a_local_postgres_database(postgres_url: str) -> None:
    url = sa.make_url(postgres_url)
    assert url.drivername == "postgresql+psycopg"
    assert url.host == "127.0.0.1" and url.port and url.database == DATABASE


def test_core_round_trip_in_one_transaction(engine: sa.Engine, articles: sa.Table) -> None:
    rows = [
        {"sha": "a" * 64, "outlet": "Reuters", "text": "A fire broke out at the harbor."},
        {"sha": "b" * 64, "outlet": "AP", "text": "Firefighters said three people were hurt — «Ünïcode» kept."},
    ]
    with engine.begin() as conn:
        conn.execute(sa.insert(articles), rows)
    with engine.connect() as conn:
        got = conn.execute(sa.select(articles.c.sha, articles.c.outlet, articles.c.text).order_by(articles.c.id)).all()
        version = conn.execute(sa.text("SELECT version()")).scalar_one()
    assert [dict(r._mapping) for r in got] == rows
    assert version.startswith("PostgreSQL ")


def test_unique_constraint_raises_integrity_error_and_rolls_back(engine: sa.Engine, articles: sa.Table) -> None:
    with engine.begin() as conn:
        conn.execute(sa.insert(articles), {"sha": "c" * 64, "outlet": "BBC", "text": "first"})
    with pytest.raises(sa.exc.IntegrityError):
        with engine.begin() as conn:
            conn.execute(sa.insert(articles), {"sha": "d" * 64, "outlet": "BBC", "text": "in the failed transaction"})
            conn.execute(sa.insert(articles), {"sha": "c" * 64, "outlet": "CNN", "text": "same content key"})
    with engine.connect() as conn:
        # the whole failed transaction was rolled back, not only the offending row
        assert conn.execute(sa.select(articles.c.sha)).scalars().all() == ["c" * 64]


def test_second_connection_sees_only_committed_rows(engine: sa.Engine, articles: sa.Table) -> None:
    count = sa.select(sa.func.count()).select_from(articles)
    with engine.connect() as writer, engine.connect() as reader:
        assert writer.connection.dbapi_connection is not reader.connection.dbapi_connection
        writer.execute(sa.insert(articles), {"sha": "e" * 64, "outlet": "DW", "text": "not yet committed"})
        assert writer.execute(count).scalar_one() == 1
        assert reader.execute(count).scalar_one() == 0  # read committed: the other session's row is invisible
        reader.rollback()
        writer.commit()
        assert reader.execute(count).scalar_one() == 1
        reader.rollback()


def test_start_postgres_runs_a_second_independent_server(postgres_url: str) -> None:
    folder = new_server_dir()
    url, stop = start_postgres(folder)
    try:
        assert sa.make_url(url).port != sa.make_url(postgres_url).port
        other = sa.create_engine(url)
        with other.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE only_here (x int)")
        # the session's server does not see the second server's table
        session_engine = sa.create_engine(postgres_url)
        with session_engine.connect() as conn:
            assert not sa.inspect(conn).has_table("only_here")
        session_engine.dispose()
        other.dispose()
    finally:
        stop()
    assert not Path(folder).exists()
    stop()  # a second stop is harmless
    gone = sa.create_engine(url, connect_args={"connect_timeout": 2})
    with pytest.raises(sa.exc.OperationalError):
        with gone.connect():
            pass
    gone.dispose()
