"""The relay's two device routes: a laptop enrols itself, and a laptop's agency revokes one.

`POST /v1/devices` (see `relay.app` for the answers): the agency must be registered before the
certificate is read; the request is signed by the key the certificate names (proof of
possession), and the certificate by the agency's registered signing key; it must carry a
one-time enrolment token, and the token must not have enrolled another device.
`POST /v1/devices/revoke`: a revocation signed by the agency, sent by one of its devices that
enrolled with a certificate saying role admin.
"""

from __future__ import annotations

import hashlib
import logging
from functools import partial
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from intake_app.sync.keys import (
    MAX_DEVICE_BYTES,
    CertificateError,
    DeviceCertificate,
    DeviceRevocation,
)
from intake_app.sync.relay import auth
from intake_app.sync.relay.limits import json_depth
from intake_app.sync.relay.store import (
    Caller,
    DeviceConflict,
    EnrolOutcome,
    TokenUsed,
    UnknownAgency,
    UnknownDevice,
)

if TYPE_CHECKING:
    from intake_app.sync.relay.app import RelayApp, Scope, _Body

log = logging.getLogger(__name__)


async def enrol(
    app: RelayApp, scope: Scope, headers: dict[str, str], body: _Body
) -> tuple[int, dict[str, Any]]:
    """POST /v1/devices: a device presents its agency's certificate."""
    from intake_app.sync.relay.app import HttpError

    if scope.get("query_string", b""):
        raise HttpError(400, "bad_query")
    claims = app.claims(headers)
    agency_raw = await app.store_call(partial(app.store.agency_key, claims.agency_id))
    if agency_raw is None:
        raise HttpError(403, "unknown_agency")  # before reading the certificate
    data = await body.read(MAX_DEVICE_BYTES, app.config.body_timeout_seconds)
    if json_depth(data) > app.config.max_json_depth:
        raise HttpError(400, "bad_certificate")
    try:
        cert = DeviceCertificate.from_json(data)
        device_key = cert.device_key
    except (CertificateError, ValueError):
        raise HttpError(400, "bad_certificate") from None
    if (cert.agency_id, cert.device_id) != (claims.agency_id, claims.device_id):
        raise HttpError(401, "certificate_mismatch")
    try:
        # Proof of possession: the request is signed by the key the certificate names.
        auth.verify(
            device_key, claims, scope["method"], app.signed_path(scope),
            hashlib.sha256(data).digest(),
        )  # fmt: skip
    except auth.AuthFailed as exc:
        raise HttpError(401, exc.reason) from None
    now = int(app.now())
    try:
        cert.verify_with_key(
            claims.agency_id,
            Ed25519PublicKey.from_public_bytes(agency_raw),
            now,
            app.config.max_skew_seconds,
        )
    except CertificateError as exc:
        log.info("relay refused a device certificate: %s", exc.reason)
        raise HttpError(403, f"certificate_{exc.reason}") from None
    if cert.token is None:  # issued before one-time tokens: anyone holding it could enrol
        raise HttpError(403, "certificate_no_token")
    app.remember_nonce(claims.nonce)
    app.take_token(claims)
    caller = Caller(claims.agency_id, claims.device_id, claims.nonce, now)
    try:
        outcome = await app.store_call(
            partial(
                app.store.enrol_device, caller, cert.device_public, cert.to_json(), cert.expires,
                cert.token,
            )
        )  # fmt: skip
    except UnknownAgency:
        raise HttpError(403, "unknown_agency") from None
    except TokenUsed:
        log.info("relay refused a used enrolment token for agency %s", claims.agency_id)
        raise HttpError(403, "token_used") from None
    except DeviceConflict:
        raise HttpError(409, "device_conflict") from None
    app.forget_key(claims.agency_id, claims.device_id)
    if outcome is EnrolOutcome.ENROLLED:
        log.info("relay enrolled device %s of agency %s", claims.device_id, claims.agency_id)
        return 201, {"status": "enrolled"}
    return 200, {"status": "already_enrolled"}


async def revoke(
    app: RelayApp, caller: Caller, query: dict[str, list[str]], body: bytes
) -> tuple[int, dict[str, Any]]:
    """POST /v1/devices/revoke, from an authenticated device of the agency."""
    from intake_app.sync.relay.app import HttpError

    if query:
        raise HttpError(400, "bad_query")
    if json_depth(body) > app.config.max_json_depth:
        raise HttpError(400, "bad_revocation")
    try:
        revocation = DeviceRevocation.from_json(body)
    except CertificateError:
        raise HttpError(400, "bad_revocation") from None
    if revocation.agency_id != caller.agency_id:
        raise HttpError(403, "revocation_wrong_agency")
    agency_raw = await app.store_call(partial(app.store.agency_key, caller.agency_id))
    if agency_raw is None:
        raise HttpError(403, "unknown_agency")
    agency_key = Ed25519PublicKey.from_public_bytes(agency_raw)
    # Only an administrator's device may cut off a laptop: its enrolled certificate says so,
    # under the agency's signature (a lost ordinary laptop cannot revoke the good ones).
    held = await app.store_call(
        partial(app.store.device_certificate, caller.agency_id, caller.device_id)
    )
    try:
        sender_cert = None if held is None else DeviceCertificate.from_json(held)
        if sender_cert is not None:
            sender_cert.verify_with_key(
                caller.agency_id, agency_key, caller.now, app.config.max_skew_seconds
            )
    except CertificateError:
        sender_cert = None
    if sender_cert is None or not sender_cert.admin or sender_cert.device_id != caller.device_id:
        await app.store_call(partial(app.store.claim, caller))  # a revoked device hears so first
        raise HttpError(403, "revocation_not_admin")
    try:
        revocation.verify_with_key(
            caller.agency_id, agency_key, caller.now, app.config.max_skew_seconds
        )
    except CertificateError as exc:
        raise HttpError(403, f"revocation_{exc.reason}") from None
    try:
        await app.store_call(
            partial(
                app.store.revoke_device,
                revocation.agency_id,
                revocation.device_id,
                caller=caller,
                tombstone=True,
            )
        )
    except UnknownDevice:  # pragma: no cover - tombstone=True creates the entry
        raise HttpError(404, "unknown_device") from None
    app.forget_key(revocation.agency_id, revocation.device_id)
    log.info(
        "relay revoked device %s of agency %s at its agency's request",
        revocation.device_id,
        revocation.agency_id,
    )
    return 200, {"status": "revoked"}
