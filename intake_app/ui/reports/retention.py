"""The Reports screen's "Due for deletion" section (supervisors, administrators): the cases the
agency's retention policy says are due, by code and date (never a name), and one button that
deletes them after a confirmation naming how many. The listing, the deletion and its VACUUM run
on the worker (services/retention.py); a case put under a legal hold meanwhile is kept there."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.retention import DueCase
from intake_app.errors import IntakeError
from intake_app.services import retention
from intake_app.services.retention import DeletionResult
from intake_app.ui.backup_feature import POLL_MS, CopyProgress
from intake_app.ui.caselist import status_label
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.worker import Change, ChangeKind, Worker

CTX = "Retention"


class RetentionPanel(QWidget):
    deleted = Signal(int)  # how many were deleted

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.setObjectName("retentionPanel")
        self._worker = worker
        self._due: list[DueCase] = []
        self._busy = False
        self._progress: CopyProgress | None = None
        self.confirm: QMessageBox | None = None
        self._outcome = ""  # what the last deletion did, kept over the listing that follows
        self.heading = QLabel()
        self.heading.setProperty("role", "subheading")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setProperty("role", "hint")
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("dueCases")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(220)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(lambda: self.refresh(keep_outcome=False))
        self.delete_button = QPushButton()
        self.delete_button.setProperty("role", "danger")
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.ask)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(200)
        self.bar.hide()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._show_progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.refresh_button, self.delete_button, self.bar):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.heading, self.explain, self.table):
            layout.addWidget(w)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.retranslate()
        self.refresh()

    # --- listing ----------------------------------------------------------------------------
    def refresh(self, *, keep_outcome: bool = True) -> None:
        if self._busy:
            return
        if not keep_outcome:
            self._outcome = ""
        self._set_busy(True)
        self._worker.run(retention.cases_due_for_deletion, self._show, self._failed)

    def _show(self, due: list[DueCase]) -> None:
        self._due = due
        self._set_busy(False)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self._due))
        for row, d in enumerate(self._due):
            values = (d.code, status_label(d.status), d.since.isoformat(), str(d.days_overdue))
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        none = tr(CTX, "No case is due for deletion.") if not self._due else ""
        self.status.setText(" ".join(w for w in (self._outcome, none) if w))
        self.retranslate()

    # --- deleting ---------------------------------------------------------------------------
    def ask(self) -> None:
        """A confirmation that names the count and says it cannot be undone; Cancel by default."""
        if self._busy or not self._due:
            return
        count = len(self._due)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr(CTX, "Delete cases"))
        box.setText(tr(CTX, "Delete these {count} cases for good?").format(count=count))
        box.setInformativeText(tr(CTX, "Their interviews, answers, notes and consents go too, on"
                                       " every laptop of the agency. This cannot be undone."))
        delete = box.addButton(tr(CTX, "Delete {count} cases").format(count=count),
                               QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        delete.clicked.connect(self.delete_all)
        self.confirm = box
        box.open()

    def delete_all(self) -> None:
        if self._busy or not self._due:
            return
        codes = [d.code for d in self._due]
        progress = self._progress = CopyProgress()
        self._set_busy(True)
        self.bar.setRange(0, 0)
        self.bar.show()
        self._poll.start()
        self.status.setText(tr(CTX, "Deleting…"))
        self._worker.run(lambda s: retention.delete_due_cases(s, codes, progress=progress),
                         self._done, self._failed, changes=[Change(ChangeKind.CASE, 0)])

    def _show_progress(self) -> None:
        seen = self._progress.read() if self._progress is not None else None
        if seen is not None and seen[1]:
            self.bar.setRange(0, seen[1])
            self.bar.setValue(seen[0])

    def _done(self, result: DeletionResult) -> None:
        self._stop_progress()
        self._set_busy(False)
        words = tr(CTX, "{count} cases deleted.").format(count=len(result.deleted))
        if result.refused:
            words += " " + tr(CTX, "{count} kept: put under a legal hold or touched since they"
                                   " were listed.").format(count=len(result.refused))
        self._outcome = words  # shown by the refresh below
        self.deleted.emit(len(result.deleted))
        self.refresh()

    def _failed(self, err: IntakeError) -> None:
        self._stop_progress()
        self._set_busy(False)
        self.status.setText(error_text(err))

    def _stop_progress(self) -> None:
        self._poll.stop()
        self._progress = None
        self.bar.hide()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.refresh_button.setEnabled(not busy)
        self.delete_button.setEnabled(not busy and bool(self._due))

    # --- words ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(tr(CTX, "Due for deletion"))
        self.explain.setText(tr(CTX, "Cases the agency's retention policy says are past their"
                                     " time, by code. A case under a legal hold is never listed."))
        self.table.setHorizontalHeaderLabels([
            tr(CTX, "Case code"), tr(CTX, "Status"), tr(CTX, "Last activity or closure"),
            tr(CTX, "Days overdue")])
        self.refresh_button.setText(tr(CTX, "Check a&gain"))
        self.delete_button.setText(
            tr(CTX, "&Delete these {count} cases…").format(count=len(self._due)))
        self.delete_button.setAccessibleName(tr(CTX, "Delete the cases due for deletion"))
        self.table.setAccessibleName(tr(CTX, "Cases due for deletion"))
