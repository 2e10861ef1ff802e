"""What a consent is for: a purpose from the list, or another one in the advocate's words.

Kept beside the consent dialog (which is long already). Nothing is chosen at first: the person
agrees to a purpose, the app never suggests one.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from intake_app.domain.consent import MAX_PURPOSE_CHARS, Purpose
from intake_app.ui.interview.consent_labels import purpose_labels


class PurposeChoice(QWidget):
    """The purpose list and, only for "another purpose", a line for its words."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formRow")
        self.combo = QComboBox()
        self.combo.setPlaceholderText(self.tr("Choose a purpose"))
        for purpose, label in purpose_labels().items():
            self.combo.addItem(label, purpose)
        self.combo.setCurrentIndex(-1)
        self.combo.setAccessibleName(self.tr("Purpose of sharing"))
        self.words = QLineEdit()
        self.words.setMaxLength(MAX_PURPOSE_CHARS)
        self.words.setPlaceholderText(self.tr("The purpose, as the person agrees to it"))
        self.words.setAccessibleName(self.tr("The other purpose, in words"))
        self.words.textChanged.connect(self.changed)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.combo)
        box.addWidget(self.words)
        self.combo.currentIndexChanged.connect(self._update)
        self._update()

    def purpose(self) -> Purpose | None:
        return None if self.combo.currentIndex() < 0 else Purpose(self.combo.currentData())

    def purpose_text(self) -> str | None:
        """The other purpose's words, spaces collapsed; None for a listed purpose."""
        words = " ".join(self.words.text().split())
        return words if self.purpose() is Purpose.OTHER and words else None

    def problem(self) -> str | None:
        if self.purpose() is None:
            return self.tr("Choose what the information will be used for.")
        if self.purpose() is Purpose.OTHER and self.purpose_text() is None:
            return self.tr("Write the other purpose in words, as the person agrees to it.")
        return None

    def _update(self) -> None:
        self.words.setVisible(self.purpose() is Purpose.OTHER)
        self.changed.emit()
