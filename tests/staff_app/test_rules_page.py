"""Contenus › the risk rules' test box, called as a supervisor's browser would."""

from helpline.demo import seed_risk_rules
from helpline.identity.sessions import STAFF_COOKIE, open_staff_session
from staff_app.content.state import ContentState
from tests.factories import call_handler
from tests.factories import staff as _staff


def _supervisor_cookie(db) -> str:
    member = _staff(db, "Nadia", roles=("counsellor", "supervisor"))
    token = open_staff_session(db, member.staff_id, max_hours=1)
    db.commit()
    return f"{STAFF_COOKIE}={token}"


def test_the_test_box_names_what_a_sentence_raises(db) -> None:
    seed_risk_rules(db)
    cookie = _supervisor_cookie(db)
    page = call_handler(ContentState, "try_sentence", cookie,
                        [{"sample": "Il m'a dit qu'il allait me tuer"}])
    assert page.tried == "Menaces"
    page = call_handler(ContentState, "try_sentence", cookie, [{"sample": "bonjour"}])
    assert page.tried == "-"


def test_the_test_box_takes_any_text_and_refuses_nothing_else_kindly(db) -> None:
    seed_risk_rules(db)
    cookie = _supervisor_cookie(db)
    page = call_handler(ContentState, "try_sentence", cookie, [{"sample": ["not", "text"]}])
    assert page.tried == "-"
    page = call_handler(ContentState, "try_sentence", cookie,
                        [{"sample": "il sait où j’habite, il me suit jusqu'à chez moi"}])
    assert page.tried == "Infos perso divulguées, Traque"
