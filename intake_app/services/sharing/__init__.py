"""Sharing with partner agencies: share = case x consent, referrals, withdrawals, inbound.

The rule this package exists for: a field leaves this laptop only when a LIVE consent of that
case covers its category for that recipient agency and purpose. No live consent: `NoConsent`,
and nothing is queued. Nothing here logs or raises with a field value: ids and reason codes only.

This module is the face the front-ends call (`sharing.queue_share(...)`); the parts live in
    share.py        the rule itself (pure, property-tested)
    outbound.py     preview and queue a share; seal + outbox row for every outbound envelope
    referrals.py    send a referral, answer one that arrived
    withdrawals.py  withdraw a consent and tell every recipient
    attachments_out.py  which files go with a share, as `attachment` envelopes (pieces)
    attachments_in.py   pieces that arrive, whole files of a partner view, read back
    apply.py        what one verified inbound envelope does, by kind
    inbound.py      verify, apply once or quarantine; retry the quarantine
    views.py        what arrived and what was sent, read back
    mailbox.py      the sync engine's view of a session
"""

from intake_app.services.sharing.apply import PAYLOAD_REASONS
from intake_app.services.sharing.attachments_in import (
    partner_attachment_bytes,
    partner_preview,
    view_attachments,
)
from intake_app.services.sharing.inbound import (
    QUARANTINE_REASONS,
    RETRYABLE_REASONS,
    InboundResult,
    ReprocessReport,
    process_inbound,
    record_receive_problem,
    reprocess_quarantine,
)
from intake_app.services.sharing.mailbox import (
    SessionMailbox,
    open_worker_session,
    worker_mailbox_factory,
)
from intake_app.services.sharing.outbound import (
    NothingToShare,
    Queued,
    SharePreview,
    may_share,
    preview_share,
    queue_share,
)
from intake_app.services.sharing.referrals import (
    MAX_NOTE_CHARS,
    MAX_SERVICE_CHARS,
    URGENCIES,
    NotAReferral,
    respond_referral,
    send_referral,
)
from intake_app.services.sharing.share import (
    ADVOCATE_ORIGIN,
    CASE_FIELD_CATEGORIES,
    IDENTIFYING_CASE_FIELDS,
    PAYLOAD_VERSION,
    POLICE_ORIGIN,
    PROVENANCES,
    CaseField,
    NeverShare,
    NoConsent,
    ShareSelection,
    case_fields,
    compute_share,
    provenance_for_role,
)
from intake_app.services.sharing.views import (
    PartnerView,
    SyncCounts,
    case_referrals,
    case_shares,
    consent_withdrawals,
    inbox,
    open_partner_view,
    outbox,
    partner_views,
    pending_count,
    quarantine_list,
    sync_counts,
)
from intake_app.services.sharing.withdrawals import withdraw_consent

__all__ = [
    "ADVOCATE_ORIGIN",
    "CASE_FIELD_CATEGORIES",
    "IDENTIFYING_CASE_FIELDS",
    "MAX_NOTE_CHARS",
    "MAX_SERVICE_CHARS",
    "PAYLOAD_REASONS",
    "PAYLOAD_VERSION",
    "POLICE_ORIGIN",
    "PROVENANCES",
    "QUARANTINE_REASONS",
    "RETRYABLE_REASONS",
    "URGENCIES",
    "CaseField",
    "InboundResult",
    "NeverShare",
    "NoConsent",
    "NotAReferral",
    "NothingToShare",
    "PartnerView",
    "Queued",
    "ReprocessReport",
    "SessionMailbox",
    "SharePreview",
    "ShareSelection",
    "SyncCounts",
    "case_fields",
    "case_referrals",
    "case_shares",
    "compute_share",
    "consent_withdrawals",
    "inbox",
    "may_share",
    "open_partner_view",
    "open_worker_session",
    "outbox",
    "partner_attachment_bytes",
    "partner_preview",
    "partner_views",
    "pending_count",
    "preview_share",
    "process_inbound",
    "provenance_for_role",
    "quarantine_list",
    "queue_share",
    "record_receive_problem",
    "reprocess_quarantine",
    "respond_referral",
    "send_referral",
    "sync_counts",
    "view_attachments",
    "withdraw_consent",
    "worker_mailbox_factory",
]
