"""Screenshots of the combined task-force table in the real window:
`python scripts/shoot_reports_combined.py [OUTDIR]` writes reports-combined.{en,es}.png
(1280x720) and reports-combined-200pct.{en,es}.png (1440x900 at 200%) into OUTDIR (default
docs/screenshots), the way scripts/shoot.py does (its X servers, its Shooter): a supervisor at
the coordinating agency runs 2026Q3 and chooses the task-force summary combined across the
agencies that sent theirs (tests/task_force.py: synthetic cases, real envelopes).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from shoot import LANGUAGES, SCREENS, Shooter  # noqa: E402 - beside this script

SUPERVISOR = "sara"
PASSPHRASE = "river stone lamp cloud"  # a throw-away demo folder


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "--child":
        return child(Path(argv[2]), int(argv[3]))
    from tests.xserver import running

    out = Path(argv[1] if len(argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    for width, height, scale in SCREENS:
        with running(width, height) as server:
            env = server.env(os.environ, QT_SCALE_FACTOR=str(scale), LANG="C.UTF-8")
            done = subprocess.run([sys.executable, __file__, "--child", str(out), str(scale)],
                                  env=env, cwd=ROOT, check=False, timeout=900)
        if done.returncode != 0:
            return done.returncode
    return 0


def _folder(root: Path) -> Path:
    from intake_app.domain.case import Role
    from intake_app.services.session import Workspace, add_user
    from intake_app.storage.kdf import KdfParams
    from tests.task_force import coordinate

    folder = root / "data"
    admin, _code = Workspace(folder).set_up("admin", PASSPHRASE, Role.ADMIN,
                                            kdf=KdfParams.for_tests())
    try:
        add_user(admin, SUPERVISOR, PASSPHRASE, Role.SUPERVISOR)
        coordinate(admin, root / "partners", PASSPHRASE)
    finally:
        admin.close()
    return folder


def child(out: Path, scale: int) -> int:
    from PySide6.QtWidgets import QApplication

    from intake_app.storage.kdf import KdfParams
    from intake_app.threads import mark_gui_thread
    from intake_app.ui import theme
    from intake_app.ui.app import pin_interpreter_singletons
    from intake_app.ui.gc_guard import GuiThreadCollector
    from intake_app.ui.mainwindow import MainWindow
    from intake_app.ui.worker import Worker
    from tests.journeys.driver import Driver

    pin_interpreter_singletons()
    with tempfile.TemporaryDirectory(prefix="intake-shoot-") as tmp:
        folder = _folder(Path(tmp))
        app = QApplication([sys.argv[0]])
        app.setApplicationName("Field Intake")
        mark_gui_thread()
        collector = GuiThreadCollector(app)
        theme.apply(app)
        worker = Worker()
        window = MainWindow(folder, worker, kdf=KdfParams.for_tests())
        window.show()
        drive = Driver(window, check_screens=True)
        shoot = Shooter(drive, out, "" if scale == 1 else f"-{scale * 100}pct")
        try:
            drive.wait_until(lambda: window.isVisible() and window.windowHandle().isExposed(),
                             "the window")
            for language in LANGUAGES:
                walk(drive, shoot, language)
        finally:
            window.idle.remove()
            worker.shutdown()
            collector.stop()
        for problem in drive.problems:
            print(f"shoot: not shown whole: {problem}", file=sys.stderr)
    return 0


def walk(drive: object, shoot: Shooter, language: str) -> None:
    from PySide6.QtWidgets import QScrollArea, QTableWidget

    from intake_app.ui import i18n
    from intake_app.ui.reports.page import ReportsPage
    from intake_app.ui.reports.task_force import combined_key
    from tests.journeys.driver import Driver

    assert isinstance(drive, Driver)
    window = drive.window
    if i18n.current_language() != language:
        drive.switch_language_on_lock_screen()
        drive.wait_until(lambda: i18n.current_language() == language, language)
    drive.unlock(SUPERVISOR, PASSPHRASE)
    window.show_reports()
    drive.wait_until(lambda: isinstance(window.area.admin, ReportsPage), "the Reports screen")
    page = window.area.admin
    assert isinstance(page, ReportsPage)
    page.period.setCurrentIndex(page.period.findText("2026Q3"))
    drive.click(page.run_button)
    drive.wait_until(lambda: page.kind.findData(combined_key("task_force")) >= 0,
                     "the combined report offered")
    page.kind.setCurrentIndex(page.kind.findData(combined_key("task_force")))
    drive.settle()
    # Down to the tables, under the charts: new cases by type (its "<5") near the top.
    [grid] = [g for g in page.tables_box.findChildren(QTableWidget, "task_force.new_by_type")
              if g.isVisible()]  # not the last report's, hidden and waiting to be deleted
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    scroll.verticalScrollBar().setValue(grid.mapTo(scroll.widget(), grid.rect().topLeft()).y() - 30)
    drive.settle()
    shoot("reports-combined", language)
    window.lock()
    drive.wait_until(lambda: window.is_locked, "the lock screen")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
