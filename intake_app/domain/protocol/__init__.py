"""Interview protocols: the JSON format, an all-or-nothing validating loader, show-if, and a walker.

Format (one protocol per file in resources/protocols/, every text in each of its languages):

    {"id": "advocate_intake", "version": "1.0", "title": {"en": ..., "es": ...},
     "languages": ["en", "es", "fr"],                # optional; default ["en", "es"], which it
                                                     # must include (languages.py says why)
     "roles": ["advocate"],                          # advocate and/or officer
     "person_words": {"may_skip": {"fr": ...}},      # optional; the app's own lines on the
                                                     # person's screen (may_skip, on_break,
                                                     # thank_you, right_to_know) in the file's
                                                     # languages other than en and es; any
                                                     # missing falls back to en or es
     "sections": [{"id": ..., "title": {...}, "intro": {...} (optional),
                   "questions": [QUESTION, ...]}]}

    QUESTION = {"id": "safe_now", "text": {...}, "note": {...},   # note: why we ask, how to ask
                "sensitivity": "low" | "medium" | "high",
                "type": one of ANSWER TYPES below,
                "category": "identity" | "contact" | "experience" | "needs" | "safety"
                            | "immigration",
                "identifying": true | false,
                "options": [{"id": ..., "text": {...},    # choice types and age_range only
                             "indicators": [GROUP, ...]}], # optional, choice types only:
                                                          # choosing it feeds these groups
                "roles": ["officer"],                     # optional; default: every protocol role
                "show_if": CONDITION,                     # optional; earlier questions only
                "indicator": TAG | [TAG, ...],            # optional; feeds screening
                "age": true,                              # optional; used to detect a minor
                "danger": TEST,                           # optional; answers that signal
                                                          # immediate danger (safety alert)
                "fills": CASE_FIELD,                      # optional; the answer is copied to
                                                          # the case (text and date types only)
                "feeds": FEED,                            # optional; the reportable fact the
                                                          # answer gives (domain.reporting.feeds)
                "check": CHECK,                           # optional; a typed value must pass it
                                                          # to be saved (value_checks.py)
                "check_message": {...}}                   # optional, with check: what the
                                                          # interviewer reads when it fails (en
                                                          # and es at least, like the note)

    CASE_FIELD = "preferred_name" | "legal_name" | "date_of_birth" | "contact" | "immigration"

    CONDITION = {"question": qid, "equals": v} | {"question": qid, "in": [v, ...]}
              | {"question": qid, "answered": true}       # the question has a value
              | {"any_of": [CONDITION, ...]} | {"all_of": [CONDITION, ...]}
    TEST      = {"equals": v} | {"in": [v, ...]}
    TAG       = {"group": GROUP, "when": TEST}
    CHECK     = {"op": OP, "value": v} | {"op": OP, "length": n}   # OP: = != < <= > >=
              | {"all_of": [CHECK, ...]} | {"any_of": [CHECK, ...]} | {"not": CHECK}
    GROUP     = "commercial_sex" | "documents" | "debt" | "movement" | "threats"
              | "pay_conditions" | "deception" | "minor"      (IndicatorGroup)

    ANSWER TYPES = "short_text" | "long_text" | "language" | "number" | "date" | "datetime"
                 | "time" | "single_choice" | "multiple_choice" | "yes_no" | "age_range"

Values: a date is "YYYY", "YYYY-MM" or "YYYY-MM-DD"; a datetime "YYYY-MM-DDTHH:MM" (the
person's wall-clock time, no zone) or a date alone; a time "HH:MM".
Choice answers are option ids (a multiple choice matches when any chosen id matches);
yes_no answers are "yes" or "no" (True/False are read as "yes"/"no"); numbers are numbers.
A condition on a question that has no value (declined, unknown, not asked, hidden) is false.
A check compares the question's own answer: numbers and dates (at the precision both have) with
every OP, texts with = and != and by "length", choices and yes_no with = and != on their values;
a check that could never pass for the type is refused. Declined, unknown, not asked: never checked.
age_range questions list exactly the options in AGE_RANGES, translated in the file.

This module is the face callers import from; the parts live in
    model.py       protocols, sections, questions, options, localized texts
    conditions.py  show-if conditions and value tests
    value_checks.py checks a typed value must pass (the protocol's "check")
    loading.py     the validating loader (files, folders, the shipped set)
    languages.py   language codes, and what a protocol lacks of the agency's languages
    person_words.py  the app's lines on the person's screen in a protocol's other languages
    walking.py     visible questions, the next one, progress per section
"""

from intake_app.domain.protocol.conditions import (
    AllOf,
    Answered,
    AnswerIs,
    AnyOf,
    Condition,
    ValueTest,
)
from intake_app.domain.protocol.languages import (
    LANGUAGE_CODE,
    is_language_code,
    missing_languages,
)
from intake_app.domain.protocol.loading import (
    ProtocolError,
    decode_protocol,
    load_folder,
    load_protocol,
    load_shipped,
    parse_protocol,
)
from intake_app.domain.protocol.model import (
    AGE_RANGES,
    AGE_TYPES,
    CASE_FIELDS,
    CHOICE_TYPES,
    LANGUAGES,
    MINOR_AGE_RANGES,
    ROLES,
    TEXT_TYPES,
    YES_NO,
    AnswerType,
    IndicatorGroup,
    IndicatorTag,
    Localized,
    Option,
    Protocol,
    Question,
    Section,
    Sensitivity,
    readable_time,
)
from intake_app.domain.protocol.person_words import PERSON_WORDS, missing_person_words
from intake_app.domain.protocol.value_checks import Check, answer_passes
from intake_app.domain.protocol.walking import (
    SectionProgress,
    Walk,
    visible_questions,
    walk,
)

__all__ = [
    "AGE_RANGES",
    "AGE_TYPES",
    "CASE_FIELDS",
    "CHOICE_TYPES",
    "LANGUAGES",
    "LANGUAGE_CODE",
    "MINOR_AGE_RANGES",
    "PERSON_WORDS",
    "ROLES",
    "TEXT_TYPES",
    "YES_NO",
    "AllOf",
    "AnswerIs",
    "AnswerType",
    "Answered",
    "AnyOf",
    "Check",
    "Condition",
    "IndicatorGroup",
    "IndicatorTag",
    "Localized",
    "Option",
    "Protocol",
    "ProtocolError",
    "Question",
    "Section",
    "SectionProgress",
    "Sensitivity",
    "ValueTest",
    "Walk",
    "answer_passes",
    "decode_protocol",
    "is_language_code",
    "load_folder",
    "load_protocol",
    "load_shipped",
    "missing_languages",
    "missing_person_words",
    "parse_protocol",
    "readable_time",
    "visible_questions",
    "walk",
]
