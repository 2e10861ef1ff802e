"""First run, "Join my agency": a wrong bundle passphrase is refused in words and writes nothing;
the right one shows the agency and its fingerprint words, and joining sets the laptop up."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from intake_app.admin.enrolment import Enrolment, make_bundle
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import PROFILE_FILE, SignedProfile
from intake_app.domain.case import Role
from intake_app.services import agency
from intake_app.services.provisioning import enrol_new_laptop
from intake_app.services.session import Session
from intake_app.storage.kdf import KdfParams
from intake_app.sync.keys import AgencyIdentity, fingerprint_words
from intake_app.ui.admin.join import JoinAgencyPanel
from intake_app.ui.worker import Worker

AGENCY = AgencyIdentity.generate(
    "Refugio Norte", "service_provider", [{"name": "A", "phone": "+34 600 000 000"}]
)
BUNDLE_PASS = "orange kettle seventeen lanterns"


def write_bundle(tmp_path: Path) -> Path:
    profile = SignedProfile.issue(AGENCY, AgencyPolicy(), 3)
    path = tmp_path / "agency.bundle"
    path.write_bytes(make_bundle(AGENCY, profile, [], BUNDLE_PASS, KdfParams.for_tests()))
    return path


def test_join_agency_panel(qtbot: QtBot, worker: Worker, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path)
    data_dir = tmp_path / "laptop"
    panel = JoinAgencyPanel(worker)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.open_button.isEnabled()
    panel.path.setText(str(bundle))
    panel.passphrase.setText("not the passphrase at all")
    panel.open_button.click()
    qtbot.waitUntil(panel.error.isVisible, timeout=10_000)
    assert panel.error.text() == "That passphrase does not open this enrolment bundle. Nothing was written."
    assert panel.passphrase.text() == ""  # cleared after use
    assert not panel.join_button.isVisible()
    assert not data_dir.exists()

    panel.passphrase.setText(BUNDLE_PASS)
    panel.open_button.click()
    qtbot.waitUntil(panel.join_button.isVisible, timeout=10_000)
    assert "Refugio Norte" in panel.summary.text()
    assert panel.words.text() == " ".join(fingerprint_words(AGENCY.card))
    assert not panel.error.isVisible()
    with qtbot.waitSignal(panel.joined) as blocker:
        panel.join_button.click()
    enrolment = blocker.args[0]
    assert isinstance(enrolment, Enrolment)

    # What first run does next, on the worker thread: create the first user and join.
    codes: list[str] = []

    def job() -> tuple[Session, str]:  # enrol_job(), with the tests' cheap KDF
        return enrol_new_laptop(
            data_dir, enrolment, "bea", "bea's long passphrase", Role.ADVOCATE,
            kdf=KdfParams.for_tests(),
        )  # fmt: skip

    worker.open_session(job, codes.append)
    qtbot.waitUntil(lambda: bool(codes), timeout=10_000)
    assert (data_dir / PROFILE_FILE).exists()
    got: list[str] = []

    def agency_id(s: Session) -> str:
        identity = agency.get_identity(s)
        return identity.agency_id if identity else ""

    worker.run(agency_id, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=10_000)
    assert got == [AGENCY.agency_id]
