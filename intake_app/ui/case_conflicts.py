"""The case page's "two versions" panel: a detail changed on two laptops while they were apart
shows each version side by side, with who and when, until a person keeps one or writes another.

Identifying versions stay hidden until "Show the versions" (an audited reveal, in services).
Words stay in the CaseView context: the panel is part of that page for translators.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.case import CaseStatus
from intake_app.errors import IntakeError
from intake_app.services import conflicts
from intake_app.services.conflicts import FieldConflict, Version
from intake_app.services.session import Session
from intake_app.ui.caselist import status_label
from intake_app.ui.i18n import local_datetime, noop, tr
from intake_app.ui.tables import clear_layout
from intake_app.ui.worker import Change, ChangeKind, Worker

FIELD_WORDS: dict[str, str] = {
    "preferred_name": noop("CaseView", "Preferred name"),
    "legal_name": noop("CaseView", "Legal name (identifying)"),
    "date_of_birth": noop("CaseView", "Date of birth (identifying)"),
    "contact": noop("CaseView", "Contact (identifying)"),
    "immigration": noop("CaseView", "Immigration details (identifying)"),
    "status": noop("CaseView", "Status"),
    "language": noop("CaseView", "Language"),
    "body": noop("CaseView", "A note"),
}
FREE_TEXT = frozenset({"preferred_name", "legal_name", "date_of_birth", "contact", "immigration",
                       "body"})


def _bold(label: QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)


def _when(ms: int) -> str:
    return local_datetime(datetime.fromtimestamp(ms / 1000, UTC).isoformat())


_ANSWER_STATES = {
    "declined": noop("CaseView", "Prefers not to say"),
    "unknown": noop("CaseView", "Doesn't know"),
    "not_asked": noop("CaseView", "Not now"),
}


def _value_text(conflict: FieldConflict, version: Version) -> str:
    value = version.value
    if conflict.entity == "answer" and version.state in _ANSWER_STATES:
        return tr("CaseView", _ANSWER_STATES[version.state])
    if conflict.entity == "answer" and version.state is None:
        return tr("CaseView", "No answer")
    if value is None:
        return tr("CaseView", "(empty)")
    if conflict.entity == "case" and conflict.field == "status" and value in {
            s.value for s in CaseStatus}:
        return status_label(CaseStatus(value))
    return value


class ConflictsPanel(QFrame):
    """Hidden while the case has no field with two versions."""

    error = Signal(object)  # IntakeError

    def __init__(self, worker: Worker, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.case_id = case_id
        self.conflicts: list[FieldConflict] = []
        self.setObjectName("conflicts")
        self.setProperty("role", "notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        _bold(self.heading)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.reveal_button = QPushButton()
        self.reveal_button.clicked.connect(self.reveal)
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 3)  # the value gets the room; the buttons their own width
        self.grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        row = QHBoxLayout()
        row.addWidget(self.reveal_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.body)
        self.keep_buttons: list[QPushButton] = []
        self.write_fields: list[QLineEdit] = []
        self.retranslate()
        self.hide()

    # --- showing --------------------------------------------------------------------------------
    def fill(self, found: list[FieldConflict]) -> None:
        self.conflicts = found
        clear_layout(self.grid)
        self.keep_buttons, self.write_fields = [], []
        row = 0
        for conflict in found:
            title = QLabel(tr("CaseView", "Answer: %1").replace("%1", conflict.label)
                           if conflict.entity == "answer"
                           else tr("CaseView", FIELD_WORDS.get(conflict.field, conflict.field)))
            _bold(title)
            self.grid.addWidget(title, row, 0, 1, 3)
            row += 1
            for version in conflict.versions:
                shown = (tr("CaseView", "(hidden)") if conflict.hidden
                         else _value_text(conflict, version))
                value = QLabel(shown)
                value.setWordWrap(True)
                who = QLabel(tr("CaseView", "by %1, %2").replace("%1", version.author)
                             .replace("%2", _when(version.at_ms)))
                who.setProperty("role", "hint")
                keep = QPushButton(tr("CaseView", "Keep this one"))
                keep.setAccessibleName(tr("CaseView", "Keep the version by %1").replace(
                    "%1", version.author))
                keep.clicked.connect(
                    lambda _=False, c=conflict, op=version.op_id: self._keep(c, op))
                self.keep_buttons.append(keep)
                self.grid.addWidget(value, row, 0)
                self.grid.addWidget(who, row, 1)
                self.grid.addWidget(keep, row, 2)
                row += 1
            if conflict.field in FREE_TEXT and not conflict.hidden:
                other = QLineEdit()
                other.setPlaceholderText(tr("CaseView", "Or write the right one"))
                other.setAccessibleName(tr("CaseView", "Or write the right one"))
                save = QPushButton(tr("CaseView", "Save this instead"))
                save.clicked.connect(
                    lambda _=False, c=conflict, e=other: self._write(c, e.text()))
                other.returnPressed.connect(save.click)
                self.write_fields.append(other)
                self.grid.addWidget(other, row, 0, 1, 2)
                self.grid.addWidget(save, row, 2)
                row += 1
        self.reveal_button.setVisible(any(c.hidden for c in found))
        self.setVisible(bool(found))

    def reveal(self) -> None:
        """Show the identifying versions: audited in the worker before anything is shown."""
        case_id = self.case_id
        # No change notice: the reload it causes would withhold the values again at once.
        self.worker.run(lambda s: conflicts.case_conflicts(s, case_id, reveal=True), self.fill,
                        self._fail)

    # --- choosing -------------------------------------------------------------------------------
    def _keep(self, conflict: FieldConflict, op_id: str) -> None:
        case_id = self.case_id

        def job(s: Session) -> None:
            conflicts.keep_version(s, case_id, conflict, op_id)

        self.worker.run(job, None, self._fail, changes=[Change(ChangeKind.CASE, case_id)])

    def _write(self, conflict: FieldConflict, text: str) -> None:
        value = text.strip()
        if not value:
            return
        case_id = self.case_id

        def job(s: Session) -> None:
            conflicts.resolve(s, case_id, conflict, value)

        self.worker.run(job, None, self._fail, changes=[Change(ChangeKind.CASE, case_id)])

    def _fail(self, err: IntakeError) -> None:
        self.error.emit(err)

    def retranslate(self) -> None:
        self.heading.setText(tr("CaseView", "Two versions: this case was changed on two laptops"
                                " while they were apart"))
        self.explain.setText(tr("CaseView", "Nothing was lost. Keep the right version (or write"
                                " it); the other stays in the case's history."))
        self.reveal_button.setText(tr("CaseView", "Show the versions"))
        if self.conflicts:
            self.fill(self.conflicts)
