"""A consent for a purpose the list does not name, in words: recorded checked, shared only for
that purpose in the same words, and seen in those words by the partner, through a real relay."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from intake_app import errors
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.domain.replicated_rows import decode_consent, encode_consent
from intake_app.services import consents, sharing
from intake_app.sync.envelope import Kind, seal
from tests.integration import test_sharing
from tests.integration.conftest import RelayThread
from tests.integration.test_sharing import Agency, _case_with_answers, _client, _sync

two = test_sharing.two  # the fixtures: two agencies that confirmed each other, a relay
relay = test_sharing.relay

WORDS = "Housing application at the county office"


def _other(a: Agency, case_id: int, recipient: str, words: str | None) -> Consent:
    now = datetime.now(UTC)
    return consents.give_consent(a.session, Consent(
        id=0, case_id=case_id, purpose=Purpose.OTHER, recipient_id=recipient,
        categories=frozenset({Category.NEEDS}), wording="w", language="en",
        method=Method.SIGNED, interpreter=False, given_at=now - timedelta(minutes=1),
        expires_at=now + timedelta(days=30), purpose_text=words))


def test_another_purpose_needs_its_words_and_a_listed_one_takes_none(
    two: tuple[Agency, Agency],
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    for words in (None, "   ", "x" * 201):
        with pytest.raises(errors.InvalidInput):
            _other(adv, case_id, off.id, words)
    listed = replace(_other(adv, case_id, off.id, "  Legal   aid "), id=0,
                     purpose=Purpose.LAW_ENFORCEMENT)
    with pytest.raises(errors.InvalidInput):
        consents.give_consent(adv.session, listed)
    [kept] = consents.case_consents(adv.session, case_id)
    assert kept.purpose_text == "Legal aid"  # one line, spaces collapsed
    assert consents.covered_purposes(adv.session, case_id) == {(off.id, "other", "Legal aid")}


def test_shared_only_for_the_same_words_and_seen_in_them(
    two: tuple[Agency, Agency], relay: RelayThread,
) -> None:
    adv, off = two
    case_id = _case_with_answers(adv)
    _other(adv, case_id, off.id, WORDS)
    for purpose, words in ((Purpose.OTHER, "Legal aid"), (Purpose.CASE_COORDINATION, None)):
        with pytest.raises(sharing.NoConsent):
            sharing.preview_share(adv.session, case_id, off.id, purpose, purpose_text=words)
    with pytest.raises(errors.InvalidInput):  # another purpose is always named
        sharing.preview_share(adv.session, case_id, off.id, Purpose.OTHER)
    # The same purpose whatever the letter case and spacing it is typed with.
    preview = sharing.preview_share(adv.session, case_id, off.id, Purpose.OTHER,
                                    purpose_text=WORDS.upper().replace(" ", "  "))
    assert {f.category for f in preview.fields} == {Category.NEEDS}
    sharing.queue_share(adv.session, case_id, off.id, Purpose.OTHER, purpose_text=WORDS)
    _sync(adv, _client(relay, adv))
    report = _sync(off, _client(relay, off))
    assert (report.accepted, report.quarantined) == (1, 0)
    [view] = sharing.partner_views(off.session)
    assert (view.purpose, view.purpose_text) == ("other", WORDS)


def test_a_share_whose_purpose_and_words_disagree_is_quarantined(
    two: tuple[Agency, Agency],
) -> None:
    adv, off = two
    now = time.time()
    payload = {"v": 1, "share_ref": "ab" * 16, "purpose": "other", "purpose_text": WORDS,
               "consents": [{"ref": 1, "expires_at": "2099-01-01T00:00:00+00:00"}],
               "categories": ["needs"], "fields": [], "sent_at": "x"}
    bad = [{**payload, "purpose_text": None}, {**payload, "purpose_text": 7},
           {**payload, "purpose_text": "  two  spaces "}, {**payload, "purpose": "law_enforcement"}]
    for body in bad:
        sealed = seal(adv.identity, off.identity.card, Kind.SHARE, body, ttl_seconds=60, now=now)
        result = sharing.process_inbound(off.session, sealed, now)
        assert (result.status, result.reason) == ("quarantined", "invalid_payload")
    good = seal(adv.identity, off.identity.card, Kind.SHARE, payload, ttl_seconds=60, now=now)
    assert sharing.process_inbound(off.session, good, now).accepted
    [view] = sharing.partner_views(off.session)
    assert view.purpose_text == WORDS


def test_the_words_replicate_and_a_malformed_record_is_refused() -> None:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    consent = Consent(0, 7, Purpose.OTHER, "a" * 32, frozenset({Category.NEEDS}), "w", "en",
                      Method.WRITTEN, False, now, now + timedelta(days=9), purpose_text=WORDS)
    assert decode_consent(encode_consent(consent), 7) == consent
    listed = replace(consent, purpose=Purpose.LAW_ENFORCEMENT, purpose_text=None)
    assert "purpose_text" not in encode_consent(listed)  # the form laptops kept before
    assert decode_consent(encode_consent(listed), 7) == listed
    for bad in ('"purpose_text": 5', '"purpose_text": ""'):
        text = encode_consent(consent).replace(f'"purpose_text": "{WORDS}"', bad)
        with pytest.raises(ValueError, match="not a consent record"):
            decode_consent(text, 7)
