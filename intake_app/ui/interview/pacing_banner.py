"""Non-blocking pacing prompts: a calm banner above the question, never a modal dialog."""

from __future__ import annotations

import enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from intake_app.domain.pacing import PromptKind
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview import style
from intake_app.ui.interview.translations import PersonText

NARROW_BANNER = 640  # narrower banners put their buttons under the words


class BannerAction(enum.StrEnum):
    TAKEN = "taken"  # the prompt was followed (e.g. the reminder was given)
    DISMISSED = "dismissed"  # "Continue": the offer was declined, respectfully
    BREAK = "break"  # taken, and a break starts now
    END = "end"  # taken, and the interview ends for today


# What the person hears, in their language (the interviewer may read it out).
_SAY = {
    PromptKind.RIGHT_TO_STOP: QT_TRANSLATE_NOOP(
        "PersonFacing",
        "You can skip any question, and you can stop at any time. That is completely okay.",
    ),
    PromptKind.CHECK_IN: QT_TRANSLATE_NOOP(
        "PersonFacing",
        "The next questions are about difficult things. How are you feeling? We can take a "
        "break first.",
    ),
    PromptKind.PAUSE: QT_TRANSLATE_NOOP(
        "PersonFacing", "Those were hard questions. Would you like to pause for a moment?"
    ),
    PromptKind.BREAK: QT_TRANSLATE_NOOP(
        "PersonFacing", "We have been talking for a while. Would you like a break?"
    ),
    PromptKind.CONTINUE_ANOTHER_DAY: QT_TRANSLATE_NOOP(
        "PersonFacing", "We can stop here and continue another day, if you prefer."
    ),
}


class PacingBanner(QFrame):
    """One pacing prompt with its actions; emits `acted` once and then hides itself."""

    acted = Signal(object, str)  # PromptKind, BannerAction value

    def __init__(
        self, kind: PromptKind, person_language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("pacingBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Pacing suggestion"))
        # Buttons beside the words; below them when the banner is narrow (see resizeEvent).
        self._outer = outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        outer.setContentsMargins(14, 8, 14, 8)
        layout = QVBoxLayout()
        outer.addLayout(layout, 1)
        self.message = QLabel(self._message())
        self.message.setWordWrap(True)
        style.set_font(self.message, 13, bold=True)
        layout.addWidget(self.message)
        say = PersonText(person_language)(str(_SAY[kind]))
        self.say = QLabel(self.tr("You could say: “{words}”").format(words=say))
        self.say.setWordWrap(True)
        self.say.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        style.set_font(self.say, 12)
        layout.addWidget(self.say)
        row = FlowLayout(align=Qt.AlignmentFlag.AlignRight)  # wraps on a narrow window
        for label, action in self._actions():
            button = QPushButton(label)
            button.setAccessibleName(label)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click never takes the answer's focus
            button.clicked.connect(lambda _=False, a=action: self._act(a))
            row.addWidget(button)
        outer.addLayout(row)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= NARROW_BANNER
        self._outer.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                 else QBoxLayout.Direction.TopToBottom)

    def _message(self) -> str:
        return {
            PromptKind.RIGHT_TO_STOP: self.tr(
                "Remind the person that they can skip any question and stop at any time."
            ),
            PromptKind.CHECK_IN: self.tr(
                "Difficult questions come next. Check in with the person before you go on."
            ),
            PromptKind.PAUSE: self.tr("Several hard questions in a row. Offer a pause."),
            PromptKind.BREAK: self.tr("It has been a while since the last break. Offer one."),
            PromptKind.CONTINUE_ANOTHER_DAY: self.tr(
                "This has been a long session. Offer to continue another day."
            ),
        }[self.kind]

    def _actions(self) -> list[tuple[str, BannerAction]]:
        cont = (self.tr("Continue"), BannerAction.DISMISSED)
        brk = (self.tr("Start a break"), BannerAction.BREAK)
        if self.kind is PromptKind.RIGHT_TO_STOP:
            return [(self.tr("Done, I told them"), BannerAction.TAKEN), cont]
        if self.kind is PromptKind.CHECK_IN:
            return [(self.tr("Checked in, go on"), BannerAction.TAKEN), brk, cont]
        if self.kind is PromptKind.CONTINUE_ANOTHER_DAY:
            return [(self.tr("End for today"), BannerAction.END), cont]
        return [brk, cont]

    def _act(self, action: BannerAction) -> None:
        self.hide()
        self.acted.emit(self.kind, action.value)
