"""Interviews inside the real main window: the end screen stays, the person's screen lives, answers
wait out a full disk or another program's key change, quick exit, and the auto-lock warning."""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from intake_app.domain.answers import Answer
from intake_app.services import interviews
from intake_app.services.session import Workspace
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.person_view import PersonView
from tests.conftest import fill
from tests.ui.conftest import (
    ADMIN_USER,
    PASSPHRASE,
    PLANTED_LEGAL,
    PLANTED_NAME,
    USER,
    call,
    unlock,
)
from tests.ui.helpers import decline_to_the_end, open_interview, saved_answers

ROOT = Path(__file__).resolve().parents[2]


def test_the_end_screen_stays_and_leads_back_to_the_case(qtbot, make_window, data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    iv_id = window.location.interview_id
    decline_to_the_end(page)
    qtbot.waitUntil(lambda: window.interviews.autosave.pending == 0)
    qtbot.wait(50)  # a jump away would happen here, in the event loop
    assert window.area.interview is page and page.isVisible()
    assert page.stack.currentWidget() is page.end_screen
    assert "No indicators found in the answers given" in page.end_screen.screening_text()
    status = call(qtbot, worker, lambda s: interviews.get_interview(s, iv_id).status)
    assert status == "complete"
    # Reviewing a finished interview and ending for today keeps it complete.
    page.end_screen.review_button.click()
    page.bar.end.click()
    qtbot.waitUntil(lambda: window.area.case_view is not None)
    qtbot.waitUntil(lambda: call(qtbot, worker,
                                 lambda s: interviews.get_interview(s, iv_id).status) == "complete")


def test_back_to_the_case_from_the_end_screen(qtbot, make_window, data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    decline_to_the_end(page)
    page.end_screen.back_button.click()
    qtbot.waitUntil(lambda: window.area.case_view is not None and window.area.case_view.isVisible())


def test_the_persons_screen_opens_stays_and_follows_the_question(qtbot, make_window, data_dir,
                                                                 worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    page.bar.person.click()
    view = window.interviews.person_view
    assert isinstance(view, PersonView)
    qtbot.waitExposed(view)
    qtbot.wait(50)  # a window Python dropped would be gone by now
    assert view.isVisible() and view.isWindow()
    assert view.shown_texts()[0] == page.person_screen()[0]
    page.record(Answer.declined())
    assert view.shown_texts()[0] == page.person_screen()[0]
    shown = " ".join(view.shown_texts())
    assert PLANTED_NAME not in shown and PLANTED_LEGAL not in shown
    page.bar.person.click()  # a second press brings the same window forward, no second one
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, PersonView)] == [view]
    window.lock()
    qtbot.waitUntil(lambda: window.interviews.person_view is None)


def test_quick_exit_with_escape_three_times_shows_a_neutral_lock_screen(qtbot, make_window,
                                                                        data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    assert page.panel.editor is not None
    field = page.panel.editor.input_widget()
    assert field is not None
    for _ in range(3):
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert window.is_locked
    assert window.windowTitle() == "Locked"
    words = " ".join([window.unlock_page.title.text(), window.unlock_page.subtitle.text()]).lower()
    for telling in ("case", "intake", "victim", "traffick", "interview"):
        assert telling not in words
    assert not any(isinstance(w, InterviewPage) and w.isVisible() for w in QApplication.allWidgets())


def test_one_escape_does_not_lock(qtbot, make_window, data_dir, worker):
    window = make_window(data_dir)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    assert page.panel.editor is not None
    field = page.panel.editor.input_widget()
    assert field is not None
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.keyClick(field, Qt.Key.Key_A)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert not window.is_locked


def test_a_minute_before_auto_lock_a_warning_that_any_key_dismisses(qtbot, make_window, data_dir):
    now = [1000.0]
    window = make_window(data_dir, idle_minutes=5, clock=lambda: now[0])
    unlock(qtbot, window)
    now[0] += 4 * 60 + 5
    window.idle.check()
    assert window.lock_warning.isVisible() and "55 seconds" in window.lock_warning.text()
    search = window.area.case_list.search
    QApplication.sendEvent(search, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                             Qt.KeyboardModifier.NoModifier, "a"))
    assert not window.lock_warning.isVisible()
    now[0] += 4 * 60
    window.idle.check()
    assert not window.is_locked
    now[0] += 61
    window.idle.check()
    assert window.is_locked and not window.lock_warning.isVisible()


# --- answers that cannot be saved yet ---------------------------------------------------------
def test_an_answer_survives_a_full_disk_and_is_saved_when_space_returns(
    small_disk, qtbot, make_window, data_dir, worker
):
    folder = small_disk / "data"
    shutil.copytree(data_dir, folder)
    window = make_window(folder)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    queue = window.interviews.autosave
    labels: list[tuple[int, str]] = []
    queue.changed.connect(lambda: labels.append((queue.pending, page.saved.text())))
    ballast = fill(small_disk)
    qid = page.current_question_id()
    assert qid is not None
    page.record(Answer.of("Zorvelina"))
    qtbot.waitUntil(lambda: queue.problem is not None, timeout=20_000)
    assert queue.problem.code == "disk_full"
    assert page.saved.text().startswith("Not saved yet (1 waiting")
    assert "disk is full" in page.saved.text()
    assert "damaged" not in page.saved.text()
    ballast.unlink()
    qtbot.waitUntil(lambda: queue.pending == 0, timeout=60_000)
    assert page.saved.text() == "Saved ✓"
    assert not [text for pending, text in labels if pending and text == "Saved ✓"]
    assert saved_answers(qtbot, worker, window)[qid] == Answer.of("Zorvelina")


def test_answers_keep_saving_while_another_program_rotates_the_keys(
    qtbot, make_window, data_dir, worker, tmp_path
):
    window = make_window(data_dir)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    queue = window.interviews.autosave
    first = page.current_question_id()
    assert first is not None
    page.record(Answer.declined())
    qtbot.waitUntil(lambda: queue.pending == 0)
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    subprocess.run(  # the administrator rotates the data key from the command line
        [sys.executable, "-m", "intake_app", "rekey", "--data-dir", str(data_dir), "--user",
         ADMIN_USER, "--passphrase-file", str(secret)],
        check=True, capture_output=True, cwd=ROOT, timeout=120,
    )
    second = page.current_question_id()
    assert second is not None
    page.record(Answer.of("es"))
    qtbot.waitUntil(lambda: queue.pending == 0, timeout=20_000)
    assert queue.problem is None and page.saved.text() == "Saved ✓"
    iv_id = window.location.interview_id
    assert iv_id is not None
    window.lock()

    def read_with_a_fresh_unlock() -> dict[str, Answer]:  # the new key opens both answers
        reopened = Workspace(data_dir).unlock(USER, PASSPHRASE)
        try:
            return interviews.answers(reopened, iv_id)
        finally:
            reopened.close()

    with ThreadPoolExecutor(1) as pool:  # the services refuse the GUI thread
        saved = pool.submit(read_with_a_fresh_unlock).result(timeout=60)
    assert saved[first] == Answer.declined() and saved[second] == Answer.of("es")


def test_an_answer_that_cannot_be_saved_before_a_lock_waits_for_the_same_user(
    small_disk, qtbot, make_window, data_dir, worker
):
    folder = small_disk / "data"
    shutil.copytree(data_dir, folder)
    window = make_window(folder)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    queue = window.interviews.autosave
    ballast = fill(small_disk)
    qid = page.current_question_id()
    assert qid is not None
    page.record(Answer.unknown())
    qtbot.waitUntil(lambda: queue.problem is not None, timeout=20_000)
    window.lock()
    assert queue.waiting_users == {USER}
    ballast.unlink()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: not queue.waiting_users, timeout=60_000)
    qtbot.waitUntil(lambda: isinstance(window.area.interview, InterviewPage))
    assert saved_answers(qtbot, worker, window)[qid] == Answer.unknown()


def test_quitting_with_answers_not_yet_saved_asks_first_and_keeps_them(
    small_disk, qtbot, make_window, data_dir, worker
):
    folder = small_disk / "data"
    shutil.copytree(data_dir, folder)
    window = make_window(folder)
    unlock(qtbot, window)
    page = open_interview(qtbot, window, worker)
    queue = window.interviews.autosave
    ballast = fill(small_disk)
    page.record(Answer.declined())
    qtbot.waitUntil(lambda: queue.problem is not None, timeout=20_000)
    window.close()
    qtbot.waitUntil(lambda: window.quit_question is not None, timeout=20_000)
    box = window.quit_question
    assert "could not be saved yet" in box.text() and "disk is full" in box.text()
    assert box.defaultButton().text() == "Keep the app open"
    box.defaultButton().click()
    assert window.isVisible() and queue.waiting_count() == 1
    ballast.unlink()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: queue.waiting_count() == 0, timeout=60_000)
