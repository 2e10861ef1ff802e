"""Sharing in plain words: purposes, categories, kinds, states, and every refusal reason.

Each table maps a stable code to an English sentence marked for translation (context "Sync");
`say()` translates one, and an unknown code is shown as it is, never hidden.
"""

from __future__ import annotations

from intake_app.ui.i18n import noop, tr

CTX = "Sync"

PURPOSES: dict[str, str] = {
    "case_coordination": noop("Sync", "Case coordination"),
    "services_referral": noop("Sync", "Referral to services"),
    "law_enforcement": noop("Sync", "Law enforcement"),
    "other": noop("Sync", "Another purpose"),
}
CATEGORIES: dict[str, str] = {
    "identity": noop("Sync", "Identity"),
    "contact": noop("Sync", "Contact"),
    "experience": noop("Sync", "Experience"),
    "needs": noop("Sync", "Needs"),
    "safety": noop("Sync", "Safety"),
    "immigration": noop("Sync", "Immigration"),
}
PROVENANCE: dict[str, str] = {
    "advocate-origin": noop("Sync", "Advocate"),
    "police-origin": noop("Sync", "Police"),
}
STATES: dict[str, str] = {
    "declined": noop("Sync", "Prefers not to say"),
    "not_asked": noop("Sync", "Not asked yet"),
    "unknown": noop("Sync", "Doesn't know"),
}
# Answers of yes/no questions are stored as these codes.
YES_NO: dict[str, str] = {
    "yes": noop("Sync", "Yes"),
    "no": noop("Sync", "No"),
}
# Why a field stays on this laptop (domain.consent.Withheld); shown per field in the preview.
WITHHELD: dict[str, str] = {
    "not_covered": noop("Sync", "no consent in force covers it"),
    "verbal_identifying": noop(
        "Sync",
        "it identifies the person, and the consent was only spoken: the agency's policy asks a "
        "written or signed consent for that",
    ),
    "minor_needs_guardian": noop(
        "Sync",
        "it identifies a person who may be under 18: that needs the consent of a parent or "
        "guardian as well as the person's own",
    ),
}
KINDS: dict[str, str] = {
    "share": noop("Sync", "Case information"),
    "referral": noop("Sync", "Referral"),
    "referral_response": noop("Sync", "Answer to a referral"),
    "update": noop("Sync", "Update"),
    "consent_withdrawal": noop("Sync", "Consent withdrawn"),
    "acknowledgement": noop("Sync", "Receipt"),
    "attachment": noop("Sync", "Part of a file"),
}
# What a file a partner sent is, by its kind (its name never travels: it may name the person).
FILE_KINDS: dict[str, str] = {
    "png": noop("Sync", "Picture (PNG)"),
    "jpeg": noop("Sync", "Photo (JPEG)"),
    "pdf": noop("Sync", "PDF document"),
    "other": noop("Sync", "Document"),
}
URGENCIES: dict[str, str] = {
    "routine": noop("Sync", "Routine"),
    "soon": noop("Sync", "Soon (within days)"),
    "urgent": noop("Sync", "Urgent (today)"),
}
INBOX_STATUS: dict[str, str] = {
    "new": noop("Sync", "New"),
    "accepted": noop("Sync", "You accepted"),
    "declined": noop("Sync", "You declined"),
    "withdrawn": noop("Sync", "Withdrawn by the sender: removed"),
    "expired": noop("Sync", "The consent it came under ended: removed"),
}
OUTBOX_STATUS: dict[str, str] = {
    "pending": noop("Sync", "Waiting to send"),
    "delivered": noop("Sync", "Delivered"),
    "failed": noop("Sync", "Could not be sent"),
}
REFERRAL_STATUS: dict[str, str] = {
    "sent": noop("Sync", "Waiting for an answer"),
    "pending": noop("Sync", "Waiting for an answer"),
    "accepted": noop("Sync", "Accepted"),
    "declined": noop("Sync", "Declined"),
}

# Why something that arrived was refused (kept aside, never opened as case information).
QUARANTINE: dict[str, str] = {
    "oversized": noop("Sync", "It was larger than anything a partner may send."),
    "truncated": noop("Sync", "It was cut off: only part of it arrived."),
    "bad_magic": noop("Sync", "It is not a Field Intake message at all."),
    "bad_version": noop("Sync", "It was made by a newer version of the app: update this laptop."),
    "malformed_header": noop("Sync", "Its address label is damaged."),
    "unknown_kind": noop("Sync", "It is a kind of message this app does not know."),
    "trailing_data": noop("Sync", "Something was added to it after it was signed."),
    "misaddressed": noop("Sync", "It was addressed to another agency, not to yours."),
    "unknown_sender": noop(
        "Sync",
        "It comes from an agency that is not a confirmed partner. It will be opened once an "
        "administrator confirms that partner.",
    ),
    "bad_signature": noop(
        "Sync", "Its signature does not match the sender: it may have been altered on the way."
    ),
    "expired": noop("Sync", "It arrived too late: it had expired."),
    "not_yet_valid": noop("Sync", "It is dated later than this laptop's clock (the sender's clock"
                                    " may be ahead): it is taken when that time comes."),
    "replayed": noop("Sync", "It is a copy of something that already arrived."),
    "decrypt_failed": noop("Sync", "It could not be unlocked with your agency's key."),
    "malformed_payload": noop("Sync", "It opened, but its contents are damaged."),
    "sealed_to_retired_key": noop(
        "Sync",
        "It was locked with your agency's old key, after an administrator replaced it. Ask the"
        " sender to send it again.",
    ),
    "not_for_this_laptop": noop(
        "Sync",
        "Your agency's keys were replaced, but not for this laptop. Ask your administrator to"
        " enrol it again.",
    ),
    "card_not_proven": noop(
        "Sync", "A new agency card arrived that its agency's signing key did not sign."
    ),
    "invalid_payload": noop("Sync", "It opened, but its contents are not in the expected form."),
    "unsupported_payload_version": noop(
        "Sync", "Its contents come from a newer version of the app: update this laptop."
    ),
    "no_consent_reference": noop("Sync", "It names no consent, so it may not be kept."),
    "unknown_reference": noop("Sync", "It answers something this laptop never sent."),
    "unsupported_kind": noop("Sync", "It is a kind of message this app does not know."),
    "attachment_inconsistent": noop(
        "Sync", "It is part of a file, but it does not agree with the other parts of that file."
    ),
    "attachment_mismatch": noop(
        "Sync", "All parts of a file arrived, but together they are not the file that was sent:"
        " it was not kept. Ask the sender to share it again.",
    ),
    "aggregate_invalid": noop(
        "Sync", "It is a partner's report counts, but not in the form this app sends (a small"
        " count shown, totals that do not add up, or something more than counts): nothing of it"
        " was kept. Ask the partner to update the app and send it again.",
    ),
    "aggregate_threshold_lower": noop(
        "Sync", "It is a partner's report counts, but it hides fewer small counts than this"
        " agency's rule: it was not kept. Ask the partner to send it again with this agency's"
        " threshold.",
    ),
    "internal_error": noop("Sync", "The app failed while storing it; nothing of it was kept."),
    "transport:not_an_envelope": noop("Sync", "A file in the folder is not a Field Intake message."),
    "transport:bad_header": noop("Sync", "A file in the folder has a damaged label."),
    "transport:bad_name": noop("Sync", "A file in the folder has an unexpected name."),
    "transport:id_mismatch": noop("Sync", "A file in the folder was renamed or altered."),
    "transport:truncated": noop("Sync", "A file in the folder is incomplete (cut off)."),
    "transport:too_large": noop("Sync", "A file in the folder is too large to be a message."),
    "transport:unreadable": noop("Sync", "A file in the folder could not be read."),
    "transport:not_a_file": noop("Sync", "Something in the folder is not a regular file."),
    "transport:misaddressed": noop("Sync", "A file in the folder is addressed to another agency."),
}
UNKNOWN_REASON = noop("Sync", "It was refused (reason code %1).")

# Why sending stopped or failed (transport reason codes).
SEND_PROBLEMS: dict[str, str] = {
    "expired": noop("Sync", "It waited too long and expired before it could be sent."),
    "too_large": noop("Sync", "It is too large for the relay."),
    "conflict": noop("Sync", "A different message with the same number is already there."),
    "unknown_device": noop("Sync", "The relay does not know this laptop: ask your administrator."),
    "device_revoked": noop(
        "Sync", "The relay has blocked this laptop: ask your administrator to enrol it again."
    ),
    "unknown_agency": noop(
        "Sync", "The relay does not know your agency yet: ask your administrator."
    ),
    "bad_signature": noop(
        "Sync", "The relay refused this laptop's signature: check the date and time."
    ),
    "clock_skew": noop("Sync", "This laptop's clock is wrong: correct the date and time."),
}
UNKNOWN_PROBLEM = noop("Sync", "The relay refused this laptop (reason code %1).")


def say(table: dict[str, str], code: str) -> str:
    """The translated words for `code` in `table`; the code itself when it has none."""
    text = table.get(code)
    return tr("Sync", text) if text is not None else code


def say_purpose(code: str, purpose_text: str | None) -> str:
    """A purpose in words; another purpose as the words it was agreed in."""
    if purpose_text:
        return tr("Sync", "Another purpose: %1").replace("%1", purpose_text)
    return say(PURPOSES, code)


def quarantine_reason(code: str) -> str:
    text = QUARANTINE.get(code)
    if text is None:
        return tr("Sync", UNKNOWN_REASON).replace("%1", code)
    return tr("Sync", text)


def send_problem(code: str) -> str:
    text = SEND_PROBLEMS.get(code)
    if text is None:
        return tr("Sync", UNKNOWN_PROBLEM).replace("%1", code)
    return tr("Sync", text)
