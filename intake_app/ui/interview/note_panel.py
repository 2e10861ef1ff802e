"""The interviewer note beside the question: why we ask, and how to ask (F2)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from intake_app.domain.protocol import Question, Sensitivity
from intake_app.ui.fit import vertical_scroll
from intake_app.ui.interview import style

SHARE = 0.28  # of the page's width
MIN_WIDTH, MAX_WIDTH = 180, 380


class NotePanel(QFrame):
    """Side panel in the interviewer's language; hidden until F2.

    Its width is a share of the page's, so opening it narrows the question instead of widening
    the window; a long note scrolls inside it.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notePanel")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.setAccessibleName(self.tr("Interviewer note"))
        self._watched: QWidget | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(3, 0, 0, 0)  # the calm left edge stays visible
        scroll = vertical_scroll()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.viewport().setObjectName("noteBody")
        body = QWidget()
        body.setObjectName("noteBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(15, 18, 18, 18)
        heading = QLabel(self.tr("Interviewer note"))
        heading.setWordWrap(True)
        style.set_font(heading, 14, bold=True)
        layout.addWidget(heading)
        sub = QLabel(self.tr("Why we ask, and how to ask"))
        sub.setObjectName("muted")
        sub.setWordWrap(True)
        layout.addWidget(sub)
        self.sensitivity = QLabel()
        self.sensitivity.setObjectName("muted")
        self.sensitivity.setWordWrap(True)
        style.set_font(self.sensitivity, 11, bold=True)
        layout.addWidget(self.sensitivity)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setAccessibleName(self.tr("Interviewer note"))
        style.set_font(self.body, 13)
        layout.addWidget(self.body)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)

    def _page_width(self) -> int:
        parent = self.parentWidget()
        return parent.width() if parent is not None else 3 * MAX_WIDTH

    def sizeHint(self) -> QSize:
        width = max(MIN_WIDTH, min(MAX_WIDTH, round(self._page_width() * SHARE)))
        return QSize(width, 0)

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_WIDTH, 0)

    def event(self, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ParentChange, QEvent.Type.Polish):
            self._watch(self.parentWidget())
        return super().event(event)

    def _watch(self, parent: QWidget | None) -> None:
        if parent is self._watched:
            return
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self._watched = parent
        if parent is not None:
            parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self.updateGeometry()  # the page changed width: so does this panel's share
        return False

    def show_note(self, question: Question, language: str) -> None:
        self.body.setText(question.note(language))
        self.sensitivity.setText(
            {
                Sensitivity.LOW: self.tr("Sensitivity: low"),
                Sensitivity.MEDIUM: self.tr("Sensitivity: medium"),
                Sensitivity.HIGH: self.tr("Sensitivity: high. Go gently; offer a pause."),
            }[question.sensitivity]
        )
