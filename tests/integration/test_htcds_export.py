"""HTCDS export on real SQLCipher files: a shelter with a confirmed police partner exports a case
as HTCDS JSON or CSV. Only what a share would carry goes, mapped to the standard's names."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app import cli
from intake_app.domain.answers import Answer
from intake_app.domain.case import Identity, Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.domain.htcds import BY_NAME, FieldType, Record, to_record
from intake_app.services import cases, consents, htcds_export, interviews, protocols, sharing
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session, Workspace
from intake_app.storage import audit
from intake_app.sync.keys import AgencyIdentity
from tests.agencies import ADMIN, PASSPHRASE, add_partner, provision

NAME_CANARY = "Quillabeth Zorrington"
LEGAL_CANARY = "Legalina Canaryworth"
NOTE_CANARY = "note-canary-HT9QX"
EXPERIENCE_CANARY = "experience-canary-HT4KM"
CATEGORIES = tuple(Category)


@dataclass
class Pair:
    shelter: Session
    police: AgencyIdentity
    folder: Path


def _pair(root: Path) -> Pair:
    s, _ = provision(root / "shelter", "Refugio Norte", "service_provider", Role.ADVOCATE, "ana")
    police_session, police = provision(root / "police", "Policía", "law_enforcement",
                                       Role.OFFICER, "leo")
    police_session.close()
    add_partner(root / "shelter", police)
    return Pair(s, police, root / "shelter")


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    p = _pair(tmp_path)
    yield p
    p.shelter.close()


def _consent(p: Pair, case_id: int, categories: set[Category], *, days: int = 90,
             given_days_ago: int = 0) -> Consent:
    given = datetime.now(UTC) - timedelta(days=given_days_ago, minutes=1)
    return consents.give_consent(p.shelter, Consent(
        id=0, case_id=case_id, purpose=Purpose.CASE_COORDINATION, recipient_id=p.police.agency_id,
        categories=frozenset(categories), wording="w", language="en", method=Method.SIGNED,
        interpreter=False, given_at=given, expires_at=given + timedelta(days=days)))


def _case(p: Pair) -> tuple[int, str]:
    s = p.shelter
    case = cases.create_case(s, preferred_name=NAME_CANARY)
    cases.update_identity(s, case.id, Identity(legal_name=LEGAL_CANARY, date_of_birth="1990-04-05",
                                               contact="+1 555 0199"))
    cases.add_note(s, case.id, NOTE_CANARY)
    iv = interviews.start_interview(s, case.id, "indicator_screening", "1.1", "en")
    interviews.record_answer(s, iv.id, "documents_held", Answer.of("yes"))  # immigration
    interviews.record_answer(s, iv.id, "lied_about_terms", Answer.of("yes"))  # experience
    interviews.record_answer(s, iv.id, "threatened", Answer.of("yes"))  # safety
    intake = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "en")
    interviews.record_answer(s, intake.id, "what_brought_you", Answer.of(EXPERIENCE_CANARY))
    return case.id, case.code


def _export(p: Pair, case_id: int, fmt: str = "json", now: datetime | None = None) -> bytes:
    return htcds_export.export_case(p.shelter, case_id, p.police.agency_id,
                                    Purpose.CASE_COORDINATION, fmt=fmt, now=now)


def _check_standard(record: Record) -> None:
    """Keys and value names against the one table taken from the standard (no schema ships)."""
    for name, value in record.items():
        spec = BY_NAME[name]
        if spec.type is FieldType.MULTISELECT:
            assert isinstance(value, list) and set(value) <= set(spec.values)
        elif spec.values:
            assert value in spec.values


def test_without_identity_no_name_no_code_no_free_text(pair: Pair) -> None:
    case_id, code = _case(pair)
    _consent(pair, case_id, {Category.EXPERIENCE, Category.SAFETY, Category.IMMIGRATION,
                             Category.NEEDS})
    for fmt in ("json", "csv"):
        data = _export(pair, case_id, fmt)
        for needle in (NAME_CANARY, LEGAL_CANARY, code, NOTE_CANARY, EXPERIENCE_CANARY,
                       "1990-04-05", "555 0199"):
            assert needle.encode() not in data, needle
    record = json.loads(_export(pair, case_id))
    assert record == {"vic_MethodsOfControl": ["PhysicalThreats", "FalsePromises",
                                               "WithholdsDocuments"]}
    _check_standard(record)


def test_identity_consent_exports_the_name_in_the_standards_field(pair: Pair) -> None:
    case_id, code = _case(pair)
    _consent(pair, case_id, {Category.IDENTITY})
    record = json.loads(_export(pair, case_id))
    assert record == {"prs_FirstName": NAME_CANARY, "prs_Birthdate": "1990-04-05"}
    assert LEGAL_CANARY not in json.dumps(record) and code not in json.dumps(record)


def test_csv_opens_with_one_header_row(pair: Pair) -> None:
    case_id, _ = _case(pair)
    _consent(pair, case_id, {Category.IDENTITY, Category.SAFETY})
    rows = list(csv.reader(io.StringIO(_export(pair, case_id, "csv").decode("utf-8-sig"),
                                       newline="")))
    assert rows == [["prs_FirstName", "prs_Birthdate", "vic_MethodsOfControl"],
                    [NAME_CANARY, "1990-04-05", "PhysicalThreats"]]


def test_withdrawn_or_expired_consent_exports_nothing(pair: Pair) -> None:
    case_id, _ = _case(pair)
    with pytest.raises(sharing.NoConsent):
        _export(pair, case_id)
    consent = _consent(pair, case_id, {Category.IDENTITY}, days=30)
    assert _export(pair, case_id)
    with pytest.raises(sharing.NoConsent):  # the day after it ends
        _export(pair, case_id, now=datetime.now(UTC) + timedelta(days=31))
    sharing.withdraw_consent(pair.shelter, consent.id)
    with pytest.raises(sharing.NoConsent):
        _export(pair, case_id, "csv")


def test_the_never_share_list_wins_over_consent(pair: Pair) -> None:
    case_id, _ = _case(pair)
    _consent(pair, case_id, {Category.IDENTITY})
    consents.add_never_share(pair.shelter, case_id, pair.police.agency_id)
    with pytest.raises(sharing.NeverShare):
        _export(pair, case_id)


def test_audited_with_counts_and_recipient_only(pair: Pair) -> None:
    case_id, code = _case(pair)
    _consent(pair, case_id, {Category.IDENTITY})
    _export(pair, case_id)
    entries = [e for e in audit.entries_for(pair.shelter.db, "case", case_id)
               if e.action == "case.htcds_export"]
    assert len(entries) == 1
    detail = entries[0].detail or ""
    assert f"to:{pair.police.agency_id}" in detail and ":htcds:2" in detail
    assert NAME_CANARY not in detail and code not in detail
    assert sharing.outbox(pair.shelter) == []  # a file, not a share: nothing queued to the relay


def test_an_admin_may_not_export_share_or_refer(pair: Pair) -> None:
    """An admin provisions laptops and does not speak for the person: none of the ways a case
    leaves is open to an admin's session, whatever the consent says."""
    case_id, _ = _case(pair)
    _consent(pair, case_id, {Category.IDENTITY})
    admin = Workspace(pair.folder).unlock(ADMIN, PASSPHRASE)
    to, why = pair.police.agency_id, Purpose.CASE_COORDINATION
    try:
        with pytest.raises(NotPermitted):
            htcds_export.export_case(admin, case_id, to, why)
        with pytest.raises(NotPermitted):
            sharing.preview_share(admin, case_id, to, why)
        with pytest.raises(NotPermitted):
            sharing.queue_share(admin, case_id, to, why)
        with pytest.raises(NotPermitted):
            sharing.send_referral(admin, case_id, to, "shelter", "routine")
    finally:
        admin.close()
    assert sharing.outbox(pair.shelter) == []
    assert sharing.preview_share(pair.shelter, case_id, to, why).fields  # the advocate may


def test_consented_fields_with_no_home_in_the_standard(pair: Pair) -> None:
    case_id, _ = _case(pair)
    _consent(pair, case_id, {Category.CONTACT})  # the contact text: no HTCDS field
    with pytest.raises(htcds_export.NothingInStandard):
        _export(pair, case_id)


# --- the command line ------------------------------------------------------------------------
def _cli(p: Pair, code: str, out: Path, fmt: str, capsys: pytest.CaptureFixture[str],
         tmp_path: Path) -> tuple[int, str, str]:
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    rc = cli.main(["--data-dir", str(p.folder), "case", "htcds", code, "--to",
                   p.police.agency_id, "--purpose", "case_coordination", "--format", fmt,
                   "--out", str(out), "--user", "ana", "--passphrase-file", str(secret)])
    got = capsys.readouterr()
    return rc, got.out, got.err


def test_cli_writes_only_the_chosen_file_private(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, code = _case(pair)
    folder = tmp_path / "out"
    folder.mkdir()
    rc, _, err = _cli(pair, code, folder / "case.json", "json", capsys, tmp_path)
    assert rc == 2 and err.count("\n") == 1 and "No live consent" in err
    assert list(folder.iterdir()) == []  # NoConsent: no file at all
    _consent(pair, case_id, {Category.IDENTITY})
    rc, out, err = _cli(pair, code, folder / "case.csv", "csv", capsys, tmp_path)
    assert (rc, err) == (0, "") and "written" in out
    assert [f.name for f in folder.iterdir()] == ["case.csv"]  # no temp file left beside it
    assert stat.S_IMODE(os.stat(folder / "case.csv").st_mode) == 0o600
    assert NAME_CANARY in (folder / "case.csv").read_text(encoding="utf-8-sig")


def test_cli_one_line_errors_before_and_after_the_passphrase(
    pair: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id, code = _case(pair)
    _consent(pair, case_id, {Category.IDENTITY})
    rc, _, err = _cli(pair, code, tmp_path / "nowhere" / "case.json", "json", capsys, tmp_path)
    assert rc == 2 and err == "intake: Invalid --out: its folder does not exist.\n"
    rc, _, err = _cli(pair, "K7QM-2XPQ", tmp_path / "case.json", "json", capsys, tmp_path)
    assert rc == 2 and err.startswith("intake: Invalid case code") and err.count("\n") == 1
    assert not (tmp_path / "case.json").exists()


# --- the export is the preview, mapped ---------------------------------------------------------
SCREENING = ("documents_held", "lied_about_terms", "threatened", "threat_of_authorities",
             "debt_keeps_growing", "owes_debt", "harmed", "free_to_leave")
answers = st.one_of(st.sampled_from(["yes", "no"]).map(Answer.of),
                    st.sampled_from([Answer.declined(), Answer.unknown(), Answer.not_asked()]))


@pytest.fixture(scope="module")
def shared_pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    p = _pair(tmp_path_factory.mktemp("htcds"))
    yield p
    p.shelter.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.frozensets(st.sampled_from(CATEGORIES), min_size=1),
       st.dictionaries(st.sampled_from(SCREENING), answers, max_size=len(SCREENING)),
       st.booleans(), st.sampled_from(["es", "Spanish", ""]))
def test_exported_fields_are_the_preview_fields_mapped(
    shared_pair: Pair, categories: frozenset[Category], given_answers: dict[str, Answer],
    named: bool, language: str,
) -> None:
    p, s = shared_pair, shared_pair.shelter
    case = cases.create_case(s, preferred_name=NAME_CANARY if named else None,
                             language=language or None)
    iv = interviews.start_interview(s, case.id, "indicator_screening", "1.1", "en")
    for qid, a in given_answers.items():
        interviews.record_answer(s, iv.id, qid, a)
    _consent(p, case.id, set(categories))
    preview = sharing.preview_share(s, case.id, p.police.agency_id, Purpose.CASE_COORDINATION)
    expected = to_record(preview.fields, htcds_export.questions_of(protocols.installed(s)))
    if not preview.fields:
        with pytest.raises(sharing.NothingToShare):
            _export(p, case.id)
        return
    if not expected:
        with pytest.raises(htcds_export.NothingInStandard):
            _export(p, case.id)
        return
    record = json.loads(_export(p, case.id))
    assert record == expected
    _check_standard(record)
    assert (NAME_CANARY in json.dumps(record)) == (named and Category.IDENTITY in categories)
    assert case.code not in json.dumps(record)
