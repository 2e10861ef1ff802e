"""Pacing: which prompts to offer (break, check-in, right to stop...), driven by events and a clock.

The engine never blocks: every event is accepted in any order and only returns prompts to offer.
Each event returns its prompts in a fixed order (RIGHT_TO_STOP, CHECK_IN, PAUSE, BREAK,
CONTINUE_ANOTHER_DAY); returning a prompt records it as shown. The UI reports what the person
did with `prompt_taken` / `prompt_dismissed`, and calls `break_started` / `break_ended` around a
break (taking a BREAK prompt does not start one by itself: the break may begin a minute later).

- RIGHT_TO_STOP: at session start, and on entering a section with a high-sensitivity question
  (not twice in a row when the first section is itself sensitive).
- CHECK_IN: with the first high-sensitivity question shown in each section, before it is asked.
- PAUSE: after answers to `pause_after_high` high-sensitivity questions in a row.
- BREAK: once `break_every_seconds` have passed since the start or the end of the last break,
  and never within `break_offer_gap_seconds` of the previous offer. A break resets the timer.
- CONTINUE_ANOTHER_DAY: after `long_session_seconds`, again every `continue_offer_gap_seconds`.
Timed prompts are checked when a question is shown and on `poll()` (for a UI timer); none are
offered during a break. Showing a question during a break ends it (a forgotten "resume" must not
silence break offers for the rest of the session).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from intake_app.domain.policy import PacingPolicy
from intake_app.domain.protocol import Protocol as InterviewProtocol
from intake_app.domain.protocol import Sensitivity
from intake_app.errors import InvalidInput


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a clock that never goes backwards."""
        ...


class MonotonicClock:
    """The real clock: monotonic, so a change of the laptop's time cannot fake a break."""

    def now(self) -> float:
        return time.monotonic()


class PromptKind(enum.StrEnum):
    RIGHT_TO_STOP = "right_to_stop"
    CHECK_IN = "check_in"
    PAUSE = "pause"
    BREAK = "break"
    CONTINUE_ANOTHER_DAY = "continue_another_day"
    # Offered by the interview itself, not by the timing rules, and recorded the same way:
    MINOR_REMINDER = "minor_reminder"  # may be under 18: what cannot stay confidential, first
    SAFETY_ALERT = "safety_alert"  # an answer the protocol marks as immediate danger


class Outcome(enum.StrEnum):
    SHOWN = "shown"
    TAKEN = "taken"
    DISMISSED = "dismissed"


@dataclass(frozen=True, slots=True)
class Prompt:
    kind: PromptKind
    question_id: str | None  # the question on screen when it was offered


@dataclass(frozen=True, slots=True)
class PromptRecord:
    """One prompt shown, taken or dismissed; `at` is seconds since the session started."""

    kind: PromptKind
    at: float
    outcome: Outcome
    question_id: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value, "at": self.at, "outcome": self.outcome.value,
            "question_id": self.question_id,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> PromptRecord:
        try:
            at, qid = raw["at"], raw["question_id"]
            if isinstance(at, bool) or not isinstance(at, int | float):
                raise TypeError
            if qid is not None and not isinstance(qid, str):
                raise TypeError
            return cls(PromptKind(raw["kind"]), float(at), Outcome(raw["outcome"]), qid)
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidInput(field="pacing record", reason="an entry is malformed") from exc


def record_to_json(records: Iterable[PromptRecord]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in records]


def record_from_json(items: Iterable[Mapping[str, Any]]) -> list[PromptRecord]:
    return [PromptRecord.from_dict(item) for item in items]


class PacingEngine:
    """Offers pacing prompts for one sitting; see the module docstring for the rules."""

    def __init__(
        self,
        clock: Clock,
        policy: PacingPolicy | None = None,
        sensitive_sections: Iterable[str] = (),
    ) -> None:
        self._clock = clock
        self._policy = policy or PacingPolicy()
        self._sensitive = frozenset(sensitive_sections)
        self._records: list[PromptRecord] = []
        self._start: float | None = None
        self._timer_from = 0.0  # start of the stretch without a break
        self._on_break = False
        self._last_offer: dict[PromptKind, float] = {}
        self._last_offer_question: dict[PromptKind, str | None] = {}
        self._entered: set[str] = set()
        self._checked_in: set[str] = set()
        self._shown: dict[str, Sensitivity] = {}
        self._answered: set[str] = set()
        self._high_run = 0
        self._current: str | None = None
        self._just_reminded = False  # RIGHT_TO_STOP offered and no question shown since
        self._owe_reminder = False

    @classmethod
    def for_protocol(
        cls, protocol: InterviewProtocol, clock: Clock, policy: PacingPolicy | None = None
    ) -> PacingEngine:
        sensitive = (s.id for s in protocol.sections if s.is_sensitive)
        return cls(clock, policy, sensitive)

    @property
    def record(self) -> tuple[PromptRecord, ...]:
        return tuple(self._records)

    @property
    def on_break(self) -> bool:
        return self._on_break

    # --- events --------------------------------------------------------------------------------
    def session_started(self) -> list[Prompt]:
        """Idempotent; any other event starts the session implicitly."""
        self._begin()
        if not self._owe_reminder:
            return []
        self._owe_reminder = False
        return [self._offer(PromptKind.RIGHT_TO_STOP, self._clock.now())]

    def question_shown(
        self, question_id: str, section_id: str, sensitivity: Sensitivity
    ) -> list[Prompt]:
        prompts = self.session_started()
        now = self._clock.now()
        if self._on_break:
            self.break_ended()
        self._current = question_id
        self._shown[question_id] = sensitivity
        if section_id not in self._entered:
            self._entered.add(section_id)
            if section_id in self._sensitive and not self._just_reminded:
                prompts.append(self._offer(PromptKind.RIGHT_TO_STOP, now))
        self._just_reminded = False
        if sensitivity is Sensitivity.HIGH and section_id not in self._checked_in:
            self._checked_in.add(section_id)
            prompts.append(self._offer(PromptKind.CHECK_IN, now))
        prompts.extend(self._timed(now))
        return prompts

    def answer_recorded(self, question_id: str) -> list[Prompt]:
        """Always accepted; may return a PAUSE after a run of high-sensitivity answers."""
        prompts = self.session_started()
        if question_id in self._answered:
            return prompts  # a corrected answer is not another hard question
        self._answered.add(question_id)
        if self._shown.get(question_id) is Sensitivity.HIGH:
            self._high_run += 1
        else:
            self._high_run = 0
        if self._high_run >= self._policy.pause_after_high:
            self._high_run = 0
            prompts.append(self._offer(PromptKind.PAUSE, self._clock.now()))
        return prompts

    def break_started(self) -> None:
        self._begin()
        self._on_break = True

    def break_ended(self) -> None:
        self._begin()
        self._on_break = False
        self._timer_from = self._clock.now()
        self._high_run = 0

    def poll(self) -> list[Prompt]:
        """Timed prompts now due (for a UI timer between events)."""
        prompts = self.session_started()
        prompts.extend(self._timed(self._clock.now()))
        return prompts

    def offered(self, kind: PromptKind) -> None:
        """Record a prompt the interview offered by its own rule (minor reminder, safety alert)."""
        self._begin()
        self._offer(kind, self._clock.now())

    def prompt_taken(self, kind: PromptKind) -> None:
        self._outcome(kind, Outcome.TAKEN)

    def prompt_dismissed(self, kind: PromptKind) -> None:
        self._outcome(kind, Outcome.DISMISSED)

    # --- internals -----------------------------------------------------------------------------
    def _begin(self) -> None:
        if self._start is None:
            self._start = self._timer_from = self._clock.now()
            self._owe_reminder = True  # offered by the next event that returns prompts

    def _timed(self, now: float) -> list[Prompt]:
        if self._on_break or self._start is None:
            return []
        p = self._policy
        prompts: list[Prompt] = []
        if now - self._timer_from >= p.break_every_seconds and self._gap_ok(
            PromptKind.BREAK, now, p.break_offer_gap_seconds
        ):
            prompts.append(self._offer(PromptKind.BREAK, now))
        if now - self._start >= p.long_session_seconds and self._gap_ok(
            PromptKind.CONTINUE_ANOTHER_DAY, now, p.continue_offer_gap_seconds
        ):
            prompts.append(self._offer(PromptKind.CONTINUE_ANOTHER_DAY, now))
        return prompts

    def _gap_ok(self, kind: PromptKind, now: float, gap: float) -> bool:
        last = self._last_offer.get(kind)
        return last is None or now - last >= gap

    def _offer(self, kind: PromptKind, now: float) -> Prompt:
        self._last_offer[kind] = now
        self._last_offer_question[kind] = self._current
        if kind is PromptKind.RIGHT_TO_STOP:
            self._just_reminded = True
        self._add(kind, now, Outcome.SHOWN, self._current)
        return Prompt(kind, self._current)

    def _outcome(self, kind: PromptKind, outcome: Outcome) -> None:
        self._begin()
        qid = self._last_offer_question.get(kind, self._current)
        self._add(kind, self._clock.now(), outcome, qid)

    def _add(self, kind: PromptKind, now: float, outcome: Outcome, qid: str | None) -> None:
        assert self._start is not None  # every event calls _begin first
        self._records.append(PromptRecord(kind, now - self._start, outcome, qid))
