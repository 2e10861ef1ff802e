"""Reports without names: run one for a period, export it (CSV, XLSX, PDF), every export audited.

Only supervisors and administrators run or export reports. What leaves this module is a
`PublishedReport` (suppressed counts and keys, no field that could hold a code, name or free
text); the raw `Report` never does. Facts come from the case's own facts (V7) and, where a fact
is not recorded there, from interview answers whose question declares the fact it feeds.
PDF needs Qt, which no service imports: the front-end passes its renderer (ui.reports.pdf).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from intake_app.domain.case import Role
from intake_app.domain.reporting import reports
from intake_app.domain.reporting.facts import (
    FACTS,
    CaseFacts,
    ConsentChange,
    ConsentEvent,
    ConsentTopic,
)
from intake_app.domain.reporting.feeds import FeedingQuestion, facts_from_answers
from intake_app.domain.reporting.periods import Period, parse_period
from intake_app.domain.reporting.suppression import publish
from intake_app.domain.reporting.tables import DEFAULT_THRESHOLD, PublishedReport
from intake_app.errors import IntakeError
from intake_app.paths import atomic_write
from intake_app.services import protocols
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.storage import audit, case_facts
from intake_app.storage.database import Database

GRANT, TASK_FORCE, CONSENTS = reports.GRANT, reports.TASK_FORCE, reports.CONSENTS
KINDS = (GRANT, TASK_FORCE, CONSENTS)
Renderer = Callable[[PublishedReport, str], bytes]


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    PDF = "pdf"


class ReportKindInvalid(IntakeError):
    code = "report_kind_invalid"
    template = "There is no report {kind!r}: choose grant, task_force or consents."
    plain = "There is no such report: choose grant, task_force or consents."


class ExportFormatInvalid(IntakeError):
    code = "export_format_invalid"
    template = "Reports export as {formats}, not {fmt!r}."
    plain = "That export format is not offered here."


# Policy has no report settings yet: count every real case (no consent-to-be-counted question is
# asked anywhere today) and hide cells under the default threshold.
POLICY = reports.ReportPolicy(require_consent=False, threshold=DEFAULT_THRESHOLD)


def _feeding_questions(registry: protocols.Registry
                       ) -> tuple[dict[str, list[str]], dict[str, list[FeedingQuestion]]]:
    """Per protocol id, the questions that feed a fact in any installed version (a question id
    keeps its meaning across versions; where two versions differ, the newer one's reading)."""
    ids: dict[str, list[str]] = {}
    questions: dict[str, list[FeedingQuestion]] = {}
    for pid in registry:
        by_id = {q.id: q for e in registry.versions(pid) for q in e.protocol.questions
                 if q.feeds is not None}
        feeding = list(by_id.values())
        if feeding:
            ids[pid] = [q.id for q in feeding]
            questions[pid] = list(feeding)
    return ids, questions


def _with_answers(db: Database, registry: protocols.Registry, facts: list[CaseFacts]
                  ) -> list[CaseFacts]:
    """Facts not recorded on the case, filled from answers to questions that feed them."""
    ids, questions = _feeding_questions(registry)
    if not ids:
        return facts
    answered = case_facts.feeding_answers(db, ids)
    out: list[CaseFacts] = []
    for f in facts:
        found: dict[str, str] = {}
        for pid, answers in answered.get(f.key, {}).items():
            for fact, value in facts_from_answers(questions[pid], answers).items():
                found.setdefault(fact, value)
        missing: dict[str, Any] = {k: FACTS[k](v) for k, v in found.items() if getattr(f, k) is None}
        out.append(replace(f, **missing) if missing else f)
    return out


def consent_events(db: Database) -> list[ConsentEvent]:
    events: list[ConsentEvent] = []
    for purpose, given_at, withdrawn_at in case_facts.consent_dates(db):
        topic = ConsentTopic(purpose)
        events.append(ConsentEvent(given_at, topic, ConsentChange.GIVEN))
        if withdrawn_at is not None:
            events.append(ConsentEvent(withdrawn_at, topic, ConsentChange.WITHDRAWN))
    return events


def as_period(period: Period | str) -> Period:
    """A period as given, or parsed from what was typed (PeriodInvalid)."""
    return parse_period(period) if isinstance(period, str) else period


def export_format(fmt: ExportFormat | str) -> ExportFormat:
    try:
        return ExportFormat(fmt)
    except ValueError:
        raise ExportFormatInvalid(formats="csv, xlsx or pdf", fmt=str(fmt)[:10]) from None


def _compute(db: Database, registry: protocols.Registry, period: Period, kind: str
             ) -> PublishedReport:
    if kind not in KINDS:
        raise ReportKindInvalid(kind=kind[:40])
    if kind == reports.CONSENTS:
        raw = reports.consents_report(consent_events(db), period)
    else:
        facts = _with_answers(db, registry, case_facts.all_facts(db, period.start, period.end))
        make = reports.grant_report if kind == reports.GRANT else reports.task_force_report
        raw = make(facts, period, POLICY)
    return publish(raw, POLICY.threshold)


@requires(Role.SUPERVISOR, Role.ADMIN, action="run reports")
def run_report(s: Session, period: Period | str, kind: str = reports.TASK_FORCE) -> PublishedReport:
    """The published (suppressed) report of `kind` for `period`; raises PeriodInvalid."""
    return _compute(s.db, protocols.installed(s), as_period(period), kind)


@requires(Role.SUPERVISOR, Role.ADMIN, action="run reports")
def run_reports(
    s: Session, period: Period | str, kinds: Iterable[str] = KINDS
) -> list[PublishedReport]:
    """Several kinds for one period in one call (the Reports screen shows them all)."""
    p = as_period(period)
    return [_compute(s.db, protocols.installed(s), p, kind) for kind in kinds]


def render(report: PublishedReport, fmt: ExportFormat, language: str,
           pdf: Renderer | None = None) -> bytes:
    if fmt is ExportFormat.CSV:
        from intake_app.exports.csv_export import to_csv

        return to_csv(report, language)
    if fmt is ExportFormat.XLSX:
        from intake_app.exports.xlsx_export import to_xlsx

        return to_xlsx(report, language)
    if pdf is None:
        raise ExportFormatInvalid(formats="CSV or XLSX", fmt=fmt.value)
    return pdf(report, language)


@requires(Role.SUPERVISOR, Role.ADMIN, action="export reports")
def export_report(
    s: Session,
    period: Period | str,
    kind: str,
    fmt: ExportFormat | str,
    path: Path,
    language: str = "en",
    *,
    pdf: Renderer | None = None,
) -> PublishedReport:
    """Write the report to `path` (0600, atomically) and audit the export (kind, period, format:
    never a path, which may name a person's folder)."""
    chosen = export_format(fmt)
    report = _compute(s.db, protocols.installed(s), as_period(period), kind)
    atomic_write(Path(path), render(report, chosen, language, pdf))
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "report.export", "report", None,
                     detail=f"{kind}:{report.period.label}:{chosen.value}")
    return report
