"""Protocols installed in the database (services/protocols.py), on real SQLCipher files: every
version kept, an interview reopens under the version it started with, an unknown one is a typed
error in words, never another protocol; the same version with other content is refused."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from intake_app.domain.answers import Answer
from intake_app.domain.case import Role
from intake_app.domain.protocol import ProtocolError, load_shipped
from intake_app.services import cases, interviews, protocols
from intake_app.services.roles import NotPermitted
from intake_app.services.session import Session, Workspace, add_user
from intake_app.storage import interviews as stored_interviews
from intake_app.storage.kdf import KdfParams
from tests.agencies import PASSPHRASE
from tests.protocol_docs import ID, document


@pytest.fixture
def admin(tmp_path: Path) -> Iterator[Session]:
    s, _code = Workspace(tmp_path / "laptop").set_up("admin", PASSPHRASE, Role.ADMIN,
                                                    kdf=KdfParams.for_tests())
    yield s
    s.close()


def test_the_shipped_protocols_are_installed_at_unlock(admin: Session) -> None:
    rows = {(e.protocol.id, e.protocol.version, e.source) for e in protocols.listing(admin)}
    assert rows == {(p.id, p.version, "shipped") for p in load_shipped().values()}


def test_an_interview_started_under_version_1_reopens_under_version_1(
    admin: Session, tmp_path: Path
) -> None:
    protocols.install(admin, document("1"))
    case = cases.create_case(admin)
    iv = interviews.start_chosen(admin, case.id, ID, "en")
    assert iv.protocol_version == "1"
    interviews.record_answer(admin, iv.id, "needs_today", Answer.of("a bed"))
    interviews.record_answer(admin, iv.id, "what_happened", Answer.declined())

    protocols.install(admin, document("2", extra_question=True))
    assert protocols.latest(admin, ID).version == "2"
    admin.close()
    again = Workspace(tmp_path / "laptop").unlock("admin", PASSPHRASE)  # from the file
    try:
        reopened = interviews.get_interview(again, iv.id)
        protocol = interviews.protocol_of(again, reopened)
        assert (protocol.id, protocol.version) == (ID, "1")
        assert "needs_later" not in {q.id for q in protocol.questions}
        assert interviews.answers(again, iv.id) == {
            "needs_today": Answer.of("a bed"), "what_happened": Answer.declined()}
        started = interviews.start_chosen(again, cases.create_case(again).id, ID, "en")
        assert started.protocol_version == "2"  # new interviews take the newest
        assert [e.protocol.version for e in protocols.installed(again).versions(ID)] == ["1", "2"]
    finally:
        again.close()


def test_an_unknown_protocol_on_reopen_is_a_typed_error_in_words(admin: Session) -> None:
    case = cases.create_case(admin)
    iv = interviews.start_interview(admin, case.id, "advocate_intake", "1.1", "en")
    with admin.db.transaction() as c:  # as a colleague's laptop with another guide sends it
        c.execute("UPDATE interviews SET protocol_id = 'never_installed', protocol_version = '3'"
                  " WHERE id = ?", (iv.id,))
    summary = interviews.get_interview(admin, iv.id)
    with pytest.raises(protocols.ProtocolNotInstalled) as err:
        interviews.protocol_of(admin, summary)
    assert err.value.code == "protocol_not_installed"
    assert "never_installed 3" in err.value.plain_source().format(**err.value.ids)
    # ...and the same for a known id in a version this laptop lacks.
    with pytest.raises(protocols.ProtocolNotInstalled):
        protocols.protocol_for(admin, "advocate_intake", "0.9")
    with pytest.raises(protocols.ProtocolNotInstalled):
        interviews.start_interview(admin, case.id, "advocate_intake", "0.9", "en")


def test_the_same_version_with_other_content_is_refused(admin: Session) -> None:
    assert protocols.install(admin, document("1"))[1] is True
    assert protocols.install(admin, document("1"))[1] is False  # the same again: no change
    changed = json.loads(document("1"))
    changed["title"]["en"] = "Edited after it was installed"
    with pytest.raises(protocols.ProtocolVersionConflict):
        protocols.install(admin, json.dumps(changed).encode())
    shipped = load_shipped()["advocate_intake"]
    clash = json.loads(document(shipped.version, pid="advocate_intake"))
    with pytest.raises(protocols.ProtocolVersionConflict):
        protocols.install(admin, json.dumps(clash).encode())
    assert protocols.installed(admin).version(ID, "1") is not None


def test_a_broken_document_is_refused_with_where_and_why(admin: Session) -> None:
    with pytest.raises(ProtocolError) as err:
        protocols.install(admin, b"{not json", name="form.json")
    assert err.value.ids["file"] == "form.json"
    broken = json.loads(document("1"))
    del broken["sections"][0]["questions"][0]["category"]
    with pytest.raises(ProtocolError):
        protocols.install(admin, json.dumps(broken).encode())
    assert protocols.installed(admin).newest(ID) is None


def test_only_an_administrator_installs(admin: Session, tmp_path: Path) -> None:
    add_user(admin, "ana", PASSPHRASE, Role.ADVOCATE)
    ana = Workspace(tmp_path / "laptop").unlock("ana", PASSPHRASE)
    try:
        with pytest.raises(NotPermitted):
            protocols.install(ana, document("1"))
    finally:
        ana.close()


def test_interviews_from_before_protocols_were_installed_keep_their_questions(
    admin: Session, tmp_path: Path
) -> None:
    """A database upgraded into V_PROTOCOLS: an interview recorded under an old shipped version
    ("1.0", never stored) was always reopened under today's shipped file; it still is."""
    case = cases.create_case(admin)
    with admin.db.transaction() as c:
        iid = stored_interviews.insert(c, case.id, "advocate_intake", "1.0", "en", "advocate",
                                       admin.user.id, "2026-01-01T00:00:00+00:00")
        c.execute("DELETE FROM protocols")  # as before the step: nothing installed yet
    admin.protocol_registry = None
    protocols.installed(admin)
    shipped = load_shipped()["advocate_intake"]
    assert interviews.get_interview(admin, iid).protocol_version == shipped.version
    assert interviews.protocol_of(admin, interviews.get_interview(admin, iid)) == shipped


def test_only_the_registry_reads_the_shipped_files() -> None:
    """Everything else reads the installed protocols (issue 15): a second reader of the shipped
    files is how sharing once sent nothing for an agency's own protocol."""
    root = Path(__file__).resolve().parents[2] / "intake_app"
    readers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                     if "load_shipped(" in p.read_text(encoding="utf-8"))
    assert readers == ["domain/protocol/loading.py", "services/protocols.py"]


def test_a_newer_build_shipping_a_new_version_keeps_the_old_one(admin: Session) -> None:
    """As after an upgrade: the database holds an older shipped version an interview started
    under; the registry keeps it beside the one shipped now, and reading it again writes
    nothing (a share reads the registry inside its own transaction)."""
    from intake_app.storage import protocols as rows

    shipped = protocols.installed(admin).entry("advocate_intake", "1.1")
    assert shipped is not None
    older = json.loads(shipped.document)
    older["version"] = "1.0"
    doc = protocols.canonical_document(older)
    with admin.db.transaction() as c:
        rows.insert(c, rows.StoredProtocol("advocate_intake", "1.0", doc, protocols.digest(doc),
                                           "2026-01-01T00:00:00+00:00", rows.SHIPPED))
    protocols.forget(admin)
    registry = protocols.installed(admin)
    assert [e.protocol.version for e in registry.versions("advocate_intake")] == ["1.0", "1.1"]
    assert registry["advocate_intake"].version == "1.1"
    protocols.forget(admin)
    with admin.db.transaction():
        assert protocols.installed(admin).version("advocate_intake", "1.0") is not None


def test_a_profiles_copy_of_a_shipped_version_is_kept_and_read_inside_a_transaction(
    admin: Session,
) -> None:
    """A profile brought "advocate_intake 1.1" as another build shipped it: the row stays the
    profile's (this build's file does not replace it), and reading the registry inside a
    transaction writes nothing."""
    from intake_app.storage import protocols as rows

    shipped = protocols.installed(admin).entry("advocate_intake", "1.1")
    assert shipped is not None
    other = json.loads(shipped.document)
    other["title"]["en"] = "As another build shipped it"
    doc = protocols.canonical_document(other)
    with admin.db.transaction() as c:
        c.execute("DELETE FROM protocols WHERE id = 'advocate_intake'")
        rows.insert(c, rows.StoredProtocol("advocate_intake", "1.1", doc, protocols.digest(doc),
                                           "2026-01-01T00:00:00+00:00", rows.PROFILE))
    protocols.forget(admin)
    with admin.db.transaction():
        entry = protocols.installed(admin).entry("advocate_intake", "1.1")
    assert entry is not None and entry.source == "profile"
    assert entry.protocol.title("en") == "As another build shipped it"
