"""`intake supervise`: a supervisor sees the four sections by case code (never a name); a case
worker gets the one-line refusal."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import Role
from intake_app.domain.reporting.facts import ReferralMade, ServiceCategory
from intake_app.services import case_facts, cases, interviews
from intake_app.services.session import add_user
from tests.agencies import PASSPHRASE, provision
from tests.integration.test_cli_front_end import run

PLANTED = "Velmira Oakenshade"


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, str, Path]:
    """A supervisor's laptop: one case with an overdue referral and a paused interview."""
    folder = tmp_path / "shelter"
    s, _ = provision(folder, "Refugio Norte", "service_provider", Role.SUPERVISOR, "sara")
    try:
        made = cases.create_case(s, PLANTED)
        case_facts.record_referral(s, made.id, ReferralMade(
            date.today() - timedelta(days=30), ServiceCategory.HOUSING, Role.ADVOCATE,
            AgencyKind.SERVICE_PROVIDER))
        iv = interviews.start_interview(s, made.id, "advocate_intake", "1.1", "en")
        interviews.set_interview_status(s, iv.id, "paused")
        cases.create_case(s)
    finally:
        s.close()
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return folder, made.code, secret


def test_supervise_prints_the_four_sections_by_code(
    laptop: tuple[Path, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder, code, secret = laptop
    rc, out, err = run(["supervise", "--data-dir", str(folder), "--user", "sara",
                        "--passphrase-file", str(secret)], capsys)
    assert rc == 0, err
    assert "Open cases: 2" in out
    assert "Consents ending in the next 14 days: 0" in out
    assert "Follow-ups overdue (referrals pending over 14 days): 1" in out
    assert f"{code}\thousing to service_provider" in out and "30 days waiting" in out
    assert "Interviews left unfinished: 1" in out and f"{code}\tpaused" in out
    assert PLANTED not in out + err


def test_a_case_worker_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "shelter"
    s, _ = provision(folder, "Refugio Norte", "service_provider", Role.ADMIN, "admin")
    try:
        add_user(s, "ana", PASSPHRASE, Role.ADVOCATE)
    finally:
        s.close()
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    rc, _out, err = run(["supervise", "--data-dir", str(folder), "--user", "ana",
                        "--passphrase-file", str(secret)], capsys)
    assert rc != 0 and "cannot see the caseload overview" in err and "Traceback" not in err
