"""A layout that puts its widgets in a row and wraps them onto more rows when the row is full.

Qt has none built in (its documentation ships one as an example); this is that example, typed,
with an alignment so a row of buttons can sit on the right or in the middle. A row of buttons in a box layout
forces the window as wide as all of them; in a flow layout it needs only its widest button.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Left-to-right rows (left, right or centre aligned), wrapping; height follows the width."""

    def __init__(
        self, parent: QWidget | None = None, *, spacing: int = 6,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._align = align
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        """Everything on one row."""
        width = height = 0
        for item in self._visible():
            hint = item.sizeHint()
            width += hint.width() + (self._spacing if width else 0)
            height = max(height, hint.height())
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The widest single item: everything else can wrap."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _visible(self) -> list[QLayoutItem]:
        shown: list[QLayoutItem] = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                shown.append(item)
        return shown

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """Rows packed by each item's minimum width (fewest rows: height is scarcer than width);
        then each row's spare width goes to its items, in order, up to their preferred width,
        and an item whose height follows its width (a wrapping label) gets the height it needs
        at the width it got (else "Saved ✓" squeezed beside a long message lost its ✓)."""
        m: QMargins = self.contentsMargins()
        area = rect.marginsRemoved(m)
        rows: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            width = min(item.minimumSize().width(), area.width())
            gap = self._spacing if rows[-1] else 0
            if rows[-1] and used + gap + width > area.width():
                rows.append([])
                used, gap = 0, 0
            rows[-1].append(item)
            used += gap + width
        y = area.y()
        for row in (r for r in rows if r):
            gaps = self._spacing * (len(row) - 1)
            minimum = [min(i.minimumSize().width(), area.width()) for i in row]
            spare = area.width() - gaps - sum(minimum)
            sizes: list[QSize] = []
            for item, least in zip(row, minimum, strict=True):
                hint = item.sizeHint().expandedTo(item.minimumSize())
                extra = max(0, min(hint.width() - least, spare))
                spare -= extra
                width = min(least + extra, area.width())
                height = hint.height()
                if item.hasHeightForWidth():
                    height = max(height, item.heightForWidth(width))
                sizes.append(QSize(width, height))
            height = max(s.height() for s in sizes)
            free = area.width() - sum(s.width() for s in sizes) - gaps
            x = area.x() + {Qt.AlignmentFlag.AlignRight: free,
                            Qt.AlignmentFlag.AlignHCenter: free // 2}.get(self._align, 0)
            for item, size in zip(row, sizes, strict=True):
                if apply:
                    item.setGeometry(QRect(QPoint(max(x, area.x()), y), size))
                x += size.width() + self._spacing
            y += height + self._spacing
        total = y - self._spacing - area.y() if any(rows) else 0
        return total + m.top() + m.bottom()
