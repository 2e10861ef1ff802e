"""The share rule: which fields of a case a LIVE consent lets leave for one recipient and purpose.

`compute_share` is the one place that decides it (pure, property-tested). Every shared field
carries its provenance: "police-origin" when it was recorded in an officer's interview (or, for
case-level fields, when this agency is law enforcement), else "advocate-origin". Fields with no
category (notes, answers to questions no installed protocol version knows) never leave.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from intake_app import errors
from intake_app.domain.agency import AgencyKind
from intake_app.domain.answers import Value
from intake_app.domain.consent import (
    IDENTIFYING_CATEGORIES,
    Category,
    Consent,
    ConsentRules,
    GivenBy,
    Purpose,
    Withheld,
    may_release,
    same_person,
)
from intake_app.domain.protocol import Protocol
from intake_app.domain.screening import birth_date_minor, screen
from intake_app.services.protocols import Registry
from intake_app.storage.sharing.material import CaseMaterial, InterviewMaterial

PAYLOAD_VERSION = 1
# A withdrawal names the consent by every reference its shares cited (a laptop upgraded in
# between cited the local id before and a uid-based number since).
MAX_ALSO_REFS = 8
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


class NeverShare(errors.IntakeError):
    """The case's never-share list names this agency: nothing leaves to it, whatever consent."""

    code = "never_share"
    template = "Case {case_id} must never be shared with {recipient_id}. Nothing was queued."
    plain = (
        "The person asked that nothing about them ever goes to that agency. Nothing was sent."
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
    # Each categorised field that stays, and why: (field, reason). No value is ever read here.
    reasons: tuple[tuple[CaseField, Withheld], ...] = ()


def provenance_for_role(role: str, agency_kind: AgencyKind | None) -> str:
    if role == "officer":
        return POLICE_ORIGIN
    if role == "advocate":
        return ADVOCATE_ORIGIN
    return POLICE_ORIGIN if agency_kind is AgencyKind.LAW_ENFORCEMENT else ADVOCATE_ORIGIN


def protocol_of(protocols: Mapping[str, Protocol], interview: InterviewMaterial
                ) -> Protocol | None:
    """The protocol `interview` was recorded under: from the installed registry, exactly its
    version (another version may file the same question under another category); from a plain
    mapping of id -> protocol, by id."""
    if isinstance(protocols, Registry):
        return protocols.version(interview.protocol_id, interview.protocol_version)
    return protocols.get(interview.protocol_id)


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
        protocol = protocol_of(protocols, interview)
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
    rules: ConsentRules | None = None,
    minor: bool = False,
    never: frozenset[str] = frozenset(),
    purpose_text: str | None = None,
) -> ShareSelection:
    """Select the fields a live consent covers; raises NoConsent when none is live.

    A field is kept only if some consent of THIS case is live at `now`, names this recipient
    and this purpose (another purpose: in the same words), lists the field's category, and may
    release a field of its kind under the agency's `rules` (an identifying field needs a
    written or signed consent when the policy says so and, when the person may be a `minor`,
    the guardian's consent as well).
    Every other field stays, with its reason. An agency on the case's `never` list gets nothing:
    `NeverShare`, before any consent is read.
    """
    if recipient_id in never:
        raise NeverShare(case_id=case_id, recipient_id=recipient_id)
    rules = rules or ConsentRules()
    live = [
        c
        for c in case_consents
        if c.case_id == case_id
        and c.recipient_id == recipient_id
        and c.serves(purpose, purpose_text)
        and c.is_live(now)
    ]
    if not live:
        raise NoConsent(case_id=case_id, recipient_id=recipient_id, purpose=purpose.value)
    kept: list[CaseField] = []
    used: set[int] = set()
    reasons: list[tuple[CaseField, Withheld]] = []
    for f in fields:
        naming = [c for c in live if c.covers(recipient_id, purpose, f.category, now, purpose_text)]
        identifying = f.identifying or f.category in IDENTIFYING_CATEGORIES
        refusals = [may_release(c, identifying, rules, minor=minor) for c in naming]
        covering = [c.id for c, no in zip(naming, refusals, strict=True) if no is None]
        if covering:
            kept.append(f)
            used.update(covering)
        else:
            reasons.append((f, next((r for r in refusals if r is not None), Withheld.NOT_COVERED)))
    categories = frozenset(cat for c in live for cat in c.categories)
    return ShareSelection(
        tuple(kept), tuple(sorted(used)), categories, uncategorised + len(reasons), tuple(reasons)
    )


def may_be_minor(material: CaseMaterial, protocols: Mapping[str, Protocol], now: datetime) -> bool:
    """Whether the case's date of birth or any age, age range or birth-date answer makes the
    person possibly under 18 (the interview's mandatory-reporting rule, read the same way)."""
    today = now.date()
    if birth_date_minor(material.fields.get("date_of_birth"), today):
        return True
    pairs = [(p, i.answers) for i in material.interviews
             if (p := protocol_of(protocols, i)) is not None]
    return screen(pairs, "", today).possible_minor


def guardians_checked(
    case_consents: Sequence[Consent], barred: Sequence[tuple[int, str, str]]
) -> list[Consent]:
    """The consents as they stand once the case's do-not-contact list is read: a guardian on
    it (recorded after the consent, say) never counts. Together with the person: the person's
    part stands alone; the guardian alone: nothing stands."""
    out: list[Consent] = []
    for c in case_consents:
        if c.guardian is not None and any(same_person(c.guardian, n) for _, n, _ in barred):
            if c.given_by is GivenBy.GUARDIAN:
                continue
            c = replace(c, given_by=GivenBy.PERSON)  # noqa: PLW2901 - the checked consent
        out.append(c)
    return out
