"""A data folder (key file + encrypted database), an unlocked session over it, and its users.

Rotating the data key and settling what an interrupted user change left: `reconcile.py`.
(Just over 400 lines: unlocking and every user change share one rule, read together here:
hold the folder's lock, start from the key file on disk, write it after the database step.)
"""

from __future__ import annotations

import contextlib
import logging
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app import errors
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import SignedProfileError, load_installed_profile
from intake_app.domain.case import Role, UserInfo
from intake_app.folder_lock import write_lock
from intake_app.paths import DB_FILE, KEY_FILE, private_dir
from intake_app.services import agency_keys
from intake_app.services.reconcile import reconcile, rotate
from intake_app.services.roles import requires
from intake_app.storage import audit, laptop_state, users
from intake_app.storage.database import Cursor, Database
from intake_app.storage.kdf import KdfParams
from intake_app.storage.keyvault import DataKeys, KeyVault

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from intake_app.services.profiles import PolicyState

log = logging.getLogger(__name__)

__all__ = ["KdfParams", "Session", "Workspace"]  # KdfParams: the UI picks a cost without storage/


@dataclass
class Session:
    """An unlocked data folder: the open database and who is working."""

    workspace: Workspace
    db: Database
    vault: KeyVault
    user: UserInfo
    data_key: bytes = field(repr=False)
    # The key-file slot this session was opened with, and its private key (see reopen).
    slot_id: str = ""
    slot_private: X25519PrivateKey | None = field(default=None, repr=False)
    # Set when this unlock finished a rotation an interrupted user removal owed: the new
    # recovery code, to show once to this administrator (the front-end does, then forgets it).
    new_recovery_code: str | None = field(default=None, repr=False)
    # The agency signing key, opened at an administrator's unlock from its sealed copy
    # (services/agency_keys.py); memory only, dropped on close. None for everyone else.
    agency_signing_key: Ed25519PrivateKey | None = field(default=None, repr=False)
    # The agency policy in force, as settled at unlock (services/profiles.py): the database's
    # last verified profile, and why the profile file was not taken if it was not.
    policy_state: PolicyState | None = None
    # The installed protocols (services/protocols.py Registry), read once; None: read again.
    protocol_registry: object | None = field(default=None, repr=False)

    def close(self) -> None:
        agency_keys.forget(self)
        self.db.close()

    def reopen_if_keys_changed(self) -> bool:
        """After another program rotated the data key, reopen the database with the new key.

        A database that stops opening mid-session is either damaged or was rekeyed by another
        Field Intake (a CLI `rekey` or `user remove`). The key file tells which: if its data key
        for our slot differs from ours, reopen with it (no passphrase needed: the session holds
        the slot's private key) and return True. False: nothing changed, the damage is real.
        Raises KeysChangedElsewhere when the keys changed but our slot no longer opens them.
        """
        if self.slot_private is None:
            return False
        try:
            vault = KeyVault.load(self.workspace.key_path)
            keys = vault.keys_for_slot(self.slot_id, self.slot_private)
        except errors.IntakeError:
            raise errors.KeysChangedElsewhere() from None
        if keys.current == self.data_key and keys.pending in (None, self.data_key):
            return False
        db, key = self.workspace.open_with(vault, keys)
        with contextlib.suppress(Exception):
            self.db.close()
        self.db, self.vault, self.data_key = db, vault, key
        log.info("database reopened after a key change by another program")
        return True


class DatabaseMissing(errors.IntakeError):
    code = "database_missing"
    template = (
        "This laptop's key file is here but its database is missing or empty. Nothing was"
        " created; restore the data folder from a backup."
    )


class Workspace:
    """One data folder on this laptop."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.key_path = data_dir / KEY_FILE
        self.db_path = data_dir / DB_FILE
        self.backup_dir = data_dir / "backups"

    def is_set_up(self) -> bool:
        return self.key_path.exists()

    def set_up(
        self,
        username: str,
        passphrase: str,
        role: Role = Role.ADVOCATE,
        kdf: KdfParams | None = None,
    ) -> tuple[Session, str]:
        """First run: create the key file, the database and the first user; returns the recovery code."""
        if self.is_set_up():
            raise errors.AlreadyInitialised(path=str(self.key_path))
        username = _clean_username(username)
        kdf = _at_least_policy(self.data_dir, kdf)
        private_dir(self.data_dir)
        with write_lock(self.data_dir):
            if self.is_set_up():
                raise errors.AlreadyInitialised(path=str(self.key_path))
            if self.db_path.exists():
                # A database without its key file can never be opened; refuse, never bury it.
                raise errors.AlreadyInitialised(path=str(self.db_path))
            vault, keys, recovery = KeyVault.create_with_keys(
                self.key_path, username, passphrase, kdf or KdfParams.calibrate()
            )
            data_key = keys.current
            try:
                db = Database.open(self.db_path, [data_key], backup_dir=self.backup_dir,
                                   memory_security=self.memory_security_asked())
                at = audit.now_iso()
                with db.transaction() as c:
                    user_id = users.insert(c, vault.slot_id(username), username, role, at)
                    audit.append(c, user_id, "setup", "user", user_id, at=at)
            except BaseException:
                # Nothing usable was made: leave a fresh folder, so set-up can simply run again.
                self.key_path.unlink(missing_ok=True)
                for leftover in (self.db_path, *self.db_path.parent.glob(self.db_path.name + "-*")):
                    leftover.unlink(missing_ok=True)
                raise
        user = users.by_name(db, username)
        session = Session(self, db, vault, user, data_key, keys.slot_id, keys.slot_private)
        try:
            _settle_profile(session)  # a profile baked into the installer binds this laptop
        except BaseException:
            db.close()
            raise
        return session, recovery

    def installed_policy(self) -> AgencyPolicy:
        """The installed profile's policy; the defaults without a readable one (the window says
        why). Never a reason to refuse an unlock: an administrator must get in to repair it, and
        every default is the safe end (the shortest lockout allowed, memory security off)."""
        try:
            installed = load_installed_profile(self.data_dir)
        except (SignedProfileError, OSError):
            return AgencyPolicy()
        return installed.policy if installed is not None else AgencyPolicy()

    def memory_security_asked(self) -> bool:
        return self.installed_policy().cipher_memory_security

    def _vault(self) -> KeyVault:
        vault = KeyVault.load(self.key_path)
        # A missing or altered profile falls back to defaults, which is the shortest lockout
        # allowed anyway: editing the profile cannot shorten it.
        vault.lockout_seconds = self.installed_policy().lockout_minutes * 60
        return vault

    def open_with(self, vault: KeyVault, keys: DataKeys) -> tuple[Database, bytes]:
        candidates = [keys.current] + ([keys.pending] if keys.pending else [])
        db = Database.open(self.db_path, candidates, backup_dir=self.backup_dir,
                           memory_security=self.memory_security_asked())
        if keys.pending is not None:
            # A rekey was interrupted: settle it by whichever key the file actually uses.
            if db.key_index == 1:
                vault.finish_rekey()
                return db, keys.pending
            vault.abort_rekey()
        return db, keys.current

    def _require_database(self) -> None:
        """A key file whose database is gone or empty: refuse, never make a new empty one."""
        if not self.db_path.is_file() or self.db_path.stat().st_size == 0:
            raise DatabaseMissing()

    def unlock(self, username: str, passphrase: str) -> Session:
        """Unlock with a user's passphrase. Failed attempts are written to the audit log here.

        Under the folder's write lock: parallel guesses queue on it (each one counted), and an
        interrupted user change is settled (`reconcile`) before anyone works."""
        username = _clean_username(username)
        with write_lock(self.data_dir):
            vault = self._vault()
            self._require_database()
            keys = vault.unlock(username, passphrase)
            db, key = self.open_with(vault, keys)
            try:
                user = users.by_slot(db, vault.slot_id(username))
                self._audit_unlock(db, keys, user.id, "unlock")
                session = Session(self, db, vault, user, key, keys.slot_id, keys.slot_private)
                reconcile(session)
                agency_keys.settle(session)
                _settle_profile(session)
            except BaseException:
                db.close()
                raise
        return session

    def recover(self, code: str, username: str, new_passphrase: str) -> Session:
        """Forgotten passphrase: the recovery code opens the data and sets a new passphrase."""
        username = _clean_username(username)
        with write_lock(self.data_dir):
            vault = self._vault()
            self._require_database()
            keys = vault.unlock_with_recovery(code)
            db, key = self.open_with(vault, keys)
            try:
                user = users.by_name(db, username)
                vault.reset_passphrase(key, username, new_passphrase)
                self._audit_unlock(db, keys, user.id, "unlock.recovery")
                session = Session(self, db, vault, user, key, keys.slot_id, keys.slot_private)
                reconcile(session)
                # Opened with the recovery slot's copy; the user's slot has a new key pair now
                # and is sealed its own copy here.
                agency_keys.settle(session)
                _settle_profile(session)
            except BaseException:
                db.close()
                raise
        return session

    @staticmethod
    def _audit_unlock(db: Database, keys: DataKeys, user_id: int, action: str) -> None:
        # The vault kept failed attempts (times only) until a success could write them here.
        with db.transaction() as c:
            for at in keys.failed_attempts:
                stamp = datetime.fromtimestamp(at, UTC).isoformat(timespec="microseconds")
                audit.append(c, None, "unlock.failed", at=stamp)
            _check_failure_counter(c, keys)
            audit.append(c, user_id, action, "user", user_id)


def _settle_profile(s: Session) -> None:
    """The database's last verified profile is the policy from here on; a refused file is put
    back from it, so the next unlock's lockout and memory security are no weaker."""
    from intake_app.services import profiles, protocols  # they build on this module (Session)

    # The shipped protocols are written in now, outside any transaction: from here on, reading
    # the registry inside one (a share is computed in its transaction) only reads.
    protocols.installed(s)
    s.policy_state = profiles.settle(s, heal=True)


def _at_least_policy(data_dir: Path, kdf: KdfParams | None) -> KdfParams | None:
    """`kdf` raised to the installed policy's Argon2id floor (None, no policy: calibrate later).
    An admin's `kdf_time_cost: 12` holds for every new slot, from the CLI and the screens alike."""
    try:
        installed = load_installed_profile(data_dir)
    except SignedProfileError:
        installed = None  # an altered file is reported elsewhere; set-up keeps its own cost
    return kdf if installed is None else installed.policy.kdf_at_least(kdf)


MAX_USERNAME_CHARS = 64
# Control, format (bidirectional overrides such as U+202E), line and paragraph separators,
# surrogates, private-use and unassigned code points: none belongs in a name printed to a
# terminal or shown on a lock screen.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def _check_failure_counter(c: Cursor, keys: DataKeys) -> None:
    """Compare the key file's failure count with the copy the database kept at the last success.

    Anyone who can edit the key file can reset its lockout counter (and could also copy the
    file and guess offline, which no counter stops). What the database's copy gives is that the
    edit does not go unnoticed: it is audited at the next unlock, with the numbers.
    """
    raw = laptop_state.get(c, laptop_state.FAILED_UNLOCKS_SEEN)
    seen = int(raw.decode("ascii")) if raw is not None else None
    if seen is not None and keys.failure_total - keys.failure_count != seen:
        audit.append(c, None, "unlock.counter_altered",
                     detail=f"seen={seen} now={keys.failure_total} since={keys.failure_count}")
    laptop_state.put(c, laptop_state.FAILED_UNLOCKS_SEEN, str(keys.failure_total).encode(),
                     datetime.now(UTC).isoformat(timespec="microseconds"))


def _clean_username(username: str) -> str:
    cleaned = username.strip()
    if not cleaned:
        raise errors.InvalidInput(field="user name", reason="it cannot be empty")
    if len(cleaned) > MAX_USERNAME_CHARS:
        raise errors.InvalidInput(
            field="user name", reason=f"it is longer than {MAX_USERNAME_CHARS} characters")
    if any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in cleaned):
        raise errors.InvalidInput(
            field="user name", reason="it holds an invisible or control character")
    return cleaned


# --- users ---------------------------------------------------------------------------------
# Every change below runs under the folder's write lock, starts from the key file as it is on
# disk now (another program may have changed it since this session opened), and writes the key
# file only after the database step that records it: an interruption at any point leaves a state
# `reconcile` settles at the next unlock, with every remaining user able to get in.
@contextlib.contextmanager
def _changing_keys(s: Session) -> Iterator[KeyVault]:
    with write_lock(s.workspace.data_dir):
        fresh = KeyVault.load(s.workspace.key_path)
        if (fresh.generation, fresh.pending_generation) != (s.vault.generation,
                                                            s.vault.pending_generation):
            s.reopen_if_keys_changed()  # another program rotated the data key meanwhile
            fresh = KeyVault.load(s.workspace.key_path)
        s.vault = fresh
        yield fresh


@requires(Role.ADMIN, action="add a user")
def add_user(s: Session, username: str, passphrase: str, role: Role) -> UserInfo:
    username = _clean_username(username)
    with _changing_keys(s) as vault:
        if any(u.username == username for u in users.active(s.db)):
            raise errors.UserExists(user=username)
        if vault.has_user(username):  # a slot left by an add that was interrupted
            vault.remove_user(username)
        at = audit.now_iso()
        with s.db.transaction() as c:  # the record first: a slot never exists without it
            user_id = users.insert(c, vault.slot_id(username), username, role, at)
            audit.append(c, s.user.id, "user.add", "user", user_id, at=at)
        try:
            vault.add_user(s.data_key, username, passphrase)
        except BaseException:
            with s.db.transaction() as c:
                users.mark_removed(c, user_id, audit.now_iso())
                audit.append(c, s.user.id, "user.add.abandoned", "user", user_id)
            raise
        agency_keys.settle(s)  # a new administrator gets a copy of the signing key
    return users.by_name(s.db, username)


@dataclass(frozen=True, slots=True)
class Removed:
    new_recovery_code: str  # the old one was seen by the removed user: shown once, to the admin


@requires(Role.ADMIN, action="remove a user")
def remove_user(s: Session, username: str) -> Removed:
    """Remove a user, rotate the data key (a copy of the old key file opens nothing) and issue a
    new recovery code (the removed user may have seen the old one)."""
    username = _clean_username(username)
    with _changing_keys(s) as vault:
        user = users.by_name(s.db, username)
        if user.id == s.user.id and len(users.active(s.db)) == 1:
            raise errors.LastUser()
        if len(vault.slot_ids()) == 1 and vault.has_user(username):
            raise errors.LastUser()
        with s.db.transaction() as c:  # recorded first: the audit entry says a rotation is owed
            users.mark_removed(c, user.id, audit.now_iso())
            audit.append(c, s.user.id, "user.remove", "user", user.id)
        if vault.has_user(username):
            vault.remove_user(username)
        code = rotate(s, new_recovery_code=True)
        agency_keys.settle(s)  # their copy goes; the new recovery slot gets one
    assert code is not None
    return Removed(code)


def change_passphrase(s: Session, old: str, new: str) -> None:
    with _changing_keys(s) as vault:
        vault.change_passphrase(s.user.username, old, new)
        with s.db.transaction() as c:
            audit.append(c, s.user.id, "user.passphrase", "user", s.user.id)


def user_names(s: Session) -> dict[int, str]:
    """Who is who, by user id, to name colleagues in a case's activity (every user may see it)."""
    return {u.id: u.username for u in users.active(s.db)}


@requires(Role.ADMIN, action="list the users of this laptop")
def list_users(s: Session) -> list[UserInfo]:
    return users.active(s.db)


@requires(Role.ADMIN, action="rotate the data key")
def rekey(s: Session) -> None:
    """Rotate the data key: every page re-encrypted, every slot re-sealed, crash-safe. Every
    user and the recovery code still open the data; no copy of the old key file does."""
    with _changing_keys(s):
        rotate(s)


def recovery_code_shown(s: Session) -> None:
    """The administrator has the new recovery code: forget it."""
    with s.db.transaction() as c:
        laptop_state.delete(c, laptop_state.PENDING_RECOVERY_CODE)
        audit.append(c, s.user.id, "recovery.shown")


