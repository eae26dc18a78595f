"""Ready-made answers: kept by supervisors, per team and language, inserted by counsellors."""

import pytest
from sqlmodel import select

from helpline.chat import canned
from helpline.chat.errors import ChatError
from helpline.models import AuditEntry, CannedResponse
from tests.helpline.chat.test_service import _staff


def _refused(code: str):
    return pytest.raises(canned.CannedError, match=f"^{code}$")


def _count(db) -> int:
    return len(db.exec(select(CannedResponse)).all())


def test_a_supervisor_adds_edits_and_deletes_an_answer_and_each_step_is_audited(db) -> None:
    sam = _staff(db, "Sam", roles=("supervisor",))
    added = canned.save(db, sam, canned_id=None, team="lawyer", locale="fr",
                        title="  Porter\nplainte ", body="Tu peux porter plainte.\nJe t'explique.")
    assert (added.team, added.title, added.body) == (
        "lawyer", "Porter plainte", "Tu peux porter plainte.\nJe t'explique.")
    edited = canned.save(db, sam, canned_id=added.id, team="all", locale="en",
                         title="Reporting", body="You can report it.")
    assert canned.list_all(db, sam) == [edited]
    canned.delete(db, sam, added.id)
    assert canned.list_all(db, sam) == []
    actions = db.exec(select(AuditEntry.action, AuditEntry.object_id, AuditEntry.detail)
                      .where(AuditEntry.object_type == "canned_response")
                      .order_by(AuditEntry.id)).all()
    assert actions == [("canned.add", str(added.id), "Porter plainte"),
                       ("canned.edit", str(added.id), "Reporting"),
                       ("canned.delete", str(added.id), "Reporting")]


@pytest.mark.parametrize(("fields", "code"), [
    ({"team": "friends"}, "team_invalid"),
    ({"locale": "de"}, "locale_invalid"),
    ({"title": " \u200b\x07 "}, "title_invalid"),
    ({"title": "t" * 81}, "title_invalid"),
    ({"body": ""}, "body_invalid"),
    ({"body": "b" * 2001}, "body_invalid"),
])
def test_bad_input_is_refused_and_nothing_is_written(db, fields, code) -> None:
    sam = _staff(db, "Sam", roles=("supervisor",))
    before = _count(db)
    with _refused(code):
        canned.save(db, sam, canned_id=None, **{"team": "all", "locale": "fr",
                                                "title": "Accueil", "body": "Bonjour", **fields})
    assert _count(db) == before


def test_only_supervisors_keep_the_answers(db) -> None:
    sam, camille = _staff(db, "Sam", roles=("supervisor",)), _staff(db, "Camille")
    kept = canned.save(db, sam, canned_id=None, team="all", locale="fr", title="Accueil",
                       body="Bonjour, je suis là.")
    for call in (lambda: canned.list_all(db, camille),
                 lambda: canned.save(db, camille, canned_id=kept.id, team="all", locale="fr",
                                     title="piégé", body="piégé"),
                 lambda: canned.delete(db, camille, kept.id),
                 lambda: canned.list_all(db, None)):
        with _refused("forbidden"):
            call()
    assert canned.list_all(db, sam) == [kept]
    with _refused("not_found"):
        canned.save(db, sam, canned_id=kept.id + 99, team="all", locale="fr", title="x", body="y")
    with _refused("not_found"):
        canned.delete(db, sam, kept.id + 99)


def test_a_counsellor_gets_the_whole_teams_and_their_specialtys_in_the_language(db) -> None:
    sam = _staff(db, "Sam", roles=("supervisor",))
    for team, locale, title in (("all", "fr", "Accueil"), ("lawyer", "fr", "Plainte"),
                                ("psychologist", "fr", "Respirer"), ("all", "en", "Welcome")):
        canned.save(db, sam, canned_id=None, team=team, locale=locale, title=title, body=title)
    lawyer = _staff(db, "Inès", roles=("specialist",), specialty="lawyer")
    counsellor = _staff(db, "Camille")
    assert [c.title for c in canned.for_console(db, lawyer, "fr")] == ["Accueil", "Plainte"]
    assert [c.title for c in canned.for_console(db, counsellor, "fr")] == ["Accueil"]
    assert [c.title for c in canned.for_console(db, counsellor, "en")] == ["Welcome"]
    with pytest.raises(ChatError, match=r"^forbidden$"):
        canned.for_console(db, _staff(db, "Tom", roles=("takedown_officer",)), "fr")
