"""What the main window needs from provisioning: the installed policy, the policy's KDF floor at
first run, and first run from an enrolment bundle. Kept out of mainwindow.py so the lock screen
starts without importing any of it; the worker-side functions never run on the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import load_installed_profile
from intake_app.errors import IntakeError
from intake_app.services.session import KdfParams

if TYPE_CHECKING:
    from intake_app.admin.enrolment import Enrolment
    from intake_app.domain.case import UserInfo
    from intake_app.services.session import Session


def kdf_at_least(kdf: KdfParams | None, floor: AgencyPolicy | None) -> KdfParams | None:
    """`kdf` raised to the policy's minimum (None and no policy: calibrate at set-up). Worker-only."""
    return kdf if floor is None else floor.kdf_at_least(kdf)


def enrol_first_user(
    data_dir: Path, enrolment: Enrolment, name: str, role: str, passphrase: str,
    kdf: KdfParams | None,
) -> tuple[Session, tuple[str, UserInfo]]:  # fmt: skip
    """First run from an enrolment bundle, on the worker: first user, then join the agency."""
    from intake_app.admin.enrolment import enrol_new_laptop
    from intake_app.domain.case import Role

    session, recovery = enrol_new_laptop(
        data_dir, enrolment, name, passphrase, Role(role),
        kdf=kdf,
    )  # fmt: skip
    return session, (recovery, session.user)


def read_policy(data_dir: Path) -> tuple[AgencyPolicy | None, IntakeError | None]:
    """The installed profile's policy (None: no profile, the defaults apply) and, if the installed
    file was altered, the refusal to show (the defaults apply meanwhile; nothing is rewritten)."""
    try:
        installed = load_installed_profile(data_dir)
    except IntakeError as exc:
        return None, exc
    return (None if installed is None else installed.policy), None
