"""The answer summary and each answer's change history, on a real encrypted database."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer, AnswerState
from intake_app.services import cases as case_svc
from intake_app.services import interviews as iv_svc
from intake_app.services.session import Session
from intake_app.storage import interviews as iv_store
from intake_app.storage import migrations
from intake_app.storage.database import Database, _raw_key
from tests.unit.test_database import _create_at_version


def _interview(s: Session, language: str = "es") -> tuple[int, int]:
    case = case_svc.create_case(s)
    iv = iv_svc.start_interview(s, case.id, "advocate_intake", "1.1", language)
    return case.id, iv.id


def _line(s: Session, case_id: int, qid: str, *, reveal: bool = False):
    (summary,) = iv_svc.answer_summary(s, case_id, reveal_identifying=reveal)
    return next(ln for ln in summary.lines if ln.question_id == qid)


def test_each_change_is_kept_with_who_when_and_the_answer_before(session: Session) -> None:
    case_id, iv_id = _interview(session)
    iv_svc.record_answer(session, iv_id, "safe_now", Answer.of("not_sure"))
    iv_svc.record_answer(session, iv_id, "safe_now", Answer.of("not_sure"))  # the same again
    iv_svc.record_answer(session, iv_id, "safe_now", Answer.declined())
    iv_svc.clear_answer(session, iv_id, "safe_now")
    iv_svc.record_answer(session, iv_id, "safe_now", Answer.of("safe"))

    line = _line(session, case_id, "safe_now")
    assert line.question == "¿Se siente a salvo ahora mismo, aquí, hoy?"  # the interview's language
    assert line.answer.state is AnswerState.VALUE
    assert [(h.now.state, h.before.state) for h in line.history] == [
        (AnswerState.VALUE, None),  # answered again after the undo
        (None, AnswerState.DECLINED),  # the undo
        (AnswerState.DECLINED, AnswerState.VALUE),
        (AnswerState.VALUE, None),  # the first answer; saving it twice is one change
    ]
    assert {h.who for h in line.history} == {"ana"}
    first = line.history[-1]
    assert line.history[1].before.text is None  # declined carries no value
    assert line.history[2].before.text == first.now.text
    assert first.now.text is not None and first.now.text != "not_sure"  # the option's words
    assert [h.at for h in line.history] == sorted((h.at for h in line.history), reverse=True)


def test_the_summary_says_answered_declined_or_not_asked(session: Session) -> None:
    case_id, iv_id = _interview(session, "en")
    iv_svc.record_answer(session, iv_id, "language_preferred", Answer.of("Mam"))
    iv_svc.record_answer(session, iv_id, "interpreter_wanted", Answer.of("yes"))
    iv_svc.record_answer(session, iv_id, "age_range", Answer.unknown())
    iv_svc.record_answer(session, iv_id, "safe_now", Answer.not_asked())
    (summary,) = iv_svc.answer_summary(session, case_id)
    by_id = {ln.question_id: ln.answer for ln in summary.lines}
    assert by_id["language_preferred"].text == "Mam"
    assert by_id["interpreter_wanted"].text == "Yes"
    assert by_id["age_range"].state is AnswerState.UNKNOWN
    assert by_id["safe_now"].state is AnswerState.NOT_ASKED
    assert by_id["needs_now"].state is None  # not reached: not asked
    assert summary.title and summary.interview.id == iv_id


def test_identifying_answers_stay_hidden_until_shown_and_showing_is_audited(
        session: Session) -> None:
    case_id, iv_id = _interview(session)
    iv_svc.record_answer(session, iv_id, "preferred_name", Answer.of("Rosa Sintética"))
    iv_svc.record_answer(session, iv_id, "preferred_name", Answer.of("Rosita Sintética"))
    hidden = _line(session, case_id, "preferred_name")
    assert hidden.identifying and hidden.answer.hidden and hidden.answer.text is None
    assert all(h.now.text is None and h.before.text is None for h in hidden.history)
    assert "Rosa" not in repr(iv_svc.answer_summary(session, case_id))
    reveals = [e for e in case_svc.case_activity(session, case_id)
               if e.action == "case.reveal_identity"]
    assert reveals == []

    shown = _line(session, case_id, "preferred_name", reveal=True)
    assert shown.answer.text == "Rosita Sintética"
    assert shown.history[0].before.text == "Rosa Sintética"
    reveals = [e for e in case_svc.case_activity(session, case_id)
               if e.action == "case.reveal_identity"]
    assert len(reveals) == 1


def test_no_answer_is_saved_without_its_history(session: Session,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    case_id, iv_id = _interview(session)

    def broken(*_args: object) -> None:
        raise RuntimeError("history write failed")

    monkeypatch.setattr(iv_store, "add_change", broken)
    with pytest.raises(RuntimeError):
        iv_svc.record_answer(session, iv_id, "safe_now", Answer.of("safe"))
    monkeypatch.undo()
    assert iv_svc.answers(session, iv_id) == {}
    assert not any(e.action == "answer.record" for e in case_svc.case_activity(session, case_id))


operations = st.lists(
    st.one_of(
        st.sampled_from([Answer.declined(), Answer.unknown(), Answer.not_asked(),
                         Answer.of("safe"), Answer.of("not_safe")]),
        st.none(),  # an undo
    ),
    min_size=1, max_size=8,
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations)
def test_the_history_is_an_unbroken_chain_ending_at_the_answer(
        session: Session, ops: list[Answer | None]) -> None:
    case_id, iv_id = _interview(session)
    for op in ops:
        if op is None:
            iv_svc.clear_answer(session, iv_id, "safe_now")
        else:
            iv_svc.record_answer(session, iv_id, "safe_now", op)
    stored = iv_store.changes_for_case(session.db, case_id)
    current = iv_svc.answers(session, iv_id).get("safe_now")
    before: Answer | None = None
    for ch in stored:
        assert ch.previous == before and ch.answer != ch.previous and ch.by == session.user.id
        before = ch.answer
    assert before == current


def test_answers_stored_before_version_6_start_the_history(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "old.db"
    _create_at_version(path, key, 5)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.set_key(_raw_key(key))
    conn.execute("INSERT INTO cases (id, code, created_at, updated_at)"
                 " VALUES (1, 'ABCD-EFGH', '2026-01-01', '2026-01-01')")
    conn.execute("INSERT INTO interviews (id, case_id, protocol_id, protocol_version, language,"
                 " role, started_at, updated_at) VALUES (7, 1, 'advocate_intake', '1.1', 'en',"
                 " 'advocate', '2026-01-01', '2026-01-02')")
    conn.execute("INSERT INTO answers VALUES (7, 'safe_now', 'declined', NULL, '2026-01-02T10:00')")
    conn.execute("INSERT INTO answers VALUES (7, 'language_preferred', 'value', '\"Mam\"',"
                 " '2026-01-03T10:00')")
    conn.close()

    db = Database.open(path, [key])
    assert db.schema_version() == migrations.LATEST
    changes = {ch.question_id: ch for ch in iv_store.changes_for_case(db, 1)}
    assert changes["safe_now"].answer == Answer.declined()
    assert changes["language_preferred"].answer == Answer.of("Mam")
    assert changes["language_preferred"].at == "2026-01-03T10:00"
    assert all(ch.by is None and ch.previous is None for ch in changes.values())
    db.close()
