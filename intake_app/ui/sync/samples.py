"""Render the sharing screens to PNG, per language (called by `make screenshots`).

Two throw-away agencies (synthetic demo data, test KDF parameters) exchange through a folder
drop: a share and an urgent referral arrive at the second one, next to a refused file.
"""

from __future__ import annotations

import gc
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from intake_app.ui import i18n
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker

PASSPHRASE = "river stone lamp cloud"  # noqa: S105 - a throw-away demo folder
CONTACT = [{"name": "Duty desk", "phone": "555-0100"}]
SIZE = (1100, 760)


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("screen did not reach the expected state")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _save(app: QApplication, widget: QWidget, path: Path) -> Path:
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(path))
    return path


def _prepare(root: Path) -> tuple[Path, Path, int]:
    """Shelter and police folders, partners, one demo case shared and referred by folder."""
    from intake_app.domain.answers import Answer
    from intake_app.domain.case import Role
    from intake_app.domain.consent import Category, Consent, Method, Purpose
    from intake_app.services import cases, consents, interviews, partners, provisioning, sharing
    from intake_app.services.session import KdfParams, Workspace, add_user
    from intake_app.services.sync_rounds import folder_exchange

    def laptop(folder: Path, name: str, kind: str, user: str, role: Role) -> tuple[Any, Any]:
        """An admin sets the agency up and adds `user`, who then works on it."""
        admin, _ = Workspace(folder).set_up("admin", PASSPHRASE, Role.ADMIN,
                                            kdf=KdfParams.for_tests())
        identity = provisioning.create_agency(admin, name, kind, CONTACT)
        add_user(admin, user, PASSPHRASE, role)
        return admin, identity

    sa, ida = laptop(root / "shelter", "Casa Esperanza (demo)", "service_provider", "ana",
                     Role.ADVOCATE)
    sb, idb = laptop(root / "police", "Unidad Norte (demo)", "law_enforcement", "oficial",
                     Role.OFFICER)
    for x, y in ((sa, idb), (sb, ida)):
        partners.confirm_partner(x, partners.import_partner(x, y.card.to_json()).agency_id)
    sa.close()
    sb.close()
    a = Workspace(root / "shelter").unlock("ana", PASSPHRASE)
    b = Workspace(root / "police").unlock("oficial", PASSPHRASE)
    try:
        case = cases.create_case(a, "Demo Kalomi", "es", is_demo=True)
        iv = interviews.start_interview(a, case.id, "advocate_intake", "1.1", "es")
        interviews.record_answer(a, iv.id, "needs_now", Answer.of(["shelter", "medical"]))
        interviews.record_answer(a, iv.id, "shelter_tonight", Answer.of("yes"))
        interviews.record_answer(a, iv.id, "anything_else",
                                 Answer.of("Demo: needs an interpreter for appointments"))
        interviews.record_answer(a, iv.id, "safe_now", Answer.declined())
        interviews.record_answer(a, iv.id, "what_brought_you", Answer.of("Demo experience"))
        now = datetime.now(UTC)
        for purpose in (Purpose.CASE_COORDINATION, Purpose.SERVICES_REFERRAL):
            consents.give_consent(a, Consent(
                0, case.id, purpose, idb.agency_id, frozenset({Category.NEEDS, Category.SAFETY}),
                "demo wording", "es", Method.VERBAL, False, now - timedelta(minutes=5),
                now + timedelta(days=90),
            ))
        sharing.queue_share(a, case.id, idb.agency_id, Purpose.CASE_COORDINATION)
        sharing.send_referral(a, case.id, idb.agency_id, "Emergency shelter", "urgent",
                              "Demo: arrives tonight with one child.")
        stick = root / "stick"
        folder_exchange(a, stick, export=True)
        (stick / idb.agency_id / ("0" * 32 + ".fienv")).write_bytes(b"not an envelope")
        folder_exchange(b, stick, export=False)
        sharing.queue_share(a, case.id, idb.agency_id, Purpose.CASE_COORDINATION)  # waiting
        return root / "shelter", root / "police", case.id
    finally:
        a.close()
        b.close()


def _unlock(app: QApplication, window: MainWindow, user: str) -> None:
    window.unlock_page.username.setText(user)
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.button.click()
    _wait(app, lambda: not window.is_locked)


def _render_window(
    app: QApplication, out: Path, language: str, folder: Path, user: str, shots: str,
    case_id: int, kdf: object,
) -> list[Path]:
    from intake_app.ui.sync.share_dialog import ShareDialog

    made: list[Path] = []
    worker = Worker()
    window = MainWindow(folder, worker, kdf=kdf)  # type: ignore[arg-type]
    try:
        window.sync.relay_url_override = ""
        window.resize(*SIZE)
        window.show()
        _unlock(app, window, user)
        sync = window.sync
        _wait(app, lambda: sync.button.isVisible() and "…" not in sync.button.text())
        if shots == "police":
            sync.show_page()
            page = sync.page
            assert page is not None
            _wait(app, lambda: page.bundle is not None and page.inbox.rowCount() == 2)
            page.inbox.selectRow(0)
            made.append(_save(app, window, out / f"sync-inbox-{language}.png"))
            page.open_selected()
            _wait(app, lambda: bool(page.open_views))
            view = page.open_views[0]
            view.resize(900, 640)
            made.append(_save(app, view, out / f"sync-partner-view-{language}.png"))
            view.accept()
            page.tabs.setCurrentIndex(2)
            made.append(_save(app, window, out / f"sync-refused-{language}.png"))
        else:
            window.open_case(case_id)
            area = window.area
            assert area is not None and area.case_view is not None
            cv = area.case_view
            _wait(app, lambda: cv.bundle is not None)
            made.append(_save(app, window, out / f"sync-status-bar-{language}.png"))
            dialog = sync.open_share(case_id, cv.bundle.summary.code if cv.bundle else "")
            _wait(app, lambda: dialog.preview is not None)
            dialog.resize(900, 680)
            made.append(_save(app, dialog, out / f"sync-share-preview-{language}.png"))
            dialog.purpose.setCurrentIndex(dialog.purpose.findData("law_enforcement"))
            _wait(app, lambda: dialog.problem is not None)
            made.append(_save(app, dialog, out / f"sync-share-no-consent-{language}.png"))
            dialog.reject()
            referral = sync.open_referral(case_id, cv.bundle.summary.code
                                          if cv.bundle else "")
            _wait(app, lambda: referral.preview is not None
                  and referral.earlier.count() > 0)
            referral.service.setText("Medical check-up")
            referral.resize(900, 820)
            made.append(_save(app, referral, out / f"sync-referral-{language}.png"))
            assert isinstance(referral, ShareDialog)
            referral.reject()
        sync.shutdown()
        window.lock()
        window.idle.remove()
        window.close()
    finally:
        worker.shutdown()
        window.deleteLater()
        app.processEvents()
    return made


def render_language(app: QApplication, out: Path, language: str, kdf: object) -> list[Path]:
    i18n.set_language(language)
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="intake-sync-shots-") as tmp:
        shelter_dir, police_dir, case_id = _prepare(Path(tmp))
        made += _render_window(app, out, language, police_dir, "oficial", "police", case_id, kdf)
        made += _render_window(app, out, language, shelter_dir, "ana", "shelter", case_id, kdf)
    return made


def render_sync_samples(out: Path, languages: Sequence[str], kdf: object) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    paths: list[Path] = []
    # Windows of earlier screens are collected here, while no worker thread runs, never by a
    # collection that starts while a worker thread is busy (PySide6 has crashed in that case).
    try:
        for language in languages:
            gc.collect()
            gc.disable()
            paths.extend(render_language(app, out, language, kdf))
            gc.enable()
    finally:
        gc.enable()
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    return paths
