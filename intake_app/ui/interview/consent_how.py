"""How a consent was given: out loud (verbal), signed on paper (written), or signed on screen
(electronic). Nothing is chosen at first: the interviewer records what happened."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.consent import Method
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview.consent_labels import method_labels
from intake_app.ui.interview.signature_pad import SignaturePad


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
        # Signed on screen: the person signs here; shown only for that choice.
        self.pad = SignaturePad(self)
        self.clear_pad = QPushButton(self.tr("Clear the signature"))
        self.clear_pad.clicked.connect(self.pad.clear)
        self.clear_pad.clicked.connect(self.changed)
        self.pad.drawn.connect(self.changed)
        self.pad_row = QWidget(self)
        pad_box = QHBoxLayout(self.pad_row)
        pad_box.setContentsMargins(0, 0, 0, 0)
        pad_box.addWidget(self.pad, 1)
        pad_box.addWidget(self.clear_pad)
        self.box.addWidget(self.pad_row)
        self.pad_row.hide()
        self.changed.connect(lambda: self.pad_row.setVisible(self.method() is Method.SIGNED))

    def method(self) -> Method | None:
        button = self.group.checkedButton()
        return None if button is None else Method(str(button.property("method")))

    def signature(self) -> bytes | None:
        """The person's signature as a PNG when it was signed on screen, else None."""
        return self.pad.png() if self.method() is Method.SIGNED and self.pad.is_signed() else None

    def problem(self) -> str | None:
        if self.method() is Method.SIGNED and not self.pad.is_signed():
            return self.tr("Ask the person to sign in the box (or choose another way).")
        return None
