"""The consent rules a share obeys beyond "a live consent names the category" (issue 13).

The reproduced run: a VERBAL consent released the preferred name, legal name, date of birth and
phone of a 17-year-old to law enforcement. Under the default policy a spoken consent cannot
release an identifying field; the preview says, per field, why it stays.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.admin.policy import AgencyPolicy, PolicyError
from intake_app.domain.case import Identity
from intake_app.domain.consent import (
    IDENTIFYING_CATEGORIES,
    Category,
    Consent,
    ConsentRules,
    Method,
    Purpose,
    Withheld,
)
from intake_app.services import agency, cases, consents, partners, sharing
from intake_app.services.session import Session
from intake_app.storage.sharing import CaseMaterial
from intake_app.sync.envelope import open_envelope
from intake_app.sync.keys import AgencyIdentity
from tests.unit.test_share_consent import NOW, PROTOCOLS, RECIPIENTS, materials, purposes

CONTACT = [{"name": "Desk", "phone": "+1 555 0100"}]
ALL = frozenset(Category)


def _consent(case_id: int, recipient: str, method: Method, cats: frozenset[Category] = ALL,
             purpose: Purpose = Purpose.LAW_ENFORCEMENT) -> Consent:
    return Consent(0, case_id, purpose, recipient, cats, "w", "en", method, False,
                   datetime.now(UTC) - timedelta(minutes=1),
                   datetime.now(UTC) + timedelta(days=30))


@settings(max_examples=200)
@given(materials(), st.sampled_from(RECIPIENTS), purposes, st.sampled_from(list(Method)))
def test_no_identifying_field_leaves_on_a_spoken_consent(
    material: CaseMaterial, recipient: str, purpose: Purpose, method: Method
) -> None:
    spoken = tuple(replace(c, method=method) if c.id % 2 else replace(c, method=Method.VERBAL)
                   for c in material.consents)
    fields, uncategorised = sharing.case_fields(material, PROTOCOLS, None)
    try:
        sel = sharing.compute_share(material.case_id, fields, spoken, recipient, purpose, NOW,
                                    uncategorised=uncategorised, rules=ConsentRules())
    except sharing.NoConsent:
        return
    by_id = {c.id: c for c in spoken}
    for f in sel.fields:
        if f.identifying or f.category in IDENTIFYING_CATEGORIES:
            # Released only because a written or signed consent covers it.
            assert any(by_id[i].method is not Method.VERBAL and f.category in by_id[i].categories
                       for i in sel.consent_ids)
    # Every field that stays has its reason; the counts agree.
    assert len(sel.reasons) + len(sel.fields) == len(fields)
    assert sel.withheld == len(sel.reasons) + uncategorised
    # With the policy off, a spoken consent releases what it names, as before.
    loose = sharing.compute_share(material.case_id, fields, spoken, recipient, purpose, NOW,
                                  rules=ConsentRules(identifying_requires_written=False))
    assert {f.key for f in sel.fields} <= {f.key for f in loose.fields}
    assert all(r is Withheld.NOT_COVERED for _, r in loose.reasons)


@pytest.fixture
def police(session: Session) -> tuple[Session, AgencyIdentity]:
    agency.init_agency(session, "Shelter", "service_provider", CONTACT)
    partner = AgencyIdentity.generate("Police", "law_enforcement", CONTACT)
    partners.store_partner(session, partner.card.to_json())
    partners.mark_confirmed(session, partner.agency_id)
    return session, partner


def _minor_case(s: Session) -> int:
    case = cases.create_case(s, preferred_name="Lupe-canary")
    cases.update_identity(s, case.id, Identity(legal_name="Guadalupe Canary-Ortiz",
                                               date_of_birth="2009-03-04",
                                               contact="+1 555 0199 canary"))
    return case.id


def test_the_reproduced_verbal_release_of_a_minor_is_refused_with_reasons(
    police: tuple[Session, AgencyIdentity],
) -> None:
    s, partner = police
    case_id = _minor_case(s)
    consents.give_consent(s, _consent(case_id, partner.agency_id, Method.VERBAL))
    preview = sharing.preview_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    assert preview.fields == ()
    reasons = {f.name: r for f, r in preview.reasons}
    assert reasons == {name: Withheld.VERBAL_IDENTIFYING
                       for name in ("preferred_name", "legal_name", "date_of_birth", "contact")}
    with pytest.raises(sharing.NothingToShare):
        sharing.queue_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    assert sharing.outbox(s) == []


def test_a_signed_consent_releases_them(
    police: tuple[Session, AgencyIdentity],
) -> None:
    s, partner = police
    case_id = _minor_case(s)
    consents.give_consent(s, _consent(case_id, partner.agency_id, Method.SIGNED))
    queued = sharing.queue_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    [row] = sharing.outbox(s)
    me = agency.get_identity(s)
    assert me is not None
    opened = open_envelope(row.body, partner, {me.agency_id: me.card}, lambda _: False,
                           datetime.now(UTC).timestamp())
    assert "Lupe-canary" in json.dumps(opened.payload)
    assert queued.field_count == 4


def test_spoken_withdrawal_still_takes_effect_at_once(
    police: tuple[Session, AgencyIdentity],
) -> None:
    s, partner = police
    case_id = _minor_case(s)
    given = consents.give_consent(s, _consent(case_id, partner.agency_id, Method.SIGNED))
    sharing.queue_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    sharing.withdraw_consent(s, given.id)
    with pytest.raises(sharing.NoConsent):
        sharing.preview_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    assert [w.consent_id for w in sharing.consent_withdrawals(s, given.id)] == [given.id]


def test_the_policy_setting_is_on_by_default_and_strict() -> None:
    assert AgencyPolicy().identifying_requires_written is True
    old = {k: v for k, v in AgencyPolicy().to_dict().items()
           if k != "identifying_requires_written"}
    assert AgencyPolicy.from_dict(old).identifying_requires_written is True  # older profiles
    off = AgencyPolicy().with_changes(identifying_requires_written=False)
    assert AgencyPolicy.from_dict(off.to_dict()) == off
    with pytest.raises(PolicyError):
        AgencyPolicy().with_changes(identifying_requires_written=1)
