"""The section list on the left: each section's progress; activating one jumps to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from intake_app.domain.protocol import Protocol, SectionProgress
from intake_app.ui.interview import style


class SectionList(QListWidget):
    """Sections in protocol order with "answered of visible" counts."""

    section_chosen = Signal(str)

    def __init__(self, protocol: Protocol, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._protocol = protocol
        self._language = language
        self.setAccessibleName(self.tr("Sections"))
        self.setFixedWidth(240)
        self.setWordWrap(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        style.set_font(self, 12)
        self.setSpacing(4)
        self.setStyleSheet(
            f"QListWidget {{ background: #ffffff; color: {style.INK}; border: none;"
            f" border-right: 1px solid #c8d1da; padding: 8px; }}"
            f"QListWidget::item {{ padding: 6px 4px; }}"
            f"QListWidget::item:selected {{ background: {style.CALM_BG}; color: {style.CALM_INK};"
            f" border-left: 4px solid {style.CALM_EDGE}; }}"
        )
        for section in protocol.sections:
            item = QListWidgetItem(section.title(language))
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            self.addItem(item)
        self.itemActivated.connect(self._chosen)
        self.itemClicked.connect(self._chosen)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.section_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def update_progress(self, progress: tuple[SectionProgress, ...], current: str | None) -> None:
        by_id = {p.section_id: p for p in progress}
        for row in range(self.count()):
            item = self.item(row)
            sid = str(item.data(Qt.ItemDataRole.UserRole))
            title = self._protocol.section(sid).title(self._language)
            p = by_id.get(sid)
            item.setHidden(p is not None and p.waiting)  # a repeat's copy not yet begun
            if p is None or p.visible == 0:
                item.setText(title + "\n" + self.tr("no questions for now"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                continue
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            mark = "✓ " if p.done else ""
            count = self.tr("{answered} of {visible} done").format(
                answered=p.answered, visible=p.visible
            )
            item.setText(f"{mark}{title}\n{count}")
            item.setSelected(sid == current)
            if sid == current:
                self.setCurrentItem(item)
