"""The policy's "Interview guides offered": one box per installed protocol (shipped or the
agency's own), and per id the shown policy enables, so signing from the form never drops a
guide the policy names. The list comes from the services (Overview.protocols)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from intake_app.admin.policy import DEFAULT_PROTOCOLS
from intake_app.domain.protocol import Protocol
from intake_app.ui import i18n
from intake_app.ui.i18n import tr


def shipped_label(pid: str) -> str | None:
    labels = {
        "advocate_intake": tr("AgencyAdmin", "Advocate needs interview"),
        "indicator_screening": tr("AgencyAdmin", "Trafficking indicator screening"),
        "officer_victim_interview": tr("AgencyAdmin", "Officer victim interview"),
    }
    return labels.get(pid)


class ProtocolChoices(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        self._titles: dict[str, Protocol] = {}
        self._add(DEFAULT_PROTOCOLS)

    def _add(self, ids: Sequence[str]) -> None:
        for pid in ids:
            if pid not in self.boxes:
                box = QCheckBox(self)
                if self.boxes:  # next in the keyboard order after the last guide
                    QWidget.setTabOrder(list(self.boxes.values())[-1], box)
                self.boxes[pid] = box
                self._column.addWidget(box)
                self._label(pid)

    def set_choices(self, enabled: Sequence[str], offered: Sequence[Protocol] = ()) -> None:
        """Tick what `enabled` names, with a box for every `offered` (installed) guide too."""
        self._titles.update({p.id: p for p in offered})
        self._add([p.id for p in offered])
        self._add(enabled)
        for pid, box in self.boxes.items():
            box.setChecked(pid in enabled)

    def offer(self, protocol: Protocol) -> None:
        """A guide just installed: its box (unticked if new), ticks of the others kept."""
        self._titles[protocol.id] = protocol
        self._add([protocol.id])
        self._label(protocol.id)

    def enabled(self) -> tuple[str, ...]:
        return tuple(pid for pid, box in self.boxes.items() if box.isChecked())

    def _label(self, pid: str) -> None:
        known = self._titles.get(pid)
        text = shipped_label(pid) or pid
        if known is not None and shipped_label(pid) is None:
            # The agency's own guide: which version the next profile carries matters to it.
            text = tr("AgencyAdmin", "{title} (version {version})").format(
                title=known.title(i18n.current_language()), version=known.version)
        self.boxes[pid].setText(text)
        self.boxes[pid].setAccessibleName(text)

    def retranslate(self) -> None:
        for pid in self.boxes:
            self._label(pid)
