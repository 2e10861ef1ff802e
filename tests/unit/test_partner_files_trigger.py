"""A partner's files go with the last view of their share, not with an older version of it."""

from __future__ import annotations

from intake_app.domain.attachments import FileKind
from intake_app.domain.consent import Category
from intake_app.services.session import Session
from intake_app.storage.sharing import inbox, partner_files

SENDER = "a" * 32
SHARE = "b" * 32
AT = "2026-12-01T10:00:00+00:00"


def _view(s: Session, envelope: str, consent_ref: int) -> int:
    with s.db.transaction() as c:
        item = inbox.insert_inbox_item(c, envelope, SENDER, "share", SHARE, None, None, None, AT)
        view_id, _ = inbox.insert_partner_view(c, item, SENDER, SHARE, "case_coordination",
                                               "{}", [consent_ref], AT)
    return view_id


def _files(s: Session) -> int:
    return len(s.db.query("SELECT id FROM partner_attachments"))


def test_one_version_going_leaves_the_files_the_newer_one_came_with(session: Session) -> None:
    old = _view(session, "e1" * 16, 1)
    new = _view(session, "e2" * 16, 2)
    with session.db.transaction() as c:
        partner_files.insert(c, SENDER, SHARE, "c" * 32, FileKind.PDF, Category.NEEDS, 10,
                             "0" * 64, 1, "2027-01-01T00:00:00+00:00", [1, 2], AT)
    with session.db.transaction() as c:  # the first version's consent ended there
        c.execute("DELETE FROM partner_views WHERE id = ?", (old,))
    assert _files(session) == 1
    with session.db.transaction() as c:
        c.execute("DELETE FROM partner_views WHERE id = ?", (new,))
    assert _files(session) == 0
