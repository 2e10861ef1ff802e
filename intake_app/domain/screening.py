"""Trafficking-indicator screening: decision support from tagged answers, never a verdict.

Indicator tags and age questions live in the protocol data, so `screen` works over answers from
any protocol (or several at once). Only visible questions count: an answer left behind by a
question that show-if now hides feeds nothing. Declined, unknown and not-asked answers feed
nothing either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import (
    MINOR_AGE_RANGES,
    AnswerType,
    IndicatorGroup,
    Protocol,
    Question,
    Sensitivity,
    visible_questions,
)

ADULT_AGE = 18

_SUMMARY = {
    True: {
        "en": "Indicators present; consider referral.",
        "es": "Hay indicadores presentes; considere una derivación.",
    },
    False: {
        "en": "No indicators in the answers given. This is not a conclusion: answers may be "
        "incomplete, and many people share more once they feel safe.",
        "es": "No hay indicadores en las respuestas dadas. Esto no es una conclusión: las "
        "respuestas pueden estar incompletas y muchas personas cuentan más cuando se sienten "
        "seguras.",
    },
}

_GROUP_LABELS = {
    IndicatorGroup.DOCUMENTS: {
        "en": "Someone else controls identity or travel documents",
        "es": "Otra persona controla los documentos de identidad o de viaje",
    },
    IndicatorGroup.DEBT: {
        "en": "A debt is used to keep the person working",
        "es": "Se usa una deuda para mantener a la persona trabajando",
    },
    IndicatorGroup.MOVEMENT: {
        "en": "Limits on freedom of movement",
        "es": "Límites a la libertad de movimiento",
    },
    IndicatorGroup.THREATS: {
        "en": "Threats or violence against the person or their family",
        "es": "Amenazas o violencia contra la persona o su familia",
    },
    IndicatorGroup.PAY_CONDITIONS: {
        "en": "Pay withheld, or harsh working or living conditions",
        "es": "Pago retenido, o condiciones duras de trabajo o de vivienda",
    },
    IndicatorGroup.DECEPTION: {
        "en": "The job or its terms were not what was promised",
        "es": "El trabajo o sus condiciones no eran lo prometido",
    },
    IndicatorGroup.MINOR: {
        "en": "Under 18 when the work began",
        "es": "Menor de 18 años cuando empezó el trabajo",
    },
}

# Suited to the interviewer's role: an advocate reports through their program, an officer
# hands over to child-protection specialists. Other roles (supervisor, admin) get the general one.
_MINOR_REMINDER = {
    "advocate": {
        "en": "This person may be under 18. Mandatory reporting may apply: follow your program's "
        "procedure for minors and talk to your supervisor today. Before you report, tell the "
        "young person in plain words what you must share, with whom, and what happens next.",
        "es": "Esta persona podría ser menor de 18 años. Puede aplicar la obligación de "
        "denunciar: siga el procedimiento de su programa para menores y hable hoy con su "
        "supervisor. Antes de hacer el reporte, explíquele a la persona joven, con palabras "
        "sencillas, qué tiene que compartir, con quién y qué pasará después.",
    },
    "officer": {
        "en": "This person may be under 18. Follow your department's procedure for minors: "
        "notify child protective services as required and arrange a forensic interview by a "
        "child specialist instead of continuing detailed questions yourself. Treat them as a "
        "possible victim, never as a suspect.",
        "es": "Esta persona podría ser menor de 18 años. Siga el procedimiento de su "
        "departamento para menores: notifique a los servicios de protección infantil como "
        "corresponda y pida una entrevista forense con especialistas en menores en lugar de "
        "seguir usted con preguntas detalladas. Trátela como posible víctima, nunca como "
        "sospechosa.",
    },
    "general": {
        "en": "This person may be under 18. Follow your agency's mandatory-reporting procedure "
        "for minors.",
        "es": "Esta persona podría ser menor de 18 años. Siga el procedimiento de su agencia "
        "sobre la obligación de denunciar en casos de menores.",
    },
}


@dataclass(frozen=True, slots=True)
class AnswerRef:
    """Which answer is behind a finding: ids only, never the value."""

    protocol_id: str
    question_id: str


@dataclass(frozen=True, slots=True)
class Finding:
    group: IndicatorGroup
    evidence: tuple[AnswerRef, ...]

    def label(self, language: str) -> str:
        return group_label(self.group, language)


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    role: str
    findings: tuple[Finding, ...]  # present groups only, in IndicatorGroup order
    minor_evidence: tuple[AnswerRef, ...]

    @property
    def groups(self) -> frozenset[IndicatorGroup]:
        return frozenset(f.group for f in self.findings)

    @property
    def indicators_present(self) -> bool:
        return bool(self.findings)

    @property
    def possible_minor(self) -> bool:
        return bool(self.minor_evidence)

    def summary(self, language: str) -> str:
        """Indicators present, consider referral; or: none found, which is not a verdict."""
        return _SUMMARY[self.indicators_present][language]

    def minor_reminder(self, language: str) -> str | None:
        """The mandatory-reporting reminder for the interviewer's role, if under 18 is possible."""
        if not self.possible_minor:
            return None
        table = _MINOR_REMINDER.get(self.role, _MINOR_REMINDER["general"])
        return table[language]


def group_label(group: IndicatorGroup, language: str) -> str:
    return _GROUP_LABELS[group][language]


def screen(
    interviews: Iterable[tuple[Protocol, Mapping[str, Answer]]],
    role: str,
    today: date | None = None,
) -> ScreeningResult:
    """Indicator groups present across one or more interviews, and whether a minor is possible.

    `interviews` pairs each protocol with its answers (question id -> Answer). `today` lets a
    date-of-birth answer count; without it only number and age_range answers detect a minor.
    """
    evidence: dict[IndicatorGroup, list[AnswerRef]] = {}
    minor: list[AnswerRef] = []
    for protocol, answers in interviews:
        for q in visible_questions(protocol, answers):
            answer = answers.get(q.id)
            if answer is None or answer.value is None:
                continue
            ref = AnswerRef(protocol.id, q.id)
            if q.indicator is not None and q.indicator.when.matches(answer.value):
                evidence.setdefault(q.indicator.group, []).append(ref)
            if q.age and _may_be_minor(q, answer, today):
                minor.append(ref)
    findings = tuple(Finding(g, tuple(evidence[g])) for g in IndicatorGroup if g in evidence)
    return ScreeningResult(role, findings, tuple(minor))


def _may_be_minor(q: Question, answer: Answer, today: date | None) -> bool:
    value = answer.value
    if q.type is AnswerType.AGE_RANGE:
        return value in MINOR_AGE_RANGES
    if q.type is AnswerType.NUMBER:
        return isinstance(value, int | float) and not isinstance(value, bool) and value < ADULT_AGE
    if q.type is AnswerType.DATE and today is not None and isinstance(value, str):
        latest_birth = _latest_date(value)
        return latest_birth is not None and _age_on(latest_birth, today) < ADULT_AGE
    return False


def _latest_date(value: str) -> date | None:
    """The latest day a partial date ("YYYY", "YYYY-MM", "YYYY-MM-DD") can mean."""
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        if len(parts) > 2:
            return date(year, month, int(parts[2]))
        next_month = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(next_month.toordinal() - 1)
    except (ValueError, IndexError):
        return None


def _age_on(birth: date, today: date) -> int:
    had_birthday = (today.month, today.day) >= (birth.month, birth.day)
    return today.year - birth.year - (0 if had_birthday else 1)


def minor_reminder_due(
    protocol: Protocol, answers: Mapping[str, Answer], role: str, today: date | None,
    question: Question,
) -> bool:
    """Whether the mandatory-reporting reminder must come before `question`: it is sensitive
    (high itself, or in a section with high questions) and the answers make a minor possible.
    Telling a young person what cannot stay confidential comes before disclosure."""
    sensitive = (question.sensitivity is Sensitivity.HIGH
                 or protocol.section(question.section_id).is_sensitive)
    return sensitive and screen([(protocol, answers)], role, today).possible_minor


def birth_date_minor(value: str | None, today: date) -> bool:
    """Whether a recorded date of birth (whole or partial, YYYY[-MM[-DD]]) may be under 18."""
    latest = _latest_date(value.strip()) if value else None
    return latest is not None and _age_on(latest, today) < ADULT_AGE
