"""A copy of the data folder (database, WAL included, blobs) without the key tells
nothing of what a young person said: not what it is about, how urgent it feels, which
risk flags it raised, nor their age band."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from helpline import chat
from helpline.identity import victims
from helpline.models import RiskRule
from tests.factories import OPEN_AT
from tests.factories import staff as _staff
from tests.factories import victim as _victim

TOPICS = ["impersonation", "exclusion"]  # no risk rule is named after these
SAID = "il a dit mot-piege-7q devant tout le monde"
FLAG = "sextortion"


def _folder_without_key(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(data_dir.rglob("*"))
                    if p.is_file() and p.name != "abri.key")


def _every_row_but_the_rules(db) -> bytes:
    """The rules name their flag; every other row of every table, as raw bytes."""
    conn = db.connection()
    return b"|".join(
        v if isinstance(v, bytes) else str(v).encode()
        for table in inspect(conn).get_table_names() if table != "risk_rule"
        for row in conn.execute(text(f'SELECT * FROM "{table}"')) for v in row)


def _told(db):
    """A young person who gave an age band, ticked topics, said it is very urgent and
    wrote what raises a flag; the rule's pattern does not hold the words literally."""
    db.add(RiskRule(label=FLAG, locale="fr", pattern=r"mot-pi[e]ge-7q", weight=70))
    victim = _victim(db)
    victims.update_profile(db, victim, nickname="", age_band="15_17")
    conversation = chat.open_conversation(db, victim, topics=TOPICS, urgency=3,
                                             consent=True, now=OPEN_AT)
    chat.post_victim_message(db, victim, conversation.id, SAID)
    db.commit()
    return victim, conversation


def test_a_dump_without_the_key_shows_no_topic_urgency_flag_or_age_band(db, data_dir) -> None:
    victim, conversation = _told(db)
    shown = chat.queue(db, _staff(db))[0]  # with the key, all of it is there
    assert (shown.topics, shown.urgency, shown.risk_flags) == (sorted(TOPICS), 3, [FLAG])
    assert victims.profile(db, victim).age_band == "15_17"

    dump = _folder_without_key(data_dir)
    assert conversation.id.encode() in dump and FLAG.encode() in dump  # really read
    assert (data_dir / "abri.db-wal").stat().st_size > 0  # the WAL is in the dump
    for marker in ("mot-piege-7q", *TOPICS, "15_17"):
        assert marker.encode() not in dump, marker
    rows = _every_row_but_the_rules(db)
    assert conversation.id.encode() in rows
    assert FLAG.encode() not in rows
    columns = {c["name"] for c in inspect(db.connection()).get_columns("conversation")}
    assert not columns & {"topics", "urgency", "risk_flags"}  # no plain column holds them
    assert "age_band" not in {c["name"] for c in inspect(db.connection()).get_columns("victim")}


def _sealed(db, column: str, table: str, row_id: str) -> bytes:
    return db.connection().execute(
        text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": row_id}).scalar_one()


def test_the_length_of_what_is_sealed_gives_nothing_away(db) -> None:
    """Categories and bands come from short lists: unpadded, the ciphertext's length
    alone would tell « under 11 » from « 15-17 », or a flag raised from none."""
    db.add(RiskRule(label="self_harm", locale="fr", pattern="me couper", weight=80))
    lengths, bands = set(), set()
    for topics, urgency, said in (([], 0, "bonjour"),
                                  (["intimate_images", "threats", "insults"], 3, "me couper")):
        victim = _victim(db)
        conversation = chat.open_conversation(db, victim, topics=topics, urgency=urgency,
                                                 consent=True, now=OPEN_AT)
        chat.post_victim_message(db, victim, conversation.id, said)
        db.flush()
        lengths.add(len(_sealed(db, "triage_enc", "conversation", conversation.id)))
    for band in ("under_11", "11_14", "18_plus"):
        victim = _victim(db)
        victims.update_profile(db, victim, nickname="", age_band=band)
        bands.add(len(_sealed(db, "age_band_enc", "victim", victim.victim_id)))
    assert (len(lengths), len(bands)) == (1, 1)
