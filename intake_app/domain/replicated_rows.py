"""How interviews, answers, consents and never-share entries travel as ops: the text of their
values, and the checks a received value must pass before it reaches the database.

Answers: one register per question (entity "answer", the interview's uid, the question id as
field); the value is `{"s": state, "v": value JSON}`, None when the answer was cleared.
Consents: the record as given (one op, never edited) and its withdrawal time (the earliest
known wins: a consent withdrawn on any laptop is withdrawn). Never-share: one register per
agency id on the case ("1" listed, None removed).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from intake_app.domain.agency import AgencyKind
from intake_app.domain.answers import Answer, AnswerState
from intake_app.domain.case import Role
from intake_app.domain.consent import (
    AgreementKind,
    Category,
    Consent,
    GivenBy,
    Method,
    Purpose,
    purpose_words,
)
from intake_app.domain.reporting.facts import (
    FACTS,
    ClosureReason,
    ReferralOutcome,
    ServiceCategory,
    ServiceOutcome,
)

QUESTION_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")  # as protocols name them
# An agency on a never-share list: its id as the list holds it (a directory id, or typed).
AGENCY_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,200}$")
INTERVIEW_FIELDS: tuple[str, ...] = (
    "protocol_id", "protocol_version", "language", "role", "status", "started_at", "ended_at",
    "held_by",
)
CONSENT_FIELDS: tuple[str, ...] = ("record", "withdrawn_at")
# A case's reportable facts, one register each ("closure": `[day, reason]`, both or neither).
FACT_FIELDS: tuple[str, ...] = (*FACTS, "counted", "intake_on", "closure")
# Rows only ever added (or, for do-not-contact, removed): one op holding the row as JSON.
ROW_KINDS: dict[str, tuple[str, ...]] = {
    "service": ("on", "category", "by", "outcome", "created_at"),
    "referral": ("on", "category", "by", "to", "outcome", "created_at"),
    "agreement": ("kind", "agreed", "method", "language", "given_at"),
    "do_not_contact": ("name", "relation", "created_at"),
}
_ACTORS = frozenset({*(r.value for r in Role), *(k.value for k in AgencyKind)})
_RELATIONS = frozenset({"trafficker", "abuser", "other"})
INTERVIEW_STATUSES = frozenset({"open", "paused", "complete"})
MAX_TEXT = 10_000


def encode_answer(answer: Answer | None) -> str | None:
    if answer is None:
        return None
    return json.dumps({"s": answer.state.value, "v": answer.value_json()}, sort_keys=True,
                      ensure_ascii=False)


def decode_answer(text: str) -> Answer:
    """ValueError when the text is not an answer."""
    try:
        raw = json.loads(text)
        return Answer.from_stored(str(raw["s"]), None if raw["v"] is None else str(raw["v"]))
    except (KeyError, TypeError, json.JSONDecodeError) as err:
        raise ValueError("not an answer") from err


def answer_shown(text: str | None) -> tuple[AnswerState | None, str | None]:
    """(state, value as text) for showing a version side by side; (None, None) when cleared."""
    if text is None:
        return None, None
    answer = decode_answer(text)
    if answer.value is None:
        return answer.state, None
    value = answer.value
    return answer.state, ", ".join(value) if isinstance(value, list) else str(value)


def encode_consent(consent: Consent) -> str:
    # A listed purpose's record keeps the form it had before purposes in words existed.
    words = {} if consent.purpose_text is None else {"purpose_text": consent.purpose_text}
    return json.dumps({**words,
        "purpose": consent.purpose.value, "recipient_id": consent.recipient_id,
        "categories": sorted(c.value for c in consent.categories), "wording": consent.wording,
        "language": consent.language, "method": consent.method.value,
        "interpreter": consent.interpreter, "given_at": consent.given_at.isoformat(),
        "expires_at": consent.expires_at.isoformat(), "given_by": consent.given_by.value,
        "guardian": consent.guardian,
    }, sort_keys=True, ensure_ascii=False)


def decode_consent(text: str, case_id: int) -> Consent:
    """The consent a record op carries (id 0: not stored yet); ValueError when malformed."""
    try:
        raw: dict[str, Any] = json.loads(text)
        guardian = raw["guardian"]
        consent = Consent(
            id=0, case_id=case_id, purpose=Purpose(raw["purpose"]),
            recipient_id=str(raw["recipient_id"]),
            categories=frozenset(Category(c) for c in raw["categories"]),
            wording=str(raw["wording"]), language=str(raw["language"]),
            method=Method(raw["method"]), interpreter=bool(raw["interpreter"]),
            given_at=datetime.fromisoformat(raw["given_at"]),
            expires_at=datetime.fromisoformat(raw["expires_at"]),
            withdrawn_at=None, given_by=GivenBy(raw["given_by"]),
            guardian=None if guardian is None else str(guardian),
        )
        words = raw.get("purpose_text")
        if words is not None and not isinstance(words, str):
            raise TypeError("purpose words are text")
        consent = replace(consent, purpose_text=purpose_words(consent.purpose, words))
    except (KeyError, TypeError, ValueError, json.JSONDecodeError) as err:
        raise ValueError("not a consent record") from err
    if not consent.categories or not 0 < len(consent.recipient_id) <= 200:
        raise ValueError("not a consent record")
    if consent.given_at.tzinfo is None or consent.expires_at.tzinfo is None:
        raise ValueError("not a consent record")
    return consent


@dataclass(frozen=True, slots=True)
class Hold:
    """An interview's sitting is open on this laptop: answers are given there, not elsewhere."""

    replica: str
    laptop: str
    user: str
    since: str

    def text(self) -> str:
        return json.dumps({"r": self.replica, "l": self.laptop, "u": self.user, "t": self.since},
                          sort_keys=True, ensure_ascii=False)

    @classmethod
    def parse(cls, text: str) -> Hold:
        try:
            raw = json.loads(text)
            hold = cls(str(raw["r"]), str(raw["l"]), str(raw["u"]), str(raw["t"]))
            datetime.fromisoformat(hold.since)
        except (KeyError, TypeError, ValueError, json.JSONDecodeError) as err:
            raise ValueError("not a hold") from err
        if max(len(hold.laptop), len(hold.user)) > 200:
            raise ValueError("not a hold")
        return hold


def encode_row(kind: str, values: dict[str, Any]) -> str:
    return json.dumps({k: values[k] for k in ROW_KINDS[kind]}, sort_keys=True,
                      ensure_ascii=False)


def decode_row(kind: str, text: str) -> dict[str, Any]:
    """The row a `row` op carries, every value checked against what its table accepts."""
    try:
        raw = json.loads(text)
        row = {k: raw[k] for k in ROW_KINDS[kind]}
        _check_row(kind, row)
        if not all(isinstance(v, str | int) for v in row.values()):
            _bad()
    except (KeyError, TypeError, ValueError, json.JSONDecodeError) as err:
        raise ValueError(f"not a {kind} record") from err
    return row


def _check_row(kind: str, row: dict[str, Any]) -> None:
    if kind in ("service", "referral"):
        date.fromisoformat(row["on"])
        ServiceCategory(row["category"])
    if kind == "service":
        ServiceOutcome(row["outcome"])
        if row["by"] not in _ACTORS:
            raise ValueError("not a service giver")
    elif kind == "referral":
        Role(row["by"])
        AgencyKind(row["to"])
        ReferralOutcome(row["outcome"])
    elif kind == "agreement":
        AgreementKind(row["kind"])
        Method(row["method"])
        datetime.fromisoformat(row["given_at"])
        if row["agreed"] not in (0, 1):
            raise ValueError("agreed is 0 or 1")
    elif kind == "do_not_contact" and (row["relation"] not in _RELATIONS
                                       or not 0 < len(row["name"]) <= 200):
        raise ValueError("not a do-not-contact entry")


def _bad() -> None:
    raise ValueError("not text or a number")


def check_fact(field: str, value: str) -> None:
    if field in FACTS:
        FACTS[field](value)
    elif field == "counted" and value not in ("0", "1"):
        raise ValueError("counted is 0 or 1")
    elif field == "intake_on":
        date.fromisoformat(value)
    elif field == "closure":
        on, reason = json.loads(value)
        date.fromisoformat(on)
        ClosureReason(reason)


def check_value(entity: str, field: str, value: str | None) -> None:
    """ValueError naming what is wrong with a received op's value for these entities."""
    if value is None:
        return
    if len(value) > MAX_TEXT and entity != "answer":
        raise ValueError("a value is too long")
    if entity == "answer":
        decode_answer(value)
    elif entity == "consent" and field == "record":
        decode_consent(value, 0)
    elif entity == "consent" or (entity == "interview" and field in ("started_at", "ended_at")):
        datetime.fromisoformat(value)
    elif entity == "interview" and field == "role":
        Role(value)
    elif entity == "interview" and field == "status" and value not in INTERVIEW_STATUSES:
        raise ValueError("an unknown interview status")
    elif entity == "interview" and field == "held_by":
        Hold.parse(value)
    elif entity == "never_share" and value != "1":
        raise ValueError("a never-share entry is either there or not")
    elif entity == "facts":
        try:
            check_fact(field, value)
        except (TypeError, ValueError, json.JSONDecodeError) as err:
            raise ValueError("a reportable fact is out of range") from err
    elif entity == "row":
        decode_row(field, value)


def valid_field(entity: str, field: str) -> bool:
    """Whether an op of this kind may name this field (the keyed entities name a question or
    an agency)."""
    if entity == "answer":
        return bool(QUESTION_ID.match(field))
    if entity == "never_share":
        return bool(AGENCY_ID.match(field))
    if entity == "interview":
        return field in INTERVIEW_FIELDS
    if entity == "facts":
        return field in FACT_FIELDS
    if entity == "row":
        return field in ROW_KINDS
    return entity == "consent" and field in CONSENT_FIELDS
