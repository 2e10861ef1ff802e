"""Agency > Protocols shot from the real window: `python scripts/shoot_protocols.py [OUTDIR]`
writes admin-protocols-{preview,refused,installed}.LANG.png (1280x720) and the same with -200pct
(1440x900 at 200%) into OUTDIR (default docs/screenshots).

The same set-up as scripts/shoot.py (a private Xvfb + openbox per screen size, the app as a
child on a throw-away data folder, driven through the window system). The agency interviews in
English, Spanish and French, so the preview of the bilingual form (tests/protocol_docs.py) says
what it lacks of French; the refused form is the corpus' `relevant` with `<`. In each language
the administrator imports a new version of the form, so the list grows: 1, then 1 and 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from shoot import PASSPHRASE, Shooter, main_for  # noqa: E402

ADMIN = "admin"
REFUSED = ROOT / "tests" / "data" / "xlsforms" / "no_relevant_order.xlsx"


def _data_folder(root: Path) -> Path:
    """An agency's office laptop: an administrator, a signed policy, one made-up case, and the
    agency's form in two versions beside it."""
    from intake_app.admin.policy import AgencyPolicy
    from intake_app.domain.case import Role
    from intake_app.services import agency, cases, provisioning
    from intake_app.services.session import Workspace
    from intake_app.storage.kdf import KdfParams
    from tests.protocol_docs import write_xlsform

    folder = root / "data"
    s, _code = Workspace(folder).set_up(ADMIN, PASSPHRASE, Role.ADMIN, kdf=KdfParams.for_tests())
    try:
        agency.init_agency(s, "Refugio Norte", "service_provider",
                           [{"name": "Front desk", "phone": "+1 555 0100"}])
        provisioning.sign_policy(s, AgencyPolicy(interview_languages=("en", "es", "fr")))
        cases.create_case(s, is_demo=True)
    finally:
        s.close()
    forms = root / "forms"
    forms.mkdir()
    write_xlsform(forms / "night_shelter.xlsx", "1")
    write_xlsform(forms / "night_shelter_v2.xlsx", "2")
    return folder


def walk(drive: object, shoot: Shooter, language: str) -> None:
    from intake_app.ui import i18n
    from intake_app.ui.admin.page import AdminPage
    from tests.journeys.driver import Driver

    assert isinstance(drive, Driver)
    window = drive.window
    if i18n.current_language() != language:
        drive.switch_language_on_lock_screen()
        drive.wait_until(lambda: i18n.current_language() == language, language)
    drive.unlock(ADMIN, PASSPHRASE)
    drive.shortcut("agency_admin")
    drive.wait_until(lambda: window.area is not None and isinstance(window.area.admin, AdminPage)
                     and window.area.admin.overview is not None, "the Agency page")
    assert window.area is not None
    page = window.area.admin
    assert isinstance(page, AdminPage)
    page.tabs.setCurrentWidget(page.protocols)
    tab = page.protocols
    drive.wait_until(lambda: len(tab.rows) >= 3, "the guides")
    tab.check_file(REFUSED)
    drive.wait_until(tab.error.isVisible, "the refusal")
    shoot("admin-protocols-refused", language)
    folder = Path(window.data_dir).parent / "forms"
    tab.check_file(folder / ("night_shelter.xlsx" if language == "en" else "night_shelter_v2.xlsx"))
    drive.wait_until(tab.preview.isVisible, "the preview")
    shoot("admin-protocols-preview", language)
    drive.click(tab.install_button)
    drive.wait_until(tab.status.isVisible, "installed")
    drive.wait_until(lambda: not window.worker.is_busy, "the list again")
    shoot("admin-protocols-installed", language)
    drive.click(drive.lock_button())
    drive.wait_until(lambda: window.is_locked, "the lock screen")


if __name__ == "__main__":
    sys.exit(main_for(__file__, sys.argv, "shoot_protocols", _data_folder, lambda _scale: walk))
