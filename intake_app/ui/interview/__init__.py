"""Interview and consent screens: pure views and view-models that report by Qt signal."""

from __future__ import annotations

from intake_app.ui.interview.break_screen import BreakScreen
from intake_app.ui.interview.consent_dialog import ConsentDialog
from intake_app.ui.interview.consent_print import print_consent_summary, print_with_dialog
from intake_app.ui.interview.consent_wording import ConsentChoices, consent_wording
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.person_view import PersonView
from intake_app.ui.interview.samples import render_samples
from intake_app.ui.interview.translations import load_translator, translation_file

__all__ = [
    "BreakScreen",
    "ConsentChoices",
    "ConsentDialog",
    "InterviewPage",
    "PersonView",
    "consent_wording",
    "load_translator",
    "print_consent_summary",
    "print_with_dialog",
    "render_samples",
    "translation_file",
]
