"""From the fields a share would carry to HTCDS fields and value names.

The input is a share selection (services/sharing/share.py `CaseField`, read through the small
`SharedField` protocol below, so this module needs nothing from services): case columns and
protocol answers, each already cleared by a live consent. The output keeps only what has a home
in the standard; everything else is left out, and `NOT_EXPORTED` says why, for the mapping table
in docs/htcds-mapping.md (a test keeps the two in step).

Answers reach the standard three ways:
- a question that `fills` a case column maps as that column does (preferred_name, date_of_birth);
- a question that `feeds` a reportable fact maps through the fact (gender, trafficking type);
- a few shipped questions map one by one (`ANSWER_RULES`), a "yes" giving one value name.
Declined, unknown and not-asked answers give the standard's own unknown value where the field
has one (only prs_Gender does), else nothing: a multiselect has no way to say "not known", and an
absent value is what the standard reads as "not recorded".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from intake_app.domain.answers import Answer, AnswerState, Value
from intake_app.domain.htcds.countries import COUNTRIES
from intake_app.domain.htcds.standard import (
    FIELDS,
    PRS_BIRTHDATE,
    PRS_CITIZENSHIP,
    PRS_FIRST_NAME,
    PRS_GENDER,
    PRS_PRIMARY_LANGUAGE,
    VIC_METHODS_OF_CONTROL,
    VIC_TYPE_OF_EXPLOITATION,
    FieldType,
    StandardField,
)
from intake_app.domain.reporting.facts import Gender, TraffickingType
from intake_app.domain.reporting.feeds import FactFeed

# One exported value: (HTCDS field name, value name or text).
Pair = tuple[str, str]
Record = dict[str, str | list[str]]


class SharedField(Protocol):
    """What the mapping reads of one field of a share selection (a CaseField)."""

    @property
    def key(self) -> str: ...  # "case:<column>" or "answer:<interview>:<question>"
    @property
    def name(self) -> str: ...  # the column or the question id
    @property
    def state(self) -> str: ...  # an AnswerState value
    @property
    def value(self) -> Value | None: ...
    @property
    def protocol_id(self) -> str | None: ...


class QuestionInfo(Protocol):
    """What the mapping reads of a protocol question (a protocol.Question)."""

    @property
    def fills(self) -> str | None: ...
    @property
    def feeds(self) -> FactFeed | None: ...


GENDER_VALUES: dict[Gender, str | None] = {
    Gender.FEMALE: "Feminine",
    Gender.MALE: "Masculine",
    # The standard splits it into TransgenderFeminine / TransgenderMasculine; which one is not
    # recorded here, and choosing for the person would be inventing.
    Gender.TRANSGENDER: None,
    Gender.NON_BINARY: "NonConforming",
    Gender.OTHER: None,  # no value name says "another gender"
    Gender.UNKNOWN: PRS_GENDER.unknown,
    Gender.DECLINED: PRS_GENDER.unknown,
}
TRAFFICKING_VALUES: dict[TraffickingType, tuple[str, ...]] = {
    TraffickingType.SEX: ("SexualExploitation",),
    TraffickingType.LABOUR: ("ForcedLabour",),
    TraffickingType.BOTH: ("SexualExploitation", "ForcedLabour"),
    TraffickingType.UNKNOWN: (),  # the multiselect has no "unknown"
    TraffickingType.DECLINED: (),
}


@dataclass(frozen=True, slots=True)
class AnswerRule:
    """A shipped question whose answer `when` gives one value name of one HTCDS field."""

    protocol_id: str
    question_id: str
    field: StandardField
    value: str
    when: str = "yes"


ANSWER_RULES: tuple[AnswerRule, ...] = (
    AnswerRule("indicator_screening", "threatened", VIC_METHODS_OF_CONTROL, "PhysicalThreats"),
    AnswerRule("officer_victim_interview", "threats_received", VIC_METHODS_OF_CONTROL,
               "PhysicalThreats"),
    AnswerRule("indicator_screening", "threat_of_authorities", VIC_METHODS_OF_CONTROL,
               "ThreatsLawEnforcement"),
    AnswerRule("indicator_screening", "debt_keeps_growing", VIC_METHODS_OF_CONTROL,
               "DebtBondage"),
    AnswerRule("indicator_screening", "lied_about_terms", VIC_METHODS_OF_CONTROL, "FalsePromises"),
    AnswerRule("indicator_screening", "documents_held", VIC_METHODS_OF_CONTROL,
               "WithholdsDocuments"),
)
_RULES = {(r.protocol_id, r.question_id): r for r in ANSWER_RULES}
# Questions whose answer is the person's language (free text, exported only when it is a code).
LANGUAGE_QUESTIONS = frozenset({("advocate_intake", "language_preferred"),
                                ("officer_victim_interview", "interview_language")})

# Questions whose answer is the person's nationality (free text, exported only when it is one of
# the standard's country codes or names). "NA" is Namibia's code but mostly means "not
# applicable" when typed, so only the name "Namibia" gives it.
NATIONALITY_QUESTIONS = frozenset({("officer_victim_interview", "nationality")})
_COUNTRY_CODES = {code for code, _ in COUNTRIES if code != "NA"}
_COUNTRY_NAMES = {name.casefold(): code for code, name in COUNTRIES}

# What is never exported, and why: (Field Intake field, reason). docs/htcds-mapping.md lists it.
NOT_EXPORTED: tuple[tuple[str, str], ...] = (
    ("case code", "the agency's own reference; it is not part of a share"),
    ("legal_name", "HTCDS splits a name into first, middle and second names; one text cannot be"
                   " split without guessing"),
    ("contact", "free text; HTCDS splits contact into email, phones and a mailing address"),
    ("immigration", "free text; HTCDS has no field for immigration details"),
    ("nationality not written as a country", "prs_Citizenship takes ISO 3166 country codes; only"
                                             " a code or a name of the standard's list is read"),
    ("language not written as a code", "prs_PrimaryLanguage takes ISO 639 codes; a language name"
                                       " is not turned into a code"),
    ("gender transgender or other", "HTCDS has TransgenderFeminine/TransgenderMasculine and no"
                                    " 'other'; which one is not recorded"),
    ("age group, age answers", "HTCDS has only vic_AgeWhenTrafficked, an exact age at the time"
                               " of trafficking"),
    ("nationality group", "prs_Citizenship takes a country code, not a group"),
    ("referral source", "cas_ReferringOrganisation is a lookup to an organisation record"),
    ("trafficking type unknown or declined", "vic_TypeOfExploitation has no unknown value"),
    ("services, referrals, closure", "recorded facts, not part of a share: no consent category"
                                     " covers them"),
    ("screening result", "decision support, never a verdict; vic_TraffickingStatus is a"
                         " determination"),
    ("every other answer", "no HTCDS field holds it (free-text accounts, needs, safety)"),
    ("notes, attachments, consents", "never part of a share"),
)

_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2})?$")


def _text(f: SharedField) -> str | None:
    if f.state != AnswerState.VALUE.value or not isinstance(f.value, str):
        return None
    text = f.value.strip()
    return text or None


def _column(column: str, f: SharedField) -> list[Pair]:
    """A case column (or an answer that fills it) as the standard's field."""
    text = _text(f)
    if text is None:
        return []
    if column == "preferred_name":
        return [(PRS_FIRST_NAME.name, text)]
    if column == "date_of_birth":
        try:
            return [(PRS_BIRTHDATE.name, date.fromisoformat(text).isoformat())]
        except ValueError:
            return []
    if column == "language":
        return _language(text)
    return []


def _language(text: str) -> list[Pair]:
    return [(PRS_PRIMARY_LANGUAGE.name, text)] if _LANGUAGE_CODE.match(text) else []


def _citizenship(text: str) -> list[Pair]:
    words = " ".join(text.split())
    code = words if words in _COUNTRY_CODES else _COUNTRY_NAMES.get(words.casefold())
    return [] if code is None else [(PRS_CITIZENSHIP.name, code)]


def _answer(f: SharedField) -> Answer:
    state = AnswerState(f.state)
    return Answer(state, f.value if state is AnswerState.VALUE else None)


def _fact(feed: FactFeed, f: SharedField) -> list[Pair]:
    answer = _answer(f)
    fact = feed.value_for(answer)
    if feed.fact == "gender":
        # not asked: "not specified" is exactly what the standard's unknown value says
        value = PRS_GENDER.unknown if fact is None else GENDER_VALUES.get(Gender(fact))
        return [] if value is None else [(PRS_GENDER.name, value)]
    if feed.fact == "trafficking_type" and fact is not None:
        return [(VIC_TYPE_OF_EXPLOITATION.name, v) for v in TRAFFICKING_VALUES[TraffickingType(fact)]]
    return []


def map_field(f: SharedField, question: QuestionInfo | None) -> list[Pair]:
    """The HTCDS values one shared field gives; empty when it has no home in the standard."""
    if f.key.startswith("case:"):
        return _column(f.name, f)
    where = (f.protocol_id or "", f.name)
    if question is not None and question.fills is not None:
        return _column(question.fills, f)
    if question is not None and question.feeds is not None:
        return _fact(question.feeds, f)
    rule = _RULES.get(where)
    if rule is not None:
        chosen = f.value is True or f.value == rule.when
        return [(rule.field.name, rule.value)] if f.state == "value" and chosen else []
    text = _text(f)
    if text is not None and where in LANGUAGE_QUESTIONS:
        return _language(text)
    if text is not None and where in NATIONALITY_QUESTIONS:
        return _citizenship(text)
    return []


def to_record(
    fields: Iterable[SharedField], questions: Mapping[tuple[str, str], QuestionInfo]
) -> Record:
    """One case as an HTCDS record: field name -> value (text, or value names for a
    multiselect), in the standard's order. For a single-valued field the first field of the
    selection wins (case columns come before answers), and a value beats the unknown value."""
    found: dict[str, list[str]] = {}
    for f in fields:
        question = questions.get((f.protocol_id or "", f.name))
        for name, value in map_field(f, question):
            held = found.setdefault(name, [])
            if value not in held:
                held.append(value)
    record: Record = {}
    for spec in FIELDS:
        values = found.get(spec.name)
        if not values:
            continue
        if spec.type is FieldType.MULTISELECT:
            record[spec.name] = [v for v in spec.values if v in values]
        else:
            known = [v for v in values if v != spec.unknown]
            record[spec.name] = (known or values)[0]
    return record
