"""Interviews, answers, consents and the never-share list replicate among an agency's laptops
like case fields: real SQLCipher folders, batches through the payload bytes an envelope carries,
in any order, with repeats."""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.case import CaseSummary, InterviewSummary, Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.services import (
    cases,
    conflicts,
    consents,
    interview_hold,
    interviews,
    replication,
)
from intake_app.services.session import Session, Workspace
from intake_app.services.sharing.withdrawals import withdraw_consent
from intake_app.storage import replication as log
from intake_app.storage.kdf import KdfParams
from tests.agencies import PASSPHRASE

PARTNER = "c" * 32


def _laptop(folder: Path, user: str) -> Session:
    s, _code = Workspace(folder).set_up(user, PASSPHRASE, Role.ADVOCATE, kdf=KdfParams.for_tests())
    return s


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    laptops = (_laptop(tmp_path / "ana", "ana"), _laptop(tmp_path / "ben", "ben"))
    yield laptops
    for s in laptops:
        s.close()


def _batch(source: Session) -> bytes:
    ids, payload = replication.outgoing(source, limit=100_000)
    replication.mark_sent(source, ids)
    return replication.payload_bytes(payload)


def _apply(target: Session, data: bytes) -> None:
    replication.apply_ops(target, replication.parse_batch(json.loads(data)))


def _consent(s: Session, case_id: int) -> Consent:
    now = datetime.now(UTC)
    return consents.give_consent(s, Consent(
        id=0, case_id=case_id, purpose=Purpose.CASE_COORDINATION, recipient_id=PARTNER,
        categories=frozenset({Category.NEEDS, Category.SAFETY}), wording="w", language="en",
        method=Method.SIGNED, interpreter=False, given_at=now - timedelta(minutes=1),
        expires_at=now + timedelta(days=90)))


def _interview_on_both(
    ana: Session, ben: Session
) -> tuple[CaseSummary, InterviewSummary, int, InterviewSummary]:
    """A case with an interview started on ana's laptop, received by ben's:
    (the case, ana's interview, ben's case id, ben's interview)."""
    made = cases.create_case(ana, "Rosa")
    iv = interviews.start_interview(ana, made.id, "advocate_intake", "1.1", "en")
    _apply(ben, _batch(ana))
    ben_case = cases.find_by_code(ben, made.code).id
    [ben_iv] = interviews.case_interviews(ben, ben_case)
    return made, iv, ben_case, ben_iv


def _as_before_rows_replicated(s: Session) -> None:
    """The op log as the previous version left it: case ops only, baseline version 1."""
    with s.db.transaction() as c:
        c.execute("DELETE FROM ops WHERE entity != 'case'")
        c.execute("UPDATE laptop_state SET value = x'31' WHERE name = ?",
                  (replication.BASELINE_DONE,))


def record_of(s: Session) -> dict[str, object]:
    """Every interview, answer, consent and never-share entry, by case code (local ids apart)."""
    out: dict[str, object] = {}
    for case in cases.list_cases(s, limit=10_000):
        ivs = []
        for iv in interviews.case_interviews(s, case.id):
            ivs.append((iv.protocol_id, iv.protocol_version, iv.language, iv.role.value,
                        iv.status, iv.started_at,
                        sorted((q, a.state.value, a.value_json())
                               for q, a in interviews.answers(s, iv.id).items())))
        given = sorted((k.purpose.value, k.recipient_id, sorted(k.categories), k.method.value,
                        k.given_at.isoformat(), k.expires_at.isoformat(),
                        None if k.withdrawn_at is None else k.withdrawn_at.isoformat())
                       for k in consents.case_consents(s, case.id))
        out[case.code] = (sorted(ivs), given, sorted(consents.case_never_share(s, case.id)))
    return out


def test_an_interview_its_answers_and_consents_reach_the_other_laptop(
    pair: tuple[Session, Session],
) -> None:
    ana, ben = pair
    made = cases.create_case(ana, "Rosa")
    iv = interviews.start_interview(ana, made.id, "advocate_intake", "1.1", "en")
    interviews.record_answer(ana, iv.id, "safe_now", Answer.declined())
    interviews.record_answer(ana, iv.id, "anything_else", Answer.of("a bed for tonight"))
    interviews.set_interview_status(ana, iv.id, "paused")
    _consent(ana, made.id)
    consents.add_never_share(ana, made.id, "d" * 32)
    data = _batch(ana)
    _apply(ben, data)
    _apply(ben, data)  # a repeat changes nothing
    assert record_of(ben) == record_of(ana)
    [on_ben] = interviews.case_interviews(ben, cases.find_by_code(ben, made.code).id)
    assert on_ben.status == "paused" and on_ben.answered == 2
    # ben carries on, ana sees it
    interviews.record_answer(ben, on_ben.id, "safe_now", Answer.of("safe"))
    interviews.clear_answer(ben, on_ben.id, "anything_else")
    _apply(ana, _batch(ben))
    assert record_of(ana) == record_of(ben)
    assert interviews.answers(ana, iv.id) == {"safe_now": Answer.of("safe")}


def test_a_withdrawal_on_one_laptop_withdraws_everywhere(pair: tuple[Session, Session]) -> None:
    ana, ben = pair
    made = cases.create_case(ana, "Rosa")
    given = _consent(ana, made.id)
    _apply(ben, _batch(ana))
    [on_ben] = consents.case_consents(ben, cases.find_by_code(ben, made.code).id)
    withdraw_consent(ben, on_ben.id)
    _apply(ana, _batch(ben))
    [on_ana] = consents.case_consents(ana, made.id)
    assert on_ana.id == given.id and on_ana.withdrawn_at is not None
    assert not on_ana.is_live(datetime.now(UTC))
    assert record_of(ana) == record_of(ben)


def test_one_answer_changed_on_two_laptops_shows_two_versions(
    pair: tuple[Session, Session],
) -> None:
    ana, ben = pair
    made, iv, ben_case, ben_iv = _interview_on_both(ana, ben)
    interviews.record_answer(ana, iv.id, "anything_else", Answer.of("a bed"))
    interview_hold.take_over(ben, ben_iv.id)  # held on ana's laptop: ben takes it over, apart
    interviews.record_answer(ben, ben_iv.id, "anything_else", Answer.declined())
    _apply(ben, _batch(ana))
    _apply(ana, _batch(ben))
    for s, case_id in ((ana, made.id), (ben, ben_case)):
        [two] = conflicts.case_conflicts(s, case_id)
        assert (two.entity, two.field) == ("answer", "anything_else")
        assert len(two.versions) == 2
    [two] = conflicts.case_conflicts(ana, made.id)
    kept = next(v for v in two.versions if v.author == "ben")
    conflicts.keep_version(ana, made.id, two, kept.op_id)
    _apply(ben, _batch(ana))
    for s, case_id in ((ana, made.id), (ben, ben_case)):
        assert conflicts.case_conflicts(s, case_id) == []
    assert interviews.answers(ben, ben_iv.id) == {"anything_else": Answer.declined()}


def test_interviews_and_consents_kept_before_they_replicated_go_out_as_a_baseline(
    pair: tuple[Session, Session],
) -> None:
    ana, ben = pair
    made = cases.create_case(ana, "Luz")
    iv = interviews.start_interview(ana, made.id, "advocate_intake", "1.1", "en")
    interviews.record_answer(ana, iv.id, "safe_now", Answer.declined())
    _consent(ana, made.id)
    _as_before_rows_replicated(ana)
    _apply(ben, _batch(ana))
    assert record_of(ben) == record_of(ana) != {}


def test_a_malformed_answer_or_consent_in_a_batch_is_refused_whole(
    pair: tuple[Session, Session],
) -> None:
    ana, ben = pair
    made = cases.create_case(ana, "Rosa")
    iv = interviews.start_interview(ana, made.id, "advocate_intake", "1.1", "en")
    interviews.record_answer(ana, iv.id, "safe_now", Answer.declined())
    _consent(ana, made.id)
    payload = json.loads(_batch(ana))
    for entity, bad in (("answer", '{"s": "value", "v": null}'), ("consent", "{}")):
        broken = json.loads(json.dumps(payload))
        for op in broken["ops"]:
            if op["e"] == entity:
                op["v"] = bad
        with pytest.raises(replication.BadOps):
            replication.parse_batch(broken)
    assert cases.list_cases(ben) == []


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), steps=st.integers(1, 12))
def test_two_laptops_answering_apart_converge(tmp_path: Path, seed: int, steps: int) -> None:
    rng = random.Random(seed)
    folder = tmp_path / uuid.uuid4().hex  # hypothesis may run the same example again
    ana, ben = _laptop(folder / "ana", "ana"), _laptop(folder / "ben", "ben")
    try:
        made = cases.create_case(ana, None)
        interviews.start_interview(ana, made.id, "advocate_intake", "1.1", "en")
        _apply(ben, _batch(ana))
        batches: list[tuple[Session, bytes]] = []
        for _ in range(steps):
            s = rng.choice((ana, ben))
            case_id = cases.find_by_code(s, made.code).id
            [iv] = interviews.case_interviews(s, case_id)
            question = rng.choice(("safe_now", "anything_else"))
            action = rng.random()
            if action < 0.7:
                interview_hold.take_over(s, iv.id)
            if action < 0.5:
                given = "x" if question == "anything_else" else "not_sure"  # of its own kind
                interviews.record_answer(s, iv.id, question,
                                         rng.choice((Answer.declined(), Answer.of(given))))
            elif action < 0.7:
                interviews.clear_answer(s, iv.id, question)
            elif action < 0.85:
                _consent(s, case_id)
            else:
                for k in consents.case_consents(s, case_id):
                    withdraw_consent(s, k.id)
            other = ben if s is ana else ana
            batches.append((other, _batch(s)))
        rng.shuffle(batches)
        for target, data in batches + batches[: len(batches) // 2]:  # some arrive twice
            _apply(target, data)
        assert record_of(ana) == record_of(ben)
        assert log.conflict_count(ana.db) == log.conflict_count(ben.db)
    finally:
        ana.close()
        ben.close()


def test_an_interview_open_on_one_laptop_is_shown_held_there_until_taken_over(
    pair: tuple[Session, Session],
) -> None:
    ana, ben = pair
    made, iv, ben_case, on_ben = _interview_on_both(ana, ben)
    assert on_ben.held_by == f"{interview_hold.laptop_name()} (ana)"
    assert interviews.case_interviews(ana, made.id)[0].held_by is None  # not "elsewhere" here
    with pytest.raises(interview_hold.InterviewHeldElsewhere):
        interviews.record_answer(ben, on_ben.id, "safe_now", Answer.declined())
    with pytest.raises(interview_hold.InterviewHeldElsewhere):
        interview_hold.hold(ben, on_ben.id)
    interview_hold.take_over(ben, on_ben.id)
    interviews.record_answer(ben, on_ben.id, "safe_now", Answer.declined())
    _apply(ana, _batch(ben))
    assert interviews.get_interview(ana, iv.id).held_by == f"{interview_hold.laptop_name()} (ben)"
    with pytest.raises(interview_hold.InterviewHeldElsewhere):
        interviews.record_answer(ana, iv.id, "safe_now", Answer.of("safe"))
    assert "interview.take_over" in [e.action for e in cases.case_activity(ben, ben_case)]
    interviews.end_sitting(ben, on_ben.id)  # the sitting ends: free again everywhere
    _apply(ana, _batch(ben))
    assert interviews.get_interview(ana, iv.id).held_by is None
    interviews.record_answer(ana, iv.id, "safe_now", Answer.of("safe"))


def facts_of(s: Session) -> dict[str, object]:
    """Reportable facts, services, referrals, agreements and do-not-contact, by case code."""
    out: dict[str, object] = {}
    for case in cases.list_cases(s, limit=10_000):
        q = s.db.query
        out[case.code] = (
            q("SELECT trafficking_type, gender, age_group, nationality, referral_source, counted,"
              " intake_on, closed_on, closure_reason FROM case_facts WHERE case_id = ?",
              (case.id,)),
            sorted(q("SELECT uid, given_on, category, given_by, outcome FROM case_services"
                     " WHERE case_id = ?", (case.id,))),
            sorted(q("SELECT uid, made_on, category, made_by, sent_to, outcome"
                     " FROM case_referrals WHERE case_id = ?", (case.id,))),
            [(a.kind.value, a.agreed) for a in consents.current_agreements(s, case.id).values()],
            sorted((n, r) for _i, n, r in consents.case_do_not_contact(s, case.id)),
        )
    return out


def test_reportable_facts_services_referrals_agreements_and_do_not_contact_replicate(
    pair: tuple[Session, Session],
) -> None:
    from datetime import date

    from intake_app.domain.agency import AgencyKind
    from intake_app.domain.consent import Agreement, AgreementKind
    from intake_app.domain.reporting.facts import (
        Closure,
        ClosureReason,
        ReferralMade,
        ServiceCategory,
        ServiceGiven,
    )
    from intake_app.services import case_facts

    ana, ben = pair
    made = cases.create_case(ana, "Rosa")
    case_facts.set_fact(ana, made.id, "trafficking_type", "labour")
    case_facts.set_fact(ana, made.id, "gender", "declined")
    case_facts.set_counted(ana, made.id, True)
    case_facts.record_service(ana, made.id, ServiceGiven(date(2026, 11, 2),
                                                         ServiceCategory.SHELTER, Role.ADVOCATE))
    case_facts.record_referral(ana, made.id, ReferralMade(
        date(2026, 11, 3), ServiceCategory.LEGAL, Role.ADVOCATE, AgencyKind.SERVICE_PROVIDER))
    consents.add_do_not_contact(ana, made.id, "Quentin Planted", "trafficker")
    now = datetime.now(UTC)
    consents.record_agreement(ana, Agreement(0, made.id, AgreementKind.REPORTING, True,
                                             Method.WRITTEN, "en", now - timedelta(hours=1)))
    _apply(ben, _batch(ana))
    assert facts_of(ben) == facts_of(ana)
    ben_case = cases.find_by_code(ben, made.code).id
    # ben's later "no" to being counted reaches ana after her own; the later answer counts on both
    consents.record_agreement(ben, Agreement(0, ben_case, AgreementKind.REPORTING, False,
                                             Method.VERBAL, "en", now))
    [(entry, _n, _r)] = consents.case_do_not_contact(ben, ben_case)
    consents.remove_do_not_contact(ben, ben_case, entry)
    case_facts.close_case(ben, ben_case, Closure(date(2026, 12, 1), ClosureReason.GOALS_MET))
    _apply(ana, _batch(ben))
    assert facts_of(ana) == facts_of(ben)
    assert not consents.counted_in_reports(ana, made.id)
    assert consents.case_do_not_contact(ana, made.id) == []
    [row] = ana.db.query("SELECT closed_on, closure_reason FROM case_facts WHERE case_id = ?",
                         (made.id,))
    assert tuple(row) == ("2026-12-01", "goals_met")


def test_facts_and_rows_kept_before_they_replicated_go_out_as_a_baseline(
    pair: tuple[Session, Session],
) -> None:
    from datetime import date

    from intake_app.domain.reporting.facts import ServiceCategory, ServiceGiven
    from intake_app.services import case_facts

    ana, ben = pair
    made = cases.create_case(ana, "Luz")
    case_facts.set_fact(ana, made.id, "age_group", "15_17")
    case_facts.record_service(ana, made.id, ServiceGiven(date(2026, 11, 2),
                                                         ServiceCategory.MEDICAL, Role.ADVOCATE))
    consents.add_do_not_contact(ana, made.id, "Quentin Planted", "abuser")
    _as_before_rows_replicated(ana)
    _apply(ben, _batch(ana))
    assert facts_of(ben) == facts_of(ana)
    assert consents.case_do_not_contact(ben, cases.find_by_code(ben, made.code).id) != []
