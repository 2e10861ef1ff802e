"""Typed errors. Each carries a stable code and ids only, never case text.

The English sentence for each code lives here, in one place; the UI translates by code.
"""

from __future__ import annotations


class IntakeError(Exception):
    """Base of every error the app explains to a person."""

    code = "error"
    template = "Something went wrong."

    def __init__(self, **ids: object) -> None:
        self.ids = ids
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.ids)


# --- key vault -------------------------------------------------------------------------------
class WrongPassphrase(IntakeError):
    code = "wrong_passphrase"
    template = "That passphrase does not unlock this laptop's data. Check the keyboard layout and Caps Lock."


class UnlockThrottled(IntakeError):
    code = "unlock_throttled"
    template = "Too many failed attempts. Try again in {seconds} seconds."


class WrongRecoveryCode(IntakeError):
    code = "wrong_recovery_code"
    template = "That recovery code does not match this laptop's data."


class UnknownUser(IntakeError):
    code = "unknown_user"
    template = "There is no user named {user} on this laptop."


class UserExists(IntakeError):
    code = "user_exists"
    template = "A user named {user} already exists."


class LastUser(IntakeError):
    code = "last_user"
    template = "The last user cannot be removed: nobody could unlock the data."


class WeakPassphrase(IntakeError):
    code = "weak_passphrase"
    template = "Choose a passphrase of at least {minimum} characters."


class KeyFileCorrupt(IntakeError):
    code = "key_file_corrupt"
    template = "The key file {path} is damaged ({detail}). Restore it from a backup; the database is untouched."


class KeyFileMissing(IntakeError):
    code = "key_file_missing"
    template = "No key file at {path}: this data folder has not been set up."


class AlreadyInitialised(IntakeError):
    code = "already_initialised"
    template = "This data folder is already set up ({path})."


# --- database --------------------------------------------------------------------------------
class DatabaseCorrupt(IntakeError):
    code = "database_corrupt"
    template = "The encrypted database {path} is damaged ({detail}). Nothing was changed; restore from a backup."


class DatabaseKeyMismatch(IntakeError):
    code = "database_key_mismatch"
    template = "The key file does not open the database {path}: they belong to different set-ups."


class DatabaseTooNew(IntakeError):
    code = "database_too_new"
    template = (
        "This database was written by a newer version of Field Intake (schema {found}; this app"
        " knows up to {known}). Update the app; nothing was changed."
    )


class KeysChangedElsewhere(IntakeError):
    code = "keys_changed"
    template = (
        "Another Field Intake program changed this laptop's keys, and this window cannot follow."
        " Lock and unlock again; nothing saved was lost."
    )


class DiskFull(IntakeError):
    code = "disk_full"
    template = "The disk is full. What was saved before is safe; free some space and try again."


class NotFound(IntakeError):
    code = "not_found"
    template = "No {kind} with id {id}."


class InvalidInput(IntakeError):
    code = "invalid_input"
    template = "Invalid {field}: {reason}."


class AuditBroken(IntakeError):
    code = "audit_broken"
    template = "The audit log is broken at entry {seq}: {reason}."
