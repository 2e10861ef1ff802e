"""Render every interview and consent screen to PNG, per language (for review and screenshots)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from intake_app.domain.answers import Answer
from intake_app.domain.consent import Category
from intake_app.domain.protocol import Protocol
from intake_app.services.protocols import shipped
from intake_app.ui.interview.consent_dialog import ConsentDialog
from intake_app.ui.interview.interview_page import InterviewPage
from intake_app.ui.interview.person_view import PersonView
from intake_app.ui.interview.translations import load_translator

SIZE = (1280, 800)


class _StillClock:
    """A clock that moves only when told: samples show the same minutes on every run."""

    def __init__(self) -> None:
        self.t = 1000.0

    def now(self) -> float:
        return self.t


def _save(widget: QWidget, path: Path) -> Path:
    if isinstance(widget, ConsentDialog):
        widget.adjustSize()
    else:
        widget.resize(*SIZE)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def _page(protocol: Protocol, language: str, ui: str, answers: dict[str, Answer],
          clock: _StillClock) -> InterviewPage:
    return InterviewPage(
        protocol, language, "advocate", answers, clock, ui_language=ui,
        placeholders={"interviewer": "Ana", "agency": "Casa Esperanza"}, today=date(2026, 11, 23),
    )


def _interview_samples(protocols: dict[str, Protocol], lang: str, out: Path) -> list[Path]:
    made: list[Path] = []
    intake = protocols["advocate_intake"]
    clock = _StillClock()
    page = _page(intake, lang, lang, {"preferred_name": Answer.declined()}, clock)
    page.show_save_state(0, None)
    made.append(_save(page, out / f"interview_{lang}.png"))
    page.note_button.setChecked(True)
    for _ in range(3):  # language, interpreter, age: declined
        page.record(Answer.declined())
        page.show_save_state(0, None)
    made.append(_save(page, out / f"interview_note_{lang}.png"))
    page.note_button.setChecked(False)
    clock.t += 21 * 60
    page.check_pacing()
    made.append(_save(page, out / f"interview_banner_{lang}.png"))
    page.start_break()
    clock.t += 4 * 60 + 5
    page.break_screen.refresh()
    made.append(_save(page, out / f"break_{lang}.png"))
    view = PersonView(lang)
    page.end_break()
    view.follow(page)
    made.append(_save(view, out / f"person_view_{lang}.png"))
    view.close()
    page.close()

    screening = protocols["indicator_screening"]
    answers = {q.id: Answer.declined() for q in screening.questions}
    answers.update(current_age=Answer.of(16), documents_held=Answer.of("yes"),
                   sex_exchanged=Answer.of("yes"))
    end = _page(screening, lang, lang, answers, clock)
    end.go_previous()
    if end.at_minor_reminder():  # the last question is sensitive and the person may be 16
        end.minor_gate.told.click()
    end.record(Answer.of("yes"))
    made.append(_save(end, out / f"end_{lang}.png"))
    end.close()
    other = "es" if lang == "en" else "en"
    mixed = _page(intake, other, lang, {}, clock)
    made.append(_save(mixed, out / f"interview_{lang}_ui_{other}_person.png"))
    mixed.close()
    return made


def _consent_sample(lang: str, out: Path) -> Path:
    dialog = ConsentDialog(
        1, [("casa", "Casa Esperanza Shelter"), ("sheriff", "County Sheriff's Office")], lang,
        today=date(2026, 11, 23),
    )
    dialog.purpose.setCurrentIndex(0)
    dialog.recipient.setCurrentIndex(0)
    for category in (Category.NEEDS, Category.SAFETY):
        dialog.categories[category].setChecked(True)
    dialog.interpreter.setChecked(True)
    path = _save(dialog, out / f"consent_{lang}.png")
    dialog.close()
    return path


def render_samples(outdir: Path, languages: Iterable[str] = ("en", "es")) -> list[Path]:
    """Render the interview, banner, break, end, person view and consent screens to PNGs."""
    app = QCoreApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("render_samples needs a QApplication")
    outdir.mkdir(parents=True, exist_ok=True)
    protocols = shipped()  # drawn from synthetic data, without a database
    made: list[Path] = []
    for lang in languages:
        translator = load_translator(lang)
        if translator is not None:
            QCoreApplication.installTranslator(translator)
        try:
            made += _interview_samples(protocols, lang, outdir)
            made.append(_consent_sample(lang, outdir))
        finally:
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
    return made
