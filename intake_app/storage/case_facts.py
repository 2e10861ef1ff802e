"""Reportable facts of cases (V7): the facts row, the services and referrals logs, closure.

A case created after V7 may have no facts row yet: reads fall back to the case's own creation
day and status, so no case is missed. Demo cases are never read for reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from intake_app.domain.agency import AgencyKind
from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.domain.reporting.facts import (
    FACTS,
    Actor,
    AgeGroup,
    CaseFacts,
    Closure,
    ClosureReason,
    Gender,
    NationalityGroup,
    ReferralMade,
    ReferralOutcome,
    ReferralSource,
    ServiceCategory,
    ServiceGiven,
    ServiceOutcome,
    TraffickingType,
)
from intake_app.storage.database import Cursor, Database

_FACT_COLUMNS = {"trafficking_type": "trafficking_type", "gender": "gender",
                 "age_group": "age_group", "nationality": "nationality",
                 "referral_source": "referral_source"}


def _ensure_row(c: Cursor, case_id: int, at: str) -> None:
    c.execute(
        "INSERT INTO case_facts (case_id, intake_on, updated_at)"
        " SELECT id, substr(created_at, 1, 10), ? FROM cases WHERE id = ?"
        " ON CONFLICT (case_id) DO NOTHING",
        (at, case_id),
    )


def set_fact(c: Cursor, case_id: int, fact: str, value: str | None, at: str) -> None:
    """Set one fact (None: not recorded); ValueError for an unknown fact or value."""
    if fact not in FACTS or (value is not None and value not in {v.value for v in FACTS[fact]}):
        raise ValueError("no such fact or value")
    _ensure_row(c, case_id, at)
    c.execute(f"UPDATE case_facts SET {_FACT_COLUMNS[fact]} = ?, updated_at = ? WHERE case_id = ?",
              (value, at, case_id))


def set_counted(c: Cursor, case_id: int, counted: bool, at: str) -> None:
    _ensure_row(c, case_id, at)
    c.execute("UPDATE case_facts SET counted = ?, updated_at = ? WHERE case_id = ?",
              (int(counted), at, case_id))


def set_intake(c: Cursor, case_id: int, on: date, at: str) -> None:
    _ensure_row(c, case_id, at)
    c.execute("UPDATE case_facts SET intake_on = ?, updated_at = ? WHERE case_id = ?",
              (on.isoformat(), at, case_id))


def set_closure(c: Cursor, case_id: int, closure: Closure | None, at: str) -> None:
    _ensure_row(c, case_id, at)
    on = None if closure is None else closure.on.isoformat()
    reason = None if closure is None else closure.reason.value
    c.execute("UPDATE case_facts SET closed_on = ?, closure_reason = ?, updated_at = ?"
              " WHERE case_id = ?", (on, reason, at, case_id))


def add_service(c: Cursor, case_id: int, s: ServiceGiven, user_id: int | None, at: str) -> int:
    cur = c.execute(
        "INSERT INTO case_services (case_id, given_on, category, given_by, outcome, created_at,"
        " created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (case_id, s.on.isoformat(), s.category.value, s.by.value, s.outcome.value, at, user_id),
    )
    return int(cur.lastrowid)


def add_referral(c: Cursor, case_id: int, r: ReferralMade, user_id: int | None, at: str) -> int:
    cur = c.execute(
        "INSERT INTO case_referrals (case_id, made_on, category, made_by, sent_to, outcome,"
        " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, r.on.isoformat(), r.category.value, r.by.value, r.to.value, r.outcome.value,
         at, user_id),
    )
    return int(cur.lastrowid)


def _actor(raw: str) -> Actor:
    return Role(raw) if raw in {r.value for r in Role} else AgencyKind(raw)


def _opt(kind: Any, raw: str | None) -> Any:
    return None if raw is None else kind(raw)


def all_facts(db: Database, until: date | None = None) -> list[CaseFacts]:
    """Every real (not demo) case's facts with intake on or before `until`, in case order."""
    services: dict[int, list[ServiceGiven]] = defaultdict(list)
    for case_id, on, cat, by, outcome in db.query(
        "SELECT case_id, given_on, category, given_by, outcome FROM case_services ORDER BY id"
    ):
        services[int(case_id)].append(ServiceGiven(date.fromisoformat(on), ServiceCategory(cat),
                                                   _actor(by), ServiceOutcome(outcome)))
    referrals: dict[int, list[ReferralMade]] = defaultdict(list)
    for case_id, on, cat, by, to, outcome in db.query(
        "SELECT case_id, made_on, category, made_by, sent_to, outcome FROM case_referrals ORDER BY id"
    ):
        referrals[int(case_id)].append(ReferralMade(date.fromisoformat(on), ServiceCategory(cat),
                                                    Role(by), AgencyKind(to),
                                                    ReferralOutcome(outcome)))
    rows = db.query(
        "SELECT c.id, coalesce(f.intake_on, substr(c.created_at, 1, 10)), coalesce(f.counted, 0),"
        " f.trafficking_type, f.gender, f.age_group, f.nationality, f.referral_source,"
        " coalesce(f.closed_on, CASE WHEN c.status = 'closed' THEN substr(c.updated_at, 1, 10) END),"
        " coalesce(f.closure_reason, CASE WHEN c.status = 'closed' THEN 'unknown' END)"
        " FROM cases c LEFT JOIN case_facts f ON f.case_id = c.id"
        " WHERE c.is_demo = 0 AND coalesce(f.intake_on, substr(c.created_at, 1, 10)) <= ?"
        " ORDER BY c.id",
        ((until or date.max).isoformat(),),
    )
    out: list[CaseFacts] = []
    for r in rows:
        key = int(r[0])
        closure = None if r[8] is None else Closure(date.fromisoformat(r[8]), ClosureReason(r[9]))
        out.append(CaseFacts(
            key=key, intake_on=date.fromisoformat(r[1]), counted=bool(r[2]),
            trafficking_type=_opt(TraffickingType, r[3]), gender=_opt(Gender, r[4]),
            age_group=_opt(AgeGroup, r[5]), nationality=_opt(NationalityGroup, r[6]),
            referral_source=_opt(ReferralSource, r[7]),
            services=tuple(services.get(key, ())), referrals=tuple(referrals.get(key, ())),
            closure=closure,
        ))
    return out


def feeding_answers(
    db: Database, questions: Mapping[str, Iterable[str]]
) -> dict[int, dict[str, dict[str, Answer]]]:
    """case id -> protocol id -> {question id: answer}, for the (protocol, question) pairs given
    (those whose question feeds a fact), over real cases; the latest interview's answer wins."""
    out: dict[int, dict[str, dict[str, Answer]]] = defaultdict(lambda: defaultdict(dict))
    for protocol_id, ids in questions.items():
        wanted = sorted(set(ids))
        if not wanted:
            continue
        marks = ", ".join("?" * len(wanted))
        rows = db.query(
            "SELECT i.case_id, a.question_id, a.state, a.value_json FROM answers a"
            " JOIN interviews i ON i.id = a.interview_id JOIN cases c ON c.id = i.case_id"
            f" WHERE c.is_demo = 0 AND i.protocol_id = ? AND a.question_id IN ({marks})"
            " ORDER BY i.id",
            (protocol_id, *wanted),
        )
        for case_id, qid, state, value in rows:
            out[int(case_id)][protocol_id][str(qid)] = Answer.from_stored(str(state), value)
    return out


def consent_dates(db: Database) -> list[tuple[str, date, date | None]]:
    """(purpose, day given, day withdrawn) of every consent of a real case: no link to the case."""
    rows = db.query("SELECT k.purpose, k.given_at, k.withdrawn_at FROM consents k"
                    " JOIN cases c ON c.id = k.case_id WHERE c.is_demo = 0")
    return [(str(p), datetime.fromisoformat(g).date(),
             None if w is None else datetime.fromisoformat(w).date()) for p, g, w in rows]
