"""The case page's legal hold: a check box beside the status. A case under a legal hold is never
deleted for retention (services/retention.py); supervisors and administrators set and lift it,
everyone else sees it greyed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox

from intake_app.errors import IntakeError
from intake_app.services import retention
from intake_app.ui.i18n import tr
from intake_app.ui.worker import Change, ChangeKind, Worker


class LegalHoldBox(QCheckBox):
    error = Signal(object)  # IntakeError

    def __init__(self, worker: Worker, case_id: int) -> None:
        super().__init__()
        self.setObjectName("legalHold")
        self._worker = worker
        self._case_id = case_id
        self._may = False
        self.setEnabled(False)  # until the case is loaded and the role known
        # clicked, not toggled: showing a loaded value must not send it back.
        self.clicked.connect(self._chosen)

    def fill(self, held: bool, may_change: bool) -> None:
        self._may = may_change
        self.setChecked(held)
        self.setEnabled(may_change)
        self.retranslate()

    def _chosen(self, held: bool) -> None:
        case_id = self._case_id
        self.setEnabled(False)  # until the reload shows what was saved
        self._worker.run(lambda s: retention.set_legal_hold(s, case_id, held), None, self._failed,
                         changes=[Change(ChangeKind.CASE, case_id)])

    def _failed(self, err: IntakeError) -> None:
        self.setChecked(not self.isChecked())
        self.setEnabled(self._may)
        self.error.emit(err)

    def retranslate(self) -> None:
        self.setText(tr("CaseView", "Legal &hold"))
        self.setAccessibleName(tr("CaseView", "Legal hold"))
        self.setToolTip(
            tr("CaseView", "While on, this case is never deleted for retention, whatever the"
                           " agency's policy says.") if self._may else
            tr("CaseView", "A supervisor or administrator puts a case under a legal hold."))
