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
from intake_app.ui.i18n import language_name


class StartInterviewDialog(QDialog):
    """`choices` in the order offered (the role's usual guide first); `language` the default."""

    def __init__(self, choices: Sequence[Protocol], ui_language: str,
                 parent: QWidget | None = None, enabled: Sequence[str] = LANGUAGES) -> None:
        super().__init__(parent)
        self._choices, self._enabled, self._ui_language = list(choices), tuple(enabled), ui_language
        self.setWindowTitle(self.tr("Start an interview"))
        self.protocol = QComboBox()
        for p in choices:
            self.protocol.addItem(p.title(ui_language if ui_language in LANGUAGES else "en"), p.id)
        self.protocol.setCurrentIndex(0 if choices else -1)
        self.protocol.setAccessibleName(self.tr("Interview guide"))
        self.language = QComboBox()
        self._fill_languages()
        self.protocol.currentIndexChanged.connect(self._fill_languages)
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

    def language_name(self, code: str) -> str:
        """English and Spanish in the app's words; any other as the person writes it, with its
        English name (QLocale), e.g. "français (French)"; the bare code if Qt does not know it."""
        names = {"en": self.tr("English"), "es": self.tr("Spanish (español)")}
        if code in names:
            return names[code]
        return language_name(code)

    def _fill_languages(self) -> None:
        """The chosen guide's languages that the agency enables, the app's language first."""
        index = self.protocol.currentIndex()
        guide = self._choices[index] if 0 <= index < len(self._choices) else None
        offered = [lang for lang in (guide.languages if guide else LANGUAGES)
                   if lang in self._enabled] or [lang for lang in LANGUAGES if lang in self._enabled]
        previous = self.language.currentData() or self._ui_language
        self.language.clear()
        for lang in offered:
            self.language.addItem(self.language_name(lang), lang)
        self.language.setCurrentIndex(max(self.language.findData(previous), 0))

    def chosen(self) -> tuple[str, str]:
        """(protocol id, language) as chosen."""
        return str(self.protocol.currentData()), str(self.language.currentData())
