"""Typed errors. Each carries a stable code and ids only, never case text.

Every error class is the one home of its words: `template`, the English line the CLI prints
(with ids such as a path), and `plain`, the sentence a person reads in the app, translated by
its exact text in the "Errors" context (resources/translations/errors_es.ts). `plain` may use
only the ids in SHOWN_IDS; an error whose template is already plain leaves `plain` unset.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

# Ids a sentence in the app may show: counts, numbers and fixed reason words; never a name,
# a path or an id of a case.
SHOWN_IDS: frozenset[str] = frozenset(
    {"seconds", "minimum", "seq", "user", "field", "reason", "problem", "where", "retry_after",
     "days", "laptop"}  # laptop: a colleague's computer name, as its system reports it
)


class IntakeError(Exception):
    """Base of every error the app explains to a person."""

    code = "error"
    template = "Something went wrong."
    plain: str | None = "Something went wrong. Nothing you saved was lost; try again."
    # Finer words by the value of one id (`plain_key`), where one code covers several causes.
    plain_by: ClassVar[Mapping[str, str]] = {}
    plain_key: ClassVar[str] = "reason"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "template" in vars(cls) and "plain" not in vars(cls):
            cls.plain = None  # its own template is its plain sentence, not the base's

    def __init__(self, **ids: object) -> None:
        self.ids = ids
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.ids)

    def plain_source(self) -> str:
        """The untranslated sentence for the app (the translation key)."""
        finer = self.plain_by.get(str(self.ids.get(self.plain_key, "")))
        return finer or self.plain or self.template

    @classmethod
    def plain_sources(cls) -> list[str]:
        """Every sentence this class can show in the app (what needs a translation)."""
        return [cls.plain or cls.template, *cls.plain_by.values()]


# --- key vault -------------------------------------------------------------------------------
class WrongPassphrase(IntakeError):
    code = "wrong_passphrase"
    template = "That passphrase does not unlock this laptop's data. Check the keyboard layout and Caps Lock."
    plain = (
        "That user name and passphrase do not unlock this laptop's data. Check the keyboard "
        "layout and Caps Lock."
    )


class UnlockThrottled(IntakeError):
    code = "unlock_throttled"
    template = "Too many failed attempts. Try again in {seconds} seconds."
    plain = "Too many failed attempts. You can try again in {seconds} seconds."


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
    """Too short, or easy to guess (domain/passphrase.py says which, as `reason`)."""

    code = "weak_passphrase"
    template = (
        "That passphrase is too weak ({reason}): choose at least {minimum} characters that are "
        "not easy to guess, such as four or more unrelated words."
    )
    plain = "Choose a passphrase of at least {minimum} characters."
    plain_by: ClassVar[Mapping[str, str]] = {
        "common": (
            "That passphrase is one of the most common ones and would be guessed at once. "
            "Try four or more unrelated words."
        ),
        "guessable": (
            "That passphrase is too easy to guess (a word with small changes, a name, a date, "
            "or your user name in it). Try four or more unrelated words."
        ),
    }


class KeyFileCorrupt(IntakeError):
    code = "key_file_corrupt"
    template = "The key file {path} is damaged ({detail}). Restore it from a backup; the database is untouched."
    plain = "The key file is damaged. Restore it from a backup; the database is untouched."


class KeyFileMissing(IntakeError):
    code = "key_file_missing"
    template = "No key file at {path}: this data folder has not been set up."
    plain = "This data folder has not been set up yet."


class AlreadyInitialised(IntakeError):
    code = "already_initialised"
    template = "This data folder is already set up ({path})."
    plain = "This data folder is already set up."


# --- database --------------------------------------------------------------------------------
class DatabaseCorrupt(IntakeError):
    code = "database_corrupt"
    template = "The encrypted database {path} is damaged ({detail}). Nothing was changed; restore from a backup."
    plain = "The encrypted database is damaged. Nothing was changed; restore from a backup."


class DatabaseStartDamaged(DatabaseCorrupt):
    code = "database_start_damaged"
    template = (
        "The start of the encrypted database {path} is damaged ({pages} damaged page(s)); the"
        " key is right. Nothing was changed; restore from a backup."
    )
    plain = (
        "The start of the encrypted database is damaged, so it cannot be opened (the passphrase"
        " is right). Nothing was changed; restore from a backup."
    )


class DatabaseKeyMismatch(IntakeError):
    code = "database_key_mismatch"
    template = "The key file does not open the database {path}: they belong to different set-ups."
    plain = "The key file does not open this database: they belong to different set-ups."


class DatabaseTooNew(IntakeError):
    code = "database_too_new"
    template = (
        "This database was written by a newer version of Field Intake (schema {found}; this app"
        " knows up to {known}). Update the app; nothing was changed."
    )
    plain = (
        "This database was written by a newer version of Field Intake. Update the app; nothing "
        "was changed."
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
    plain = "That record no longer exists. It may have been deleted."


class CaseOnLegalHold(IntakeError):
    code = "legal_hold"
    template = "Case {id} is under a legal hold: it is kept until the hold is lifted."
    plain = "This case is under a legal hold: it cannot be deleted until a supervisor lifts the hold."


class InvalidInput(IntakeError):
    code = "invalid_input"
    template = "Invalid {field}: {reason}."
    plain = "Please check what you typed: {field} ({reason})."


class AuditBroken(IntakeError):
    code = "audit_broken"
    template = "The audit log is broken at entry {seq}: {reason}."
    plain = "The audit log is broken at entry {seq}."


# --- protocols written in a spreadsheet ------------------------------------------------------
class XlsFormRefused(IntakeError):
    """An XLSForm that cannot become a protocol: where (sheet and row) and why (a reason code
    from domain/protocol/xlsform/refusals.py). Nothing of it is imported."""

    code = "xlsform_refused"
    template = "{file}: sheet {sheet}, row {row}: {problem} [{reason}]."
    # `where` is the sheet's own name and a number, so the sentence reads in either language.
    plain = "This spreadsheet cannot be used as a protocol (sheet and row: {where}): {problem}."

    def __init__(self, *, file: str, sheet: str, row: int, reason: str, problem: str,
                 detail: str = "") -> None:
        # `detail` is the form's own text that `problem` quotes: the app words the reason in
        # its language around it (ui/admin/refusal_words.py).
        super().__init__(file=file, sheet=sheet, row=row, reason=reason, problem=problem,
                         where=f"{sheet}, {row}", detail=detail)

    @property
    def sheet(self) -> str:
        return str(self.ids["sheet"])

    @property
    def row(self) -> int:
        return int(str(self.ids["row"]))

    @property
    def reason(self) -> str:
        return str(self.ids["reason"])

    @property
    def detail(self) -> str:
        return str(self.ids.get("detail", ""))


# --- answers ---------------------------------------------------------------------------------
class AnswerFailsCheck(InvalidInput):
    """A typed value its question's check refuses (domain/protocol/value_checks.py). The
    message names the question id only, never the value."""

    code = "answer_fails_check"
    template = "The answer to question {question} fails the protocol's check; it was not saved."
    plain = ("This answer is outside what the interview guide accepts for this question, so it "
             "was not saved. Check it, or use “Prefers not to say”.")


class AnswerWrongShape(InvalidInput):
    """A value that is not the kind its question's type takes (Question.accepts): text for a
    yes/no, a choice the question does not offer. The message names the question id and the
    type only, never the value."""

    code = "answer_wrong_shape"
    template = "The answer to question {question} is not a {expected} answer; it was not saved."
    plain = ("This answer is not the kind this question takes, so it was not saved. Answer it "
             "again, or use “Prefers not to say”.")


# --- interview languages -----------------------------------------------------------------------
class LanguageNotOffered(InvalidInput):
    """An interview asked for in a language its guide lacks, or the agency has not enabled."""

    code = "language_not_offered"
    template = "Interview language {language} for guide {protocol}: {reason}."
    plain = "An interview cannot start in that language."
    plain_by: ClassVar[Mapping[str, str]] = {
        "not_in_protocol": "This interview guide is not written in that language. Choose one "
                           "of the languages it offers.",
        "not_enabled": "The agency has not enabled interviews in that language. An administrator "
                       "can add it to the policy.",
    }
