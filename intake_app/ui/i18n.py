"""Languages: Qt translators for every resources/translations/*_<lang>.qm, and errors in words."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from intake_app.errors import IntakeError
from intake_app.paths import atomic_write, resource

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("en", "es")  # English is the source language: no translator
DEFAULT_LANGUAGE = "en"
_SETTING_FILE = "ui-language"  # holds "en" or "es": no names, no case data

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def tr(context: str, text: str) -> str:
    """Translate `text` in `context` (the one call the shell's modules use for visible words)."""
    return QCoreApplication.translate(context, text)


def noop(context: str, text: str) -> str:  # noqa: ARG001 - marks `text` for extraction
    """Mark a string for translation where it is defined; translate it later with tr()."""
    return text


def current_language() -> str:
    return _current


def set_language(language: str) -> None:
    """Install translators for `language`; Qt then sends LanguageChange to every widget."""
    global _current  # noqa: PLW0603 - one process, one UI language
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    app = QCoreApplication.instance()
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    _current = language
    QLocale.setDefault(QLocale(language))
    if app is None or language == DEFAULT_LANGUAGE:
        if app is not None:  # removing translators alone does not always send LanguageChange
            QCoreApplication.postEvent(app, _language_event())
        return
    files = sorted(resource("translations").glob(f"*_{language}.qm"))
    qt_own = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    files += [p for p in (qt_own / f"qtbase_{language}.qm",) if p.exists()]
    for qm in files:
        translator = QTranslator(app)
        if translator.load(str(qm)):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("could not load translation %s", qm.name)


def _language_event() -> QEvent:
    return QEvent(QEvent.Type.LanguageChange)


def next_language() -> str:
    return LANGUAGES[(LANGUAGES.index(_current) + 1) % len(LANGUAGES)]


def load_saved_language(data_dir: Path) -> str:
    """The language chosen at first run; English if none was saved or the file is unreadable."""
    try:
        value = (data_dir / _SETTING_FILE).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return DEFAULT_LANGUAGE
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(data_dir: Path, language: str) -> None:
    if data_dir.exists():
        atomic_write(data_dir / _SETTING_FILE, language.encode("ascii"))


# --- errors in words: the one place a typed error becomes a sentence --------------------------
_ERRORS: dict[str, str] = {
    "error": noop("Errors", "Something went wrong. Nothing you saved was lost; try again."),
    "wrong_passphrase": noop(
        "Errors",
        "That user name and passphrase do not unlock this laptop's data. "
        "Check the keyboard layout and Caps Lock.",
    ),
    "unlock_throttled": noop(
        "Errors", "Too many failed attempts. You can try again in {seconds} seconds."
    ),
    "wrong_recovery_code": noop("Errors", "That recovery code does not match this laptop's data."),
    "unknown_user": noop("Errors", "There is no user named {user} on this laptop."),
    "user_exists": noop("Errors", "A user named {user} already exists."),
    "last_user": noop("Errors", "The last user cannot be removed: nobody could unlock the data."),
    "weak_passphrase": noop("Errors", "Choose a passphrase of at least {minimum} characters."),
    "key_file_corrupt": noop(
        "Errors", "The key file is damaged. Restore it from a backup; the database is untouched."
    ),
    "key_file_missing": noop("Errors", "This data folder has not been set up yet."),
    "already_initialised": noop("Errors", "This data folder is already set up."),
    "database_corrupt": noop(
        "Errors", "The encrypted database is damaged. Nothing was changed; restore from a backup."
    ),
    "database_key_mismatch": noop(
        "Errors", "The key file does not open this database: they belong to different set-ups."
    ),
    "database_too_new": noop(
        "Errors",
        "This database was written by a newer version of Field Intake. "
        "Update the app; nothing was changed.",
    ),
    "not_permitted": noop(
        "Errors", "Your role cannot do this. Ask an administrator of this laptop."
    ),
    "folder_busy": noop(
        "Errors",
        "Another Field Intake is changing this laptop's keys right now. Nothing was changed; "
        "try again in a moment.",
    ),
    "already_open": noop(
        "Errors", "Field Intake is already open for this data folder. Switch to that window."
    ),
    "database_missing": noop(
        "Errors",
        "This laptop's key file is here but its database is missing or empty. Nothing was "
        "created; restore the data folder from a backup.",
    ),
    "keys_changed": noop(
        "Errors",
        "Another Field Intake program changed this laptop's keys, and this window cannot "
        "follow. Lock and unlock again; nothing saved was lost.",
    ),
    "disk_full": noop(
        "Errors",
        "The disk is full. What was saved before is safe; free some space and try again.",
    ),
    "not_found": noop("Errors", "That record no longer exists. It may have been deleted."),
    "invalid_input": noop("Errors", "Please check what you typed: {field} ({reason})."),
    "audit_broken": noop("Errors", "The audit log is broken at entry {seq}."),
    "locked": noop("Errors", "The app is locked. Unlock it to continue."),
    "not_available": noop("Errors", "This screen is not available in this build yet."),
    # provisioning (admin screens, first-run "Join my agency")
    "signed_profile_refused": noop(
        "Errors",
        "This agency profile was refused: it is not signed by this agency, was changed after "
        "it was signed, or is not newer than the one in force. Nothing was changed.",
    ),
    "policy_invalid": noop("Errors", "The policy setting {field} is out of range. Nothing was signed."),
    "enrolment_wrong_passphrase": noop(
        "Errors", "That passphrase does not open this enrolment bundle. Nothing was written."
    ),
    "enrolment_bundle_invalid": noop(
        "Errors",
        "This file is not a usable enrolment bundle. Nothing was written; ask your "
        "administrator for a new one.",
    ),
    "enrolment_other_agency": noop(
        "Errors", "This laptop already belongs to another agency. Nothing was changed."
    ),
    "card_invalid": noop(
        "Errors", "This file is not a usable agency card. Ask the partner to send it again."
    ),
    "agency_profile_invalid": noop(
        "Errors",
        "The agency details are not valid: check the name, and give each contact a phone "
        "number or an email address.",
    ),
    "identity_invalid": noop(
        "Errors", "The agency keys stored on this laptop cannot be read. Restore from a backup."
    ),
    "agency_not_initialised": noop(
        "Errors", "This laptop has no agency yet: create it, or join it from an enrolment bundle."
    ),
    "agency_already_initialised": noop("Errors", "This laptop already holds an agency."),
    "partner_is_self": noop("Errors", "That card is this agency's own card, not a partner's."),
    "partner_not_confirmed": noop(
        "Errors",
        "That partner agency is not confirmed yet: compare its fingerprint words by phone "
        "and confirm it first.",
    ),
    # sharing (ui/sync/)
    "no_consent": noop(
        "Errors",
        "No consent in force lets this case be shared with that partner for that purpose. "
        "Nothing was sent.",
    ),
    "nothing_to_share": noop(
        "Errors", "The consent covers nothing recorded in this case yet. Nothing was sent."
    ),
    "not_a_referral": noop("Errors", "That item is not a referral waiting for an answer."),
    "transport_unavailable": noop(
        "Errors", "The relay or folder cannot be reached right now. Everything stays queued."
    ),
    "transport_rejected": noop("Errors", "The relay or folder refused this laptop ({reason})."),
}

# Ids that may be shown: counts and numbers only; names and paths stay out of messages.
_SHOWN_IDS = frozenset({"seconds", "minimum", "seq", "user", "field", "reason"})


def error_text(err: IntakeError) -> str:
    """The translated sentence for a typed error, by its code (English template as fallback)."""
    template = _ERRORS.get(err.code)
    if template is None:
        return tr("Errors", _ERRORS["error"])
    values = {k: str(v) for k, v in err.ids.items() if k in _SHOWN_IDS}
    text = tr("Errors", template)
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return tr("Errors", _ERRORS["error"])


# --- times in words ---------------------------------------------------------------------------
def relative_time(iso: str, now: datetime | None = None) -> str:
    """'just now', '5 min ago', '3 h ago', 'yesterday 14:02', else the local date and time."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    seconds = (now - when).total_seconds()
    local = when.astimezone()
    clock = local.strftime("%H:%M")
    if 0 <= seconds < 60:
        return tr("Time", "just now")
    if 0 <= seconds < 3600:
        return tr("Time", "%1 min ago").replace("%1", str(int(seconds // 60)))
    if 0 <= seconds < 6 * 3600:
        return tr("Time", "%1 h ago").replace("%1", str(int(seconds // 3600)))
    today = now.astimezone().date()
    if local.date() == today:
        return tr("Time", "today %1").replace("%1", clock)
    if (today - local.date()).days == 1:
        return tr("Time", "yesterday %1").replace("%1", clock)
    return local_datetime(iso)


def local_datetime(iso: str) -> str:
    """A stored UTC time as the laptop's local date and time (ISO order: no day/month muddle)."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
