"""The disclosure receipt from a real encrypted database: a consent and the share queued under
it appear in words; who may print one; the audit entry holds no case data; the command line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app.domain.answers import Answer
from intake_app.domain.case import Identity, Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.services import cases, consents, interviews, receipt, sharing
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session
from tests.agencies import ADMIN, PASSPHRASE, add_partner, as_admin, provision
from tests.integration.test_cli_front_end import run
from tests.unit.test_report_exports import _flat, _pdf_text

PLANTED_NAME = "Zorabeth Quillington"
PLANTED_PHONE = "+1 555 0199"
POLICE = "Riverside Police Department"


@pytest.fixture
def shelter(tmp_path: Path) -> Iterator[tuple[Session, str, int]]:
    """A shelter advocate's session, the police as a confirmed partner, and a case whose name
    and phone are planted; returns (session, police agency id, case id)."""
    police, identity = provision(tmp_path / "police", POLICE, "law_enforcement", Role.OFFICER)
    police.close()
    s, _ = provision(tmp_path / "shelter", "Harbor Advocacy Center", "service_provider")
    add_partner(tmp_path / "shelter", identity)
    case = cases.create_case(s, preferred_name=PLANTED_NAME, language="Spanish")
    cases.update_identity(s, case.id, Identity(legal_name=PLANTED_NAME, contact=PLANTED_PHONE))
    iv = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "es")
    interviews.record_answer(s, iv.id, "needs_now", Answer.of(["shelter", "medical"]))
    yield s, identity.agency_id, case.id
    s.close()


def _give(s: Session, case_id: int, recipient: str, categories: set[Category],
          purpose: Purpose = Purpose.CASE_COORDINATION) -> Consent:
    now = datetime.now(UTC)
    return consents.give_consent(s, Consent(
        id=0, case_id=case_id, purpose=purpose, recipient_id=recipient,
        categories=frozenset(categories), wording="w", language="es", method=Method.SIGNED,
        interpreter=False, given_at=now - timedelta(minutes=1), expires_at=now + timedelta(days=90)))


def test_a_consent_and_its_share_are_on_the_receipt(shelter: tuple[Session, str, int]) -> None:
    s, police, case_id = shelter
    _give(s, case_id, police, {Category.NEEDS})
    sharing.queue_share(s, case_id, police, Purpose.CASE_COORDINATION)
    withdrawn = _give(s, case_id, police, {Category.EXPERIENCE}, Purpose.LAW_ENFORCEMENT)
    sharing.withdraw_consent(s, withdrawn.id)

    made = receipt.disclosure_receipt(s, case_id)  # the case says Spanish
    text = made.plain_text()
    assert made.language == "es" and text.startswith("Lo que se compartió sobre usted")
    assert cases.open_case(s, case_id).code in made.case_line
    assert [e.recipient for e in made.entries] == [POLICE, POLICE]
    first, second = made.entries
    assert first.rows[0] == ("Qué se puede compartir", "la ayuda que necesita")
    assert len(first.sent) == 1 and first.sent[0].startswith("El ")
    assert first.sent[0].endswith(": la ayuda que necesita.")
    assert second.withdrawn and second.sent == ("No se ha enviado nada con este acuerdo.",)
    assert "Duty desk: +1 555 0100" in made.contacts  # the shelter's own desk, from its card
    english = receipt.disclosure_receipt(s, case_id, "en").plain_text()
    assert "What may be shared: the help you need" in english
    for planted in (PLANTED_NAME, PLANTED_PHONE):
        assert planted not in text and planted not in english
    entries = [e for e in cases.case_activity(s, case_id) if e.action == "case.receipt"]
    assert [e.detail for e in entries] == [
        "en:consents:2:shares:1:files:0:handed:0", "es:consents:2:shares:1:files:0:handed:0"]


def test_only_those_working_the_case_print_one(shelter: tuple[Session, str, int],
                                               tmp_path: Path) -> None:
    _s, _police, case_id = shelter
    with as_admin(tmp_path / "shelter") as admin, pytest.raises(NotPermitted):
        receipt.disclosure_receipt(admin, case_id)


def test_from_the_command_line(shelter: tuple[Session, str, int], tmp_path: Path, capsys,
                               qapp) -> None:
    s, police, case_id = shelter
    _give(s, case_id, police, {Category.NEEDS})
    sharing.queue_share(s, case_id, police, Purpose.CASE_COORDINATION)
    code = cases.open_case(s, case_id).code
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    out = tmp_path / "receipt.pdf"
    auth = ["--data-dir", str(tmp_path / "shelter"), "--passphrase-file", str(secret)]
    status, said, _ = run(["consent", "receipt", code, "--out", str(out), "--language", "en",
                           *auth, "--user", "user"], capsys)
    assert status == 0 and "receipt (en, 1 agreements) written to" in said
    pdf = _pdf_text(out.read_bytes())
    assert _flat(POLICE) in pdf and _flat("the help you need") in pdf
    assert _flat(PLANTED_NAME) not in pdf and PLANTED_NAME not in said
    assert out.stat().st_mode & 0o077 == 0  # the file is the user's alone
    status, _, err = run(["consent", "receipt", code, "--out", str(out), *auth, "--user", ADMIN],
                         capsys)
    assert status != 0 and "cannot print a disclosure receipt" in err
