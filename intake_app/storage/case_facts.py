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
        "INSERT INTO case_services (uid, case_id, given_on, category, given_by, outcome,"
        " created_at, created_by) VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?)",
        (case_id, s.on.isoformat(), s.category.value, s.by.value, s.outcome.value, at, user_id),
    )
    return int(cur.lastrowid)


def add_referral(c: Cursor, case_id: int, r: ReferralMade, user_id: int | None, at: str) -> int:
    cur = c.execute(
        "INSERT INTO case_referrals (uid, case_id, made_on, category, made_by, sent_to,"
        " outcome, created_at, created_by)"
        " VALUES (lower(hex(randomblob(16))), ?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, r.on.isoformat(), r.category.value, r.by.value, r.to.value, r.outcome.value,
         at, user_id),
    )
    return int(cur.lastrowid)


def _lookup(kind: Any) -> dict[str | None, Any]:
    """Value -> member, with None -> None: a dict lookup is several times cheaper than kind(raw),
    which counts at 100,000 cases."""
    return {None: None, **{m.value: m for m in kind}}


_ACTORS = {**_lookup(AgencyKind), **_lookup(Role)}
_ROLES, _KINDS = _lookup(Role), _lookup(AgencyKind)
_CATEGORIES, _SERVICE_OUT = _lookup(ServiceCategory), _lookup(ServiceOutcome)
_REFERRAL_OUT, _REASONS = _lookup(ReferralOutcome), _lookup(ClosureReason)
_TYPES, _GENDERS, _AGES = _lookup(TraffickingType), _lookup(Gender), _lookup(AgeGroup)
_NATIONS, _SOURCES = _lookup(NationalityGroup), _lookup(ReferralSource)
_DAY = date.fromisoformat

# The cases a period's report can see: taken in during it, or given a service or referred in it.
_IN_PERIOD = (
    "SELECT c.id FROM cases c LEFT JOIN case_facts f ON f.case_id = c.id WHERE c.is_demo = 0"
    " AND coalesce(f.intake_on, substr(c.created_at, 1, 10)) BETWEEN ? AND ?",
    # Demo cases these let in are left out when the facts are read (below).
    "SELECT case_id FROM case_services WHERE given_on BETWEEN ? AND ?",
    "SELECT case_id FROM case_referrals WHERE made_on BETWEEN ? AND ?",
)


def all_facts(db: Database, start: date | None = None, end: date | None = None) -> list[CaseFacts]:
    """Facts of every real (not demo) case a report for start..end can count (all without dates),
    with intake on or before `end`, in case order."""
    first, last = (start or date.min).isoformat(), (end or date.max).isoformat()
    # The scope is worked out once into a temporary table of row ids (kept in memory: the
    # database keeps temp_store=MEMORY), instead of once per query below.
    with db.transaction() as c:
        c.execute("CREATE TEMP TABLE IF NOT EXISTS report_scope (id INTEGER PRIMARY KEY)")
        c.execute("DELETE FROM report_scope")
        for select in _IN_PERIOD:
            c.execute(f"INSERT OR IGNORE INTO report_scope {select}", (first, last))
        service_rows = c.execute(
            "SELECT s.case_id, s.given_on, s.category, s.given_by, s.outcome FROM case_services s"
            " JOIN report_scope r ON r.id = s.case_id").fetchall()  # counts need no order
        referral_rows = c.execute(
            "SELECT x.case_id, x.made_on, x.category, x.made_by, x.sent_to, x.outcome"
            " FROM case_referrals x JOIN report_scope r ON r.id = x.case_id"
        ).fetchall()
        rows = c.execute(
            "SELECT c.id, coalesce(f.intake_on, substr(c.created_at, 1, 10)),"
            " coalesce(f.counted, 0), f.trafficking_type, f.gender, f.age_group, f.nationality,"
            " f.referral_source, coalesce(f.closed_on,"
            " CASE WHEN c.status = 'closed' THEN substr(c.updated_at, 1, 10) END),"
            " coalesce(f.closure_reason, CASE WHEN c.status = 'closed' THEN 'unknown' END)"
            " FROM report_scope r JOIN cases c ON c.id = r.id"
            " LEFT JOIN case_facts f ON f.case_id = c.id"
            " WHERE c.is_demo = 0 AND coalesce(f.intake_on, substr(c.created_at, 1, 10)) <= ?"
            " ORDER BY c.id",
            (last,)).fetchall()
        c.execute("DELETE FROM report_scope")
    services: dict[int, list[ServiceGiven]] = defaultdict(list)
    for case_id, on, cat, by, outcome in service_rows:
        services[case_id].append(ServiceGiven(_DAY(on), _CATEGORIES[cat], _ACTORS[by],
                                              _SERVICE_OUT[outcome]))
    referrals: dict[int, list[ReferralMade]] = defaultdict(list)
    for case_id, on, cat, by, to, outcome in referral_rows:
        referrals[case_id].append(ReferralMade(_DAY(on), _CATEGORIES[cat], _ROLES[by],
                                               _KINDS[to], _REFERRAL_OUT[outcome]))
    no_services: tuple[ServiceGiven, ...] = ()
    no_referrals: tuple[ReferralMade, ...] = ()
    out: list[CaseFacts] = []
    for key, intake, counted, kind, gender, age, nation, source, closed, reason in rows:
        given, sent = services.get(key), referrals.get(key)
        out.append(CaseFacts(
            key, _DAY(intake), bool(counted), _TYPES[kind], _GENDERS[gender], _AGES[age],
            _NATIONS[nation], _SOURCES[source],
            no_services if given is None else tuple(given),
            no_referrals if sent is None else tuple(sent),
            None if closed is None else Closure(_DAY(closed), _REASONS[reason]),
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
