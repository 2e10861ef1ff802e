"""Helpers the UI tests and the journeys share: reaching an interview in the main window, answering
through it, and judging what a person sees (wholly on the screen, not squeezed, not overlapping).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from intake_app.domain.answers import Answer
from intake_app.services import cases, interviews
from intake_app.ui.interview.interview_page import InterviewPage
from tests.ui.conftest import PLANTED_NAME, call

if TYPE_CHECKING:
    from intake_app.ui.mainwindow import MainWindow
    from intake_app.ui.worker import Worker

TEXT_TYPES = (QLabel, QAbstractButton, QLineEdit)


# --- reaching and answering an interview ---------------------------------------------------------
def planted_case_id(qtbot: QtBot, worker: Worker) -> tuple[int, str]:
    found = call(qtbot, worker, lambda s: cases.list_cases(s, PLANTED_NAME.split()[0]))
    assert len(found) == 1
    return found[0].id, found[0].code


def open_interview(qtbot: QtBot, window: MainWindow, worker: Worker) -> InterviewPage:
    """Open the planted case and start an interview on it (by the button)."""
    case_id, _code = planted_case_id(qtbot, worker)
    window.open_case(case_id)
    area = window.area
    assert area is not None and area.case_view is not None
    view = area.case_view
    qtbot.waitUntil(lambda: view.bundle is not None)
    from tests.ui.conftest import start_interview  # the button, then the start dialog

    page = start_interview(qtbot, window)
    assert isinstance(page, InterviewPage)
    return page


def saved_answers(qtbot: QtBot, worker: Worker, window: MainWindow) -> dict[str, Answer]:
    iv_id = window.location.interview_id
    assert iv_id is not None
    result: dict[str, Answer] = call(qtbot, worker, lambda s: interviews.answers(s, iv_id))
    return result


def answer_until(page: InterviewPage, stop: str, answers: dict[str, Answer]) -> None:
    """Answer as a person would (given answers, else "prefers not to say") up to `stop`."""
    for _ in range(60):
        qid = page.current_question_id()
        if qid == stop or page.at_minor_reminder():
            return
        page.record(answers.get(qid or "", Answer.declined()))
    raise AssertionError(f"never reached {stop}")


def decline_to_the_end(page: InterviewPage) -> None:
    """"Prefers not to say" to everything (past the minor reminder) until the end screen."""
    for _ in range(80):
        if page.at_minor_reminder():
            page.minor_gate.told.click()
        elif page.current_question_id() is None:
            return
        else:
            page.record(Answer.declined())
    raise AssertionError("the interview never ended")


# --- what a person sees ----------------------------------------------------------------------------
def visible_texts() -> list[str]:
    """Every piece of text a person could read on screen right now, across all windows."""
    texts: list[str] = []
    for w in QApplication.allWidgets():
        if not w.isVisible():
            continue
        texts.append(w.windowTitle())
        if isinstance(w, QLabel | QAbstractButton | QLineEdit):
            texts.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            texts.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            texts.append(w.currentText())
        elif isinstance(w, QTableView):
            model = w.model()
            for r in range(model.rowCount()):
                for c in range(model.columnCount()):
                    texts.append(str(model.index(r, c).data() or ""))
    return texts


def where(widget: QWidget) -> str:
    name = widget.accessibleName() or widget.objectName() or text_of(widget)
    return f"{type(widget).__name__} {name[:40]!r}"


def text_of(widget: QWidget) -> str:
    return str(getattr(widget, "text", lambda: "")())


def shows(text: str) -> bool:
    """Whether `text` is readable anywhere on screen now."""
    return any(text in t for t in visible_texts())


def shown(widget: QWidget) -> QRect:
    """The part of `widget` a person can see, in its window's coordinates (empty if none)."""
    if not widget.isVisible():
        return QRect()
    seen = widget.visibleRegion().boundingRect()
    return seen.translated(widget.mapTo(widget.window(), QPoint(0, 0)))


def wholly_shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def layout_problems(window: QWidget, usable: QSize, must_see: list[QWidget]) -> list[str]:
    """What is wrong with `window` given `usable` room: too large, a `must_see` widget not wholly
    in view, a text squeezed or cut off, two texts overlapping."""
    found: list[str] = []
    if window.width() > usable.width() or window.height() > usable.height():
        found.append(f"window {window.width()}x{window.height()} > {usable.width()}x"
                     f"{usable.height()} (minimum {window.minimumSizeHint().toTuple()})")
    found += [f"not wholly in view: {where(w)}" for w in must_see if not wholly_shown(w)]
    texts = [w for w in window.findChildren(QWidget) if isinstance(w, TEXT_TYPES)
             and w.window() is window and text_of(w).strip() and not shown(w).isEmpty()
             and not isinstance(w.parentWidget(), QAbstractItemView)]
    for w in texts:
        if isinstance(w, QLabel) and w.wordWrap():
            if w.height() + 1 < w.heightForWidth(w.width()):
                found.append(f"squeezed: {where(w)} {w.height()} < {w.heightForWidth(w.width())}")
        elif isinstance(w, QLabel | QAbstractButton):
            need = w.minimumSizeHint()
            if w.hasHeightForWidth():
                need.setHeight(w.heightForWidth(w.width()))
            if w.width() + 1 < need.width() or w.height() + 1 < need.height():
                found.append(f"cut off: {where(w)} {w.size().toTuple()} < {need.toTuple()}")
    for a, b in itertools.combinations(texts, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        if shown(a).intersected(shown(b)).width() > 1 and \
                shown(a).intersected(shown(b)).height() > 1:
            found.append(f"overlap: {where(a)} and {where(b)}")
    return found


def shown_windows() -> list[QWidget]:
    """Top-level windows on screen now (tooltips left out: they come and go with the mouse)."""
    return [w for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowType() != Qt.WindowType.ToolTip]


def beyond(top: QWidget, screen: QRect) -> list[str]:
    """Whether `top`'s frame, and every visible widget's visible part, lies wholly inside `screen`
    (global logical pixels): what is not, a person could not see or reach."""
    found: list[str] = []
    # Scaled (200%), a window the window manager fits to the screen in device pixels can round
    # to one logical pixel more: that pixel is on the screen.
    slack = 1 if top.devicePixelRatioF() > 1 else 0
    screen = screen.adjusted(0, 0, slack, slack)
    frame = top.frameGeometry()
    # A window shown a moment ago may not be sized yet (0x0): nothing of it is beyond anything
    # until the window manager maps it; the next check after the step sees its real frame.
    if frame.isEmpty():
        return found
    if not screen.contains(frame):
        found.append(f"window {where(top)} {frame.getRect()} beyond {screen.getRect()}")
    for w in top.findChildren(QWidget):
        if w.window() is not top or not w.isVisible():
            continue
        seen = w.visibleRegion().boundingRect()
        if seen.isEmpty():
            continue
        spot = QRect(w.mapToGlobal(seen.topLeft()), seen.size())
        if not screen.contains(spot):
            found.append(f"{where(w)} at {spot.getRect()} beyond {screen.getRect()}")
    return found


def screen_problems(must_see: list[QWidget] | None = None) -> list[str]:
    """For every shown window, on the screen it is on: all of it inside the screen, `must_see`
    widgets wholly in view, no text squeezed, cut off or overlapping."""
    found: list[str] = []
    for top in shown_windows():
        area = top.screen().availableGeometry()
        found += beyond(top, area)
        found += layout_problems(top, area.size(), [w for w in must_see or [] if w.window() is top])
    return found
