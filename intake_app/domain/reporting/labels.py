"""Words for report keys in English and Spanish, and the suppression rule as a sentence.

Reports hold keys ("grant.gender", "female", "not_recorded"); exports and charts turn them into
words here. Like the protocols, these texts are data in both languages, so a CSV or PDF made
from the command line reads the same as one made from the Reports screen.
"""

from __future__ import annotations

import re

from intake_app.domain.reporting.tables import Hidden, PublishedReport, Shown

LANGUAGES = ("en", "es")

_WORDS: dict[str, tuple[str, str]] = {
    # reports
    "grant": ("Grant performance measures", "Indicadores de desempeño para la subvención"),
    "task_force": ("Task-force summary", "Resumen para el grupo de trabajo"),
    "consents": ("Consents given and withdrawn", "Consentimientos dados y retirados"),
    # tables
    "grant.clients": ("Clients served", "Personas atendidas"),
    "grant.life_stage": ("Clients served: adult or minor at intake", "Personas atendidas: adulta o menor al ingreso"),
    "grant.age_group": ("Clients served: age at intake", "Personas atendidas: edad al ingreso"),
    "grant.trafficking_type": ("Clients served: type of trafficking", "Personas atendidas: tipo de trata"),
    "grant.gender": ("Clients served: gender", "Personas atendidas: género"),
    "grant.nationality": ("Clients served: nationality", "Personas atendidas: nacionalidad"),
    "grant.services": ("Clients given each service", "Personas que recibieron cada servicio"),
    "grant.referrals": ("Referrals made, by service and outcome", "Derivaciones hechas, por servicio y resultado"),
    "task_force.new_by_month": ("New cases by month", "Casos nuevos por mes"),
    "task_force.new_by_type": ("New cases by type of trafficking", "Casos nuevos por tipo de trata"),
    "task_force.new_by_referral_source": ("New cases by referral source", "Casos nuevos por origen de la derivación"),
    "task_force.days_to_first_service": ("New cases: days from intake to first service",
                                         "Casos nuevos: días desde el ingreso hasta el primer servicio"),
    "task_force.services": ("Services given", "Servicios prestados"),
    "task_force.referrals": ("Referrals sent, by receiving agency and outcome",
                             "Derivaciones enviadas, por agencia receptora y resultado"),
    "task_force.median_days_to_first_service": ("Median days from intake to first service",
                                                "Mediana de días desde el ingreso hasta el primer servicio"),
    "consents.by_topic": ("Consents by purpose", "Consentimientos por finalidad"),
    # shared words
    "total": ("Total", "Total"),
    "count": ("Count", "Número"),
    "clients": ("Clients", "Personas"),
    "new": ("New", "Nuevas"),
    "continuing": ("Continuing", "Continúan"),
    "not_recorded": ("Not recorded", "Sin registrar"),
    "unknown": ("Unknown", "Se desconoce"),
    "declined": ("Prefers not to say", "Prefiere no decirlo"),
    "other": ("Other", "Otro"),
    # trafficking type
    "sex": ("Sex trafficking", "Trata sexual"),
    "labour": ("Labour trafficking", "Trata laboral"),
    "both": ("Sex and labour", "Sexual y laboral"),
    # gender
    "female": ("Female", "Femenino"),
    "male": ("Male", "Masculino"),
    "transgender": ("Transgender", "Transgénero"),
    "non_binary": ("Non-binary", "No binario"),
    # age
    "adult": ("Adult (18 or over)", "Adulta (18 o más)"),
    "minor": ("Minor (under 18)", "Menor (menos de 18)"),
    "under_12": ("Under 12", "Menos de 12"),
    "12_14": ("12 to 14", "12 a 14"),
    "15_17": ("15 to 17", "15 a 17"),
    "18_24": ("18 to 24", "18 a 24"),
    "25_34": ("25 to 34", "25 a 34"),
    "35_plus": ("35 or over", "35 o más"),
    # nationality
    "citizen_or_resident": ("Citizen or permanent resident", "Ciudadanía o residencia permanente"),
    "foreign_national": ("Foreign national", "Persona extranjera"),
    # referral source
    "self": ("Self-referred", "Por iniciativa propia"),
    "family_or_friend": ("Family or friend", "Familia o amistades"),
    "law_enforcement": ("Law enforcement", "Fuerzas del orden"),
    "service_provider": ("Service provider", "Proveedor de servicios"),
    "prosecutor": ("Prosecutor", "Fiscalía"),
    "hotline": ("Hotline", "Línea de ayuda"),
    "healthcare": ("Health care", "Atención sanitaria"),
    "school": ("School", "Escuela"),
    "community_or_faith": ("Community or faith group", "Grupo comunitario o religioso"),
    # services
    "case_management": ("Case management", "Gestión del caso"),
    "shelter": ("Emergency shelter", "Albergue de emergencia"),
    "housing": ("Housing", "Vivienda"),
    "basic_needs": ("Food, clothing, phone", "Comida, ropa, teléfono"),
    "medical": ("Medical care", "Atención médica"),
    "mental_health": ("Mental health", "Salud mental"),
    "substance_use": ("Substance use support", "Apoyo por consumo de sustancias"),
    "legal": ("Legal help", "Ayuda legal"),
    "immigration": ("Immigration help", "Ayuda migratoria"),
    "interpreter": ("Interpreting", "Interpretación"),
    "transport": ("Transport", "Transporte"),
    "education_employment": ("Education and work", "Educación y empleo"),
    "safety_planning": ("Safety planning", "Plan de seguridad"),
    "family_reunification": ("Family reunification", "Reunificación familiar"),
    # referral outcomes
    "pending": ("Pending", "Pendiente"),
    "accepted": ("Accepted", "Aceptada"),
    # days to first service
    "0_1": ("0 to 1 day", "0 a 1 día"),
    "2_7": ("2 to 7 days", "2 a 7 días"),
    "8_30": ("8 to 30 days", "8 a 30 días"),
    "31_90": ("31 to 90 days", "31 a 90 días"),
    "over_90": ("Over 90 days", "Más de 90 días"),
    "none_yet": ("No service yet", "Aún sin servicio"),
    # consents
    "services_referral": ("Referral to services", "Derivación a servicios"),
    "case_coordination": ("Case coordination", "Coordinación del caso"),
    "reporting": ("Being counted in reports", "Ser contada en informes"),
    "given": ("Given", "Dados"),
    "withdrawn": ("Withdrawn", "Retirados"),
    # the page
    "period": ("Period", "Periodo"),
    "to": ("to", "a"),
    "combined": ("Combined from {n} agencies", "Combinado de {n} agencias"),
    "no_total": ("A client can be in several rows, so there is no total.",
                 "Una persona puede estar en varias filas, por eso no hay total."),
    "withheld": ("Not shown: too few cases to show this table without risk of identifying someone.",
                 "No se muestra: hay muy pocos casos para mostrar esta tabla sin riesgo de identificar a alguien."),
    "measure_withheld": ("not shown (fewer than {t} cases)", "no se muestra (menos de {t} casos)"),
    "measure_none": ("no case to measure", "ningún caso que medir"),
    "days": ("{value} days", "{value} días"),
    "rule": (
        'Counts from 1 to {low} are shown as "<{t}". So that none of them can be worked out from '
        'the totals, some larger counts are hidden too, shown as "*". Zero is shown as 0.',
        'Los recuentos de 1 a {low} se muestran como "<{t}". Para que ninguno pueda deducirse de '
        'los totales, también se ocultan algunos recuentos mayores, que se muestran como "*". '
        "El cero se muestra como 0.",
    ),
    "rule_combined": (
        '"*" also marks a count of which at least one agency hid its part.',
        '"*" también indica un recuento del que al menos una agencia ocultó su parte.',
    ),
}

# A word whose sense depends on the table: a referral "declined" was declined by the agency.
_IN_TABLE: dict[tuple[str, str], tuple[str, str]] = {
    ("grant.referrals", "declined"): ("Declined by the agency", "Rechazada por la agencia"),
    ("task_force.referrals", "declined"): ("Declined by the agency", "Rechazada por la agencia"),
    ("grant.referrals", "unknown"): ("Outcome unknown", "Resultado desconocido"),
    ("task_force.referrals", "unknown"): ("Outcome unknown", "Resultado desconocido"),
    ("task_force.services", "law_enforcement"): ("Contact with law enforcement", "Contacto con las fuerzas del orden"),
}

_MONTHS = (
    ("January", "enero"), ("February", "febrero"), ("March", "marzo"), ("April", "abril"),
    ("May", "mayo"), ("June", "junio"), ("July", "julio"), ("August", "agosto"),
    ("September", "septiembre"), ("October", "octubre"), ("November", "noviembre"),
    ("December", "diciembre"),
)
_MONTH_KEY = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def keys() -> frozenset[str]:
    return frozenset(_WORDS)


def label(key: str, language: str, table_id: str = "") -> str:
    """The words for `key` (a row, column, table or report key) in `language`."""
    lang = LANGUAGES.index(language)
    if (table_id, key) in _IN_TABLE:
        return _IN_TABLE[(table_id, key)][lang]
    if key in _WORDS:
        return _WORDS[key][lang]
    if match := _MONTH_KEY.match(key):
        month = _MONTHS[int(match.group(2)) - 1][lang]
        return f"{month} {match.group(1)}" if lang == 0 else f"{month} de {match.group(1)}"
    raise KeyError(f"no words for report key {key!r}")


def shown_text(value: Shown, threshold: int) -> str:
    """A published cell as text: the count, "<5" or "*"."""
    if value is Hidden.SMALL:
        return f"<{threshold}"
    if isinstance(value, Hidden):
        return "*"
    return str(value)


def rule_sentence(report: PublishedReport, language: str) -> str:
    """The suppression rule, printed under every table of every export."""
    lang = LANGUAGES.index(language)
    t = report.threshold
    text = _WORDS["rule"][lang].format(low=t - 1, t=t)
    if report.combined_from > 1:
        text += " " + _WORDS["rule_combined"][lang]
    return text


def period_text(report: PublishedReport, language: str) -> str:
    p = report.period
    return (f"{label('period', language)}: {p.label} "
            f"({p.start.isoformat()} {label('to', language)} {p.end.isoformat()})")
