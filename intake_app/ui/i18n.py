"""Languages: Qt translators for every resources/translations/*_<lang>.qm, and errors in words."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from intake_app.errors import SHOWN_IDS, IntakeError
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


def language_name(code: str) -> str:
    """"français (French)" for fr; the code itself when Qt does not know it. English and Spanish
    by their plain names (Qt would say "American English", "español de España")."""
    plain = {"en": "English", "es": "español (Spanish)"}
    if code in plain:
        return plain[code]
    head, *tags = code.split("-")  # Qt spells "zh-hant" "zh_Hant" and "pt-br" "pt_BR"
    locale = QLocale("_".join([head, *(t.title() if len(t) == 4 else t.upper() for t in tags)]))
    if locale.language() == QLocale.Language.C:
        return code
    native, english = locale.nativeLanguageName() or code, QLocale.languageToString(locale.language())
    return native if native == english else f"{native} ({english})"


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


# --- errors in words: the one place a typed error becomes a translated sentence --------------
def error_text(err: IntakeError) -> str:
    """The error's plain sentence (errors.py), translated, with only the ids it may show."""
    values = {k: str(v) for k, v in err.ids.items() if k in SHOWN_IDS}
    try:
        return tr("Errors", err.plain_source()).format(**values)
    except (KeyError, IndexError, ValueError):
        return tr("Errors", IntakeError.plain or IntakeError.template)


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


def duration_words(seconds: int) -> str:
    """A span a person reads at a glance: '12 min', '3 h', '2 days' (rounded down)."""
    if seconds < 3600:
        return tr("Time", "%1 min").replace("%1", str(max(1, seconds // 60)))
    if seconds < 2 * 86400:
        return tr("Time", "%1 h").replace("%1", str(seconds // 3600))
    return tr("Time", "%1 days").replace("%1", str(seconds // 86400))


def local_datetime(iso: str) -> str:
    """A stored UTC time as the laptop's local date and time (ISO order: no day/month muddle)."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")
