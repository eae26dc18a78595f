"""The schema changes only through alembic: migrations go up and down cleanly on
SQLite and PostgreSQL, and they agree with the models."""

from __future__ import annotations

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import Session, SQLModel, select

from helpline import migrations
from helpline.chat.triage import Triage, open_triage
from helpline.db import make_engine
from helpline.identity.victims import age_band_of
from helpline.models import Conversation, Victim
from helpline.news.search import is_search_object


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {name for name in inspect(engine).get_table_names()
                if name != "alembic_version" and not is_search_object(name)}
    finally:
        engine.dispose()


def _diff(url: str) -> list:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={
                "compare_type": True,
                "include_name": lambda name, type_, _p: not (
                    type_ in ("table", "index") and is_search_object(name))})
            return compare_metadata(ctx, SQLModel.metadata)
    finally:
        engine.dispose()


def _round_trip(url: str) -> None:
    migrations.upgrade(url)
    assert _tables(url) == set(SQLModel.metadata.tables)
    assert _diff(url) == [], "models and migrations disagree: add a migration"
    migrations.downgrade(url)
    assert _tables(url) == set()
    migrations.upgrade(url)  # and back up again, as a deploy after a rollback would
    assert _tables(url) == set(SQLModel.metadata.tables)


def test_sqlite_upgrade_downgrade_and_models_agree(data_dir) -> None:
    _round_trip(f"sqlite:///{data_dir / 'migrations.db'}")


BEFORE_SEALING = "2c0b3b07c89b"  # topics, urgency, risk flags and age band in plain text
PLAIN = [("c-1", ["insults", "threats"], 2, ["sextortion"], 120),
         ("c-2", [], 0, [], 0)]


def _plain_rows(url: str) -> tuple[list, list]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conversations = [(r.id, json.loads(r.topics) if isinstance(r.topics, str)
                              else r.topics, r.urgency,
                              json.loads(r.risk_flags) if isinstance(r.risk_flags, str)
                              else r.risk_flags, r.priority) for r in conn.execute(text(
                "SELECT id, topics, urgency, risk_flags, priority FROM conversation "
                "ORDER BY id"))]
            bands = conn.execute(text("SELECT id, age_band FROM victim ORDER BY id")).all()
        return conversations, [tuple(b) for b in bands]
    finally:
        engine.dispose()


def _sealing_round_trip(url: str) -> None:
    """Rows written before the sealing migration come out sealed, read the same through
    the models, and the downgrade gives the plain values back."""
    migrations.upgrade(url, BEFORE_SEALING)
    engine = make_engine(url)
    with engine.begin() as conn:
        for victim_id, band in (("v-1", "11_14"), ("v-2", None)):
            conn.execute(text("INSERT INTO victim (id, created_at, failed_attempts, age_band) "
                              "VALUES (:id, CURRENT_TIMESTAMP, 0, :band)"),
                         {"id": victim_id, "band": band})
        for cid, topics, urgency, flags, priority in PLAIN:
            conn.execute(text(
                "INSERT INTO conversation (id, victim_id, status, topics, urgency, priority, "
                "created_at, risk_flags) VALUES (:id, 'v-1', 'waiting', :topics, :urgency, "
                ":priority, CURRENT_TIMESTAMP, :flags)"),
                {"id": cid, "topics": json.dumps(topics), "urgency": urgency,
                 "priority": priority, "flags": json.dumps(flags)})
        conn.execute(text("INSERT INTO message (conversation_id, sender_kind, internal, "
                          "body_enc, created_at) VALUES ('c-1', 'victim', false, :body, "
                          "CURRENT_TIMESTAMP)"), {"body": b"sealed"})
    migrations.upgrade(url)
    with Session(engine) as db:
        rows = {r.id: r for r in db.exec(select(Conversation)).all()}
        assert {cid: (open_triage(cid, rows[cid].triage_enc), rows[cid].priority)
                for cid, *_ in PLAIN} == {
            cid: (Triage(tuple(t), u, tuple(f)), p) for cid, t, u, f, p in PLAIN}
        assert [age_band_of(v.id, v.age_band_enc) for v in db.exec(
            select(Victim).order_by(Victim.id)).all()] == ["11_14", ""]
        raw = db.connection().execute(text("SELECT * FROM conversation")).all()
        assert not any(b"sextortion" in v or b"threats" in v
                       for row in raw for v in row if isinstance(v, bytes))
        assert _messages(db) == 1  # no table copied and dropped, nothing cascaded away
    engine.dispose()
    migrations.downgrade(url, BEFORE_SEALING)
    assert _plain_rows(url) == (PLAIN, [("v-1", "11_14"), ("v-2", None)])
    with Session(engine) as db:
        assert _messages(db) == 1
    engine.dispose()


def _messages(db) -> int:
    return db.connection().execute(text("SELECT count(*) FROM message")).scalar_one()


def test_sqlite_sealing_migration_converts_existing_rows(data_dir) -> None:
    _sealing_round_trip(f"sqlite:///{data_dir / 'migrations.db'}")


@pytest.mark.postgres
def test_postgres_upgrade_downgrade_and_models_agree(postgres_url: str) -> None:
    _round_trip(postgres_url)


@pytest.mark.postgres
def test_postgres_sealing_migration_converts_existing_rows(data_dir, postgres_url: str) -> None:
    _sealing_round_trip(postgres_url)


def test_a_sqlite_batch_migration_keeps_the_rows_that_point_at_its_table(data_dir) -> None:
    """Rebuilding a table (SQLite's batch mode) must not cascade-delete what refers to it:
    going down past 4f09d3a48bac rebuilds ``victim`` while conversations point at it."""
    url = f"sqlite:///{data_dir / 'batch.db'}"
    migrations.upgrade(url, "4f09d3a48bac")
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO victim (id, created_at, failed_attempts) "
                          "VALUES ('v-1', '2026-12-01', 0)"))
        conn.execute(text(
            "INSERT INTO conversation (id, victim_id, status, topics, urgency, priority, "
            "created_at) VALUES ('c-1', 'v-1', 'waiting', '[]', 0, 0, '2026-12-01')"))
    migrations.downgrade(url, "9da02c56658e")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM conversation")).scalar() == 1
    engine.dispose()
