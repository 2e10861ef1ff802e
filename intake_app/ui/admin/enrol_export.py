"""Admin screen "New laptop": save an enrolment bundle (agency keys, policy, confirmed partners)
under a passphrase typed twice; the new laptop opens it with "Join my agency" at first run."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
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

from intake_app.admin.enrolment import DEFAULT_BUNDLE_KDF, MIN_BUNDLE_PASSPHRASE
from intake_app.errors import IntakeError
from intake_app.services import provisioning
from intake_app.services.session import KdfParams
from intake_app.ui.admin.common import label
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.worker import Worker


class EnrolExportScreen(QWidget):
    def __init__(
        self, worker: Worker, bundle_kdf: KdfParams | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("adminEnrol")
        self._worker = worker
        self._kdf = bundle_kdf or DEFAULT_BUNDLE_KDF
        self._has_agency = False
        self._busy = False

        self.title = label("subtitle")
        self.intro = label()
        self.warning = label("hint")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.feedback = label("hint")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.save = QPushButton()
        self.save.setProperty("role", "primary")
        self.save.clicked.connect(self._choose_file)
        self.status = label("ok")
        self.status.hide()
        self.error = label("error")
        self.error.hide()
        for edit in (self.passphrase, self.repeat):
            edit.textChanged.connect(self._validate)
            edit.textChanged.connect(self.feedback.show)
        self.l_pass, self.l_repeat = QLabel(), QLabel()
        self.l_pass.setBuddy(self.passphrase)
        self.l_repeat.setBuddy(self.repeat)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.l_pass, self.passphrase)
        form.addRow(self.l_repeat, self.repeat)
        layout = QVBoxLayout(self)
        for w in (self.title, self.intro, self.warning):
            layout.addWidget(w)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.busy)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        QWidget.setTabOrder(self.passphrase, self.repeat)
        QWidget.setTabOrder(self.repeat, self.save)
        self.retranslate()

    def set_has_agency(self, has: bool) -> None:
        self._has_agency = has
        self._validate()

    def _problem(self) -> str:
        if not self._has_agency:
            return tr("AgencyAdmin", "Create this agency first.")
        n = len(self.passphrase.text())
        if n < MIN_BUNDLE_PASSPHRASE:
            return tr(
                "AgencyAdmin", "Bundle passphrase too short: {count} of at least {minimum} characters."
            ).format(count=n, minimum=MIN_BUNDLE_PASSPHRASE)
        if self.passphrase.text() != self.repeat.text():
            return tr("AgencyAdmin", "The two passphrases are not the same yet.")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        self.feedback.setText(problem or tr("AgencyAdmin", "Ready. The passphrases match."))
        self.feedback.setProperty("role", "hint" if problem else "ok")
        self.feedback.style().polish(self.feedback)
        self.save.setEnabled(not problem and not self._busy)

    def _choose_file(self) -> None:
        if self._problem():
            return
        path, _ = QFileDialog.getSaveFileName(
            self, tr("AgencyAdmin", "Save the enrolment bundle"), "agency.bundle",
            tr("AgencyAdmin", "Enrolment bundles (*.bundle)"),
        )  # fmt: skip
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> None:
        if self._problem() or self._busy:
            return
        secret, params = self.passphrase.text(), self._kdf
        self.passphrase.clear()
        self.repeat.clear()
        self._set_busy(True)
        self.status.hide()
        self.error.hide()
        self._worker.run(
            lambda s: provisioning.export_bundle(s, path, secret, params),
            lambda r: self._written(r, path),
            self._failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for w in (self.passphrase, self.repeat):
            w.setEnabled(not busy)
        self._validate()

    def _written(self, result: provisioning.BundleWritten, path: Path) -> None:
        self._set_busy(False)
        self.feedback.hide()  # "too short: 0 of 12" right after a success would alarm; back on typing
        text = tr(
            "AgencyAdmin",
            "Saved {file} (agency keys, policy version {serial}, confirmed partner agencies:"
            " {partners}). Give the passphrase separately (in person or by phone), and delete"
            " the file once the laptop has joined.",
        ).format(file=str(path), serial=result.serial, partners=result.partners)
        if result.left_out:
            text += " " + tr(
                "AgencyAdmin", "Left out, not yet confirmed: {count} partner agencies."
            ).format(count=result.left_out)
        self.status.setText(text)
        self.status.show()

    def _failed(self, err: IntakeError) -> None:
        self._set_busy(False)
        self.error.setText(error_text(err))
        self.error.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("AgencyAdmin", "Set up another laptop of this agency"))
        self.intro.setText(
            tr(
                "AgencyAdmin",
                "Save an enrolment bundle and take it to the new laptop (USB stick). At first"
                " run there, choose \"Join my agency\", pick the file and type this passphrase.",
            )
        )
        self.warning.setText(
            tr(
                "AgencyAdmin",
                "The bundle holds the agency's private keys. Use a long passphrase (at least 12"
                " characters, for example five unrelated words) and never send it together"
                " with the file.",
            )
        )
        self.l_pass.setText(tr("AgencyAdmin", "Bundle &passphrase"))
        self.l_repeat.setText(tr("AgencyAdmin", "Bundle passphrase &again"))
        self.passphrase.setAccessibleName(tr("AgencyAdmin", "Bundle passphrase"))
        self.repeat.setAccessibleName(tr("AgencyAdmin", "Bundle passphrase again"))
        self.save.setText(tr("AgencyAdmin", "Save enrolment bundle…"))
        self.save.setAccessibleName(tr("AgencyAdmin", "Save enrolment bundle"))
        self._validate()
