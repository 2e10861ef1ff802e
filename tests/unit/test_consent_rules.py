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

from intake_app import errors
from intake_app.admin.policy import AgencyPolicy, PolicyError
from intake_app.domain.case import Identity
from intake_app.domain.consent import (
    IDENTIFYING_CATEGORIES,
    Agreement,
    AgreementKind,
    Category,
    Consent,
    ConsentRules,
    GivenBy,
    Method,
    Purpose,
    Withheld,
)
from intake_app.services import agency, cases, consents, partners, sharing
from intake_app.services.consents import GuardianBarred
from intake_app.services.session import Session
from intake_app.storage.sharing.material import CaseMaterial
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
    # Signed, by the 17-year-old and a guardian: all four may go.
    consents.give_consent(s, replace(_consent(case_id, partner.agency_id, Method.SIGNED),
                                     given_by=GivenBy.BOTH, guardian="Rosa Ortiz"))
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
    given = consents.give_consent(s, replace(_consent(case_id, partner.agency_id, Method.SIGNED),
                                             given_by=GivenBy.BOTH, guardian="Rosa Ortiz"))
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


# --- who consented: the person, a guardian, both ----------------------------------------------
@settings(max_examples=200)
@given(materials(), st.sampled_from(RECIPIENTS), purposes,
       st.lists(st.sampled_from(list(GivenBy)), min_size=6, max_size=6), st.booleans())
def test_no_identifying_field_of_a_minor_leaves_without_a_guardian(
    material: CaseMaterial, recipient: str, purpose: Purpose, who: list[GivenBy], alone: bool
) -> None:
    signed = tuple(replace(c, method=Method.SIGNED, given_by=who[i % 6],
                           guardian=None if who[i % 6] is GivenBy.PERSON else "G")
                   for i, c in enumerate(material.consents))
    fields, _ = sharing.case_fields(material, PROTOCOLS, None)
    rules = ConsentRules(minor_may_consent_alone=alone)
    try:
        sel = sharing.compute_share(material.case_id, fields, signed, recipient, purpose, NOW,
                                    rules=rules, minor=True)
    except sharing.NoConsent:
        return
    ok = {GivenBy.BOTH, GivenBy.PERSON} if alone else {GivenBy.BOTH}
    by_id = {c.id: c for c in signed}
    for f in sel.fields:
        if f.identifying or f.category in IDENTIFYING_CATEGORIES:
            assert any(by_id[i].given_by in ok and f.category in by_id[i].categories
                       for i in sel.consent_ids)


def _aged_case(s: Session, dob: str) -> int:
    case = cases.create_case(s, preferred_name="Lupe-canary")
    cases.update_identity(s, case.id, Identity(date_of_birth=dob))
    return case.id


def _given(case_id: int, recipient: str, who: GivenBy, guardian: str | None) -> Consent:
    return replace(_consent(case_id, recipient, Method.SIGNED,
                            frozenset({Category.IDENTITY, Category.NEEDS})),
                   given_by=who, guardian=guardian)


@pytest.mark.parametrize(("dob", "who", "leaves"), [
    ("2009-03-04", GivenBy.PERSON, False),  # 17: the person alone is not enough
    ("2009", GivenBy.GUARDIAN, False),  # nor the guardian alone
    ("2009-03-04", GivenBy.BOTH, True),
    ("1990-01-01", GivenBy.PERSON, True),  # an adult consents alone
])
def test_a_minor_s_name_needs_the_person_and_a_guardian(
    police: tuple[Session, AgencyIdentity], dob: str, who: GivenBy, leaves: bool,
) -> None:
    s, partner = police
    case_id = _aged_case(s, dob)
    guardian = None if who is GivenBy.PERSON else "Rosa Ortiz"
    consents.give_consent(s, _given(case_id, partner.agency_id, who, guardian))
    preview = sharing.preview_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    names = {f.name for f in preview.fields}
    assert ("preferred_name" in names) is leaves
    if not leaves:
        assert dict((f.name, r) for f, r in preview.reasons)["preferred_name"] is \
            Withheld.MINOR_NEEDS_GUARDIAN


def test_a_guardian_on_the_do_not_contact_list_cannot_consent(
    police: tuple[Session, AgencyIdentity],
) -> None:
    s, partner = police
    case_id = _aged_case(s, "2009-03-04")
    consents.add_do_not_contact(s, case_id, "Marco Ruiz", "trafficker")
    with pytest.raises(GuardianBarred):
        consents.give_consent(s, _given(case_id, partner.agency_id, GivenBy.BOTH, " marco  RUIZ"))
    assert consents.case_consents(s, case_id) == []
    # One recorded before the list named them stops counting for the guardian's part.
    consents.give_consent(s, _given(case_id, partner.agency_id, GivenBy.BOTH, "Rosa Ortiz"))
    assert "preferred_name" in {
        f.name for f in
        sharing.preview_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT).fields}
    consents.add_do_not_contact(s, case_id, "rosa ortiz", "abuser")
    preview = sharing.preview_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    assert preview.fields == ()
    assert dict((f.name, r) for f, r in preview.reasons)["preferred_name"] is \
        Withheld.MINOR_NEEDS_GUARDIAN


def test_a_guardian_consent_names_the_guardian(police: tuple[Session, AgencyIdentity]) -> None:
    s, partner = police
    case_id = _aged_case(s, "2009-03-04")
    with pytest.raises(errors.InvalidInput):
        consents.give_consent(s, _given(case_id, partner.agency_id, GivenBy.BOTH, "  "))
    with pytest.raises(errors.InvalidInput):
        consents.give_consent(s, _given(case_id, partner.agency_id, GivenBy.PERSON, "Rosa"))
    kept = consents.give_consent(s, _given(case_id, partner.agency_id, GivenBy.BOTH, " Rosa "))
    [stored] = consents.case_consents(s, case_id)
    assert stored.given_by is GivenBy.BOTH and stored.guardian == "Rosa" and stored.id == kept.id
    assert "Rosa" not in repr(stored)


# --- the never-share list -------------------------------------------------------------------------
@given(materials(), st.sampled_from(RECIPIENTS), purposes,
       st.frozensets(st.sampled_from(RECIPIENTS)))
def test_nothing_ever_leaves_to_an_agency_on_the_never_share_list(
    material: CaseMaterial, recipient: str, purpose: Purpose, never: frozenset[str]
) -> None:
    fields, _ = sharing.case_fields(material, PROTOCOLS, None)
    try:
        sel = sharing.compute_share(material.case_id, fields, material.consents, recipient,
                                    purpose, NOW, never=never)
    except sharing.NeverShare:
        assert recipient in never
        return
    except sharing.NoConsent:
        return
    assert recipient not in never
    assert all(recipient in {c.recipient_id for c in material.consents} for _ in sel.fields)


def test_the_never_share_list_stops_shares_referrals_and_consents(
    police: tuple[Session, AgencyIdentity],
) -> None:
    s, partner = police
    case_id = _aged_case(s, "1990-01-01")
    consents.give_consent(s, _given(case_id, partner.agency_id, GivenBy.PERSON, None))
    consents.add_never_share(s, case_id, partner.agency_id)
    assert consents.case_never_share(s, case_id) == {partner.agency_id}
    with pytest.raises(sharing.NeverShare):
        sharing.preview_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    with pytest.raises(sharing.NeverShare):
        sharing.queue_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT)
    with pytest.raises(sharing.NeverShare):
        sharing.send_referral(s, case_id, partner.agency_id, "Shelter", "urgent",
                              purpose=Purpose.LAW_ENFORCEMENT)
    with pytest.raises(consents.NeverShareConsent):
        consents.give_consent(s, _given(case_id, partner.agency_id, GivenBy.PERSON, None))
    assert sharing.outbox(s) == []
    consents.remove_never_share(s, case_id, partner.agency_id)  # the person changed mind
    assert sharing.queue_share(s, case_id, partner.agency_id, Purpose.LAW_ENFORCEMENT).field_count


# --- consent to services and to de-identified reporting ------------------------------------------
def test_services_and_reporting_are_answered_apart_and_the_latest_answer_counts(
    session: Session,
) -> None:
    case_id = cases.create_case(session).id
    now = datetime.now(UTC)
    assert consents.current_agreements(session, case_id) == {}
    assert not consents.counted_in_reports(session, case_id)  # never asked: not counted
    for kind, agreed in ((AgreementKind.SERVICES, True), (AgreementKind.REPORTING, True),
                         (AgreementKind.REPORTING, False)):
        consents.record_agreement(session, Agreement(0, case_id, kind, agreed, Method.VERBAL,
                                                     "es", now))
    current = consents.current_agreements(session, case_id)
    assert current[AgreementKind.SERVICES].agreed
    assert not current[AgreementKind.REPORTING].agreed  # said no later: withdrawn at once
    assert not consents.counted_in_reports(session, case_id)
    assert consents.case_consents(session, case_id) == []  # no sharing consent came of it
