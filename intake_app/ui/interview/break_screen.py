"""The break screen: a calm message, how long the break has lasted, and a way back."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from intake_app.domain.pacing import Clock
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview import style
from intake_app.ui.interview.translations import ON_BREAK, PersonText

TICK_MS = 250


class BreakScreen(QWidget):
    """Shown during a break; the timer reads the (injectable) pacing clock."""

    resume_requested = Signal()
    end_requested = Signal()

    def __init__(
        self,
        clock: Clock,
        person: PersonText,
        ui_language: str = "en",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._started: float | None = None
        self.setObjectName("breakScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(self.tr("Break"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)  # the stretches centre it on a large screen
        layout.addStretch(1)
        self.calm = QLabel(self.tr("Take the time you need."))
        self.calm.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.calm.setWordWrap(True)
        style.set_font(self.calm, 28, bold=True)
        layout.addWidget(self.calm)
        self.person_message = QLabel(person(ON_BREAK))
        self.person_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.person_message.setWordWrap(True)
        style.set_font(self.person_message, 18)
        self.person_message.setVisible(person.language != ui_language)
        layout.addWidget(self.person_message)
        self.elapsed = QLabel()
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.elapsed.setAccessibleName(self.tr("Length of this break"))
        style.set_font(self.elapsed, 20)
        layout.addWidget(self.elapsed)
        hint = QLabel(
            self.tr("Everything so far is saved. Water, fresh air or a quiet minute can help.")
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        style.set_font(hint, 13)
        layout.addWidget(hint)
        row = FlowLayout(align=Qt.AlignmentFlag.AlignHCenter)  # wraps on a narrow window
        self.resume_button = QPushButton(self.tr("&Resume the interview"))
        self.resume_button.setAccessibleName(self.tr("Resume the interview"))
        style.set_font(self.resume_button, 14, bold=True)
        self.resume_button.clicked.connect(self.resume_requested)
        row.addWidget(self.resume_button)
        self.end_button = QPushButton(self.tr("End for today"))
        self.end_button.setAccessibleName(self.tr("End for today"))
        style.set_font(self.end_button, 14)
        self.end_button.clicked.connect(self.end_requested)
        row.addWidget(self.end_button)
        layout.addLayout(row)
        layout.addStretch(2)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.refresh)

    def start(self) -> None:
        """Start counting from now (by the pacing clock)."""
        self._started = self._clock.now()
        self.refresh()
        self._timer.start()
        self.resume_button.setFocus()

    def stop(self) -> None:
        self._timer.stop()
        self._started = None

    def seconds(self) -> int:
        return 0 if self._started is None else max(0, int(self._clock.now() - self._started))

    def refresh(self) -> None:
        minutes, seconds = divmod(self.seconds(), 60)
        self.elapsed.setText(
            self.tr("Break so far: {minutes} min {seconds:02d} s").format(
                minutes=minutes, seconds=seconds
            )
        )
