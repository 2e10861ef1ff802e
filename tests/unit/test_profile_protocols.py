"""The protocols a signed profile carries (admin/profile_protocols.py): covered by the signature,
checked against their digest, id and version when read; one the policy does not enable, or a
profile grown past the size laptops read, is refused when issued."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import SignedProfile, SignedProfileError
from intake_app.admin.profile_protocols import CarriedProtocol
from intake_app.services.protocols import canonical_document, digest
from intake_app.sync.keys import AgencyIdentity
from tests.protocol_docs import ID, document

IDENTITY = AgencyIdentity.generate("Casa Norte", "service_provider",
                                   [{"name": "Desk", "phone": "+1 555 0100"}])
POLICY = AgencyPolicy(protocols_enabled=("advocate_intake", ID))


def carried(version: str = "1") -> CarriedProtocol:
    raw = canonical_document(json.loads(document(version)))
    return CarriedProtocol(ID, version, digest(raw), raw)


def test_a_profile_carries_its_protocols_through_bytes() -> None:
    profile = SignedProfile.issue(IDENTITY, POLICY, 3, protocols=(carried(),))
    again = SignedProfile.from_bytes(profile.to_bytes())
    assert again.protocols == profile.protocols
    assert again.protocols[0].document == carried().document
    bare = SignedProfile.issue(IDENTITY, POLICY, 3)  # as signed before protocols travelled
    assert "protocols" not in json.loads(bare.to_bytes())
    assert SignedProfile.from_bytes(bare.to_bytes()).protocols == ()


def _edited(data: bytes, edit: object) -> bytes:
    doc = json.loads(data)
    edit(doc)  # type: ignore[operator]
    return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=True) + "\n").encode()


@pytest.mark.parametrize("edit", [
    lambda d: d["protocols"][0].update(version="2"),
    lambda d: d["protocols"][0].update(sha256="0" * 64),
    lambda d: d["protocols"][0].update(document=d["protocols"][0]["document"].replace(
        "Shelter check-in", "Shelter check-up")),
    lambda d: d["protocols"][0].pop("document"),
    lambda d: d.update(protocols=[]),
    lambda d: d.update(protocols=[d["protocols"][0], d["protocols"][0]]),
], ids=["version", "digest", "document", "missing", "empty", "twice"])
def test_a_carried_protocol_changed_after_signing_is_refused(edit: object) -> None:
    data = SignedProfile.issue(IDENTITY, POLICY, 3, protocols=(carried(),)).to_bytes()
    with pytest.raises(SignedProfileError):
        SignedProfile.from_bytes(_edited(data, edit))


def test_a_protocol_the_policy_does_not_enable_is_refused_when_issued() -> None:
    with pytest.raises(SignedProfileError) as err:
        SignedProfile.issue(IDENTITY, AgencyPolicy(), 3, protocols=(carried(),))
    assert err.value.ids["reason"] == "bad_protocols"


def test_a_profile_too_large_for_laptops_is_refused_when_issued() -> None:
    big = json.loads(document("1"))
    big["sections"][0]["questions"][0]["note"]["en"] = "x" * 900_000
    many = []
    for n in range(3):
        doc = dict(big, id=f"big_{n}")
        raw = canonical_document(doc)
        many.append(CarriedProtocol(f"big_{n}", "1", digest(raw), raw))
    policy = AgencyPolicy(protocols_enabled=tuple(p.id for p in many))
    with pytest.raises(SignedProfileError, match="larger than"):
        SignedProfile.issue(IDENTITY, policy, 3, protocols=tuple(many))


@settings(max_examples=40, deadline=None)
@given(position=st.integers(min_value=0), byte=st.integers(min_value=0, max_value=255))
def test_any_changed_byte_of_a_profile_with_protocols_is_refused(position: int, byte: int) -> None:
    data = bytearray(SignedProfile.issue(IDENTITY, POLICY, 3, protocols=(carried(),)).to_bytes())
    i = position % len(data)
    if data[i] == byte:
        return
    data[i] = byte
    with pytest.raises(SignedProfileError):
        SignedProfile.from_bytes(bytes(data))
