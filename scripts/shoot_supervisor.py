"""The Reports screen's "Caseload now" tab in the real window, from synthetic data:
`python scripts/shoot_supervisor.py [OUTDIR]` writes supervisor.LANG.png (1280x720) and
supervisor-200pct.LANG.png (1440x900 at 200%) into OUTDIR (default docs/screenshots).

The machinery is scripts/shoot.py's (a private Xvfb + openbox per screen size, the app run again
inside it as `--child`, driven through the window system, the whole X screen saved); only the
data and the walk are this screen's: a supervisor unlocks, presses Ctrl+6, and the shot is taken
once the overview is on screen.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from shoot import PASSPHRASE, Shooter, main_for  # noqa: E402

if TYPE_CHECKING:
    from tests.journeys.driver import Driver

SUPERVISOR = "sara"


def _data_folder(root: Path) -> Path:
    """A shelter's laptop: a supervisor, and made-up cases with something to look at."""
    from intake_app.domain.agency import AgencyKind
    from intake_app.domain.case import CaseStatus, Role
    from intake_app.domain.consent import Category, Consent, Method, Purpose
    from intake_app.domain.reporting.facts import ReferralMade, ServiceCategory
    from intake_app.services import case_facts, cases, consents, interviews
    from intake_app.services.session import Workspace
    from intake_app.storage.kdf import KdfParams

    folder = root / "data"
    s, _code = Workspace(folder).set_up(SUPERVISOR, PASSPHRASE, Role.SUPERVISOR,
                                        kdf=KdfParams.for_tests())
    try:
        now, today = datetime.now(UTC), date.today()
        made = [cases.create_case(s, name) for name in
                ("Rosa", "Amina", None, "Lucía", None, "Tomás", None, None, None)]
        for case, status in zip(made[5:], (CaseStatus.REFERRED, CaseStatus.REFERRED,
                                           CaseStatus.CLOSED, CaseStatus.CLOSED), strict=True):
            cases.set_status(s, case.id, status)
        for case, purpose, days in ((made[0], Purpose.SERVICES_REFERRAL, 2),
                                    (made[1], Purpose.CASE_COORDINATION, 6),
                                    (made[3], Purpose.LAW_ENFORCEMENT, 11)):
            consents.give_consent(s, Consent(
                0, case.id, purpose, "p" * 32, frozenset({Category.NEEDS}), "w", "en",
                Method.SIGNED, False, now - timedelta(days=200), now + timedelta(days=days)))
        for case, category, to, ago in ((made[1], ServiceCategory.HOUSING,
                                         AgencyKind.SERVICE_PROVIDER, 23),
                                        (made[5], ServiceCategory.LEGAL, AgencyKind.OTHER, 17)):
            case_facts.record_referral(s, case.id, ReferralMade(
                today - timedelta(days=ago), category, Role.ADVOCATE, to))
        for case, state, ago in ((made[2], "paused", 9), (made[4], "open", 3),
                                 (made[6], "paused", 1)):
            iv = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "en")
            interviews.set_interview_status(s, iv.id, state)
            at = (now - timedelta(days=ago)).isoformat()
            with s.db.transaction() as c:  # the fake clock: when it was last touched
                c.execute("UPDATE interviews SET started_at = ?, updated_at = ? WHERE id = ?",
                          (at, at, iv.id))
    finally:
        s.close()
    return folder


def walk(drive: Driver, shoot: Shooter, language: str) -> None:
    """A supervisor unlocks, presses Ctrl+6, and the caseload is shot."""
    from intake_app.ui import i18n
    from intake_app.ui.reports.page import ReportsPage

    window = drive.window
    if i18n.current_language() != language:
        drive.switch_language_on_lock_screen()
        drive.wait_until(lambda: i18n.current_language() == language, language)
    drive.unlock(SUPERVISOR, PASSPHRASE)
    drive.shortcut("caseload")  # Ctrl+6
    drive.wait_until(lambda: isinstance(window.area.admin, ReportsPage)
                     and window.area.admin.caseload.overview is not None, "the caseload")
    shoot("supervisor", language)
    drive.shortcut("lock")
    drive.wait_until(lambda: window.is_locked, "the lock screen")


if __name__ == "__main__":
    sys.exit(main_for(__file__, sys.argv, "shoot_supervisor", _data_folder,
                      lambda _scale: walk, timeout=600))
