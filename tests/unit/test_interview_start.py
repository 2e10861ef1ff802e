"""Which guides a user may start an interview with, and the start refusing anything else."""

from __future__ import annotations

import pytest

from intake_app import errors
from intake_app.domain.case import Role
from intake_app.services import cases
from intake_app.services import interviews as iv_svc
from intake_app.services.session import Session, Workspace, add_user
from tests.conftest import PASSPHRASE


def _as(admin: Session, workspace: Workspace, name: str, role: Role) -> Session:
    add_user(admin, name, PASSPHRASE, role)
    return workspace.unlock(name, PASSPHRASE)


def _ids(s: Session, enabled: tuple[str, ...] | None = None) -> list[str]:
    return [p.id for p in iv_svc.protocol_choices(s, enabled)]


def test_each_role_is_offered_its_guides_its_usual_one_first(admin_session: Session,
                                                               workspace: Workspace) -> None:
    officer = _as(admin_session, workspace, "oficial", Role.OFFICER)
    supervisor = _as(admin_session, workspace, "sup", Role.SUPERVISOR)
    try:
        assert _ids(officer) == ["officer_victim_interview", "indicator_screening"]
        assert _ids(officer, ("advocate_intake", "indicator_screening")) == ["indicator_screening"]
        # No enabled guide fits the role: never blocked, the role's own guides are offered.
        assert _ids(officer, ("advocate_intake",)) == ["officer_victim_interview",
                                                      "indicator_screening"]
        assert set(_ids(supervisor)) == {"advocate_intake", "indicator_screening",
                                         "officer_victim_interview"}
    finally:
        officer.close()
        supervisor.close()


def test_a_start_with_a_guide_or_language_not_offered_is_refused(session: Session) -> None:
    case = cases.create_case(session)
    with pytest.raises(errors.InvalidInput):
        iv_svc.start_chosen(session, case.id, "officer_victim_interview", "en")
    with pytest.raises(errors.InvalidInput):
        iv_svc.start_chosen(session, case.id, "advocate_intake", "fr")
    iv = iv_svc.start_chosen(session, case.id, "indicator_screening", "es")
    assert (iv.protocol_id, iv.language) == ("indicator_screening", "es")
    assert [i.id for i in iv_svc.case_interviews(session, case.id)] == [iv.id]
