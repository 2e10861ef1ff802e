"""What else the disclosure receipt lists, on real SQLCipher folders with a confirmed partner:
the files that went with a share (by kind, what about and day added, never by the label staff
gave them), none when the consent did not cover them, none for a share recorded before files
were (it still prints), and each HTCDS file handed to a partner, with the warning that a later
withdrawal cannot take it back: in the plain text, the PDF and from the command line."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app.domain.case import Identity, Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.domain.receipt import Receipt
from intake_app.services import attachments, cases, consents, htcds_export, receipt, sharing
from intake_app.services.session import Session
from intake_app.ui.receipt_pdf import receipt_pdf
from tests.agencies import PASSPHRASE, add_partner, provision
from tests.integration.test_cli_front_end import run
from tests.unit.test_report_exports import _flat, _pdf_text

PLANTED_NAME = "Quillabeth Zorrington"
LABELS = (f"Passport of {PLANTED_NAME}", f"{PLANTED_NAME} letter from the landlord")
POLICE = "Riverside Police Department"
PDF_HEAD, JPEG_HEAD = b"%PDF-1.7\n", b"\xff\xd8\xff\xe0"
FILE_EN = "A file went with it, added to your case on "
FILE_ES = "Con este envío se mandó un archivo, añadido a su caso el "


@dataclass
class Shelter:
    s: Session
    police: str
    case_id: int
    folder: Path
    scanner: Path


@pytest.fixture
def shelter(tmp_path: Path) -> Iterator[Shelter]:
    """An advocate, the police as a confirmed partner, and a case with a planted name whose
    language is Spanish."""
    police, identity = provision(tmp_path / "police", POLICE, "law_enforcement", Role.OFFICER)
    police.close()
    s, _ = provision(tmp_path / "shelter", "Harbor Advocacy Center", "service_provider")
    add_partner(tmp_path / "shelter", identity)
    case = cases.create_case(s, preferred_name=PLANTED_NAME, language="Spanish")
    cases.update_identity(s, case.id, Identity(legal_name=PLANTED_NAME, date_of_birth="1990-04-05"))
    scanner = tmp_path / "scanner"
    scanner.mkdir()
    yield Shelter(s, identity.agency_id, case.id, tmp_path / "shelter", scanner)
    s.close()


def _give(sh: Shelter, categories: set[Category]) -> Consent:
    now = datetime.now(UTC)
    return consents.give_consent(sh.s, Consent(
        id=0, case_id=sh.case_id, purpose=Purpose.CASE_COORDINATION, recipient_id=sh.police,
        categories=frozenset(categories), wording="w", language="es", method=Method.SIGNED,
        interpreter=False, given_at=now - timedelta(minutes=1), expires_at=now + timedelta(days=90)))


def _attach(sh: Shelter, head: bytes, category: Category, label: str) -> int:
    source = sh.scanner / f"scan-{len(list(sh.scanner.iterdir()))}"
    source.write_bytes(head + os.urandom(2000))
    return attachments.add_attachment(sh.s, sh.case_id, source, category, label, shred=True).id


def _lines(text: str, opening: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(opening)]


def _pdf(made: Receipt) -> str:
    return _pdf_text(receipt_pdf(made))


def test_a_share_with_two_files_lists_both_and_never_a_label(shelter: Shelter, qapp) -> None:
    sh = shelter
    _give(sh, {Category.IDENTITY})
    photo = _attach(sh, JPEG_HEAD, Category.IDENTITY, LABELS[0])
    _attach(sh, PDF_HEAD, Category.IDENTITY, LABELS[1])
    _attach(sh, PDF_HEAD, Category.NEEDS, "not covered")  # the consent does not cover it
    sharing.queue_share(sh.s, sh.case_id, sh.police, Purpose.CASE_COORDINATION)
    attachments.delete_attachment(sh.s, photo)  # deleted here since: it still went

    made = receipt.disclosure_receipt(sh.s, sh.case_id)  # the case says Spanish
    text = made.plain_text()
    went = _lines(text, FILE_ES)
    assert len(went) == 2, text
    assert any(line.endswith(": una foto (JPEG) sobre quién es usted (nombre, fecha de"
                             " nacimiento).") for line in went)
    assert any(line.endswith(": un documento PDF sobre quién es usted (nombre, fecha de"
                             " nacimiento).") for line in went)
    assert "la ayuda que necesita" not in "".join(went)
    english = receipt.disclosure_receipt(sh.s, sh.case_id, "en")
    assert len(_lines(english.plain_text(), FILE_EN)) == 2
    pdf = _pdf(english)
    assert _flat("a photo (JPEG) about who you are") in pdf
    assert _flat("a PDF document about who you are") in pdf
    for shown in (text, english.plain_text(), pdf):
        assert PLANTED_NAME not in shown and _flat(PLANTED_NAME) not in shown
    entries = {e.detail for e in cases.case_activity(sh.s, sh.case_id) if e.action == "case.receipt"}
    assert entries == {f"{x}:consents:1:shares:1:files:2:handed:0" for x in ("en", "es")}


def test_a_consent_not_covering_the_files_lists_none(shelter: Shelter, qapp) -> None:
    sh = shelter
    _give(sh, {Category.IDENTITY})
    _attach(sh, PDF_HEAD, Category.EXPERIENCE, LABELS[1])
    sharing.queue_share(sh.s, sh.case_id, sh.police, Purpose.CASE_COORDINATION)

    made = receipt.disclosure_receipt(sh.s, sh.case_id, "en")
    text = made.plain_text()
    assert _lines(text, "On ") and not _lines(text, FILE_EN)
    assert "documento" not in _pdf(made) and _flat("PDF document") not in _pdf(made)


def test_a_share_recorded_before_files_were_still_prints(shelter: Shelter, qapp) -> None:
    sh = shelter
    _give(sh, {Category.IDENTITY})
    _attach(sh, PDF_HEAD, Category.IDENTITY, LABELS[1])
    sharing.queue_share(sh.s, sh.case_id, sh.police, Purpose.CASE_COORDINATION)
    with sh.s.db.transaction() as c:
        c.execute("DELETE FROM share_files")  # as a share made before V_RECEIPT_FILES: no rows

    made = receipt.disclosure_receipt(sh.s, sh.case_id, "es")
    text = made.plain_text()
    shared = _lines(text, "El ")
    assert len(shared) == 1 and shared[0].endswith(": quién es usted (nombre, fecha de nacimiento).")
    assert not _lines(text, FILE_ES)
    assert _flat(shared[0]) in _pdf(made)


def test_an_htcds_export_is_a_file_handed_over(shelter: Shelter, tmp_path: Path, capsys,
                                               qapp) -> None:
    sh = shelter
    _give(sh, {Category.IDENTITY})
    assert receipt.disclosure_receipt(sh.s, sh.case_id, "en").handed_note == ""
    htcds_export.export_case(sh.s, sh.case_id, sh.police, Purpose.CASE_COORDINATION)

    english = receipt.disclosure_receipt(sh.s, sh.case_id, "en")
    handed = _lines(english.plain_text(), "On ")
    assert len(handed) == 1, english.plain_text()
    assert handed[0].endswith(
        f", a file was handed to {POLICE} so the agencies helping you can work together on"
        " your case. It holds: who you are (name, date of birth).")
    assert "withdrawing your agreement later cannot take it back" in english.handed_note
    spanish = receipt.disclosure_receipt(sh.s, sh.case_id).plain_text()
    assert f", se entregó un archivo a {POLICE} para que las agencias" in spanish
    assert "retirar su acuerdo más tarde no puede recuperarlo" in spanish

    # The command line prints the same paper, in the person's language by default.
    secret = tmp_path / "pass"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    out = tmp_path / "receipt.pdf"
    code = cases.open_case(sh.s, sh.case_id).code
    status, said, _ = run(["consent", "receipt", code, "--out", str(out), "--data-dir",
                           str(sh.folder), "--passphrase-file", str(secret), "--user", "user"],
                          capsys)
    assert status == 0
    pdf = _pdf_text(out.read_bytes())
    assert _flat(f"se entregó un archivo a {POLICE}") in pdf
    assert _flat("no puede recuperarlo") in pdf
    assert _flat(PLANTED_NAME) not in pdf and PLANTED_NAME not in said
