"""Trafficking-indicator screening: decision support from tagged answers, never a verdict.

Indicator tags and age questions live in the protocol data, so `screen` works over answers from
any protocol (or several at once). Only visible questions count: an answer left behind by a
question that show-if now hides feeds nothing. Declined, unknown and not-asked answers feed
nothing either.

The result names what the indicators may point to, following the elements of the federal
definition (22 U.S.C. 7102) that Vera's Trafficking Victim Identification Tool (TVIT) asks about:
- possible sex trafficking: sex exchanged for anything of value (COMMERCIAL_SEX) together with
  any force, fraud or coercion indicator, or with a person who may be under 18 (now, or when it
  began): for a minor no force, fraud or coercion needs to be shown. An adult's commercial sex
  alone is listed to follow up, not called sex trafficking.
- possible labour trafficking: a force, fraud or coercion indicator from an answer about work or
  living conditions, i.e. one that is not itself a commercial-sex answer (pressure given in the
  commercial-sex questions counts toward sex only). Pay and conditions alone, like a minor's age
  alone, are listed to follow up.
- both, or indicators to follow up that point to neither, or none found.
Every wording says "possible" and "to follow up"; none says what happened to the person.
"""

from __future__ import annotations

import enum
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


class Possibility(enum.StrEnum):
    """What the indicators together may point to: a prompt for follow-up, never a finding."""

    SEX = "sex"
    LABOUR = "labour"
    BOTH = "both"
    FOLLOW_UP = "follow_up"  # indicators present that on their own point to neither
    NONE_FOUND = "none_found"


class Topic(enum.StrEnum):
    """How the indicators are listed for follow-up: the TVIT's topics, grouped."""

    COMMERCIAL_SEX = "commercial_sex"
    FORCE_FRAUD_COERCION = "force_fraud_coercion"
    WORK = "work"
    AGE = "age"


# Force (threats, violence, confinement), fraud (deception) and coercion (debt bondage, papers
# held, isolation): the "means" both federal definitions name.
FORCE_FRAUD_COERCION: frozenset[IndicatorGroup] = frozenset({
    IndicatorGroup.THREATS, IndicatorGroup.DECEPTION, IndicatorGroup.DEBT,
    IndicatorGroup.DOCUMENTS, IndicatorGroup.MOVEMENT,
})
TOPIC_OF: dict[IndicatorGroup, Topic] = {
    IndicatorGroup.COMMERCIAL_SEX: Topic.COMMERCIAL_SEX,
    **{g: Topic.FORCE_FRAUD_COERCION for g in FORCE_FRAUD_COERCION},
    IndicatorGroup.PAY_CONDITIONS: Topic.WORK,
    IndicatorGroup.MINOR: Topic.AGE,
}

_SUMMARY = {
    Possibility.SEX: {
        "en": "Possible sex trafficking: indicators to follow up.",
        "es": "Posible trata sexual: indicadores para dar seguimiento.",
    },
    Possibility.LABOUR: {
        "en": "Possible labour trafficking: indicators to follow up.",
        "es": "Posible trata laboral: indicadores para dar seguimiento.",
    },
    Possibility.BOTH: {
        "en": "Possible sex and labour trafficking: indicators to follow up.",
        "es": "Posible trata sexual y laboral: indicadores para dar seguimiento.",
    },
    Possibility.FOLLOW_UP: {
        "en": "Indicators to follow up. On their own they point to neither sex nor labour "
        "trafficking.",
        "es": "Indicadores para dar seguimiento. Por sí solos no apuntan a trata sexual ni "
        "laboral.",
    },
    Possibility.NONE_FOUND: {
        "en": "No indicators found in the answers given. This is not a conclusion: answers may "
        "be incomplete, and many people share more once they feel safe.",
        "es": "No se encontraron indicadores en las respuestas dadas. Esto no es una "
        "conclusión: las respuestas pueden estar incompletas y muchas personas cuentan más "
        "cuando se sienten seguras.",
    },
}

_MINOR_RULE = {
    "en": "Under 18 and sex exchanged for something of value: under federal law, force, fraud "
    "or coercion need not be shown.",
    "es": "Menor de 18 años y sexo a cambio de algo de valor: según la ley federal, no hace "
    "falta que haya fuerza, fraude o coerción.",
}
_ADULT_COMMERCIAL_SEX = {
    "en": "Sex exchanged for something of value, with no sign so far of force, fraud or "
    "coercion. For an adult, those signs are what would point to sex trafficking.",
    "es": "Sexo a cambio de algo de valor, sin señales por ahora de fuerza, fraude o coerción. "
    "En una persona adulta, son esas señales las que apuntarían a trata sexual.",
}

_TOPIC_LABELS = {
    Topic.COMMERCIAL_SEX: {"en": "Sex in exchange for something of value",
                           "es": "Sexo a cambio de algo de valor"},
    Topic.FORCE_FRAUD_COERCION: {"en": "Force, fraud or coercion",
                                 "es": "Fuerza, fraude o coerción"},
    Topic.WORK: {"en": "Pay, work and living conditions",
                 "es": "Pago y condiciones de trabajo y de vida"},
    Topic.AGE: {"en": "Age", "es": "Edad"},
}

_GROUP_LABELS = {
    IndicatorGroup.COMMERCIAL_SEX: {
        "en": "Sex exchanged for money, food, a place to stay, drugs or anything else of value",
        "es": "Sexo a cambio de dinero, comida, un lugar donde quedarse, drogas o cualquier "
        "otra cosa de valor",
    },
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
        "en": "Under 18 when the work or situation began",
        "es": "Menor de 18 años cuando empezó el trabajo o la situación",
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
    # A force, fraud or coercion indicator came from an answer that is not a commercial-sex one.
    labour_means: bool = False

    @property
    def groups(self) -> frozenset[IndicatorGroup]:
        return frozenset(f.group for f in self.findings)

    @property
    def indicators_present(self) -> bool:
        return bool(self.findings)

    @property
    def possible_minor(self) -> bool:
        return bool(self.minor_evidence)

    @property
    def minor_and_commercial_sex(self) -> bool:
        """Under 18 (now, or when it began) with sex exchanged for anything of value."""
        groups = self.groups
        minor = self.possible_minor or IndicatorGroup.MINOR in groups
        return minor and IndicatorGroup.COMMERCIAL_SEX in groups

    @property
    def possibility(self) -> Possibility:
        groups = self.groups
        sex = IndicatorGroup.COMMERCIAL_SEX in groups and (
            self.minor_and_commercial_sex or bool(groups & FORCE_FRAUD_COERCION))
        if sex and self.labour_means:
            return Possibility.BOTH
        if sex:
            return Possibility.SEX
        if self.labour_means:
            return Possibility.LABOUR
        return Possibility.FOLLOW_UP if groups else Possibility.NONE_FOUND

    def summary(self, language: str) -> str:
        """Possible sex / labour / both, indicators to follow up; or none found (no verdict)."""
        return _SUMMARY[self.possibility][language]

    def explanation(self, language: str) -> str | None:
        """Why commercial sex does or does not count toward possible sex trafficking."""
        if self.minor_and_commercial_sex:
            return _MINOR_RULE[language]
        if self.possibility in (Possibility.LABOUR, Possibility.FOLLOW_UP) and (
                IndicatorGroup.COMMERCIAL_SEX in self.groups):
            return _ADULT_COMMERCIAL_SEX[language]
        return None

    def by_topic(self) -> tuple[tuple[Topic, tuple[Finding, ...]], ...]:
        """The findings to follow up, listed under their topic (topics in Topic order)."""
        return tuple(
            (topic, found) for topic in Topic
            if (found := tuple(f for f in self.findings if TOPIC_OF[f.group] is topic))
        )

    def minor_reminder(self, language: str) -> str | None:
        """The mandatory-reporting reminder for the interviewer's role, if under 18 is possible."""
        if not self.possible_minor:
            return None
        table = _MINOR_REMINDER.get(self.role, _MINOR_REMINDER["general"])
        return table[language]


def group_label(group: IndicatorGroup, language: str) -> str:
    return _GROUP_LABELS[group][language]


def topic_label(topic: Topic, language: str) -> str:
    return _TOPIC_LABELS[topic][language]


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
    labour_means = False
    for protocol, answers in interviews:
        for q in visible_questions(protocol, answers):
            answer = answers.get(q.id)
            if answer is None or answer.value is None:
                continue
            ref = AnswerRef(protocol.id, q.id)
            groups = q.indicator_groups(answer.value)
            for group in groups:
                evidence.setdefault(group, []).append(ref)
            if groups & FORCE_FRAUD_COERCION and IndicatorGroup.COMMERCIAL_SEX not in groups:
                labour_means = True
            if q.age and _may_be_minor(q, answer, today):
                minor.append(ref)
    findings = tuple(Finding(g, tuple(evidence[g])) for g in IndicatorGroup if g in evidence)
    return ScreeningResult(role, findings, tuple(minor), labour_means)


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
