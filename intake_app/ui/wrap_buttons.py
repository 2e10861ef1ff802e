"""Checkboxes and radio buttons whose label wraps onto more lines instead of widening the window,
and a push button whose one-line label is cut short with "…" instead (the status bar's).

A QCheckBox's label is one line, so a long answer option ("Someone to talk to about how I feel"
at the answer size, or its Spanish) sets the window's minimum width. These paint the indicator
through the style (so the theme's indicators and focus ring apply) and the label word-wrapped,
and tell their layout the height each width needs. The whole row is clickable.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_MIN_CHARS = 12  # a label never asks for less than this many characters a line


def _option(button: QAbstractButton) -> QStyleOptionButton:
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]  # both subclasses have it
    return option


def _metrics(button: QAbstractButton, radio: bool) -> tuple[int, int]:
    """(indicator side, gap to the label) as the style gives them."""
    pm = QStyle.PixelMetric
    side, gap = ((pm.PM_ExclusiveIndicatorWidth, pm.PM_RadioButtonLabelSpacing) if radio
                 else (pm.PM_IndicatorWidth, pm.PM_CheckBoxLabelSpacing))
    option = _option(button)
    style = button.style()
    return style.pixelMetric(side, option, button), style.pixelMetric(gap, option, button)


def _layout(button: QAbstractButton, radio: bool, width: int) -> tuple[QRect, QRect]:
    """Where the indicator and the label go at `width`: the box level with the first line."""
    side, gap = _metrics(button, radio)
    line = button.fontMetrics().height()
    text_w = max(1, width - side - gap)
    flags = int(_WRAP | Qt.TextFlag.TextShowMnemonic)
    text_h = button.fontMetrics().boundingRect(QRect(0, 0, text_w, 1 << 20), flags,
                                               button.text()).height()
    box = QRect(0, max(0, (line - side) // 2), side, side)
    text = QRect(side + gap, max(0, (side - line) // 2), text_w, text_h)
    return box, text


def _height_for(button: QAbstractButton, radio: bool, width: int) -> int:
    box, text = _layout(button, radio, width)
    return max(box.bottom(), text.bottom()) + 1


def _size_hint(button: QAbstractButton, radio: bool) -> QSize:
    """The label on one line."""
    side, gap = _metrics(button, radio)
    flags = int(Qt.TextFlag.TextShowMnemonic)
    width = side + gap + button.fontMetrics().boundingRect(QRect(), flags, button.text()).width()
    return QSize(width + 2, _height_for(button, radio, width + 2))


def _minimum(button: QAbstractButton, radio: bool) -> QSize:
    """Wide enough for the longest word (up to _MIN_CHARS characters): the rest wraps."""
    side, gap = _metrics(button, radio)
    fm = button.fontMetrics()
    words = button.text().replace("&", "").split() or [""]
    widest = min(max(fm.horizontalAdvance(w) for w in words), _MIN_CHARS * fm.averageCharWidth())
    width = side + gap + widest + 2
    # One line high, as a word-wrapped QLabel: the layout asks heightForWidth for the rest.
    return QSize(width, max(side, button.fontMetrics().height()))


def _paint(button: QAbstractButton, radio: bool) -> None:
    painter = QStylePainter(button)
    option = _option(button)
    box, text = _layout(button, radio, button.width())
    option.rect = box
    pe = QStyle.PrimitiveElement
    painter.drawPrimitive(pe.PE_IndicatorRadioButton if radio else pe.PE_IndicatorCheckBox, option)
    underline = button.style().styleHint(QStyle.StyleHint.SH_UnderlineShortcut, option, button)
    mnemonic = Qt.TextFlag.TextShowMnemonic if underline else Qt.TextFlag.TextHideMnemonic
    painter.drawItemText(
        text, int(_WRAP | mnemonic), option.palette,
        bool(option.state & QStyle.StateFlag.State_Enabled), button.text(),
        button.foregroundRole(),
    )


def _wrap_policy(button: QWidget) -> None:
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    button.setSizePolicy(policy)


class WrapCheckBox(QCheckBox):
    """A checkbox whose label wraps."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        _wrap_policy(self)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return _height_for(self, False, width)

    def sizeHint(self) -> QSize:
        return _size_hint(self, False)

    def minimumSizeHint(self) -> QSize:
        return _minimum(self, False)

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, _event: QPaintEvent) -> None:
        _paint(self, False)

    def indicator_rect(self) -> QRect:
        """Where the box is drawn (the style's own rectangle assumes a one-line label)."""
        return _layout(self, False, self.width())[0]


class WrapRadioButton(QRadioButton):
    """A radio button whose label wraps."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        _wrap_policy(self)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return _height_for(self, True, width)

    def sizeHint(self) -> QSize:
        return _size_hint(self, True)

    def minimumSizeHint(self) -> QSize:
        return _minimum(self, True)

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, _event: QPaintEvent) -> None:
        _paint(self, True)

    def indicator_rect(self) -> QRect:
        """Where the box is drawn (the style's own rectangle assumes a one-line label)."""
        return _layout(self, True, self.width())[0]


class ElidingButton(QPushButton):
    """A flat push button whose text is drawn cut short with "…" when the room is short; `text()`
    stays whole (for the accessible name and the tooltip). A QPushButton asks for its whole text
    (1,787 px for the longest status line) and, given less, centres it and cuts off both ends."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        full = super().minimumSizeHint()
        return QSize(min(full.width(), self.fontMetrics().horizontalAdvance("M" * _MIN_CHARS)),
                     full.height())

    def shown_text(self) -> str:
        """The text as painted: whole when it fits, else cut at the right with "…"."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option,
                                           self).width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight,
                                             max(0, room))

    def paintEvent(self, _event: QPaintEvent) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_PushButton, option)

