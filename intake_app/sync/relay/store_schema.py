"""The relay store's schema, per dialect (column types differ; the tables do not), and its
migrations. Version 3; what each holds is in store.py's docstring.

- 1: devices, envelopes, inbox_counts, nonces.
- 2: agencies registered by the operator, device_certificates devices enrolled with.
- 3: pending_counts, undelivered envelopes per (recipient, sender), for the per-sender quota;
  envelopes.digest (SHA-256 of routing and body) and delivered: the id, digest and expiry of an
  envelope deleted once delivered, kept until its expiry so a late retry is not stored again.
- 4: enrolment_tokens, the one-time token of each certificate a device enrolled with: a token
  enrols one device id, once.
"""

from __future__ import annotations

from intake_app.errors import IntakeError

SCHEMA_VERSION = 4


class StoreSchemaTooNew(IntakeError):
    code = "relay_store_too_new"
    template = "The relay store has schema {found}; this relay knows up to {known}."
    plain = "The relay's store was written by a newer relay. Update the relay; nothing was changed."


SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS devices (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    public_key BLOB NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0,
    cursor INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, device_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS envelopes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    envelope_id BLOB NOT NULL UNIQUE,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    stored_at INTEGER NOT NULL,
    body BLOB NOT NULL,
    digest BLOB
);
CREATE INDEX IF NOT EXISTS envelopes_inbox ON envelopes (recipient, seq);
CREATE INDEX IF NOT EXISTS envelopes_expiry ON envelopes (expires_at);
CREATE INDEX IF NOT EXISTS envelopes_stored ON envelopes (stored_at);
CREATE TABLE IF NOT EXISTS inbox_counts (
    recipient TEXT PRIMARY KEY,
    stored INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending_counts (
    recipient TEXT NOT NULL,
    sender TEXT NOT NULL,
    stored INTEGER NOT NULL,
    PRIMARY KEY (recipient, sender)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS delivered (
    envelope_id BLOB PRIMARY KEY,
    digest BLOB,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS delivered_expiry ON delivered (expires_at);
CREATE TABLE IF NOT EXISTS nonces (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    nonce BLOB NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (agency_id, device_id, nonce)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nonces_seen ON nonces (seen_at);
CREATE TABLE IF NOT EXISTS agencies (
    agency_id TEXT PRIMARY KEY,
    signing_key BLOB NOT NULL,
    registered_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS device_certificates (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    certificate BLOB NOT NULL,
    expires_at INTEGER,
    enrolled_at INTEGER NOT NULL,
    PRIMARY KEY (agency_id, device_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS enrolment_tokens (
    agency_id TEXT NOT NULL,
    token TEXT NOT NULL,
    device_id TEXT NOT NULL,
    used_at INTEGER NOT NULL,
    PRIMARY KEY (agency_id, token)
) WITHOUT ROWID;
"""

PG_SCHEMA = """
CREATE TABLE IF NOT EXISTS relay_meta (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS devices (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    public_key BYTEA NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    cursor BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (agency_id, device_id)
);
CREATE TABLE IF NOT EXISTS envelopes (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    envelope_id BYTEA NOT NULL UNIQUE,
    sender TEXT NOT NULL,
    recipient TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    stored_at BIGINT NOT NULL,
    body BYTEA NOT NULL,
    digest BYTEA
);
CREATE INDEX IF NOT EXISTS envelopes_inbox ON envelopes (recipient, seq);
CREATE INDEX IF NOT EXISTS envelopes_expiry ON envelopes (expires_at);
CREATE INDEX IF NOT EXISTS envelopes_stored ON envelopes (stored_at);
CREATE TABLE IF NOT EXISTS inbox_counts (
    recipient TEXT PRIMARY KEY,
    stored BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_counts (
    recipient TEXT NOT NULL,
    sender TEXT NOT NULL,
    stored BIGINT NOT NULL,
    PRIMARY KEY (recipient, sender)
);
CREATE TABLE IF NOT EXISTS delivered (
    envelope_id BYTEA PRIMARY KEY,
    digest BYTEA,
    expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS delivered_expiry ON delivered (expires_at);
CREATE TABLE IF NOT EXISTS nonces (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    nonce BYTEA NOT NULL,
    seen_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, device_id, nonce)
);
CREATE INDEX IF NOT EXISTS nonces_seen ON nonces (seen_at);
CREATE TABLE IF NOT EXISTS agencies (
    agency_id TEXT PRIMARY KEY,
    signing_key BYTEA NOT NULL,
    registered_at BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS device_certificates (
    agency_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    certificate BYTEA NOT NULL,
    expires_at BIGINT,
    enrolled_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, device_id)
);
CREATE TABLE IF NOT EXISTS enrolment_tokens (
    agency_id TEXT NOT NULL,
    token TEXT NOT NULL,
    device_id TEXT NOT NULL,
    used_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, token)
);
"""

# Tables are created with IF NOT EXISTS, so an older store gains the new ones as they are; what a
# new table must hold about existing rows is filled in here.
_TO_3 = """
ALTER TABLE envelopes ADD COLUMN digest {blob};
INSERT INTO pending_counts (recipient, sender, stored)
SELECT recipient, sender, count(*) FROM envelopes GROUP BY recipient, sender;
"""


def fill_for(found: int, blob: str = "BLOB") -> str:
    """The statements that bring a store at schema `found` up to date (0: new)."""
    return _TO_3.format(blob=blob) if 0 < found < 3 else ""
