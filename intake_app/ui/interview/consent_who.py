"""Who gave a consent: the person, a guardian, or both; and the guardian's name.

Kept beside the consent dialog (which is long already). The person is chosen at first: the
choice that releases least for a minor, so a slip never widens a share.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from intake_app.domain.consent import GivenBy
from intake_app.ui.flow_layout import FlowLayout

MAX_GUARDIAN_CHARS = 200  # services.consents.MAX_NAME_CHARS


class WhoConsented(QWidget):
    """Radio buttons (keyboard: arrow keys inside the group, a mnemonic on each) and the
    guardian's name, asked only when a guardian consented."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formRow")
        self.group = QButtonGroup(self)
        row = FlowLayout()
        labels = {
            GivenBy.PERSON: self.tr("&The person"),
            GivenBy.GUARDIAN: self.tr("A parent or g&uardian"),
            GivenBy.BOTH: self.tr("&Both the person and a guardian"),
        }
        self.radios: dict[GivenBy, QRadioButton] = {}
        for who, label in labels.items():
            radio = QRadioButton(label)
            radio.setAccessibleName(label.replace("&", ""))
            self.group.addButton(radio)
            self.radios[who] = radio
            row.addWidget(radio)
            radio.toggled.connect(self._update)
        self.guardian = QLineEdit()
        self.guardian.setMaxLength(MAX_GUARDIAN_CHARS)
        self.guardian.setPlaceholderText(self.tr("Guardian's name"))
        self.guardian.setAccessibleName(self.tr("Guardian's name"))
        self.guardian.textChanged.connect(self.changed)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.guardian)
        self.radios[GivenBy.PERSON].setChecked(True)
        self._update()

    def given_by(self) -> GivenBy:
        return next(w for w, r in self.radios.items() if r.isChecked())

    def guardian_name(self) -> str | None:
        name = self.guardian.text().strip()
        return name if self.given_by() is not GivenBy.PERSON and name else None

    def problem(self) -> str | None:
        if self.given_by() is not GivenBy.PERSON and self.guardian_name() is None:
            return self.tr("Write the name of the parent or guardian who gave consent.")
        return None

    def _update(self) -> None:
        self.guardian.setVisible(self.given_by() is not GivenBy.PERSON)
        self.changed.emit()
