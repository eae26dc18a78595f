"""The rows a chat page shows, and how an update brings their marks forward."""

from datetime import UTC, datetime

from helpline.chat import ChatUpdate, MessagePublic
from uikit.chat import merged_rows


def _message(id_: int, sender: str, internal: bool = False) -> MessagePublic:
    return MessagePublic(id=id_, sender=sender, sender_name="", text=f"m{id_}",
                         at=datetime(2026, 3, 10, 12, 0, tzinfo=UTC), internal=internal,
                         delivered=False, read=False, client_msg_id="")


def _marks(rows) -> dict[str, str]:
    return {r["text"]: r["delivered"] + "/" + r["read"] for r in rows}


def test_marks_move_forward_on_this_sides_messages_only() -> None:
    shown = merged_rows([], ChatUpdate(messages=[_message(1, "victim"), _message(2, "staff"),
                                                 _message(3, "victim")], read_up_to=0,
                                       delivered_up_to=0), "victim", full=True)
    assert _marks(shown) == {"m1": "/", "m2": "/", "m3": "/"}  # sent only
    reached = merged_rows(shown, ChatUpdate(messages=[], read_up_to=1, delivered_up_to=3),
                          "victim", full=False)
    assert _marks(reached) == {"m1": "1/1", "m2": "/", "m3": "1/"}  # m2 is theirs
    assert reached[1] is shown[1]  # rows whose marks did not change are kept as they were


def test_internal_notes_never_carry_a_mark_and_unasked_updates_change_nothing() -> None:
    rows = merged_rows([], ChatUpdate(messages=[_message(1, "staff", internal=True),
                                                _message(2, "staff")], read_up_to=2,
                                      delivered_up_to=2), "staff", full=True)
    assert _marks(rows) == {"m1": "/", "m2": "1/1"}
    later = merged_rows(rows, ChatUpdate(messages=[_message(3, "victim")], read_up_to=None),
                        "staff", full=False)
    assert _marks(later) == {"m1": "/", "m2": "1/1", "m3": "/"}
