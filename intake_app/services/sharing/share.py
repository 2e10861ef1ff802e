"""The share rule: which fields of a case a LIVE consent lets leave for one recipient and purpose.

`compute_share` is the one place that decides it (pure, property-tested). Every shared field
carries its provenance: "police-origin" when it was recorded in an officer's interview (or, for
case-level fields, when this agency is law enforcement), else "advocate-origin". Fields with no
category (notes, answers to questions no shipped protocol knows) never leave.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from intake_app import errors
from intake_app.domain.agency import AgencyKind
from intake_app.domain.answers import Value
from intake_app.domain.consent import Category, Consent, Purpose
from intake_app.domain.protocol import Protocol
from intake_app.storage.sharing.material import CaseMaterial

PAYLOAD_VERSION = 1
ADVOCATE_ORIGIN = "advocate-origin"
POLICE_ORIGIN = "police-origin"
PROVENANCES = frozenset({ADVOCATE_ORIGIN, POLICE_ORIGIN})

# Case-level columns and the consent category each belongs to.
CASE_FIELD_CATEGORIES: dict[str, Category] = {
    "preferred_name": Category.IDENTITY,
    "legal_name": Category.IDENTITY,
    "date_of_birth": Category.IDENTITY,
    "contact": Category.CONTACT,
    "immigration": Category.IMMIGRATION,
    "language": Category.NEEDS,
}
IDENTIFYING_CASE_FIELDS = frozenset(
    {"preferred_name", "legal_name", "date_of_birth", "contact", "immigration"}
)


class NoConsent(errors.IntakeError):
    """No live consent of this case covers this recipient and purpose: nothing may leave."""

    code = "no_consent"
    template = (
        "No live consent lets case {case_id} be shared with {recipient_id} for {purpose}."
        " Nothing was queued."
    )
    plain = (
        "No consent in force lets this case be shared with that partner for that purpose. Nothing"
        " was sent."
    )


@dataclass(frozen=True, slots=True)
class CaseField:
    """One field of a case as a share would carry it. `repr` hides the value."""

    key: str  # "case:<column>" or "answer:<interview id>:<question id>"
    name: str  # column name or question id
    category: Category
    identifying: bool
    provenance: str
    state: str  # "value", "declined", "not_asked", "unknown"
    value: Value | None = field(default=None)
    protocol_id: str | None = None

    def __repr__(self) -> str:
        return f"CaseField(key={self.key}, category={self.category.value}, state={self.state})"

    def to_payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "category": self.category.value,
            "identifying": self.identifying,
            "provenance": self.provenance,
            "state": self.state,
            "value": self.value,
        }
        if self.protocol_id is not None:
            out["protocol"] = self.protocol_id
        return out


@dataclass(frozen=True, slots=True)
class ShareSelection:
    fields: tuple[CaseField, ...]
    consent_ids: tuple[int, ...]  # the live consents that cover at least one shared field
    categories: frozenset[Category]  # what the live consents cover for this recipient+purpose
    withheld: int  # fields of the case that stay (ids only are ever shown for these)


def provenance_for_role(role: str, agency_kind: AgencyKind | None) -> str:
    if role == "officer":
        return POLICE_ORIGIN
    if role == "advocate":
        return ADVOCATE_ORIGIN
    return POLICE_ORIGIN if agency_kind is AgencyKind.LAW_ENFORCEMENT else ADVOCATE_ORIGIN


def case_fields(
    material: CaseMaterial,
    protocols: Mapping[str, Protocol],
    agency_kind: AgencyKind | None,
) -> tuple[list[CaseField], int]:
    """Every field of a case that has a category; and how many have none (never shareable)."""
    out: list[CaseField] = []
    uncategorised = 0
    case_provenance = provenance_for_role("", agency_kind)
    for name, category in CASE_FIELD_CATEGORIES.items():
        value = material.fields.get(name)
        if value:
            out.append(
                CaseField(
                    key=f"case:{name}",
                    name=name,
                    category=category,
                    identifying=name in IDENTIFYING_CASE_FIELDS,
                    provenance=case_provenance,
                    state="value",
                    value=value,
                )
            )
    for interview in material.interviews:
        protocol = protocols.get(interview.protocol_id)
        questions = {q.id: q for q in protocol.questions} if protocol is not None else {}
        provenance = provenance_for_role(interview.role, agency_kind)
        for qid, answer in sorted(interview.answers.items()):
            question = questions.get(qid)
            if question is None:  # unknown question: no category, fail closed
                uncategorised += 1
                continue
            out.append(
                CaseField(
                    key=f"answer:{interview.interview_id}:{qid}",
                    name=qid,
                    category=question.category,
                    identifying=question.identifying,
                    provenance=provenance,
                    state=answer.state.value,
                    value=answer.value,
                    protocol_id=interview.protocol_id,
                )
            )
    return out, uncategorised


def compute_share(
    case_id: int,
    fields: Sequence[CaseField],
    case_consents: Sequence[Consent],
    recipient_id: str,
    purpose: Purpose,
    now: datetime,
    *,
    uncategorised: int = 0,
) -> ShareSelection:
    """Select the fields a live consent covers; raises NoConsent when none is live.

    A field is kept only if some consent of THIS case is live at `now`, names this recipient
    and this purpose, and lists the field's category. Nothing else decides.
    """
    live = [
        c
        for c in case_consents
        if c.case_id == case_id
        and c.recipient_id == recipient_id
        and c.purpose is purpose
        and c.is_live(now)
    ]
    if not live:
        raise NoConsent(case_id=case_id, recipient_id=recipient_id, purpose=purpose.value)
    kept: list[CaseField] = []
    used: set[int] = set()
    withheld = uncategorised
    for f in fields:
        covering = [c.id for c in live if c.covers(recipient_id, purpose, f.category, now)]
        if covering:
            kept.append(f)
            used.update(covering)
        else:
            withheld += 1
    categories = frozenset(cat for c in live for cat in c.categories)
    return ShareSelection(tuple(kept), tuple(sorted(used)), categories, withheld)
