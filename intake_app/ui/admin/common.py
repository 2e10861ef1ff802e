"""Pieces the admin screens share: labels, fingerprint words in a numbered grid, errors in words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from intake_app.ui.i18n import tr
from intake_app.ui.theme import monospace_font


def label(role: str = "") -> QLabel:
    widget = QLabel()
    widget.setWordWrap(True)
    if role:
        widget.setProperty("role", role)
    return widget


def kind_label(kind: str) -> str:
    labels = {
        "law_enforcement": tr("AgencyAdmin", "Law enforcement"),
        "service_provider": tr("AgencyAdmin", "Victim service provider"),
        "prosecutor": tr("AgencyAdmin", "Prosecutor's office"),
        "other": tr("AgencyAdmin", "Other"),
    }
    return labels.get(kind, kind)


def grouped_hex(hex_fp: str) -> str:
    return " ".join(hex_fp[i : i + 4] for i in range(0, len(hex_fp), 4))


class WordsGrid(QFrame):
    """Eight fingerprint words, numbered, two columns of four: easy to read aloud in order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self._grid = QGridLayout(self)
        self._grid.setHorizontalSpacing(24)
        self._labels: list[QLabel] = []
        for i in range(8):
            word = QLabel()
            word.setProperty("role", "subtitle")
            word.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._grid.addWidget(word, i % 4, i // 4)
            self._labels.append(word)
        self.hex = QLabel()
        self.hex.setFont(monospace_font())
        self.hex.setProperty("role", "hint")
        self.hex.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hex.setWordWrap(True)  # 16 groups: wraps on a small screen instead of widening it
        self._grid.addWidget(self.hex, 4, 0, 1, 2)

    def set_words(self, words: Sequence[str], hex_fp: str) -> None:
        for i, word in enumerate(self._labels):
            word.setText(f"{i + 1}. {words[i]}" if i < len(words) else "")
        self.hex.setText(grouped_hex(hex_fp))
        self.setAccessibleName(tr("AgencyAdmin", "Fingerprint words") + ": " + " ".join(words))

    def words(self) -> list[str]:
        return [w.text().split(". ", 1)[-1] for w in self._labels if w.text()]


