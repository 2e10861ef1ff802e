"""From a protocol answer to a reportable fact: the `feeds` declaration and answers -> facts.

A question may declare the fact its answer feeds (protocol JSON, optional key):

    "feeds": "age_group"                                  # option ids are the fact's values
    "feeds": {"fact": "gender", "map": {"woman": "female", "man": "male", "other": "other"}}

- single_choice and yes_no questions map each option ("yes"/"no" for yes_no) to a fact value;
  every option must be mapped, so no answer falls through silently. The short form (a fact
  name alone) is for choice questions whose option ids already are the fact's values.
- age_range questions feed age_group in the short form (their options are the age ranges).
- number questions feed age_group only: the age in years is put in its range.
- text, date and multiple-choice questions feed nothing: free text is never a fact.

The answer's state is kept: declined -> "declined", does not know -> "unknown", not asked ->
no fact (None, "not recorded"). When several questions feed one fact, a value wins over
"declined", which wins over "unknown"; among values the earlier question wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from intake_app.domain.answers import Answer, AnswerState
from intake_app.domain.reporting.facts import FACTS, AgeGroup

_FEED_TYPES = frozenset({"single_choice", "yes_no", "age_range", "number"})
_AGE_BOUNDS: tuple[tuple[int, AgeGroup], ...] = (
    (12, AgeGroup.UNDER_12), (15, AgeGroup.AGE_12_14), (18, AgeGroup.AGE_15_17),
    (25, AgeGroup.AGE_18_24), (35, AgeGroup.AGE_25_34),
)
_MAX_AGE = 130


@dataclass(frozen=True, slots=True)
class FactFeed:
    """The fact a question feeds and, for choice questions, each option's fact value."""

    fact: str
    mapping: tuple[tuple[str, str], ...] = ()  # (option id, fact value); empty for numbers

    def value_for(self, answer: Answer) -> str | None:
        """The fact value an answer gives; None when it gives none (not asked, out of range)."""
        if answer.state is AnswerState.DECLINED:
            return "declined"
        if answer.state is AnswerState.UNKNOWN:
            return "unknown"
        if answer.state is not AnswerState.VALUE:
            return None
        raw = answer.value
        if raw is True or raw is False:
            raw = "yes" if raw else "no"
        if isinstance(raw, int | float):
            return _age_group(raw)
        return dict(self.mapping).get(raw) if isinstance(raw, str) else None


def _age_group(age: float) -> str | None:
    if age < 0 or age > _MAX_AGE:
        return None  # a typing slip is not a fact; the interviewer sees the number
    for below, group in _AGE_BOUNDS:
        if age < below:
            return group.value
    return AgeGroup.AGE_35_PLUS.value


def parse_feed(raw: object, question_type: str, option_ids: tuple[str, ...]) -> FactFeed:
    """Validate a `feeds` declaration; raises ValueError with the problem in words."""
    if isinstance(raw, str):
        fact, mapping = raw, None
    elif isinstance(raw, dict) and set(raw) == {"fact", "map"}:
        fact, mapping = raw["fact"], raw["map"]
    else:
        raise ValueError('feeds must be a fact name or {"fact": ..., "map": {...}}')
    if not isinstance(fact, str) or fact not in FACTS:
        raise ValueError(f"feeds names no fact; choose one of {', '.join(FACTS)}")
    if question_type not in _FEED_TYPES:
        raise ValueError(f"a {question_type} question cannot feed a fact")
    allowed = {v.value for v in FACTS[fact]}
    if question_type == "number":
        if fact != "age_group" or mapping is not None:
            raise ValueError("a number question can only feed age_group, without a map")
        return FactFeed(fact)
    options = ("yes", "no") if question_type == "yes_no" else option_ids
    if mapping is None:
        stray = [o for o in options if o not in allowed]
        if stray:
            raise ValueError(f"option {stray[0]!r} is no {fact} value: give a map")
        mapping = {o: o for o in options}
    return FactFeed(fact, _checked_map(mapping, options, fact, allowed))


def _checked_map(
    mapping: object, options: tuple[str, ...], fact: str, allowed: set[str]
) -> tuple[tuple[str, str], ...]:
    if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
        raise ValueError("the feeds map must map option ids to fact values")
    if set(mapping) != set(options):
        missing = sorted(set(options) - set(mapping)) or sorted(set(mapping) - set(options))
        raise ValueError(f"the feeds map must cover exactly the options (see {missing[0]!r})")
    for option, value in mapping.items():
        if value not in allowed:
            raise ValueError(f"option {option!r} maps to {value!r}, which is no {fact} value")
    return tuple((o, mapping[o]) for o in options)


_RANK = {"unknown": 1, "declined": 2}  # any other value ranks 3: a value beats both


class FeedingQuestion(Protocol):
    """What facts_from_answers reads of a protocol.Question."""

    @property
    def id(self) -> str: ...
    @property
    def feeds(self) -> FactFeed | None: ...


def facts_from_answers(
    questions: Iterable[FeedingQuestion], answers: Mapping[str, Answer]
) -> dict[str, str]:
    """Fact name -> value from one interview's answers (`questions` in protocol order)."""
    found: dict[str, str] = {}
    for question in questions:
        feed = question.feeds
        answer = answers.get(question.id)
        if feed is None:
            continue
        value = None if answer is None else feed.value_for(answer)
        if value is None:
            continue
        held = found.get(feed.fact)
        if held is None or _RANK.get(value, 3) > _RANK.get(held, 3):
            found[feed.fact] = value
    return found
