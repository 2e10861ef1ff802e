"""Rotating the data key, and settling at unlock what an interrupted user change left.

A removal rotates the data key (`rotate`) so the removed user's copy of the key file opens
nothing; if it was interrupted, `reconcile` finishes it at the next administrator's unlock, and
shows a new recovery code that never reached a screen. Callers hold the folder's write lock.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from intake_app import errors
from intake_app.domain.case import Role
from intake_app.storage import audit, laptop_state, users
from intake_app.storage.database import rekey_file
from intake_app.storage.recovery_code import new_recovery_code

if TYPE_CHECKING:
    from intake_app.services.session import Session, Workspace

log = logging.getLogger(__name__)


def reconcile(s: Session) -> None:
    """Settle what an interrupted user change left (called at unlock, under the write lock).

    - a record whose slot is missing (an add stopped after the record): the add is abandoned;
    - a slot with no record (a removal stopped before the slot went): the slot is removed;
    - a removal after the last rotation (stopped before it): the data key is rotated now, at
      the next administrator's unlock (the removed user's old key file must stop working).
    """
    vault = s.vault
    slots = set(vault.slot_ids())
    active = users.active(s.db)
    known = {users.slot_of(s.db, u.id) for u in active}
    with s.db.transaction() as c:
        for u in active:
            if users.slot_of(c, u.id) not in slots and u.id != s.user.id:
                users.mark_removed(c, u.id, audit.now_iso())
                audit.append(c, None, "user.add.abandoned", "user", u.id)
    for slot_id in slots - known:
        if slot_id != s.slot_id:
            vault.remove_slot(slot_id)
            with s.db.transaction() as c:
                audit.append(c, None, "user.slot.removed", "slot", slot_id[:16])
    if s.user.role is not Role.ADMIN:
        return  # what follows makes or shows a recovery code: administrators only
    if rotation_owed(s):
        log.info("finishing a data-key rotation owed since a user was removed")
        s.new_recovery_code = rotate(s, new_recovery_code=True)
        return
    pending = laptop_state.get(s.db, laptop_state.PENDING_RECOVERY_CODE)
    if pending is not None:
        code = pending.decode("ascii")
        if not vault.recovery_code_opens(code):  # stopped before it reached the key file
            vault.set_recovery_code(s.data_key, code)
        s.new_recovery_code = code


def rotation_owed(s: Session) -> bool:
    """A user was removed after the last data-key rotation (the rotation was interrupted)."""
    return audit.last_seq(s.db, "user.remove") > audit.last_seq(s.db, "rekey")


def rotate(s: Session, *, new_recovery_code: bool = False) -> str | None:
    """The rotation itself (the caller holds the lock): database, key file, earlier copies, and
    the recovery code when asked (after a removal); returns the new code then."""
    old_key = s.data_key
    new_key = s.vault.begin_rekey(s.data_key)
    s.db.rekey(new_key)
    s.vault.finish_rekey()
    s.data_key = new_key
    _rekey_backups(s.workspace, old_key, new_key)
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "rekey")
    return _new_recovery_code(s) if new_recovery_code else None


def _new_recovery_code(s: Session) -> str:
    """A new recovery code, kept in the encrypted database until an administrator has seen it
    (`recovery_code_shown`), then written into the key file: a crash between the two, or before
    it reached a screen, cannot lose it (the next admin unlock shows it, see `reconcile`)."""
    code = new_recovery_code()
    with s.db.transaction() as c:
        laptop_state.put(c, laptop_state.PENDING_RECOVERY_CODE, code.encode("ascii"),
                         audit.now_iso())
        audit.append(c, s.user.id, "recovery.replace")
    s.vault.set_recovery_code(s.data_key, code)
    return code


def _rekey_backups(ws: Workspace, old_key: bytes, new_key: bytes) -> None:
    """Earlier copies under the data folder must not open with an old key file: each one the old
    key opens is re-encrypted under the new key; one it does not open is deleted."""
    if not ws.backup_dir.is_dir():
        return
    for path in sorted(ws.backup_dir.glob("*.db")):
        try:
            rekey_file(path, old_key, new_key)
        except errors.IntakeError:
            path.unlink(missing_ok=True)
            log.info("an earlier backup under an older key was deleted at rotation")
