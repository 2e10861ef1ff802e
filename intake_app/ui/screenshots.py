"""Render every shell screen in both languages to PNG: `python -m intake_app.ui.screenshots OUTDIR`.

A development tool: it uses a throw-away data folder with cheap test KDF parameters and
synthetic demo data only. Everything still goes through the worker, as in the app.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from intake_app.ui import i18n, theme
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Change, ChangeKind, Worker

USER = "ana"
PASSPHRASE = "river stone lamp cloud"  # noqa: S105 - a throw-away demo folder
WRONG_PASSPHRASE = "not the passphrase"  # noqa: S105 - shows the unlock error screen
SIZE = (1100, 760)


def _wait(app: QApplication, done: Callable[[], bool], timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("screen did not reach the expected state")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def _save(app: QApplication, widget: QWidget, out: Path, name: str) -> None:
    _settle(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    sys.stdout.write(f"{path}\n")


def _rich_case(s: Any) -> int:
    """One made-up case with something in every tab (synthetic, marked demo)."""
    from intake_app.domain.answers import Answer
    from intake_app.domain.case import Identity
    from intake_app.domain.consent import Category, Consent, Method, Purpose
    from intake_app.services import cases, consents, demo, interviews

    demo.seed(s, 60)
    case = cases.create_case(s, "Demo Kalomi", "es", is_demo=True)
    cases.update_identity(s, case.id, Identity(legal_name="Demo Kalomi Renvel", contact="555-0100"))
    iv = interviews.start_interview(s, case.id, "advocate_intake", "1.1", "es")
    for q in ("safety_now", "needs_shelter", "needs_medical"):
        interviews.record_answer(s, iv.id, q, Answer.declined())
    now = datetime.now(UTC)
    consents.give_consent(s, Consent(
        0, case.id, Purpose.SERVICES_REFERRAL, "shelter-north", frozenset({Category.NEEDS}),
        "demo wording", "es", Method.VERBAL, False, now, now + timedelta(days=90),
    ))
    cases.add_note(s, case.id, "Demo note: prefers afternoon meetings; needs a Spanish interpreter.")
    return case.id


def render(out: Path, language: str, app: QApplication, kdf: Any) -> None:
    i18n.set_language(language)
    suffix = f"-{language}"
    with tempfile.TemporaryDirectory(prefix="intake-shots-") as tmp:
        worker = Worker()
        try:
            window = MainWindow(Path(tmp) / "data", worker, kdf=kdf)
            window.resize(*SIZE)
            window.show()
            page = window.first_run
            assert page is not None
            page.username.setText(USER)
            page.passphrase.setText(PASSPHRASE)
            page.repeat.setText(PASSPHRASE)
            _save(app, window, out, f"01-first-run{suffix}")
            page.submit.click()
            _wait(app, lambda: page.steps.currentIndex() == 1)
            page.written.setChecked(True)
            _save(app, window, out, f"02-recovery-code{suffix}")
            page.last_group.setText(page.code.text().rsplit("-", 1)[1])
            page.done.click()
            _wait(app, lambda: window.area is not None and window.area.case_list.empty.isVisible())
            _save(app, window, out, f"03-empty-case-list{suffix}")

            box: list[int] = []
            worker.run(_rich_case, box.append, changes=[Change(ChangeKind.CASE_CREATED, 0)])
            _wait(app, lambda: len(box) > 0, 60)
            assert window.area is not None
            area = window.area
            _wait(app, lambda: area.case_list.model.rowCount() > 20)
            area.case_list.table.selectRow(0)
            area.case_list.reveal_selected()
            _wait(app, lambda: area.case_list.model.is_revealed(0))
            _save(app, window, out, f"04-case-list{suffix}")

            from intake_app.ui.caseview import (  # after unlock, as the app loads it
                TAB_ACTIVITY,
                TAB_ANSWERS,
                TAB_CONSENTS,
                TAB_INTERVIEWS,
                TAB_NOTES,
            )

            window.open_case(box[0])
            view = area.case_view
            assert view is not None
            _wait(app, lambda: view.bundle is not None)
            _save(app, window, out, f"05-case-view{suffix}")
            view.reveal_identity()
            _wait(app, lambda: view.identity_shown)
            _save(app, window, out, f"06-identity-shown{suffix}")
            for tab, name in ((TAB_INTERVIEWS, "interviews"), (TAB_ANSWERS, "answers"),
                              (TAB_CONSENTS, "consents"), (TAB_NOTES, "notes"),
                              (TAB_ACTIVITY, "activity")):
                view.tabs.setCurrentIndex(tab)
                _save(app, window, out, f"07-case-{name}{suffix}")

            window.lock()
            _save(app, window, out, f"08-locked{suffix}")
            window.unlock_page.username.setText(USER)
            window.unlock_page.passphrase.setText(WRONG_PASSPHRASE)
            window.unlock_page.button.click()
            _wait(app, window.unlock_page.error.isVisible)
            _save(app, window, out, f"09-unlock-error{suffix}")
            window.unlock_page.forgot.click()
            _save(app, window, out, f"10-recovery{suffix}")
            window.recovery_page.back.click()
            window.unlock_page.username.setText(USER)
            window.unlock_page.passphrase.setText(PASSPHRASE)
            window.unlock_page.button.click()  # and in again: the unlock works, not only fails
            _wait(app, lambda: not window.is_locked)
            window.close()
        finally:
            worker.shutdown()


def main(argv: list[str]) -> int:
    from intake_app.services.session import KdfParams  # dev tool only: cheap KDF for a temp folder
    from intake_app.ui.app import pin_interpreter_singletons

    pin_interpreter_singletons()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv[:1])
    assert isinstance(app, QApplication)
    theme.apply(app)
    for language in i18n.LANGUAGES:
        render(out, language, app, KdfParams.for_tests())
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    from intake_app.ui.admin.samples import render_admin_samples  # agency admin, join my agency

    for path in render_admin_samples(out, i18n.LANGUAGES):
        sys.stdout.write(f"{path}\n")
    from intake_app.ui.sync.samples import render_sync_samples  # sharing screens

    for path in render_sync_samples(out, i18n.LANGUAGES, KdfParams.for_tests()):
        sys.stdout.write(f"{path}\n")
    try:  # the interview and consent screens, from the colleague's package when present
        from intake_app.ui.interview.samples import render_samples
    except ImportError:
        return 0
    for path in render_samples(out, i18n.LANGUAGES):
        sys.stdout.write(f"{path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
