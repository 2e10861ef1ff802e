"""The consent dialog: purpose, partner, categories, wording in the person's language, expiry,
how and by whom it was given. Its parts live beside it: consent_purpose.py (what for),
consent_ends.py (the end date), consent_who.py (who gave it), consent_labels.py (choice labels and refusals in words),
consent_wording.py and consent_print.py (what the person reads and takes home).

What the policy and the case forbid (a spoken yes for identifying information where writing is
required, a minor without a guardian, a never-share agency, a barred guardian, an end past
consent_max_days) is refused here in words, as the choices are made; give_consent and the share
rule hold the same lines whatever a caller sends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.consent import (
    DEFAULT_EXPIRY,
    Category,
    Consent,
    Method,
    end_of_day,
    format_day,
)
from intake_app.services.consent_setting import ConsentSetting
from intake_app.ui.fit import fitted_size, frame_margins, screen_of, vertical_scroll
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview import style
from intake_app.ui.interview.consent_ends import ConsentEnds
from intake_app.ui.interview.consent_how import HowGiven
from intake_app.ui.interview.consent_labels import (
    category_labels,
    language_name,
    refusal_text,
)
from intake_app.ui.interview.consent_print import ConsentPrintPreview, open_print_preview
from intake_app.ui.interview.consent_purpose import PurposeChoice
from intake_app.ui.interview.consent_who import WhoConsented
from intake_app.ui.interview.consent_wording import CATEGORY_ORDER, ConsentChoices, consent_wording
from intake_app.ui.interview.translations import words_language
from intake_app.ui.wrap_buttons import WrapCheckBox

WORDING_LANGUAGES: tuple[str, ...] = ("en", "es")
PREFERRED_SIZE = QSize(820, 780)  # shrunk to the screen; the form scrolls, the buttons stay


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
        setting: ConsentSetting | None = None,
    ) -> None:
        super().__init__(parent)
        self._case_id = case_id
        # The policy's rules and lengths and the case's lists (services.consent_setting); alone,
        # the default rules, and the given default length (DEFAULT_EXPIRY without one).
        days = default_days if default_days is not None else DEFAULT_EXPIRY.days
        self._setting = setting or ConsentSetting.default(days)
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
        scroll = vertical_scroll()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.viewport().setObjectName("consentForm")
        body = QWidget()
        body.setObjectName("consentForm")
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        root = QVBoxLayout(body)
        root.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr("Read the wording below to the person, in their language, and "
                               "record only what they agree to. Nothing is chosen for them."))
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
        self.purpose_choice = PurposeChoice(self)
        self.purpose = self.purpose_choice.combo
        self.purpose_choice.changed.connect(self._update_wording)
        form.addRow(self._buddy(self.tr("&Purpose:"), self.purpose), self.purpose_choice)

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
            box = WrapCheckBox(category_labels()[category])
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
        first = self._today + timedelta(days=self._setting.default_days)
        self.ends = ConsentEnds(self._today, first, self._setting.rules.max_days, self)
        self.ends.changed.connect(self._update_wording)
        self.expiry, self.calendar = self.ends.edit, self.ends.calendar
        self.calendar_button = self.ends.calendar_button
        form.addRow(self._buddy(self.tr("Ends &on:"), self.expiry), self.ends)

        self.how = HowGiven(self)
        self.method_group = self.how.group
        self.how.changed.connect(self._update_wording)
        form.addRow(QLabel(self.tr("How it was given:")), self.how)

        self.who = WhoConsented(self)
        self.who.changed.connect(self._update_wording)
        form.addRow(QLabel(self.tr("Who gave it:")), self.who)

        self.interpreter = WrapCheckBox(self.tr("An &interpreter helped"))
        self.interpreter.setAccessibleName(self.tr("An interpreter helped"))
        self.interpreter.toggled.connect(self._update_wording)
        form.addRow("", self.interpreter)

        self.wording_language = QComboBox()
        for lang in WORDING_LANGUAGES:
            self.wording_language.addItem(language_name(lang), lang)
        index = self.wording_language.findData(words_language(person_language))
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
        self.problem = self._notice(root, self.tr("What is missing"), bold=False)
        self.refusal = self._notice(root, self.tr("Why this cannot be recorded"), bold=True)
        self.refusal.hide()

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
        self.recipient.currentIndexChanged.connect(self._update_wording)
        for combo in (self.purpose, self.recipient, self.wording_language):
            # A long partner name or placeholder is elided, not allowed to widen the dialog.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            combo.setMinimumWidth(12 * combo.fontMetrics().averageCharWidth())  # Qt counts
            # the placeholder text in the minimum size hint whatever the policy says
        self.purpose.setFocus()

    @staticmethod
    def _notice(root: QVBoxLayout, name: str, *, bold: bool) -> QLabel:
        label = QLabel()
        label.setObjectName("savedPending")
        label.setWordWrap(True)
        label.setAccessibleName(name)
        style.set_font(label, style.BODY_PT, bold=bold)
        root.addWidget(label)
        return label

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)
        return label

    # --- state ---------------------------------------------------------------------------------
    def set_expiry(self, day: date) -> None:
        """Set the end date (as the calendar does)."""
        self.ends.set_day(day)

    def expiry_date(self) -> date | None:
        """The end date as typed; None when the text is not a date."""
        return self.ends.day()

    def person_language(self) -> str:
        return str(self.wording_language.currentData())

    def _method(self) -> Method | None:
        return self.how.method()

    def _chosen_categories(self) -> frozenset[Category]:
        return frozenset(c for c, box in self.categories.items() if box.isChecked())

    def _choices(self) -> ConsentChoices | None:
        purpose = self.purpose_choice.purpose()
        if (purpose is None or self.purpose_choice.problem() is not None
                or self.recipient.currentIndex() < 0):
            return None
        categories = self._chosen_categories()
        expires_on = self.expiry_date()
        if not categories or expires_on is None:
            return None
        return ConsentChoices(
            recipient_name=self.recipient.currentText(),
            purpose=purpose,
            categories=categories,
            expires_on=expires_on,
            interpreter=self.interpreter.isChecked(),
            purpose_text=self.purpose_choice.purpose_text(),
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
        # A refusal is said as soon as the choices make one, not only at "Record".
        self.refusal.setText("\n".join(self.refusals()))
        self.refusal.setVisible(bool(self.refusal.text()))

    def refusals(self) -> list[str]:
        """What the agency's rules or the person's lists forbid in the choices as they stand."""
        index = self.recipient.currentIndex()
        found = self._setting.refusals(
            recipient_id=str(self.recipient.itemData(index)) if index >= 0 else None,
            guardian=self.who.guardian_name(), categories=self._chosen_categories(),
            method=self._method(), given_by=self.who.given_by(), today=self._today,
            ends=self.expiry_date())
        return [refusal_text(reason, self._setting.rules) for reason in found]

    def problems(self) -> list[str]:
        """What still stops the consent from being recorded, in plain words."""
        return self._missing() + self.refusals()

    def _missing(self) -> list[str]:
        found: list[str] = []
        found += [p for p in (self.purpose_choice.problem(),) if p is not None]
        if self.recipient.currentIndex() < 0:
            found.append(self.tr("Choose the partner agency that may receive it."))
        if not self._chosen_categories():
            found.append(
                self.tr("Tick at least one kind of information the person agrees to share.")
            )
        end = self.expiry_date()
        if end is None:
            first = self._today + timedelta(days=self._setting.default_days)
            found.append(self.tr("Type the end date as year-month-day, for example %1.")
                         .replace("%1", format_day(first)))
        elif end <= self._today:
            found.append(self.tr("The end date has to be after today."))
        if self._method() is None:
            found.append(self.tr("Choose how the person gave consent."))
        found += [p for p in (self.who.problem(), self.how.problem()) if p is not None]
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
            purpose_text=choices.purpose_text,
        )

    def reject(self) -> None:
        self._result = None
        super().reject()

    def accept(self) -> None:
        if self.problems():
            self.problem.setText("\n".join(self._missing()))
            (self.problem if self._missing() else self.refusal).setFocus()
            return
        self._result = self._build_consent()
        super().accept()

    def consent(self) -> Consent | None:
        """The recorded consent (id 0) after accept; None if the dialog was cancelled."""
        return self._result

    def signature(self) -> bytes | None:
        return self.how.signature()  # signed on screen: the PNG stored with the consent

    def _print(self) -> None:
        consent = self._build_consent()
        if consent is None:
            self.problem.setText("\n".join(self._missing()))
            return
        if self.print_preview is not None:
            self.print_preview.close()
        self.print_preview = open_print_preview(consent, self.recipient.currentText(),
                                                consent.language, self)
        self.print_preview.destroyed.connect(self._preview_gone)

    def _preview_gone(self) -> None:
        self.print_preview = None
