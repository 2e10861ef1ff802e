"""The consent dialog's choice labels and its refusals in words (context "ConsentDialog", as
when they lived in the dialog itself, so the Spanish stays where translators find it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from intake_app.domain.consent import Category, ConsentRules, Method, Purpose, Refusal

CTX = "ConsentDialog"


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def purpose_labels() -> dict[Purpose, str]:
    return {
        Purpose.SERVICES_REFERRAL: _t("Referral to services and support"),
        Purpose.CASE_COORDINATION: _t("Coordinating the case between agencies"),
        Purpose.LAW_ENFORCEMENT: _t("Law enforcement investigation"),
        Purpose.OTHER: _t("Another purpose (write it in words)"),
    }


def category_labels() -> dict[Category, str]:
    return {
        Category.IDENTITY: _t("Identity: name, date of birth (identifying)"),
        Category.CONTACT: _t("Contact: phone, address (identifying)"),
        Category.EXPERIENCE: _t("Experience: what happened"),
        Category.NEEDS: _t("Needs: help they ask for"),
        Category.SAFETY: _t("Safety situation"),
        Category.IMMIGRATION: _t("Immigration situation (identifying)"),
    }


def method_labels() -> dict[Method, str]:
    """Verbal, written (signed on paper) or electronic (signed on screen): how VAWA counts it."""
    return {
        Method.VERBAL: _t("Said yes out loud (&verbal)"),
        Method.WRITTEN: _t("In writin&g: signed on paper"),
        Method.SIGNED: _t("&Electronic: signed on screen"),
    }


def language_name(language: str) -> str:
    names = {"en": _t("English"), "es": _t("Spanish (español)")}
    return names.get(language, language)


def refusal_text(reason: Refusal, rules: ConsentRules) -> str:
    """Why the choices cannot be recorded as they stand, and what would do."""
    if reason is Refusal.NEVER_SHARE:
        return _t("The person asked that nothing about them ever goes to this agency (the case's "
                  "never-share list). Choose another agency.")
    if reason is Refusal.GUARDIAN_BARRED:
        return _t("This guardian is on the person's list of people not to contact or tell, so "
                  "they cannot give consent for the person.")
    if reason is Refusal.TOO_LONG:
        return _t("The end date can be at most %1 days from today (the agency's limit).").replace(
            "%1", str(rules.max_days))
    if reason is Refusal.VERBAL_IDENTIFYING:
        return _t("A yes said out loud cannot release identifying information (name, date of "
                  "birth, contact, immigration): this agency asks for it signed on paper or on "
                  "screen. Untick those kinds of information, or choose how it was signed.")
    if rules.minor_may_consent_alone:
        return _t("The person may be under 18: identifying information needs the person's own "
                  "consent (alone or with a parent or guardian), not a guardian's alone.")
    return _t("The person may be under 18: identifying information needs both the person and a "
              "parent or guardian to consent. Choose “Both the person and a guardian”, or "
              "untick the identifying kinds of information.")
