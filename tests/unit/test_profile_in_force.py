"""The profile in force is the last one verified in the encrypted database, not the file.

Real data folders and real signed profiles: an admin laptop whose agency signed serial 1 (the
defaults) at creation and serial 2 (auto-lock 3 minutes, lockout 30) after. Someone with the
folder then copies an older profile over the file, deletes it, breaks it, or puts a profile of
another agency with the same name there: the policy after unlock stays the last verified one,
the refusal is audited, the file is put back, and an administrator can always repair it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app import cli
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import PROFILE_FILE, SignedProfile, SignedProfileError
from intake_app.domain.case import Role
from intake_app.services import agency, consents, profiles, provisioning
from intake_app.services.session import Session, Workspace
from intake_app.storage import audit
from intake_app.storage.kdf import KdfParams
from intake_app.sync.keys import AgencyIdentity

PASS = "orange kettle seventeen lanterns"
CONTACTS = [{"name": "Ana Ruiz", "role": "Coordinator", "email": "ana@norte.example.org"}]
# Another agency with the very same name and kind: only its id and keys tell it apart.
IMPOSTOR = AgencyIdentity.generate("Refugio Norte", "service_provider", CONTACTS)
STRICT = AgencyPolicy(auto_lock_minutes=3, lockout_minutes=30, consent_default_days=30,
                       consent_max_days=60)


@dataclass(frozen=True)
class Laptop:
    data_dir: Path
    identity: AgencyIdentity
    serial1: bytes  # signed at creation: the defaults
    serial2: bytes  # the strict policy, in force

    @property
    def file(self) -> Path:
        return self.data_dir / PROFILE_FILE

    def unlock(self) -> Session:
        return Workspace(self.data_dir).unlock("admin", PASS)


def _make_template(folder: Path) -> Laptop:
    s, _ = Workspace(folder).set_up("admin", PASS, Role.ADMIN, kdf=KdfParams.for_tests())
    try:
        identity = provisioning.create_agency(s, "Refugio Norte", "service_provider", CONTACTS)
        serial1 = (folder / PROFILE_FILE).read_bytes()
        serial2 = provisioning.sign_policy(s, STRICT).to_bytes()
    finally:
        s.close()
    return Laptop(folder, identity, serial1, serial2)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Laptop:
    """Set up once (key derivation, migrations, agency keys); each test copies it."""
    return _make_template(tmp_path_factory.mktemp("template") / "data")


def _copy(template: Laptop, dest: Path) -> Laptop:
    shutil.copytree(template.data_dir, dest)
    return Laptop(dest, template.identity, template.serial1, template.serial2)


@pytest.fixture
def laptop(template: Laptop, tmp_path: Path) -> Laptop:
    return _copy(template, tmp_path / "data")


@pytest.fixture
def session(laptop: Laptop) -> Iterator[Session]:
    s = laptop.unlock()
    yield s
    s.close()


def refusals(s: Session) -> list[str | None]:
    rows = s.db.query("SELECT detail FROM audit WHERE action = 'profile.refused' ORDER BY seq")
    return [row[0] for row in rows]


def assert_strict_in_force(s: Session) -> None:
    state = s.policy_state
    assert state is not None
    assert (state.serial, state.policy) == (2, STRICT)
    assert provisioning.policy_in_force(s).policy == STRICT
    assert consents.consent_rules(s).max_days == 60
    assert provisioning.overview(s).serial == 2


# --- the file is not the authority after unlock -------------------------------------------------
def test_an_older_profile_copied_over_the_file_does_not_lower_auto_lock(laptop: Laptop) -> None:
    laptop.file.write_bytes(laptop.serial1)  # auto-lock 10 minutes, lockout 10
    s = laptop.unlock()
    try:
        assert_strict_in_force(s)
        assert s.policy_state is not None and s.policy_state.problem is not None
        assert s.policy_state.problem.reason == "older"
        assert refusals(s) == ["reason=older"]
    finally:
        s.close()
    # Put back at unlock: the next lock screen's lockout is the verified 30 minutes again.
    assert laptop.file.read_bytes() == laptop.serial2
    assert Workspace(laptop.data_dir).installed_policy().lockout_minutes == 30


def test_an_older_profile_copied_while_unlocked_is_reported_and_audited_once(
    session: Session, laptop: Laptop
) -> None:
    laptop.file.write_bytes(laptop.serial1)
    for _ in range(3):  # the window looks again at every change of the folder
        state = provisioning.policy_in_force(session)
        assert (state.serial, state.policy.auto_lock_minutes) == (2, 3)
        assert state.problem is not None and state.problem.reason == "older"
    assert refusals(session) == ["reason=older"]
    problem = provisioning.overview(session).profile_problem
    assert problem is not None
    assert "older than the policy in force" in problem.plain_source()


def test_a_deleted_file_keeps_the_policy(laptop: Laptop) -> None:
    laptop.file.unlink()
    assert Workspace(laptop.data_dir).installed_policy() == AgencyPolicy()  # before unlock
    s = laptop.unlock()
    try:
        assert_strict_in_force(s)
        assert s.policy_state is not None and s.policy_state.problem is not None
        assert s.policy_state.problem.reason == "missing"
        assert refusals(s) == ["reason=missing"]
    finally:
        s.close()
    assert laptop.file.read_bytes() == laptop.serial2


@pytest.mark.parametrize("damage", [
    lambda data: data.replace(b'"auto_lock_minutes": 3', b'"auto_lock_minutes": 30'),
    lambda data: data[: len(data) // 2],
    lambda _data: b"",
    lambda _data: b'{"format": "altered"}',
], ids=["edited", "cut", "empty", "not-a-profile"])
def test_a_broken_file_keeps_the_policy(laptop: Laptop, damage: Callable[[bytes], bytes]) -> None:
    laptop.file.write_bytes(damage(laptop.serial2))
    s = laptop.unlock()
    try:
        assert_strict_in_force(s)
        assert s.policy_state is not None and s.policy_state.problem is not None
        assert s.policy_state.problem.reason == "altered"
        assert refusals(s) == ["reason=altered"]
    finally:
        s.close()
    assert laptop.file.read_bytes() == laptop.serial2


def test_a_profile_of_another_agency_with_the_same_name_is_refused(
    session: Session, laptop: Laptop
) -> None:
    lax = SignedProfile.issue(IMPOSTOR, AgencyPolicy(auto_lock_minutes=30), 9).to_bytes()
    laptop.file.write_bytes(lax)  # dropped in the folder while the laptop is in use
    state = provisioning.policy_in_force(session)
    assert (state.serial, state.policy.auto_lock_minutes) == (2, 3)
    assert state.problem is not None and state.problem.reason == "foreign"
    assert refusals(session) == ["reason=foreign"]
    # Importing it is refused too; the real admin's next profile is taken over it.
    offered = laptop.data_dir.parent / "offered.json"
    offered.write_bytes(lax)
    with pytest.raises(SignedProfileError) as refused:
        provisioning.import_profile(session, offered)
    assert refused.value.reason == "foreign"
    assert laptop.file.read_bytes() == lax
    ours = SignedProfile.issue(laptop.identity, AgencyPolicy(auto_lock_minutes=2), 3)
    offered.write_bytes(ours.to_bytes())
    installed = provisioning.import_profile(session, offered)
    assert installed.serial == 3
    assert laptop.file.read_bytes() == ours.to_bytes()
    state = provisioning.policy_in_force(session)
    assert (state.serial, state.policy.auto_lock_minutes, state.problem) == (3, 2, None)


def test_a_foreign_profile_never_binds_a_laptop_that_has_an_agency(laptop: Laptop) -> None:
    """Even a foreign file with a higher serial before any unlock since the upgrade."""
    laptop.file.write_bytes(SignedProfile.issue(IMPOSTOR, AgencyPolicy(), 40).to_bytes())
    s = laptop.unlock()
    try:
        assert_strict_in_force(s)
        assert profiles.trusted_card(s) == laptop.identity.card
    finally:
        s.close()


def test_a_newer_profile_of_our_agency_in_the_file_is_adopted(
    session: Session, laptop: Laptop
) -> None:
    newer = SignedProfile.issue(laptop.identity, AgencyPolicy(auto_lock_minutes=1), 5)
    laptop.file.write_bytes(newer.to_bytes())
    state = provisioning.policy_in_force(session)
    assert (state.serial, state.policy.auto_lock_minutes, state.problem) == (5, 1, None)
    assert audit.last_seq(session.db, "profile.adopt") > 0
    assert profiles.highest_serial(session) == 5


# --- installing: monotonic, and a repair whatever the file holds --------------------------------
def test_an_older_or_equal_profile_is_refused_even_with_the_file_gone(
    session: Session, laptop: Laptop
) -> None:
    offered = laptop.data_dir.parent / "offered.json"
    laptop.file.unlink()  # with no file there used to be nothing to compare with
    offered.write_bytes(laptop.serial1)
    with pytest.raises(SignedProfileError) as older:
        provisioning.import_profile(session, offered)
    assert older.value.reason == "older"
    assert "older than the one installed (serial 1; installed 2)" in older.value.message
    same_serial = SignedProfile.issue(laptop.identity, AgencyPolicy(auto_lock_minutes=30), 2)
    offered.write_bytes(same_serial.to_bytes())
    with pytest.raises(SignedProfileError) as equal:
        provisioning.import_profile(session, offered)
    assert equal.value.reason == "not_newer"
    with pytest.raises(SignedProfileError, match="not newer"):
        provisioning.sign_policy(session, AgencyPolicy(), serial=2)
    assert not laptop.file.exists()
    # The exact profile in force may be installed again: that is how a file is put back.
    offered.write_bytes(laptop.serial2)
    assert provisioning.import_profile(session, offered).serial == 2
    assert laptop.file.read_bytes() == laptop.serial2


def test_signing_after_an_older_file_takes_the_next_serial_of_the_database(
    session: Session, laptop: Laptop
) -> None:
    laptop.file.write_bytes(laptop.serial1)
    assert provisioning.sign_policy(session, AgencyPolicy(auto_lock_minutes=4)).serial == 3
    assert provisioning.issue_profile(session, AgencyPolicy()).serial == 4


@pytest.mark.parametrize("planted", ["foreign", "edited", "older"])
def test_intake_admin_import_profile_repairs_the_file(
    laptop: Laptop, tmp_path: Path, planted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {
        "foreign": SignedProfile.issue(IMPOSTOR, AgencyPolicy(auto_lock_minutes=30), 9).to_bytes(),
        "edited": laptop.serial2.replace(b'"lockout_minutes": 30', b'"lockout_minutes": 10'),
        "older": laptop.serial1,
    }[planted]
    laptop.file.write_bytes(bad)
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASS + "\n")
    good = tmp_path / "profile-2.json"
    good.write_bytes(laptop.serial2)
    # The command's own unlock already puts the file back and says so; the import then
    # rewrites it whatever it holds.
    rc = cli.main(["--data-dir", str(laptop.data_dir), "admin", "import-profile", str(good),
                   "--user", "admin", "--passphrase-file", str(pass_file)])
    assert rc == 0
    err = capsys.readouterr().err
    assert "profile file on this laptop was not used" in err and "(version 2)" in err
    assert laptop.file.read_bytes() == laptop.serial2
    s = laptop.unlock()
    try:
        assert_strict_in_force(s)
        assert s.policy_state is not None and s.policy_state.problem is None
    finally:
        s.close()


# --- any sequence: the policy in force is always the highest verified serial --------------------
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("install"), st.integers(1, 6)),
        st.tuples(st.just("copy"), st.integers(1, 6)),  # a verified profile file dropped in
        st.tuples(st.sampled_from(["delete", "corrupt", "foreign", "unlock"]), st.just(0)),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                  HealthCheck.too_slow])
@given(steps=STEPS)
def test_the_policy_in_force_is_always_the_highest_verified_serial(
    template: Laptop, tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[str, int]]
) -> None:
    laptop = _copy(template, tmp_path_factory.mktemp("seq") / "data")
    signed = {1: laptop.serial1, 2: laptop.serial2} | {
        k: SignedProfile.issue(laptop.identity, AgencyPolicy(auto_lock_minutes=k * 4), k).to_bytes()
        for k in range(3, 7)
    }
    offered = laptop.data_dir.parent / "offered.json"
    highest = 2
    s = laptop.unlock()
    try:
        for op, k in steps:
            if op == "install":
                offered.write_bytes(signed[k])
                if k >= highest:  # equal: the very profile in force, installed again
                    provisioning.import_profile(s, offered)
                    highest = k
                else:
                    with pytest.raises(SignedProfileError):
                        provisioning.import_profile(s, offered)
            elif op == "copy":
                laptop.file.write_bytes(signed[k])
                highest = max(highest, k)  # a newer one is adopted at the next look
            elif op == "delete":
                laptop.file.unlink(missing_ok=True)
            elif op == "corrupt":
                data = laptop.file.read_bytes() if laptop.file.exists() else signed[highest]
                laptop.file.write_bytes(data[:-40] + b"x" * 40)
            elif op == "foreign":
                laptop.file.write_bytes(
                    SignedProfile.issue(IMPOSTOR, AgencyPolicy(auto_lock_minutes=30), 50).to_bytes())
            else:
                s.close()
                s = laptop.unlock()
                assert laptop.file.read_bytes() == signed[highest]  # put back at unlock
            state = provisioning.policy_in_force(s)
            expected = SignedProfile.from_bytes(signed[highest])
            assert (state.serial, state.policy) == (highest, expected.policy), (op, k)
            assert profiles.in_force(s) == expected.policy
            assert agency.get_identity(s) is not None
    finally:
        s.close()
