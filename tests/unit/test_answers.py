"""The four answer states: a value, declined, not asked, unknown; none of them empty."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_app.domain.answers import Answer, AnswerState
from intake_app.services import cases as case_svc
from intake_app.services import interviews as iv_svc
from intake_app.services.session import Session

values = st.one_of(
    st.text(min_size=1),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.text(min_size=1), min_size=1, max_size=5),
)
non_value_states = st.sampled_from(
    [AnswerState.DECLINED, AnswerState.NOT_ASKED, AnswerState.UNKNOWN]
)


@given(values)
def test_a_value_round_trips_through_storage_form(value: object) -> None:
    answer = Answer.of(value)  # type: ignore[arg-type]
    stored = Answer.from_stored(answer.state.value, answer.value_json())
    assert stored == answer
    assert stored.has_value


@given(non_value_states)
def test_non_value_states_carry_no_value_and_stay_distinct(state: AnswerState) -> None:
    answer = Answer(state)
    assert answer.value_json() is None
    assert Answer.from_stored(state.value, None) == answer
    others = {s for s in AnswerState if s is not state}
    assert all(Answer.from_stored(state.value, None).state is not o for o in others)


@pytest.mark.parametrize("empty", ["", [], None])
def test_an_empty_value_is_not_an_answer(empty: object) -> None:
    with pytest.raises(ValueError):
        Answer(AnswerState.VALUE, empty)  # type: ignore[arg-type]


@given(non_value_states, values)
def test_a_non_value_state_refuses_a_value(state: AnswerState, value: object) -> None:
    with pytest.raises(ValueError):
        Answer(state, value)  # type: ignore[arg-type]


def test_all_four_states_survive_the_encrypted_database(session: Session) -> None:
    case = case_svc.create_case(session)
    iv = iv_svc.start_interview(session, case.id, "advocate_intake", "1.1", "es")
    wanted = {
        "q_value": Answer.of("Sí, en un refugio"),
        "q_declined": Answer.declined(),
        "q_not_asked": Answer.not_asked(),
        "q_unknown": Answer.unknown(),
        "q_choices": Answer.of(["shelter", "food"]),
        "q_zero": Answer.of(0),
        "q_false": Answer.of(False),
    }
    for qid, answer in wanted.items():
        iv_svc.record_answer(session, iv.id, qid, answer)
    assert iv_svc.answers(session, iv.id) == wanted
    # Re-answering replaces, never duplicates.
    iv_svc.record_answer(session, iv.id, "q_declined", Answer.of("changed my mind"))
    assert iv_svc.answers(session, iv.id)["q_declined"] == Answer.of("changed my mind")
    assert iv_svc.get_interview(session, iv.id).answered == len(wanted)
