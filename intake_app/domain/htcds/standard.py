"""The names Field Intake takes from the Human Trafficking Case Data Standard (HTCDS) 2.0, by IOM.

Source: github.com/UNMigration/HTCDS, "HTCDS Field Standards 2.0.ods" (column "Field Name
including Prefix", "Field Type" and "Value Names (if picklist)"), the table the repository's
Field Definitions.md and Field Column Reference.md describe. The repository ships no JSON schema,
so this table is what an export is checked against: every key an export writes is a field here,
every picklist value one of its value names, spelled exactly as the standard spells them. Only
the fields an export can fill are listed; nothing here is invented.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from intake_app.domain.htcds.countries import COUNTRIES

STANDARD = "HTCDS 2.0"


class FieldType(enum.StrEnum):
    TEXT = "Text"
    DATE = "Date"
    PICKLIST = "Picklist"
    MULTISELECT = "Multiselect Picklist"


@dataclass(frozen=True, slots=True)
class StandardField:
    name: str  # the standard's "Field Name including Prefix"
    type: FieldType
    values: tuple[str, ...] = ()  # the standard's value names, in its order (picklists only)
    unknown: str | None = None  # the standard's own "unknown" value name, when it has one


PRS_FIRST_NAME = StandardField("prs_FirstName", FieldType.TEXT)
PRS_BIRTHDATE = StandardField("prs_Birthdate", FieldType.DATE)
PRS_GENDER = StandardField(
    "prs_Gender", FieldType.PICKLIST,
    ("Feminine", "Masculine", "TransgenderFeminine", "TransgenderMasculine", "NonConforming",
     "NonSpecifiedUnknown"),
    unknown="NonSpecifiedUnknown",
)
# "Use ISO 639-2 language codes standard (two-letter country codes optional)": no value names.
PRS_PRIMARY_LANGUAGE = StandardField("prs_PrimaryLanguage", FieldType.PICKLIST)
# "Use ISO 3166 country codes standard": the codes of the standard's own survey form.
PRS_CITIZENSHIP = StandardField("prs_Citizenship", FieldType.MULTISELECT,
                                tuple(code for code, _ in COUNTRIES))
VIC_METHODS_OF_CONTROL = StandardField(
    "vic_MethodsOfControl", FieldType.MULTISELECT,
    ("PhysicalThreats", "ThreatsLawEnforcement", "ThreatensChildrenFamily", "DebtBondage",
     "FalsePromises", "PhysicalAbuse", "SexualAbuse", "TakesEarnings", "RestrictsFinancialAccess",
     "RestrictsMedicalCare", "WithholdsNecessities", "PsychologicalAbuse",
     "PsychoactiveSubstance", "ExcessiveWorkingHours", "WithholdsDocuments", "Other"),
)
VIC_TYPE_OF_EXPLOITATION = StandardField(
    "vic_TypeOfExploitation", FieldType.MULTISELECT,
    ("ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage", "Servitude",
     "ForcedMilitaryByNonStateActors", "OrganRemoval", "ForcedBegging", "ForcedAdoption",
     "Surrogacy", "Other"),
)

# Every field an export may write, in the standard's own order (its column order in a CSV).
FIELDS: tuple[StandardField, ...] = (
    PRS_FIRST_NAME, PRS_BIRTHDATE, PRS_GENDER, PRS_PRIMARY_LANGUAGE, PRS_CITIZENSHIP,
    VIC_METHODS_OF_CONTROL, VIC_TYPE_OF_EXPLOITATION,
)
BY_NAME: dict[str, StandardField] = {f.name: f for f in FIELDS}
