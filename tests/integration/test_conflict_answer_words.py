"""An answer given two ways on two laptops apart is shown in words, as the answer summary shows
it: a date-time as "2026-12-03 22:00" (not the stored "2026-12-03T22:00"), a choice by its
label, a yes/no as Yes/No in the interview's language. Real SQLCipher files on both laptops."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app.domain.answers import Answer, Value
from intake_app.domain.case import Role
from intake_app.services import cases, conflicts, interview_hold, interviews, protocols, replication
from intake_app.services.session import Session, Workspace
from intake_app.storage.kdf import KdfParams
from tests.agencies import PASSPHRASE

ID = "timed_intake"


def _t(en: str, es: str | None = None) -> dict[str, str]:
    return {"en": en, "es": es or f"{en} (es)"}


def _document() -> bytes:
    def q(qid: str, qtype: str, **more: object) -> dict[str, object]:
        return {"id": qid, "text": _t(f"{qid}?"), "note": _t("Why: x."), "sensitivity": "low",
                "type": qtype, "category": "needs", "identifying": False, **more}
    doc = {"id": ID, "version": "1", "title": _t("Timed"), "roles": ["advocate", "officer"],
           "sections": [{"id": "main", "title": _t("Main"), "questions": [
               q("left_at", "datetime"), q("safe_here", "yes_no"),
               q("need", "single_choice", options=[{"id": "shelter", "text": _t("A bed", "Cama")},
                                                   {"id": "food", "text": _t("Food", "Comida")}]),
           ]}]}
    return json.dumps(doc).encode()


def _send(source: Session, target: Session) -> None:
    _ids, payload = replication.outgoing(source)
    replication.apply_ops(target, replication.parse_batch(
        json.loads(replication.payload_bytes(payload))))


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    pair = []
    for name in ("ana", "ben"):
        s, _code = Workspace(tmp_path / name).set_up(name, PASSPHRASE, Role.ADMIN,
                                                    kdf=KdfParams.for_tests())
        protocols.install(s, _document())
        pair.append(s)
    yield pair[0], pair[1]
    for s in pair:
        s.close()


def _answered_two_ways(ana: Session, ben: Session, language: str, question: str,
                       mine: Value, theirs: Value) -> set[str | None]:
    case_id = cases.create_case(ana).id
    iv = interviews.start_chosen(ana, case_id, ID, language)
    _send(ana, ben)
    [ben_iv] = interviews.case_interviews(ben, cases.find_by_code(
        ben, cases.open_case(ana, case_id).code).id)
    interviews.record_answer(ana, iv.id, question, Answer.of(mine))
    interview_hold.take_over(ben, ben_iv.id)  # apart: ben carries it on
    interviews.record_answer(ben, ben_iv.id, question, Answer.of(theirs))
    _send(ben, ana)
    [conflict] = conflicts.case_conflicts(ana, case_id)
    assert conflict.field == question
    return {v.value for v in conflict.versions}


@pytest.mark.parametrize(("language", "question", "mine", "theirs", "shown"), [
    ("en", "left_at", "2026-12-03T22:00", "2026-12-04T06:30",
     {"2026-12-03 22:00", "2026-12-04 06:30"}),
    ("en", "left_at", "2026-12-03T22:00", "2026-12", {"2026-12-03 22:00", "2026-12"}),
    ("en", "need", "shelter", "food", {"A bed", "Food"}),
    ("es", "need", "shelter", "food", {"Cama", "Comida"}),
    ("en", "safe_here", "yes", "no", {"Yes", "No"}),
])
def test_both_versions_of_an_answer_are_shown_as_the_summary_shows_them(
    laptops: tuple[Session, Session], language: str, question: str, mine: Value, theirs: Value,
    shown: set[str],
) -> None:
    ana, ben = laptops
    assert _answered_two_ways(ana, ben, language, question, mine, theirs) == shown
