"""The agency profile in force on an unlocked laptop: the last verified profile, kept in the
encrypted database, and the file `profile.json` beside it.

Why the database: the file is the only policy a laptop can read before it is unlocked (lockout,
memory security, the KDF floor at set-up), so anyone with the folder can copy an older profile
over it, delete it or break it. Once unlocked, the database's copy (laptop_state PROFILE, with
the highest serial accepted in PROFILE_SERIAL) is authoritative:

- the file is *adopted* (audited `profile.adopt`) only if it verifies against the agency card in
  the database (agency id and signing key) and its serial is higher than any accepted before;
- a missing, altered, foreign (another agency, even with our name) or older file keeps the
  database's policy, is audited `profile.refused` with a reason code, once per distinct file
  state, and the front-ends say why (`PolicyState.problem`);
- at unlock, such a file is rewritten from the database's copy (`heal`), so the next unlock's
  pre-unlock policy is at least as strict as the last verified one;
- installing (`install`) checks only the new profile against the card and the highest serial, then
  writes the database and the file whatever the file holds: that is the repair. The same bytes
  as the last verified profile may always be installed again; any other profile must be newer.

Before a laptop has an agency, the first profile verified here (a baked installer profile) binds
it: its signer is the card later profiles are checked against, as the installer's admin chose it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Final

from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import (
    MAX_PROFILE_BYTES,
    SignedProfile,
    SignedProfileError,
    check_newer,
    installed_bytes,
    profile_path,
)
from intake_app.errors import IntakeError
from intake_app.paths import atomic_write, private_dir
from intake_app.services import agency, protocols
from intake_app.services.session import Session
from intake_app.storage import audit, laptop_state
from intake_app.sync.keys import PublicCard

MISSING: Final = "missing"
ALTERED: Final = "altered"
FOREIGN: Final = "foreign"
OLDER: Final = "older"
PROTOCOLS: Final = "protocols"  # it enables a protocol this laptop lacks and it does not carry

log = logging.getLogger(__name__)


class ProfileFileRefused(IntakeError):
    """The installed file was not taken: the last policy verified on this laptop stays."""

    code = "profile_file_refused"
    template = (
        "The agency profile file on this laptop was not used ({reason}); the last policy verified"
        " here (version {serial}) stays in force. Import the agency's profile to replace the file."
    )
    plain = (
        "The agency profile file on this laptop was not used; the last policy verified here "
        "stays in force. An administrator can import the agency's profile to replace the file."
    )
    plain_by: ClassVar[Mapping[str, str]] = {
        MISSING: (
            "The agency profile file on this laptop is missing; the last policy verified here "
            "stays in force. An administrator can import the agency's profile to replace the file."
        ),
        ALTERED: (
            "The agency profile file on this laptop was changed after it was signed; the last "
            "policy verified here stays in force. An administrator can import the agency's "
            "profile to replace the file."
        ),
        FOREIGN: (
            "The agency profile file on this laptop was signed by a different agency; the last "
            "policy verified here stays in force. An administrator can import the agency's "
            "profile to replace the file."
        ),
        OLDER: (
            "The agency profile file on this laptop is older than the policy in force; the last "
            "policy verified here stays in force. An administrator can import the agency's "
            "profile to replace the file."
        ),
        PROTOCOLS: (
            "The agency profile file on this laptop enables an interview guide it does not "
            "carry and this laptop does not have; the last policy verified here stays in force. "
            "An administrator can sign the profile again with the guide in it."
        ),
    }

    def __init__(self, reason: str, serial: int) -> None:
        super().__init__(reason=reason, serial=serial)

    @property
    def reason(self) -> str:
        return str(self.ids["reason"])


@dataclass(frozen=True, slots=True)
class PolicyState:
    """The policy in force, its profile's serial (0: none verified, the defaults) and, if the file
    was not taken, why."""

    policy: AgencyPolicy
    serial: int
    problem: ProfileFileRefused | None = None


# --- the database's copy -----------------------------------------------------------------------
def last_verified(s: Session) -> SignedProfile | None:
    """The last profile verified on this laptop, from the encrypted database."""
    raw = laptop_state.get(s.db, laptop_state.PROFILE)
    return None if raw is None else SignedProfile.from_bytes(raw)


def highest_serial(s: Session) -> int:
    """The highest serial this laptop ever accepted (0: none)."""
    raw = laptop_state.get(s.db, laptop_state.PROFILE_SERIAL)
    stored = last_verified(s)
    return max(int(raw.decode("ascii")) if raw is not None else 0,
               stored.serial if stored is not None else 0)


def in_force(s: Session) -> AgencyPolicy:
    """The policy in force after unlock: the last verified profile's, else the defaults."""
    stored = last_verified(s)
    return stored.policy if stored is not None else AgencyPolicy()


def trusted_card(s: Session) -> PublicCard | None:
    """The card a profile must verify against: our agency's, else the signer of the first
    profile verified here (an installer's), else none yet."""
    identity = agency.get_identity(s)
    if identity is not None:
        return identity.card
    stored = last_verified(s)
    return None if stored is None else stored.signer


def _remember(s: Session, profile: SignedProfile, action: str) -> None:
    """Make `profile` the last verified one, with its audit entry, in one transaction."""
    at = audit.now_iso()
    with s.db.transaction() as c:
        protocols.install_carried(c, s, profile.protocols, at)
        laptop_state.put(c, laptop_state.PROFILE, profile.to_bytes(), at)
        laptop_state.put(c, laptop_state.PROFILE_SERIAL, str(profile.serial).encode(), at)
        laptop_state.delete(c, laptop_state.PROFILE_REFUSED_SEEN)
        audit.append(c, s.user.id, action, "profile", str(profile.serial), at=at)
    protocols.forget(s)  # the new profile may pin other versions


# --- installing --------------------------------------------------------------------------------
def check_install(s: Session, data: bytes, card: PublicCard) -> SignedProfile:
    """Every check `install` makes, writing nothing: signed by `card`'s agency, newer than any
    accepted here (or exactly the last verified profile again), and every protocol it enables
    carried or installed here, none in conflict with an installed version
    (ProtocolNotInstalled, ProtocolVersionConflict)."""
    if len(data) > MAX_PROFILE_BYTES:
        raise SignedProfileError("oversized", f"the profile is larger than {MAX_PROFILE_BYTES} bytes")
    new = SignedProfile.from_bytes(data)
    new.verify_for(card)
    stored = last_verified(s)
    if stored is None or stored.to_bytes() != new.to_bytes():
        check_newer(new, highest_serial(s))
    protocols.check_carried(s, new.policy.protocols_enabled, new.protocols)
    return new


def install(s: Session, data: bytes, card: PublicCard, action: str) -> SignedProfile:
    """Check `data`, record it in the database (audited `action`), then write the file, whatever
    the file held: this also repairs a missing, altered, foreign or older file."""
    new = check_install(s, data, card)
    _remember(s, new, action)
    _write_file(s, new)
    return new


def _write_file(s: Session, profile: SignedProfile) -> None:
    data_dir = s.workspace.data_dir
    private_dir(data_dir)
    atomic_write(profile_path(data_dir), profile.to_bytes())


# --- the file against the database ---------------------------------------------------------------
def _judge(s: Session) -> tuple[SignedProfile | None, PolicyState, bytes | None]:
    """(a verified, newer profile in the file to adopt, or None; the state if it is not adopted;
    the file's bytes). Reads only."""
    stored = last_verified(s)
    kept = PolicyState(stored.policy, stored.serial) if stored is not None else PolicyState(
        AgencyPolicy(), 0)
    try:
        data = installed_bytes(s.workspace.data_dir)
    except SignedProfileError:
        return None, _refused(kept, ALTERED), b""
    if data is None:
        return None, (kept if stored is None else _refused(kept, MISSING)), None
    if stored is not None and data == stored.to_bytes():
        return None, kept, data
    try:
        found = SignedProfile.from_bytes(data)
    except SignedProfileError:
        return None, _refused(kept, ALTERED), data
    card = trusted_card(s)
    if card is not None:
        try:
            found.verify_for(card)
        except SignedProfileError:
            return None, _refused(kept, FOREIGN), data
    if found.serial <= highest_serial(s):
        return None, _refused(kept, OLDER), data
    try:
        protocols.check_carried(s, found.policy.protocols_enabled, found.protocols)
    except IntakeError:
        return None, _refused(kept, PROTOCOLS), data
    return found, kept, data


def _refused(kept: PolicyState, reason: str) -> PolicyState:
    return PolicyState(kept.policy, kept.serial, ProfileFileRefused(reason, kept.serial))


def file_problem(s: Session) -> ProfileFileRefused | None:
    """Why the installed file is not the profile in force (None: it is, or it is newer and
    verified, and will be adopted). Reads only: for screens that show the state."""
    return _judge(s)[1].problem


def settle(s: Session, *, heal: bool = False) -> PolicyState:
    """Compare the file with the last verified profile: adopt a newer verified file, or keep the
    database's policy and audit why (once per distinct file); with `heal` (at unlock), rewrite a
    refused file from the database's copy."""
    found, state, data = _judge(s)
    if found is not None:
        _remember(s, found, "profile.adopt")
        return PolicyState(found.policy, found.serial)
    problem = state.problem
    if problem is None:
        if laptop_state.get(s.db, laptop_state.PROFILE_REFUSED_SEEN) is not None:
            with s.db.transaction() as c:
                laptop_state.delete(c, laptop_state.PROFILE_REFUSED_SEEN)
        return state
    _audit_refusal(s, problem.reason, data)
    stored = last_verified(s)
    if heal and stored is not None:
        try:
            _write_file(s, stored)
        except OSError:
            # A folder in its place, a read-only disk: the database's policy is in force anyway
            # and the refusal is on record; unlocking must still work so an admin can repair.
            log.warning("the profile file could not be restored from the database's copy")
    return state


def _audit_refusal(s: Session, reason: str, data: bytes | None) -> None:
    # Once per distinct file state: the watcher and every unlock look again, and the same
    # refused file must not fill the log. Only the reason is recorded, never the content.
    digest = hashlib.sha256(data).hexdigest() if data is not None else "none"
    seen = f"{reason}:{digest}".encode("ascii")
    if laptop_state.get(s.db, laptop_state.PROFILE_REFUSED_SEEN) == seen:
        return
    at = audit.now_iso()
    with s.db.transaction() as c:
        laptop_state.put(c, laptop_state.PROFILE_REFUSED_SEEN, seen, at)
        audit.append(c, s.user.id, "profile.refused", "profile", detail=f"reason={reason}", at=at)
