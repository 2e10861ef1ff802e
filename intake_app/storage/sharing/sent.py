"""What this agency sent, and under which consent: shares (and their stable `share_refs`) and
the files that went with them, HTCDS files handed over, referrals and their answers, consent
withdrawals and their acknowledgements."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from intake_app import errors
from intake_app.domain.attachments import AttachmentInfo
from intake_app.storage.consents import refs_of
from intake_app.storage.database import Cursor, Database


# --- shares ------------------------------------------------------------------------------------
def share_ref_for(c: Cursor, case_id: int, recipient_id: str, new_ref: str) -> str:
    """The stable reference a recipient knows this case by (created on first use)."""
    c.execute(
        "INSERT OR IGNORE INTO share_refs (case_id, recipient_id, share_ref) VALUES (?, ?, ?)",
        (case_id, recipient_id, new_ref),
    )
    row = c.one(
        "SELECT share_ref FROM share_refs WHERE case_id = ? AND recipient_id = ?",
        (case_id, recipient_id),
    )
    assert row is not None
    return str(row[0])


def record_share(
    c: Cursor,
    envelope_id: str,
    case_id: int,
    recipient_id: str,
    purpose: str,
    kind: str,
    share_ref: str,
    field_keys: Sequence[str],
    consent_ids: Sequence[int],
    user_id: int | None,
    at: str,
    files: Sequence[AttachmentInfo] = (),
) -> int:
    """The share, its consents and the files that went with it (a row each)."""
    cur = c.execute(
        "INSERT INTO shares_sent (envelope_id, case_id, recipient_id, purpose, kind, share_ref,"
        " fields_json, sent_at, sent_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            envelope_id,
            case_id,
            recipient_id,
            purpose,
            kind,
            share_ref,
            json.dumps(sorted(field_keys)),
            at,
            user_id,
        ),
    )
    share_id = int(cur.lastrowid)
    refs = refs_of(c, sorted(set(consent_ids)))
    c.executemany(
        "INSERT INTO share_consents (share_id, consent_id, ref) VALUES (?, ?, ?)",
        [(share_id, cid, ref) for cid, ref in refs.items()],
    )
    record_share_files(c, share_id, files)
    return share_id


@dataclass(frozen=True, slots=True)
class ShareRow:
    id: int
    envelope_id: str
    case_id: int
    recipient_id: str
    purpose: str
    kind: str
    share_ref: str
    field_keys: tuple[str, ...]
    consent_ids: tuple[int, ...]
    sent_at: str


def mark_removed_at_partner(
    c: Cursor, recipient_id: str, share_refs: Sequence[str], at: str
) -> list[tuple[int, int]]:
    """Our shares with these refs to `recipient_id` were removed there: (case id, how many)."""
    counts: dict[int, int] = {}
    for ref in share_refs:
        for share_id, case_id in c.all(
                "SELECT id, case_id FROM shares_sent WHERE recipient_id = ? AND share_ref = ?"
                " AND removed_at IS NULL", (recipient_id, ref)):
            c.execute("UPDATE shares_sent SET removed_at = ? WHERE id = ?", (at, share_id))
            counts[int(case_id)] = counts.get(int(case_id), 0) + 1
    return sorted(counts.items())


def shares_for_case(db: Database, case_id: int) -> list[ShareRow]:
    rows = db.query(
        "SELECT s.id, s.envelope_id, s.case_id, s.recipient_id, s.purpose, s.kind, s.share_ref,"
        " s.fields_json, (SELECT group_concat(consent_id) FROM share_consents sc"
        " WHERE sc.share_id = s.id), s.sent_at FROM shares_sent s WHERE s.case_id = ?"
        " ORDER BY s.id",
        (case_id,),
    )
    return [
        ShareRow(
            int(r[0]),
            str(r[1]),
            int(r[2]),
            str(r[3]),
            str(r[4]),
            str(r[5]),
            str(r[6]),
            tuple(json.loads(r[7])),
            tuple(int(x) for x in str(r[8]).split(",")) if r[8] else (),
            str(r[9]),
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class FileSentRow:
    """A file that went with a share, as recorded then (no label: it may name the person)."""

    share_id: int
    attachment_id: int
    kind: str
    category: str
    added_at: str


def record_share_files(c: Cursor, share_id: int, files: Sequence[AttachmentInfo]) -> None:
    """Which files went with share `share_id` (V_RECEIPT_FILES; older shares list none)."""
    c.executemany(
        "INSERT INTO share_files (share_id, attachment_id, kind, category, added_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [(share_id, f.id, f.kind.value, f.category.value, f.created_at) for f in files],
    )


def files_for_case(db: Database, case_id: int) -> list[FileSentRow]:
    return [
        FileSentRow(int(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]))
        for r in db.query(
            "SELECT f.share_id, f.attachment_id, f.kind, f.category, f.added_at FROM share_files f"
            " JOIN shares_sent s ON s.id = f.share_id WHERE s.case_id = ?"
            " ORDER BY f.share_id, f.attachment_id",
            (case_id,),
        )
    ]


# --- HTCDS files handed over -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ExportRow:
    id: int
    recipient_id: str
    purpose: str
    purpose_text: str | None
    format: str
    field_keys: tuple[str, ...]
    consent_ids: tuple[int, ...]
    exported_at: str


def record_export(c: Cursor, case_id: int, recipient_id: str, purpose: str,
                  purpose_text: str | None, fmt: str, field_keys: Sequence[str],
                  consent_ids: Sequence[int], user_id: int | None, at: str) -> int:
    """An HTCDS file made for `recipient_id`: its field keys (never values) and consents."""
    cur = c.execute(
        "INSERT INTO htcds_exports (case_id, recipient_id, purpose, purpose_text, format,"
        " fields_json, exported_at, exported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (case_id, recipient_id, purpose, purpose_text, fmt, json.dumps(sorted(field_keys)), at,
         user_id),
    )
    export_id = int(cur.lastrowid)
    c.executemany("INSERT INTO htcds_export_consents (export_id, consent_id) VALUES (?, ?)",
                  [(export_id, cid) for cid in sorted(set(consent_ids))])
    return export_id


def exports_for_case(db: Database, case_id: int) -> list[ExportRow]:
    return [
        ExportRow(int(r[0]), str(r[1]), str(r[2]), None if r[3] is None else str(r[3]), str(r[4]),
                  tuple(json.loads(r[5])),
                  tuple(int(x) for x in str(r[6]).split(",")) if r[6] else (), str(r[7]))
        for r in db.query(
            "SELECT e.id, e.recipient_id, e.purpose, e.purpose_text, e.format, e.fields_json,"
            " (SELECT group_concat(consent_id) FROM htcds_export_consents ec"
            " WHERE ec.export_id = e.id), e.exported_at FROM htcds_exports e WHERE e.case_id = ?"
            " ORDER BY e.id",
            (case_id,),
        )
    ]


def recipients_under_consent(c: Cursor, consent_id: int) -> list[tuple[str, int]]:
    """(recipient agency id, case id) of every share sent under this consent."""
    return [
        (str(r[0]), int(r[1]))
        for r in c.all(
            "SELECT DISTINCT s.recipient_id, s.case_id FROM shares_sent s"
            " JOIN share_consents sc ON sc.share_id = s.id WHERE sc.consent_id = ?"
            " ORDER BY s.recipient_id",
            (consent_id,),
        )
    ]


# --- referrals ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ReferralRow:
    id: int
    referral_ref: str
    case_id: int
    recipient_id: str
    service: str
    urgency: str
    status: str
    response_note: str | None
    sent_at: str
    responded_at: str | None

    def __repr__(self) -> str:
        return f"ReferralRow(id={self.id}, status={self.status})"


_REFERRAL = (
    "SELECT id, referral_ref, case_id, recipient_id, service, urgency, status, response_note,"
    " sent_at, responded_at FROM referrals_out"
)


def _referral(r: Any) -> ReferralRow:
    return ReferralRow(
        int(r[0]),
        str(r[1]),
        int(r[2]),
        str(r[3]),
        str(r[4]),
        str(r[5]),
        str(r[6]),
        None if r[7] is None else str(r[7]),
        str(r[8]),
        None if r[9] is None else str(r[9]),
    )


def insert_referral(
    c: Cursor,
    referral_ref: str,
    share_id: int,
    case_id: int,
    recipient_id: str,
    service: str,
    urgency: str,
    at: str,
) -> int:
    cur = c.execute(
        "INSERT INTO referrals_out (referral_ref, share_id, case_id, recipient_id, service,"
        " urgency, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (referral_ref, share_id, case_id, recipient_id, service, urgency, at),
    )
    return int(cur.lastrowid)


def referral_by_ref(c: Cursor, referral_ref: str, recipient_id: str) -> ReferralRow | None:
    row = c.one(
        _REFERRAL + " WHERE referral_ref = ? AND recipient_id = ?", (referral_ref, recipient_id)
    )
    return None if row is None else _referral(row)


def set_referral_response(
    c: Cursor, referral_id: int, status: str, note: str | None, at: str
) -> None:
    c.execute(
        "UPDATE referrals_out SET status = ?, response_note = ?, responded_at = ? WHERE id = ?",
        (status, note, at, referral_id),
    )


def referrals_for_case(db: Database, case_id: int) -> list[ReferralRow]:
    return [
        _referral(r) for r in db.query(_REFERRAL + " WHERE case_id = ? ORDER BY id", (case_id,))
    ]


def get_referral(db: Database, referral_id: int) -> ReferralRow:
    row = db.query_one(_REFERRAL + " WHERE id = ?", (referral_id,))
    if row is None:
        raise errors.NotFound(kind="referral", id=referral_id)
    return _referral(row)


# --- withdrawals -------------------------------------------------------------------------------
def withdrawal_queued(c: Cursor, consent_id: int, recipient_id: str) -> bool:
    return (
        c.one(
            "SELECT 1 FROM withdrawals_sent WHERE consent_id = ? AND recipient_id = ?",
            (consent_id, recipient_id),
        )
        is not None
    )


def insert_withdrawal(
    c: Cursor, consent_id: int, recipient_id: str, envelope_id: str, at: str
) -> int:
    cur = c.execute(
        "INSERT INTO withdrawals_sent (consent_id, recipient_id, envelope_id, queued_at)"
        " VALUES (?, ?, ?, ?)",
        (consent_id, recipient_id, envelope_id, at),
    )
    return int(cur.lastrowid)


def acknowledge_withdrawal(
    c: Cursor, envelope_id: str, sender_id: str, removed: int, at: str
) -> int | None:
    """Mark the withdrawal sent in `envelope_id` to `sender_id` as confirmed; its consent id."""
    row = c.one(
        "SELECT id, consent_id FROM withdrawals_sent WHERE envelope_id = ? AND recipient_id = ?",
        (envelope_id, sender_id),
    )
    if row is None:
        return None
    c.execute(
        "UPDATE withdrawals_sent SET acknowledged_at = coalesce(acknowledged_at, ?),"
        " removed_count = ? WHERE id = ?",
        (at, removed, int(row[0])),
    )
    return int(row[1])


@dataclass(frozen=True, slots=True)
class WithdrawalRow:
    consent_id: int
    recipient_id: str
    envelope_id: str
    queued_at: str
    acknowledged_at: str | None
    removed_count: int | None


def withdrawals_for_consent(db: Database, consent_id: int) -> list[WithdrawalRow]:
    return [
        WithdrawalRow(
            int(r[0]),
            str(r[1]),
            str(r[2]),
            str(r[3]),
            None if r[4] is None else str(r[4]),
            None if r[5] is None else int(r[5]),
        )
        for r in db.query(
            "SELECT consent_id, recipient_id, envelope_id, queued_at, acknowledged_at,"
            " removed_count FROM withdrawals_sent WHERE consent_id = ? ORDER BY id",
            (consent_id,),
        )
    ]
