"""The case page's Identifying details tab: hidden until asked (the showing is audited), edited
in place, cleared from the widgets when hidden again."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.case import Identity
from intake_app.errors import IntakeError
from intake_app.services import cases
from intake_app.services.session import Session
from intake_app.ui.i18n import tr
from intake_app.ui.tables import hint_label as _hint
from intake_app.ui.worker import Change, ChangeKind, Worker


@dataclass(frozen=True, slots=True)
class RevealedIdentity:
    preferred_name: str | None
    identity: Identity


def reveal(s: Session, case_id: int, code: str) -> RevealedIdentity:
    ident = cases.reveal_identity(s, case_id)  # audited
    return RevealedIdentity(cases.find_by_code(s, code).preferred_name, ident)


def save_identity(s: Session, case_id: int, name: str | None, ident: Identity, old_name: str | None) -> None:
    cases.update_identity(s, case_id, ident)
    if name != old_name:
        cases.set_preferred_name(s, case_id, name)


class IdentityTab(QWidget):
    """Words stay in the CaseView context: the tab is part of that page for translators.

    Showing is asked of the page (reveal_requested): it switches to this tab and runs the audited
    job; the result comes back through show_identity."""

    reveal_requested = Signal()
    saved = Signal()
    error = Signal(object)  # IntakeError

    def __init__(self, worker: Worker, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.case_id = case_id
        self._revealed: RevealedIdentity | None = None
        self.id_hidden = _hint()
        self.reveal_button = QPushButton()
        self.reveal_button.clicked.connect(self.reveal_requested)
        self.id_form_box = QFrame()
        self.id_form_box.setProperty("role", "card")
        self.id_form_box.hide()
        self.id_warning = _hint("identifying")
        self.f_name = QLineEdit()
        self.f_legal = QLineEdit()
        self.f_dob = QLineEdit()
        self.f_contact = QLineEdit()
        self.f_immigration = QLineEdit()
        self.id_labels = [QLabel() for _ in range(5)]
        form = QFormLayout()
        for label, field in zip(self.id_labels, self._fields(), strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        self.save_identity = QPushButton()
        self.save_identity.setProperty("role", "primary")
        self.save_identity.clicked.connect(self._save_identity)
        self.hide_identity = QPushButton()
        self.hide_identity.clicked.connect(self.conceal)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_identity)
        buttons.addWidget(self.hide_identity)
        buttons.addStretch(1)
        inner = QVBoxLayout(self.id_form_box)
        inner.addWidget(self.id_warning)
        inner.addLayout(form)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.id_hidden)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.id_form_box)
        layout.addStretch(1)

    def _fields(self) -> tuple[QLineEdit, ...]:
        return (self.f_name, self.f_legal, self.f_dob, self.f_contact, self.f_immigration)

    def _fail(self, err: IntakeError) -> None:
        self.error.emit(err)

    @property
    def shown(self) -> bool:
        return self._revealed is not None

    def show_identity(self, revealed: RevealedIdentity) -> None:
        self._revealed = revealed
        ident = revealed.identity
        self.f_name.setText(revealed.preferred_name or "")
        self.f_legal.setText(ident.legal_name or "")
        self.f_dob.setText(ident.date_of_birth or "")
        self.f_contact.setText(ident.contact or "")
        self.f_immigration.setText(ident.immigration or "")
        self.id_hidden.hide()
        self.reveal_button.hide()
        self.id_form_box.show()
        self.f_name.setFocus()

    def conceal(self) -> None:
        self._revealed = None
        for field in self._fields():
            field.clear()
        self.id_form_box.hide()
        self.id_hidden.show()
        self.reveal_button.show()

    def _save_identity(self) -> None:
        if self._revealed is None:
            return

        def value(edit: QLineEdit) -> str | None:
            return edit.text().strip() or None

        ident = Identity(value(self.f_legal), value(self.f_dob), value(self.f_contact),
                         value(self.f_immigration))
        name, old, case_id = value(self.f_name), self._revealed.preferred_name, self.case_id
        self._revealed = RevealedIdentity(name, ident)
        self.worker.run(lambda s: save_identity(s, case_id, name, ident, old), self._saved, self._fail,
                        changes=[Change(ChangeKind.CASE, case_id)])

    def _saved(self, _result: object) -> None:
        self.saved.emit()

    def retranslate(self) -> None:
        self.id_hidden.setText(tr(
            "CaseView",
            "Identifying details are hidden. Nothing about the person is needed to work on "
            "this case. Showing them is recorded in the audit log.",
        ))
        self.reveal_button.setText(tr("CaseView", "Show identifying details"))
        self.id_warning.setText(tr(
            "CaseView", "Identifying details: every field is optional. Leave blank what the person did not give."
        ))
        labels = (
            tr("CaseView", "Preferred name"),
            tr("CaseView", "Legal name (identifying)"),
            tr("CaseView", "Date of birth (identifying)"),
            tr("CaseView", "Contact (identifying)"),
            tr("CaseView", "Immigration details (identifying)"),
        )
        for label, field, text in zip(self.id_labels, self._fields(), labels, strict=True):
            label.setText(text)
            field.setAccessibleName(text)
        self.save_identity.setText(tr("CaseView", "Save details"))
        self.hide_identity.setText(tr("CaseView", "Hide details"))
        self.reveal_button.setAccessibleName(tr("CaseView", "Show identifying details"))
