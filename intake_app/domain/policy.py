"""Agency policy: validated, frozen settings (pacing first; other agency fields join later)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from intake_app.errors import InvalidInput

MINUTE = 60.0


@dataclass(frozen=True, slots=True)
class PacingPolicy:
    """When the pacing engine offers breaks, pauses and an end to the day (seconds, counts).

    Defaults, and why:
    - break every 20 min: recalling trauma tires people fast and many will not ask for a break;
      victim-interview guidance suggests regular breaks rather than waiting for distress.
    - 10 min between break offers: a declined offer is respected, not repeated every question.
    - pause after 3 high-sensitivity questions in a row: a run of hard questions is where people
      shut down or dissociate; three is short enough to catch it, long enough not to interrupt.
    - continue another day after 90 min (again every 30 min): beyond that, answers and wellbeing
      suffer; a second meeting is usually better than a longer first one.
    """

    break_every_seconds: float = 20 * MINUTE
    break_offer_gap_seconds: float = 10 * MINUTE
    pause_after_high: int = 3
    long_session_seconds: float = 90 * MINUTE
    continue_offer_gap_seconds: float = 30 * MINUTE

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InvalidInput(field=f.name, reason="must be a number")
            if value <= 0:
                raise InvalidInput(field=f.name, reason="must be more than 0")
        if not isinstance(self.pause_after_high, int):
            raise InvalidInput(field="pause_after_high", reason="must be a whole number")
