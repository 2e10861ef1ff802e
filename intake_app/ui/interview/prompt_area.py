"""Where prompts for the interviewer appear above the question: pacing banners, safety alerts.

Prompts come and go while the interviewer works, and each change moves the question's buttons.
Two rules keep that from recording an answer nobody chose: a closed prompt keeps its space
until the next question is shown (so closing one never moves anything), and `settled()` tells
the page whether the layout moved within the last moments, so a click that landed on a button
that had just moved under the pointer is ignored.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget

from intake_app.domain.pacing import PromptKind
from intake_app.ui.interview.pacing_banner import PacingBanner
from intake_app.ui.interview.safety_alert import SafetyAlert

SETTLE_SECONDS = 0.6  # longer than a double-click, shorter than reading a new prompt


class PromptArea(QWidget):
    """Holds the prompts on screen; the page adds and drops them by kind."""

    def __init__(
        self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._moved_at = -SETTLE_SECONDS
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(24, 0, 24, 0)
        self.banners: dict[PromptKind, PacingBanner] = {}
        self.alerts: dict[str, SafetyAlert] = {}
        self._spent: list[QWidget] = []  # closed, still holding their space until tidy()

    def settled(self) -> bool:
        """False within SETTLE_SECONDS of a prompt appearing (the buttons just moved)."""
        return self._clock() - self._moved_at >= SETTLE_SECONDS

    def add_banner(self, banner: PacingBanner) -> None:
        self.drop_banner(banner.kind, keep_space=False)
        self.banners[banner.kind] = banner
        self._add(banner)

    def add_alert(self, alert: SafetyAlert) -> None:
        if alert.question_id in self.alerts:
            self._remove(self.alerts.pop(alert.question_id))
        self.alerts[alert.question_id] = alert
        self._add(alert)

    def drop_banner(self, kind: PromptKind, *, keep_space: bool = True) -> None:
        banner = self.banners.pop(kind, None)
        if banner is not None:
            self._retire(banner, keep_space)

    def drop_alert(self, question_id: str, *, keep_space: bool = True) -> None:
        alert = self.alerts.pop(question_id, None)
        if alert is not None:
            self._retire(alert, keep_space)

    def drop_all(self) -> None:
        for kind in list(self.banners):
            self.drop_banner(kind, keep_space=False)
        for qid in list(self.alerts):
            self.drop_alert(qid, keep_space=False)
        self.tidy()

    def tidy(self) -> None:
        """A new question is on screen: give back the space of prompts closed meanwhile."""
        spent, self._spent = self._spent, []
        for widget in spent:
            self._remove(widget)

    def shown(self) -> list[QWidget]:
        return [w for w in (*self.banners.values(), *self.alerts.values()) if not w.isHidden()]

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        widget.show()  # adding to a shown layout would show it only on the next event loop
        self._moved_at = self._clock()

    def _retire(self, widget: QWidget, keep_space: bool) -> None:
        if keep_space:
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
            widget.hide()
            self._spent.append(widget)
        else:
            self._remove(widget)

    def _remove(self, widget: QWidget) -> None:
        widget.hide()
        self._layout.removeWidget(widget)
        widget.deleteLater()
