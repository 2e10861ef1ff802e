"""How a consent was given: out loud (verbal), signed on paper (written), or signed on screen
(electronic). Nothing is chosen at first: the interviewer records what happened."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from intake_app.domain.consent import Method
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview.consent_labels import method_labels


class HowGiven(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formRow")
        self.group = QButtonGroup(self)
        self.radios: dict[Method, QRadioButton] = {}
        row = FlowLayout()
        for method, label in method_labels().items():
            radio = QRadioButton(label)
            radio.setAccessibleName(label.replace("&", ""))
            radio.setProperty("method", method.value)
            self.group.addButton(radio)
            self.radios[method] = radio
            row.addWidget(radio)
            radio.toggled.connect(self.changed)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addLayout(row)

    def method(self) -> Method | None:
        button = self.group.checkedButton()
        return None if button is None else Method(str(button.property("method")))
