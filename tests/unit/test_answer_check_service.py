"""record_answer refuses a typed value its question's check refuses, on a real SQLCipher file:
nothing is saved or audited, the message never holds the value, and a decline, "not now" or
"doesn't know" is always saved."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app import errors
from intake_app.domain.answers import Answer, Value
from intake_app.domain.case import Role
from intake_app.services import cases, interviews, protocols
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from tests.agencies import PASSPHRASE

ID = "checked_intake"


def _t(text: str) -> dict[str, str]:
    return {"en": text, "es": f"{text} (es)"}


def _document() -> bytes:
    def q(qid: str, qtype: str, check: dict[str, object]) -> dict[str, object]:
        return {"id": qid, "text": _t(f"{qid}?"), "note": _t("Why: x."), "sensitivity": "low",
                "type": qtype, "category": "needs", "identifying": False, "check": check,
                "check_message": _t(f"{qid} is out of range")}
    doc = {"id": ID, "version": "1", "title": _t("Checked"), "roles": ["advocate", "officer"],
           "sections": [{"id": "main", "title": _t("Main"), "questions": [
               q("years", "number", {"all_of": [{"op": ">=", "value": 0},
                                                {"op": "<=", "value": 120}]}),
               q("code", "short_text", {"op": "<=", "length": 4}),
               q("since", "date", {"op": ">=", "value": "2000-06"}),
           ]}]}
    return json.dumps(doc).encode()


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[Session]:
    s, _code = Workspace(tmp_path / "laptop").set_up("admin", PASSPHRASE, Role.ADMIN,
                                                    kdf=KdfParams.for_tests())
    protocols.install(s, _document())
    yield s
    s.close()


def _interview(s: Session) -> tuple[int, int]:
    case_id = cases.create_case(s).id
    return case_id, interviews.start_chosen(s, case_id, ID, "en").id


@pytest.mark.parametrize(("qid", "bad", "good"), [
    ("years", 121, 120), ("years", -1, 0), ("code", "ABCDE", "ABCD"), ("since", "1999", "2000"),
    ("since", "2000-05-31", "2000-06-01"),
])
def test_a_value_outside_the_check_is_refused_and_nothing_is_saved(
    admin: Session, qid: str, bad: Value, good: Value
) -> None:
    case_id, iv = _interview(admin)
    interviews.record_answer(admin, iv, qid, Answer.of(good))
    activity = cases.case_activity(admin, case_id)
    with pytest.raises(errors.AnswerFailsCheck) as caught:
        interviews.record_answer(admin, iv, qid, Answer.of(bad))
    assert str(bad) not in caught.value.message  # never the value, in any words
    assert str(bad) not in caught.value.plain_source()
    assert interviews.answers(admin, iv)[qid] == Answer.of(good)  # what was saved stays
    assert cases.case_activity(admin, case_id) == activity  # nothing audited either


@pytest.mark.parametrize("answer", [Answer.declined(), Answer.unknown(), Answer.not_asked()])
def test_a_decline_unknown_or_not_now_is_never_checked(admin: Session, answer: Answer) -> None:
    _case, iv = _interview(admin)
    interviews.record_answer(admin, iv, "years", Answer.of(30))
    interviews.record_answer(admin, iv, "years", answer)
    assert interviews.answers(admin, iv)["years"] == answer


def test_a_question_without_a_check_takes_any_value(admin: Session) -> None:
    iv = interviews.start_interview(admin, cases.create_case(admin).id, "advocate_intake", "1.1",
                                    "en")
    interviews.record_answer(admin, iv.id, "preferred_name", Answer.of("Lunaria Sintética"))
    assert interviews.answers(admin, iv.id)["preferred_name"].value == "Lunaria Sintética"
