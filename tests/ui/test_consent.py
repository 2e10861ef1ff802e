"""Consent dialog: nothing chosen for the person, plain validation, wording in their language."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QDate, Qt

from intake_app.domain.consent import Category, Consent, GivenBy, Method, Purpose, day_of
from intake_app.ui.interview.consent_dialog import ConsentDialog
from intake_app.ui.interview.consent_print import print_consent_summary
from intake_app.ui.interview.translations import load_translator
from tests.ui.conftest import call, unlock

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
PARTNERS = [("casa", "Casa Esperanza Shelter"), ("sheriff", "County Sheriff's Office")]


@pytest.fixture
def dialog(qtbot) -> ConsentDialog:
    d = ConsentDialog(42, PARTNERS, "es", today=TODAY, now=lambda: NOW)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.fixture
def spanish_ui() -> Iterator[None]:
    translator = load_translator("es")
    assert translator is not None
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def fill(d: ConsentDialog, categories: tuple[Category, ...] = (Category.NEEDS,)) -> None:
    d.purpose.setCurrentIndex(d.purpose.findData(Purpose.SERVICES_REFERRAL))
    d.recipient.setCurrentIndex(d.recipient.findData("casa"))
    for c in categories:
        d.categories[c].setChecked(True)
    d.method_group.buttons()[1].setChecked(True)  # in writing


def test_nothing_is_chosen_for_the_person(dialog: ConsentDialog) -> None:
    assert not any(box.isChecked() for box in dialog.categories.values())
    assert dialog.purpose.currentIndex() == -1
    assert dialog.recipient.currentIndex() == -1
    assert dialog.method_group.checkedButton() is None
    assert not dialog.interpreter.isChecked()
    assert dialog.expiry_date() == TODAY + timedelta(days=90)


def test_ok_is_refused_without_a_category(qtbot, dialog: ConsentDialog) -> None:
    fill(dialog, categories=())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.consent() is None
    assert "Tick at least one kind of information" in dialog.problem.text()


def test_ok_is_refused_with_a_past_or_distant_expiry(qtbot, dialog: ConsentDialog) -> None:
    fill(dialog)
    dialog.set_expiry(TODAY - timedelta(days=1))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.consent() is None
    assert "The end date has to be after today." in dialog.problem.text()
    dialog.set_expiry(TODAY + timedelta(days=400))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.consent() is None
    assert "at most 365 days from today" in dialog.refusal.text()


def test_spanish_wording_names_recipient_what_purpose_date_and_withdrawal(dialog) -> None:
    fill(dialog, categories=(Category.NEEDS, Category.SAFETY))
    dialog.interpreter.setChecked(True)
    text = dialog.wording.toPlainText()
    assert "Casa Esperanza Shelter" in text
    assert "21 de febrero de 2027" in text  # today + 90 days, written the Spanish way
    assert "la ayuda que necesito y mi situación de seguridad" in text
    assert "servicios y apoyo" in text
    assert "retirar este acuerdo en cualquier momento" in text
    assert "intérprete" in text


def test_the_returned_consent_matches_the_choices(qtbot, dialog: ConsentDialog) -> None:
    dialog.purpose.setFocus()
    qtbot.keyClick(dialog.purpose, Qt.Key.Key_Down)  # keyboard: the first purpose
    fill(dialog, categories=(Category.CONTACT, Category.NEEDS))
    dialog.set_expiry(TODAY + timedelta(days=30))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    consent = dialog.consent()
    assert isinstance(consent, Consent)
    assert (consent.id, consent.case_id, consent.recipient_id) == (0, 42, "casa")
    assert consent.purpose is Purpose.SERVICES_REFERRAL
    assert consent.categories == frozenset({Category.CONTACT, Category.NEEDS})
    assert consent.method is Method.WRITTEN and consent.language == "es"
    assert consent.given_at == NOW
    assert consent.expires_at.astimezone().date() == TODAY + timedelta(days=30)
    assert consent.is_live(NOW)
    assert "Casa Esperanza Shelter" in consent.wording


def test_another_purpose_is_recorded_in_the_words_typed(qtbot, dialog: ConsentDialog) -> None:
    fill(dialog)
    assert not dialog.purpose_choice.words.isVisible()  # a listed purpose takes no words
    dialog.purpose.setCurrentIndex(dialog.purpose.findData(Purpose.OTHER))
    assert dialog.purpose_choice.words.isVisible()
    dialog.accept()
    assert dialog.isVisible() and dialog.consent() is None
    assert "other purpose in words" in dialog.problem.text()
    assert not dialog.wording.toPlainText()  # nothing to read out before the purpose is said
    dialog.purpose_choice.words.setFocus()
    qtbot.keyClicks(dialog.purpose_choice.words, "  Housing   application ")
    assert "para esta finalidad: Housing application." in dialog.wording.toPlainText()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    consent = dialog.consent()
    assert consent is not None
    assert (consent.purpose, consent.purpose_text) == (Purpose.OTHER, "Housing application")


def test_english_wording_follows_the_wording_language(dialog: ConsentDialog) -> None:
    fill(dialog)
    dialog.wording_language.setCurrentIndex(dialog.wording_language.findData("en"))
    text = dialog.wording.toPlainText()
    assert "I agree that Casa Esperanza Shelter may receive" in text
    assert "February 21, 2027" in text


def test_printed_summary_is_a_pdf(tmp_path: Path, qtbot, dialog: ConsentDialog) -> None:
    fill(dialog)
    dialog.accept()
    consent = dialog.consent()
    assert consent is not None
    pdf = tmp_path / "consent.pdf"
    print_consent_summary(consent, "Casa Esperanza Shelter", "es", pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 2000
    if shutil.which("pdftoppm"):  # look at it when poppler is installed
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                        str(tmp_path / "page")], check=True)
        assert list(tmp_path.glob("page*.png"))


@pytest.mark.usefixtures("spanish_ui")
def test_spanish_ui(qtbot, dialog: ConsentDialog) -> None:
    assert dialog.windowTitle() == "Registrar consentimiento"
    assert dialog.ok_button.text() == "&Registrar consentimiento"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "Elija para qué se usará la información." in dialog.problem.text()


# --- the end date, typed: what is typed is what is saved and shown -----------------------------
def _type_expiry(qtbot, d: ConsentDialog, text: str) -> None:
    d.expiry.setFocus()
    qtbot.keyClick(d.expiry, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(d.expiry, text)


def test_an_end_date_typed_over_the_default_is_the_one_saved(qtbot) -> None:
    # As reported: on 2 December 2026 the default is in 2027; typing 2026-12-31 kept 2027.
    today = date(2026, 12, 2)
    d = ConsentDialog(42, PARTNERS, "en", today=today,
                      now=lambda: datetime(2026, 12, 2, 15, 0, tzinfo=UTC))
    qtbot.addWidget(d)
    d.show()
    fill(d)
    _type_expiry(qtbot, d, "2026-12-31")
    assert "December 31, 2026" in d.wording.toPlainText()
    d.accept()
    consent = d.consent()
    assert consent is not None and day_of(consent.expires_at) == date(2026, 12, 31)


def test_an_end_date_that_is_not_a_date_is_refused_in_words(qtbot, dialog: ConsentDialog) -> None:
    fill(dialog)
    _type_expiry(qtbot, dialog, "2027-02-30")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.consent() is None
    assert "year-month-day" in dialog.problem.text()


def test_every_typed_end_date_round_trips_to_the_case_page(qtbot, make_window, data_dir,
                                                           worker) -> None:
    """Typed, recorded in the encrypted database, read back and shown: the same day."""
    from intake_app.services import cases, consents
    from intake_app.ui.case_consents import expiry_text

    window = make_window(data_dir)
    unlock(qtbot, window)

    @settings(max_examples=30)
    @given(st.integers(min_value=1, max_value=365))
    def typed(days: int) -> None:
        wanted = TODAY + timedelta(days=days)
        case = call(qtbot, worker, cases.create_case)
        d = ConsentDialog(case.id, PARTNERS, "es", today=TODAY, now=lambda: NOW)
        qtbot.addWidget(d)
        fill(d)
        _type_expiry(qtbot, d, wanted.isoformat())
        d.accept()
        consent = d.consent()
        assert consent is not None
        consents_now = call(qtbot, worker, lambda s: (consents.give_consent(s, consent),
                                                      consents.case_consents(s, case.id))[1])
        assert [expiry_text(c) for c in consents_now] == [wanted.isoformat()]

    typed()


def test_the_calendar_sets_the_end_date_it_shows(qtbot, dialog: ConsentDialog) -> None:
    fill(dialog)
    qtbot.mouseClick(dialog.calendar_button, Qt.MouseButton.LeftButton)
    assert dialog.calendar.isVisible()
    dialog.calendar.clicked.emit(QDate(2027, 1, 15))  # a click on the 15th
    assert not dialog.calendar.isVisible()
    assert dialog.expiry.text() == "2027-01-15"
    assert "15 de enero de 2027" in dialog.wording.toPlainText()


# --- printing: through a preview; a file only where the person at the keyboard picks one ------
class DialogWatch:
    """Records (and closes) every print or file dialog that opens, modal ones included, so a
    dialog run with exec() cannot hang the test."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._look)
        self.timer.start(20)

    def _look(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog
        from PySide6.QtWidgets import QApplication, QFileDialog

        for w in QApplication.topLevelWidgets():
            if isinstance(w, QPrintDialog | QFileDialog) and w.isVisible():
                self.seen.append(type(w).__name__)
                w.reject()

    def stop(self) -> None:
        self.timer.stop()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder (and working folder) of the test's own, to see what lands there."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.chdir(folder)
    return folder


def _preview(qtbot, d: ConsentDialog):
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    qtbot.waitUntil(lambda: isinstance(d.print_preview, QPrintPreviewDialog)
                    and d.print_preview.isVisible())
    return d.print_preview


def test_print_opens_a_preview_and_writes_nothing(qtbot, dialog: ConsentDialog, home: Path):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    fill(dialog)
    watch = DialogWatch()
    try:
        qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
        preview = _preview(qtbot, dialog)
        widget = preview.findChild(QPrintPreviewWidget)
        qtbot.waitUntil(lambda: widget.pageCount() >= 1)
        assert watch.seen == []  # no print dialog before the preview
        # With no printer set up, Print says so instead of offering a PDF in the home folder.
        assert preview.print_action.text() == "Print"  # Qt's own button, now ours
        preview.print_action.trigger()
        qtbot.waitUntil(preview.notice.isVisible)
        assert "No printer" in preview.notice.text()
        assert watch.seen == []
    finally:
        watch.stop()
    preview.reject()
    assert list(home.rglob("*")) == []


def test_save_as_pdf_writes_only_where_the_user_picks(qtbot, dialog: ConsentDialog, home: Path,
                                                      tmp_path: Path):
    fill(dialog)
    watch = DialogWatch()  # before the preview existed, Print went to a modal print dialog
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    watch.stop()
    preview = _preview(qtbot, dialog)
    preview.save_action.trigger()
    chooser = preview.file_chooser
    qtbot.waitUntil(chooser.isVisible)
    assert "not encrypted" in chooser.windowTitle()
    assert Path(chooser.directory().absolutePath()) != home
    assert list(home.rglob("*")) == []  # nothing written before a file is picked
    picked = tmp_path / "usb" / "copy.pdf"
    picked.parent.mkdir()
    chooser.fileSelected.emit(str(picked))
    assert picked.read_bytes().startswith(b"%PDF")
    assert list(home.rglob("*")) == []
    preview.reject()


# --- who gave it: the person, a guardian, both -------------------------------------------------
def test_the_person_gave_it_unless_a_guardian_is_chosen_and_named(qtbot, dialog) -> None:
    fill(dialog)
    assert not dialog.who.guardian.isVisible()
    dialog.who.radios[GivenBy.BOTH].setFocus()
    qtbot.keyClick(dialog.who.radios[GivenBy.BOTH], Qt.Key.Key_Space)  # keyboard
    assert dialog.who.guardian.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.consent() is None
    assert "name of the parent or guardian" in dialog.problem.text()
    qtbot.keyClicks(dialog.who.guardian, "  Rosa Ortiz ")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    consent = dialog.consent()
    assert consent is not None
    assert consent.given_by is GivenBy.BOTH and consent.guardian == "Rosa Ortiz"


@pytest.mark.usefixtures("spanish_ui")
def test_who_gave_it_in_spanish() -> None:
    d = ConsentDialog(42, PARTNERS, "es", today=TODAY, now=lambda: NOW)
    try:
        assert d.who.radios[GivenBy.GUARDIAN].text() == "La madre, el padre o una persona t&utora"
        d.who.radios[GivenBy.GUARDIAN].setChecked(True)
        assert "Escriba el nombre" in "\n".join(d.problems())
    finally:
        d.deleteLater()


def test_a_consent_signed_on_paper_prints_its_signature_lines(qtbot) -> None:
    """Signed on paper: the agency's copy has lines for the person (and a guardian who
    consented) and the staff member; a spoken or on-screen consent prints none."""
    from intake_app.ui.interview.consent_wording import ConsentChoices, summary_html

    choices = ConsentChoices("Casa Esperanza Shelter", Purpose.SERVICES_REFERRAL,
                             frozenset({Category.NEEDS}), TODAY + timedelta(days=30))
    written = summary_html(choices, Method.WRITTEN, "w", "en", TODAY)
    assert "Signature of the person" in written and "Signature of the staff member" in written
    assert "parent or guardian" not in written
    with_guardian = summary_html(choices, Method.WRITTEN, "w", "es", TODAY, guardian=True)
    assert "Firma de la persona" in with_guardian
    assert "Firma de la madre, el padre o la persona tutora" in with_guardian
    for method in (Method.VERBAL, Method.SIGNED):
        assert "Signature of the person" not in summary_html(choices, method, "w", "en", TODAY)
