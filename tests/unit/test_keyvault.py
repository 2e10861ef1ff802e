"""Key vault: real key files under tmp_path, cheap Argon2id parameters."""

from __future__ import annotations

import base64
import json
import re
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.domain.passphrase import weakness
from intake_app.errors import (
    AlreadyInitialised,
    InvalidInput,
    KeyFileCorrupt,
    KeyFileMissing,
    LastUser,
    UnknownUser,
    UnlockThrottled,
    UserExists,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryCode,
)
from intake_app.storage import keyvault, recovery_code
from intake_app.storage.kdf import KdfParams, measure_kdf
from intake_app.storage.keyvault import (
    DataKeyMismatch,
    DataKeys,
    KeyVault,
    NoRekeyInProgress,
    RekeyInProgress,
    throttle_delay,
)
from intake_app.storage.recovery_code import new_recovery_code, normalise_recovery_code

PARAMS = KdfParams.for_tests()
ALICE, ALICE_PW = "Alicia Fernández", "correct horse battery"
BOB, BOB_PW = "bob.okafor", "staple gun 4 ever"
T0 = 1_800_000_000.0


@pytest.fixture
def key_path(tmp_path: Path) -> Path:
    return tmp_path / "keys.json"


@pytest.fixture
def setup(key_path: Path) -> tuple[KeyVault, bytes, str]:
    return KeyVault.create(key_path, ALICE, ALICE_PW, PARAMS)


@pytest.fixture
def kdf_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts Argon2id derivations, to prove when the KDF runs and when it does not."""
    calls: list[int] = []
    real = keyvault._derive_kek

    def counting(secret: bytes, kdf: Any) -> bytes:
        calls.append(kdf.params.memory_kib)
        return real(secret, kdf)

    monkeypatch.setattr(keyvault, "_derive_kek", counting)
    yield calls


def doc(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(path.read_bytes())
    return result


def without_failures(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != "failures"}


def rewrite(path: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    d = doc(path)
    edit(d)
    path.write_text(json.dumps(d))


def flip_b64(value: str, index: int = 5) -> str:
    raw = bytearray(base64.b64decode(value))
    raw[index] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


# --- basics -------------------------------------------------------------------------------------
def test_create_unlock_round_trip(setup: tuple[KeyVault, bytes, str], key_path: Path) -> None:
    vault, data_key, _code = setup
    assert len(data_key) == 32
    keys = vault.unlock(ALICE, ALICE_PW, now=T0)
    assert keys.current == data_key
    assert keys.pending is None
    assert keys.generation == 1
    assert keys.failed_attempts == ()
    # From disk, and the name matched after normalisation (case, spacing, NFD accents).
    again = KeyVault.load(key_path)
    name = "  " + unicodedata.normalize("NFD", ALICE.upper()).replace(" ", "   ") + " "
    assert again.unlock(name, ALICE_PW, now=T0).current == data_key
    assert again.slot_ids() == [again.slot_id(ALICE)]
    assert re.fullmatch(r"[0-9a-f]{64}", again.slot_id(ALICE))


def test_create_refuses_existing_file_and_weak_input(key_path: Path) -> None:
    with pytest.raises(WeakPassphrase):
        KeyVault.create(key_path, ALICE, "short", PARAMS)
    with pytest.raises(InvalidInput):
        KeyVault.create(key_path, "   ", ALICE_PW, PARAMS)
    assert not key_path.exists()
    KeyVault.create(key_path, ALICE, ALICE_PW, PARAMS)
    before = key_path.read_bytes()
    with pytest.raises(AlreadyInitialised):
        KeyVault.create(key_path, BOB, BOB_PW, PARAMS)
    assert key_path.read_bytes() == before


def test_file_mode_is_0600(setup: tuple[KeyVault, bytes, str], key_path: Path) -> None:
    vault, _, _ = setup
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    with pytest.raises(WrongPassphrase):
        vault.unlock(ALICE, "not the passphrase", now=T0)
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600


def test_file_holds_no_name_no_key_no_code(
    setup: tuple[KeyVault, bytes, str], key_path: Path
) -> None:
    vault, data_key, code = setup
    vault.add_user(data_key, BOB, BOB_PW)
    with pytest.raises(UnknownUser) as exc:
        vault.reset_passphrase(data_key, "Nadie Conocido", "whatever12")
    assert "Nadie" not in str(exc.value)
    new_key = vault.begin_rekey(data_key)
    raw = key_path.read_bytes()
    for key in (data_key, new_key):
        for needle in (key, key.hex().encode(), key.hex().upper().encode(), base64.b64encode(key)):
            assert needle not in raw
    for name in (ALICE, BOB, "Alicia", "okafor"):
        for form in (name, name.casefold(), unicodedata.normalize("NFD", name)):
            assert form.encode("utf-8") not in raw
    for secret in (ALICE_PW, BOB_PW, code, code.replace("-", "")):
        assert secret.encode() not in raw
    # Nor in repr or error messages.
    keys = vault.unlock(ALICE, ALICE_PW, now=T0)
    assert data_key.hex() not in repr(keys) and str(data_key) not in repr(keys)
    assert ALICE not in repr(vault)


# --- wrong passphrase, unknown user, throttling ------------------------------------------------
def test_wrong_passphrase_changes_only_the_failure_record(
    setup: tuple[KeyVault, bytes, str], key_path: Path
) -> None:
    vault, _, _ = setup
    before = doc(key_path)
    with pytest.raises(WrongPassphrase):
        vault.unlock(ALICE, ALICE_PW + "!", now=T0)
    after = doc(key_path)
    assert without_failures(after) == without_failures(before)
    assert after["failures"] == {"count": 1, "times": [T0], "total": 1}


def test_unknown_user_is_indistinguishable(
    setup: tuple[KeyVault, bytes, str], key_path: Path, kdf_calls: list[int]
) -> None:
    vault, _, _ = setup
    with pytest.raises(WrongPassphrase) as wrong:
        vault.unlock(ALICE, "definitely wrong", now=T0)
    with pytest.raises(WrongPassphrase) as unknown:
        vault.unlock("nobody at all", "definitely wrong", now=T0 + 1)
    assert str(wrong.value) == str(unknown.value)
    # Same work: one Argon2id run with the real slot's cost each time.
    assert kdf_calls == [PARAMS.memory_kib, PARAMS.memory_kib]
    assert doc(key_path)["failures"]["count"] == 2


def test_five_failures_lock_out_for_ten_minutes_with_fake_clock(
    setup: tuple[KeyVault, bytes, str], key_path: Path, kdf_calls: list[int]
) -> None:
    vault, data_key, _ = setup
    times = [T0 + i for i in range(5)]
    for t in times[:4]:  # four failures: no wait yet
        with pytest.raises(WrongPassphrase):
            vault.unlock(ALICE, "bad guess 123", now=t)
        assert vault.throttle_remaining(t) == 0
    with pytest.raises(UnlockThrottled) as exc:  # the fifth: said at once
        vault.unlock(ALICE, "bad guess 123", now=times[4])
    assert exc.value.ids == {"seconds": 600}
    runs = len(kdf_calls)
    with pytest.raises(UnlockThrottled) as exc:
        vault.unlock(ALICE, ALICE_PW, now=times[4] + 1)  # even the right passphrase waits
    assert exc.value.ids == {"seconds": 599}
    assert len(kdf_calls) == runs  # no KDF while locked out
    # The lockout survives a restart: it lives in the key file.
    reloaded = KeyVault.load(key_path)
    with pytest.raises(UnlockThrottled) as exc:
        reloaded.unlock(ALICE, ALICE_PW, now=times[4] + 540)
    assert exc.value.ids == {"seconds": 60}

    with pytest.raises(UnlockThrottled):  # over: a sixth failure locks out again at once
        reloaded.unlock(ALICE, "bad guess 123", now=times[4] + 600)
    times.append(times[4] + 600)
    assert reloaded.throttle_remaining(times[-1] + 1) == 599

    keys = reloaded.unlock(ALICE, ALICE_PW, now=times[-1] + 600)
    assert keys.current == data_key
    assert keys.failed_attempts == tuple(times)
    assert keys.failure_count == 6
    assert keys.failure_total == 6
    assert doc(key_path)["failures"] == {"count": 0, "times": [], "total": 6}
    assert reloaded.unlock(ALICE, ALICE_PW, now=times[-1] + 601).failed_attempts == ()


def test_policy_may_lengthen_the_lockout_never_shorten_it() -> None:
    assert [throttle_delay(n) for n in range(7)] == [0, 0, 0, 0, 0, 600, 600]
    assert throttle_delay(5, 3600) == 3600
    assert throttle_delay(5, 1) == 600
    assert throttle_delay(10_000, 10**9) == 24 * 3600


def test_setting_the_clock_back_restarts_the_lockout(setup: tuple[KeyVault, bytes, str]) -> None:
    vault, data_key, _ = setup
    for i in range(5):
        with pytest.raises((WrongPassphrase, UnlockThrottled)):
            vault.unlock(ALICE, "bad guess 123", now=T0 + i)
    back = T0 - 86_400
    with pytest.raises(UnlockThrottled) as exc:
        vault.unlock(ALICE, ALICE_PW, now=back)
    assert exc.value.ids == {"seconds": 600}
    with pytest.raises(UnlockThrottled):
        vault.unlock(ALICE, ALICE_PW, now=back + 599)
    assert vault.unlock(ALICE, ALICE_PW, now=back + 600).current == data_key


@pytest.mark.parametrize("times", [[1e18], [-1.0], [float("nan")], [T0 + 5, T0]])
def test_crafted_failure_times_are_a_damaged_key_file(
    setup: tuple[KeyVault, bytes, str], key_path: Path, times: list[float]
) -> None:
    data = doc(key_path)
    data["failures"] = {"count": len(times), "times": times, "total": len(times)}
    key_path.write_text(json.dumps(data))
    with pytest.raises(KeyFileCorrupt):
        KeyVault.load(key_path)


# --- recovery -----------------------------------------------------------------------------------
def test_recovery_code_shape() -> None:
    codes = {new_recovery_code() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}", code)
        assert normalise_recovery_code(code) == code.replace("-", "")


def test_normalise_recovery_code_accepts_confusions() -> None:
    data = "0123456789ABCDEFGHJKMNPQ"
    canonical = data + recovery_code._recovery_check_char(data)
    typed = "o l2345-6789a bcdef ghjkm npq" + canonical[-1].lower()
    assert normalise_recovery_code(typed) == canonical
    assert normalise_recovery_code(canonical[:-1]) is None  # too short
    assert normalise_recovery_code(canonical[:-2] + "U" + canonical[-1]) is None  # not Crockford


def test_recovery_unlocks_and_reset(setup: tuple[KeyVault, bytes, str], key_path: Path) -> None:
    vault, data_key, code = setup
    typed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    keys = vault.unlock_with_recovery(typed, now=T0)
    assert keys.current == data_key
    vault.reset_passphrase(keys.current, ALICE, "a brand new passphrase")
    reloaded = KeyVault.load(key_path)
    with pytest.raises(WrongPassphrase):
        reloaded.unlock(ALICE, ALICE_PW, now=T0)
    assert reloaded.unlock(ALICE, "a brand new passphrase", now=T0 + 1).current == data_key


def test_wrong_recovery_code(
    setup: tuple[KeyVault, bytes, str], key_path: Path, kdf_calls: list[int]
) -> None:
    vault, _, code = setup
    # A typo caught by the check character: no KDF, no failure recorded.
    canonical = code.replace("-", "")
    typos = (canonical[:3] + c + canonical[4:] for c in "0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    typo = next(t for t in typos if normalise_recovery_code(t) is None)
    with pytest.raises(WrongRecoveryCode):
        vault.unlock_with_recovery(typo, now=T0)
    assert kdf_calls == [] and doc(key_path)["failures"]["count"] == 0
    # A well-formed but wrong code runs the KDF and counts as a failure.
    other = new_recovery_code()
    with pytest.raises(WrongRecoveryCode):
        vault.unlock_with_recovery(other, now=T0)
    assert doc(key_path)["failures"]["count"] == 1


def test_replace_recovery_code(setup: tuple[KeyVault, bytes, str]) -> None:
    vault, data_key, old = setup
    new = vault.replace_recovery_code(data_key)
    assert vault.unlock_with_recovery(new, now=T0).current == data_key
    with pytest.raises(WrongRecoveryCode):
        vault.unlock_with_recovery(old, now=T0)


# --- users --------------------------------------------------------------------------------------
def test_add_and_remove_users(setup: tuple[KeyVault, bytes, str], key_path: Path) -> None:
    vault, data_key, _ = setup
    bob_id = vault.add_user(data_key, BOB, BOB_PW)
    assert bob_id == vault.slot_id(BOB)
    assert sorted(vault.slot_ids()) == sorted([vault.slot_id(ALICE), bob_id])
    assert vault.recovery_slot_id not in vault.slot_ids()
    assert KeyVault.load(key_path).unlock(BOB, BOB_PW, now=T0).current == data_key
    with pytest.raises(UserExists):
        vault.add_user(data_key, BOB.upper(), "another one 123")
    with pytest.raises(WeakPassphrase):
        vault.add_user(data_key, "carol", "2short")
    with pytest.raises(DataKeyMismatch):
        vault.add_user(bytes(32), "carol", "long enough pass")

    vault.remove_user(ALICE)
    with pytest.raises(WrongPassphrase):
        KeyVault.load(key_path).unlock(ALICE, ALICE_PW, now=T0)
    with pytest.raises(UnknownUser):
        vault.remove_user(ALICE)
    with pytest.raises(LastUser):
        vault.remove_user(BOB)
    assert vault.slot_ids() == [bob_id]


def test_change_passphrase(setup: tuple[KeyVault, bytes, str], key_path: Path) -> None:
    vault, data_key, _ = setup
    sealed_before = doc(key_path)["slots"][0]["sealed_key"]
    with pytest.raises(WrongPassphrase):
        vault.change_passphrase(ALICE, "not my passphrase", "new passphrase 1", now=T0)
    assert doc(key_path)["failures"]["count"] == 1
    with pytest.raises(WeakPassphrase):
        vault.change_passphrase(ALICE, ALICE_PW, "tiny", now=T0)
    vault.change_passphrase(ALICE, ALICE_PW, "new passphrase 1", now=T0 + 1)
    assert doc(key_path)["slots"][0]["sealed_key"] == sealed_before  # same key pair
    reloaded = KeyVault.load(key_path)
    with pytest.raises(WrongPassphrase):
        reloaded.unlock(ALICE, ALICE_PW, now=T0 + 2)
    assert reloaded.unlock(ALICE, "new passphrase 1", now=T0 + 3).current == data_key


# --- rekey --------------------------------------------------------------------------------------
def test_rekey_survives_a_crash_then_finishes(
    setup: tuple[KeyVault, bytes, str], key_path: Path
) -> None:
    vault, old_key, code = setup
    vault.add_user(old_key, BOB, BOB_PW)
    new_key = vault.begin_rekey(old_key)
    assert new_key != old_key and len(new_key) == 32

    crashed = KeyVault.load(key_path)  # process died after begin_rekey (maybe after PRAGMA rekey)
    for keys in (
        crashed.unlock(ALICE, ALICE_PW, now=T0),
        crashed.unlock(BOB, BOB_PW, now=T0),
        crashed.unlock_with_recovery(code, now=T0),
    ):
        assert (keys.current, keys.pending) == (old_key, new_key)
        assert (keys.generation, keys.pending_generation) == (1, 2)
    with pytest.raises(RekeyInProgress):
        crashed.begin_rekey(old_key)  # would overwrite a key the database may already use
    with pytest.raises(RekeyInProgress):
        crashed.add_user(old_key, "carol", "long enough pass")
    # A passphrase change keeps the key pair, so it is safe mid-rekey.
    crashed.change_passphrase(BOB, BOB_PW, "bob's newer pass", now=T0)

    crashed.finish_rekey()
    done = KeyVault.load(key_path)
    for keys in (
        done.unlock(ALICE, ALICE_PW, now=T0),
        done.unlock(BOB, "bob's newer pass", now=T0),
        done.unlock_with_recovery(code, now=T0),
    ):
        assert keys == DataKeys(
            current=new_key, pending=None, generation=2, pending_generation=None
        )
    with pytest.raises(DataKeyMismatch):
        done.add_user(old_key, "carol", "long enough pass")  # the old key is gone
    with pytest.raises(NoRekeyInProgress):
        done.finish_rekey()


def test_abort_rekey(setup: tuple[KeyVault, bytes, str], key_path: Path) -> None:
    vault, old_key, _ = setup
    vault.begin_rekey(old_key)
    KeyVault.load(key_path).abort_rekey()
    keys = KeyVault.load(key_path).unlock(ALICE, ALICE_PW, now=T0)
    assert (keys.current, keys.pending, keys.generation) == (old_key, None, 1)
    with pytest.raises(NoRekeyInProgress):
        KeyVault.load(key_path).abort_rekey()


def test_swapped_public_key_is_refused(setup: tuple[KeyVault, bytes, str], key_path: Path) -> None:
    """Someone who can write the key file must not receive the next data key via rekey."""
    _, data_key, _ = setup
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    attacker = X25519PrivateKey.generate().public_key().public_bytes_raw()

    def swap(d: dict[str, Any]) -> None:
        d["slots"][1]["public_key"] = base64.b64encode(attacker).decode()

    rewrite(key_path, swap)
    vault = KeyVault.load(key_path)
    with pytest.raises(KeyFileCorrupt, match="integrity"):
        vault.begin_rekey(data_key)
    assert doc(key_path)["pending_generation"] is None


# --- corrupt key files --------------------------------------------------------------------------
def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])


def _set(*where: str | int, value: object) -> Callable[[Path], None]:
    def edit(p: Path) -> None:
        def inner(d: dict[str, Any]) -> None:
            target: Any = d
            for key in where[:-1]:
                target = target[key]
            target[where[-1]] = value

        rewrite(p, inner)

    return edit


def _delete(*where: str | int) -> Callable[[Path], None]:
    def edit(p: Path) -> None:
        def inner(d: dict[str, Any]) -> None:
            target: Any = d
            for key in where[:-1]:
                target = target[key]
            del target[where[-1]]

        rewrite(p, inner)

    return edit


@pytest.mark.parametrize(
    ("damage", "detail"),
    [
        (_truncate, "not JSON"),
        (lambda p: p.write_bytes(b"\x00\xffnot json at all"), "not JSON"),
        (lambda p: p.write_text("[1, 2]"), "not a key file object"),
        (_set("version", value=2), "unsupported version"),
        (_set("version", value=True), "unsupported version"),
        (_delete("slots"), "missing field: file.slots"),
        (_delete("slots", 0, "public_key"), "missing field: slots[0].public_key"),
        (_delete("slots", 0, "kdf", "salt"), "missing field: slots[0].kdf.salt"),
        (_set("file_salt", value="!!not base64!!"), "bad base64: file_salt"),
        (_set("slots", 0, "sealed_key", value="QUJD"), "wrong length: slots[0].sealed_key"),
        (_set("slots", 0, "kdf", "memory_kib", value=2**40), "slots[0].kdf.memory_kib"),
        (_set("slots", 1, "kind", value="user"), "not exactly one recovery slot"),
        (_set("pending_generation", value=2), "pending key does not match"),
        (_set("failures", "count", value=-1), "failures.count"),
    ],
)
def test_corrupt_key_file(
    setup: tuple[KeyVault, bytes, str],
    key_path: Path,
    damage: Callable[[Path], None],
    detail: str,
) -> None:
    damage(key_path)
    with pytest.raises(KeyFileCorrupt) as exc:
        KeyVault.load(key_path)
    assert detail in str(exc.value.ids["detail"])
    assert "Alicia" not in str(exc.value)


def test_missing_key_file(tmp_path: Path) -> None:
    with pytest.raises(KeyFileMissing):
        KeyVault.load(tmp_path / "nope.json")


def test_flipped_byte_in_wrapped_private_key(
    setup: tuple[KeyVault, bytes, str], key_path: Path
) -> None:
    rewrite(key_path, lambda d: d["slots"][0].update(
        wrapped_private_key=flip_b64(d["slots"][0]["wrapped_private_key"], 20)
    ))  # fmt: skip
    with pytest.raises(WrongPassphrase):  # GCM cannot tell damage from a wrong passphrase
        KeyVault.load(key_path).unlock(ALICE, ALICE_PW, now=T0)


@pytest.mark.parametrize("field", ["sealed_key", "key_tag", "public_key"])
def test_flipped_byte_after_the_passphrase_is_right(
    setup: tuple[KeyVault, bytes, str], key_path: Path, field: str
) -> None:
    rewrite(key_path, lambda d: d["slots"][0].update({field: flip_b64(d["slots"][0][field], 7)}))
    vault = KeyVault.load(key_path)
    with pytest.raises(KeyFileCorrupt):
        vault.unlock(ALICE, ALICE_PW, now=T0)


# --- calibration and properties -----------------------------------------------------------------
def test_calibrate_returns_sane_params() -> None:
    params = KdfParams.calibrate()
    assert params.memory_kib >= 64 * 1024
    assert params.time_cost >= 1
    assert params.lanes >= 1
    assert 0.02 < measure_kdf(params) < 10


def test_kdf_params_validate() -> None:
    with pytest.raises(ValueError, match="range"):
        KdfParams(time_cost=0, memory_kib=65536, lanes=1)
    with pytest.raises(ValueError, match="range"):
        KdfParams(time_cost=1, memory_kib=1024, lanes=1)


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


names = st.text(min_size=1, max_size=16).filter(
    lambda s: unicodedata.normalize("NFKC", s).casefold().split() != []
)
# Any text the strength check accepts (random text of 8+ characters mostly is; '00000000' is not).
passphrases = st.text(min_size=8, max_size=32).filter(lambda s: weakness(s) is None)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(username=names, passphrase=passphrases, other=st.text(max_size=32))
def test_property_round_trip(username: str, passphrase: str, other: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "keys.json"
        vault, data_key, _ = KeyVault.create(path, username, passphrase, PARAMS)
        assert KeyVault.load(path).unlock(username, passphrase, now=T0).current == data_key
        if _nfc(other) != _nfc(passphrase):
            with pytest.raises(WrongPassphrase):
                vault.unlock(username, other, now=T0)


def test_a_key_file_from_before_the_total_counts_from_its_count(
    setup: tuple[KeyVault, bytes, str], key_path: Path
) -> None:
    data = doc(key_path)
    data["failures"] = {"count": 2, "times": [T0, T0 + 1]}
    key_path.write_text(json.dumps(data))
    assert KeyVault.load(key_path).unlock(ALICE, ALICE_PW, now=T0 + 2).failure_total == 2


@pytest.mark.parametrize("kdf", [{"memory_kib": 4 * 1024 * 1024}, {"time_cost": 10**6},
                                 {"memory_kib": 1024 * 1024, "time_cost": 64}])
def test_a_crafted_kdf_setting_is_a_damaged_key_file_not_a_hang(
    setup: tuple[KeyVault, bytes, str], key_path: Path, kdf: dict[str, int]
) -> None:
    data = doc(key_path)
    data["slots"][0]["kdf"].update(kdf)
    key_path.write_text(json.dumps(data))
    with pytest.raises(KeyFileCorrupt):
        KeyVault.load(key_path)
