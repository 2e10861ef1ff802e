"""Property: no field ever leaves without a live consent covering its category for that
recipient and purpose. Withdrawn, expired, not-yet-given, other-purpose and other-recipient
consents share nothing.

Two levels: the pure selection (`compute_share`) over generated cases and consents, many
examples; and the whole path through the encrypted database (`queue_share`), where the sealed
envelope in the outbox is opened with the recipient's key and checked field by field.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from intake_app.domain.answers import Answer
from intake_app.domain.consent import Category, Consent, Method, Purpose
from intake_app.domain.protocol import load_shipped
from intake_app.services import agency, cases, consents, interviews, partners, sharing
from intake_app.services.session import Session
from intake_app.storage.sharing.material import CASE_COLUMNS, CaseMaterial, InterviewMaterial
from intake_app.sync.envelope import Kind, open_envelope
from intake_app.sync.keys import AgencyIdentity
from tests.answer_values import fitting_value, takes_text

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
RECIPIENTS = ("a" * 32, "b" * 32, "c" * 32)
PROTOCOLS = load_shipped()
CONTACT = [{"name": "Desk", "phone": "+1 555 0100"}]

categories = st.frozensets(st.sampled_from(list(Category)), min_size=1)
# Another purpose comes in words; two spellings of one purpose are one purpose.
PURPOSE_WORDS = ("Housing application", "housing   APPLICATION", "Legal aid")
Aim = tuple[Purpose, str | None]
aims = st.sampled_from(list(Purpose)).flatmap(
    lambda p: st.tuples(st.just(p), st.sampled_from(PURPOSE_WORDS) if p is Purpose.OTHER
                        else st.none()))


# The listed purposes, for the rules that do not depend on which purpose (test_consent_rules).
purposes = st.sampled_from([p for p in Purpose if p is not Purpose.OTHER])


def same_aim(a: Aim, b: Aim) -> bool:
    """The test's own reading of "one purpose" (the domain's is same_purpose)."""
    def norm(t: str | None) -> str:
        return " ".join((t or "").casefold().split())
    return a[0] is b[0] and (a[0] is not Purpose.OTHER or norm(a[1]) == norm(b[1]))
offsets = st.integers(min_value=-400, max_value=400).map(lambda d: timedelta(days=d))


@st.composite
def consent_lists(draw: st.DrawFn, case_id: int) -> list[Consent]:
    out = []
    for i in range(draw(st.integers(0, 5))):
        given_at = NOW + draw(offsets)
        expires_at = given_at + timedelta(days=draw(st.integers(1, 400)))
        withdrawn = draw(st.booleans()) and draw(st.booleans())
        purpose, words = draw(aims)
        out.append(
            Consent(
                id=i + 1,
                case_id=draw(st.sampled_from([case_id, case_id, case_id, case_id + 1])),
                purpose=purpose,
                purpose_text=words,
                recipient_id=draw(st.sampled_from(RECIPIENTS)),
                categories=draw(categories),
                wording="w",
                language="en",
                method=Method.WRITTEN,
                interpreter=False,
                given_at=given_at,
                expires_at=expires_at,
                withdrawn_at=NOW - timedelta(days=1) if withdrawn else None,
            )
        )
    return out


answers_st = st.one_of(
    st.text(min_size=1, max_size=8).map(Answer.of),
    st.just(Answer.declined()),
    st.just(Answer.unknown()),
    st.just(Answer.not_asked()),
)


@st.composite
def materials(draw: st.DrawFn) -> CaseMaterial:
    case_id = draw(st.integers(1, 1000))
    fields = {name: draw(st.none() | st.text(min_size=1, max_size=6)) for name in CASE_COLUMNS}
    ivs = []
    for n in range(draw(st.integers(0, 3))):
        protocol = PROTOCOLS[draw(st.sampled_from(sorted(PROTOCOLS)))]
        qids = draw(st.lists(st.sampled_from([q.id for q in protocol.questions]), unique=True))
        qids += draw(st.lists(st.sampled_from(["zz_unknown", "legacy_q"]), unique=True))
        ivs.append(
            InterviewMaterial(
                n + 1,
                protocol.id,
                protocol.version,
                draw(st.sampled_from(["advocate", "officer", "supervisor", "admin"])),
                {q: draw(answers_st) for q in qids},
            )
        )
    return CaseMaterial(case_id, fields, tuple(ivs), tuple(draw(consent_lists(case_id))))


@settings(max_examples=250)
@given(materials(), st.sampled_from(RECIPIENTS), aims)
def test_selection_is_exactly_what_live_consents_cover(
    material: CaseMaterial, recipient: str, aim: Aim
) -> None:
    purpose, words = aim
    fields, uncategorised = sharing.case_fields(material, PROTOCOLS, None)
    live = [
        c
        for c in material.consents
        if c.case_id == material.case_id
        and c.recipient_id == recipient
        and same_aim((c.purpose, c.purpose_text), aim)
        and c.withdrawn_at is None
        and c.given_at <= NOW < c.expires_at
    ]
    if not live:
        with pytest.raises(sharing.NoConsent):
            sharing.compute_share(
                material.case_id, fields, material.consents, recipient, purpose, NOW,
                purpose_text=words,
            )
        return
    sel = sharing.compute_share(
        material.case_id,
        fields,
        material.consents,
        recipient,
        purpose,
        NOW,
        uncategorised=uncategorised,
        purpose_text=words,
    )
    covered = {cat for c in live for cat in c.categories}
    # Sound: every field that leaves is covered by a live consent of this case.
    for f in sel.fields:
        assert f.category in covered
        assert any(c.covers(recipient, purpose, f.category, NOW, words) for c in live)
        assert f.provenance in {"advocate-origin", "police-origin"}
    # Complete and exact: every covered field leaves, nothing else, unknown questions never.
    assert {f.key for f in sel.fields} == {f.key for f in fields if f.category in covered}
    assert not any(f.name in ("zz_unknown", "legacy_q") for f in sel.fields)
    assert set(sel.consent_ids) <= {c.id for c in live}
    assert sel.withheld == len(fields) - len(sel.fields) + uncategorised


@given(materials(), st.sampled_from(RECIPIENTS), aims)
def test_dead_consents_share_nothing(
    material: CaseMaterial, recipient: str, aim: Aim
) -> None:
    dead = tuple(
        replace(c, withdrawn_at=NOW)
        if i % 2 == 0
        else replace(c, given_at=NOW - timedelta(days=10), expires_at=NOW - timedelta(seconds=1))
        for i, c in enumerate(material.consents)
    )
    fields, _ = sharing.case_fields(material, PROTOCOLS, None)
    with pytest.raises(sharing.NoConsent):
        sharing.compute_share(material.case_id, fields, dead, recipient, aim[0], NOW,
                              purpose_text=aim[1])


def test_provenance_follows_the_interview_role() -> None:
    protocol = PROTOCOLS["advocate_intake"]
    q = protocol.questions[0].id
    material = CaseMaterial(
        1,
        dict.fromkeys(CASE_COLUMNS),
        (
            InterviewMaterial(1, protocol.id, "1.0", "advocate", {q: Answer.of("x")}),
            InterviewMaterial(2, protocol.id, "1.0", "officer", {q: Answer.of("y")}),
        ),
        (),
    )
    fields, _ = sharing.case_fields(material, PROTOCOLS, None)
    assert [f.provenance for f in fields] == ["advocate-origin", "police-origin"]


# --- through the database and the sealed envelope --------------------------------------------
ADVOCATE_QUESTIONS = [q for q in PROTOCOLS["advocate_intake"].questions]


@st.composite
def db_consents(draw: st.DrawFn) -> list[tuple[str, Aim | str, frozenset[Category], str]]:
    """(recipient: 'partner'|'other', purpose or 'same', categories, state)"""
    return draw(
        st.lists(
            st.tuples(
                st.sampled_from(["partner", "partner", "other"]),
                st.sampled_from(["same", "same"]) | aims,
                categories,
                st.sampled_from(["live", "live", "live", "expired", "withdrawn", "future"]),
            ),
            min_size=1,
            max_size=4,
        )
    )


@pytest.fixture
def shared_setup(session: Session) -> tuple[Session, AgencyIdentity, str]:
    agency.init_agency(session, "Shelter", "service_provider", CONTACT)
    partner = AgencyIdentity.generate("Police", "law_enforcement", CONTACT)
    partners.store_partner(session, partner.card.to_json())
    partners.mark_confirmed(session, partner.agency_id)
    other = AgencyIdentity.generate("Other", "other", CONTACT)
    partners.store_partner(session, other.card.to_json())
    partners.mark_confirmed(session, other.agency_id)
    return session, partner, other.agency_id


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.sampled_from(ADVOCATE_QUESTIONS), unique_by=lambda q: q.id, max_size=10),
    db_consents(),
    aims,
    st.booleans(),
)
def test_what_is_sealed_is_only_what_live_consents_cover(
    shared_setup: tuple[Session, AgencyIdentity, str],
    questions: list,  # type: ignore[type-arg]
    raw_specs: list[tuple[str, Aim | str, frozenset[Category], str]],
    aim: Aim,
    with_identity: bool,
) -> None:
    s, partner, other_id = shared_setup
    purpose, words = aim
    consent_specs = [(w, aim if isinstance(p, str) else p, c, x) for w, p, c, x in raw_specs]
    now = datetime.now(UTC)
    case = cases.create_case(s, preferred_name="PN-canary" if with_identity else None)
    iv = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "en")
    given_values = {q.id: fitting_value(q, f"val-{q.id}-canary") for q in questions}
    for q in questions:
        interviews.record_answer(s, iv.id, q.id, Answer.of(given_values[q.id]))
    covered: set[Category] = set()
    for who, c_purpose, cats, state in consent_specs:
        given_at = {"future": now + timedelta(days=2), "expired": now - timedelta(days=30)}.get(
            state, now - timedelta(minutes=5)
        )
        expires_at = now - timedelta(days=1) if state == "expired" else now + timedelta(days=30)
        if state == "future":
            expires_at = now + timedelta(days=40)
        consent = consents.give_consent(
            s,
            Consent(
                id=0,
                case_id=case.id,
                purpose=c_purpose[0],
                purpose_text=c_purpose[1],
                recipient_id=partner.agency_id if who == "partner" else other_id,
                categories=cats,
                wording="w",
                language="en",
                method=Method.SIGNED,
                interpreter=False,
                given_at=given_at,
                expires_at=expires_at,
            ),
        )
        if state == "withdrawn":
            sharing.withdraw_consent(s, consent.id)
        if who == "partner" and same_aim(c_purpose, aim) and state == "live":
            covered |= cats
    has_live = any(
        who == "partner" and same_aim(p, aim) and st_ == "live" for who, p, _, st_ in consent_specs
    )
    expected = {f"answer:{iv.id}:{q.id}" for q in questions if q.category in covered}
    # The case has a preferred name when it was given, or answered (the answer fills it).
    named = with_identity or any(q.fills == "preferred_name" for q in questions)
    if named and Category.IDENTITY in covered:
        expected.add("case:preferred_name")
    before = len(sharing.outbox(s))
    event("no live consent" if not has_live else "nothing covered" if not expected else "sealed")
    if not has_live:
        with pytest.raises(sharing.NoConsent):
            sharing.queue_share(s, case.id, partner.agency_id, purpose, purpose_text=words)
        assert len(sharing.outbox(s)) == before
        return
    if not expected:
        with pytest.raises(sharing.NothingToShare):
            sharing.queue_share(s, case.id, partner.agency_id, purpose, purpose_text=words)
        assert len(sharing.outbox(s)) == before
        return
    queued = sharing.queue_share(s, case.id, partner.agency_id, purpose, purpose_text=words)
    [row] = [r for r in sharing.outbox(s) if r.envelope_id == queued.envelope_id]
    me = agency.get_identity(s)
    assert me is not None
    opened = open_envelope(
        row.body, partner, {me.agency_id: me.card}, lambda _: False, now.timestamp()
    )
    assert opened.header.kind is Kind.SHARE
    # Another purpose travels in its words (spaces collapsed), so the partner sees what for.
    assert opened.payload.get("purpose_text") == (None if words is None else " ".join(words.split()))
    got = {f["key"] for f in opened.payload["fields"]}
    assert got == expected
    assert {f["category"] for f in opened.payload["fields"]} <= {c.value for c in covered}
    # What leaves is each covered answer exactly as given; an uncovered text's canary nowhere.
    sent = {f["key"]: f["value"] for f in opened.payload["fields"]}
    for q in questions:
        if q.category in covered:
            assert sent[f"answer:{iv.id}:{q.id}"] == given_values[q.id]
    text = json.dumps(opened.payload)
    for q in questions:
        if q.category not in covered and takes_text(q):
            assert f"val-{q.id}-canary" not in text
    if Category.IDENTITY not in covered:
        assert "PN-canary" not in text
