"""Numbered schema migrations. Each step freezes its own SQL; never edit a shipped step.

`PRAGMA user_version` records the last step applied. A step runs in one transaction.
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

STEPS: tuple[str, ...] = (V1, V2)
LATEST = len(STEPS)
