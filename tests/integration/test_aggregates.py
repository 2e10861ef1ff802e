"""Across the task force (issue 14 item 6): three agencies, each with its own data folder and
encrypted database, send their suppressed reports for 2026Q3 through a real relay on 127.0.0.1
to the one that coordinates; its combined table matches counts made here from the cases, hides
every small combined count, and no name or case code is in an envelope or an export. A
malformed, tampered or unconfirmed aggregate is refused with its reason and loses nothing else.
"""

from __future__ import annotations

import csv
import io
import json
import random
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from intake_app.domain.case import Identity, Role
from intake_app.domain.reporting.facts import ServiceCategory, ServiceGiven, TraffickingType
from intake_app.domain.reporting.tables import Hidden
from intake_app.services import aggregates, case_facts, cases, sharing
from intake_app.services.partners import PartnerNotConfirmed
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Workspace, add_user
from intake_app.services.sharing.outbound import enqueue
from intake_app.sync.envelope import Kind, open_envelope
from tests.agencies import ADMIN, PASSPHRASE, add_partner, provision
from tests.integration.conftest import TEST_CONFIG, RelayThread
from tests.integration.test_sharing import Agency, _client, _sync

PLANTED = "Ottoline Vasquez-Brumby"
Q3 = (date(2026, 7, 1), date(2026, 9, 30))
# Per agency: how many new cases of each type in the quarter. The shelter alone has "both"
# cases (2: "<5" there and, beside zeros, still "<5" combined); "unknown" is small at two
# agencies (1 + 2: hidden as "*", its sum unknowable to the coordinator); the clinic hides its
# labour count as the complement of its "unknown", so the combined labour is "*" too.
PLAN: dict[str, dict[str, int]] = {
    "police": {"sex": 9, "labour": 6, "unknown": 0},
    "shelter": {"sex": 12, "labour": 0, "both": 2, "unknown": 1},
    "clinic": {"sex": 8, "labour": 5, "unknown": 2},  # labour hidden too, as complement
}


def _fill(a: Agency, plan: dict[str, int], seed: int) -> list[str]:
    """The planned cases (days spread over the quarter, some before it); returns their codes."""
    rng = random.Random(seed)
    s = a.session
    codes: list[str] = []
    for kind, n in plan.items():
        for _ in range(n):
            case = cases.create_case(s, PLANTED if not codes else None)
            if not codes:
                cases.update_identity(s, case.id, Identity(legal_name=PLANTED))
                cases.add_note(s, case.id, f"about {PLANTED}")
            codes.append(case.code)
            day = Q3[0] + timedelta(days=rng.randrange(92))
            case_facts.set_intake_date(s, case.id, day)
            case_facts.set_fact(s, case.id, "trafficking_type", kind)
            case_facts.record_service(s, case.id, ServiceGiven(day, ServiceCategory.SHELTER,
                                                               Role.ADVOCATE))
    old = cases.create_case(s)  # before the quarter: in no count of it
    case_facts.set_intake_date(s, old.id, date(2026, 3, 2))
    case_facts.set_fact(s, old.id, "trafficking_type", "sex")
    codes.append(old.code)
    return codes


@pytest.fixture
def task_force(tmp_path: Path) -> Iterator[tuple[list[Agency], RelayThread]]:
    made: list[Agency] = []
    for name, kind in (("police", "law_enforcement"), ("shelter", "service_provider"),
                       ("clinic", "service_provider")):
        s, identity = provision(tmp_path / name, f"{name} agency", kind, Role.ADMIN, user=ADMIN)
        made.append(Agency(s, identity, tmp_path / name))
    coordinator, *members = made
    for m in members:  # each member and the coordinator confirmed each other
        add_partner(m.data_dir, coordinator.identity)
        add_partner(coordinator.data_dir, m.identity)
    relay = RelayThread(f"sqlite://{tmp_path / 'relay' / 'relay.db'}", TEST_CONFIG).start()
    for a in made:
        card = a.identity.card
        relay.store.register_agency(card.agency_id, card.signing_public, int(time.time()))
    yield made, relay
    relay.stop()
    for a in made:
        a.session.close()


def _expected(plans: list[dict[str, int]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for plan in plans:
        total.update(plan)
    return total


def _payloads(sender: Agency, coordinator: Agency) -> list[str]:
    """What left the sender for the coordinator, opened as the coordinator opens it."""
    rows = sender.session.db.query("SELECT body FROM outbox WHERE kind = 'aggregate_report'")
    return [json.dumps(open_envelope(bytes(r[0]), coordinator.identity,
                                     {sender.id: sender.identity.card}, lambda _: False,
                                     time.time()).payload) for r in rows]


def test_members_send_the_coordinator_combines_and_nothing_identifying_travels(
    task_force: tuple[list[Agency], RelayThread], tmp_path: Path
) -> None:
    agencies, relay = task_force
    coordinator, *members = agencies
    codes = {a.id: _fill(a, PLAN[a.identity.card.name.split()[0]], i)
             for i, a in enumerate(agencies)}
    with pytest.raises(aggregates.NoAggregates):
        aggregates.combined(coordinator.session, "2026Q3")
    for m in members:
        sent = aggregates.send_aggregate(m.session, "2026Q3", coordinator.id[:8])  # a prefix
        assert (sent.recipient_id, sent.period, sent.reports) == (coordinator.id, "2026Q3", 3)
        [payload] = _payloads(m, coordinator)
        for secret in (PLANTED, *codes[m.id], *(c.replace("-", "") for c in codes[m.id])):
            assert secret not in payload
        assert _sync(m, _client(relay, m)).delivered == 1
    report = _sync(coordinator, _client(relay, coordinator))
    assert (report.accepted, report.quarantined) == (2, 0)

    names = [s.name for s in aggregates.sources(coordinator.session, "2026Q3")]
    assert sorted(names) == ["clinic agency", "shelter agency"]
    combined = aggregates.combined(coordinator.session, "2026Q3")
    assert combined.combined_from == 3
    table = combined.table("task_force.new_by_type")
    expected = _expected(list(PLAN.values()))
    for kind in TraffickingType:
        shown, truth = table.cell(kind.value, "count"), expected[kind.value]
        if isinstance(shown, Hidden):
            assert shown is Hidden.COMPLEMENT or shown is Hidden.PARTIAL or 0 < truth < 5
        else:
            assert shown == truth  # the coordinator's number is the task force's number
        if 0 < truth < 5:
            assert isinstance(shown, Hidden)
    assert table.cell("both", "count") is Hidden.SMALL  # one agency's 2, zeros elsewhere
    assert table.cell("sex", "count") == 29
    assert table.cell("labour", "count") is Hidden.PARTIAL
    assert table.cell("unknown", "count") is Hidden.PARTIAL
    assert table.grand_total == sum(expected.values())
    partners_only = aggregates.combined(coordinator.session, "2026Q3", include_own=False)
    assert partners_only.combined_from == 2
    assert partners_only.table("task_force.new_by_type").cell("sex", "count") == 20

    every_code = [c for cs in codes.values() for c in cs]
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"combined.{fmt}"
        aggregates.export_combined(coordinator.session, "2026Q3", "task_force", fmt, out)
        data = out.read_bytes()
        if fmt == "xlsx":
            with zipfile.ZipFile(out) as z:
                data = b"".join(z.read(n) for n in z.namelist())
        else:
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
            assert ["Sex and labour", "<5"] in [r[:2] for r in rows]
            assert any("Combined from 3 agencies" in " ".join(r) for r in rows)
        for secret in (PLANTED, *every_code, *(c.replace("-", "") for c in every_code)):
            assert secret.encode() not in data
    details = [str(r[0]) for r in coordinator.session.db.query(
        "SELECT detail FROM audit WHERE action = 'report.export' ORDER BY seq")]
    assert details == ["combined:task_force:2026Q3:csv:agencies:3",
                       "combined:task_force:2026Q3:xlsx:agencies:3"]
    [sent_audit] = members[0].session.db.query(
        "SELECT detail FROM audit WHERE action = 'report.aggregate_sent'")
    assert ":reports:3:tables:" in str(sent_audit[0]) and PLANTED not in str(sent_audit[0])


def test_only_the_latest_per_sender_and_period_is_kept(
    task_force: tuple[list[Agency], RelayThread]
) -> None:
    agencies, relay = task_force
    coordinator, shelter, _clinic = agencies
    _fill(shelter, {"sex": 6}, 1)
    aggregates.send_aggregate(shelter.session, "2026Q3", coordinator.id)
    _fill(shelter, {"sex": 4}, 2)
    aggregates.send_aggregate(shelter.session, "2026Q3", coordinator.id)
    assert _sync(shelter, _client(relay, shelter)).delivered == 2
    assert _sync(coordinator, _client(relay, coordinator)).accepted == 2
    held = coordinator.session.db.query("SELECT kind FROM received_aggregates")
    assert sorted(str(r[0]) for r in held) == ["consents", "grant", "task_force"]
    partners_only = aggregates.combined(coordinator.session, "2026Q3", include_own=False)
    assert partners_only.table("task_force.new_by_type").cell("sex", "count") == 10


def test_an_older_report_arriving_after_a_newer_one_does_not_replace_it(
    task_force: tuple[list[Agency], RelayThread]
) -> None:
    """A folder drop has no order: the sender's signed `made_at` decides, not arrival."""
    agencies, _relay = task_force
    coordinator, shelter, _clinic = agencies
    _fill(shelter, {"sex": 6}, 1)
    aggregates.send_aggregate(shelter.session, "2026Q3", coordinator.id)
    _fill(shelter, {"sex": 4}, 2)
    aggregates.send_aggregate(shelter.session, "2026Q3", coordinator.id)
    older, newer = [bytes(r[0]) for r in shelter.session.db.query(
        "SELECT body FROM outbox WHERE kind = 'aggregate_report' ORDER BY id")]
    for body in (newer, older):
        assert sharing.process_inbound(coordinator.session, body).accepted
    partners_only = aggregates.combined(coordinator.session, "2026Q3", include_own=False)
    assert partners_only.table("task_force.new_by_type").cell("sex", "count") == 10
    kept = coordinator.session.db.query(
        "SELECT detail FROM audit WHERE action = 'inbound.aggregate' ORDER BY seq")
    assert [str(r[0]).rsplit(":", 1)[1] for r in kept] == ["3", "0"]  # the older kept nothing


def _seal_from(sender: Agency, coordinator: Agency, payload: dict[str, object]) -> None:
    """The sender's software queues `payload` as an aggregate (what a broken build could do)."""
    with sender.session.db.transaction() as c:
        enqueue(c, sender.identity, coordinator.identity.card, Kind.AGGREGATE_REPORT, payload,
                datetime.now(UTC))


def test_malformed_tampered_and_unconfirmed_aggregates_are_refused_and_lose_nothing(
    task_force: tuple[list[Agency], RelayThread], tmp_path: Path
) -> None:
    agencies, relay = task_force
    coordinator, shelter, clinic = agencies
    _fill(shelter, PLAN["shelter"], 1)
    aggregates.send_aggregate(shelter.session, "2026Q3", coordinator.id)
    _sync(shelter, _client(relay, shelter))
    assert _sync(coordinator, _client(relay, coordinator)).accepted == 1
    before = coordinator.session.db.query("SELECT body FROM received_aggregates ORDER BY kind")

    good = json.loads(_payloads(shelter, coordinator)[0])
    unsuppressed = json.loads(json.dumps(good))
    by_type = next(t for r in unsuppressed["reports"] if r["kind"] == "task_force"
                   for t in r["tables"] if t["id"] == "task_force.new_by_type")
    by_type["cells"][2] = [2]  # the shelter's "both": its true count, not "<5"
    extra = json.loads(json.dumps(good))
    extra["case"] = "Maria"
    lower = json.loads(json.dumps(good))
    for r in lower["reports"]:
        r["threshold"] = 3
    for payload in (unsuppressed, extra, lower):
        payload["made_at"] = datetime.now(UTC).isoformat(timespec="microseconds")
        _seal_from(shelter, coordinator, payload)
    # Made "next year" by a wrong clock: it would outrank every later report of the shelter.
    ahead = json.loads(json.dumps(good))
    ahead["made_at"] = (datetime.now(UTC) + timedelta(days=365)).isoformat(timespec="microseconds")
    _seal_from(shelter, coordinator, ahead)
    _sync(shelter, _client(relay, shelter))
    report = _sync(coordinator, _client(relay, coordinator))
    assert (report.accepted, report.quarantined) == (0, 4)
    reasons = sorted(q.reason for q in sharing.quarantine_list(coordinator.session))
    assert reasons == ["aggregate_invalid"] * 3 + ["aggregate_threshold_lower"]

    # Changed on the way (a byte of the ciphertext): the signature refuses it before opening.
    aggregates.send_aggregate(shelter.session, "2026Q3", coordinator.id)
    [body] = [bytes(r[0]) for r in shelter.session.db.query(
        "SELECT body FROM outbox WHERE kind = 'aggregate_report' ORDER BY id DESC LIMIT 1")]
    bent = bytearray(body)
    bent[200] ^= 1
    assert sharing.process_inbound(coordinator.session, bytes(bent)).reason == "bad_signature"

    # A sender the coordinator never confirmed: refused as any kind would be, then taken once
    # confirmed (its envelope waited in quarantine).
    s, stranger_id = provision(tmp_path / "ngo", "ngo agency", "other", Role.ADMIN, user=ADMIN)
    stranger = Agency(s, stranger_id, tmp_path / "ngo")
    relay.store.register_agency(stranger.id, stranger_id.card.signing_public, int(time.time()))
    add_partner(stranger.data_dir, coordinator.identity)
    add_partner(coordinator.data_dir, stranger.identity, confirm=False)
    _fill(stranger, {"sex": 5}, 4)
    aggregates.send_aggregate(stranger.session, "2026Q3", coordinator.id)
    _sync(stranger, _client(relay, stranger))
    assert _sync(coordinator, _client(relay, coordinator)).quarantined == 1
    assert "unknown_sender" in {q.reason for q in sharing.quarantine_list(coordinator.session)}
    # ... and the coordinator cannot send to a partner it has not confirmed either.
    with pytest.raises(PartnerNotConfirmed):
        aggregates.send_aggregate(coordinator.session, "2026Q3", stranger.id)
    stranger.session.close()

    after = coordinator.session.db.query("SELECT body FROM received_aggregates ORDER BY kind")
    assert after == before  # nothing refused replaced what the shelter had sent
    assert aggregates.combined(coordinator.session, "2026Q3").combined_from == 2
    assert clinic.session.db.query("SELECT count(*) FROM received_aggregates") == [(0,)]


def test_only_supervisors_and_administrators_send_or_combine(
    task_force: tuple[list[Agency], RelayThread]
) -> None:
    agencies, _relay = task_force
    coordinator, shelter, _ = agencies
    add_user(shelter.session, "ana", PASSPHRASE, Role.ADVOCATE)
    ana = Workspace(shelter.data_dir).unlock("ana", PASSPHRASE)
    try:
        with pytest.raises(NotPermitted):
            aggregates.send_aggregate(ana, "2026Q3", coordinator.id)
        with pytest.raises(NotPermitted):
            aggregates.combined(ana, "2026Q3")
    finally:
        ana.close()
    assert shelter.session.db.query("SELECT count(*) FROM outbox") == [(0,)]


def test_the_command_line_sends_and_writes_the_combined_table(
    task_force: tuple[list[Agency], RelayThread], tmp_path: Path
) -> None:
    """`intake report send` and `intake report combined` as a supervisor runs them: real
    processes on the real data folders (the sync between them is the engine's, in-process)."""
    from tests.integration.test_cli import intake

    agencies, relay = task_force
    coordinator, shelter, _clinic = agencies
    _fill(shelter, PLAN["shelter"], 1)
    _fill(coordinator, PLAN["police"], 0)
    auth = ["--user", ADMIN, "--passphrase-file", "-"]
    for a in (coordinator, shelter):
        a.session.close()  # one process holds a data folder at a time
    try:
        sent = intake("report", "send", "--period", "2026Q3", "--to", coordinator.id[:8], *auth,
                      stdin=PASSPHRASE + "\n", data_dir=shelter.data_dir)
        assert sent.returncode == 0, sent.stderr
        assert "3 reports for 2026Q3" in sent.stdout and "police agency" in sent.stdout
        early = intake("report", "combined", "--period", "2026Q3", "--format", "csv", "--out",
                       str(tmp_path / "none.csv"), *auth, stdin=PASSPHRASE + "\n",
                       data_dir=coordinator.data_dir)
        assert early.returncode == 2 and early.stderr.count("\n") == 1
        assert "No partner agency has sent its reports for 2026Q3" in early.stderr
    finally:
        for a in (coordinator, shelter):
            a.session = Workspace(a.data_dir).unlock(ADMIN, PASSPHRASE)
    _sync(shelter, _client(relay, shelter))
    assert _sync(coordinator, _client(relay, coordinator)).accepted == 1
    coordinator.session.close()
    try:
        out = tmp_path / "q3-combined.csv"
        made = intake("report", "combined", "--period", "2026Q3", "--format", "csv", "--out",
                      str(out), *auth, stdin=PASSPHRASE + "\n", data_dir=coordinator.data_dir)
        assert made.returncode == 0, made.stderr
        assert "combined from 2 agencies" in made.stdout
        rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
        assert ["Sex trafficking", "21"] in [r[:2] for r in rows] and ["Sex and labour", "<5"] in rows
        assert PLANTED not in out.read_text("utf-8-sig")
    finally:
        coordinator.session = Workspace(coordinator.data_dir).unlock(ADMIN, PASSPHRASE)
