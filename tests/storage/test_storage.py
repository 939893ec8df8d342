from sqlalchemy import inspect, text

from mlcoach.domain.errors import NotFound
from mlcoach.storage.db import make_engine, migrate, session_factory, transaction
from mlcoach.storage.repositories import Notes, Users


def test_migrations_create_the_schema_and_are_idempotent(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    migrate(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"users", "notes", "alembic_version"} <= tables
    engine.dispose()


def test_sqlite_runs_in_wal_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_notes_are_scoped_to_their_owner(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as s:
        alice, bob = Users(s).add("alice", "h"), Users(s).add("bob", "h")
        note = Notes(s, alice.id).save("bias-variance-tradeoff", "remember the learning curves")
        note_id, alice_id, bob_id = note.id, alice.id, bob.id
    with transaction(sessions) as s:
        assert Notes(s, bob_id).list() == []
        assert Notes(s, bob_id).for_item("bias-variance-tradeoff") is None
        for action in (
            lambda: Notes(s, bob_id).get(note_id),
            lambda: Notes(s, bob_id).update(note_id, "x"),
            lambda: Notes(s, bob_id).delete(note_id),
        ):
            try:
                action()
            except NotFound:
                pass
            else:
                raise AssertionError("bob reached alice's note")
    with transaction(sessions) as s:
        assert Notes(s, alice_id).get(note_id).body == "remember the learning curves"
    engine.dispose()


def test_a_failed_transaction_keeps_what_was_saved(db_url: str) -> None:
    engine = make_engine(db_url)
    migrate(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as s:
        uid = Users(s).add("carol", "h").id
        Notes(s, uid).save("x", "first")
    try:
        with transaction(sessions) as s:
            Notes(s, uid).save("x", "second")
            raise RuntimeError("crash mid-request")
    except RuntimeError:
        pass
    with transaction(sessions) as s:
        assert Notes(s, uid).for_item("x").body == "first"  # type: ignore[union-attr]
    engine.dispose()
