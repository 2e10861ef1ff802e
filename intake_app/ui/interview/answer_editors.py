"""One answer editor per answer type; each reports a value, or None while nothing is entered."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.answers import Value
from intake_app.domain.protocol import AnswerType, Question
from intake_app.ui.interview import style
from intake_app.ui.interview.translations import PersonText
from intake_app.ui.wrap_buttons import WrapCheckBox, WrapRadioButton

ANSWER_PT = 16
_YES = QT_TRANSLATE_NOOP("PersonFacing", "Yes")
_NO = QT_TRANSLATE_NOOP("PersonFacing", "No")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_NUMBER = re.compile(r"^-?\d+([.,]\d+)?$")
_CLOCK_TYPED = re.compile(r"^([0-9]{1,2}):?([0-9]{2})$")  # "9:30", "0930" and "09:30" are one time


class AnswerEditor(QWidget):
    """Edits the answer to one question; `value()` is None while nothing usable is entered."""

    edited = Signal()

    def __init__(self, question: Question, person_language: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self._text = PersonText(person_language)
        self._line: QLineEdit | None = None
        self._clock: QLineEdit | None = None  # a date-time's optional time
        self._long: QPlainTextEdit | None = None
        self._group: QButtonGroup | None = None
        self._boxes: list[WrapCheckBox] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._build()

    # --- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        t = self.question.type
        if t is AnswerType.LONG_TEXT:
            self._long = QPlainTextEdit()
            self._long.setTabChangesFocus(True)
            self._long.setMinimumHeight(120)
            self._long.setAccessibleName(self.tr("Answer"))
            self._long.textChanged.connect(self.edited)
            style.set_font(self._long, ANSWER_PT)
            self._layout.addWidget(self._long)
        elif t in (AnswerType.SINGLE_CHOICE, AnswerType.AGE_RANGE, AnswerType.YES_NO):
            self._group = QButtonGroup(self)
            for oid, label in self._choices():
                radio = WrapRadioButton(label)
                radio.setProperty("value", oid)
                radio.setAccessibleName(label)
                style.set_font(radio, ANSWER_PT)
                self._group.addButton(radio)
                self._layout.addWidget(radio)
            self._group.buttonToggled.connect(lambda *_: self.edited.emit())
        elif t is AnswerType.MULTIPLE_CHOICE:
            for oid, label in self._choices():
                box = WrapCheckBox(label)
                box.setProperty("value", oid)
                box.setAccessibleName(label)
                style.set_font(box, ANSWER_PT)
                box.toggled.connect(lambda *_: self.edited.emit())
                self._boxes.append(box)
                self._layout.addWidget(box)
        else:
            self._build_line(t)

    def _build_line(self, t: AnswerType) -> None:
        self._line = QLineEdit()
        self._line.setAccessibleName(self.tr("Answer"))
        style.set_font(self._line, ANSWER_PT)
        self._line.textChanged.connect(self.edited)
        self._layout.addWidget(self._line)
        hint: str | None = None
        if t in (AnswerType.DATE, AnswerType.DATETIME):
            self._line.setValidator(
                QRegularExpressionValidator(QRegularExpression(r"^[0-9-]{0,10}$"), self._line)
            )
            self._line.setPlaceholderText(self.tr("YYYY-MM-DD"))
            if t is AnswerType.DATETIME:
                self._build_clock()
                hint = self.tr("Leave the time empty when the person does not know it. Only the "
                               "year (YYYY) or year and month (YYYY-MM) is fine too.")
            else:
                hint = self.tr("Only the year (YYYY) or year and month (YYYY-MM) is fine.")
        elif t is AnswerType.TIME:
            self._line.setValidator(_clock_validator(self._line))
            self._line.setPlaceholderText(self.tr("HH:MM"))
            hint = self.tr("Hours and minutes, 00:00 to 23:59 (10 at night is 22:00).")
        elif t is AnswerType.NUMBER:
            self._line.setValidator(
                QRegularExpressionValidator(
                    QRegularExpression(r"^-?[0-9]*([.,][0-9]*)?$"), self._line
                )
            )
            self._line.setPlaceholderText(self.tr("A number"))
        elif t is AnswerType.LANGUAGE:
            self._line.setPlaceholderText(self.tr("Any language, e.g. Spanish, Mam, K'iche'"))
        if hint:
            label = QLabel(hint)
            label.setObjectName("muted")
            label.setWordWrap(True)
            self._layout.addWidget(label)

    def _build_clock(self) -> None:
        """The date-time's time, beside its date: labelled, optional, reached with Tab."""
        assert self._line is not None
        self._layout.removeWidget(self._line)
        self._line.setAccessibleName(self.tr("Date"))
        self._clock = QLineEdit()
        self._clock.setAccessibleName(self.tr("Time (optional)"))
        self._clock.setValidator(_clock_validator(self._clock))
        self._clock.setPlaceholderText(self.tr("HH:MM"))
        self._clock.setMaximumWidth(160)
        style.set_font(self._clock, ANSWER_PT)
        self._clock.textChanged.connect(self.edited)
        row = QHBoxLayout()
        for field in (self._line, self._clock):
            label = QLabel(field.accessibleName())
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field, 1 if field is self._line else 0)
        self._layout.addLayout(row)

    def _choices(self) -> list[tuple[str, str]]:
        if self.question.type is AnswerType.YES_NO:
            return [("yes", self._text(str(_YES))), ("no", self._text(str(_NO)))]
        return [(o.id, o.text(self._text.language)) for o in self.question.options]

    # --- value ---------------------------------------------------------------------------------
    def value(self) -> Value | None:
        """The entered value in the shape the question's type expects, or None."""
        if self._long is not None:
            text = self._long.toPlainText().strip()
            return text or None
        if self._group is not None:
            checked = self._group.checkedButton()
            return None if checked is None else str(checked.property("value"))
        if self._boxes:
            chosen = [str(b.property("value")) for b in self._boxes if b.isChecked()]
            return chosen or None
        assert self._line is not None
        if self._clock is not None:
            return self._date_time(self._line.text().strip(), self._clock.text().strip())
        return self._line_value(self._line.text().strip())

    def _date_time(self, day: str, clock: str) -> Value | None:
        """The date alone, or "YYYY-MM-DDTHH:MM" when a time is given (a time needs the day)."""
        if not day:
            return None
        if not clock:
            value = day
        else:
            time = _clock_text(clock)
            value = f"{day}T{time}" if time is not None else ""
        return value if self.question.accepts(value) else None

    def _line_value(self, text: str) -> Value | None:
        if not text:
            return None
        t = self.question.type
        if t is AnswerType.DATE:
            return text if _DATE.match(text) else None
        if t is AnswerType.TIME:
            time = _clock_text(text)
            return time if time is not None and self.question.accepts(time) else None
        if t is AnswerType.NUMBER:
            if not _NUMBER.match(text):
                return None
            number = float(text.replace(",", "."))
            return int(number) if number.is_integer() else number
        return text

    def has_unusable_text(self) -> bool:
        """Text was typed that is not a usable value (e.g. a half-typed date)."""
        typed = [w.text().strip() for w in (self._line, self._clock) if w is not None]
        return any(typed) and self.value() is None

    def set_value(self, value: Value | None) -> None:
        """Show an earlier answer's value."""
        if value is None:
            return
        if self._long is not None:
            self._long.setPlainText(str(value))
        elif self._group is not None:
            wanted = ("yes" if value else "no") if isinstance(value, bool) else value
            for button in self._group.buttons():
                button.setChecked(button.property("value") == wanted)
        elif self._boxes:
            chosen = set(value) if isinstance(value, list) else {value}
            for box in self._boxes:
                box.setChecked(box.property("value") in chosen)
        elif self._clock is not None and self._line is not None:
            day, _, clock = str(value).partition("T")
            self._line.setText(day)
            self._clock.setText(clock)
        elif self._line is not None:
            self._line.setText(str(value))

    def focus_first(self) -> None:
        target: QWidget | None = self._long or self._line
        if target is None:
            buttons: list[QAbstractButton] = (
                self._group.buttons() if self._group is not None else list(self._boxes)
            )
            checked = [b for b in buttons if b.isChecked()] or buttons
            target = checked[0] if checked else None
        if target is not None:
            target.setFocus()

    def focus_widgets(self) -> list[QWidget]:
        """What Tab visits in this editor, in order (the shell puts these first)."""
        if self._long is not None or self._line is not None:
            return [w for w in (self._long, self._line, self._clock) if w is not None]
        return list(self._group.buttons()) if self._group is not None else list(self._boxes)

    def input_widget(self) -> QWidget | None:
        """The text field, when the type has one (for tests and the shell's tab order)."""
        return self._long or self._line

    def time_widget(self) -> QLineEdit | None:
        """A date-time's time field (None for any other type)."""
        return self._clock


def _clock_validator(parent: QLineEdit) -> QRegularExpressionValidator:
    return QRegularExpressionValidator(QRegularExpression(r"^[0-9]{0,2}:?[0-9]{0,2}$"), parent)


def _clock_text(typed: str) -> str | None:
    """A typed time as HH:MM ("9:30" and "0930" are "09:30"), or None when it is not one."""
    found = _CLOCK_TYPED.match(typed)
    return None if found is None else f"{int(found.group(1)):02d}:{found.group(2)}"
