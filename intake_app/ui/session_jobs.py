"""The main window's worker jobs: set-up, enrolment, unlock, recovery, and the two small use
cases it runs itself. Each runs on the worker thread and imports the services only when called
(the lock screen paints before the database layer is loaded)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from intake_app.admin.enrolment import Enrolment
    from intake_app.domain.case import CaseSummary, UserInfo
    from intake_app.domain.consent import Consent
    from intake_app.services.profiles import PolicyState
    from intake_app.services.session import KdfParams, Session


def set_up(
    data_dir: Path, name: str, role: str, passphrase: str, kdf: KdfParams | None
) -> tuple[Session, tuple[str, UserInfo]]:
    """Runs on the worker: key file, database and first user (the services raise the KDF cost
    to the installed policy's floor, and calibrate it when not given)."""
    from intake_app.domain.case import Role
    from intake_app.services.session import Workspace

    session, recovery = Workspace(data_dir).set_up(name, passphrase, Role(role), kdf=kdf)
    return session, (recovery, session.user)


def enrol_first_user(
    data_dir: Path, enrolment: Enrolment, name: str, role: str, passphrase: str,
    kdf: KdfParams | None,
) -> tuple[Session, tuple[str, UserInfo]]:
    """First run from an enrolment bundle, on the worker: first user, then join the agency."""
    from intake_app.domain.case import Role
    from intake_app.services.provisioning import enrol_new_laptop

    session, recovery = enrol_new_laptop(data_dir, enrolment, name, passphrase, Role(role), kdf=kdf)
    return session, (recovery, session.user)


# Who, a new recovery code to show once, and the agency policy in force (settled at unlock).
Unlocked = tuple["UserInfo", str | None, "PolicyState | None"]


def unlock(data_dir: Path, name: str, passphrase: str) -> tuple[Session, Unlocked]:
    from intake_app.services.session import Workspace

    session = Workspace(data_dir).unlock(name, passphrase)
    code, session.new_recovery_code = session.new_recovery_code, None
    return session, (session.user, code, session.policy_state)


def recover(
    data_dir: Path, code: str, name: str, new_passphrase: str
) -> tuple[Session, Unlocked]:
    from intake_app.services.session import Workspace

    session = Workspace(data_dir).recover(code, name, new_passphrase)
    new_code, session.new_recovery_code = session.new_recovery_code, None
    return session, (session.user, new_code, session.policy_state)


def recovery_code_shown(s: Session) -> None:
    from intake_app.services import session

    session.recovery_code_shown(s)


def create_case(s: Session) -> CaseSummary:
    from intake_app.services import cases

    return cases.create_case(s)


def give_consent(s: Session, consent: Consent, signature_png: bytes | None = None) -> None:
    from intake_app.services import consents

    consents.give_consent(s, consent, signature_png)
