"""Show the person's screen of an interview held in French (tests/data's trilingual guide, whose
person_words give the skip line in French), for a screenshot in a real window:
`/work/shared/tools/window-shot -s 1280x720 OUT.png -- .venv/bin/python scripts/show_person_fr.py`
(add `-z 2` for 200%). Synthetic data only; closes after a minute."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from intake_app.domain.pacing import MonotonicClock
from intake_app.domain.protocol import load_protocol
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.person_view import PersonView

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    app = QApplication(sys.argv)
    guide = load_protocol(ROOT / "tests" / "data" / "protocols" / "trilingual_check_in.json")
    page = InterviewPage(guide, "fr", "advocate", {}, MonotonicClock(), ui_language="en",
                         placeholders={"interviewer": "Ana", "agency": "Refugio"})
    view = PersonView("fr")
    view.follow(page)
    view.showMaximized()
    QTimer.singleShot(60_000, app.quit)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
