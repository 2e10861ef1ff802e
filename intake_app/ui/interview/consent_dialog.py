"""The consent dialog: purpose, partner, categories, wording in the person's language, expiry.

(Over 400 lines on purpose: one form whose fields (who consented, method, categories,
wording, expiry) check each other before anything is recorded; its printing lives in
consent_print.py.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.consent import (
    DEFAULT_EXPIRY,
    Category,
    Consent,
    Method,
    Purpose,
    end_of_day,
    format_day,
    parse_day,
)
from intake_app.ui.fit import fitted_size, frame_margins, screen_of
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview import style
from intake_app.ui.interview.consent_print import ConsentPrintPreview, open_print_preview
from intake_app.ui.interview.consent_who import WhoConsented
from intake_app.ui.interview.consent_wording import CATEGORY_ORDER, ConsentChoices, consent_wording
from intake_app.ui.wrap_buttons import WrapCheckBox

MAX_EXPIRY = timedelta(days=365)
WORDING_LANGUAGES: tuple[str, ...] = ("en", "es")
PREFERRED_SIZE = QSize(820, 780)  # shrunk to the screen; the form scrolls, the buttons stay


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ConsentDialog(QDialog):
    """Records one consent; `consent()` returns it (id 0) once the dialog is accepted."""

    def __init__(
        self,
        case_id: int,
        partners: Sequence[tuple[str, str]],
        person_language: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        now: Callable[[], datetime] | None = None,
        default_days: int | None = None,
    ) -> None:
        super().__init__(parent)
        self._case_id = case_id
        # The agency policy's default expiry (1-365 days), else DEFAULT_EXPIRY.
        self._default_expiry = (
            timedelta(days=default_days)
            if default_days is not None and 1 <= default_days <= MAX_EXPIRY.days
            else DEFAULT_EXPIRY
        )
        self._partners = list(partners)
        self._today = today or date.today()
        self._now = now or (lambda: datetime.now(UTC))
        self._result: Consent | None = None
        self.print_preview: ConsentPrintPreview | None = None
        self.setObjectName("consentRoot")
        self.setStyleSheet(style.PAGE_QSS)
        self.setWindowTitle(self.tr("Record consent"))
        style.set_font(self, 11)
        self._build(person_language)
        self._update_wording()
        self.resize(fitted_size(PREFERRED_SIZE, screen_of(self).availableGeometry(),
                                frame_margins(self)))

    # --- building ------------------------------------------------------------------------------
    def _build(self, person_language: str) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.viewport().setObjectName("consentForm")
        body = QWidget()
        body.setObjectName("consentForm")
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        root = QVBoxLayout(body)
        root.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(
            self.tr(
                "Read the wording below to the person, in their language, and record only what "
                "they agree to. Nothing is chosen for them."
            )
        )
        intro.setWordWrap(True)
        style.set_font(intro, style.BODY_PT)
        root.addWidget(intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._add_who_and_why(form)
        self._add_what(form)
        self._add_when_and_how(form, person_language)
        root.addLayout(form)
        self._add_wording(root)
        self._add_buttons(outer)

    def _add_who_and_why(self, form: QFormLayout) -> None:
        self.purpose = QComboBox()
        self.purpose.setPlaceholderText(self.tr("Choose a purpose"))
        for purpose, label in self._purpose_labels().items():
            self.purpose.addItem(label, purpose)
        self.purpose.setCurrentIndex(-1)
        self.purpose.setAccessibleName(self.tr("Purpose of sharing"))
        form.addRow(self._buddy(self.tr("&Purpose:"), self.purpose), self.purpose)

        self.recipient = QComboBox()
        self.recipient.setPlaceholderText(
            self.tr("Choose a partner agency")
            if self._partners
            else self.tr("No partner agencies yet: an admin adds them")
        )
        for pid, name in self._partners:
            self.recipient.addItem(name, pid)
        self.recipient.setCurrentIndex(-1)
        self.recipient.setAccessibleName(self.tr("Partner agency that may receive the information"))
        form.addRow(self._buddy(self.tr("Shared &with:"), self.recipient), self.recipient)

    def _add_what(self, form: QFormLayout) -> None:

        grid = QGridLayout()
        self.categories: dict[Category, WrapCheckBox] = {}
        for i, category in enumerate(CATEGORY_ORDER):
            box = WrapCheckBox(self._category_labels()[category])
            box.setChecked(False)
            box.setAccessibleName(box.text())
            box.toggled.connect(self._update_wording)
            self.categories[category] = box
            grid.addWidget(box, i, 0)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        what = QWidget()
        what.setObjectName("formRow")
        what.setLayout(grid)
        what_label = QLabel(self.tr("What may be shared:"))
        what_label.setWordWrap(True)
        form.addRow(what_label, what)

    def _add_when_and_how(self, form: QFormLayout, person_language: str) -> None:

        # Typed text, read as a whole: a QDateEdit takes keys section by section and kept the
        # year it had when "2026-12-31" was typed over a default in 2027.
        self.expiry = QLineEdit(format_day(self._today + self._default_expiry))
        self.expiry.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.expiry.setMaxLength(10)
        self.expiry.setMinimumWidth(12 * self.expiry.fontMetrics().averageCharWidth())
        self.expiry.setAccessibleName(self.tr("Consent ends on"))
        self.expiry.textChanged.connect(self._update_wording)
        self.calendar_button = QPushButton(self.tr("Calen&dar…"))
        self.calendar_button.setAccessibleName(self.tr("Choose the end date on a calendar"))
        self.calendar_button.clicked.connect(self._show_calendar)
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setDateRange(_qdate(self._today + timedelta(days=1)),
                                   _qdate(self._today + MAX_EXPIRY))
        self.calendar.clicked.connect(self._calendar_chosen)
        self.calendar.activated.connect(self._calendar_chosen)
        until = QHBoxLayout()
        until.addWidget(self.expiry)
        until.addWidget(self.calendar_button)
        hint = QLabel(self.tr("(after today, at most one year)"))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        until.addWidget(hint, 1)
        until.setContentsMargins(0, 0, 0, 0)
        until_box = QWidget()
        until_box.setObjectName("formRow")
        until_box.setLayout(until)
        form.addRow(self._buddy(self.tr("Ends &on:"), self.expiry), until_box)

        self.method_group = QButtonGroup(self)
        methods = FlowLayout()
        for method, label in self._method_labels().items():
            radio = QRadioButton(label)
            radio.setAccessibleName(label)
            radio.setProperty("method", method.value)
            self.method_group.addButton(radio)
            methods.addWidget(radio)
        method_box = QWidget()
        method_box.setObjectName("formRow")
        method_box.setLayout(methods)
        form.addRow(QLabel(self.tr("How it was given:")), method_box)

        self.who = WhoConsented(self)
        form.addRow(QLabel(self.tr("Who gave it:")), self.who)

        self.interpreter = WrapCheckBox(self.tr("An &interpreter helped"))
        self.interpreter.setAccessibleName(self.tr("An interpreter helped"))
        self.interpreter.toggled.connect(self._update_wording)
        form.addRow("", self.interpreter)

        self.wording_language = QComboBox()
        for lang in WORDING_LANGUAGES:
            self.wording_language.addItem(self._language_name(lang), lang)
        index = self.wording_language.findData(person_language)
        self.wording_language.setCurrentIndex(max(index, 0))
        self.wording_language.setAccessibleName(self.tr("Language of the wording"))
        self.wording_language.currentIndexChanged.connect(self._update_wording)
        form.addRow(
            self._buddy(self.tr("Wording &language:"), self.wording_language),
            self.wording_language,
        )

    def _add_wording(self, root: QVBoxLayout) -> None:

        heading = QLabel(self.tr("Read this to the person:"))
        style.set_font(heading, style.BODY_PT, bold=True)
        root.addWidget(heading)
        self.wording = QPlainTextEdit()
        self.wording.setReadOnly(True)
        self.wording.setTabChangesFocus(True)
        self.wording.setAccessibleName(self.tr("Consent wording for the person"))
        style.set_font(self.wording, 13)
        self.wording.setMinimumHeight(160)
        root.addWidget(self.wording, 1)

    def _add_buttons(self, root: QVBoxLayout) -> None:
        self.problem = QLabel()
        self.problem.setObjectName("savedPending")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("What is missing"))
        style.set_font(self.problem, style.BODY_PT)
        root.addWidget(self.problem)

        # A row that wraps (a QDialogButtonBox is one row, as wide as all its buttons).
        buttons = FlowLayout(align=Qt.AlignmentFlag.AlignRight)
        self.ok_button = QPushButton(self.tr("&Record consent"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        self.print_button = QPushButton(self.tr("Print a &copy for the person…"))
        self.print_button.clicked.connect(self._print)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.ok_button, self.print_button, self.cancel_button):
            buttons.addWidget(button)
        root.addLayout(buttons)
        for w in (self.purpose, self.recipient):
            w.currentIndexChanged.connect(self._update_wording)
        for combo in (self.purpose, self.recipient, self.wording_language):
            # A long partner name or placeholder is elided, not allowed to widen the dialog.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            combo.setMinimumWidth(12 * combo.fontMetrics().averageCharWidth())  # Qt counts
            # the placeholder text in the minimum size hint whatever the policy says
        self.purpose.setFocus()

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    def _purpose_labels(self) -> dict[Purpose, str]:
        return {
            Purpose.SERVICES_REFERRAL: self.tr("Referral to services and support"),
            Purpose.CASE_COORDINATION: self.tr("Coordinating the case between agencies"),
            Purpose.LAW_ENFORCEMENT: self.tr("Law enforcement investigation"),
        }

    def _category_labels(self) -> dict[Category, str]:
        return {
            Category.IDENTITY: self.tr("Identity: name, date of birth (identifying)"),
            Category.CONTACT: self.tr("Contact: phone, address (identifying)"),
            Category.EXPERIENCE: self.tr("Experience: what happened"),
            Category.NEEDS: self.tr("Needs: help they ask for"),
            Category.SAFETY: self.tr("Safety situation"),
            Category.IMMIGRATION: self.tr("Immigration situation (identifying)"),
        }

    def _method_labels(self) -> dict[Method, str]:
        return {
            Method.VERBAL: self.tr("Said yes out loud (&verbal)"),
            Method.WRITTEN: self.tr("In writin&g"),
            Method.SIGNED: self.tr("&Signed"),
        }

    def _language_name(self, language: str) -> str:
        names = {"en": self.tr("English"), "es": self.tr("Spanish (español)")}
        return names.get(language, language)

    # --- state ---------------------------------------------------------------------------------
    def set_expiry(self, day: date) -> None:
        """Set the end date (as the calendar does)."""
        self.expiry.setText(format_day(day))

    def expiry_date(self) -> date | None:
        """The end date as typed; None when the text is not a date."""
        return parse_day(self.expiry.text())

    def _show_calendar(self) -> None:
        day = self.expiry_date()
        if day is not None:
            self.calendar.setSelectedDate(_qdate(day))
        below = self.expiry.mapToGlobal(self.expiry.rect().bottomLeft())
        self.calendar.move(below)
        self.calendar.show()
        self.calendar.setFocus()

    def _calendar_chosen(self, chosen: QDate) -> None:
        self.set_expiry(date(chosen.year(), chosen.month(), chosen.day()))
        self.calendar.hide()
        self.expiry.setFocus()

    def person_language(self) -> str:
        return str(self.wording_language.currentData())

    def _method(self) -> Method | None:
        button = self.method_group.checkedButton()
        return None if button is None else Method(str(button.property("method")))

    def _chosen_categories(self) -> frozenset[Category]:
        return frozenset(c for c, box in self.categories.items() if box.isChecked())

    def _choices(self) -> ConsentChoices | None:
        if self.purpose.currentIndex() < 0 or self.recipient.currentIndex() < 0:
            return None
        categories = self._chosen_categories()
        expires_on = self.expiry_date()
        if not categories or expires_on is None:
            return None
        return ConsentChoices(
            recipient_name=self.recipient.currentText(),
            purpose=Purpose(self.purpose.currentData()),
            categories=categories,
            expires_on=expires_on,
            interpreter=self.interpreter.isChecked(),
        )

    def wording_text(self) -> str:
        """The wording as shown now (empty until purpose, partner and a category are chosen)."""
        choices = self._choices()
        return "" if choices is None else consent_wording(choices, self.person_language())

    def _update_wording(self) -> None:
        text = self.wording_text()
        if text:
            self.wording.setPlainText(text)
            self.wording.setPlaceholderText("")
        else:
            self.wording.clear()
            self.wording.setPlaceholderText(
                self.tr("The wording appears here once a purpose, a partner agency and at least "
                        "one kind of information are chosen.")
            )

    def problems(self) -> list[str]:
        """What still stops the consent from being recorded, in plain words."""
        found: list[str] = []
        if self.purpose.currentIndex() < 0:
            found.append(self.tr("Choose what the information will be used for."))
        if self.recipient.currentIndex() < 0:
            found.append(self.tr("Choose the partner agency that may receive it."))
        if not self._chosen_categories():
            found.append(
                self.tr("Tick at least one kind of information the person agrees to share.")
            )
        end = self.expiry_date()
        if end is None:
            found.append(self.tr("Type the end date as year-month-day, for example %1.")
                         .replace("%1", format_day(self._today + self._default_expiry)))
        elif end <= self._today:
            found.append(self.tr("The end date has to be after today."))
        elif end > self._today + MAX_EXPIRY:
            found.append(self.tr("The end date can be at most one year from today."))
        if self._method() is None:
            found.append(self.tr("Choose how the person gave consent."))
        if (who := self.who.problem()) is not None:
            found.append(who)
        return found

    def _build_consent(self) -> Consent | None:
        choices = self._choices()
        method = self._method()
        if choices is None or method is None or self.problems():
            return None
        expires = end_of_day(choices.expires_on)
        return Consent(
            id=0,
            case_id=self._case_id,
            purpose=choices.purpose,
            recipient_id=str(self.recipient.currentData()),
            categories=choices.categories,
            wording=consent_wording(choices, self.person_language()),
            language=self.person_language(),
            method=method,
            interpreter=choices.interpreter,
            given_at=self._now(),
            expires_at=expires,
            given_by=self.who.given_by(),
            guardian=self.who.guardian_name(),
        )

    def reject(self) -> None:
        self._result = None
        super().reject()

    def accept(self) -> None:
        problems = self.problems()
        if problems:
            self.problem.setText("\n".join(problems))
            self.problem.setFocus()
            return
        self._result = self._build_consent()
        super().accept()

    def consent(self) -> Consent | None:
        """The recorded consent (id 0) after accept; None if the dialog was cancelled."""
        return self._result

    def _print(self) -> None:
        consent = self._build_consent()
        if consent is None:
            self.problem.setText("\n".join(self.problems()))
            return
        if self.print_preview is not None:
            self.print_preview.close()
        self.print_preview = open_print_preview(consent, self.recipient.currentText(),
                                                consent.language, self)
        self.print_preview.destroyed.connect(self._preview_gone)

    def _preview_gone(self) -> None:
        self.print_preview = None
