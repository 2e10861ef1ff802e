"""Pacing under a simulated clock: prompts on schedule, never twice too soon, never blocking."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.domain.pacing import (
    Outcome,
    PacingEngine,
    Prompt,
    PromptKind,
    PromptRecord,
    record_from_json,
    record_to_json,
)
from intake_app.domain.policy import MINUTE, PacingPolicy
from intake_app.domain.protocol import Protocol, Sensitivity, load_shipped
from intake_app.errors import InvalidInput

SHIPPED = load_shipped()
POLICY = PacingPolicy()


class FakeClock:
    """Test-only clock: time moves only when the test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def kinds(prompts: list[Prompt]) -> list[PromptKind]:
    return [p.kind for p in prompts]


@dataclass
class Run:
    """What a simulated sitting produced, in engine time (seconds since start)."""

    shown: list[tuple[float, str, str, Sensitivity, list[Prompt]]] = field(default_factory=list)
    breaks: list[tuple[float, float]] = field(default_factory=list)
    offers: list[tuple[float, PromptKind, str | None]] = field(default_factory=list)


def simulate(
    protocol: Protocol, gaps: list[float], breaks: list[float | None], clock: FakeClock,
    engine: PacingEngine, dismiss: bool = True,
) -> Run:
    """Show and answer every question; gaps[i] seconds pass before question i, breaks[i] after."""
    run = Run()
    start = clock.now()
    for prompt in engine.session_started():
        run.offers.append((0.0, prompt.kind, prompt.question_id))
    for i, q in enumerate(protocol.questions):
        clock.advance(gaps[i % len(gaps)])
        now = clock.now() - start
        prompts = engine.question_shown(q.id, q.section_id, q.sensitivity)
        run.shown.append((now, q.id, q.section_id, q.sensitivity, prompts))
        clock.advance(30)
        answered = engine.answer_recorded(q.id)
        for at, batch in ((now, prompts), (clock.now() - start, answered)):
            for prompt in batch:
                run.offers.append((at, prompt.kind, prompt.question_id))
                if dismiss:
                    engine.prompt_dismissed(prompt.kind)
        pause = breaks[i % len(breaks)]
        if pause is not None:
            began = clock.now() - start
            engine.break_started()
            clock.advance(pause)
            engine.break_ended()
            run.breaks.append((began, clock.now() - start))
    return run


protocols = st.sampled_from(sorted(SHIPPED.values(), key=lambda p: p.id))
gap_lists = st.lists(st.floats(0, 15 * MINUTE), min_size=1, max_size=12)
some_breaks = st.one_of(st.none(), st.none(), st.floats(60, 20 * MINUTE))
break_lists = st.lists(some_breaks, min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(protocols, gap_lists, break_lists)
def test_a_check_in_comes_with_the_first_high_question_of_each_section(
    protocol: Protocol, gaps: list[float], breaks: list[float | None]
) -> None:
    clock = FakeClock()
    run = simulate(protocol, gaps, breaks, clock, PacingEngine.for_protocol(protocol, clock))
    seen_high: set[str] = set()
    for _, qid, section, sensitivity, prompts in run.shown:
        first_high = sensitivity is Sensitivity.HIGH and section not in seen_high
        assert (PromptKind.CHECK_IN in kinds(prompts)) == first_high, qid
        if first_high:
            seen_high.add(section)
    sections_with_high = {s.id for s in protocol.sections if s.is_sensitive}
    assert seen_high == sections_with_high


@settings(max_examples=60, deadline=None)
@given(protocols, gap_lists, break_lists)
def test_break_offers_respect_the_timer_the_gap_and_breaks(
    protocol: Protocol, gaps: list[float], breaks: list[float | None]
) -> None:
    clock = FakeClock()
    run = simulate(protocol, gaps, breaks, clock, PacingEngine.for_protocol(protocol, clock))
    offers = [t for t, kind, _ in run.offers if kind is PromptKind.BREAK]
    for earlier, later in itertools.pairwise(offers):
        assert later - earlier >= POLICY.break_offer_gap_seconds
    for t in offers:
        ended = [end for _, end in run.breaks if end <= t]
        timer_from = max(ended, default=0.0)
        assert t - timer_from >= POLICY.break_every_seconds
        assert not any(began < t < end for began, end in run.breaks)


@settings(max_examples=60, deadline=None)
@given(protocols, gap_lists)
def test_break_offers_come_on_schedule(protocol: Protocol, gaps: list[float]) -> None:
    """Without breaks, whenever a question is shown and an offer is due, it is made."""
    clock = FakeClock()
    run = simulate(protocol, gaps, [None], clock, PacingEngine.for_protocol(protocol, clock))
    last_offer: float | None = None
    for t, qid, _, _, prompts in run.shown:
        due = t >= POLICY.break_every_seconds and (
            last_offer is None or t - last_offer >= POLICY.break_offer_gap_seconds
        )
        assert (PromptKind.BREAK in kinds(prompts)) == due, qid
        if due:
            last_offer = t


def test_polling_offers_a_break_at_twenty_minutes_then_every_ten_until_taken() -> None:
    clock = FakeClock(0.0)
    engine = PacingEngine(clock)
    engine.session_started()
    offered: list[float] = []
    while clock.now() < 70 * MINUTE:
        clock.advance(MINUTE)
        if PromptKind.BREAK in kinds(engine.poll()):
            offered.append(clock.now() / MINUTE)
            if len(offered) == 3:
                engine.prompt_taken(PromptKind.BREAK)
                engine.break_started()
                clock.advance(5 * MINUTE)
                engine.break_ended()
    # dismissed at 20 and 30, taken at 40; the break ends at 45, so the next comes at 65
    assert offered == [20, 30, 40, 65]


def test_a_break_resets_the_break_timer() -> None:
    clock = FakeClock()
    engine = PacingEngine(clock)
    engine.session_started()
    clock.advance(15 * MINUTE)
    engine.break_started()
    clock.advance(5 * MINUTE)
    assert engine.poll() == []  # no offers during a break
    engine.break_ended()
    clock.advance(19 * MINUTE)
    assert PromptKind.BREAK not in kinds(engine.poll())
    clock.advance(1 * MINUTE)
    assert PromptKind.BREAK in kinds(engine.poll())


def test_showing_a_question_ends_a_forgotten_break() -> None:
    clock = FakeClock()
    engine = PacingEngine(clock)
    engine.break_started()
    clock.advance(10 * MINUTE)
    engine.question_shown("q", "s", Sensitivity.LOW)
    assert not engine.on_break
    clock.advance(20 * MINUTE)
    assert PromptKind.BREAK in kinds(engine.poll())


def test_pause_after_a_run_of_high_sensitivity_answers() -> None:
    clock = FakeClock()
    engine = PacingEngine(clock, PacingPolicy(pause_after_high=3))
    engine.session_started()
    pauses = []
    for i, sensitivity in enumerate("HHLHHHHHH"):
        qid = f"q{i}"
        level = Sensitivity.HIGH if sensitivity == "H" else Sensitivity.LOW
        engine.question_shown(qid, "s", level)
        if PromptKind.PAUSE in kinds(engine.answer_recorded(qid)):
            pauses.append(qid)
    # the low answer at q2 breaks the run; then q3-q5 and q6-q8 are runs of three
    assert pauses == ["q5", "q8"]
    assert kinds(engine.answer_recorded("q8")) == []  # a corrected answer is not another one


def test_right_to_stop_at_start_and_before_sensitive_sections_only() -> None:
    protocol = SHIPPED["advocate_intake"]
    clock = FakeClock()
    run = simulate(protocol, [60.0], [None], clock, PacingEngine.for_protocol(protocol, clock))
    reminded = [qid for _, kind, qid in run.offers if kind is PromptKind.RIGHT_TO_STOP]
    first_of_sensitive = [s.questions[0].id for s in protocol.sections if s.is_sensitive]
    assert reminded == [None, *first_of_sensitive]


def test_no_second_reminder_when_the_first_section_is_sensitive() -> None:
    clock = FakeClock()
    engine = PacingEngine(clock, sensitive_sections={"hard"})
    assert kinds(engine.session_started()) == [PromptKind.RIGHT_TO_STOP]
    prompts = engine.question_shown("q1", "hard", Sensitivity.HIGH)
    assert kinds(prompts) == [PromptKind.CHECK_IN]


def test_continue_another_day_after_a_long_session() -> None:
    clock = FakeClock()
    engine = PacingEngine(clock)
    engine.session_started()
    offered = []
    for minute in range(1, 151):
        clock.advance(MINUTE)
        engine.break_started()  # breaks do not shorten the session
        engine.break_ended()
        if PromptKind.CONTINUE_ANOTHER_DAY in kinds(engine.poll()):
            offered.append(minute)
    assert offered == [90, 120, 150]


event_names = st.sampled_from([
    "session_started", "question_shown", "answer_recorded", "break_started", "break_ended",
    "poll", "prompt_taken", "prompt_dismissed",
])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(event_names, st.floats(0, 30 * MINUTE), st.sampled_from(list(PromptKind)),
                          st.sampled_from(list(Sensitivity)), st.integers(0, 5)), max_size=40))
def test_the_engine_never_blocks_and_its_record_round_trips(
    events: list[tuple[str, float, PromptKind, Sensitivity, int]],
) -> None:
    clock = FakeClock()
    engine = PacingEngine(clock, sensitive_sections={"s1"})
    for name, gap, kind, sensitivity, n in events:
        clock.advance(gap)
        if name == "question_shown":
            result = engine.question_shown(f"q{n}", f"s{n % 2}", sensitivity)
        elif name == "answer_recorded":
            result = engine.answer_recorded(f"q{n}")  # even one never shown, even on a break
        elif name in ("prompt_taken", "prompt_dismissed"):
            result = getattr(engine, name)(kind)
        else:
            result = getattr(engine, name)()
        assert result is None or isinstance(result, list)
    assert engine.record == tuple(engine.record)
    saved = json.loads(json.dumps(record_to_json(engine.record)))
    assert record_from_json(saved) == list(engine.record)
    assert all(r.at >= 0 for r in engine.record)


def test_each_prompt_shown_taken_and_dismissed_is_recorded() -> None:
    clock = FakeClock()
    engine = PacingEngine(clock)
    engine.session_started()
    engine.prompt_taken(PromptKind.RIGHT_TO_STOP)
    clock.advance(20 * MINUTE)
    engine.question_shown("q7", "s", Sensitivity.LOW)
    clock.advance(10)
    engine.prompt_dismissed(PromptKind.BREAK)
    assert engine.record == (
        PromptRecord(PromptKind.RIGHT_TO_STOP, 0.0, Outcome.SHOWN, None),
        PromptRecord(PromptKind.RIGHT_TO_STOP, 0.0, Outcome.TAKEN, None),
        PromptRecord(PromptKind.BREAK, 1200.0, Outcome.SHOWN, "q7"),
        PromptRecord(PromptKind.BREAK, 1210.0, Outcome.DISMISSED, "q7"),
    )
    assert record_to_json(engine.record)[2] == {
        "kind": "break", "at": 1200.0, "outcome": "shown", "question_id": "q7",
    }


@pytest.mark.parametrize("bad", [
    {"kind": "nap", "at": 1.0, "outcome": "shown", "question_id": None},
    {"kind": "break", "at": "soon", "outcome": "shown", "question_id": None},
    {"kind": "break", "at": 1.0, "outcome": "maybe", "question_id": None},
    {"kind": "break", "at": 1.0, "outcome": "shown"},
])
def test_a_malformed_record_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        record_from_json([bad])


@pytest.mark.parametrize("changes", [
    {"break_every_seconds": 0}, {"break_offer_gap_seconds": -1}, {"pause_after_high": 0},
    {"pause_after_high": 2.5}, {"long_session_seconds": True},
])
def test_policy_refuses_nonsense(changes: dict[str, float]) -> None:
    with pytest.raises(InvalidInput):
        PacingPolicy(**changes)  # type: ignore[arg-type]
