"""The disclosure receipt for the person: what of theirs went where, from the consents, the
record of every share sent (`shares_sent`, `share_consents`, `share_files`) and of every HTCDS
file handed over (`htcds_exports`). One use case, its role check and its audit entry; the
front-ends (the Consents tab, `intake consent receipt`) only lay it out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from intake_app.domain.attachments import FileKind
from intake_app.domain.consent import Category, Purpose
from intake_app.domain.receipt import (
    LANGUAGES,
    HandedFile,
    Receipt,
    SentFile,
    SentShare,
    build_receipt,
    receipt_language,
)
from intake_app.errors import InvalidInput
from intake_app.services import agency, partners, protocols
from intake_app.services.roles import CASE_WORKERS, requires
from intake_app.services.session import Session
from intake_app.services.sharing.share import CASE_FIELD_CATEGORIES
from intake_app.storage import audit, cases, consents, interviews
from intake_app.storage.sharing.sent import (
    ExportRow,
    FileSentRow,
    ShareRow,
    exports_for_case,
    files_for_case,
    shares_for_case,
)


@requires(*CASE_WORKERS, action="print a disclosure receipt for the person")
def disclosure_receipt(s: Session, case_id: int, language: str | None = None,
                       now: datetime | None = None) -> Receipt:
    """The receipt for case `case_id` in `language` (default: the person's, see
    domain.receipt.receipt_language). Audited as "case.receipt" with the language and counts
    only: which agencies it names is already in the share and consent entries."""
    if language is not None and language not in LANGUAGES:
        raise InvalidInput(field="language", reason="the receipt speaks en or es")
    at = now or datetime.now(UTC)
    summary = cases.get(s.db, case_id)  # NotFound for a case that is not here
    given = consents.for_case(s.db, case_id)
    chosen = language or receipt_language(cases.language(s.db, case_id), given)
    protocol_of = _protocol_of(s, case_id)  # once: every share reads the same interviews
    registry = protocols.installed(s)
    files: dict[int, list[FileSentRow]] = {}
    for f in files_for_case(s.db, case_id):
        files.setdefault(f.share_id, []).append(f)
    sent = [_sent(row, files.get(row.id, []), protocol_of, registry)
            for row in shares_for_case(s.db, case_id)]
    handed = [_handed(row, protocol_of, registry) for row in exports_for_case(s.db, case_id)]
    names = {p.agency_id: p.name for p in partners.list_partners(s)}
    me = agency.get_identity(s)
    receipt = build_receipt(
        case_code=summary.code, consents=given, shares=sent, agency_names=names,
        language=chosen, now=at, own_agency=me.name if me else None,
        own_contacts=tuple(_contact(x.name, x.phone, x.email) for x in me.contacts) if me else (),
        handed=handed,
    )
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "case.receipt", "case", case_id,
                     detail=f"{chosen}:consents:{len(given)}:shares:{len(sent)}"
                     f":files:{sum(len(x.files) for x in sent)}:handed:{len(handed)}")
    return receipt


_ProtocolOf = dict[int, tuple[str, str]]  # interview id -> (protocol id, version)


def _protocol_of(s: Session, case_id: int) -> _ProtocolOf:
    return {iv.id: (iv.protocol_id, iv.protocol_version)
            for iv in interviews.for_case(s.db, case_id)}


def _sent(row: ShareRow, files: Sequence[FileSentRow], protocol_of: _ProtocolOf,
          registry: protocols.Registry) -> SentShare:
    went = tuple(SentFile(FileKind(f.kind), Category(f.category), _instant(f.added_at))
                 for f in files)
    return SentShare(_instant(row.sent_at), _categories(row.field_keys, protocol_of, registry),
                     row.consent_ids, referral=row.kind == "referral", files=went)


def _handed(row: ExportRow, protocol_of: _ProtocolOf, registry: protocols.Registry
            ) -> HandedFile:
    return HandedFile(_instant(row.exported_at), Purpose(row.purpose), row.purpose_text,
                      _categories(row.field_keys, protocol_of, registry), row.consent_ids)


def _categories(field_keys: Sequence[str], protocol_of: _ProtocolOf,
                registry: protocols.Registry) -> frozenset[Category]:
    """What kinds of information went, from the field keys ("case:<column>",
    "answer:<interview id>:<question id>"): the keys are all a record keeps, never values."""
    found: set[Category] = set()
    for key in field_keys:
        kind, _, rest = key.partition(":")
        if kind == "case" and rest in CASE_FIELD_CATEGORIES:
            found.add(CASE_FIELD_CATEGORIES[rest])
        elif kind == "answer":
            interview, _, question = rest.partition(":")
            started = protocol_of.get(int(interview)) if interview.isdigit() else None
            protocol = None if started is None else registry.version(*started)
            match = [q for q in protocol.questions if q.id == question] if protocol else []
            if match:
                found.add(match[0].category)
    return frozenset(found)


def _instant(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def _contact(name: str, phone: str, email: str) -> str:
    reach = ", ".join(x for x in (phone, email) if x)
    return f"{name}: {reach}" if reach else name
