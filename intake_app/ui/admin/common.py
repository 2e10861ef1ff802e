"""Pieces the admin screens share: labels, fingerprint words in a numbered grid, errors in words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from intake_app.errors import IntakeError
from intake_app.ui.i18n import error_text, tr
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


def admin_error_text(err: IntakeError) -> str:
    """Specific words for what the admin screens can refuse; the shell's words otherwise."""
    reason = str(err.ids.get("reason", ""))
    if err.code == "signed_profile_refused":
        by_reason = {
            "tampered": tr(
                "AgencyAdmin",
                "Refused: this profile was changed after it was signed. Nothing was changed"
                " on this laptop. Ask your administrator for the original file.",
            ),
            "foreign": tr(
                "AgencyAdmin",
                "Refused: this profile was signed by a different agency. Nothing was changed"
                " on this laptop.",
            ),
            "unsigned": tr(
                "AgencyAdmin",
                "Refused: this profile is not signed. Nothing was changed on this laptop.",
            ),
            "older": tr(
                "AgencyAdmin",
                "Refused: this profile is older than the one in force here. Nothing was"
                " changed on this laptop.",
            ),
            "not_newer": tr(
                "AgencyAdmin",
                "Refused: this profile is the same version as the one in force here. Nothing"
                " was changed on this laptop.",
            ),
            "no_agency": tr(
                "AgencyAdmin",
                "This laptop has no agency yet, so a profile cannot be checked. Create the"
                " agency or join it first.",
            ),
            "none_installed": tr("AgencyAdmin", "No policy has been signed on this laptop yet."),
        }
        return by_reason.get(
            reason,
            tr(
                "AgencyAdmin",
                "Refused: this file is not a readable agency profile. Nothing was changed on"
                " this laptop.",
            ),
        )
    if err.code == "card_invalid":
        return tr(
            "AgencyAdmin",
            "This file is not a usable agency card: it is damaged, was changed after it was"
            " made, or is not a card. Ask the partner to send it again.",
        )
    return error_text(err)
