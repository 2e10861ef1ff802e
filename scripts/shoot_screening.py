"""The screening result at the end of the indicator screening, shot from the real window:
`python scripts/shoot_screening.py [OUTDIR]` writes screening-result.LANG.png (1280x720) and
screening-result-200pct.LANG.png (1440x900 at 200%) into OUTDIR (default docs/screenshots), and
screening-result-topics*.LANG.png scrolled to the indicators where they are below the fold.

The same set-up as scripts/shoot.py (a private Xvfb + openbox per screen size, the app as a
child on a throw-away data folder, driven through the window system). The synthetic person is
16, says sex was exchanged for something of value and someone else kept the money, and that
someone keeps their papers; every other question is declined. So the result shows possible sex
and labour trafficking, the under-18 rule, the indicators by topic and the reporting reminder.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from shoot import (  # noqa: E402
    PASSPHRASE,
    USER,
    Shooter,
    _data_folder,
    _scroll_to,
    main_for,
)


def walk(drive: object, shoot: Shooter, language: str) -> None:
    from intake_app.domain.protocol import load_shipped
    from intake_app.ui import i18n
    from intake_app.ui.interview.interview_page import InterviewPage
    from tests.journeys.driver import DECLINE, Driver, Give

    assert isinstance(drive, Driver)
    window = drive.window
    if i18n.current_language() != language:
        drive.switch_language_on_lock_screen()
        drive.wait_until(lambda: i18n.current_language() == language, language)
    drive.unlock(USER, PASSPHRASE)
    drive.new_case()
    area = window.area
    assert area is not None and area.case_view is not None
    drive.click(area.case_view.start_interview)
    flow = window.interviews
    drive.wait_until(lambda: flow.start_dialog is not None and flow.start_dialog.isVisible(),
                     "the start dialog")
    dialog = flow.start_dialog
    assert dialog is not None
    dialog.protocol.setCurrentIndex(dialog.protocol.findData("indicator_screening"))
    drive.click(dialog.start_button)
    drive.wait_until(lambda: isinstance(area.interview, InterviewPage), "the interview")
    page = area.interview
    assert isinstance(page, InterviewPage)
    screening = load_shipped()["indicator_screening"]
    answers = {q.id: DECLINE for q in screening.questions}
    answers |= {"current_age": Give(text="16"), "sex_exchanged": Give(options=("yes",)),
                "sex_exchange_how": Give(options=("someone_kept_money",)),
                "documents_held": Give(options=("yes",))}
    drive.answer_to_the_end(page, answers, by_mouse=True)
    drive.settle()
    shoot("screening-result", language)
    labels = page.end_screen.topic_labels
    if labels and not labels[-1].visibleRegion().boundingRect().height() >= labels[-1].height():
        _scroll_to(labels[-1])  # at 200% the topics are below the fold: shot as one scrolls
        shoot("screening-result-topics", language)
    drive.shortcut("quick_exit")  # back to the lock screen for the next language
    drive.wait_until(lambda: window.is_locked, "the lock screen")


if __name__ == "__main__":
    sys.exit(main_for(__file__, sys.argv, "shoot_screening", _data_folder, lambda _scale: walk))
