"""An interview starts only in a language its guide is written in AND the agency's policy
enables; the policy setting round-trips; an administrator sees what each guide lacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake_app.admin.policy import AgencyPolicy, PolicyError
from intake_app.domain.case import Role
from intake_app.domain.protocol import load_protocol
from intake_app.errors import InvalidInput, LanguageNotOffered
from intake_app.services import cases, provisioning
from intake_app.services import interview_languages as langs
from intake_app.services import interviews as iv_svc
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session, Workspace, add_user
from intake_app.ui.i18n import error_text
from tests.conftest import PASSPHRASE

TRILINGUAL = load_protocol(Path(__file__).parents[1] / "data" / "protocols" /
                           "trilingual_check_in.json")
CONTACTS = [{"name": "Ana Ruiz", "role": "Coordinator", "email": "ana@norte.example.org"}]


def _in_force(s: Session, languages: tuple[str, ...]) -> None:
    provisioning.create_agency(s, "Refugio Norte", "service_provider", CONTACTS)
    provisioning.sign_policy(s, AgencyPolicy(interview_languages=languages))
    s.policy_state = provisioning.policy_in_force(s)


def test_the_policy_holds_interview_languages_and_refuses_bad_ones() -> None:
    assert AgencyPolicy().interview_languages == ("en", "es")
    assert "interview_languages" not in AgencyPolicy().to_dict()  # old profiles: same bytes
    p = AgencyPolicy.from_dict({"interview_languages": ["en", "es", "fr"]}, partial=True)
    assert AgencyPolicy.from_dict(p.to_dict()) == p
    for bad in ([], ["en", "en"], ["EN"], ["fr_CA"], "fr"):
        with pytest.raises(PolicyError, match="interview_languages"):
            AgencyPolicy.from_dict({"interview_languages": bad}, partial=True)


def test_french_needs_both_the_guide_and_the_policy(admin_session: Session) -> None:
    s = admin_session
    with pytest.raises(LanguageNotOffered) as info:  # the defaults enable en and es only
        langs.check_person_language(s, TRILINGUAL, "fr")
    assert info.value.ids["reason"] == "not_enabled"
    assert "has not enabled interviews in that language" in error_text(info.value)
    _in_force(s, ("en", "es", "fr"))
    langs.check_person_language(s, TRILINGUAL, "fr")
    assert langs.offered(s, TRILINGUAL) == ("en", "es", "fr")
    with pytest.raises(LanguageNotOffered) as info:
        langs.check_person_language(s, TRILINGUAL, "ar")
    assert info.value.ids["reason"] == "not_in_protocol"
    case = cases.create_case(s)
    with pytest.raises(LanguageNotOffered, match="not_in_protocol"):  # shipped guides: en, es
        iv_svc.start_chosen(s, case.id, "indicator_screening", "fr")


def test_a_language_the_policy_leaves_out_is_refused_even_if_the_guide_has_it(
        admin_session: Session) -> None:
    s = admin_session
    _in_force(s, ("en", "fr"))
    case = cases.create_case(s)
    with pytest.raises(InvalidInput) as info:  # still an InvalidInput for older callers
        iv_svc.start_chosen(s, case.id, "indicator_screening", "es")
    assert isinstance(info.value, LanguageNotOffered) and info.value.ids["reason"] == "not_enabled"
    assert iv_svc.start_chosen(s, case.id, "indicator_screening", "en").language == "en"


def test_an_administrator_sees_each_enabled_guides_gaps(admin_session: Session,
                                                        workspace: Workspace) -> None:
    report = langs.language_gaps(admin_session, [TRILINGUAL], ("en", "es", "fr", "ar"),
                                 ("trilingual_check_in",))
    assert [g.protocol_id for g in report] == ["trilingual_check_in"]
    assert {lang for _, lang in report[0].gaps} == {"ar"}
    assert langs.language_gaps(admin_session, [TRILINGUAL], ("fr",), ()) == []
    add_user(admin_session, "bea", PASSPHRASE, Role.ADVOCATE)
    advocate = workspace.unlock("bea", PASSPHRASE)
    try:
        with pytest.raises(NotPermitted):
            langs.language_gaps(advocate, [TRILINGUAL], ("fr",), ("trilingual_check_in",))
    finally:
        advocate.close()
