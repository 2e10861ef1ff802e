"""Start the desktop app: QApplication, theme, language, the worker and the main window.

The unlock screen is what a person waits for, so everything before its first paint is kept to
what it shows (bench/bench_ui.py measures it beside an empty PySide6 window): this module and
the ones it imports at the top load no service, storage, interview or sync code, and touch no
`Qt` enum namespace. The rest follows the paint: the window's other parts
(MainWindow.build_deferred), the checkbox painting of the theme, and, on the worker, the
database layer the unlock will need.
"""

from __future__ import annotations

# Before PySide6: once loaded, it reads the source of every module imported after it (looking
# for `from __feature__ import`); these two stdlib modules are big and needed before the paint.
import dataclasses  # noqa: F401
import os
import queue  # noqa: F401
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from intake_app.folder_lock import AlreadyOpen, instance_lock
from intake_app.threads import mark_gui_thread
from intake_app.ui import i18n, theme
from intake_app.ui.gc_guard import GuiThreadCollector
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker

# Hidden switch for bench/bench_ui.py and the start-up tests: say on stdout when the first paint
# happened and when the rest was built (time.perf_counter(), the system's monotonic clock, so
# the bench can subtract the moment it started the process), then quit.
EXIT_AFTER_FIRST_PAINT = "INTAKE_EXIT_AFTER_FIRST_PAINT"


class _FirstPaint(QObject):
    """Notices the main window's first paint; then finishes the start, or quits for the bench."""

    def __init__(self, window: MainWindow, exit_after: bool) -> None:
        super().__init__(window)
        self._exit_after = exit_after
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            if self._exit_after:
                current = self._window.pages.currentWidget()
                page = current.objectName() if current is not None else ""
                sys.stdout.write(f"first-paint {page} {time.perf_counter():.6f}\n")
                sys.stdout.flush()
            QTimer.singleShot(0, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        self._window.build_deferred()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app)  # now with the painted checkbox and radio indicators
        if self._exit_after:
            sys.stdout.write(f"ready {time.perf_counter():.6f}\n")
            sys.stdout.flush()
            QTimer.singleShot(0, QApplication.quit)
        else:
            # The person is typing a passphrase now: load the database layer meanwhile.
            self._window.worker.call(_warm_imports)


def pin_interpreter_singletons() -> None:
    """Work around PySide6 6.12 on Python 3.11 dropping a reference to None/True/False.

    Measured here: every Python override Qt calls (data() returning None, changeEvent, an
    eventFilter returning False) decrements the returned singleton's refcount once too often;
    after some tens of thousands of calls the interpreter aborts with "none_dealloc" (seen in
    bench_ui after 40 searches). Python 3.12+ makes these objects immortal, so the bug is
    harmless there; on 3.11 we give them a refcount that cannot run out.
    """
    if sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


def _warm_imports() -> None:
    import intake_app.services.cases
    import intake_app.services.session  # noqa: F401


def run(data_dir: Path) -> int:
    """The `intake` command without a subcommand."""
    pin_interpreter_singletons()
    # Fusion on every system (the theme's indicators are drawn over it), chosen by Qt's own
    # option: setStyle() would load the QStyle bindings (~5 ms) before the first paint.
    app = QApplication.instance() or QApplication([*sys.argv[:1], "-style", "Fusion"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Field Intake")
    app.setDesktopFileName("field-intake")
    mark_gui_thread()
    collector = GuiThreadCollector(app)  # noqa: F841 - lives as long as the application
    theme.apply(app, indicators=False)  # the lock screen has none; they follow its first paint
    i18n.set_language(i18n.load_saved_language(data_dir))
    try:
        instance = instance_lock(data_dir)  # one window per data folder, held until exit
    except AlreadyOpen as exc:
        return _say_already_open(exc)
    worker = Worker()
    window = MainWindow(data_dir, worker)
    _FirstPaint(window, exit_after=os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1")
    window.show()
    try:
        return app.exec()
    finally:
        if window.is_built:
            window.idle.remove()
        worker.shutdown()
        instance.release()


def _say_already_open(exc: AlreadyOpen) -> int:
    """A second copy on the same data folder: say so, in the person's language, and stop."""
    from PySide6.QtWidgets import QMessageBox

    text = i18n.error_text(exc)
    sys.stderr.write(f"intake: {exc.message}\n")
    if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
        sys.stdout.write("first-paint alreadyOpen\n")
        return 1
    box = QMessageBox(QMessageBox.Icon.Information, i18n.tr("MainWindow", "Field Intake"), text)
    box.exec()
    return 1
