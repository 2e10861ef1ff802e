"""Two programs changing one key file at once (passwd, add, remove, rekey, recovery, in any
interleaving, with sessions left open between steps): afterwards every remaining user and the
recovery code still open the database. Hypothesis drives 200 interleavings over two real
processes; the data folder's write lock and the reload-before-write are what make it hold."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake_app.domain.case import Role
from intake_app.services import cases
from intake_app.services import session as svc
from intake_app.services.session import Workspace
from intake_app.storage.kdf import KdfParams

ROOT = Path(__file__).resolve().parents[2]
PASS = "correct horse battery staple"
USERS = ("ada", "bo", "cy")
# What a person can be told, when the other program got there first: never anything else.
EXPECTED_REFUSALS = {"unknown_user", "last_user", "user_exists", "wrong_recovery_code"}


class Worker:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.custody_worker"], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert json.loads(self.read())["ready"]

    def send(self, cmd: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()

    def read(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, "the worker died"
        return line

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(60)


@pytest.fixture(scope="module")
def workers() -> Iterator[tuple[Worker, Worker]]:
    pair = (Worker(), Worker())
    yield pair
    for w in pair:
        w.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("race") / "data"
    admin, code = Workspace(folder).set_up(USERS[0], PASS, Role.ADMIN, kdf=KdfParams.for_tests())
    try:
        for name in USERS[1:]:
            svc.add_user(admin, name, PASS, Role.ADMIN)
        cases.create_case(admin)
    finally:
        admin.close()
    return folder, code


ops = st.sampled_from(["passwd", "add", "remove", "rekey", "recover"])
# A step names its actor and target by position among the users present at that moment, so
# every command is one a real person could give (no guessing: a wrong guess is throttled).
steps = st.tuples(ops, st.integers(0, 5), st.integers(0, 5))
rounds = st.lists(st.tuples(steps, steps), min_size=1, max_size=3)

_runs = iter(range(1_000_000))


def _changes_passphrase_of(op: str, actor: str, target: str) -> str | None:
    return actor if op == "passwd" else target if op in ("add", "recover") else None


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plan=rounds)
def test_every_interleaving_leaves_every_way_in(workers, template, tmp_path, plan) -> None:
    folder = tmp_path / f"run{next(_runs)}"
    shutil.copytree(template[0], folder)
    passes = dict.fromkeys(USERS, PASS)  # users present and their passphrase
    codes = {template[1]}  # the recovery code: two removals at once leave one of theirs
    for pair in plan:
        present = sorted(passes)
        cmds: list[dict[str, Any]] = []
        changed: set[str] = set()
        for n, (drawn, a, t) in enumerate(pair):
            actor = present[a % len(present)]
            target = [*present, "dee"][t % (len(present) + 1)]
            op = drawn
            who = _changes_passphrase_of(op, actor, target)
            if who is not None and who in changed:
                op, who = "rekey", None  # two changes to one passphrase at once: order unknown
            if who is not None:
                changed.add(who)
            cmds.append({"op": op, "as": actor, "dir": str(folder), "pass": passes[actor],
                         "user": target, "new": f"new passphrase {n} {time.monotonic_ns()}",
                         "code": sorted(codes)[0]})
        for w, cmd in zip(workers, cmds, strict=True):  # both programs unlocked first...
            w.send({**cmd, "op": "open"})
            assert json.loads(w.read())["ok"]
        for w, cmd in zip(workers, cmds, strict=True):
            w.send(cmd)  # ...then both act at once: the two programs race
        replies = [json.loads(w.read()) for w in workers]
        # If a removal and another change to the same user both succeeded, the other came first
        # (nothing succeeds on a removed user): apply removals last.
        done = sorted(zip(cmds, replies, strict=True), key=lambda cr: cr[0]["op"] == "remove")
        removed_now = {c["user"] for c, r in done if c["op"] == "remove" and r["ok"]}
        new_codes = {r["code"] for c, r in done if c["op"] == "remove" and r["ok"]}
        if new_codes:
            codes = new_codes
        for cmd, reply in done:
            if not reply["ok"]:
                # A user removed by the other program at that moment is refused like a stranger.
                gone_actor = (reply["error"] in ("wrong_passphrase", "keys_changed")
                              and cmd["as"] in removed_now)
                assert reply["error"] in EXPECTED_REFUSALS or gone_actor, (cmd["op"], reply)
                continue
            op, user = cmd["op"], cmd["user"]
            if op == "passwd":
                passes[cmd["as"]] = cmd["new"]
            elif op in ("add", "recover"):
                passes[user] = cmd["new"]
            elif op == "remove":
                passes.pop(user, None)
        for w in workers:  # sessions stay open inside a round, not across examples
            w.send({"op": "reset"})
            assert json.loads(w.read())["ok"]
    for user, passphrase in passes.items():
        assert _opens(folder, user, passphrase), f"{user} lost after {plan}"
    assert any(_recovers(folder, c) for c in codes), f"recovery lost after {plan}"


def _opens(folder: Path, user: str, passphrase: str) -> bool:
    s = Workspace(folder).unlock(user, passphrase)
    try:
        return len(cases.list_cases(s)) == 1
    finally:
        s.close()


def _recovers(folder: Path, code: str) -> bool:
    from intake_app.storage.keyvault import KeyVault

    return KeyVault.load(folder / "keys.json").recovery_code_opens(code)
