"""A form with a repeat, in the interview: a copy not yet begun is left out of the section list,
and shows there once the copy before it has an answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import Protocol
from intake_app.domain.protocol.xlsform import import_xlsform
from intake_app.ui.interview.interview_page import InterviewPage

FORM = Path(__file__).resolve().parents[1] / "data" / "xlsforms" / "ok_repeat.xlsx"


class StillClock:
    def now(self) -> float:
        return 100.0


def _listed(page: InterviewPage) -> dict[str, str]:
    """Section id -> the text the interviewer reads, for the sections in the list."""
    items = (page.sections.item(r) for r in range(page.sections.count()))
    return {str(i.data(Qt.ItemDataRole.UserRole)): i.text() for i in items if not i.isHidden()}


def test_a_copy_is_listed_only_once_the_one_before_has_begun(qtbot) -> None:
    protocol: Protocol = import_xlsform(FORM.read_bytes(), FORM.name)
    first = {q.id: Answer.declined() for q in protocol.section("s1").questions}
    page = InterviewPage(protocol, "en", "advocate", first, StillClock(), ui_language="en")
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.current_question_id() == "perp_name_1"
    assert list(_listed(page)) == ["s1", "perp_1", "s2"]

    page.record(Answer.declined())  # a declined name does not begin the copy
    assert list(_listed(page)) == ["s1", "perp_1", "s2"]
    page.record(Answer.of("no"))
    listed = _listed(page)
    assert list(listed) == ["s1", "perp_1", "perp_2", "s2"]
    assert listed["perp_2"] == "Perpetrator (2)\n0 of 2 done"
