"""Where prompts for the interviewer appear above the question: pacing banners, safety alerts.

Prompts come and go while the interviewer works. They sit inside the question's scroll area,
so the ways out and Save/Next below never move; and a closed prompt keeps its space until the
next question is shown, so closing one never moves an answer option under the pointer either.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from intake_app.domain.pacing import PromptKind
from intake_app.ui.interview.pacing_banner import PacingBanner
from intake_app.ui.interview.safety_alert import SafetyAlert


class PromptArea(QWidget):
    """Holds the prompts on screen; the page adds and drops them by kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.banners: dict[PromptKind, PacingBanner] = {}
        self.alerts: dict[str, SafetyAlert] = {}
        self._spent: list[QWidget] = []  # closed, still holding their space until tidy()

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
