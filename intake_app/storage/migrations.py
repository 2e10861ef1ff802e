"""Numbered schema migrations. Each step freezes its own SQL; never edit a shipped step.

`PRAGMA user_version` records the last step applied. A step runs in one transaction.

Why one module over 400 lines: the steps are one ordered list of frozen SQL, read top to bottom
to know the schema; split, the order would live in two places.
"""

from __future__ import annotations

# Version 1: users, cases, interviews, answers, notes, audit chain, full-text search.
V1 = """
CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    slot_id     TEXT NOT NULL UNIQUE,
    username    TEXT NOT NULL UNIQUE,
    role        TEXT NOT NULL CHECK (role IN ('advocate', 'officer', 'supervisor', 'admin')),
    created_at  TEXT NOT NULL,
    removed_at  TEXT
);

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'referred', 'closed')),
    preferred_name  TEXT,
    -- identifying fields: optional, hidden by default, every reveal audited
    legal_name      TEXT,
    date_of_birth   TEXT,
    contact         TEXT,
    immigration     TEXT,
    language        TEXT,
    is_demo         INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    created_by      INTEGER REFERENCES users(id)
);
CREATE INDEX cases_updated ON cases(updated_at);

CREATE TABLE interviews (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    protocol_id       TEXT NOT NULL,
    protocol_version  TEXT NOT NULL,
    language          TEXT NOT NULL,
    role              TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'complete')),
    pacing_json       TEXT NOT NULL DEFAULT '[]',
    started_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    ended_at          TEXT,
    created_by        INTEGER REFERENCES users(id)
);
CREATE INDEX interviews_case ON interviews(case_id);

CREATE TABLE answers (
    interview_id  INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('value', 'declined', 'not_asked', 'unknown')),
    value_json    TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (interview_id, question_id),
    CHECK ((state = 'value') = (value_json IS NOT NULL))
) WITHOUT ROWID;

CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX notes_case ON notes(case_id);

CREATE TABLE audit (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    actor        INTEGER,
    action       TEXT NOT NULL,
    object_kind  TEXT,
    object_id    TEXT,
    detail       TEXT,
    prev_hash    BLOB NOT NULL,
    hash         BLOB NOT NULL
);
CREATE INDEX audit_object ON audit(object_kind, object_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- Search over case code, preferred name and notes; lives inside the encrypted file.
CREATE VIRTUAL TABLE case_search USING fts5(code, preferred_name, notes, tokenize = 'unicode61 remove_diacritics 2');
CREATE TRIGGER cases_ai AFTER INSERT ON cases BEGIN
    INSERT INTO case_search(rowid, code, preferred_name, notes)
        VALUES (new.id, new.code, coalesce(new.preferred_name, ''), '');
END;
CREATE TRIGGER cases_au AFTER UPDATE OF code, preferred_name ON cases BEGIN
    UPDATE case_search SET code = new.code, preferred_name = coalesce(new.preferred_name, '')
        WHERE rowid = new.id;
END;
CREATE TRIGGER cases_ad AFTER DELETE ON cases BEGIN
    DELETE FROM case_search WHERE rowid = old.id;
END;
CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
    UPDATE case_search SET notes = (SELECT group_concat(body, ' ') FROM notes WHERE case_id = new.case_id)
        WHERE rowid = new.case_id;
END;
CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN
    UPDATE case_search SET notes = coalesce((SELECT group_concat(body, ' ') FROM notes WHERE case_id = new.case_id), '')
        WHERE rowid = new.case_id;
END;
CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN
    UPDATE case_search SET notes = coalesce((SELECT group_concat(body, ' ') FROM notes WHERE case_id = old.case_id), '')
        WHERE rowid = old.case_id;
END;
"""

# Version 2: consents (per purpose, recipient, field category), with withdrawal.
V2 = """
CREATE TABLE consents (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    purpose           TEXT NOT NULL,
    recipient_id      TEXT NOT NULL,
    categories_json   TEXT NOT NULL,
    wording           TEXT NOT NULL,
    language          TEXT NOT NULL,
    method            TEXT NOT NULL CHECK (method IN ('verbal', 'written', 'signed')),
    interpreter       INTEGER NOT NULL DEFAULT 0,
    given_at          TEXT NOT NULL,
    expires_at        TEXT NOT NULL,
    withdrawn_at      TEXT,
    created_by        INTEGER REFERENCES users(id)
);
CREATE INDEX consents_case ON consents(case_id);
"""

# Version 3: sharing with partner agencies: this agency's keys, the partner directory, outbox,
# what was shared under which consent, referrals, inbox items with read-only partner views,
# ids of envelopes already accepted, and quarantined envelopes with their reason codes.
V3 = """
CREATE TABLE agency_self (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    agency_id     TEXT NOT NULL,
    identity      BLOB NOT NULL,
    device_id     TEXT,
    device_key    BLOB,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE partners (
    id            INTEGER PRIMARY KEY,
    agency_id     TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    card          BLOB NOT NULL,
    fingerprint   TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   INTEGER REFERENCES users(id),
    confirmed_at  TEXT,
    confirmed_by  INTEGER REFERENCES users(id)
);

CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    envelope_id   TEXT NOT NULL UNIQUE,
    recipient_id  TEXT NOT NULL,
    kind          TEXT NOT NULL,
    expires       INTEGER NOT NULL,
    body          BLOB NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    queued_at     TEXT NOT NULL,
    delivered_at  TEXT
);
CREATE INDEX outbox_status ON outbox(status, id);

CREATE TABLE share_refs (
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    recipient_id  TEXT NOT NULL,
    share_ref     TEXT NOT NULL UNIQUE,
    PRIMARY KEY (case_id, recipient_id)
) WITHOUT ROWID;

CREATE TABLE shares_sent (
    id            INTEGER PRIMARY KEY,
    envelope_id   TEXT NOT NULL UNIQUE REFERENCES outbox(envelope_id),
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    recipient_id  TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('share', 'referral')),
    share_ref     TEXT NOT NULL,
    fields_json   TEXT NOT NULL,
    sent_at       TEXT NOT NULL,
    sent_by       INTEGER REFERENCES users(id)
);
CREATE INDEX shares_sent_case ON shares_sent(case_id);

CREATE TABLE share_consents (
    share_id      INTEGER NOT NULL REFERENCES shares_sent(id) ON DELETE CASCADE,
    consent_id    INTEGER NOT NULL REFERENCES consents(id) ON DELETE CASCADE,
    PRIMARY KEY (share_id, consent_id)
) WITHOUT ROWID;
CREATE INDEX share_consents_consent ON share_consents(consent_id);

CREATE TABLE referrals_out (
    id             INTEGER PRIMARY KEY,
    referral_ref   TEXT NOT NULL UNIQUE,
    share_id       INTEGER NOT NULL REFERENCES shares_sent(id) ON DELETE CASCADE,
    case_id        INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    recipient_id   TEXT NOT NULL,
    service        TEXT NOT NULL,
    urgency        TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'declined')),
    response_note  TEXT,
    sent_at        TEXT NOT NULL,
    responded_at   TEXT
);

CREATE TABLE withdrawals_sent (
    id               INTEGER PRIMARY KEY,
    consent_id       INTEGER NOT NULL REFERENCES consents(id) ON DELETE CASCADE,
    recipient_id     TEXT NOT NULL,
    envelope_id      TEXT NOT NULL UNIQUE REFERENCES outbox(envelope_id),
    queued_at        TEXT NOT NULL,
    acknowledged_at  TEXT,
    removed_count    INTEGER,
    UNIQUE (consent_id, recipient_id)
);

CREATE TABLE inbox_items (
    id             INTEGER PRIMARY KEY,
    envelope_id    TEXT NOT NULL UNIQUE,
    sender_id      TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('share', 'referral')),
    share_ref      TEXT NOT NULL,
    referral_ref   TEXT,
    service        TEXT,
    urgency        TEXT,
    status         TEXT NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new', 'accepted', 'declined', 'withdrawn')),
    received_at    TEXT NOT NULL,
    responded_at   TEXT,
    response_note  TEXT
);
CREATE INDEX inbox_items_sender ON inbox_items(sender_id, share_ref);

-- What a partner sent: read-only (no UPDATE), versioned per sender and share reference,
-- never merged into this agency's own case fields. A withdrawal deletes it.
CREATE TABLE partner_views (
    id             INTEGER PRIMARY KEY,
    inbox_item_id  INTEGER NOT NULL UNIQUE REFERENCES inbox_items(id) ON DELETE CASCADE,
    sender_id      TEXT NOT NULL,
    share_ref      TEXT NOT NULL,
    version        INTEGER NOT NULL,
    purpose        TEXT NOT NULL,
    payload_json   TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    UNIQUE (sender_id, share_ref, version)
);
CREATE TRIGGER partner_views_read_only BEFORE UPDATE ON partner_views
    BEGIN SELECT RAISE(ABORT, 'partner views are read-only'); END;

CREATE TABLE partner_view_consents (
    view_id        INTEGER NOT NULL REFERENCES partner_views(id) ON DELETE CASCADE,
    sender_id      TEXT NOT NULL,
    consent_ref    INTEGER NOT NULL,
    PRIMARY KEY (view_id, consent_ref)
) WITHOUT ROWID;
CREATE INDEX partner_view_consents_ref ON partner_view_consents(sender_id, consent_ref);

-- Consents a partner withdrew (its ids): a share citing one that arrives later keeps no view.
CREATE TABLE withdrawn_consent_refs (
    sender_id      TEXT NOT NULL,
    consent_ref    INTEGER NOT NULL,
    envelope_id    TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    PRIMARY KEY (sender_id, consent_ref)
) WITHOUT ROWID;

CREATE TABLE seen_envelopes (
    envelope_id    TEXT PRIMARY KEY,
    body_sha256    BLOB NOT NULL,
    expires        INTEGER NOT NULL,
    seen_at        TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE quarantine (
    id             INTEGER PRIMARY KEY,
    envelope_id    TEXT,
    sender_id      TEXT,
    reason         TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    size           INTEGER NOT NULL,
    body_sha256    BLOB NOT NULL,
    body           BLOB,
    received_at    TEXT NOT NULL,
    UNIQUE (body_sha256, reason)
);
"""

# Version 4: this laptop's device certificate (signed by the agency; public, but kept with the
# device key it certifies), presented to a relay to enrol the laptop.
V4 = """
ALTER TABLE agency_self ADD COLUMN device_certificate BLOB;
"""

# Version 5: small facts about this laptop's own state, kept inside the encrypted file: the
# recovery code not yet shown to an administrator, the last verified agency profile and its
# serial (so an older or altered profile file cannot roll the policy back).
V5 = """
CREATE TABLE laptop_state (
    name        TEXT PRIMARY KEY,
    value       BLOB NOT NULL,
    updated_at  TEXT NOT NULL
) WITHOUT ROWID;
"""

# Version 6: every change to an answer (recorded, changed or cleared by an undo), written in the
# same transaction as the change: who, when, the answer before and after (an empty state: no
# answer), and the case field the change filled (protocol "fills") with its value before, so an
# undo can put it back. Inside the encrypted file, like the answers. Answers already stored get
# one row each, dated by their last change, by nobody known (the history starts here).
V6 = """
CREATE TABLE answer_history (
    id               INTEGER PRIMARY KEY,
    interview_id     INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    question_id      TEXT NOT NULL,
    changed_at       TEXT NOT NULL,
    changed_by       INTEGER REFERENCES users(id),
    state            TEXT CHECK (state IN ('value', 'declined', 'not_asked', 'unknown')),
    value_json       TEXT,
    prev_state       TEXT CHECK (prev_state IN ('value', 'declined', 'not_asked', 'unknown')),
    prev_value_json  TEXT,
    case_field       TEXT CHECK (case_field IN ('preferred_name', 'legal_name', 'date_of_birth',
                                                'contact', 'immigration')),
    case_before      TEXT,
    CHECK (case_field IS NOT NULL OR case_before IS NULL),
    CHECK (coalesce(state = 'value', 0) = (value_json IS NOT NULL)),
    CHECK (coalesce(prev_state = 'value', 0) = (prev_value_json IS NOT NULL))
);
CREATE INDEX answer_history_answer ON answer_history(interview_id, question_id, id);
INSERT INTO answer_history (interview_id, question_id, changed_at, state, value_json)
    SELECT interview_id, question_id, updated_at, state, value_json FROM answers;
"""

# Version 7: the reportable facts of a case (domain.reporting.facts): closed sets of values, with
# "declined" and "unknown" as values and NULL for "not recorded"; a dated log of services given and
# referrals made (who: a role or a partner agency's kind, never a person); closure with its reason.
# No free text anywhere in them, so reports cannot carry any. Every case already stored gets its
# row (intake on the day it was created); a case already closed is closed that day, reason unknown.
V7 = """
CREATE TABLE case_facts (
    case_id           INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    intake_on         TEXT NOT NULL,
    counted           INTEGER NOT NULL DEFAULT 0 CHECK (counted IN (0, 1)),
    trafficking_type  TEXT CHECK (trafficking_type IN ('sex', 'labour', 'both', 'unknown',
                                                       'declined')),
    gender            TEXT CHECK (gender IN ('female', 'male', 'transgender', 'non_binary', 'other',
                                             'unknown', 'declined')),
    age_group         TEXT CHECK (age_group IN ('under_12', '12_14', '15_17', '18_24', '25_34',
                                                '35_plus', 'unknown', 'declined')),
    nationality       TEXT CHECK (nationality IN ('citizen_or_resident', 'foreign_national',
                                                  'unknown', 'declined')),
    referral_source   TEXT CHECK (referral_source IN ('self', 'family_or_friend',
                          'law_enforcement', 'service_provider', 'hotline', 'healthcare', 'school',
                          'community_or_faith', 'other', 'unknown', 'declined')),
    closed_on         TEXT,
    closure_reason    TEXT CHECK (closure_reason IN ('goals_met', 'person_withdrew', 'lost_contact',
                          'transferred', 'moved_away', 'other', 'unknown', 'declined')),
    updated_at        TEXT NOT NULL,
    CHECK ((closed_on IS NULL) = (closure_reason IS NULL))
);
CREATE INDEX case_facts_intake ON case_facts(intake_on);

CREATE TABLE case_services (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    given_on    TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('case_management', 'shelter', 'housing',
                    'basic_needs', 'medical', 'mental_health', 'substance_use', 'legal',
                    'immigration', 'interpreter', 'transport', 'education_employment',
                    'safety_planning', 'family_reunification', 'law_enforcement', 'other')),
    given_by    TEXT NOT NULL CHECK (given_by IN ('advocate', 'officer', 'supervisor', 'admin',
                    'law_enforcement', 'service_provider', 'prosecutor', 'other')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('provided', 'declined', 'unavailable', 'unknown')),
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX case_services_case ON case_services(case_id);
CREATE INDEX case_services_day ON case_services(given_on, case_id);

CREATE TABLE case_referrals (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    made_on     TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('case_management', 'shelter', 'housing',
                    'basic_needs', 'medical', 'mental_health', 'substance_use', 'legal',
                    'immigration', 'interpreter', 'transport', 'education_employment',
                    'safety_planning', 'family_reunification', 'law_enforcement', 'other')),
    made_by     TEXT NOT NULL CHECK (made_by IN ('advocate', 'officer', 'supervisor', 'admin')),
    sent_to     TEXT NOT NULL CHECK (sent_to IN ('law_enforcement', 'service_provider',
                                                 'prosecutor', 'other')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('pending', 'accepted', 'declined', 'unknown')),
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX case_referrals_case ON case_referrals(case_id);
CREATE INDEX case_referrals_day ON case_referrals(made_on, case_id);

INSERT INTO case_facts (case_id, intake_on, closed_on, closure_reason, updated_at)
    SELECT id, substr(created_at, 1, 10),
           CASE WHEN status = 'closed' THEN substr(updated_at, 1, 10) END,
           CASE WHEN status = 'closed' THEN 'unknown' END,
           updated_at
    FROM cases;
"""

# Version 8: a partner view ends when the consent it came under expires, as at a withdrawal;
# who gave a consent; the people a case says must not be contacted or told; the agencies it
# says must never receive anything; consent to services and to de-identified reporting.
#
# Each view keeps the earliest expiry of the consents its share cited (signed in the share);
# its inbox item records when it was removed for that. Views already stored take theirs from
# the payload they arrived with (the read-only trigger is lifted for that one update only).
V8 = """
ALTER TABLE partner_views ADD COLUMN expires_at TEXT;
ALTER TABLE inbox_items ADD COLUMN expired_at TEXT;
DROP TRIGGER partner_views_read_only;
UPDATE partner_views SET expires_at = (
    SELECT min(json_extract(value, '$.expires_at')) FROM json_each(payload_json, '$.consents'));
CREATE TRIGGER partner_views_read_only BEFORE UPDATE ON partner_views
    BEGIN SELECT RAISE(ABORT, 'partner views are read-only'); END;
CREATE INDEX partner_views_expiry ON partner_views(expires_at);

-- Who consented (existing consents: the person), and the guardian's name when one did.
ALTER TABLE consents ADD COLUMN given_by TEXT NOT NULL DEFAULT 'person'
    CHECK (given_by IN ('person', 'guardian', 'both'));
ALTER TABLE consents ADD COLUMN guardian TEXT;

-- People the person does not want contacted or told (a trafficker, an abuser, anyone): none
-- of them can consent as the person's guardian.
CREATE TABLE do_not_contact (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    relation    TEXT NOT NULL CHECK (relation IN ('trafficker', 'abuser', 'other')),
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX do_not_contact_case ON do_not_contact(case_id);

-- Agencies the person never wants anything shared with: every share and consent checks it.
CREATE TABLE never_share (
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    agency_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    PRIMARY KEY (case_id, agency_id)
) WITHOUT ROWID;

-- Consent to services and to be counted in de-identified reports: their own answers, each a
-- new row (the latest counts), never tied to a recipient.
CREATE TABLE case_agreements (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('services', 'reporting')),
    agreed      INTEGER NOT NULL CHECK (agreed IN (0, 1)),
    method      TEXT NOT NULL CHECK (method IN ('verbal', 'written', 'signed')),
    language    TEXT NOT NULL,
    given_at    TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX case_agreements_case ON case_agreements(case_id, kind, id);
"""

# Version 9 (agency keys by role). agency_signing_copies: the agency signing key, no longer in the identity, sealed
# (HPKE, X25519) to each administrator's key-file slot and to the recovery slot; `slot_public` is
# the slot key it was sealed to, so a slot whose key pair changed (a passphrase reset, a new
# recovery code) is sealed again at the next administrator's unlock.
V9 = """
CREATE TABLE agency_signing_copies (
    slot_id     TEXT PRIMARY KEY,
    slot_public BLOB NOT NULL,
    sealed      BLOB NOT NULL,
    created_at  TEXT NOT NULL
) WITHOUT ROWID;

-- HPKE keys this agency rotated away from (ML-KEM-768 seed || X25519 private key, by card
-- serial), each with the time it was retired: what was sealed to it before still opens, what
-- was sealed to it after is refused. The card is kept to check the rotation's own notice,
-- which the old sender key signed.
CREATE TABLE agency_retired_keys (
    serial      INTEGER PRIMARY KEY,
    hpke_private BLOB NOT NULL,
    card        BLOB NOT NULL,
    retired_at  INTEGER NOT NULL
);

-- The laptops this administrator's laptop certified (enrolment bundles), and those it revoked:
-- a rotation seals the agency's new keys to each one not revoked.
CREATE TABLE agency_devices (
    device_id    TEXT PRIMARY KEY,
    certificate  BLOB NOT NULL,
    certified_at TEXT NOT NULL,
    revoked_at   TEXT
) WITHOUT ROWID;
"""

# Team replication: a uid every laptop of the agency shares for each case and note, the op log
# (every change kept, storage/replication.py), and the fields two laptops changed while apart.
V_REPLICATION = """
ALTER TABLE cases ADD COLUMN uid TEXT;
UPDATE cases SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX cases_uid ON cases(uid);
ALTER TABLE notes ADD COLUMN uid TEXT;
UPDATE notes SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX notes_uid ON notes(uid);

CREATE TABLE ops (
    op_id        TEXT PRIMARY KEY,
    hlc          TEXT NOT NULL,
    entity       TEXT NOT NULL CHECK (entity IN ('case', 'note')),
    entity_uid   TEXT NOT NULL,
    field        TEXT NOT NULL,
    value        TEXT,
    parents      TEXT NOT NULL,
    author       TEXT NOT NULL,
    case_uid     TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    sent         INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX ops_field ON ops(entity, entity_uid, field);
CREATE INDEX ops_case ON ops(case_uid);
CREATE INDEX ops_hlc ON ops(hlc);
CREATE INDEX ops_unsent ON ops(sent, hlc) WHERE sent = 0;

CREATE TABLE field_conflicts (
    entity      TEXT NOT NULL,
    entity_uid  TEXT NOT NULL,
    field       TEXT NOT NULL,
    case_uid    TEXT NOT NULL,
    PRIMARY KEY (entity, entity_uid, field)
) WITHOUT ROWID;
CREATE INDEX field_conflicts_case ON field_conflicts(case_uid);
"""

# The audit chain's keyed MACs (storage/audit.py): one row per entry and data key.
V_AUDIT_MACS = """
CREATE TABLE audit_macs (
    key_id  BLOB NOT NULL,
    seq     INTEGER NOT NULL,
    mac     BLOB NOT NULL,
    PRIMARY KEY (key_id, seq)
) WITHOUT ROWID;
"""

# Team replication of interviews, answers, consents, reportable facts and the rows only ever
# added (services, referrals, agreements, people not to contact): a uid every laptop shares for
# each; `held_by` names the laptop an interview's sitting is open on (JSON,
# services/interview_hold.py); the op log's entity check widened (SQLite cannot alter a CHECK,
# so the table is rebuilt with its rows).
V_REPLICATION_ROWS = """
ALTER TABLE interviews ADD COLUMN uid TEXT;
UPDATE interviews SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX interviews_uid ON interviews(uid);
ALTER TABLE interviews ADD COLUMN held_by TEXT;
ALTER TABLE consents ADD COLUMN uid TEXT;
UPDATE consents SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX consents_uid ON consents(uid);
-- The reference a share cited for each consent (NULL: before this, it cited the local id).
ALTER TABLE share_consents ADD COLUMN ref INTEGER;
ALTER TABLE case_services ADD COLUMN uid TEXT;
UPDATE case_services SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX case_services_uid ON case_services(uid);
ALTER TABLE case_referrals ADD COLUMN uid TEXT;
UPDATE case_referrals SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX case_referrals_uid ON case_referrals(uid);
ALTER TABLE case_agreements ADD COLUMN uid TEXT;
UPDATE case_agreements SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX case_agreements_uid ON case_agreements(uid);
ALTER TABLE do_not_contact ADD COLUMN uid TEXT;
UPDATE do_not_contact SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX do_not_contact_uid ON do_not_contact(uid);

CREATE TABLE ops_widened (
    op_id        TEXT PRIMARY KEY,
    hlc          TEXT NOT NULL,
    entity       TEXT NOT NULL
                 CHECK (entity IN ('case', 'note', 'interview', 'answer', 'consent',
                                   'never_share', 'facts', 'row')),
    entity_uid   TEXT NOT NULL,
    field        TEXT NOT NULL,
    value        TEXT,
    parents      TEXT NOT NULL,
    author       TEXT NOT NULL,
    case_uid     TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    sent         INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))
) WITHOUT ROWID;
INSERT INTO ops_widened (op_id, hlc, entity, entity_uid, field, value, parents, author, case_uid,
                         received_at, sent)
    SELECT op_id, hlc, entity, entity_uid, field, value, parents, author, case_uid, received_at,
           sent FROM ops;
DROP TABLE ops;
ALTER TABLE ops_widened RENAME TO ops;
CREATE INDEX ops_field ON ops(entity, entity_uid, field);
CREATE INDEX ops_case ON ops(case_uid);
CREATE INDEX ops_hlc ON ops(hlc);
CREATE INDEX ops_unsent ON ops(sent, hlc) WHERE sent = 0;
"""

# Files a case holds (a scanned signed release, a photographed document), inside the encrypted
# database and nowhere else, in chunks so no row or read holds a whole large file; `category`
# is the consent category that must cover it before it may leave.
V_ATTACHMENTS = """
CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    consent_id  INTEGER REFERENCES consents(id) ON DELETE CASCADE,  -- signed on screen
    label       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('png', 'jpeg', 'pdf', 'other')),
    category    TEXT NOT NULL CHECK (category IN ('identity', 'contact', 'experience', 'needs',
                                                  'safety', 'immigration')),
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id)
);
CREATE INDEX attachments_case ON attachments(case_id);
CREATE TABLE attachment_chunks (
    attachment_id  INTEGER NOT NULL REFERENCES attachments(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    data           BLOB NOT NULL,
    PRIMARY KEY (attachment_id, seq)
) WITHOUT ROWID;
"""

# A case under a legal hold is never deleted for retention (domain/retention.py); it replicates
# as a case field, "1" while held.
V_LEGAL_HOLD = """
ALTER TABLE cases ADD COLUMN legal_hold INTEGER NOT NULL DEFAULT 0 CHECK (legal_hold IN (0, 1));
"""

# Files a partner sent with a share (services/sharing/attachments_in.py): one row per file, its
# pieces as they arrive in any order; complete (`completed_at`) only once every piece is in and
# the whole matches its SHA-256. A file goes when the view of its share goes (the trigger), when
# any consent it came under is withdrawn, and when the first of them expires.
V_PARTNER_ATTACHMENTS = """
CREATE TABLE partner_attachments (
    id            INTEGER PRIMARY KEY,
    sender_id     TEXT NOT NULL,
    share_ref     TEXT NOT NULL,
    ref           TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('png', 'jpeg', 'pdf', 'other')),
    category      TEXT NOT NULL CHECK (category IN ('identity', 'contact', 'experience', 'needs',
                                                    'safety', 'immigration')),
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    count         INTEGER NOT NULL,
    expires_at    TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    completed_at  TEXT,
    UNIQUE (sender_id, share_ref, ref)
);
CREATE INDEX partner_attachments_expiry ON partner_attachments(expires_at);
CREATE TABLE partner_attachment_pieces (
    attachment_id  INTEGER NOT NULL REFERENCES partner_attachments(id) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    data           BLOB NOT NULL,
    PRIMARY KEY (attachment_id, seq)
) WITHOUT ROWID;
CREATE TABLE partner_attachment_consents (
    attachment_id  INTEGER NOT NULL REFERENCES partner_attachments(id) ON DELETE CASCADE,
    consent_ref    INTEGER NOT NULL,
    PRIMARY KEY (attachment_id, consent_ref)
) WITHOUT ROWID;
CREATE INDEX partner_attachment_consents_ref ON partner_attachment_consents(consent_ref);
CREATE TRIGGER partner_attachments_leave_with_view AFTER DELETE ON partner_views
    BEGIN
        DELETE FROM partner_attachments
            WHERE sender_id = OLD.sender_id AND share_ref = OLD.share_ref;
    END;
"""

# When a partner said it removed a share of ours because its consent ended there.
V_EXPIRY_NOTICES = """
ALTER TABLE shares_sent ADD COLUMN removed_at TEXT;
"""

# A consent for a purpose the list does not name keeps that purpose in words.
V_PURPOSE_TEXT = """
ALTER TABLE consents ADD COLUMN purpose_text TEXT;
"""

# A share's files go with its LAST view: one version gone (its consent ended) while a newer one
# under another consent lives must not take the files that newer one was sent with.
V_PARTNER_FILES_LAST_VIEW = """
DROP TRIGGER partner_attachments_leave_with_view;
CREATE TRIGGER partner_attachments_leave_with_view AFTER DELETE ON partner_views
    WHEN NOT EXISTS (SELECT 1 FROM partner_views
                     WHERE sender_id = OLD.sender_id AND share_ref = OLD.share_ref)
    BEGIN
        DELETE FROM partner_attachments
            WHERE sender_id = OLD.sender_id AND share_ref = OLD.share_ref;
    END;
"""

# Report aggregates partner agencies sent this one as task-force coordinator
# (services/aggregates.py): the latest per sender, report kind and period, as the canonical wire
# form of published counts (keys, counts, markers: never a raw small count, code or name).
V_AGGREGATES = """
CREATE TABLE received_aggregates (
    id            INTEGER PRIMARY KEY,
    sender_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    made_at       TEXT NOT NULL,
    envelope_id   TEXT NOT NULL,
    body          TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    UNIQUE (sender_id, kind, period_start, period_end)
);
CREATE INDEX received_aggregates_period ON received_aggregates(period_start, period_end, kind);
"""

# The supervisor's overview (storage/supervision.py): one indexed read per list. Indexes only,
# partial where the overview reads a part (no column changes): cases counted by status, consents
# not withdrawn by their end, referrals still pending by the day made, unfinished interviews.
V_SUPERVISION = """
CREATE INDEX cases_demo_status ON cases(is_demo, status);
CREATE INDEX consents_live_expiry ON consents(expires_at) WHERE withdrawn_at IS NULL;
CREATE INDEX case_referrals_pending ON case_referrals(made_on) WHERE outcome = 'pending';
CREATE INDEX interviews_unfinished ON interviews(updated_at) WHERE status <> 'complete';
"""

# Installed interview protocols (services/protocols.py): every version ever installed here is
# kept, so an interview always reopens under the version it started with (interviews already
# record protocol_id and protocol_version). `document` is the protocol's canonical JSON (the
# bytes its `sha256` is over); `source` says how it came: shipped with the app, in a signed
# profile, or from a file an administrator installed.
V_PROTOCOLS = """
CREATE TABLE protocols (
    id            TEXT NOT NULL,
    version       TEXT NOT NULL,
    document      BLOB NOT NULL,
    sha256        TEXT NOT NULL,
    installed_at  TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (source IN ('shipped', 'profile', 'file')),
    PRIMARY KEY (id, version)
) WITHOUT ROWID;
"""

# What the disclosure receipt lists beyond a share's fields (services/receipt.py). `share_files`:
# the files a share (or referral) carried, as the person would recognise them (kind, category,
# when added to the case), never the label (it may name the person). No reference to
# `attachments`: the file may be deleted here later, and the record of what went must stay. A
# share recorded before this step lists no files. `htcds_exports`: each HTCDS file handed to a
# partner (services/htcds_export.py), with the consents it was made under.
V_RECEIPT_FILES = """
CREATE TABLE share_files (
    share_id       INTEGER NOT NULL REFERENCES shares_sent(id) ON DELETE CASCADE,
    attachment_id  INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    category       TEXT NOT NULL,
    added_at       TEXT NOT NULL,
    PRIMARY KEY (share_id, attachment_id)
) WITHOUT ROWID;

CREATE TABLE htcds_exports (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    recipient_id  TEXT NOT NULL,
    purpose       TEXT NOT NULL,
    purpose_text  TEXT,
    format        TEXT NOT NULL,
    fields_json   TEXT NOT NULL,
    exported_at   TEXT NOT NULL,
    exported_by   INTEGER REFERENCES users(id)
);
CREATE INDEX htcds_exports_case ON htcds_exports(case_id);

CREATE TABLE htcds_export_consents (
    export_id   INTEGER NOT NULL REFERENCES htcds_exports(id) ON DELETE CASCADE,
    consent_id  INTEGER NOT NULL REFERENCES consents(id) ON DELETE CASCADE,
    PRIMARY KEY (export_id, consent_id)
) WITHOUT ROWID;
"""

STEPS: tuple[str, ...] = (V1, V2, V3, V4, V5, V6, V7, V8, V9, V_REPLICATION, V_AUDIT_MACS,
                          V_REPLICATION_ROWS, V_ATTACHMENTS, V_LEGAL_HOLD, V_PARTNER_ATTACHMENTS,
                          V_EXPIRY_NOTICES, V_PURPOSE_TEXT, V_PARTNER_FILES_LAST_VIEW,
                          V_AGGREGATES, V_SUPERVISION, V_PROTOCOLS, V_RECEIPT_FILES)
LATEST = len(STEPS)
