"""Agency policy: the settings an admin locks in for every laptop of the agency.

An `AgencyPolicy` is frozen and validated on construction; `to_dict` / `from_dict` are its JSON
form inside a signed profile (`intake_app.admin.profile`). `from_dict` is strict: an unknown or
missing field, a wrong type (a boolean is not a number, a float is not a whole number) or a value
out of range is refused with `PolicyError`. Admins may write a partial policy file; `partial=True`
fills what is missing from the defaults (the signed form always holds every field).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import ClassVar, Final
from urllib.parse import urlsplit

from intake_app.domain.case import CaseStatus
from intake_app.domain.policy import PacingPolicy
from intake_app.domain.protocol.languages import MAX_LANGUAGES, is_language_code
from intake_app.domain.retention import DEFAULT_RETENTION, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS
from intake_app.errors import IntakeError
from intake_app.storage.kdf import MAX_WORK_KIB, KdfParams

AUTO_LOCK_MAX_MINUTES: Final = 30
CONSENT_MAX_DAYS: Final = 365
KDF_MIN_MEMORY_MIB: Final = 8  # the key vault's own floor; production profiles use 64 or more
KDF_MAX_MEMORY_MIB: Final = 1024  # the key vault's own bound (storage/kdf.py)
KDF_MAX_TIME_COST: Final = 64
LANGUAGES: Final = ("en", "es")
MAX_PROTOCOLS: Final = 64
MAX_URL_CHARS: Final = 2048
DEFAULT_PROTOCOLS: Final = ("advocate_intake", "indicator_screening", "officer_victim_interview")

_PROTOCOL_ID_RE: Final = re.compile(r"^[a-z0-9_]{1,64}$")
_PACING_FIELDS: Final = tuple(f.name for f in fields(PacingPolicy))
_TOP_FIELDS: Final = (
    "auto_lock_minutes",
    "kdf_memory_mib",
    "kdf_time_cost",
    "relay_url",
    "protocols_enabled",
    "consent_default_days",
    "pacing",
    "language",
    "safety_steps",
    "neutral_title",
    "lockout_minutes",
    "cipher_memory_security",
    "identifying_requires_written",
    "consent_max_days",
    "minor_may_consent_alone",
    "attachment_max_mb",
    "retention_days",
    "interview_languages",
)
# Added after the first profiles were signed: a profile without them takes the defaults.
_LATER_FIELDS: Final = frozenset(
    {"safety_steps", "neutral_title", "lockout_minutes", "cipher_memory_security",
     "identifying_requires_written", "consent_max_days", "minor_may_consent_alone",
     "attachment_max_mb", "retention_days", "interview_languages"}
)
ATTACHMENT_MAX_MB: Final = 100
ATTACHMENT_DEFAULT_MB: Final = 20
LOCKOUT_MIN_MINUTES: Final = 10  # CJIS: at least ten minutes after five failed unlocks
LOCKOUT_MAX_MINUTES: Final = 24 * 60
MAX_SAFETY_STEPS_CHARS: Final = 2000
MAX_TITLE_CHARS: Final = 40


class PolicyError(IntakeError):
    """A policy value that is missing, of the wrong type or out of range."""

    code = "policy_invalid"
    template = "The agency policy is not valid: {field} {reason}."
    plain = "The policy setting {field} is out of range. Nothing was signed."
    plain_key = "field"
    plain_by: ClassVar[Mapping[str, str]] = {
        "relay_url": (
            "The relay address must start with https:// (http:// only to this same machine), "
            "or be left empty to share by USB stick only."
        ),
        "protocols_enabled": "Tick at least one interview guide.",
    }


def _whole(value: object, name: str, low: int, high: int) -> int:
    if type(value) is not int:
        raise PolicyError(field=name, reason="must be a whole number")
    if not low <= value <= high:
        raise PolicyError(field=name, reason=f"must be between {low} and {high}")
    return value


def _flag(value: object, name: str) -> bool:
    if type(value) is not bool:
        raise PolicyError(field=name, reason="must be true or false")
    return value


def _check_relay_url(url: object) -> str:
    """Empty (no relay), https://..., or http:// to this machine only (a local test relay)."""
    if not isinstance(url, str):
        raise PolicyError(field="relay_url", reason="must be text")
    if url == "":
        return url
    if len(url) > MAX_URL_CHARS or url != url.strip() or any(ord(c) < 33 for c in url):
        raise PolicyError(field="relay_url", reason="is not a web address")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        _ = parts.port
    except ValueError:
        raise PolicyError(field="relay_url", reason="is not a web address") from None
    if not host or parts.username or parts.password or parts.query or parts.fragment:
        raise PolicyError(field="relay_url", reason="must be https://host[:port][/path]")
    if parts.scheme == "https":
        return url
    if parts.scheme == "http":
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = host == "localhost"
        if loopback:
            return url
        raise PolicyError(field="relay_url", reason="must use https (http only to this machine)")
    raise PolicyError(field="relay_url", reason="must start with https://")


@dataclass(frozen=True, slots=True)
class AgencyPolicy:
    """What every laptop of the agency enforces. Defaults are the safe choice, not the cheap one.

    - auto_lock_minutes: lock after this much inactivity (1-30; default 10). A laptop left open
      in a shelter's shared office must not stay open for long.
    - kdf_memory_mib / kdf_time_cost: the minimum Argon2id cost for passphrases on new laptops.
    - relay_url: the agency's relay ("" = share by folder drop only).
    - protocols_enabled: interview protocol ids offered on these laptops (at least one).
    - consent_default_days: default expiry offered for a sharing consent (1-365; default 90).
    - pacing: when breaks and pauses are offered (see PacingPolicy).
    - language: the interface language a new laptop starts in (en, es).
    - safety_steps: what an interviewer does when an answer signals immediate danger, per
      language ({"en": ..., "es": ...}); empty: the app's general steps.
    - neutral_title: the window title while locked, e.g. "Notes" ("" = "Field Intake"); a lock
      screen seen over a shoulder should not name what the laptop is for.
    - lockout_minutes: how long unlocking stays refused after five failed attempts (10-1440).
    - cipher_memory_security: SQLCipher zeroes and locks its own memory (default off). It made
      bulk writes 14-35x and searches 8-10x slower here, SQLCipher itself turned it off by default
      in 4.5.0 for that cost, and the same answers also sit in Python strings it cannot scrub;
      the protection that counts is the app's lock (the database and keys dropped). An agency that
      wants it anyway switches it on; laptops apply it from the next unlock.
    - identifying_requires_written: a spoken (verbal) consent cannot release identifying fields
      (name, birth date, contact, immigration); only a written or signed one can (default on:
      VAWA/VOCA/FVPSA ask an informed, written release).
    - consent_max_days: the longest a sharing consent may run, whoever records it (1-365;
      default 365; at least consent_default_days). "Reasonably time-limited" is enforced in the
      services, not only offered in the dialog.
    - minor_may_consent_alone: the jurisdiction lets a person under 18 release identifying
      fields without a guardian (default off: the minor and a non-abusive guardian, as VAWA).
    - attachment_max_mb: the largest file a case may hold (a scanned release, a photographed
      document), 1 to 100 MB (default 20).
    - retention_days: how long a case of each status is kept after its last activity or
      closure before it is listed for deletion ({"closed": 2555}: seven years; a status not
      named is never due). Each 30 to 36600 days; a case under a legal hold is never due.
    - interview_languages: the languages interviews may be held in (default en, es; lower-case
      codes such as fr or pt-br, domain/protocol/languages.py). An interview starts only in one
      of them that its guide is written in; the app's own screens stay English and Spanish.
    """

    auto_lock_minutes: int = 10
    kdf_memory_mib: int = 64
    kdf_time_cost: int = 3
    relay_url: str = ""
    protocols_enabled: tuple[str, ...] = DEFAULT_PROTOCOLS
    consent_default_days: int = 90
    pacing: PacingPolicy = field(default_factory=PacingPolicy)
    language: str = "en"
    safety_steps: tuple[tuple[str, str], ...] = ()  # (language, text); a dict in JSON
    neutral_title: str = ""
    lockout_minutes: int = LOCKOUT_MIN_MINUTES
    cipher_memory_security: bool = False
    identifying_requires_written: bool = True
    consent_max_days: int = CONSENT_MAX_DAYS
    minor_may_consent_alone: bool = False
    attachment_max_mb: int = ATTACHMENT_DEFAULT_MB
    retention_days: tuple[tuple[str, int], ...] = DEFAULT_RETENTION  # (status, days); JSON dict
    interview_languages: tuple[str, ...] = LANGUAGES

    def __post_init__(self) -> None:
        _flag(self.identifying_requires_written, "identifying_requires_written")
        _flag(self.minor_may_consent_alone, "minor_may_consent_alone")
        _whole(self.auto_lock_minutes, "auto_lock_minutes", 1, AUTO_LOCK_MAX_MINUTES)
        _whole(self.lockout_minutes, "lockout_minutes", LOCKOUT_MIN_MINUTES, LOCKOUT_MAX_MINUTES)
        _whole(self.kdf_memory_mib, "kdf_memory_mib", KDF_MIN_MEMORY_MIB, KDF_MAX_MEMORY_MIB)
        _whole(self.kdf_time_cost, "kdf_time_cost", 1, KDF_MAX_TIME_COST)
        if self.kdf_memory_mib * 1024 * self.kdf_time_cost > MAX_WORK_KIB:
            raise PolicyError(field="kdf_time_cost",
                              reason="with this memory, makes every unlock take over a minute")
        _check_relay_url(self.relay_url)
        protocols = self.protocols_enabled
        if not isinstance(protocols, tuple) or not 1 <= len(protocols) <= MAX_PROTOCOLS:
            raise PolicyError(
                field="protocols_enabled", reason=f"must list 1 to {MAX_PROTOCOLS} protocols"
            )
        for pid in protocols:
            if not isinstance(pid, str) or not _PROTOCOL_ID_RE.match(pid):
                raise PolicyError(field="protocols_enabled", reason="holds an invalid protocol id")
        if len(set(protocols)) != len(protocols):
            raise PolicyError(field="protocols_enabled", reason="lists a protocol twice")
        _whole(self.consent_max_days, "consent_max_days", 1, CONSENT_MAX_DAYS)
        _whole(self.attachment_max_mb, "attachment_max_mb", 1, ATTACHMENT_MAX_MB)
        _whole(self.consent_default_days, "consent_default_days", 1, self.consent_max_days)
        if not isinstance(self.pacing, PacingPolicy):
            raise PolicyError(field="pacing", reason="must be a pacing policy")
        for name in _PACING_FIELDS:
            if getattr(self.pacing, name) != int(getattr(self.pacing, name)):
                raise PolicyError(field=f"pacing.{name}", reason="must be a whole number")
        if self.language not in LANGUAGES:
            raise PolicyError(field="language", reason=f"must be one of {', '.join(LANGUAGES)}")
        self._check_texts()
        if type(self.cipher_memory_security) is not bool:
            raise PolicyError(field="cipher_memory_security", reason="must be true or false")
        self._check_retention()
        langs = self.interview_languages
        if not isinstance(langs, tuple) or not 1 <= len(langs) <= MAX_LANGUAGES or not all(
                is_language_code(x) for x in langs) or len(set(langs)) != len(langs):
            raise PolicyError(field="interview_languages",
                              reason="must list 1 to 32 different language codes such as fr")

    def _check_retention(self) -> None:
        statuses = {s.value for s in CaseStatus}
        if not isinstance(self.retention_days, tuple) or not all(
                isinstance(p, tuple) and len(p) == 2 for p in self.retention_days):
            raise PolicyError(field="retention_days", reason="must be an object of days by status")
        seen: set[str] = set()
        for status, days in self.retention_days:
            if status not in statuses or status in seen:
                raise PolicyError(field="retention_days",
                                  reason="names an unknown or repeated case status")
            seen.add(status)
            _whole(days, "retention_days", RETENTION_MIN_DAYS, RETENTION_MAX_DAYS)

    def retention(self) -> dict[str, int]:
        """Days each status is kept, by status value (a status absent is kept for good)."""
        return dict(self.retention_days)

    def _check_texts(self) -> None:
        for lang, text in self.safety_steps:
            if lang not in LANGUAGES:
                raise PolicyError(field="safety_steps", reason=f"has an unknown language {lang}")
            if not isinstance(text, str) or len(text) > MAX_SAFETY_STEPS_CHARS:
                raise PolicyError(field="safety_steps",
                                  reason=f"must be text of at most {MAX_SAFETY_STEPS_CHARS} characters")
        title = self.neutral_title
        if not isinstance(title, str) or len(title) > MAX_TITLE_CHARS or (
                title and (title != title.strip() or not title.isprintable())):
            raise PolicyError(field="neutral_title",
                              reason=f"must be plain text of at most {MAX_TITLE_CHARS} characters")

    def safety_steps_in(self, language: str) -> str:
        """The agency's safety steps in `language` ("" when the agency wrote none)."""
        return dict(self.safety_steps).get(language, "")

    def kdf_params(self, lanes: int = 1) -> KdfParams:
        """The Argon2id parameters this policy asks for (lanes are the laptop's choice)."""
        return KdfParams(
            time_cost=self.kdf_time_cost, memory_kib=self.kdf_memory_mib * 1024, lanes=lanes
        )

    def kdf_at_least(self, base: KdfParams | None = None) -> KdfParams:
        """`base` (calibrated on this laptop when None) raised to this policy's minimum cost."""
        measured = base or KdfParams.calibrate()
        return KdfParams(
            time_cost=max(measured.time_cost, self.kdf_time_cost),
            memory_kib=max(measured.memory_kib, self.kdf_memory_mib * 1024),
            lanes=measured.lanes,
        )

    def to_dict(self) -> dict[str, object]:
        """The JSON form: only strings, whole numbers, lists and objects."""
        pacing: dict[str, object] = {}
        for name in _PACING_FIELDS:
            value = getattr(self.pacing, name)
            pacing[name] = int(value)  # whole seconds / counts: checked in from_dict
        return {
            "auto_lock_minutes": self.auto_lock_minutes,
            "kdf_memory_mib": self.kdf_memory_mib,
            "kdf_time_cost": self.kdf_time_cost,
            "relay_url": self.relay_url,
            "protocols_enabled": list(self.protocols_enabled),
            "consent_default_days": self.consent_default_days,
            "pacing": pacing,
            "language": self.language,
            "safety_steps": dict(self.safety_steps),
            "neutral_title": self.neutral_title,
            # Later settings are written only when not their default: every profile signed
            # before they existed keeps exactly the bytes it was signed as.
            **({"lockout_minutes": self.lockout_minutes}
               if self.lockout_minutes != LOCKOUT_MIN_MINUTES else {}),
            **({"cipher_memory_security": True} if self.cipher_memory_security else {}),
            **({"identifying_requires_written": False}
               if not self.identifying_requires_written else {}),
            **({"consent_max_days": self.consent_max_days}
               if self.consent_max_days != CONSENT_MAX_DAYS else {}),
            **({"minor_may_consent_alone": True} if self.minor_may_consent_alone else {}),
            **({"retention_days": dict(self.retention_days)}
               if self.retention_days != DEFAULT_RETENTION else {}),
            **({"attachment_max_mb": self.attachment_max_mb}
               if self.attachment_max_mb != ATTACHMENT_DEFAULT_MB else {}),
            **({"interview_languages": list(self.interview_languages)}
               if self.interview_languages != LANGUAGES else {}),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object], *, partial: bool = False) -> AgencyPolicy:
        """Strict inverse of to_dict; `partial=True` takes defaults for missing fields."""
        if not isinstance(data, Mapping):
            raise PolicyError(field="policy", reason="must be a JSON object")
        unknown = sorted(set(data) - set(_TOP_FIELDS))
        if unknown:
            raise PolicyError(field=str(unknown[0]), reason="is not a policy setting")
        missing = [k for k in _TOP_FIELDS if k not in data and k not in _LATER_FIELDS]
        if missing and not partial:
            raise PolicyError(field=missing[0], reason="is missing")
        defaults = cls()
        values: dict[str, object] = {}
        for key in _TOP_FIELDS:
            if key in data:
                values[key] = data[key]
        if "protocols_enabled" in values:
            raw = values["protocols_enabled"]
            if not isinstance(raw, list):
                raise PolicyError(field="protocols_enabled", reason="must be a list")
            values["protocols_enabled"] = tuple(raw)
        if "interview_languages" in values:
            raw = values["interview_languages"]
            if not isinstance(raw, list):
                raise PolicyError(field="interview_languages", reason="must be a list")
            values["interview_languages"] = tuple(raw)
        if "pacing" in values:
            values["pacing"] = _pacing_from_dict(values["pacing"], defaults.pacing, partial)
        _pairs(values, "safety_steps", "must be an object of texts by language")
        _pairs(values, "retention_days", "must be an object of days by status")
        for key in ("relay_url", "language", "neutral_title"):
            if key in values and not isinstance(values[key], str):
                raise PolicyError(field=key, reason="must be text")
        return cls(**values)  # type: ignore[arg-type]  # each value is checked in __post_init__

    def with_changes(self, **changes: object) -> AgencyPolicy:
        """A copy with some settings changed (validated like a new policy)."""
        return AgencyPolicy.from_dict({**self.to_dict(), **changes})


def _pairs(values: dict[str, object], key: str, reason: str) -> None:
    """A JSON object setting as the sorted pairs the frozen policy holds."""
    if key not in values:
        return
    raw = values[key]
    if not isinstance(raw, Mapping):
        raise PolicyError(field=key, reason=reason)
    values[key] = tuple(sorted(raw.items()))


def _pacing_from_dict(raw: object, defaults: PacingPolicy, partial: bool) -> PacingPolicy:
    if not isinstance(raw, Mapping):
        raise PolicyError(field="pacing", reason="must be a JSON object")
    unknown = sorted(set(raw) - set(_PACING_FIELDS))
    if unknown:
        raise PolicyError(field=f"pacing.{unknown[0]}", reason="is not a pacing setting")
    values: dict[str, int | float] = {}
    for name in _PACING_FIELDS:
        if name not in raw:
            if not partial:
                raise PolicyError(field=f"pacing.{name}", reason="is missing")
            values[name] = getattr(defaults, name)
            continue
        values[name] = _whole(raw[name], f"pacing.{name}", 1, 24 * 60 * 60)
    try:
        return PacingPolicy(**values)  # type: ignore[arg-type]  # names come from its fields
    except IntakeError as exc:
        raise PolicyError(field="pacing", reason=exc.message) from None
