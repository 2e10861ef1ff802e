"""HTCDS export, the pure part: the standard's names and the mapping from a share selection.

    standard.py  the HTCDS 2.0 field names, types and value names an export may write
    countries.py the standard's ISO 3166 country codes and names (prs_Citizenship)
    mapping.py   shared fields -> HTCDS fields and value names; what is never exported, and why

The service (services/htcds_export.py) computes the selection with the share rule, so an export
carries exactly what a share would, mapped; exports/htcds.py writes it as JSON or CSV.
"""

from intake_app.domain.htcds.mapping import (
    ANSWER_RULES,
    GENDER_VALUES,
    LANGUAGE_QUESTIONS,
    NATIONALITY_QUESTIONS,
    NOT_EXPORTED,
    TRAFFICKING_VALUES,
    AnswerRule,
    Pair,
    QuestionInfo,
    Record,
    SharedField,
    map_field,
    to_record,
)
from intake_app.domain.htcds.standard import (
    BY_NAME,
    FIELDS,
    STANDARD,
    FieldType,
    StandardField,
)

__all__ = [
    "ANSWER_RULES",
    "BY_NAME",
    "FIELDS",
    "GENDER_VALUES",
    "LANGUAGE_QUESTIONS",
    "NATIONALITY_QUESTIONS",
    "NOT_EXPORTED",
    "STANDARD",
    "TRAFFICKING_VALUES",
    "AnswerRule",
    "FieldType",
    "Pair",
    "QuestionInfo",
    "Record",
    "SharedField",
    "StandardField",
    "map_field",
    "to_record",
]
