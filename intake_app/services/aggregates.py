"""Across the task force: send this agency's suppressed reports for a period to a partner that
coordinates, and, at the coordinator, keep what partners sent and combine it.

Who coordinates: cards carry no such role, and task forces differ (a police unit, a shelter, a
prosecutor's office). So a supervisor picks any confirmed partner as recipient, and the
recipient decides whether to combine what it received; an agency that receives nothing shows
no combined report.

What travels (one `aggregate_report` envelope, sealed to the recipient like every share): the
published form of each report kind for the period (`combine.to_wire`: table, row and column
keys, counts, "<5" and "*" markers) and when it was made. No case-level data: a published
report has no field that could hold a code, a name or free text, and no raw count under the
threshold. The sender's agency is the envelope's signed sender.

At the coordinator, everything is checked before anything is kept (`parse_payload`): only the
fields this app writes, the tables of each kind exactly, every shown count 0 or at least the
threshold, totals that add up, a threshold no lower than ours. A refused aggregate is
quarantined with its reason like any envelope, and what the sender sent before stays. Only the
latest per sender, kind and period is kept (by the sender's `made_at`).

Combining includes the coordinator's own report for the period by default: a coordinating
agency is normally a member that holds cases too, and leaving its own counts out would make
the task-force table smaller than the task force. `include_own=False` (CLI `--without-own`)
gives the partners' counts alone. Only senders still confirmed partners are combined.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from intake_app import errors, strict_json
from intake_app.domain.case import Role
from intake_app.domain.reporting.combine import AggregateInvalid, combine, from_wire, to_wire
from intake_app.domain.reporting.periods import Period
from intake_app.domain.reporting.tables import PublishedReport
from intake_app.paths import atomic_write
from intake_app.services import agency, partners, reports
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.services.sharing.outbound import enqueue
from intake_app.storage import audit
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import aggregates as stored
from intake_app.sync.envelope import MAX_CLOCK_SKEW_SECONDS, Header, Kind

VERSION = 1
_PAYLOAD_KEYS = frozenset({"v", "made_at", "reports"})
MAX_BODY_BYTES = 256 * 1024  # a stored wire form read back (a grant report is about 3 KiB)
# Why an aggregate was refused (quarantine reasons, with words in ui/sync/words.py).
INVALID = "aggregate_invalid"  # not what this app sends: extra fields, a small count shown...
THRESHOLD_LOWER = "aggregate_threshold_lower"  # hides fewer counts than this agency's rule
REASONS = frozenset({INVALID, THRESHOLD_LOWER})


class NoAggregates(errors.IntakeError):
    code = "no_aggregates"
    template = "No partner agency has sent its reports for {period} to this agency."
    plain = ("No partner agency has sent its reports for this period to this agency yet, so"
             " there is nothing to combine.")


class AggregateRefused(Exception):
    """An aggregate payload not kept; `reason` is one of REASONS (never a value from it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class SentAggregate:
    """What `send_aggregate` queued: counts and ids only."""

    recipient_id: str
    recipient_name: str
    period: str
    envelope_id: str
    reports: int
    tables: int
    hidden: int


@dataclass(frozen=True, slots=True)
class Source:
    """One partner whose reports for the period are held here."""

    agency_id: str
    name: str
    kinds: tuple[str, ...]
    made_at: str


@dataclass(frozen=True, slots=True)
class Received:
    """What the Reports screen shows across the task force for a period."""

    reports: tuple[PublishedReport, ...]  # combined, one per kind some partner sent
    sources: tuple[Source, ...]


# --- sending -----------------------------------------------------------------------------------
@requires(Role.SUPERVISOR, Role.ADMIN, action="send reports to a partner agency")
def recipients(s: Session) -> list[tuple[str, str]]:
    """(agency id, name) of every confirmed partner, by name: whom reports may be sent to."""
    return sorted(((p.agency_id, p.name) for p in partners.list_partners(s) if p.confirmed),
                  key=lambda pair: (pair[1].casefold(), pair[0]))


def payload_of(published: Sequence[PublishedReport], made_at: datetime) -> dict[str, Any]:
    return {"v": VERSION, "made_at": made_at.astimezone(UTC).isoformat(timespec="microseconds"),
            "reports": [to_wire(r) for r in published]}


@requires(Role.SUPERVISOR, Role.ADMIN, action="send reports to a partner agency")
def send_aggregate(s: Session, period: Period | str, to_agency: str) -> SentAggregate:
    """Queue this agency's published reports (every kind) for `period` to a confirmed partner;
    `to_agency` may be an unambiguous id prefix. Raises PartnerNotConfirmed, NotFound,
    PeriodInvalid. Audited with counts only."""
    recipient = partners.resolve(s, to_agency)
    published = reports.run_reports(s, period)
    me = agency.require_identity(s)
    now = datetime.now(UTC)
    payload = payload_of(published, now)
    tables = sum(len(r.tables) for r in published)
    hidden = sum(t.hidden_count for r in published for t in r.tables)
    label = published[0].period.label
    with s.db.transaction() as c:
        card = partners.confirmed_card(c, recipient)
        envelope_id = enqueue(c, me, card, Kind.AGGREGATE_REPORT, payload, now)
        audit.append(c, s.user.id, "report.aggregate_sent", "partner", recipient,
                     detail=f"envelope:{envelope_id}:period:{label}:reports:{len(published)}"
                     f":tables:{tables}:hidden:{hidden}")
    return SentAggregate(recipient, card.name, label, envelope_id, len(published), tables, hidden)


# --- receiving ---------------------------------------------------------------------------------
def parse_payload(
    p: Mapping[str, Any], threshold: int, created: int | None = None
) -> tuple[str, list[PublishedReport]]:
    """(made_at, reports) from an aggregate payload, or AggregateRefused. One period, each
    report kind at most once, every report a valid published report (combine.from_wire).
    `created`: the envelope's signed time, which `made_at` must be close to (a `made_at` far
    ahead would outrank every later report of that sender for good)."""
    if set(p) != _PAYLOAD_KEYS or p.get("v") != VERSION:
        raise AggregateRefused(INVALID)
    made_at, raw = p["made_at"], p["reports"]
    if not isinstance(made_at, str) or len(made_at) != 32 or not isinstance(raw, list):
        raise AggregateRefused(INVALID)
    try:
        made = datetime.fromisoformat(made_at)
    except ValueError:
        raise AggregateRefused(INVALID) from None
    if made.utcoffset() is None or made.utcoffset() or not 0 < len(raw) <= len(reports.KINDS):
        raise AggregateRefused(INVALID)
    if created is not None and abs(made.timestamp() - created) > MAX_CLOCK_SKEW_SECONDS:
        raise AggregateRefused(INVALID)
    try:
        parsed = [from_wire(r) for r in raw]
    except AggregateInvalid:
        raise AggregateRefused(INVALID) from None
    kinds = [r.kind for r in parsed]
    if len(set(kinds)) != len(kinds) or not set(kinds) <= set(reports.KINDS) or len(
        {(r.period.start, r.period.end) for r in parsed}
    ) != 1:
        raise AggregateRefused(INVALID)
    if any(r.threshold < threshold for r in parsed):
        raise AggregateRefused(THRESHOLD_LOWER)
    return made_at, parsed


def apply_aggregate(c: Cursor, s: Session, h: Header, p: Mapping[str, Any], at: str) -> None:
    """A partner's reports for a period, verified (apply.py): keep the latest of each kind."""
    from intake_app.services.sharing.apply import BadPayload

    sender_id, envelope_id = h.sender_id, h.envelope_id
    try:
        made_at, parsed = parse_payload(p, reports.POLICY.threshold, h.created)
    except AggregateRefused as refused:
        raise BadPayload(refused.reason) from None
    kept = 0
    for report in parsed:
        body = json.dumps(to_wire(report), separators=(",", ":"))
        kept += stored.keep_latest(c, sender_id, report.kind, report.period.start,
                                   report.period.end, made_at, envelope_id, body, at)
    audit.append(c, s.user.id, "inbound.aggregate", "partner", sender_id,
                 detail=f"envelope:{envelope_id}:period:{parsed[0].period.start}"
                 f"..{parsed[0].period.end}"
                 f":reports:{len(parsed)}:kept:{kept}")


# --- combining ---------------------------------------------------------------------------------
def _held(s: Session, period: Period) -> list[stored.AggregateRow]:
    with s.db.transaction() as c:
        confirmed = partners.confirmed_cards(c)
        return [r for r in stored.for_period(c, period.start, period.end)
                if r.sender_id in confirmed]


@requires(Role.SUPERVISOR, Role.ADMIN, action="run reports")
def sources(s: Session, period: Period | str) -> list[Source]:
    """The partners whose reports for `period` are held here (for the Reports screen)."""
    p = reports.as_period(period)
    by_sender: dict[str, list[stored.AggregateRow]] = {}
    for row in _held(s, p):
        by_sender.setdefault(row.sender_id, []).append(row)
    names = {x.agency_id: x.name for x in partners.list_partners(s)}
    return [Source(sender, names.get(sender, sender), tuple(r.kind for r in rows),
                   max(r.made_at for r in rows))
            for sender, rows in sorted(by_sender.items(), key=lambda kv: names.get(kv[0], ""))]


def _stored_report(row: stored.AggregateRow, period: Period) -> PublishedReport:
    # Validated when it arrived; read back through the same strict reader and checks anyway.
    raw = strict_json.loads(row.body.encode(), max_bytes=MAX_BODY_BYTES, floats=False)
    return replace(from_wire(raw), period=period)  # the same dates, labelled as asked


@requires(Role.SUPERVISOR, Role.ADMIN, action="run reports")
def combined(s: Session, period: Period | str, kind: str = reports.TASK_FORCE, *,
             include_own: bool = True) -> PublishedReport:
    """The task-force report of `kind` for `period`: partners' published reports held here
    (and this agency's own, by default), combined with suppression reapplied. NoAggregates
    when no partner sent that kind for that period."""
    p = reports.as_period(period)
    if kind not in reports.KINDS:
        raise reports.ReportKindInvalid(kind=kind[:40])
    parts = [_stored_report(r, p) for r in _held(s, p) if r.kind == kind]
    if not parts:
        raise NoAggregates(period=p.label)
    if include_own:
        parts.insert(0, reports.run_report(s, p, kind))
    return combine(parts, reports.POLICY.threshold)


@requires(Role.SUPERVISOR, Role.ADMIN, action="run reports")
def combined_reports(s: Session, period: Period | str) -> list[PublishedReport]:
    """Every kind some partner sent for `period`, combined with this agency's own."""
    p = reports.as_period(period)
    held = {r.kind for r in _held(s, p)}
    return [combined(s, p, kind) for kind in reports.KINDS if kind in held]


@requires(Role.SUPERVISOR, Role.ADMIN, action="run reports")
def received(s: Session, period: Period | str) -> Received:
    """The combined reports and who sent them, for the Reports screen (empty when none)."""
    p = reports.as_period(period)
    return Received(tuple(combined_reports(s, p)), tuple(sources(s, p)))


@requires(Role.SUPERVISOR, Role.ADMIN, action="export reports")
def export_combined(
    s: Session, period: Period | str, kind: str, fmt: reports.ExportFormat | str, path: Path,
    language: str = "en", *, include_own: bool = True, pdf: reports.Renderer | None = None,
) -> PublishedReport:
    """`reports.export_report` for the combined report: the same writers, audited the same way
    (kind, period, format and how many agencies; never a path)."""
    chosen = reports.export_format(fmt)
    report = combined(s, period, kind, include_own=include_own)
    atomic_write(Path(path), reports.render(report, chosen, language, pdf))
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "report.export", "report", None,
                     detail=f"combined:{kind}:{report.period.label}:{chosen.value}"
                     f":agencies:{report.combined_from}")
    return report
