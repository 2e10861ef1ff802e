"""Screenshots of the combined task-force table in the real window:
`python scripts/shoot_reports_combined.py [OUTDIR]` writes reports-combined.{en,es}.png
(1280x720) and reports-combined-200pct.{en,es}.png (1440x900 at 200%) into OUTDIR (default
docs/screenshots), the way scripts/shoot.py does (its X servers, its Shooter): a supervisor at
the coordinating agency runs 2026Q3 and chooses the task-force summary combined across the
agencies that sent theirs (tests/task_force.py: synthetic cases, real envelopes).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from shoot import Shooter, main_for  # noqa: E402 - beside this script

SUPERVISOR = "sara"
PASSPHRASE = "river stone lamp cloud"  # a throw-away demo folder


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
    sys.exit(main_for(__file__, sys.argv, "shoot_reports_combined", _folder,
                      lambda _scale: walk))
