"""An agency's own interview protocol, end to end across laptops (separate data folders, real
SQLCipher files): the administrator installs it and signs it into the profile; the second laptop
receives it (enrolment bundle, then a later profile file copied in) and holds an interview with
it; what it shares with a partner, through a real relay on 127.0.0.1, is exactly the consented
part. A profile enabling a protocol present nowhere is refused when signed and when applied."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from intake_app.admin.enrolment import open_bundle
from intake_app.admin.profile import SignedProfile, profile_path
from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.services import (
    agency,
    cases,
    consents,
    interviews,
    partners,
    profiles,
    protocols,
    provisioning,
    sharing,
)
from intake_app.services.session import Session
from intake_app.storage.kdf import KdfParams
from intake_app.sync.engine import Backoff, SyncEngine, SyncReport
from intake_app.sync.transport import HttpRelayTransport
from tests.agencies import PASSPHRASE, as_admin, provision
from tests.integration.conftest import TEST_CONFIG, RelayThread
from tests.protocol_docs import ID, document

BUNDLE_PASS = "orange kettle seventeen lanterns"
NEEDS_CANARY = "needs-canary-P7Q4"
EXPERIENCE_CANARY = "experience-canary-Z3K8"
NO_SLEEP = Backoff(base=0.0, cap=0.0, max_attempts=3)


def _agency(tmp_path: Path, form: bytes, pid: str = ID) -> tuple[Session, Session, Session]:
    """The office laptop (admin) of Casa Norte, with its own protocol `form` signed into the
    profile and a confirmed partner; the field laptop (advocate) enrolled from a bundle; the
    partner agency."""
    partner, partner_id = provision(tmp_path / "partner", "Policia Sur", "law_enforcement",
                                    Role.OFFICER, "officer")
    office, identity = provision(tmp_path / "office", "Casa Norte", "service_provider",
                                 Role.ADMIN, "admin")
    made = partners.import_partner(office, partner_id.card.to_json())
    partners.confirm_partner(office, made.agency_id)
    with as_admin(tmp_path / "partner") as p_admin:
        back = partners.import_partner(p_admin, identity.card.to_json())
        partners.confirm_partner(p_admin, back.agency_id)

    protocols.install(office, form, name=f"{pid}.json")
    policy = replace(profiles.in_force(office), protocols_enabled=("advocate_intake", pid))
    provisioning.sign_policy(office, policy)

    bundle = tmp_path / "ana.bundle"
    provisioning.export_bundle(office, bundle, BUNDLE_PASS, KdfParams.for_tests())
    enrolment = open_bundle(bundle.read_bytes(), BUNDLE_PASS)
    bundle.unlink()
    field, _code = provisioning.enrol_new_laptop(tmp_path / "field", enrolment, "ana",
                                                 PASSPHRASE, Role.ADVOCATE,
                                                 kdf=KdfParams.for_tests())
    return office, field, partner


@pytest.fixture
def agency_laptops(tmp_path: Path) -> Iterator[tuple[Session, Session, Session]]:
    laptops = _agency(tmp_path, document("1"))
    yield laptops
    for s in laptops:
        s.close()


def test_a_signed_protocol_reaches_the_second_laptop_which_interviews_with_it(
    agency_laptops: tuple[Session, Session, Session],
) -> None:
    _office, field, _partner = agency_laptops
    assert protocols.installed(field).entry(ID, "1") is not None
    assert protocols.installed(field).entry(ID, "1").source == "profile"  # type: ignore[union-attr]
    enabled = profiles.in_force(field).protocols_enabled
    assert ID in enabled
    case = cases.create_case(field)
    choices = {p.id for p in interviews.protocol_choices(field, enabled)}
    assert ID in choices
    iv = interviews.start_chosen(field, case.id, ID, "es", enabled)
    assert (iv.protocol_id, iv.protocol_version) == (ID, "1")
    interviews.record_answer(field, iv.id, "needs_today", Answer.of("una cama"))
    assert interviews.protocol_of(field, interviews.get_interview(field, iv.id)).id == ID


def test_a_later_profile_file_brings_version_2_and_version_1_interviews_stay_on_1(
    agency_laptops: tuple[Session, Session, Session], tmp_path: Path
) -> None:
    office, field, _partner = agency_laptops
    case = cases.create_case(field)
    first = interviews.start_chosen(field, case.id, ID, "en")
    interviews.record_answer(field, first.id, "needs_today", Answer.of("a bed"))

    protocols.install(office, document("2", extra_question=True))
    profile = provisioning.issue_profile(office, profiles.in_force(office))
    assert {(p.id, p.version) for p in profile.protocols} >= {(ID, "2")}
    # The way a profile reaches the agency's other laptops: the file, copied into the folder.
    profile_path(tmp_path / "field").write_bytes(profile.to_bytes())
    state = provisioning.policy_in_force(field)
    assert state.serial == profile.serial and state.problem is None

    assert interviews.protocol_of(field, interviews.get_interview(field, first.id)).version == "1"
    assert interviews.answers(field, first.id) == {"needs_today": Answer.of("a bed")}
    later = interviews.start_chosen(field, cases.create_case(field).id, ID, "en")
    assert later.protocol_version == "2"


def test_a_profile_naming_an_absent_protocol_is_refused_when_signed_and_when_applied(
    agency_laptops: tuple[Session, Session, Session], tmp_path: Path
) -> None:
    office, field, _partner = agency_laptops
    serial = profiles.highest_serial(office)
    ghost = replace(profiles.in_force(office), protocols_enabled=("advocate_intake", "ghost"))
    with pytest.raises(protocols.ProtocolNotInstalled) as err:
        provisioning.sign_policy(office, ghost)
    assert "ghost" in err.value.plain_source().format(**err.value.ids)
    with pytest.raises(protocols.ProtocolNotInstalled):
        provisioning.issue_profile(office, ghost)
    assert profiles.highest_serial(office) == serial  # nothing signed

    # Signed by the agency without the check (an older app, a hand-made tool): the other laptop
    # refuses it, as an import and as a file copied in, and keeps its policy.
    identity = agency.require_identity(office)
    bare = SignedProfile.issue(identity, ghost, serial + 1)
    before = profiles.in_force(field)
    path = tmp_path / "ghost-profile.json"
    path.write_bytes(bare.to_bytes())
    with pytest.raises(protocols.ProtocolNotInstalled):
        provisioning.import_profile(office, path)  # an administrator's import, applied
    assert profiles.highest_serial(office) == serial
    bundle = tmp_path / "ghost.bundle"
    provisioning.export_bundle(office, bundle, BUNDLE_PASS, KdfParams.for_tests(), profile=bare)
    with pytest.raises(protocols.ProtocolNotInstalled):
        provisioning.enrol_new_laptop(tmp_path / "third", open_bundle(bundle.read_bytes(),
                                      BUNDLE_PASS), "leo", PASSPHRASE, Role.ADVOCATE,
                                      kdf=KdfParams.for_tests())
    assert not (tmp_path / "third").exists() or not any((tmp_path / "third").iterdir())
    profile_path(tmp_path / "field").write_bytes(bare.to_bytes())
    state = provisioning.policy_in_force(field)
    assert state.problem is not None and state.problem.reason == profiles.PROTOCOLS
    assert profiles.in_force(field) == before
    # The same profile carrying the protocol is taken.
    protocols.install(office, document("1", pid="ghost"))
    carried = provisioning.issue_profile(office, ghost, serial + 2)
    profile_path(tmp_path / "field").write_bytes(carried.to_bytes())
    assert provisioning.policy_in_force(field).problem is None
    assert protocols.installed(field).version("ghost", "1") is not None


def test_a_profile_carrying_other_content_under_an_installed_version_is_refused(
    agency_laptops: tuple[Session, Session, Session], tmp_path: Path
) -> None:
    office, field, _partner = agency_laptops
    # The field laptop's admin would have installed a different "shelter_checkin 1" by hand...
    changed = json.loads(document("1"))
    changed["title"]["en"] = "Another form under the same version"
    with pytest.raises(protocols.ProtocolVersionConflict):
        protocols.check_document(field, json.dumps(changed).encode(), "x.json")
    # ...and a profile carrying such a document is refused on a laptop that has the original.
    from intake_app.admin.profile_protocols import CarriedProtocol

    raw = protocols.canonical_document(changed)
    bad = CarriedProtocol(ID, "1", protocols.digest(raw), raw)
    profile = SignedProfile.issue(agency.require_identity(office), profiles.in_force(office),
                                  profiles.highest_serial(office) + 1, protocols=(bad,))
    profile_path(tmp_path / "field").write_bytes(profile.to_bytes())
    assert provisioning.policy_in_force(field).problem is not None
    entry = protocols.installed(field).entry(ID, "1")
    assert entry is not None and entry.sha256 != bad.sha256


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayThread]:
    server = RelayThread(f"sqlite://{tmp_path / 'relay' / 'relay.db'}", TEST_CONFIG).start()
    yield server
    server.stop()


def _client(relay: RelayThread, s: Session) -> HttpRelayTransport:
    identity = agency.require_identity(s)
    card = identity.card
    if relay.store.agency_key(card.agency_id) is None:
        relay.store.register_agency(card.agency_id, card.signing_public, int(time.time()))
    device = agency.device_key(s)
    assert device is not None
    if relay.store.device_key(card.agency_id, device.device_id) is None:
        relay.store.register_device(card.agency_id, device.device_id, device.public_bytes)
    return HttpRelayTransport(relay.url, card.agency_id, device.device_id, device.private_key,
                              timeout=5)


def _sync(s: Session, relay: RelayThread) -> SyncReport:
    engine = SyncEngine(sharing.SessionMailbox(s), backoff=NO_SLEEP, sleep=lambda _: None)
    report = engine.run_once(_client(relay, s))
    assert (report.failed, report.quarantined, report.errors) == (0, 0, [])
    return report


def test_a_share_from_the_agencys_protocol_carries_exactly_its_consented_fields(
    agency_laptops: tuple[Session, Session, Session], relay: RelayThread, tmp_path: Path
) -> None:
    _office, field, partner = agency_laptops
    partner_id = agency.require_identity(partner).agency_id
    case = cases.create_case(field)
    iv = interviews.start_chosen(field, case.id, ID, "en")
    interviews.record_answer(field, iv.id, "needs_today", Answer.of(NEEDS_CANARY))
    interviews.record_answer(field, iv.id, "safe_tonight", Answer.of("no"))
    interviews.record_answer(field, iv.id, "what_happened", Answer.of(EXPERIENCE_CANARY))
    now = datetime.now(UTC)
    consents.give_consent(field, Consent(
        id=0, case_id=case.id, purpose=Purpose.CASE_COORDINATION, recipient_id=partner_id,
        categories=frozenset({Category.NEEDS, Category.SAFETY}), wording="w", language="en",
        method=Method.SIGNED, interpreter=False, given_at=now - timedelta(minutes=1),
        expires_at=now + timedelta(days=30)))

    preview = sharing.preview_share(field, case.id, partner_id, Purpose.CASE_COORDINATION)
    assert {(f.name, f.category) for f in preview.fields} == {
        ("needs_today", Category.NEEDS), ("safe_tonight", Category.SAFETY)}
    queued = sharing.queue_share(field, case.id, partner_id, Purpose.CASE_COORDINATION)
    assert queued.field_count == 2
    _client(relay, partner)  # the relay operator registered both agencies
    assert _sync(field, relay).delivered >= 1
    assert _sync(partner, relay).accepted == 1

    [view] = sharing.partner_views(partner)
    got = {(f["name"], f["category"], f.get("protocol"), f.get("value")) for f in view.fields}
    assert got == {("needs_today", "needs", ID, NEEDS_CANARY),
                   ("safe_tonight", "safety", ID, "no")}
    relay_files = list((tmp_path / "relay").iterdir())
    assert relay_files
    assert all(EXPERIENCE_CANARY.encode() not in p.read_bytes() for p in relay_files)
    assert all(NEEDS_CANARY.encode() not in p.read_bytes() for p in relay_files)


def test_the_second_laptop_lists_what_it_was_sent(
    agency_laptops: tuple[Session, Session, Session],
) -> None:
    _office, field, _partner = agency_laptops
    protocols.forget(field)  # read again from the database
    rows = {(e.protocol.id, e.protocol.version, e.source) for e in protocols.listing(field)}
    assert (ID, "1", "profile") in rows
    assert ("advocate_intake", protocols.current(field, "advocate_intake").version,
            "shipped") in rows


def test_a_spreadsheet_form_goes_from_import_to_a_partner_with_only_its_consented_part(
    tmp_path: Path, relay: RelayThread
) -> None:
    """Issue 15's "done when", with the XLSForm corpus' bilingual form: imported on the command
    line, installed and signed into the profile on the office laptop, received by the field
    laptop, an interview held with it, and only its needs part shared through the relay."""
    from intake_app import cli

    form = Path(__file__).resolve().parents[1] / "data" / "xlsforms" / "ok_metadata.xlsx"
    out = tmp_path / "demo.json"
    assert cli.main(["--data-dir", str(tmp_path / "none"), "protocol", "import", str(form),
                     "--out", str(out)]) == 0
    office, field, partner = _agency(tmp_path, out.read_bytes(), "demo")
    try:
        protocol = protocols.current(field, "demo")
        needs = {q.id for q in protocol.questions if q.category is Category.NEEDS}
        assert needs and len(needs) < len(protocol.questions)
        partner_id = agency.require_identity(partner).agency_id
        case = cases.create_case(field)
        iv = interviews.start_chosen(field, case.id, "demo", "es",
                                     profiles.in_force(field).protocols_enabled)
        for q in protocol.questions:
            interviews.record_answer(field, iv.id, q.id, Answer.declined())
        now = datetime.now(UTC)
        consents.give_consent(field, Consent(
            id=0, case_id=case.id, purpose=Purpose.CASE_COORDINATION, recipient_id=partner_id,
            categories=frozenset({Category.NEEDS}), wording="w", language="es",
            method=Method.SIGNED, interpreter=False, given_at=now - timedelta(minutes=1),
            expires_at=now + timedelta(days=30)))
        sharing.queue_share(field, case.id, partner_id, Purpose.CASE_COORDINATION)
        _client(relay, partner)
        assert _sync(field, relay).delivered >= 1
        assert _sync(partner, relay).accepted == 1
        [view] = sharing.partner_views(partner)
        assert {f["name"] for f in view.fields} == needs
        assert {f["state"] for f in view.fields} == {"declined"}
    finally:
        for s in (office, field, partner):
            s.close()


def test_a_form_with_a_repeat_shares_exactly_the_consented_part_of_each_copy(
    tmp_path: Path, relay: RelayThread
) -> None:
    """Issue 15's repeats: a form with a repeat of perpetrators, unrolled at import, installed and
    signed; an interview answers copies 1 and 2; the share carries the consented category of
    both copies and nothing else."""
    from intake_app.domain.protocol import walk
    from intake_app.domain.protocol.xlsform import xlsform_to_protocol_json

    form = Path(__file__).resolve().parents[1] / "data" / "xlsforms" / "ok_repeat.xlsx"
    raw, _protocol = xlsform_to_protocol_json(form.read_bytes(), form.name)
    office, field, partner = _agency(tmp_path, json.dumps(raw).encode(), "demo")
    try:
        protocol = protocols.current(field, "demo")
        partner_id = agency.require_identity(partner).agency_id
        case = cases.create_case(field)
        iv = interviews.start_chosen(field, case.id, "demo", "en",
                                     profiles.in_force(field).protocols_enabled)
        names = {1: "perp-one-canary-W2R9", 2: "perp-two-canary-T6J1"}
        for k, known in ((1, "yes"), (2, "no")):
            shown = walk(protocol, interviews.answers(field, iv.id)).visible
            assert f"perp_name_{k}" in {q.id for q in shown}  # copy 2 once copy 1 has begun
            interviews.record_answer(field, iv.id, f"perp_name_{k}", Answer.of(names[k]))
            interviews.record_answer(field, iv.id, f"perp_known_{k}", Answer.of(known))
        interviews.record_answer(field, iv.id, "perp_how_1", Answer.of(EXPERIENCE_CANARY))
        now = datetime.now(UTC)
        consents.give_consent(field, Consent(
            id=0, case_id=case.id, purpose=Purpose.CASE_COORDINATION, recipient_id=partner_id,
            categories=frozenset({Category.SAFETY}), wording="w", language="en",
            method=Method.SIGNED, interpreter=False, given_at=now - timedelta(minutes=1),
            expires_at=now + timedelta(days=30)))
        sharing.queue_share(field, case.id, partner_id, Purpose.CASE_COORDINATION)
        _client(relay, partner)
        assert _sync(field, relay).delivered >= 1
        assert _sync(partner, relay).accepted == 1
        [view] = sharing.partner_views(partner)
        got = {(f["name"], f["category"], f.get("value")) for f in view.fields}
        assert got == {("perp_known_1", "safety", "yes"), ("perp_known_2", "safety", "no")}
        relay_files = list((tmp_path / "relay").iterdir())
        for canary in (*names.values(), EXPERIENCE_CANARY):
            assert all(canary.encode() not in p.read_bytes() for p in relay_files)
    finally:
        for s in (office, field, partner):
            s.close()
