"""The pacing engine and the prompts it puts on screen, kept as one record for the session."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal

from intake_app.domain.pacing import Clock, PacingEngine, Prompt, PromptKind, record_to_json
from intake_app.domain.policy import PacingPolicy
from intake_app.domain.protocol import Protocol, Question
from intake_app.ui.interview.pacing_banner import BannerAction, PacingBanner
from intake_app.ui.interview.prompt_area import PromptArea
from intake_app.ui.interview.safety_alert import SafetyAlert


class PacingPrompts(QObject):
    """Feeds interview events to the engine, shows what it offers, records what was done."""

    record_changed = Signal(list)  # the whole prompt record so far, JSON-able
    break_requested = Signal()
    end_requested = Signal()
    prompt_closed = Signal()  # dealt with: the answer field can have focus back

    def __init__(
        self,
        protocol: Protocol,
        clock: Clock,
        policy: PacingPolicy | None,
        earlier: Iterable[Mapping[str, Any]],
        person_language: str,
        area: PromptArea,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = PacingEngine.for_protocol(protocol, clock, policy)
        self._earlier = [dict(r) for r in earlier]
        self._language = person_language
        self.area = area

    def record(self) -> list[dict[str, Any]]:
        return self._earlier + record_to_json(self.engine.record)

    def was_taken_or_declined(self, kind: PromptKind) -> bool:
        """Whether a prompt of `kind` was acted on in this interview (any sitting)."""
        return any(r.get("kind") == kind and r.get("outcome") != "shown" for r in self.record())

    # --- events --------------------------------------------------------------------------------
    def session_started(self) -> None:
        self._show(self.engine.session_started())

    def question_shown(self, q: Question) -> None:
        self._show(self.engine.question_shown(q.id, q.section_id, q.sensitivity))

    def answer_recorded(self, question_id: str) -> None:
        self._show(self.engine.answer_recorded(question_id))

    def poll(self) -> None:
        self._show(self.engine.poll())

    def break_started(self) -> None:
        self.engine.break_started()
        for kind in (PromptKind.BREAK, PromptKind.PAUSE):
            self.area.drop_banner(kind, keep_space=False)

    def break_ended(self) -> None:
        self.engine.break_ended()

    def offered(self, kind: PromptKind) -> None:
        """A prompt the interview offers by its own rule (the minor reminder)."""
        self.engine.offered(kind)
        self.record_changed.emit(self.record())

    def outcome(self, kind: PromptKind, *, taken: bool) -> None:
        if taken:
            self.engine.prompt_taken(kind)
        else:
            self.engine.prompt_dismissed(kind)
        self.record_changed.emit(self.record())

    def safety_alert(self, question: Question, steps: str) -> None:
        alert = SafetyAlert(question.id, steps)
        alert.closed.connect(self._alert_closed)
        self.area.add_alert(alert)
        self.offered(PromptKind.SAFETY_ALERT)

    # --- internals -----------------------------------------------------------------------------
    def _show(self, prompts: list[Prompt]) -> None:
        if not prompts:
            return
        for prompt in prompts:
            banner = PacingBanner(prompt.kind, self._language)
            banner.acted.connect(self._banner_acted)
            self.area.add_banner(banner)
        self.record_changed.emit(self.record())

    def _banner_acted(self, kind: PromptKind, action: str) -> None:
        self.area.drop_banner(kind)
        self.outcome(kind, taken=action != BannerAction.DISMISSED)
        if action == BannerAction.BREAK:
            self.break_requested.emit()
        elif action == BannerAction.END:
            self.end_requested.emit()
        else:
            self.prompt_closed.emit()

    def _alert_closed(self, question_id: str) -> None:
        self.area.drop_alert(question_id)
        self.outcome(PromptKind.SAFETY_ALERT, taken=True)
        self.prompt_closed.emit()
