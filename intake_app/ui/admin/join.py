"""First run, "Join my agency": open an enrolment bundle, show whose it is, then hand it on.

The panel only opens and shows the bundle (Argon2id runs on the worker thread). Once the person
confirms the agency, it emits `joined(Enrolment)`; the first-run flow then creates the first user
and joins in one step on the worker: ``worker.open_session(enrol_job(data_dir, enrolment, user,
passphrase, role), on_done=show_recovery_code)``. A wrong passphrase writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.admin.enrolment import Enrolment, open_bundle_file
from intake_app.errors import IntakeError
from intake_app.services.provisioning import enrol_new_laptop
from intake_app.sync.keys import fingerprint_words
from intake_app.ui.i18n import error_text, tr

if TYPE_CHECKING:
    from intake_app.domain.case import Role
    from intake_app.services.session import Session
    from intake_app.ui.worker import Worker

CTX = "JoinAgency"


def _label(role: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label




def enrol_job(
    data_dir: Path, enrolment: Enrolment, username: str, passphrase: str, role: Role
) -> Callable[[], tuple[Session, str]]:
    """The worker job for first run: create the first user and join (returns the recovery code).

    The passphrase cost is calibrated on this laptop and raised to the policy's floor.
    """

    def job() -> tuple[Session, str]:
        return enrol_new_laptop(data_dir, enrolment, username, passphrase, role)

    return job


class JoinAgencyPanel(QWidget):
    """Choose the bundle file, type its passphrase, check the agency's fingerprint, join."""

    joined = Signal(object)  # Enrolment
    cancelled = Signal()

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinAgency")
        self._worker = worker
        self._enrolment: Enrolment | None = None

        self.title = _label("title")
        self.intro = _label("hint")
        self.path = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self._open)
        self.error = _label("error")
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.open_button = QPushButton()
        self.open_button.setProperty("role", "primary")
        self.open_button.clicked.connect(self._open)
        self.summary = _label()
        self.words = _label("recovery")
        self.check_hint = _label("hint")
        self.join_button = QPushButton()
        self.join_button.setProperty("role", "primary")
        self.join_button.clicked.connect(self._join)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancelled)
        for w in (self.summary, self.words, self.check_hint, self.join_button):
            w.hide()
        for edit in (self.path, self.passphrase):
            edit.textChanged.connect(self._validate)

        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.form = QFormLayout()
        self.l_path, self.l_pass = QLabel(), QLabel()
        self.l_path.setBuddy(self.path)
        self.l_pass.setBuddy(self.passphrase)
        self.form.addRow(self.l_path, row)
        self.form.addRow(self.l_pass, self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        shown: tuple[QWidget, ...] = (
            self.error, self.busy, self.open_button, self.summary, self.words
        )  # fmt: skip
        for widget in shown:
            layout.addWidget(widget)
        layout.addWidget(self.check_hint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.join_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.retranslate()
        self._validate()

    @property
    def enrolment(self) -> Enrolment | None:
        return self._enrolment

    def _validate(self) -> None:
        ready = bool(self.path.text().strip()) and bool(self.passphrase.text())
        self.open_button.setEnabled(ready and not self.busy.isVisible())

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, tr(CTX, "Choose the enrolment bundle"))
        if chosen:
            self.path.setText(chosen)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for w in (self.path, self.browse, self.passphrase):
            w.setEnabled(not busy)
        self._validate()

    def _open(self) -> None:
        if not self.open_button.isEnabled():
            return
        path = Path(self.path.text().strip())
        secret = self.passphrase.text()
        self.passphrase.clear()  # not kept in the widget once used
        self._enrolment = None
        self.error.hide()
        for w in (self.summary, self.words, self.check_hint, self.join_button):
            w.hide()
        self._set_busy(True)
        self._worker.call(lambda: open_bundle_file(path, secret), self._opened, self._failed)

    def _opened(self, enrolment: Enrolment) -> None:
        self._set_busy(False)
        self._enrolment = enrolment
        self.summary.setText(
            tr(CTX, "Agency: {name}. Policy version {serial}; {partners} partner agencies.").format(
                name=enrolment.card.name,
                serial=enrolment.profile.serial,
                partners=len(enrolment.partners),
            )
        )
        self.words.setText(" ".join(fingerprint_words(enrolment.card)))
        for w in (self.summary, self.words, self.check_hint, self.join_button):
            w.show()
        self.join_button.setFocus()

    def _failed(self, err: IntakeError) -> None:
        self._set_busy(False)
        self.error.setText(error_text(err))
        self.error.show()
        self.passphrase.setFocus()

    def _join(self) -> None:
        if self._enrolment is not None:
            self.joined.emit(self._enrolment)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr(CTX, "Join my agency"))
        self.intro.setText(
            tr(
                CTX,
                "Your administrator gave you an enrolment bundle (a file) and, separately, its"
                " passphrase. It sets this laptop up with your agency's keys, policy and partners.",
            )
        )
        self.l_path.setText(tr(CTX, "Bundle file"))
        self.browse.setText(tr(CTX, "Browse…"))
        self.l_pass.setText(tr(CTX, "Bundle passphrase"))
        self.open_button.setText(tr(CTX, "Open bundle"))
        self.check_hint.setText(
            tr(
                CTX,
                "Check these words with your administrator before you join: if they differ,"
                " stop and call them.",
            )
        )
        self.join_button.setText(tr(CTX, "This is my agency: join"))
        self.cancel_button.setText(tr(CTX, "Cancel"))
