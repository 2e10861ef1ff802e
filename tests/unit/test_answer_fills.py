"""Answers that fill a case field (protocol "fills") are copied to the case in the same
transaction, so search finds the preferred name the person gave; a decline leaves the field."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.case import Identity
from intake_app.services import cases as case_svc
from intake_app.services import interviews as iv_svc
from intake_app.services.session import Session


def _found(s: Session, text: str) -> set[int]:
    return {c.id for c in case_svc.list_cases(s, text)}


def test_the_preferred_name_given_in_the_interview_is_found_by_search(session: Session) -> None:
    case = case_svc.create_case(session)
    iv = iv_svc.start_interview(session, case.id, "advocate_intake", "1.1", "en")
    assert _found(session, "Lunaria") == set()
    iv_svc.record_answer(session, iv.id, "preferred_name", Answer.of("  Lunaria Sintética "))
    assert _found(session, "Lunaria") == {case.id}
    assert case_svc.find_by_code(session, case.code).preferred_name == "Lunaria Sintética"
    iv_svc.record_answer(session, iv.id, "preferred_name", Answer.declined())
    assert _found(session, "Lunaria") == {case.id}  # a decline leaves the field as it was
    edits = [e for e in case_svc.case_activity(session, case.id) if e.action == "case.edit"]
    assert len(edits) == 1 and "Lunaria" not in (edits[0].detail or "")


def test_a_decline_never_clears_a_name_already_on_the_case(session: Session) -> None:
    case = case_svc.create_case(session, "Marisol Sintética")
    iv = iv_svc.start_interview(session, case.id, "advocate_intake", "1.1", "es")
    for answer in (Answer.declined(), Answer.unknown(), Answer.not_asked()):
        iv_svc.record_answer(session, iv.id, "preferred_name", answer)
    assert case_svc.find_by_code(session, case.code).preferred_name == "Marisol Sintética"


def test_an_undone_answer_puts_the_case_field_back(session: Session) -> None:
    case = case_svc.create_case(session, "Marisol Sintética")
    iv = iv_svc.start_interview(session, case.id, "advocate_intake", "1.1", "es")
    iv_svc.record_answer(session, iv.id, "preferred_name", Answer.of("Mari"))
    assert _found(session, "Mari") == {case.id}
    iv_svc.clear_answer(session, iv.id, "preferred_name")
    assert case_svc.find_by_code(session, case.code).preferred_name == "Marisol Sintética"


def test_identifying_fields_are_filled_by_the_officer_interview(session: Session) -> None:
    case = case_svc.create_case(session)
    iv = iv_svc.start_interview(session, case.id, "officer_victim_interview", "1.1", "en")
    iv_svc.record_answer(session, iv.id, "legal_name", Answer.of("Quenta Legalis"))
    iv_svc.record_answer(session, iv.id, "date_of_birth", Answer.of("1999-04"))
    iv_svc.record_answer(session, iv.id, "contact", Answer.declined())
    assert case_svc.reveal_identity(session, case.id) == Identity(
        legal_name="Quenta Legalis", date_of_birth="1999-04")


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíñóúü", min_size=3, max_size=12)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(words, min_size=1, max_size=3))
def test_any_given_name_is_found_by_each_of_its_words(session: Session, parts: list[str]) -> None:
    case = case_svc.create_case(session)
    iv = iv_svc.start_interview(session, case.id, "advocate_intake", "1.1", "es")
    iv_svc.record_answer(session, iv.id, "preferred_name", Answer.of(" ".join(parts)))
    for part in parts:
        assert case.id in _found(session, part)
