"""The case page's Activity tab: the case's audit trail in plain words, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QVBoxLayout, QWidget

from intake_app.ui.i18n import local_datetime, noop, tr
from intake_app.ui.tables import hint_label as _hint
from intake_app.ui.tables import read_only_item as _item
from intake_app.ui.tables import read_only_table as _table

# Audit action -> plain words. Unknown actions show as they are (never hidden).
ACTIONS: dict[str, str] = {
    "case.create": noop("CaseView", "Case created"),
    "case.view": noop("CaseView", "Case opened"),
    "case.reveal_identity": noop("CaseView", "Identifying details shown"),
    "case.edit_identity": noop("CaseView", "Identifying details changed"),
    "case.edit": noop("CaseView", "Preferred name changed"),
    "case.status": noop("CaseView", "Status changed"),
    "case.delete": noop("CaseView", "Case deleted"),
    "note.create": noop("CaseView", "Note added"),
    "note.edit": noop("CaseView", "Note changed"),
    "note.delete": noop("CaseView", "Note deleted"),
    "interview.start": noop("CaseView", "Interview started"),
    "interview.open": noop("CaseView", "Interview reopened"),
    "interview.paused": noop("CaseView", "Interview paused, to continue another day"),
    "interview.complete": noop("CaseView", "Interview completed"),
    "answer.record": noop("CaseView", "Answer saved"),
    "answer.clear": noop("CaseView", "Answer undone"),
    "consent.give": noop("CaseView", "Consent recorded"),
    "consent.withdraw": noop("CaseView", "Consent withdrawn"),
    "share.preview": noop("CaseView", "Share previewed (nothing sent)"),
    "share.queue": noop("CaseView", "Shared with a partner"),
    "referral.send": noop("CaseView", "Referral sent"),
    "consent.withdrawal.queue": noop("CaseView", "Partner told that consent was withdrawn"),
    "inbound.referral_accepted": noop("CaseView", "Partner accepted the referral"),
    "inbound.referral_declined": noop("CaseView", "Partner declined the referral"),
}


@dataclass(frozen=True, slots=True)
class ActivityLine:
    at: str
    who: str
    action: str


class ActivityTab(QWidget):
    """Words stay in the CaseView context: the tab is part of that page for translators."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ActivityLine] = []
        self.table = _table(3)
        self.hint = _hint()
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)

    def fill(self, rows: list[ActivityLine]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, line in enumerate(rows):
            words = ACTIONS.get(line.action)
            values = (local_datetime(line.at), line.who, tr("CaseView", words) if words else line.action)
            for c, text in enumerate(values):
                self.table.setItem(r, c, _item(text))

    def retranslate(self, refill: bool) -> None:
        self.table.setHorizontalHeaderLabels([
            tr("CaseView", "When"), tr("CaseView", "Who"), tr("CaseView", "What"),
        ])
        self.hint.setText(tr("CaseView", "Everything done with this case, newest first."))
        self.table.setAccessibleName(tr("CaseView", "Activity"))
        if refill:
            self.fill(self._rows)
