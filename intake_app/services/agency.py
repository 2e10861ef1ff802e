"""This agency's identity (private keys, kept only inside the encrypted database) and this
laptop's device key. Partners live in services/partners.py; creating the agency (keys, device,
first profile) is services/provisioning.create_agency.

Use cases: `set_identity`, `get_identity`, `device_key`, `device_certificate`,
`device_revocation`, `relay_transport`. Each write is one transaction with its audit entry
(ids only).

Who holds which key: every laptop holds the agency's HPKE key and sender key (to open and sign
envelopes) in its identity; the signing key only in copies sealed to its administrators' slots
(services/agency_keys.py), opened into an administrator's session at unlock. `get_identity`
joins it to the identity for that session only.

Device certificates: the first laptop (`agency init`) certifies its own device key with the
signing key. Every other laptop's device key and certificate are made by an administrator's
laptop and carried in the enrolment bundle (services/provisioning.export_bundle); a laptop
without the signing key never certifies itself. The relay trusts a certificate because the
operator registered the agency's signing key once; the laptop enrols itself on first contact.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from intake_app import errors
from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import Role
from intake_app.services import agency_keys
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.storage import audit
from intake_app.storage.audit import now_iso
from intake_app.storage.sharing import directory, signing_copies
from intake_app.sync.keys import (
    AgencyIdentity,
    Contact,
    DeviceCertificate,
    DeviceKey,
    DeviceRevocation,
)

if TYPE_CHECKING:
    from intake_app.sync.transport import HttpRelayTransport


class AgencyNotInitialised(errors.IntakeError):
    code = "agency_not_initialised"
    template = "This laptop has no agency identity yet: run `intake agency init` first."
    plain = "This laptop has no agency yet: create it, or join it from an enrolment bundle."


class AgencyAlreadyInitialised(errors.IntakeError):
    code = "agency_already_initialised"
    template = "This laptop already holds agency {agency_id}."
    plain = "This laptop already holds an agency."


# --- this agency -----------------------------------------------------------------------------
def set_identity(s: Session, identity: AgencyIdentity, *, replace: bool = False) -> None:
    """Store the private identity inside the encrypted database (never in a loose file).

    A laptop holds one agency; storing another one is refused unless `replace` is set
    (provisioning re-enrols a laptop). A new agency id drops the old device key.
    """
    at = now_iso()
    with s.db.transaction() as c:
        existing = directory.get_self(c)
        if existing is not None and existing.agency_id != identity.agency_id and not replace:
            raise AgencyAlreadyInitialised(agency_id=existing.agency_id)
        directory.put_self(c, identity.agency_id, identity.to_bytes(), at)
        audit.append(c, s.user.id, "agency.identity.set", "agency", identity.agency_id, at=at)


def get_identity(s: Session) -> AgencyIdentity | None:
    """This agency's identity as this session may use it: with the signing key only when an
    administrator's session opened it (or, for identities made before the split, which sign
    their envelopes with it, when it is still stored with them)."""
    row = directory.get_self(s.db)
    if row is None:
        return None
    identity = AgencyIdentity.from_bytes(row.identity)
    key = s.agency_signing_key
    if key is not None and identity.signing_key is None:
        return identity.with_signing_key(key)
    ordinary = s.user.role is not Role.ADMIN
    if identity.signing_key is not None and ordinary and identity.signing_key_separable:
        return identity.without_signing_key()
    return identity


def require_identity(s: Session) -> AgencyIdentity:
    identity = get_identity(s)
    if identity is None:
        raise AgencyNotInitialised()
    return identity


def init_agency(
    s: Session,
    name: str,
    kind: AgencyKind | str,
    contacts: Sequence[Contact | Mapping[str, object]],
) -> AgencyIdentity:
    """Create this agency: fresh keys, plus this laptop's device key for the relay."""
    if get_identity(s) is not None:
        existing = directory.get_self(s.db)
        raise AgencyAlreadyInitialised(agency_id=existing.agency_id if existing else "?")
    identity = AgencyIdentity.generate(name, kind, contacts)
    set_identity(s, identity)
    # The signing key moves into the administrators' sealed copies (create_agency, the use case,
    # is an administrator's; a folder set up without one keeps it until an admin's unlock).
    agency_keys.settle(s)
    ensure_device_key(s, identity)  # the first laptop certifies itself, with the fresh key
    return identity


def ensure_device_key(s: Session, signer: AgencyIdentity | None = None) -> DeviceKey:
    """This laptop's device key (created once) and, where this session holds the signing key
    (an administrator's), its certificate (also for a key made before certificates existed).
    A laptop without the signing key keeps the certificate its enrolment bundle carried; one
    from before roles and tokens is renewed when the signing key is open."""
    at = now_iso()
    identity = signer or require_identity(s)
    with s.db.transaction() as c:
        row = directory.get_self(c)
        if row is None:
            raise AgencyNotInitialised()
        if row.device_key is not None:
            key = DeviceKey.from_bytes(row.device_key)
            held = row.device_certificate
            # A certificate from before roles and tokens is renewed where the signing key is
            # open, so an administrator's laptop can revoke (the relay reads the role).
            stale = held is None or DeviceCertificate.from_json(held).token is None
            if stale and identity.has_signing_key:
                cert = DeviceCertificate.issue(
                    identity, key.device_id, key.public_bytes, admin=s.user.role is Role.ADMIN,
                    box_public=key.box_public,
                )
                directory.put_device_certificate(c, cert.to_json(), at)
                audit.append(c, s.user.id, "agency.device.certify", "device", key.device_id, at=at)
            return key
        key = DeviceKey.generate()
        cert_json = None
        if identity.has_signing_key:
            cert_json = DeviceCertificate.issue(
                identity, key.device_id, key.public_bytes, admin=s.user.role is Role.ADMIN,
                box_public=key.box_public,
            ).to_json()
        directory.put_device(c, key.device_id, key.to_bytes(), at, cert_json)
        audit.append(c, s.user.id, "agency.device.create", "device", key.device_id, at=at)
    return key


def store_device(s: Session, key: DeviceKey, cert: DeviceCertificate) -> None:
    """Keep the device key and certificate an administrator made for this laptop (enrolment)."""
    identity = require_identity(s)
    cert.verify(identity.card, time.time())
    if (cert.device_id, cert.device_public) != (key.device_id, key.public_bytes):
        raise errors.InvalidInput(field="device", reason="the certificate is for another key")
    at = now_iso()
    with s.db.transaction() as c:
        directory.put_device(c, key.device_id, key.to_bytes(), at, cert.to_json())
        audit.append(c, s.user.id, "agency.device.enrol", "device", key.device_id, at=at)


@requires(Role.ADMIN, action="certify a laptop of the agency")
def certify_new_device(s: Session, *, admin: bool) -> tuple[DeviceKey, DeviceCertificate]:
    """A device key and its certificate for another laptop (its enrolment bundle carries both):
    marked administrator's or not, with a one-time enrolment token the relay accepts once."""
    identity = require_identity(s)
    key = DeviceKey.generate()
    cert = DeviceCertificate.issue(
        identity, key.device_id, key.public_bytes, admin=admin, box_public=key.box_public
    )
    with s.db.transaction() as c:
        # Remembered so a later rotation seals the agency's new key to this laptop.
        signing_copies.add_device(c, key.device_id, cert.to_json(), now_iso())
        audit.append(c, s.user.id, "agency.device.certify", "device", key.device_id)
    return key, cert


def device_certificate(s: Session) -> DeviceCertificate | None:
    """This laptop's certificate from its agency, or None before `ensure_device_key`."""
    row = directory.get_self(s.db)
    if row is None or row.device_certificate is None:
        return None
    return DeviceCertificate.from_json(row.device_certificate)


@requires(Role.ADMIN, action="revoke a laptop of the agency")
def device_revocation(s: Session, device_id: str) -> DeviceRevocation:
    """Sign the agency's revocation of one of its laptops (a lost one), for the relay
    (`HttpRelayTransport.revoke_device`). Audited; a laptop cannot revoke itself by mistake."""
    identity = require_identity(s)
    own = device_key(s)
    if own is not None and own.device_id == device_id:
        raise errors.InvalidInput(field="device", reason="this is this laptop's own device id")
    revocation = DeviceRevocation.issue(identity, device_id)
    with s.db.transaction() as c:
        signing_copies.revoke_device(c, device_id, now_iso())  # no rotation reaches it again
        audit.append(c, s.user.id, "agency.device.revoke", "device", device_id)
    return revocation


def relay_transport(s: Session, url: str, **options: Any) -> HttpRelayTransport:
    """A relay client for this laptop: its device key, and its certificate to enrol itself."""
    from intake_app.sync.transport import HttpRelayTransport

    identity = require_identity(s)
    key = ensure_device_key(s)
    cert = device_certificate(s)
    return HttpRelayTransport(
        url,
        identity.agency_id,
        key.device_id,
        key.private_key,
        certificate=None if cert is None else cert.to_json(),
        **options,
    )


def device_key(s: Session) -> DeviceKey | None:
    row = directory.get_self(s.db)
    if row is None or row.device_key is None:
        return None
    return DeviceKey.from_bytes(row.device_key)


