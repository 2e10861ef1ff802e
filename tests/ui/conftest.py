"""UI fixtures: real widgets offscreen, a real encrypted data folder per test, one worker thread."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from intake_app.domain.case import Identity, Role
from intake_app.services import cases
from intake_app.services.session import Workspace, add_user
from intake_app.storage.kdf import KdfParams
from intake_app.threads import clear_gui_thread, mark_gui_thread
from intake_app.ui import i18n
from intake_app.ui.app import pin_interpreter_singletons
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker

USER = "ana"
ADMIN_USER = "admin"
OFFICER_USER = "omar"  # a police officer of the task force (the officer's interview guide)
PASSPHRASE = "correct horse battery staple"
PLANTED_NAME = "Zorvelina Plantado"  # a made-up preferred name no screen may show while locked
PLANTED_LEGAL = "Quimbra Legalname"


pin_interpreter_singletons()  # PySide6 6.12 on Python 3.11 over-releases None: see ui/app.py


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Set up once per run (KDF + migrations are the slow part): an administrator, an advocate
    and an officer; three cases."""
    root = tmp_path_factory.mktemp("template") / "data"
    # As a shelter sets up: an administrator first, who adds the advocate the tests work as.
    admin, _code = Workspace(root).set_up(ADMIN_USER, PASSPHRASE, Role.ADMIN,
                                          kdf=KdfParams.for_tests())
    try:
        add_user(admin, USER, PASSPHRASE, Role.ADVOCATE)
        add_user(admin, OFFICER_USER, PASSPHRASE, Role.OFFICER)
    finally:
        admin.close()
    session = Workspace(root).unlock(USER, PASSPHRASE)
    try:
        planted = cases.create_case(session, PLANTED_NAME, "es")
        cases.update_identity(session, planted.id, Identity(legal_name=PLANTED_LEGAL))
        cases.create_case(session)
        cases.create_case(session, is_demo=True)
    finally:
        session.close()
    return root


@pytest.fixture
def data_dir(template_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(template_dir, target)
    return target


@pytest.fixture(scope="module", autouse=True)
def collect_on_gui_thread(qapp: Any) -> Iterator[None]:
    """As the app does (ui/gc_guard.py): no cycle collection on the database worker."""
    from intake_app.ui.gc_guard import GuiThreadCollector

    collector = GuiThreadCollector(qapp)
    yield
    collector.stop()


@pytest.fixture(autouse=True)
def gui_thread_marked(qapp: Any) -> Iterator[None]:
    """The services refuse to run here from now on: the UI must go through the worker."""
    from intake_app.ui import theme

    theme.apply(qapp)
    mark_gui_thread()
    yield
    clear_gui_thread()
    i18n.set_language("en")
    qapp.processEvents()
    leaked = [t.name for t in threading.enumerate() if t.name == "intake-db"]
    assert not leaked, f"worker threads left running: {leaked}"


@pytest.fixture
def worker() -> Iterator[Worker]:
    w = Worker()
    yield w
    w.shutdown()


@pytest.fixture
def make_window(qtbot: QtBot, worker: Worker) -> Iterator[Callable[..., MainWindow]]:
    made: list[MainWindow] = []

    def make(data_dir: Path, *, shown: bool = True, **kwargs: Any) -> MainWindow:
        """The main window, shown and exposed (or, with shown=False, still to be placed)."""
        window = MainWindow(data_dir, worker, kdf=KdfParams.for_tests(), **kwargs)
        qtbot.addWidget(window)
        made.append(window)
        if shown:
            window.show()
            qtbot.waitExposed(window)
        return window

    yield make
    for window in made:
        window.lock()
        window.idle.remove()


def unlock(qtbot: QtBot, window: MainWindow, user: str = USER, passphrase: str = PASSPHRASE) -> None:
    page = window.unlock_page
    page.username.setText(user)
    page.passphrase.setText(passphrase)
    page.button.click()
    qtbot.waitUntil(lambda: not window.is_locked, timeout=10_000)
    area = window.area
    assert area is not None
    qtbot.waitUntil(lambda: area.case_list.model.rowCount() > 0 or area.case_list.empty.isVisible())


def call(qtbot: QtBot, worker: Worker, fn: Callable[[Any], Any]) -> Any:
    """Run a service call through the worker and wait for its result (tests' way to look)."""
    box: list[Any] = []
    worker.run(fn, box.append, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def answer_start_dialog(qtbot: QtBot, window: MainWindow, protocol: str | None = None,
                        language: str | None = None) -> Any:
    """Answer the start dialog (a guide and a language; Enter keeps the defaults) and wait for
    the interview page; returns it."""
    from PySide6.QtCore import Qt

    from intake_app.ui.interview.interview_page import InterviewPage

    flow = window.interviews
    qtbot.waitUntil(lambda: flow.start_dialog is not None and flow.start_dialog.isVisible())
    dialog = flow.start_dialog
    assert dialog is not None
    if protocol is not None:
        dialog.protocol.setCurrentIndex(dialog.protocol.findData(protocol))
    if language is not None:
        dialog.language.setCurrentIndex(dialog.language.findData(language))
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    area = window.area
    assert area is not None
    qtbot.waitUntil(lambda: isinstance(area.interview, InterviewPage))
    return area.interview


def start_interview(qtbot: QtBot, window: MainWindow, protocol: str | None = None,
                    language: str | None = None) -> Any:
    """Press Start interview on the open case page and answer the start dialog."""
    area = window.area
    assert area is not None and area.case_view is not None
    area.case_view.start_interview.click()
    return answer_start_dialog(qtbot, window, protocol, language)
