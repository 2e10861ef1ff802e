"""A box the person signs in with a mouse, a pen or a finger, for a consent "signed on screen".
The strokes become a PNG in memory only; it is stored encrypted with the consent (services/
consents.give_consent), never written to a file."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QTabletEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from intake_app.ui.i18n import tr

MIN_POINTS = 8  # a tap is not a signature


class SignaturePad(QWidget):
    """White box, dark ink; `png()` is the signature drawn at twice the box's size."""

    drawn = Signal()  # a stroke ended

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[QPolygonF] = []
        self.setMinimumSize(QSize(240, 90))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TabletTracking)
        self.setAccessibleName(tr("Consent", "Signature box: sign with the mouse, a pen or a finger"))
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        return QSize(420, 120)

    def is_signed(self) -> bool:
        return sum(s.size() for s in self.strokes) >= MIN_POINTS

    def clear(self) -> None:
        self.strokes = []
        self.update()

    # --- drawing ------------------------------------------------------------------------------
    def _start(self, at: QPointF) -> None:
        self.strokes.append(QPolygonF([at]))
        self.update()

    def _extend(self, at: QPointF) -> None:
        if self.strokes:
            self.strokes[-1].append(at)
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._start(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        self.drawn.emit()

    def tabletEvent(self, event: QTabletEvent) -> None:
        if event.type() == QTabletEvent.Type.TabletPress:
            self._start(event.position())
        elif event.type() == QTabletEvent.Type.TabletMove and event.pressure() > 0:
            self._extend(event.position())
        elif event.type() == QTabletEvent.Type.TabletRelease:
            self.drawn.emit()
        event.accept()

    def _paint(self, painter: QPainter, scale: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#c8c8c8"), 1))
        baseline = self.height() - 24
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        painter.setPen(QPen(QColor("#101828"), 2.5, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        for stroke in self.strokes:
            painter.drawPolyline(stroke)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._paint(painter, 1.0)
        painter.end()

    def png(self) -> bytes:
        """The signature as a PNG, in memory."""
        image = QImage(self.size() * 2, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        self._paint(painter, 2.0)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes; only str works
        return bytes(data.data())
