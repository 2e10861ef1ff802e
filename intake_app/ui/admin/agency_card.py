"""Admin screen "This agency": create the agency, show its fingerprint, save its public card."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError
from intake_app.services import provisioning
from intake_app.services.session import Session
from intake_app.ui.admin.common import WordsGrid, kind_label, label
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.worker import Change, ChangeKind, Worker

KINDS: tuple[str, ...] = ("service_provider", "law_enforcement", "prosecutor", "other")


def _create(s: Session, name: str, kind: str, contact: dict[str, str]) -> provisioning.Overview:
    provisioning.create_agency(s, name, kind, [contact])
    return provisioning.overview(s)


class AgencyCardScreen(QWidget):
    """Before the agency exists: a short form. After: its name, fingerprint and card export."""

    created = Signal(object)  # provisioning.Overview

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminAgency")
        self._worker = worker
        self._own: provisioning.CardView | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_create())
        self.stack.addWidget(self._build_show())
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.retranslate()
        self._validate()

    # --- create ---------------------------------------------------------------------------------
    def _build_create(self) -> QWidget:
        page = QWidget()
        self.c_title = label("subtitle")
        self.c_intro = label("hint")
        self.name = QLineEdit()
        self.kind = QComboBox()
        for k in KINDS:
            self.kind.addItem("", k)
        self.contact_name = QLineEdit()
        self.contact_role = QLineEdit()
        self.contact_phone = QLineEdit()
        self.contact_email = QLineEdit()
        self.c_feedback = label("hint")
        self.c_error = label("error")
        self.c_error.hide()
        self.create_button = QPushButton()
        self.create_button.setProperty("role", "primary")
        self.create_button.clicked.connect(self._create)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._c_labels: list[QLabel] = []
        fields: tuple[QWidget, ...] = (
            self.name, self.kind, self.contact_name, self.contact_role, self.contact_phone,
            self.contact_email,
        )  # fmt: skip
        for field in fields:
            lab = QLabel()
            lab.setBuddy(field)
            self._c_labels.append(lab)
            self.form.addRow(lab, field)
            if isinstance(field, QLineEdit):
                field.textChanged.connect(self._validate)
                field.returnPressed.connect(self._create)
        layout = QVBoxLayout(page)
        layout.addWidget(self.c_title)
        layout.addWidget(self.c_intro)
        layout.addLayout(self.form)
        for w in (self.c_feedback, self.c_error):
            layout.addWidget(w)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        layout.addStretch(1)
        for a, b in zip(fields, (*fields[1:], self.create_button), strict=True):
            QWidget.setTabOrder(a, b)
        return page

    def _problem(self) -> str:
        if not self.name.text().strip():
            return tr("AgencyAdmin", "Type the agency's name.")
        if not self.contact_name.text().strip():
            return tr("AgencyAdmin", "Name a point of contact partners can call.")
        if not (self.contact_phone.text().strip() or self.contact_email.text().strip()):
            return tr("AgencyAdmin", "Give the contact's phone number or email (or both).")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        self.c_feedback.setText(problem or tr("AgencyAdmin", "Ready to create the agency."))
        self.create_button.setEnabled(not problem)

    def _create(self) -> None:
        if self._problem() or not self.create_button.isEnabled():
            return
        contact = {"name": self.contact_name.text().strip()}
        for key, edit in (
            ("role", self.contact_role), ("phone", self.contact_phone),
            ("email", self.contact_email),
        ):  # fmt: skip
            if edit.text().strip():
                contact[key] = edit.text().strip()
        name, kind = self.name.text().strip(), str(self.kind.currentData())
        self.create_button.setEnabled(False)
        self.c_error.hide()
        self._worker.run(
            lambda s: _create(s, name, kind, contact),
            self._created,
            self._create_failed,
            changes=[Change(ChangeKind.IDENTITY, 0)],
        )

    def _created(self, overview: provisioning.Overview) -> None:
        self.show_overview(overview)
        self.created.emit(overview)

    def _create_failed(self, err: IntakeError) -> None:
        self.c_error.setText(error_text(err))
        self.c_error.show()
        self._validate()

    # --- show -----------------------------------------------------------------------------------
    def _build_show(self) -> QWidget:
        page = QWidget()
        self.s_title = label("subtitle")
        self.s_kind = label()
        self.s_contacts = label()
        self.s_words_title = label("subtitle")
        self.s_words_hint = label("hint")
        self.words = WordsGrid()
        self.save_card = QPushButton()
        self.save_card.setProperty("role", "primary")
        self.save_card.clicked.connect(self._choose_card_file)
        self.s_status = label("ok")
        self.s_status.hide()
        self.s_error = label("error")
        self.s_error.hide()
        layout = QVBoxLayout(page)
        for w in (self.s_title, self.s_kind, self.s_contacts, self.s_words_title,
                  self.s_words_hint, self.words):
            layout.addWidget(w)
        row = QHBoxLayout()
        row.addWidget(self.save_card)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.s_status)
        layout.addWidget(self.s_error)
        layout.addStretch(1)
        return page

    def show_overview(self, overview: provisioning.Overview) -> None:
        self._own = overview.own
        if overview.own is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        self._fill()

    def _fill(self) -> None:
        own = self._own
        if own is None:
            return
        self.s_title.setText(own.name)
        self.s_kind.setText(kind_label(own.kind))
        lines = [", ".join(p for p in c if p) for c in own.contacts]
        self.s_contacts.setText(
            tr("AgencyAdmin", "Point of contact: {contacts}").format(contacts="; ".join(lines))
        )
        self.words.set_words(own.words, own.hex)

    def _choose_card_file(self) -> None:
        suggested = "agency-card.json"
        if self._own is not None:
            safe = "".join(c if c.isalnum() else "-" for c in self._own.name.lower()).strip("-")
            suggested = f"{safe or 'agency'}-card.json"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("AgencyAdmin", "Save the public card"), suggested,
            tr("AgencyAdmin", "Agency cards (*.json)"),
        )  # fmt: skip
        if path:
            self.export_card(Path(path))

    def export_card(self, path: Path) -> None:
        self.s_status.hide()
        self.s_error.hide()
        self._worker.run(
            lambda s: provisioning.export_card(s, path),
            lambda _c: self._card_saved(path),
            self._card_failed,
        )

    def _card_saved(self, path: Path) -> None:
        self.s_status.setText(
            tr(
                "AgencyAdmin",
                "Saved {file}. It holds no secrets: send it to partner agencies any way you"
                " like, then read them the eight words by phone.",
            ).format(file=path.name)
        )
        self.s_status.show()

    def _card_failed(self, err: IntakeError) -> None:
        self.s_error.setText(error_text(err))
        self.s_error.show()

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.c_title.setText(tr("AgencyAdmin", "Create this agency"))
        self.c_intro.setText(
            tr(
                "AgencyAdmin",
                "This makes the agency's keys and keeps them in this laptop's encrypted"
                " database. Do it once, on the administrator's laptop; other laptops join"
                " with an enrolment bundle.",
            )
        )
        texts = (
            tr("AgencyAdmin", "Agency &name"), tr("AgencyAdmin", "&Kind of agency"),
            tr("AgencyAdmin", "&Contact person"), tr("AgencyAdmin", "Contact's &role"),
            tr("AgencyAdmin", "Contact's &phone"), tr("AgencyAdmin", "Contact's &email"),
        )  # fmt: skip
        for lab, text in zip(self._c_labels, texts, strict=True):
            lab.setText(text)
            # Never clipped (a language switch can lengthen it): measured plus a little margin.
            lab.setMinimumWidth(lab.fontMetrics().horizontalAdvance(text.replace("&", "")) + 12)
            buddy = lab.buddy()
            if buddy is not None:
                buddy.setAccessibleName(text.replace("&", ""))
        for i, k in enumerate(KINDS):
            self.kind.setItemText(i, kind_label(k))
        self.create_button.setText(tr("AgencyAdmin", "Create the agency"))
        self.s_words_title.setText(tr("AgencyAdmin", "Your agency's fingerprint"))
        self.s_words_hint.setText(
            tr(
                "AgencyAdmin",
                "Partners read these eight words back to you by phone before they trust your"
                " card. If even one word differs, the card was swapped on the way.",
            )
        )
        self.save_card.setText(tr("AgencyAdmin", "Save public card to a file…"))
        self.save_card.setAccessibleName(tr("AgencyAdmin", "Save public card to a file"))
        self._validate()
        self._fill()
