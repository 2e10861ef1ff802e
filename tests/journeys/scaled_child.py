"""Child process for the 200% journey: the app under QT_SCALE_FACTOR=2 on its own 1440x900 X
screen (720x450 logical pixels), walked through whole interviews by the journey driver.

argv: DATA_DIR PASSPHRASE USER:LANGUAGE... Prints one "problem: ..." line for whatever a person
could not see whole on that screen, then "done <steps>". The parent waits on those lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from intake_app.storage.kdf import KdfParams
from intake_app.threads import mark_gui_thread
from intake_app.ui import i18n, theme
from intake_app.ui.gc_guard import GuiThreadCollector
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker
from tests.journeys.driver import Driver, Give


def walk(drive: Driver, user: str, passphrase: str, language: str) -> None:
    """Unlock, a case, an interview with every screen it has (note, person's screen, break,
    minor reminder, end), then lock."""
    if i18n.current_language() != language:
        drive.switch_language_on_lock_screen()
        drive.wait_until(lambda: i18n.current_language() == language, language)
    drive.unlock(user, passphrase)
    drive.new_case()
    page = drive.start_interview()
    drive.click(page.note_button)
    drive.wait_until(page.note.isVisible, "the note")
    drive.look("note open", [*drive.interview_must_see(page), page.note])
    drive.click(page.note_button)
    drive.click(page.bar.person)
    drive.wait_until(lambda: drive.window.interviews.person_view is not None
                     and drive.window.interviews.person_view.isVisible(), "the person's screen")
    drive.look("person's screen", drive.interview_must_see(page))
    drive.click(page.bar.pause)
    drive.wait_until(page.on_break, "the break")
    drive.look("break", [page.break_screen.resume_button])
    drive.click(page.break_screen.resume_button)
    drive.wait_until(lambda: not page.on_break(), "the interview again")
    drive.answer_to_the_end(page, {"age_range": Give(options=("15_17",))}, by_mouse=True)
    drive.settle()
    drive.look("end screen")  # it scrolls at 200%: its buttons may be below the fold
    drive.shortcut("case_list")  # so the next user starts from the list, not this case
    drive.wait_until(lambda: drive.window.area is not None
                     and drive.window.area.case_view is None, "the case list")
    drive.click(drive.lock_button())
    drive.wait_until(lambda: drive.window.is_locked, "the lock screen")


def main() -> int:
    data_dir, passphrase, walks = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
    app = QApplication([])
    theme.apply(app)
    mark_gui_thread()
    GuiThreadCollector(app)
    worker = Worker()
    window = MainWindow(data_dir, worker, kdf=KdfParams.for_tests())
    window.show()
    QTest.qWaitForWindowExposed(window)
    drive = Driver(window)
    try:
        for spec in walks:
            user, language = spec.split(":")
            walk(drive, user, passphrase, language)
            drive.problems = [f"{user} {language}: {p}" for p in drive.problems]
            for problem in drive.problems:
                print(f"problem: {problem}", flush=True)
            drive.problems = []
    finally:
        window.idle.remove()
        worker.shutdown()
    print(f"done {drive.steps}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
