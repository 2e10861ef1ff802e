"""Export one case as an HTCDS record (JSON or CSV), limited by consent exactly like a share.

The fields come from the share rule itself (`select_share`, in this function's own transaction,
from what is stored), so an export carries what `queue_share` would send to that recipient for
that purpose, mapped to the standard (domain/htcds), and nothing else: no notes, no attachments,
no case code, no free text outside consented answers. No live consent: `NoConsent`; the
never-share list: `NeverShare`; an unconfirmed partner: `PartnerNotConfirmed`. In each case no
bytes are returned, so the caller writes no file.

The bytes are returned, not written: the front-end writes them only where the user chose
(`paths.atomic_write`, 0600 from the first byte). The audit entry names the recipient, purpose,
format and counts, never a value; the export record (`htcds_exports`: recipient, purpose,
consents, field keys) puts the file on the person's disclosure receipt as one handed over.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from intake_app import errors
from intake_app.domain.consent import Purpose
from intake_app.domain.htcds import QuestionInfo, Record, to_record
from intake_app.exports.htcds import to_csv, to_json
from intake_app.services import protocols
from intake_app.services.roles import CASE_WORKERS, requires
from intake_app.services.session import Session
from intake_app.services.sharing.outbound import (
    NothingToShare,
    select_share,
    share_purpose,
)
from intake_app.storage import audit
from intake_app.storage.audit import now_iso
from intake_app.storage.sharing import sent


class HtcdsFormat(enum.StrEnum):
    JSON = "json"
    CSV = "csv"


class NothingInStandard(errors.IntakeError):
    """The consented fields exist, but none has a field in the standard."""

    code = "nothing_in_standard"
    template = (
        "What the consents of case {case_id} cover for {recipient_id} has no field in the HTCDS"
        " standard. No file was written."
    )
    plain = (
        "What the consent covers has no field in the HTCDS standard (see the mapping table)."
        " No file was written."
    )


def questions_of(registry: protocols.Registry) -> dict[tuple[str, str], QuestionInfo]:
    """(protocol id, question id) -> question, for every installed protocol the share rule
    reads (every version, oldest first, so a question the newest version has is read as it)."""
    return {(pid, q.id): q for pid in registry for e in registry.versions(pid)
            for q in e.protocol.questions}


def _format(fmt: HtcdsFormat | str) -> HtcdsFormat:
    try:
        return HtcdsFormat(fmt)
    except ValueError:
        raise errors.InvalidInput(field="format", reason="json or csv") from None


def render(record: Record, fmt: HtcdsFormat) -> bytes:
    return to_json(record) if fmt is HtcdsFormat.JSON else to_csv(record)


@requires(*CASE_WORKERS, action="export a case for a partner agency")
def export_case(
    s: Session,
    case_id: int,
    recipient_id: str,
    purpose: Purpose | str,
    purpose_text: str | None = None,
    *,
    fmt: HtcdsFormat | str = HtcdsFormat.JSON,
    now: datetime | None = None,
) -> bytes:
    """The case's HTCDS record as JSON or CSV bytes: exactly the consented fields, mapped."""
    chosen = _format(fmt)
    when = now or datetime.now(UTC)
    checked, words = share_purpose(purpose, purpose_text)
    with s.db.transaction() as c:
        selection, _card, _me, _material = select_share(c, s, case_id, recipient_id, checked,
                                                         when, words)
        if not selection.fields:
            raise NothingToShare(case_id=case_id, recipient_id=recipient_id)
        questions = questions_of(protocols.installed(s))
        record = to_record(selection.fields, questions)
        if not record:
            raise NothingInStandard(case_id=case_id, recipient_id=recipient_id)
        # The fields that map: one with no home in the standard did not go (one whose value lost
        # to another's for a single-valued field is kept: the receipt errs toward saying more).
        went = [f.key for f in selection.fields if to_record([f], questions)]
        sent.record_export(c, case_id, recipient_id, checked.value, words, chosen.value, went,
                           selection.consent_ids, s.user.id, now_iso())
        audit.append(
            c, s.user.id, "case.htcds_export", "case", case_id,
            detail=(f"to:{recipient_id}:purpose:{checked.value}:format:{chosen.value}"
                    f":consents:{','.join(map(str, selection.consent_ids))}"
                    f":fields:{len(selection.fields)}:htcds:{len(record)}"),
        )
    return render(record, chosen)
