"""Screenshots of the admin screens and of first-run "Join my agency", in each language.

A development tool called by `intake_app.ui.screenshots`: throw-away data folders, cheap test
KDF parameters, made-up agencies. Everything goes through the worker, as in the app.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import SignedProfile
from intake_app.services.session import KdfParams
from intake_app.sync.keys import AgencyIdentity, write_card
from intake_app.ui import i18n
from intake_app.ui.admin.page import AdminPage
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.screenshots import SIZE, _settle, _wait
from intake_app.ui.worker import Worker

ADMIN = "adela"
PASSPHRASE = "river stone lamp cloud"  # noqa: S105 - a throw-away demo folder
BUNDLE_PASSPHRASE = "orange kettle seventeen lanterns"  # noqa: S105 - demo bundle only


def _shot(app: QApplication, widget: QWidget, out: Path, name: str) -> Path:
    _settle(app)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    return path


def _first_run(app: QApplication, window: MainWindow, user: str, role_index: int) -> None:
    page = window.first_run
    assert page is not None
    page.username.setText(user)
    page.role.setCurrentIndex(role_index)
    page.passphrase.setText(PASSPHRASE)
    page.repeat.setText(PASSPHRASE)
    page.submit.click()
    _wait(app, lambda: page.steps.currentIndex() == 1)
    page.written.setChecked(True)
    page.last_group.setText(page.code.text().rsplit("-", 1)[1])
    page.done.click()
    _wait(app, lambda: window.area is not None)


def render_language(app: QApplication, out: Path, language: str) -> Iterator[Path]:
    i18n.set_language(language)
    kdf = KdfParams.for_tests()
    sfx = f"-{language}"
    with tempfile.TemporaryDirectory(prefix="intake-admin-shots-") as tmp:
        root = Path(tmp)
        partner = AgencyIdentity.generate(
            "Metro Police Unit", "law_enforcement",
            [{"name": "Duty desk", "role": "Trafficking unit", "phone": "+1 555 0142"}],
        )  # fmt: skip
        partner_card = root / "metro-police-card.json"
        write_card(partner.card, partner_card)
        worker = Worker()
        try:
            window = MainWindow(root / "admin", worker, kdf=kdf)
            window.resize(*SIZE)
            window.show()
            _first_run(app, window, ADMIN, 3)
            window.show_agency()
            assert window.area is not None and isinstance(window.area.admin, AdminPage)
            page = window.area.admin
            _wait(app, lambda: page.overview is not None)
            screen = page.agency
            screen.name.setText("Refugio Norte")
            screen.contact_name.setText("Marta Ibáñez")
            screen.contact_role.setText("Coordinator")
            yield _shot(app, window, out, f"11-agency-create{sfx}")
            screen.contact_phone.setText("+1 555 0100")
            screen.create_button.click()
            _wait(app, lambda: screen.stack.currentIndex() == 1)
            screen.export_card(root / "refugio-norte-card.json")
            _wait(app, screen.s_status.isVisible)
            yield _shot(app, window, out, f"12-agency-fingerprint{sfx}")

            page.tabs.setCurrentWidget(page.partners)
            page.partners.import_card(partner_card)
            _wait(app, page.partners.compare.isVisible)
            yield _shot(app, window, out, f"13-partner-compare{sfx}")
            page.partners.confirm.click()
            _wait(app, page.partners.status.isVisible)
            yield _shot(app, window, out, f"14-partners-confirmed{sfx}")

            page.tabs.setCurrentWidget(page.policy)
            editor = page.policy
            editor.auto_lock.setValue(5)
            editor.language.setCurrentIndex(editor.language.findData(language))
            editor.relay.setText("https://relay.example.org")
            editor.languages.set_languages(("en", "es", "fr"))  # French: the guides lack it
            editor.languages.refresh(editor.policy().protocols_enabled)
            _wait(app, editor.languages.gaps.isVisible)
            editor.sign.click()
            _wait(app, editor.status.isVisible)
            yield _shot(app, window, out, f"15-policy-signed{sfx}")
            stranger = AgencyIdentity.generate(
                "Other agency", "other", [{"name": "X", "phone": "+1 555 0199"}]
            )
            foreign = root / "foreign-profile.json"
            foreign.write_bytes(SignedProfile.issue(stranger, AgencyPolicy(), 7).to_bytes())
            editor.import_profile(foreign)
            _wait(app, editor.error.isVisible)
            yield _shot(app, window, out, f"16-policy-refused{sfx}")

            page.tabs.setCurrentWidget(page.laptops)
            laptops = page.laptops
            laptops.passphrase.setText(BUNDLE_PASSPHRASE)
            laptops.repeat.setText(BUNDLE_PASSPHRASE[:-3])
            yield _shot(app, window, out, f"17-enrol-bundle-typing{sfx}")
            laptops.repeat.setText(BUNDLE_PASSPHRASE)
            bundle = root / "agency.bundle"
            laptops.export(bundle)
            _wait(app, laptops.status.isVisible, 60)
            yield _shot(app, window, out, f"18-enrol-bundle-saved{sfx}")
            window.lock()
            window.idle.remove()
            window.close()
        finally:
            worker.shutdown()

        i18n.set_language(language)
        worker = Worker()
        try:
            laptop = MainWindow(root / "laptop2", worker, kdf=kdf)
            laptop.resize(*SIZE)
            laptop.show()
            first = laptop.first_run
            assert first is not None
            yield _shot(app, laptop, out, f"19-first-run-join-offer{sfx}")
            first.join.click()
            panel = laptop.join_panel
            assert panel is not None
            panel.path.setText(str(bundle))
            panel.passphrase.setText("not the bundle passphrase")
            panel.open_button.click()
            _wait(app, panel.error.isVisible, 60)
            yield _shot(app, laptop, out, f"20-join-wrong-passphrase{sfx}")
            panel.passphrase.setText(BUNDLE_PASSPHRASE)
            panel.open_button.click()
            _wait(app, panel.join_button.isVisible, 60)
            yield _shot(app, laptop, out, f"21-join-check-words{sfx}")
            panel.join_button.click()
            first.username.setText("bea")
            yield _shot(app, laptop, out, f"22-join-first-user{sfx}")
            laptop.idle.remove()
            laptop.close()
        finally:
            worker.shutdown()


def render_admin_samples(out: Path, languages: Sequence[str]) -> list[Path]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    paths: list[Path] = []
    for language in languages:
        paths.extend(render_language(app, out, language))
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    return paths
