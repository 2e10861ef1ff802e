"""Demo data: batched seeding keeps the audit chain and the search index right, survives a reopen,
and its interviews reopen with the answers they were seeded with."""

from __future__ import annotations

import pytest

from intake_app.domain.protocol import load_shipped, walk
from intake_app.services import cases as case_svc
from intake_app.services import demo
from intake_app.services import interviews as iv_svc
from intake_app.services.checks import audit_span
from intake_app.services.session import Session, Workspace
from tests.conftest import PASSPHRASE


def _demo_entries(s: Session) -> list[str]:
    rows = s.db.query("SELECT detail FROM audit WHERE action = 'demo.seed' ORDER BY seq")
    return [str(r[0]) for r in rows]


def test_a_seeded_folder_searches_and_reopens_whole(
    admin_session: Session, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "_BATCH", 40)  # several batches at a small N
    seen: list[int] = []
    assert demo.seed(admin_session, 97, progress=lambda done, _total: seen.append(done)) == 97
    assert seen == [40, 80, 97]
    assert _demo_entries(admin_session) == ["cases:40", "cases:40", "cases:17"]
    listed = case_svc.list_cases(admin_session, limit=500)
    names = {c.preferred_name for c in listed}
    admin_session.close()

    again = workspace.unlock("ana", PASSPHRASE)
    try:
        total = again.db.query_one("SELECT count(*) FROM audit")
        assert total is not None and audit_span(again).entries == total[0]  # the chain is unbroken
        assert len(case_svc.list_cases(again, limit=500)) == 97
        assert all(c.is_demo for c in case_svc.list_cases(again, limit=500))
        for name in sorted(n for n in names if n)[:10]:
            found = case_svc.list_cases(again, name.split()[1][:4])
            assert name in {c.preferred_name for c in found}
        noted = again.db.query("SELECT case_id, body FROM notes ORDER BY id LIMIT 3")
        for case_id, body in noted:
            word = str(body).split()[-1]
            assert case_id in {c.id for c in case_svc.list_cases(again, word)}
        code = listed[0].code
        assert [c.code for c in case_svc.list_cases(again, code)] == [code]
    finally:
        again.close()


def test_seeded_interviews_reopen_with_their_answers(session: Session) -> None:
    demo.seed(session, 30)
    shipped = load_shipped()
    interviewed = [c for c in case_svc.list_cases(session, limit=100) if c.interview_count]
    assert len(interviewed) == 3
    for case in interviewed:
        (iv,) = iv_svc.case_interviews(session, case.id)
        assert iv.answered == demo.ANSWERS_PER_INTERVIEW
        protocol = shipped[iv.protocol_id]
        assert iv.protocol_version == protocol.version
        answers = iv_svc.answers(session, iv.id)
        # What the interview screen counts when it reopens: answered questions it shows.
        progress = walk(protocol, answers, iv.role.value).progress
        assert sum(p.answered for p in progress) == demo.ANSWERS_PER_INTERVIEW


def test_search_pages_match_a_plain_filter_newest_activity_first(session: Session) -> None:
    """Every page of every search is what a plain filter and sort over all cases gives: the
    activity-index walk (storage/cases.py) drops, repeats or misorders nothing."""
    from intake_app.domain.case import CaseStatus

    demo.seed(session, 120)
    everyone = case_svc.list_cases(session, limit=1000)
    for case in everyone[5:40:3]:  # some activity since: the order is no longer creation order
        case_svc.set_status(session, case.id, CaseStatus.CLOSED)
    names = session.db.query("SELECT id, lower(preferred_name) FROM cases")
    noted = session.db.query("SELECT case_id, lower(body) FROM notes")
    every = case_svc.list_cases(session, limit=1000)
    for text in ("d", "de", "ka", "zor", "mi", every[7].code[:4], "note"):
        words = {cid for cid, name in names if any(w.startswith(text.lower())
                                                     for w in str(name).split())}
        words |= {cid for cid, body in noted if any(w.strip("():").startswith(text.lower())
                                                      for w in str(body).split())}
        words |= {c.id for c in every if any(p.lower().startswith(text.lower())
                                             for p in c.code.split("-"))}
        for status in (None, CaseStatus.CLOSED):
            expected = [c.id for c in every if c.id in words
                        and (status is None or c.status is status)]
            got = [c.id for offset in range(0, 120, 25)
                   for c in case_svc.list_cases(session, text, status, 25, offset)]
            assert got == expected, (text, status)
