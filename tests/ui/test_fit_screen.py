"""Every screen fits a 1280x720 screen at 100% and a 1440x900 screen at 200% (720x450 logical).

The window is given the screen's available geometry less a window-manager frame, and must keep
that size (a layout that needs more makes Qt grow the window past the screen). Then, as a person
would look: the answer buttons and Lock are wholly in view, no text is squeezed below the height
its wrapped lines need, and no two texts overlap. Sizes are checked against explicit screens, so
the test means the same offscreen and under a real X server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import load_shipped
from intake_app.ui import fit, i18n
from intake_app.ui.interview.consent_dialog import ConsentDialog
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.wrap_buttons import WrapCheckBox
from tests.ui.conftest import unlock
from tests.ui.helpers import layout_problems

# (available geometry in logical pixels, as Qt reports it) for the two laptops in the issue.
SCREENS = {"1280x720@100%": QRect(0, 0, 1280, 720), "1440x900@200%": QRect(0, 0, 720, 450)}
LANGUAGES = ("en", "es")


class StillClock:
    def now(self) -> float:
        return 1000.0


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def screen(request: pytest.FixtureRequest) -> QRect:
    return SCREENS[request.param]


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    QApplication.processEvents()
    yield request.param
    i18n.set_language("en")


def _settle(qtbot: QtBot) -> None:
    for _ in range(3):
        QApplication.processEvents()
    qtbot.wait(1)


def _window_on(qtbot: QtBot, make_window: Callable[..., MainWindow], folder: Path, screen: QRect
               ) -> MainWindow:
    """The main window shown at the size of `screen`'s usable area, never maximized: a window
    manager answers an un-maximize asynchronously (restoring an old size in between), so a
    window it has maximized on the real screen cannot be given this test's screen reliably."""
    window = make_window(folder, shown=False)
    window.setWindowState(Qt.WindowState.WindowNoState)  # this test's screen, not the real one
    window.resize(fit.usable_area(screen).size())
    window.show()
    qtbot.waitExposed(window)
    return window


def _place(qtbot: QtBot, window: QWidget, screen: QRect) -> QSize:
    """Give `window` the whole usable area of `screen`, as a maximized window gets it."""
    usable = fit.usable_area(screen).size()
    assert not window.isMaximized()  # see _window_on
    _settle(qtbot)
    window.resize(usable)
    # A layout that needs more than the screen makes Qt keep the window larger: wait for the size
    # to settle either way, then judge it.
    qtbot.waitUntil(lambda: window.size() == usable or window.size() == window.minimumSize()
                    or window.minimumSize().expandedTo(usable) == window.size(), timeout=2000)
    _settle(qtbot)
    return usable


def _check(qtbot: QtBot, window: QWidget, screen: QRect, must_see: Callable[[], list[QWidget]]
           ) -> None:
    usable = _place(qtbot, window, screen)
    problems = layout_problems(window, usable, must_see())
    assert not problems, "\n".join(problems)


def _lock_button(window: MainWindow) -> QWidget:
    widget = window.toolbar.widgetForAction(window.actions_["lock"])
    assert widget is not None
    return widget


# --- the screens ---------------------------------------------------------------------------------
def test_first_run_and_recovery_code_fit(qtbot, make_window, tmp_path: Path, screen, language):
    window = _window_on(qtbot, make_window, tmp_path / "fresh", screen)
    page = window.first_run
    assert page is not None
    _check(qtbot, window, screen, lambda: [page.username])
    page.show_recovery_code("K85KD-FK1TT-B06RJ-TCASV-EVFSS")
    page.written.setFocus()
    _check(qtbot, window, screen, lambda: [page.written, page.code])


def test_case_list_and_case_view_fit(qtbot, make_window, data_dir: Path, screen, language):
    window = _window_on(qtbot, make_window, data_dir, screen)
    unlock(qtbot, window)
    area = window.area
    assert area is not None
    _check(qtbot, window, screen, lambda: [_lock_button(window), area.case_list.search])
    first = area.case_list.model.case_at(0)
    assert first is not None
    window.open_case(first.id)
    qtbot.waitUntil(lambda: area.case_view is not None and area.case_view.bundle is not None)
    view = area.case_view
    assert view is not None
    _check(qtbot, window, screen, lambda: [_lock_button(window), view.back, view.start_interview])
    from intake_app.ui.caseview import TAB_FILES

    view.tabs.setCurrentIndex(TAB_FILES)  # the widest tab row, and the newest tab
    _check(qtbot, window, screen, lambda: [view.tabs.tabBar()])
    page = view.findChild(QScrollArea)
    assert page is not None
    page.ensureWidgetVisible(view.files_tab.add_button)  # as a person scrolls down to it
    _check(qtbot, window, screen, lambda: [view.files_tab.add_button])


@pytest.mark.parametrize(("protocol_id", "role", "section"), [
    ("advocate_intake", "advocate", None),
    ("advocate_intake", "advocate", "immediate_needs"),
    ("advocate_intake", "advocate", "services"),
    ("officer_victim_interview", "officer", None),
    ("officer_victim_interview", "officer", "your_account"),
])
@pytest.mark.parametrize("note", [False, True], ids=["", "note open"])
def test_interview_fits_with_its_buttons_in_view(
    qtbot, make_window, data_dir: Path, screen, language, protocol_id, role, section, note,
):
    window = _window_on(qtbot, make_window, data_dir, screen)
    unlock(qtbot, window)
    assert window.area is not None
    page = InterviewPage(load_shipped()[protocol_id], language, role, {}, StillClock(),
                         ui_language=language, today=date(2026, 11, 23))
    window.area.show_interview(page)
    if section is not None:
        page.go_to_section(section)
    page.note_button.setChecked(note)
    p = page.panel

    def must_see() -> list[QWidget]:
        shown = [p.declined, p.not_now, p.unknown, p.previous, p.save, p.next,
                 _lock_button(window), page.note_button]
        return shown + ([page.note] if note else [])

    _check(qtbot, window, screen, must_see)
    assert p.body_scroll.isVisible()


def test_break_and_end_screens_fit(qtbot, make_window, data_dir: Path, screen, language):
    window = _window_on(qtbot, make_window, data_dir, screen)
    unlock(qtbot, window)
    assert window.area is not None
    protocol = load_shipped()["advocate_intake"]
    page = InterviewPage(protocol, language, "advocate", {}, StillClock(), ui_language=language)
    window.area.show_interview(page)
    page.start_break()
    _check(qtbot, window, screen, lambda: [page.break_screen.resume_button])
    page.end_break()
    done = {q.id: Answer.declined() for q in protocol.questions}
    finished = InterviewPage(protocol, language, "advocate", done, StillClock(),
                             ui_language=language, today=date(2026, 11, 23))
    window.area.show_interview(finished)
    assert finished.stack.currentWidget() is finished.end_screen
    _check(qtbot, window, screen, lambda: [_lock_button(window)])


@pytest.mark.parametrize("partners", [
    [("casa", "Casa Esperanza Shelter"), ("sheriff", "County Sheriff's Office")],
    [],  # the long "no partner agencies yet" placeholder
    [("long", "Regional Multi-Agency Anti-Trafficking Task Force, Victim Services Unit")],
], ids=["partners", "none", "long name"])
def test_consent_dialog_fits_with_its_buttons_in_view(qtbot, screen, language, partners):
    dialog = ConsentDialog(42, partners, language, today=date(2026, 11, 23))
    qtbot.addWidget(dialog)
    # Sized before it is shown: a window manager busy mapping it may answer a resize made just
    # after the show with the size it mapped (seen on a loaded machine).
    dialog.resize(fit.usable_area(screen).size())
    dialog.show()
    qtbot.waitExposed(dialog)
    _check(qtbot, dialog, screen, lambda: [dialog.ok_button, dialog.print_button])


def test_a_long_option_wraps_and_its_second_line_ticks_it(qtbot):
    holder = QWidget()
    layout = QVBoxLayout(holder)
    box = WrapCheckBox("Someone to talk to about how I feel, in my own language, when I need it")
    layout.addWidget(box)
    qtbot.addWidget(holder)
    holder.resize(260, 300)
    holder.show()
    qtbot.waitExposed(holder)
    line = box.fontMetrics().height()
    assert box.height() >= 2 * line  # wrapped, not cut off, and no wider than the window
    assert box.width() <= holder.width()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() // 2, box.height() - 4))
    assert box.isChecked()


# --- sizing the window from the screen ------------------------------------------------------------
@pytest.mark.parametrize("available", [*SCREENS.values(), QRect(0, 0, 1920, 1080)],
                         ids=[*SCREENS, "1920x1080"])
def test_window_size_follows_the_available_geometry(available: QRect):
    size = fit.fitted_size(fit.PREFERRED, available)
    framed = QRect(QPoint(0, 0), size).marginsAdded(fit.FRAME_GUESS)
    assert framed.width() <= available.width() and framed.height() <= available.height()
    if available.width() >= 1200 and available.height() >= 900:
        assert size == fit.PREFERRED  # a roomy screen gets the roomy window, not all of it


def test_the_main_window_opens_within_its_screen(qtbot, make_window, tmp_path: Path):
    window = make_window(tmp_path / "fresh")
    available = window.screen().availableGeometry()
    assert available.contains(window.frameGeometry()), (
        f"{window.frameGeometry()} outside {available}"
    )


@pytest.mark.parametrize("user", ["admin", "ana"])
def test_lock_and_quick_exit_stay_in_view_and_the_dropped_buttons_keys_still_work(
    qtbot, make_window, data_dir: Path, screen, language, user
):
    """The widest toolbar (an administrator's, in Spanish) at 200%: buttons with keys of their
    own are dropped until Lock and Quick exit are wholly in view, and F1 still opens the list."""
    from PySide6.QtWidgets import QDialog

    window = _window_on(qtbot, make_window, data_dir, screen)
    unlock(qtbot, window, user)
    _check(qtbot, window, screen, lambda: [_lock_button(window), window.quick_exit_button])
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(isinstance(w, QDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))


def test_reports_and_its_caseload_tab_fit(qtbot, make_window, data_dir: Path, screen, language):
    """The period row wraps instead of making the window wider than the screen (it did at 200%),
    on both tabs: a tab widget is as wide as its widest page."""
    from intake_app.ui.reports.page import ReportsPage

    window = _window_on(qtbot, make_window, data_dir, screen)
    unlock(qtbot, window, "admin")
    window.show_reports()
    page = window.area.admin if window.area is not None else None
    assert isinstance(page, ReportsPage)
    _check(qtbot, window, screen, lambda: [_lock_button(window), window.quick_exit_button,
                                           page.run_button])
    window.show_caseload()
    qtbot.waitUntil(lambda: page.caseload.overview is not None, timeout=20_000)
    _check(qtbot, window, screen, lambda: [_lock_button(window), window.quick_exit_button,
                                           page.caseload.refresh_button])


@pytest.mark.parametrize("state", ["preview", "refused", "installed"])
def test_the_protocols_tab_fits_with_its_buttons_in_view(
    qtbot, make_window, data_dir: Path, screen, language, state
):
    """Agency > Protocols with a spreadsheet form previewed (its language gaps too), refused (the
    longest words) or just installed (the next step and its button). The Agency page is as
    large as the tab shown, not its largest (the Policy tab is wider than 720 at 200%)."""
    from intake_app.ui.admin.page import AdminPage

    forms = Path(__file__).resolve().parents[1] / "data" / "xlsforms"
    window = _window_on(qtbot, make_window, data_dir, screen)
    unlock(qtbot, window, "admin")
    window.show_agency()
    page = window.area.admin if window.area is not None else None
    assert isinstance(page, AdminPage)
    page.tabs.setCurrentWidget(page.protocols)
    tab = page.protocols
    qtbot.waitUntil(lambda: bool(tab.rows), timeout=10_000)
    tab.check_file(forms / ("no_relevant_order.xlsx" if state == "refused" else "ok_metadata.xlsx"))
    qtbot.waitUntil(lambda: tab.preview.isVisible() or tab.error.isVisible(), timeout=20_000)
    shown = [_lock_button(window), tab.import_button]
    if state == "preview":
        shown += [tab.install_button, tab.cancel_button]
    if state == "installed":
        tab.install_button.click()
        qtbot.waitUntil(tab.status.isVisible, timeout=20_000)
        shown.append(tab.policy_button)
    _check(qtbot, window, screen, lambda: shown)
