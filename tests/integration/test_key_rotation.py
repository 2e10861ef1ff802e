"""Agency-key rotation, notice by notice, over real data folders (no relay: the envelopes go
straight from one laptop's outbox to another's inbound path). The end-to-end run through a relay
is test_lost_laptop.py."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app.admin.enrolment import open_bundle
from intake_app.domain.case import Role
from intake_app.services import agency, agency_rotation, partners, provisioning, sharing
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session
from intake_app.storage.kdf import KdfParams
from intake_app.storage.sharing import outbox
from intake_app.sync.envelope import Kind, seal
from intake_app.sync.keys import AgencyIdentity, PublicCard, SigningKeyAbsent
from intake_app.sync.keys.document import b64
from tests.agencies import ADMIN, PASSPHRASE, as_admin, provision

BUNDLE_PASS = "orange kettle seventeen lanterns"
CONTACT = [{"name": "Duty desk", "phone": "+1 555 0100"}]


@dataclasses.dataclass
class World:
    admin: Session
    laptop: Session  # an ordinary laptop the admin enrolled
    partner: Session
    agency: AgencyIdentity
    casa: AgencyIdentity


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    admin, refugio = provision(tmp_path / "office", "Refugio", "service_provider", Role.ADMIN,
                               user=ADMIN, contacts=CONTACT)
    partner, casa = provision(tmp_path / "casa", "Casa", "service_provider", Role.ADVOCATE,
                              user="pia", contacts=CONTACT)
    for folder, card in ((tmp_path / "office", casa.card), (tmp_path / "casa", refugio.card)):
        with as_admin(folder) as s:
            partners.confirm_partner(s, partners.import_partner(s, card.to_json()).agency_id)
    bundle = tmp_path / "ana.bundle"
    provisioning.export_bundle(admin, bundle, BUNDLE_PASS, KdfParams.for_tests())
    laptop, _ = provisioning.enrol_new_laptop(
        tmp_path / "ana", open_bundle(bundle.read_bytes(), BUNDLE_PASS), "ana", PASSPHRASE,
        Role.ADVOCATE, kdf=KdfParams.for_tests(),
    )  # fmt: skip
    yield World(admin, laptop, partner, refugio, casa)
    for s in (admin, laptop, partner):
        s.close()


def _confirmed(s: Session) -> dict[str, PublicCard]:
    return {p.agency_id: p.card for p in partners.list_partners(s) if p.confirmed}


def _sent(s: Session, kind: Kind) -> list[bytes]:
    return [r.body for r in outbox.outbox_all(s.db) if r.kind == kind.value]


def test_only_an_administrator_with_the_signing_key_rotates(world: World) -> None:
    with pytest.raises(NotPermitted):
        agency_rotation.rotate_agency_key(world.laptop)
    world.admin.agency_signing_key = None  # an admin of a laptop without the key
    with pytest.raises(SigningKeyAbsent):
        agency_rotation.rotate_agency_key(world.admin)


def test_the_rotation_reaches_the_laptop_and_the_partner(world: World) -> None:
    before = seal(world.casa, world.agency.card, Kind.SHARE, {"v": 1}, ttl_seconds=3600,
                  now=time.time() - 60)
    done = agency_rotation.rotate_agency_key(world.admin)
    assert (done.serial, done.devices, done.partners) == (1, 1, 1)
    new_card = agency.require_identity(world.admin).card
    assert new_card.signing_public == world.agency.card.signing_public
    assert new_card.x25519_public != world.agency.card.x25519_public
    # The admin's own copy of its notice: already applied, accepted as a no-op.
    (notice,) = _sent(world.admin, Kind.KEY_ROTATION)
    assert sharing.process_inbound(world.admin, notice).accepted
    assert sharing.process_inbound(world.laptop, notice).accepted
    assert agency.require_identity(world.laptop).card.to_json() == new_card.to_json()
    (update,) = _sent(world.admin, Kind.CARD_UPDATE)
    assert sharing.process_inbound(world.partner, update).accepted
    held = _confirmed(world.partner)[world.agency.agency_id]
    assert held.to_json() == new_card.to_json()
    # Sealed to the old key before the rotation, on its way: still opens (not refused as old).
    late = sharing.process_inbound(world.laptop, before)
    assert late.reason != "sealed_to_retired_key"
    # Sealed to the old key after it: refused, on every laptop of the agency.
    after = seal(world.casa, world.agency.card, Kind.SHARE, {"v": 1}, ttl_seconds=3600,
                 now=time.time() + 1)
    for s in (world.admin, world.laptop):
        result = sharing.process_inbound(s, after)
        assert (result.status, result.reason) == ("quarantined", "sealed_to_retired_key")


def test_a_card_the_signing_key_did_not_sign_is_refused(world: World) -> None:
    """A thief holding the old sender key can send a notice in the agency's name, but cannot
    make a card the signing key signed: the partner and the laptop keep the cards they hold."""
    thief_card = AgencyIdentity.generate("Refugio", "service_provider", CONTACT).card
    thief_card = dataclasses.replace(thief_card, agency_id=world.agency.agency_id)
    forged_notice = seal(
        world.agency.without_signing_key(), world.agency.card, Kind.KEY_ROTATION,
        {"v": 1, "card": b64(thief_card.to_json()), "rotated_at": int(time.time()), "boxes": {}},
        ttl_seconds=3600, now=time.time(),
    )  # fmt: skip
    result = sharing.process_inbound(world.laptop, forged_notice)
    assert (result.status, result.reason) == ("quarantined", "card_not_proven")
    forged_update = seal(
        world.agency.without_signing_key(), world.casa.card, Kind.CARD_UPDATE,
        {"v": 1, "card": b64(thief_card.to_json())}, ttl_seconds=3600, now=time.time(),
    )  # fmt: skip
    result = sharing.process_inbound(world.partner, forged_update)
    assert (result.status, result.reason) == ("quarantined", "card_not_proven")
    held = _confirmed(world.partner)[world.agency.agency_id]
    assert held.to_json() == world.agency.card.to_json()
    # Anything else in the agency's own name is refused, whoever signed it.
    own_share = seal(world.agency.without_signing_key(), world.agency.card, Kind.SHARE,
                     {"v": 1}, ttl_seconds=3600, now=time.time())
    result = sharing.process_inbound(world.laptop, own_share)
    assert (result.status, result.reason) == ("quarantined", "unsupported_kind")


def test_a_laptop_the_rotation_left_out_reads_nothing_new(world: World, tmp_path: Path) -> None:
    """The lost laptop was revoked before the rotation: the notice has no box for it."""
    lost_bundle = tmp_path / "lost.bundle"
    provisioning.export_bundle(world.admin, lost_bundle, BUNDLE_PASS, KdfParams.for_tests())
    lost, _ = provisioning.enrol_new_laptop(
        tmp_path / "lost", open_bundle(lost_bundle.read_bytes(), BUNDLE_PASS), "bea", PASSPHRASE,
        Role.ADVOCATE, kdf=KdfParams.for_tests(),
    )  # fmt: skip
    try:
        device = agency.device_key(lost)
        assert device is not None
        agency.device_revocation(world.admin, device.device_id)
        assert agency_rotation.rotate_agency_key(world.admin).devices == 1  # only ana's laptop
        (notice,) = _sent(world.admin, Kind.KEY_ROTATION)
        result = sharing.process_inbound(lost, notice)
        assert (result.status, result.reason) == ("quarantined", "not_for_this_laptop")
        assert agency.require_identity(lost).card.serial == 0
    finally:
        lost.close()
