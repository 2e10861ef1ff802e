"""Across the task force, on the Reports screen: "Send to…" (choose a confirmed partner, read
what leaves, confirm) and the words for a report combined from several agencies.

The page runs every job on the worker (services.aggregates); this module only asks and words.
Combined reports sit in the page's report choice under `combined_key(kind)`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.services.aggregates import Source

COMBINED = "combined:"


def combined_key(kind: str) -> str:
    return COMBINED + kind


def split_key(key: str) -> tuple[str, bool]:
    """(report kind, whether it is the combined one) of a report choice."""
    return (key[len(COMBINED):], True) if key.startswith(COMBINED) else (key, False)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TaskForce", text)


def combined_choice(report_words: str) -> str:
    """The report choice for a combined report, from the report's own name."""
    return _tr("{report}, combined across agencies").format(report=report_words)


def sources_sentence(sources: Sequence[Source]) -> str:
    """Which agencies a combined table counts: this one and each partner, with its date."""
    names = ", ".join(_tr("{name} (sent {day})").format(name=s.name, day=s.made_at[:10])
                      for s in sources)
    return _tr("Combined from {n} agencies: this agency and {names}. Each agency sent only"
               " counts; counts under 5 stay hidden after adding up.").format(
        n=len(sources) + 1, names=names)


class SendDialog(QDialog):
    """Choose the partner that combines the task force's counts, and confirm."""

    def __init__(self, period: str, partners: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sendReportsDialog")
        self.setWindowTitle(self.tr("Send this agency's counts"))
        self.setMinimumWidth(520)
        what = QLabel(self.tr(
            "The three reports for {period} leave as they are shown here: counts only, with"
            " counts under 5 hidden. No name, case code or note leaves. The partner agency can"
            " add them up with other agencies' counts.").format(period=period))
        what.setWordWrap(True)
        self.partner = QComboBox()
        for agency_id, name in partners:
            self.partner.addItem(name, agency_id)
        form = QFormLayout()
        label = QLabel(self.tr("&Partner agency:"))
        label.setBuddy(self.partner)
        form.addRow(label, self.partner)
        self.none = QLabel(self.tr(
            "No partner agency is confirmed yet. An administrator adds and confirms partner"
            " agencies on the Agency screen."))
        self.none.setWordWrap(True)
        self.none.setProperty("role", "hint")
        self.none.setVisible(not partners)
        buttons = QDialogButtonBox()
        self.send = QPushButton(self.tr("&Send"))
        self.send.setEnabled(bool(partners))
        self.send.setDefault(True)
        buttons.addButton(self.send, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QPushButton(self.tr("Cancel")), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.none)
        layout.addWidget(buttons)

    def chosen(self) -> str | None:
        data = self.partner.currentData()
        return None if data is None else str(data)
