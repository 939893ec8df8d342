"""Shared fixtures: real SQLite and real PostgreSQL, the real app, an in-process client.

PostgreSQL runs at 127.0.0.1:5432 on these machines. Locally its tests are skipped with a visible
notice when no server answers; with MLCOACH_REQUIRE_POSTGRES=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mlcoach.settings import Settings, load_settings

PG_ADMIN = os.environ.get("MLCOACH_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
_pg_notice: list[str] = []


def _pg_available() -> str | None:
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means "no server here"
        return str(exc).splitlines()[0]


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    from sqlalchemy import create_engine, text

    problem = _pg_available()
    if problem is not None:
        if os.environ.get("MLCOACH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but does not answer: {problem}")
        _pg_notice.append(problem)
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432 ({problem})")
    name = f"mlcoach_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each storage and web test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url: str = request.getfixturevalue("pg_database")
    _reset_pg(url)
    return url


@pytest.fixture
def make_settings(tmp_path: Path, db_url: str) -> Callable[..., Settings]:
    def make(**overrides: str) -> Settings:
        env = {"MLCOACH_DATA_DIR": str(tmp_path / "data"), "MLCOACH_DATABASE_URL": db_url, **overrides}
        return load_settings(env)

    return make


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _pg_notice:
        terminalreporter.write_sep("!", "PostgreSQL tests were SKIPPED: no server at 127.0.0.1:5432", yellow=True)
