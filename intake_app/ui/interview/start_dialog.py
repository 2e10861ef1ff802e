"""Before a new interview: which guide (among those the agency offers this role) and in which
language the questions are asked. Resuming never asks: an interview keeps its own."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.protocol import LANGUAGES, Protocol


class StartInterviewDialog(QDialog):
    """`choices` in the order offered (the role's usual guide first); `language` the default."""

    def __init__(self, choices: Sequence[Protocol], ui_language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start an interview"))
        self.protocol = QComboBox()
        for p in choices:
            self.protocol.addItem(p.title(ui_language if ui_language in LANGUAGES else "en"), p.id)
        self.protocol.setCurrentIndex(0 if choices else -1)
        self.protocol.setAccessibleName(self.tr("Interview guide"))
        self.language = QComboBox()
        names = {"en": self.tr("English"), "es": self.tr("Spanish (español)")}
        for lang in LANGUAGES:
            self.language.addItem(names.get(lang, lang), lang)
        self.language.setCurrentIndex(max(self.language.findData(ui_language), 0))
        self.language.setAccessibleName(self.tr("Language the questions are asked in"))
        for combo in (self.protocol, self.language):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)

        intro = QLabel(self.tr("Choose the guide and the language the person is most "
                               "comfortable in. Both stay with this interview when it is resumed."))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        l_protocol = QLabel(self.tr("&Guide:"))
        l_protocol.setBuddy(self.protocol)
        l_language = QLabel(self.tr("&Language of the questions:"))
        l_language.setBuddy(self.language)
        form.addRow(l_protocol, self.protocol)
        form.addRow(l_language, self.language)
        self.start_button = QPushButton(self.tr("&Start interview"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.accept)
        self.start_button.setEnabled(bool(choices))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.protocol.setFocus()

    def chosen(self) -> tuple[str, str]:
        """(protocol id, language) as chosen."""
        return str(self.protocol.currentData()), str(self.language.currentData())
