"""The person-facing screen: only the current question, very large, and that it may be skipped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from intake_app.ui.interview import style
from intake_app.ui.interview.translations import MAY_SKIP, PersonText

if TYPE_CHECKING:
    from intake_app.ui.interview.interview_page import InterviewPage

_QSS = f"""
QWidget#personView {{ background: {style.PAPER}; }}
QLabel#personQuestion {{ color: {style.INK}; }}
QLabel#personSkip {{ color: {style.CALM_INK}; background: {style.CALM_BG};
    border-radius: 10px; }}
"""
PREFERRED = QSize(900, 600)  # on a small screen (or at 200%) the window and its text shrink
SKIP_PT, SMALLEST_PT = 22, 14


class PersonView(QWidget):
    """A second window for the person; it never shows a case code, name or answers."""

    def __init__(self, person_language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._text = PersonText(person_language)
        self.setObjectName("personView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(_QSS)
        self.setWindowTitle(" ")  # the title bar must not name the case, or even the app's purpose
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 60)
        layout.addStretch(1)
        self.question = QLabel()
        self.question.setObjectName("personQuestion")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        style.set_font(self.question, style.PERSON_PT)
        layout.addWidget(self.question)
        layout.addSpacing(24)
        self.skip = QLabel(self._text(MAY_SKIP))
        self.skip.setObjectName("personSkip")
        self.skip.setWordWrap(True)
        self.skip.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.skip.setContentsMargins(24, 16, 24, 16)
        style.set_font(self.skip, SKIP_PT)
        layout.addWidget(self.skip)
        layout.addStretch(1)

    def sizeHint(self) -> QSize:
        return PREFERRED

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def _fit_text(self) -> None:
        """The largest text, up to the person-facing size, that fits the window whole: a long
        question on a 720x450 screen (1440x900 at 200%) must not run off its edge."""
        width, height = self.width(), self.height()
        margin_x, margin_y = min(80, width // 12), min(60, height // 12)
        self._layout.setContentsMargins(margin_x, margin_y, margin_x, margin_y)
        inner_w, inner_h = width - 2 * margin_x, height - 2 * margin_y - 24
        skip = SKIP_PT
        for points in range(style.PERSON_PT, SMALLEST_PT - 1, -2):
            skip = min(SKIP_PT, max(SMALLEST_PT, points // 2 + 4))
            style.set_font(self.question, points)
            style.set_font(self.skip, skip)
            need = self.question.heightForWidth(inner_w)
            if not self.skip.isHidden():
                need += self.skip.heightForWidth(inner_w)
            if need <= inner_h:
                break

    def show_question(self, text: str) -> None:
        """Show one question's text (already in the person's language) with the skip message."""
        self.question.setText(text)
        self.skip.setVisible(True)
        self._fit_text()

    def show_message(self, text: str) -> None:
        """A calm message instead of a question (a break, the end)."""
        self.question.setText(text)
        self.skip.setVisible(False)
        self._fit_text()

    def blank(self) -> None:
        """Show nothing at all (the app is locking)."""
        self.question.clear()
        self.skip.setVisible(False)

    def shown_texts(self) -> list[str]:
        """Every text visible on this screen, as the person would read it."""
        return [w.text() for w in (self.question, self.skip) if not w.isHidden() and w.text()]

    def follow(self, page: InterviewPage) -> None:
        """Mirror `page` from now on (and show what it shows now), its skip line in the page's
        words for the person (a protocol's own, in a language the app is not written in)."""
        self._text = PersonText(page.language, page.protocol)
        self.skip.setText(self._text(MAY_SKIP))
        page.person_screen_changed.connect(self._apply)
        self._apply(*page.person_screen())

    def _apply(self, text: str, is_question: bool) -> None:
        if is_question:
            self.show_question(text)
        else:
            self.show_message(text)
