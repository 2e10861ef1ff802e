"""The end of an interview: screening as decision support (never a verdict), minor reminder."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.screening import ScreeningResult, topic_label
from intake_app.ui.fit import vertical_scroll
from intake_app.ui.interview import style
from intake_app.ui.shortcuts import keys_for


class EndScreen(QWidget):
    """Shown when every visible question has an answer (any of the four states)."""

    review_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Interview complete"))
        outer = QVBoxLayout(self)  # scrolls on a small screen instead of squeezing the text
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = vertical_scroll()
        content = QWidget()
        content.setObjectName("questionBody")
        scroll.setWidget(content)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 24, 32, 24)
        heading = QLabel(self.tr("The interview is complete"))
        heading.setWordWrap(True)
        style.set_font(heading, 22, bold=True)
        layout.addWidget(heading)
        saved = QLabel(
            self.tr(
                "Every question has an answer or a recorded choice not to answer. "
                "All of it is saved."
            )
        )
        saved.setWordWrap(True)
        style.set_font(saved, 13)
        layout.addWidget(saved)

        self._topic_labels: list[QLabel] = []
        self._build_screening(layout)
        self._build_minor(layout)
        self._build_next(layout)

    def _build_screening(self, layout: QVBoxLayout) -> None:
        box = QFrame()
        box.setObjectName("pacingBanner")
        inner = QVBoxLayout(box)
        caption = QLabel(self.tr("Screening (decision support, not a finding about the person)"))
        caption.setWordWrap(True)
        style.set_font(caption, 12, bold=True)
        inner.addWidget(caption)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Screening result"))
        style.set_font(self.summary, 16, bold=True)
        inner.addWidget(self.summary)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        style.set_font(self.explanation, 13)
        inner.addWidget(self.explanation)
        # One heading per topic, its indicators under it: what to follow up, not a score.
        self.topics = QVBoxLayout()
        self.topics.setContentsMargins(0, 4, 0, 0)
        self.topics.setSpacing(2)
        inner.addLayout(self.topics)
        layout.addWidget(box)

    def _build_minor(self, layout: QVBoxLayout) -> None:
        self.minor_box = QFrame()
        self.minor_box.setObjectName("pacingBanner")
        minor_layout = QVBoxLayout(self.minor_box)
        minor_caption = QLabel(self.tr("Possible minor: mandatory reporting"))
        minor_caption.setWordWrap(True)
        style.set_font(minor_caption, 13, bold=True)
        minor_layout.addWidget(minor_caption)
        self.minor = QLabel()
        self.minor.setWordWrap(True)
        self.minor.setAccessibleName(self.tr("Mandatory reporting reminder"))
        style.set_font(self.minor, 13)
        minor_layout.addWidget(self.minor)
        layout.addWidget(self.minor_box)

    def _build_next(self, layout: QVBoxLayout) -> None:
        nxt = QLabel(
            self.tr(
                "Before sharing anything with a partner, record the person's consent "
                "({keys} on the case page)."
            ).format(keys=keys_for("record_consent"))
        )
        nxt.setWordWrap(True)
        style.set_font(nxt, 13)
        layout.addWidget(nxt)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back to the case"))
        self.back_button.setAccessibleName(self.tr("Back to the case"))
        self.back_button.setDefault(True)
        self.back_button.setAutoDefault(True)
        self.back_button.clicked.connect(self.back_requested)
        row.addWidget(self.back_button)
        self.review_button = QPushButton(self.tr("Review the answers"))
        self.review_button.setAccessibleName(self.tr("Review the answers"))
        self.review_button.setAutoDefault(True)
        self.review_button.clicked.connect(self.review_requested)
        row.addWidget(self.review_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def set_result(self, result: ScreeningResult, language: str) -> None:
        """Show `result` in the interviewer's language ("en" or "es")."""
        self.summary.setText(result.summary(language))
        explanation = result.explanation(language)
        self.explanation.setText(explanation or "")
        self.explanation.setVisible(explanation is not None)
        while (item := self.topics.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()  # at once: deleteLater waits for the event loop, and till then
                widget.deleteLater()  # the old list would paint over the new one
        self._topic_labels = []
        for topic, found in result.by_topic():
            heading = QLabel(topic_label(topic, language))
            heading.setWordWrap(True)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            style.set_font(heading, 13, bold=True)
            if self._topic_labels:  # a little air between one topic's list and the next
                heading.setContentsMargins(0, 6, 0, 0)
            items = QLabel("\n".join(f"• {f.label(language)}" for f in found))
            items.setWordWrap(True)
            items.setTextFormat(Qt.TextFormat.PlainText)
            style.set_font(items, 13)
            for label in (heading, items):
                self.topics.addWidget(label)
                self._topic_labels.append(label)
        reminder = result.minor_reminder(language)
        self.minor.setText(reminder or "")
        self.minor_box.setVisible(reminder is not None)

    @property
    def topic_labels(self) -> tuple[QLabel, ...]:
        """The topic headings and their lists, in the order shown."""
        return tuple(self._topic_labels)

    def screening_text(self) -> str:
        """Everything the screening part says, as a person reads it."""
        parts = [self.summary.text(), self.explanation.text(),
                 *(label.text() for label in self._topic_labels)]
        if not self.minor_box.isHidden():
            parts.append(self.minor.text())
        return "\n".join(p for p in parts if p)
