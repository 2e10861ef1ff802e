"""What the sharing screens ask of the services. Every function here runs on the database
worker (`worker.run(lambda s: jobs.x(s, ...), ...)`) and returns plain dataclasses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QImage

from intake_app.domain.consent import Purpose
from intake_app.domain.protocol import AnswerType, readable_time
from intake_app.services import agency, consents, partners, protocols, sharing
from intake_app.services.protocols import Registry
from intake_app.services.session import Session
from intake_app.ui.i18n import noop
from intake_app.ui.image_preview import image_of


@dataclass(frozen=True, slots=True)
class PartnerChoice:
    agency_id: str
    name: str
    kind: str


def confirmed_partners(s: Session) -> list[PartnerChoice]:
    """Partners whose fingerprint was confirmed: the only ones a share may go to."""
    return [
        PartnerChoice(p.agency_id, p.name, p.kind.value)
        for p in partners.list_partners(s)
        if p.confirmed
    ]


@dataclass(frozen=True, slots=True)
class ShareChoices:
    partners: list[PartnerChoice]  # confirmed ones
    # (agency id, purpose, its words for another purpose) a consent in force covers
    covered: frozenset[tuple[str, str, str | None]]


def share_choices(s: Session, case_id: int) -> ShareChoices:
    return ShareChoices(confirmed_partners(s), consents.covered_purposes(s, case_id))


def partner_names(s: Session) -> dict[str, str]:
    return {p.agency_id: p.name for p in partners.list_partners(s)}


# --- what a field is called -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class FieldLine:
    """One field as a person reads it in a preview or a partner view."""

    category: str
    label: str
    value: str
    state: str  # "value", "declined", "not_asked", "unknown"
    identifying: bool
    provenance: str


# Case-level fields; the screens pass every label through tr("Sync", ...).
CASE_FIELD_LABELS: dict[str, str] = {
    "preferred_name": noop("Sync", "Preferred name"),
    "legal_name": noop("Sync", "Legal name"),
    "date_of_birth": noop("Sync", "Date of birth"),
    "contact": noop("Sync", "Contact details"),
    "immigration": noop("Sync", "Immigration details"),
    "language": noop("Sync", "Language"),
}


LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}


def _question_index(registry: Registry, language: str
                    ) -> dict[tuple[str, str], tuple[str, dict[str, str], bool]]:
    """(protocol id, question id) -> its words and whether it asks a date-time, over every
    installed version (a payload names the protocol, not its version; the newest one wins)."""
    out: dict[tuple[str, str], tuple[str, dict[str, str], bool]] = {}
    for pid in registry:
        for installed in registry.versions(pid):
            for q in installed.protocol.questions:
                options = {o.id: o.text(language) for o in q.options}
                out[(pid, q.id)] = (q.text(language), options, q.type is AnswerType.DATETIME)
    return out


def _value_text(value: Any, options: Mapping[str, str]) -> str:
    if isinstance(value, list):
        return ", ".join(options.get(str(v), str(v)) for v in value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if value is None:
        return ""
    return options.get(str(value), str(value))


def field_lines(s: Session, fields: Sequence[Mapping[str, Any]], language: str
                ) -> list[FieldLine]:
    """Fields (payload dicts) in words: question text in `language`, option labels, states, as
    the protocols installed here word them (a partner's own protocol: the field's name)."""
    index = _question_index(protocols.installed(s), language)
    out: list[FieldLine] = []
    for f in fields:
        name = str(f.get("name", ""))
        protocol = f.get("protocol")
        options: dict[str, str] = {}
        timed = False
        if isinstance(protocol, str) and (protocol, name) in index:
            label, options, timed = index[(protocol, name)]
        else:
            label = CASE_FIELD_LABELS.get(name, name.replace("_", " "))
        state = str(f.get("state", "value"))
        value = f.get("value")
        if timed and isinstance(value, str):
            value = readable_time(value)
        if protocol is None and name == "language":
            options = LANGUAGE_NAMES
        out.append(
            FieldLine(
                category=str(f.get("category", "")),
                label=label,
                value=_value_text(value, options) if state == "value" else "",
                state=state,
                identifying=bool(f.get("identifying")),
                provenance=str(f.get("provenance", "")),
            )
        )
    return out


# --- share preview and send -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PreviewShown:
    """A SharePreview in words (what the recipient will see), and the ids it came from."""

    recipient_id: str
    recipient_name: str
    purpose: str
    lines: tuple[FieldLine, ...]
    categories: tuple[str, ...]
    withheld: int
    # Each categorised field that stays: (its label, untranslated; the reason code). No value.
    withheld_lines: tuple[tuple[str, str], ...] = ()
    purpose_text: str | None = None  # another purpose, in words

    def __repr__(self) -> str:
        return f"PreviewShown(recipient_id={self.recipient_id}, fields={len(self.lines)})"


def preview(
    s: Session, case_id: int, recipient_id: str, purpose: str, language: str,
    purpose_text: str | None = None,
) -> PreviewShown:
    p = sharing.preview_share(s, case_id, recipient_id, Purpose(purpose),
                              purpose_text=purpose_text)
    return PreviewShown(
        p.recipient_id,
        p.recipient_name,
        p.purpose.value,
        tuple(field_lines(s, [f.to_payload() for f in p.fields], language)),
        tuple(sorted(c.value for c in p.categories)),
        p.withheld,
        tuple(
            (line.label, reason.value)
            for line, (_, reason) in zip(
                field_lines(s, [{"name": f.name, "protocol": f.protocol_id}
                                for f, _ in p.reasons], language),
                p.reasons,
                strict=True,
            )
        ),
        p.purpose_text,
    )


def queue_share(s: Session, case_id: int, recipient_id: str, purpose: str,
                purpose_text: str | None = None) -> int:
    """Queue the share (recomputed from what is stored now); returns how many fields go."""
    return sharing.queue_share(s, case_id, recipient_id, Purpose(purpose),
                               purpose_text=purpose_text).field_count


def send_referral(
    s: Session, case_id: int, recipient_id: str, purpose: str, service: str, urgency: str,
    note: str, purpose_text: str | None = None,
) -> int:
    return sharing.send_referral(
        s, case_id, recipient_id, service, urgency, note, purpose=Purpose(purpose),
        purpose_text=purpose_text,
    ).field_count


@dataclass(frozen=True, slots=True)
class ReferralShown:
    recipient_name: str
    service: str
    urgency: str
    status: str
    note: str
    sent_at: str
    responded_at: str | None


def case_referrals(s: Session, case_id: int) -> list[ReferralShown]:
    names = partner_names(s)
    return [
        ReferralShown(
            names.get(r.recipient_id, r.recipient_id), r.service, r.urgency, r.status,
            r.response_note or "", r.sent_at, r.responded_at,
        )
        for r in sharing.case_referrals(s, case_id)
    ]


# --- the sharing page -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class InboxLine:
    id: int
    sender_name: str
    kind: str
    service: str | None
    urgency: str | None
    status: str
    received_at: str


@dataclass(frozen=True, slots=True)
class OutboxLine:
    recipient_name: str
    kind: str
    status: str
    attempts: int
    problem: str | None


@dataclass(frozen=True, slots=True)
class QuarantineLine:
    sender_name: str
    reason: str
    source: str
    received_at: str


@dataclass(frozen=True, slots=True)
class SharingBundle:
    inbox: list[InboxLine]
    outbox: list[OutboxLine]
    quarantine: list[QuarantineLine]


def load_sharing(s: Session) -> SharingBundle:
    names = partner_names(s)
    inbox = [
        InboxLine(i.id, names.get(i.sender_id, i.sender_id), i.kind, i.service, i.urgency,
                  i.status, i.received_at)
        for i in reversed(sharing.inbox(s))
    ]
    outbox = [
        OutboxLine(names.get(o.recipient_id, o.recipient_id), o.kind, o.status, o.attempts,
                   o.last_error)
        for o in reversed(sharing.outbox(s))
    ]
    quarantine = [
        QuarantineLine(
            names.get(q.sender_id, q.sender_id) if q.sender_id else "", q.reason,
            q.source, q.received_at,
        )
        for q in reversed(sharing.quarantine_list(s))
    ]
    return SharingBundle(inbox, outbox, quarantine)


@dataclass(frozen=True, slots=True)
class PartnerViewShown:
    """A partner's read-only view, in words. `None` fields: it was withdrawn."""

    sender_name: str
    version: int
    purpose: str
    received_at: str
    lines: tuple[FieldLine, ...]
    referral: dict[str, str] | None
    # The whole files that came with it: (file id, kind, category, size in bytes); no name
    # travels.
    files: tuple[tuple[int, str, str, int], ...] = ()
    item_id: int = 0
    purpose_text: str | None = None  # another purpose, in the sender's words


def open_partner_view(s: Session, item_id: int, language: str) -> PartnerViewShown | None:
    view = sharing.open_partner_view(s, item_id)  # audited
    if view is None:
        return None
    names = partner_names(s)
    referral = None
    if view.referral is not None:
        referral = {k: str(view.referral.get(k, "")) for k in ("service", "urgency", "note")}
    files = tuple((f.id, f.kind.value, f.category.value, f.size)
                  for f in sharing.view_attachments(s, item_id))
    return PartnerViewShown(
        names.get(view.sender_id, view.sender_id), view.version,
        view.purpose,
        view.received_at, tuple(field_lines(s, view.fields, language)), referral, files, item_id,
        view.purpose_text,
    )


def partner_file(s: Session, item_id: int, file_id: int) -> QImage:
    """A partner's file as the image its preview shows, made here on the worker."""
    return image_of(sharing.partner_preview(s, item_id, file_id))


def respond(s: Session, item_id: int, accept: bool, note: str) -> None:
    sharing.respond_referral(s, item_id, accept, note)


@dataclass(frozen=True, slots=True)
class Counts:
    counted: sharing.SyncCounts
    has_agency: bool


def counts(s: Session) -> Counts:
    if agency.get_identity(s) is None:
        return Counts(sharing.SyncCounts(0, 0, 0, 0, 0), False)
    return Counts(sharing.sync_counts(s), True)
