"""Checkbox and radio indicators drawn in the theme's colours, crisp at any scale.

Fusion draws them from palette shades derived from the window colour (2.09:1 rings, and an
unchecked box that vanished on our off-white), and a style sheet can only replace them with image
files. This proxy style paints them itself from the looks theme.py defines and tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

if TYPE_CHECKING:
    from intake_app.ui.theme import IndicatorLook

# Qt asks the style for metrics and primitives thousands of times a second (every layout and
# paint of every widget): these are built once, not per call.
_SIZED = frozenset({
    QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
    QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
})
_KINDS = {
    QStyle.PrimitiveElement.PE_IndicatorCheckBox: "check",
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck: "check",
    QStyle.PrimitiveElement.PE_IndicatorRadioButton: "radio",
}
FOCUS_GAP = 3  # logical px around the box where the focus ring is drawn: focus never moves text
EDGE_WIDTH = 2.0


def indicator_side(widget: QWidget | None, option: QStyleOption | None) -> int:
    """The box's side: follows the control's font, so large answer text gets a large box."""
    if widget is not None:
        height = widget.fontMetrics().height()
    elif option is not None:
        height = option.fontMetrics.height()
    else:
        height = 18
    return max(16, round(height * 0.85))


class IndicatorStyle(QProxyStyle):
    """Fusion, with checkbox and radio indicators painted from `look(kind, state)`."""

    def __init__(
        self,
        colour: Callable[[str], QColor],
        look: Callable[[str, str], IndicatorLook],
        focus_ring: str,
        hover_edge: str,
    ) -> None:
        super().__init__("Fusion")
        self._colour = colour
        self._look = look
        self._focus_ring = focus_ring
        self._hover_edge = hover_edge

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric in _SIZED:
            return indicator_side(widget, option) + 2 * FOCUS_GAP
        return super().pixelMetric(metric, option, widget)

    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        kind = _KINDS.get(element)
        if kind is None:
            super().drawPrimitive(element, option, painter, widget)
            return
        painter.save()
        try:
            self._paint(kind, option, painter)
        finally:
            painter.restore()

    def _paint(self, kind: str, option: QStyleOption, painter: QPainter) -> None:
        state = option.state
        checked = "on" if state & QStyle.StateFlag.State_On else (
            "mixed" if state & QStyle.StateFlag.State_NoChange and kind == "check" else "off"
        )
        enabled = bool(state & QStyle.StateFlag.State_Enabled)
        look = self._look(kind, checked if enabled else f"{checked}_disabled")
        edge = look.edge
        if enabled and checked == "off" and state & QStyle.StateFlag.State_MouseOver:
            edge = self._hover_edge
        outer = QRectF(option.rect)
        side = min(outer.width(), outer.height()) - 2 * FOCUS_GAP
        box = QRectF(0, 0, side, side)
        box.moveCenter(outer.center())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        half = EDGE_WIDTH / 2
        inner = box.adjusted(half, half, -half, -half)
        painter.setPen(QPen(self._colour(edge), EDGE_WIDTH))
        painter.setBrush(self._colour(look.fill))
        if kind == "radio":
            painter.drawEllipse(inner)
        else:
            painter.drawRoundedRect(inner, 3, 3)
        if look.mark is not None:
            self._mark(kind, checked, box, self._colour(look.mark), painter)
        if enabled and state & QStyle.StateFlag.State_HasFocus:
            ring = QRectF(box).adjusted(-FOCUS_GAP + 1, -FOCUS_GAP + 1, FOCUS_GAP - 1, FOCUS_GAP - 1)
            painter.setPen(QPen(self._colour(self._focus_ring), 2.0))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            if kind == "radio":
                painter.drawEllipse(ring)
            else:
                painter.drawRoundedRect(ring, 4, 4)

    @staticmethod
    def _mark(kind: str, checked: str, box: QRectF, colour: QColor, painter: QPainter) -> None:
        s, x, y = box.width(), box.x(), box.y()
        if kind == "radio":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            r = s * 0.25
            painter.drawEllipse(box.center(), r, r)
            return
        pen = QPen(colour, max(2.0, s / 7))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if checked == "mixed":
            painter.drawLine(QPointF(x + s * 0.28, y + s / 2), QPointF(x + s * 0.72, y + s / 2))
            return
        tick = QPainterPath(QPointF(x + s * 0.24, y + s * 0.52))
        tick.lineTo(QPointF(x + s * 0.43, y + s * 0.70))
        tick.lineTo(QPointF(x + s * 0.77, y + s * 0.31))
        painter.drawPath(tick)
