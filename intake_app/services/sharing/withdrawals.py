"""Withdrawing a consent: the one way, always telling every agency that received data under it."""

from __future__ import annotations

from datetime import UTC, datetime

from intake_app.services import agency, replication_rows
from intake_app.services.session import Session
from intake_app.services.sharing.outbound import Queued, enqueue
from intake_app.services.sharing.share import MAX_ALSO_REFS, PAYLOAD_VERSION
from intake_app.storage import audit, consents
from intake_app.storage.audit import now_iso
from intake_app.storage.database import Cursor
from intake_app.storage.sharing import directory, sent
from intake_app.sync.envelope import Kind
from intake_app.sync.keys import PublicCard


def withdraw_consent(
    s: Session, consent_id: int, now: datetime | None = None
) -> list[Queued]:
    """Withdraw a consent and, in the SAME transaction, queue a withdrawal to every agency that
    received data under it. Safe to call again: recipients already notified are skipped.

    The only way to withdraw a consent: one transaction, so a crash cannot leave a withdrawn
    consent whose recipients never hear. Oral withdrawal takes effect at once, like any other.
    """
    when = now or datetime.now(UTC)
    with s.db.transaction() as c:
        case_id, now_withdrawn = consents.withdraw(c, consent_id, when)
        c.execute("UPDATE cases SET updated_at = ? WHERE id = ?", (when.isoformat(), case_id))
        audit.append(
            c, s.user.id, "consent.withdraw", "case", case_id, detail=f"consent:{consent_id}"
        )
        if now_withdrawn:  # withdrawn once: its time never moves
            replication_rows.record_withdrawal(c, s, consent_id, when, now_iso())
        return tell_recipients(c, s, consent_id, case_id, when)


def tell_recipients(
    c: Cursor, s: Session, consent_id: int, case_id: int, when: datetime
) -> list[Queued]:
    """Queue a withdrawal to every agency this laptop sent data to under the consent and has
    not told yet (also when the withdrawal was made on another laptop of the agency)."""
    queued: list[Queued] = []
    recipients = sorted({r for r, _ in sent.recipients_under_consent(c, consent_id)})
    pending = [r for r in recipients if not sent.withdrawal_queued(c, consent_id, r)]
    if not pending:
        return queued
    me = agency.require_identity(s)
    for recipient_id in pending:
        row = directory.get_partner(c, recipient_id)
        if row is None:  # partner removed from the directory: nobody to tell
            continue
        card = PublicCard.from_json(row.card)
        share_refs = sorted(
            {
                str(r[0])
                for r in c.all(
                    "SELECT DISTINCT s.share_ref FROM shares_sent s JOIN share_consents sc"
                    " ON sc.share_id = s.id WHERE sc.consent_id = ? AND s.recipient_id = ?",
                    (consent_id, recipient_id),
                )
            }
        )
        # What the shares to this agency cited: a uid-based number, or (shares from before
        # replication) the local id; the recipient removes what came under any of them.
        cited = sorted({int(r[0]) for r in c.all(
            "SELECT DISTINCT coalesce(sc.ref, sc.consent_id) FROM shares_sent s"
            " JOIN share_consents sc ON sc.share_id = s.id"
            " WHERE sc.consent_id = ? AND s.recipient_id = ?", (consent_id, recipient_id))},
            reverse=True)
        payload = {
            "v": PAYLOAD_VERSION,
            "consent_ref": cited[0],
            "also_refs": cited[1:MAX_ALSO_REFS + 1],
            "share_refs": share_refs,
            "withdrawn_at": when.isoformat(),
        }
        envelope_id = enqueue(c, me, card, Kind.CONSENT_WITHDRAWAL, payload, when)
        sent.insert_withdrawal(c, consent_id, recipient_id, envelope_id, now_iso())
        audit.append(
            c,
            s.user.id,
            "consent.withdrawal.queue",
            "case",
            case_id,
            detail=f"consent:{consent_id}:envelope:{envelope_id}:to:{recipient_id}",
        )
        queued.append(
            Queued(envelope_id, recipient_id, Kind.CONSENT_WITHDRAWAL, 0, (consent_id,))
        )
    return queued
