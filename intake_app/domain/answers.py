"""An answer is a value, or declined, or not asked, or unknown: four states, none of them "empty"."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass

# A value is whatever the question's type produces: text, a number, a yes/no, a list of choices.
Value = str | int | float | bool | list[str]


class AnswerState(enum.StrEnum):
    VALUE = "value"
    DECLINED = "declined"  # the person prefers not to say
    NOT_ASKED = "not_asked"  # "not now": the interviewer did not ask
    UNKNOWN = "unknown"  # the person does not know


@dataclass(frozen=True, slots=True)
class Answer:
    state: AnswerState
    value: Value | None = None

    def __post_init__(self) -> None:
        if self.state is AnswerState.VALUE:
            if self.value is None or self.value in ("", []):
                raise ValueError("an answer with state 'value' needs a non-empty value")
        elif self.value is not None:
            raise ValueError(f"an answer with state {self.state.value!r} carries no value")

    @classmethod
    def of(cls, value: Value) -> Answer:
        return cls(AnswerState.VALUE, value)

    @classmethod
    def declined(cls) -> Answer:
        return cls(AnswerState.DECLINED)

    @classmethod
    def not_asked(cls) -> Answer:
        return cls(AnswerState.NOT_ASKED)

    @classmethod
    def unknown(cls) -> Answer:
        return cls(AnswerState.UNKNOWN)

    @property
    def has_value(self) -> bool:
        return self.state is AnswerState.VALUE

    def value_json(self) -> str | None:
        """The value as JSON text for storage (None when there is no value)."""
        return None if self.value is None else json.dumps(self.value, ensure_ascii=False)

    @classmethod
    def from_stored(cls, state: str, value_json: str | None) -> Answer:
        value = None if value_json is None else json.loads(value_json)
        return cls(AnswerState(state), value)
