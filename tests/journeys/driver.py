"""Drives the real, shown main window as an interviewer does, and says what went wrong on screen.

Clicks go to the spot where the button is seen, through the window (so a widget lying over it
takes the click, as it would under a finger); keys go to whichever window has the keyboard now
(QGuiApplication.focusWindow(), or the X server's focus with xdotool), never to a widget picked
by the test. Every step waits on what the screen shows next, never on a guessed delay.

No pytest here: the journeys, the 200% child process and scripts/shoot.py all use it.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea, QWidget

from intake_app.domain.protocol import AnswerType, Question
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.shortcuts import keys_for
from tests.ui.helpers import screen_problems, where, wholly_shown

if TYPE_CHECKING:
    from intake_app.ui.caseview import CaseView
    from intake_app.ui.mainwindow import MainWindow

TIMEOUT_S = 30.0  # a bound for a busy 2-core machine; steps end as soon as the screen says so
CHOICE_TYPES = (AnswerType.SINGLE_CHOICE, AnswerType.AGE_RANGE, AnswerType.YES_NO)


@dataclass(frozen=True, slots=True)
class Give:
    """What the person answers to one question: a text, option ids, or one of the ways out
    ("declined", "not_now", "unknown")."""

    text: str | None = None
    options: tuple[str, ...] = ()
    way_out: str | None = None


DECLINE = Give(way_out="declined")


def default_answer(question: Question) -> Give:
    """A plain answer of the question's type (synthetic: no real person's words)."""
    t = question.type
    if t in CHOICE_TYPES:
        return Give(options=("yes",) if t is AnswerType.YES_NO else (question.options[0].id,))
    if t is AnswerType.MULTIPLE_CHOICE:
        return Give(options=tuple(o.id for o in question.options[:2]))
    return Give(text={
        AnswerType.DATE: "1990-05", AnswerType.NUMBER: "29", AnswerType.LANGUAGE: "Spanish",
        AnswerType.LONG_TEXT: "Synthetic answer for a test: nothing here is real.",
    }.get(t, "Demo Rosa"))


_XDOTOOL_KEYS = {"Esc": "Escape", "Return": "Return", "Enter": "KP_Enter", "Left": "Left",
                 "Right": "Right", "Tab": "Tab", "Space": "space", "Down": "Down", "Up": "Up"}


def xdotool_keys(sequence: str) -> list[str]:
    """QKeySequence text ("Ctrl+Return", "Esc, Esc") as xdotool key names ("ctrl+Return")."""
    chords = []
    for chord in sequence.split(", "):
        *mods, key = chord.split("+")
        name = _XDOTOOL_KEYS.get(key, key if len(key) > 1 else key.lower())
        chords.append("+".join([*(m.lower() for m in mods), name]))
    return chords


class Driver:
    """Hands and eyes on one MainWindow. `keys`: "qtest" (Qt's own input path, through the
    window that has focus) or "xdotool" (real X events through the X server and window
    manager). `check_screens`: after every step, record what does not fit the screen."""

    def __init__(self, window: MainWindow, *, keys: str = "qtest", check_screens: bool = True,
                 timeout: float = TIMEOUT_S) -> None:
        self.window = window
        self.keys_via = keys
        self.check_screens = check_screens
        self.timeout = timeout
        self.problems: list[str] = []  # "where: what", gathered over the whole journey
        self.scrolled: list[str] = []  # widgets a person had to scroll to before clicking
        self.steps = 0

    # --- waiting ---------------------------------------------------------------------------------
    def wait_until(self, done: Callable[[], object], what: str) -> None:
        deadline = time.monotonic() + self.timeout
        while not done():
            if time.monotonic() > deadline:
                focus = QApplication.focusWidget()
                raise AssertionError(f"the screen never showed: {what} (keyboard focus: "
                                     f"{where(focus) if focus else None}, in window "
                                     f"{QGuiApplication.focusWindow()})")
            QTest.qWait(10)  # runs the event loop meanwhile

    def settle(self) -> None:
        """Until the database worker is idle and every answer is saved, then a few more rounds
        of events: whatever would happen next has happened."""
        w = self.window
        self.wait_until(lambda: not w.worker.is_busy and w.interviews.autosave.pending == 0,
                        "everything saved")
        for _ in range(5):
            QApplication.processEvents()
        self.wait_until(lambda: not w.worker.is_busy, "the worker idle")

    def look(self, step: str, must_see: Iterable[QWidget] = ()) -> None:
        """Note what a person could not see whole on the screen now."""
        self.steps += 1
        if self.check_screens:
            for _ in range(3):  # a changed text relays out its row, then the row's parent
                QApplication.processEvents()
            self.problems += [f"{step}: {p}" for p in screen_problems(list(must_see))]

    # --- hands -----------------------------------------------------------------------------------
    def click(self, widget: QWidget) -> None:
        self.wait_until(lambda: widget.isVisible() and widget.isEnabled(),
                        f"{where(widget)} to click")
        if not wholly_shown(widget):
            self._scroll_to(widget)
        assert wholly_shown(widget), (
            f"{where(widget)} is not wholly in view to click: {widget.size().toTuple()}, "
            f"shown {widget.visibleRegion().boundingRect().getRect()}")
        top = widget.window()
        handle = top.windowHandle()
        assert handle is not None
        spot = widget.mapTo(top, widget.rect().center())
        under = top.childAt(spot)
        assert under is not None and (under is widget or widget.isAncestorOf(under)), (
            f"a click on {where(widget)} would land on {where(under) if under else 'nothing'}")
        QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, spot)

    def _scroll_to(self, widget: QWidget) -> None:
        """Scroll the enclosing area until `widget` is in view, as a person scrolls to an
        option below the fold (noted in `scrolled`: a measure of how much fits at once)."""
        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            self.scrolled.append(where(widget))
            area = parent

            def in_view() -> bool:  # the page may still be laying out: scroll again until so
                area.ensureWidgetVisible(widget, 0, 0)
                QApplication.processEvents()
                return wholly_shown(widget)

            self.wait_until(in_view, f"{where(widget)} scrolled into view")

    def key(self, sequence: str) -> None:
        """Press `sequence` (QKeySequence text) on whichever window has the keyboard."""
        if self.keys_via == "xdotool":
            subprocess.run(["xdotool", "key", "--delay", "30", *xdotool_keys(sequence)],
                           check=True, timeout=60)
            return
        self.wait_until(QGuiApplication.focusWindow, "a window with the keyboard")
        target = QGuiApplication.focusWindow()
        assert target is not None
        QTest.keySequence(target, QKeySequence(sequence))

    def shortcut(self, action: str) -> None:
        self.key(keys_for(action))

    def type(self, text: str) -> None:
        """Type `text` into whatever has the keyboard focus."""
        if self.keys_via == "xdotool":
            subprocess.run(["xdotool", "type", "--delay", "15", "--", text], check=True,
                           timeout=60)
            return
        focus = QApplication.focusWidget()
        assert focus is not None, "nothing has the keyboard focus to type into"
        for ch in text:
            if ch.isascii():
                QTest.keyClicks(focus, ch)
            else:  # QTest maps only ASCII to keys; the text is what a field reads
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(focus, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                            Qt.KeyboardModifier.NoModifier, ch))

    # --- the lock screen and the cases -----------------------------------------------------------
    def unlock(self, user: str, passphrase: str, *, by_mouse: bool = True) -> None:
        w = self.window
        page = w.unlock_page
        self.wait_until(lambda: page.isVisible() and page.username.isEnabled(), "the lock screen")
        self.look("lock screen", [page.button])
        if by_mouse:
            self.click(page.username)
        self.wait_until(lambda: QApplication.focusWidget() is page.username,
                        "the keyboard on the user name")
        if page.username.text():  # the last user's name stays: type over it
            self.key("Ctrl+A")
        self.type(user)
        self.key("Tab")
        self.wait_until(lambda: QApplication.focusWidget() is page.passphrase,
                        "the keyboard on the passphrase")
        self.type(passphrase)
        if by_mouse:
            self.click(page.button)
        else:
            self.key("Return")
        self.wait_until(lambda: not w.is_locked, "the cases after unlock")
        area = w.area
        assert area is not None
        self.wait_until(lambda: area.case_list.model.rowCount() > 0, "the case list")
        self.look("case list", [self.lock_button(), w.quick_exit_button])

    def switch_language_on_lock_screen(self) -> None:
        self.click(self.window.unlock_page.language)

    def lock_button(self) -> QWidget:
        w = self.window
        button = w.toolbar.widgetForAction(w.actions_["lock"])
        assert button is not None
        return button

    def new_case(self) -> CaseView:
        """Ctrl+N: a case with no field at all, opened."""
        w = self.window
        self.shortcut("new_case")
        self.wait_until(lambda: w.area is not None and w.area.case_view is not None
                        and w.area.case_view.bundle is not None, "the new case")
        assert w.area is not None and w.area.case_view is not None
        view = w.area.case_view
        self.look("case page", [view.start_interview, self.lock_button()])
        return view

    def start_interview(self, *, by_mouse: bool = True) -> InterviewPage:
        w = self.window
        area = w.area
        assert area is not None and area.case_view is not None
        if by_mouse:
            self.click(area.case_view.start_interview)
        else:
            self.shortcut("start_interview")
        # The start dialog: a guide for this role and a language, both defaulted; Enter starts.
        flow = w.interviews
        self.wait_until(lambda: flow.start_dialog is not None and flow.start_dialog.isVisible(),
                        "the start dialog")
        dialog = flow.start_dialog
        assert dialog is not None
        self.look("start dialog", [dialog.start_button, dialog.cancel_button])
        if by_mouse:
            self.click(dialog.start_button)
        else:
            self.wait_until(dialog.isActiveWindow, "the keyboard in the start dialog")
            self.key("Return")  # the default button: the usual guide, the app's language
        self.wait_until(lambda: isinstance(area.interview, InterviewPage)
                        and area.interview.isVisible(), "the interview")
        page = area.interview
        assert isinstance(page, InterviewPage)
        self.look_at_question(page)
        return page

    # --- the interview ---------------------------------------------------------------------------
    def interview_must_see(self, page: InterviewPage) -> list[QWidget]:
        p = page.panel
        return [p.declined, p.not_now, p.unknown, p.previous, p.save, p.next, page.note_button,
                self.lock_button(), self.window.quick_exit_button]

    def look_at_question(self, page: InterviewPage) -> None:
        qid = page.current_question_id()
        editor = page.panel.editor
        assert editor is not None
        def on_the_answer() -> bool:
            focus = QApplication.focusWidget()
            return focus is not None and editor.isAncestorOf(focus)

        self.wait_until(on_the_answer, f"the keyboard on the answer to {qid}")
        self.look(f"question {qid}", self.interview_must_see(page))

    def give(self, page: InterviewPage, give: Give, *, by_mouse: bool) -> None:
        """Answer the question on screen as `give` says, then wait for what comes next."""
        question = page.panel.editor.question if page.panel.editor else None
        assert question is not None and page.current_question_id() == question.id
        before = page.current_question_id()
        if give.way_out is not None:
            button = {"declined": page.panel.declined, "not_now": page.panel.not_now,
                      "unknown": page.panel.unknown}[give.way_out]
            action = {"declined": "prefers_not_to_say", "not_now": "not_now",
                      "unknown": "does_not_know"}[give.way_out]
            if by_mouse:
                self.click(button)
            else:
                self.shortcut(action)
        else:
            if give.text is not None:
                self.type(give.text)
            for option in give.options:
                self._choose(page, option, by_mouse=by_mouse)
            if by_mouse:
                self.click(page.panel.save)
            else:
                self.shortcut("answer_next")
        self.wait_until(lambda: page.current_question_id() != before or page.at_minor_reminder(),
                        f"what comes after {before}")
        if page.current_question_id() is not None and not page.at_minor_reminder():
            self.look_at_question(page)

    def _choose(self, page: InterviewPage, option: str, *, by_mouse: bool) -> None:
        editor = page.panel.editor
        assert editor is not None
        buttons = [b for b in editor.findChildren(QAbstractButton) if b.property("value")]
        target = next(b for b in buttons if b.property("value") == option)
        if by_mouse:
            self.click(target)
        elif editor.question.type is AnswerType.MULTIPLE_CHOICE:
            # Tab from box to box (the answer comes first in Tab order), Space ticks.
            self.wait_until(lambda: QApplication.focusWidget() in buttons, "focus on a box")
            while QApplication.focusWidget() is not target:
                self._move_focus("Tab")
            self.key("Space")
        else:  # radio buttons: the arrows move and choose; Space chooses the one with focus
            self.wait_until(lambda: QApplication.focusWidget() in buttons, "focus on a choice")
            focus = QApplication.focusWidget()
            assert isinstance(focus, QAbstractButton)
            step = "Down" if buttons.index(target) > buttons.index(focus) else "Up"
            while QApplication.focusWidget() is not target:
                self._move_focus(step)
            self.key("Space")
        self.wait_until(target.isChecked, f"{option} chosen")

    def press_by_tab(self, button: QAbstractButton) -> None:
        """Tab to `button` (at most once round the window), then Space presses it."""
        for _ in range(60):
            if QApplication.focusWidget() is button:
                self.key("Space")
                return
            self._move_focus("Tab")
        raise AssertionError(f"Tab never reaches {where(button)}")

    def _move_focus(self, key: str) -> None:
        before = QApplication.focusWidget()
        self.key(key)
        self.wait_until(lambda: QApplication.focusWidget() is not before, f"focus moved by {key}")

    def answer_to_the_end(self, page: InterviewPage, answers: dict[str, Give], *,
                          by_mouse: bool, on_question: Callable[[str], None] | None = None) -> None:
        """Answer every question (`answers`, else a plain answer of its type) to the end
        screen; at the minor reminder the interviewer tells the person and goes on."""
        for _ in range(80):
            if page.stack.currentWidget() is page.end_screen:
                return
            if page.at_minor_reminder():
                self.look("minor reminder", [page.minor_gate.told])
                if by_mouse:
                    self.click(page.minor_gate.told)
                else:
                    self.press_by_tab(page.minor_gate.told)
                self.wait_until(lambda: not page.at_minor_reminder(), "the question after it")
                self.look_at_question(page)
                continue
            qid = page.current_question_id()
            assert qid is not None
            if on_question is not None:
                on_question(qid)
                if page.current_question_id() != qid:
                    continue
            editor = page.panel.editor
            assert editor is not None
            self.give(page, answers.get(qid, default_answer(editor.question)), by_mouse=by_mouse)
        raise AssertionError("the interview never reached its end screen")
