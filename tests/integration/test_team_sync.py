"""Two laptops of one agency, made as people make them (the admin creates the agency, the second
laptop joins from an enrolment bundle), see each other's cases after one sync round, through a
real relay process on 127.0.0.1 and through a folder; a partner agency never receives them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app.admin.enrolment import open_bundle
from intake_app.domain.case import Identity, Role
from intake_app.services import agency, cases, conflicts, partners, provisioning, sharing
from intake_app.services.session import Session, Workspace, add_user
from intake_app.services.sync_rounds import folder_round, relay_round
from intake_app.storage.kdf import KdfParams
from intake_app.sync.keys import write_card
from intake_app.sync.relay import server
from tests.agencies import PASSPHRASE, provision
from tests.integration.conftest import RelayProcess

BUNDLE_PASS = "orange kettle seventeen lanterns"
NAME = "Quintessa Teamcase"


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayProcess]:
    (tmp_path / "relay").mkdir()
    process = RelayProcess(f"sqlite://{tmp_path / 'relay' / 'relay.db'}").start()
    yield process
    process.stop()


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    """The admin's laptop and an advocate's laptop joined from a bundle."""
    admin, _identity = provision(tmp_path / "office", "Casa Norte", "service_provider",
                                 Role.ADMIN, "admin")
    bundle = tmp_path / "ana.bundle"
    provisioning.export_bundle(admin, bundle, BUNDLE_PASS, KdfParams.for_tests())
    enrolment = open_bundle(bundle.read_bytes(), BUNDLE_PASS)
    bundle.unlink()
    ana, _code = provisioning.enrol_new_laptop(tmp_path / "field", enrolment, "ana", PASSPHRASE,
                                               Role.ADVOCATE, kdf=KdfParams.for_tests())
    yield admin, ana
    admin.close()
    ana.close()


def _register(relay: RelayProcess, tmp_path: Path, s: Session) -> None:
    """The relay operator registers the agency (its card), as the README says."""
    card = agency.require_identity(s).card
    path = tmp_path / f"{card.agency_id}.card"
    write_card(card, path)
    assert server.main(["register-agency", "--store", relay.store_url, "--card", str(path)]) == 0


def _relay_bodies(relay: RelayProcess) -> list[bytes]:
    db = sqlite3.connect(relay.store_url[len("sqlite://"):])
    try:
        return [bytes(r[0]) for r in db.execute("SELECT body FROM envelopes")]
    finally:
        db.close()


def test_each_laptop_sees_the_others_cases_after_one_round_through_the_relay(
    laptops: tuple[Session, Session], relay: RelayProcess, tmp_path: Path
) -> None:
    admin, ana = laptops
    _register(relay, tmp_path, admin)
    for s in (admin, ana):  # both laptops have connected once (each enrols itself)
        assert relay_round(s, relay.url)[0].ok
    made = cases.create_case(ana, NAME)
    cases.update_identity(ana, made.id, Identity(contact="555-0142"))
    cases.add_note(ana, made.id, "first meeting at the clinic")
    theirs = cases.create_case(admin, "Office case")

    for s in (ana, admin, ana):  # one round each, and the office's round answers back
        report, _ = relay_round(s, relay.url)
        assert report.ok, report

    seen = cases.find_by_code(admin, made.code)
    assert seen.preferred_name == NAME
    assert cases.reveal_identity(admin, seen.id).contact == "555-0142"
    assert [n.body for n in cases.case_notes(admin, seen.id)] == ["first meeting at the clinic"]
    assert cases.find_by_code(ana, theirs.code).preferred_name == "Office case"
    assert sharing.quarantine_list(admin) == [] and sharing.quarantine_list(ana) == []
    for body in _relay_bodies(relay):  # the relay held ciphertext only
        assert NAME.encode() not in body and b"555-0142" not in body

    # Apart, both change the same case's name: a round each and both show both versions.
    cases.set_preferred_name(admin, seen.id, "Quintessa T.")
    cases.set_preferred_name(ana, made.id, "Quin")
    for s in (ana, admin, ana):
        assert relay_round(s, relay.url)[0].ok
    for s, case_id in ((admin, seen.id), (ana, made.id)):
        [conflict] = conflicts.case_conflicts(s, case_id)
        assert {v.value for v in conflict.versions} == {"Quintessa T.", "Quin"}


def test_a_laptop_that_connects_later_is_sent_the_caseload(
    laptops: tuple[Session, Session], relay: RelayProcess, tmp_path: Path
) -> None:
    admin, ana = laptops
    _register(relay, tmp_path, admin)
    made = [cases.create_case(ana, f"Early {i}") for i in range(3)]
    assert relay_round(ana, relay.url)[0].ok  # the relay drops it once ana, alone, has it
    for s in (admin, ana, admin):  # the office appears; ana sends it everything she holds
        assert relay_round(s, relay.url)[0].ok
    assert {cases.find_by_code(admin, m.code).preferred_name for m in made} == {
        "Early 0", "Early 1", "Early 2"}


def test_the_same_through_a_folder(laptops: tuple[Session, Session], tmp_path: Path) -> None:
    admin, ana = laptops
    stick = tmp_path / "stick"
    made = cases.create_case(ana, NAME)
    assert folder_round(ana, stick)[0].replicated > 0
    folder_round(admin, stick)
    assert cases.find_by_code(admin, made.code).preferred_name == NAME
    assert sharing.quarantine_list(admin) == []


def test_a_partner_agency_never_gets_our_cases(
    laptops: tuple[Session, Session], tmp_path: Path
) -> None:
    admin, ana = laptops
    other, other_identity = provision(tmp_path / "police", "Unidad", "law_enforcement",
                                      Role.ADMIN, "admin")
    try:
        partners.mark_confirmed(admin, partners.store_partner(
            admin, other_identity.card.to_json()).agency_id)
        cases.create_case(ana, NAME)
        stick = tmp_path / "stick"
        folder_round(ana, stick)
        me = agency.require_identity(ana).agency_id
        ours = list((stick / me).glob("*")) if (stick / me).exists() else []
        assert ours  # the changes went to our own agency's box on the stick...
        assert folder_round(other, stick)[0].quarantined == 0
        assert cases.list_cases(other) == []  # ...and the partner's laptop holds none of them
    finally:
        other.close()


def test_a_replacement_laptop_ends_with_every_case_answer_note_and_consent(
    laptops: tuple[Session, Session], relay: RelayProcess, tmp_path: Path
) -> None:
    from intake_app.domain.answers import Answer
    from intake_app.services import interviews
    from tests.integration.test_replication import caseload
    from tests.integration.test_replication_rows import _consent, record_of

    admin, ana = laptops
    _register(relay, tmp_path, admin)
    for s in (admin, ana):
        assert relay_round(s, relay.url)[0].ok
    made = cases.create_case(ana, NAME)
    cases.update_identity(ana, made.id, Identity(contact="555-0142"))
    cases.add_note(ana, made.id, "first meeting at the clinic")
    iv = interviews.start_interview(ana, made.id, "advocate_intake", "1.1", "en")
    interviews.record_answer(ana, iv.id, "safe_now", Answer.declined())
    interviews.record_answer(ana, iv.id, "anything_else", Answer.of("a bed for tonight"))
    interviews.end_sitting(ana, iv.id)
    _consent(ana, made.id)
    for s in (ana, admin):
        assert relay_round(s, relay.url)[0].ok
    before = (caseload(ana), record_of(ana))
    ana.close()  # the laptop is lost; the office makes a new one from a new bundle

    bundle = tmp_path / "ana2.bundle"
    provisioning.export_bundle(admin, bundle, BUNDLE_PASS, KdfParams.for_tests())
    enrolment = open_bundle(bundle.read_bytes(), BUNDLE_PASS)
    bundle.unlink()
    new, _code = provisioning.enrol_new_laptop(tmp_path / "new-field", enrolment, "ana",
                                               PASSPHRASE, Role.ADVOCATE,
                                               kdf=KdfParams.for_tests())
    try:
        for s in (new, admin, new):  # it introduces itself; the office sends it everything
            assert relay_round(s, relay.url)[0].ok
        assert (caseload(new), record_of(new)) == before
        assert before[1] != {} and caseload(admin) == before[0]
    finally:
        new.close()


def test_a_withdrawal_on_one_laptop_never_removes_a_colleagues_share(tmp_path: Path) -> None:
    """Two laptops each share a case with the police under their own consent (local id 1 on
    both); withdrawing one removes that share alone, and the other laptop's next share is
    still taken."""
    from datetime import UTC, datetime, timedelta

    from intake_app.domain.consent import Category, Consent, Method, Purpose
    from intake_app.services import consents
    from intake_app.services.sharing.outbound import queue_share
    from intake_app.services.sharing.withdrawals import withdraw_consent

    police, police_id = provision(tmp_path / "police", "Unidad", "law_enforcement",
                                  Role.ADMIN, "admin")
    admin, _identity = provision(tmp_path / "office", "Casa Norte", "service_provider",
                                 Role.ADMIN, "admin")
    partners.mark_confirmed(admin, partners.store_partner(admin, police_id.card.to_json()).agency_id)
    ours = agency.require_identity(admin).card
    partners.mark_confirmed(police, partners.store_partner(police, ours.to_json()).agency_id)
    bundle = tmp_path / "ana.bundle"
    provisioning.export_bundle(admin, bundle, BUNDLE_PASS, KdfParams.for_tests())
    ana, _code = provisioning.enrol_new_laptop(
        tmp_path / "field", open_bundle(bundle.read_bytes(), BUNDLE_PASS), "ana", PASSPHRASE,
        Role.ADVOCATE, kdf=KdfParams.for_tests())
    add_user(admin, "olga", PASSPHRASE, Role.ADVOCATE)  # cases are shared by case workers
    olga = Workspace(tmp_path / "office").unlock("olga", PASSPHRASE)
    stick = tmp_path / "stick"
    try:
        given = {}
        for s, name in ((olga, "Office Person"), (ana, "Field Person")):
            case = cases.create_case(s, name)
            now = datetime.now(UTC)
            given[name] = consents.give_consent(s, Consent(
                id=0, case_id=case.id, purpose=Purpose.CASE_COORDINATION,
                recipient_id=police_id.agency_id, categories=frozenset({Category.IDENTITY}),
                wording="w", language="en", method=Method.SIGNED, interpreter=False,
                given_at=now - timedelta(minutes=1), expires_at=now + timedelta(days=30)))
            queue_share(s, case.id, police_id.agency_id, Purpose.CASE_COORDINATION)
        assert given["Office Person"].id == given["Field Person"].id == 1  # the same local id
        for s in (admin, ana, police):
            folder_round(s, stick)
        assert len(sharing.partner_views(police)) == 2

        withdraw_consent(olga, given["Office Person"].id)
        for s in (admin, police):
            folder_round(s, stick)
        [left] = sharing.partner_views(police)
        assert "Field Person" in json.dumps(left.fields, default=str)
        queue_share(ana, given["Field Person"].case_id, police_id.agency_id,
                    Purpose.CASE_COORDINATION)
        folder_round(ana, stick)
        assert folder_round(police, stick)[0].quarantined == 0
        views = sharing.partner_views(police)
        assert max(v.version for v in views) == 2  # the new share was taken, as a new version
        assert "Office Person" not in json.dumps([v.fields for v in views], default=str)
    finally:
        for s in (police, olga, admin, ana):
            s.close()
