"""A long-lived second (and first) program for the key-file race test.

Reads one JSON command per line on stdin, answers one JSON line on stdout. It keeps sessions
open between commands, as `intake user passwd` does while it waits at its prompt, so a change
made meanwhile by the other program finds a stale copy here.
Commands: {"op": "passwd"|"add"|"remove"|"rekey"|"recover"|"reset", "as": user, ...}.
Answers: {"ok": true, ...} or {"ok": false, "error": code}.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from intake_app.domain.case import Role
from intake_app.errors import IntakeError
from intake_app.services import session as svc
from intake_app.services.session import Session, Workspace


def main() -> int:
    sessions: dict[str, Session] = {}
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        cmd: dict[str, Any] = json.loads(line)
        try:
            reply = run(cmd, sessions)
        except IntakeError as exc:
            reply = {"ok": False, "error": exc.code}
        print(json.dumps(reply), flush=True)
    for s in sessions.values():
        s.close()
    return 0


def _session(cmd: dict[str, Any], sessions: dict[str, Session]) -> Session:
    who = cmd["as"]
    if who not in sessions:
        sessions[who] = Workspace(Path(cmd["dir"])).unlock(who, cmd["pass"])
    return sessions[who]


def run(cmd: dict[str, Any], sessions: dict[str, Session]) -> dict[str, Any]:
    op = cmd["op"]
    if op == "reset":
        for s in sessions.values():
            s.close()
        sessions.clear()
        return {"ok": True}
    if op == "open":  # unlock now and keep the session, like a program at its next prompt
        _session(cmd, sessions)
        return {"ok": True}
    if op == "recover":
        Workspace(Path(cmd["dir"])).recover(cmd["code"], cmd["user"], cmd["new"]).close()
        return {"ok": True}
    s = _session(cmd, sessions)
    if op == "passwd":
        svc.change_passphrase(s, cmd["pass"], cmd["new"])
    elif op == "add":
        svc.add_user(s, cmd["user"], cmd["new"], Role.ADMIN)
    elif op == "remove":
        removed = svc.remove_user(s, cmd["user"])
        svc.recovery_code_shown(s)
        return {"ok": True, "code": removed.new_recovery_code}
    elif op == "rekey":
        svc.rekey(s)
    return {"ok": True}


if __name__ == "__main__":
    raise SystemExit(main())
