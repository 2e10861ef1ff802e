"""A bar chart of one published table, drawn with QPainter and readable without colour.

Each bar carries its count as a direct label, so nothing depends on telling shades apart; a
hidden count gets no bar at all, only its marker ("<5" or "*") where the bar would start, so a
chart can never show more than the table. Categories are drawn as horizontal bars (long labels
stay readable); counts over time (months) as vertical columns in time order.
Labels are words the caller has already put in the reader's language (domain.reporting.labels).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from intake_app.domain.reporting.labels import label, shown_text
from intake_app.domain.reporting.tables import Hidden, PublishedReport, PublishedTable, Shown
from intake_app.ui.theme import COLOURS

BAR = QColor("#4A4A4A")  # dark grey: prints the same on a black-and-white printer
_MARGIN = 12
_GAP = 6
_ROW = 26


@dataclass(frozen=True, slots=True)
class Drawn:
    """What one category looks like on screen: its bar (None when hidden) and its label text."""

    label: str
    text: str  # "12", "<5" or "*"
    bar: QRect | None
    value_box: QRect


class BarChart(QWidget):
    """One table's first column as bars; `set_table` chooses what to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._bars: list[tuple[str, Shown]] = []
        self._threshold = 5
        self._vertical = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 200)

    def set_bars(self, title: str, bars: list[tuple[str, Shown]], threshold: int, over_time: bool = False) -> None:
        self._title, self._bars, self._threshold, self._vertical = title, bars, threshold, over_time
        self.setAccessibleName(title)
        self.setAccessibleDescription(
            "; ".join(f"{name}: {shown_text(v, threshold)}" for name, v in bars)
        )
        self.updateGeometry()
        self.update()

    def set_table(self, report: PublishedReport, table: PublishedTable, language: str, over_time: bool = False) -> None:
        """Show `table` (its first column) in `language`; a withheld table shows no bar."""
        bars = [] if table.withheld else [
            (label(row, language, table.id), table.cells[r][0]) for r, row in enumerate(table.rows)
        ]
        self.set_bars(label(table.id, language), bars, report.threshold, over_time)

    def sizeHint(self) -> QSize:
        rows = max(len(self._bars), 1)
        return QSize(560, 320) if self._vertical else QSize(560, min(660, 48 + rows * _ROW))

    # --- layout: computed in one place, used by paintEvent, read by tests ---------------
    def drawn(self) -> list[Drawn]:
        font = QFontMetrics(self.font())
        area = self.rect().adjusted(_MARGIN, _MARGIN + font.height() + _GAP, -_MARGIN, -_MARGIN)
        counts = [v for _, v in self._bars if isinstance(v, int) and not isinstance(v, Hidden)]
        top = max([*counts, 1])
        texts = [shown_text(v, self._threshold) for _, v in self._bars]
        value_width = max([font.horizontalAdvance(t) for t in texts] + [0]) + _GAP
        if self._vertical:
            return self._columns(area, font, top, texts)
        label_width = min(area.width() // 2, max([font.horizontalAdvance(n) for n, _ in self._bars] + [0]) + _GAP)
        span = max(1, area.width() - label_width - value_width)
        row = max(14, min(_ROW, area.height() // max(len(self._bars), 1)))
        out: list[Drawn] = []
        for i, ((name, value), text) in enumerate(zip(self._bars, texts, strict=True)):
            y = area.top() + i * row
            bar = None
            start = area.left() + label_width
            if not isinstance(value, Hidden) and value > 0:
                bar = QRect(start, y + 3, max(2, round(span * value / top)), row - 6)
                start = bar.right() + _GAP
            out.append(Drawn(name, text, bar, QRect(start, y, value_width, row)))
        return out

    def _columns(self, area: QRect, font: QFontMetrics, top: int, texts: list[str]) -> list[Drawn]:
        n = max(len(self._bars), 1)
        width = max(8, area.width() // n)
        base = area.bottom() - font.height() - _GAP  # month names under the columns
        span = max(1, base - area.top() - font.height() - _GAP)
        out: list[Drawn] = []
        for i, ((name, value), text) in enumerate(zip(self._bars, texts, strict=True)):
            x = area.left() + i * width
            bar = None
            value_top = base - font.height()
            if not isinstance(value, Hidden) and value > 0:
                height = max(2, round(span * value / top))
                bar = QRect(x + width // 6, base - height, width - width // 3, height)
                value_top = bar.top() - font.height() - 2
            out.append(Drawn(name, text, bar, QRect(x, value_top, width, font.height())))
        return out

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp bars, exact pixels
        painter.fillRect(self.rect(), QColor(COLOURS["surface"]))
        text_colour = QColor(COLOURS["text"])
        painter.setPen(text_colour)
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        metrics = QFontMetrics(self.font())
        painter.drawText(QRect(_MARGIN, _MARGIN, self.width() - 2 * _MARGIN, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)
        painter.setFont(self.font())
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        centre = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
        for drawn in self.drawn():
            if drawn.bar is not None:
                painter.fillRect(drawn.bar, BAR)
            painter.setPen(text_colour)
            painter.drawText(drawn.value_box, centre if self._vertical else left, drawn.text)
            if self._vertical:
                box = QRect(drawn.value_box.left(), self.height() - _MARGIN - metrics.height(),
                            drawn.value_box.width(), metrics.height())
                name = metrics.elidedText(drawn.label, Qt.TextElideMode.ElideRight, box.width())
                painter.drawText(box, centre, name)
            else:
                y = drawn.value_box.top()
                width = (drawn.bar.left() if drawn.bar else drawn.value_box.left()) - _MARGIN - _GAP
                name = metrics.elidedText(drawn.label, Qt.TextElideMode.ElideRight, max(0, width))
                painter.drawText(QRect(_MARGIN, y, max(0, width), drawn.value_box.height()), left, name)
        painter.end()
