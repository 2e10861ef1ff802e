"""The case page's Notes tab: the case's notes, adding one and editing one."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.case import Note
from intake_app.errors import IntakeError
from intake_app.services import cases
from intake_app.ui.i18n import local_datetime, tr
from intake_app.ui.worker import Change, ChangeKind, Worker


class NotesTab(QWidget):
    """Words stay in the CaseView context: the tab is part of that page for translators."""

    error = Signal(object)  # IntakeError

    def __init__(self, worker: Worker, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.case_id = case_id
        self._notes: list[Note] = []
        self._editing_note: int | None = None
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.itemSelectionChanged.connect(self.update_buttons)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setMaximumHeight(120)
        self.note_edit.textChanged.connect(self.update_buttons)
        self.save_note = QPushButton()
        self.save_note.setProperty("role", "primary")
        self.save_note.clicked.connect(self._save_note)
        self.edit_note = QPushButton()
        self.edit_note.clicked.connect(self._start_edit_note)
        self.cancel_note = QPushButton()
        self.cancel_note.clicked.connect(self._cancel_note)
        buttons = QHBoxLayout()
        for b in (self.save_note, self.edit_note, self.cancel_note):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.l_note = QLabel()
        self.l_note.setBuddy(self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.l_note)
        layout.addWidget(self.note_edit)
        layout.addLayout(buttons)

    def _fail(self, err: IntakeError) -> None:
        self.error.emit(err)

    def fill(self, notes: list[Note]) -> None:
        self._notes = notes
        self.notes.clear()
        for note in notes:
            who = note.author or ""
            head = f"{local_datetime(note.created_at)} · {who}" if who else local_datetime(note.created_at)
            item = QListWidgetItem(f"{head}\n{note.body}")
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.notes.addItem(item)

    def update_buttons(self) -> None:
        self.edit_note.setEnabled(bool(self.notes.selectedItems()) and self._editing_note is None)
        self.save_note.setEnabled(bool(self.note_edit.toPlainText().strip()))
        self.cancel_note.setVisible(self._editing_note is not None)

    def _start_edit_note(self) -> None:
        items = self.notes.selectedItems()
        if not items:
            return
        note_id = int(items[0].data(Qt.ItemDataRole.UserRole))
        note = next((n for n in self._notes if n.id == note_id), None)
        if note is None:
            return
        self._editing_note = note_id
        self.note_edit.setPlainText(note.body)
        self.note_edit.setFocus()
        self.retranslate()

    def _cancel_note(self) -> None:
        self._editing_note = None
        self.note_edit.clear()
        self.retranslate()

    def _save_note(self) -> None:
        body = self.note_edit.toPlainText().strip()
        if not body:
            return
        case_id, note_id = self.case_id, self._editing_note
        changes = [Change(ChangeKind.CASE, case_id)]
        if note_id is None:
            self.worker.run(lambda s: cases.add_note(s, case_id, body), None, self._fail,
                            changes=changes)
        else:
            self.worker.run(lambda s: cases.edit_note(s, note_id, body), None, self._fail,
                            changes=changes)
        self._cancel_note()

    def retranslate(self) -> None:
        self.l_note.setText(tr("CaseView", "Edit &note") if self._editing_note is not None
                            else tr("CaseView", "New &note"))
        self.save_note.setText(tr("CaseView", "Save note") if self._editing_note is not None
                               else tr("CaseView", "Add note"))
        self.edit_note.setText(tr("CaseView", "Edit selected note"))
        self.cancel_note.setText(tr("CaseView", "Cancel"))
        self.notes.setAccessibleName(tr("CaseView", "Notes"))
        self.note_edit.setAccessibleName(tr("CaseView", "Note text"))
        self.update_buttons()
