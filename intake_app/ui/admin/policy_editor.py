"""Admin screen "Policy": edit the agency policy, sign it as the next version, install it here;
import a newer profile file (refused, with the reason, if older, unsigned, altered or foreign)."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from intake_app.admin.policy import (
    AUTO_LOCK_MAX_MINUTES,
    CONSENT_MAX_DAYS,
    KDF_MAX_MEMORY_MIB,
    KDF_MAX_TIME_COST,
    KDF_MIN_MEMORY_MIB,
    AgencyPolicy,
)
from intake_app.admin.profile import SignedProfile
from intake_app.domain.policy import PacingPolicy
from intake_app.domain.protocol import Protocol
from intake_app.errors import IntakeError
from intake_app.services import provisioning
from intake_app.ui.admin.common import label
from intake_app.ui.admin.interview_languages import InterviewLanguagesBox
from intake_app.ui.admin.protocol_choices import ProtocolChoices
from intake_app.ui.fit import vertical_scroll
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.worker import Change, ChangeKind, Worker

MINUTE = 60


def _spin(low: int, high: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    return box


class PolicyEditorScreen(QWidget):
    installed = Signal(object)  # SignedProfile, now in force on this laptop

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminPolicy")
        self._worker = worker
        self._serial = 0
        # Settings this form has no control for (safety steps, neutral title, memory security)
        # ride along from the policy shown, so signing from here never resets them.
        self._shown = AgencyPolicy()
        self._has_agency = False

        self.title = label("subtitle")
        self.in_force = label()
        self.auto_lock = _spin(1, AUTO_LOCK_MAX_MINUTES)
        self.kdf_memory = _spin(KDF_MIN_MEMORY_MIB, KDF_MAX_MEMORY_MIB)
        self.kdf_memory.setSingleStep(16)
        self.kdf_time = _spin(1, KDF_MAX_TIME_COST)
        self.relay = QLineEdit()
        self.relay.setMinimumWidth(300)  # a web address must be readable whole
        self.protocols = ProtocolChoices()
        self.consent_days = _spin(1, CONSENT_MAX_DAYS)
        self.break_every = _spin(1, 24 * 60)
        self.break_gap = _spin(1, 24 * 60)
        self.pause_after = _spin(1, 50)
        self.long_session = _spin(1, 24 * 60)
        self.continue_gap = _spin(1, 24 * 60)
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Español", "es")
        self.languages = InterviewLanguagesBox(worker)

        self.security = QGroupBox()
        self.sharing = QGroupBox()
        self.interviews = QGroupBox()
        self._rows: dict[QWidget, QLabel] = {}
        f_sec = QFormLayout(self.security)
        self._add(f_sec, self.auto_lock)
        self._add(f_sec, self.kdf_memory)
        self._add(f_sec, self.kdf_time)
        self.kdf_hint = label("hint")
        f_sec.addRow(self.kdf_hint)
        f_share = QFormLayout(self.sharing)
        self._add(f_share, self.relay)
        self._add(f_share, self.consent_days)
        self.relay_hint = label("hint")
        f_share.addRow(self.relay_hint)
        f_iv = QFormLayout(self.interviews)
        self._add(f_iv, self.protocols)
        for w in (self.break_every, self.break_gap, self.pause_after, self.long_session,
                  self.continue_gap, self.language, self.languages):
            self._add(f_iv, w)
        for form in (f_sec, f_share, f_iv):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            # Long labels (Spanish) go above their field rather than pushing the page sideways.
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.sign = QPushButton()
        self.sign.setProperty("role", "primary")
        self.sign.clicked.connect(self._sign)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self._choose_profile)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self._choose_save)
        self.status = label("ok")
        self.status.hide()
        self.error = label("error")
        self.error.hide()

        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.title)
        inner.addWidget(self.in_force)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.security)
        left.addWidget(self.sharing)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(self.interviews, 1)
        inner.addLayout(columns)
        inner.addStretch(1)
        scroll = vertical_scroll()
        scroll.setWidget(body)
        self._scroll = scroll
        # The outcome and the buttons stay in view below the settings, whatever the scroll.
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sign)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        order: list[QWidget] = [
            self.auto_lock, self.kdf_memory, self.kdf_time, self.relay, self.consent_days,
            *self.protocols.boxes.values(), self.break_every, self.break_gap, self.pause_after,
            self.long_session, self.continue_gap, self.language, self.import_button,
            self.save_button, self.sign,
        ]  # fmt: skip
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)
        self.show_policy(AgencyPolicy(), 0)
        self.retranslate()

    def _add(self, form: QFormLayout, field: QWidget) -> None:
        lab = QLabel()  # one line: a wrapped form label is clipped to the field's height
        lab.setBuddy(field)
        self._rows[field] = lab
        form.addRow(lab, field)

    # --- data -----------------------------------------------------------------------------------
    def set_has_agency(self, has: bool) -> None:
        self._has_agency = has
        for w in (self.sign, self.save_button):
            w.setEnabled(has)
        self._retranslate_state()

    def show_policy(self, policy: AgencyPolicy, serial: int,
                    offered: tuple[Protocol, ...] = ()) -> None:
        """`offered`: the installed guides (a box each), beside those `policy` enables."""
        self._serial = serial
        self._shown = policy
        self.auto_lock.setValue(policy.auto_lock_minutes)
        self.kdf_memory.setValue(policy.kdf_memory_mib)
        self.kdf_time.setValue(policy.kdf_time_cost)
        self.relay.setText(policy.relay_url)
        self.protocols.set_choices(policy.protocols_enabled, offered)
        self.consent_days.setValue(policy.consent_default_days)
        p = policy.pacing
        self.break_every.setValue(round(p.break_every_seconds / MINUTE))
        self.break_gap.setValue(round(p.break_offer_gap_seconds / MINUTE))
        self.pause_after.setValue(int(p.pause_after_high))
        self.long_session.setValue(round(p.long_session_seconds / MINUTE))
        self.continue_gap.setValue(round(p.continue_offer_gap_seconds / MINUTE))
        self.language.setCurrentIndex(max(0, self.language.findData(policy.language)))
        self.languages.set_languages(policy.interview_languages)
        self.languages.refresh(policy.protocols_enabled)
        self._retranslate_state()

    def focus_protocol(self, protocol_id: str) -> None:
        box = self.protocols.boxes.get(protocol_id)
        if box is not None:
            self._scroll.ensureWidgetVisible(box)
            box.setFocus(Qt.FocusReason.TabFocusReason)

    def show_problem(self, problem: IntakeError | None) -> None:  # why the file was not taken
        if problem is not None:
            self.error.setText(error_text(problem))
            self.error.show()

    def policy(self) -> AgencyPolicy:
        """The policy as edited; raises PolicyError (or InvalidInput) with the field named."""
        enabled = self.protocols.enabled()
        pacing = PacingPolicy(
            break_every_seconds=self.break_every.value() * MINUTE,
            break_offer_gap_seconds=self.break_gap.value() * MINUTE,
            pause_after_high=self.pause_after.value(),
            long_session_seconds=self.long_session.value() * MINUTE,
            continue_offer_gap_seconds=self.continue_gap.value() * MINUTE,
        )
        return replace(
            self._shown,
            auto_lock_minutes=self.auto_lock.value(),
            kdf_memory_mib=self.kdf_memory.value(),
            kdf_time_cost=self.kdf_time.value(),
            relay_url=self.relay.text().strip(),
            protocols_enabled=enabled,
            consent_default_days=self.consent_days.value(),
            pacing=pacing,
            language=str(self.language.currentData()),
            interview_languages=self.languages.languages(),
        )

    # --- sign -----------------------------------------------------------------------------------
    def _sign(self) -> None:
        self.status.hide()
        self.error.hide()
        try:
            policy = self.policy()
        except IntakeError as exc:  # a PolicyError names the field
            self.error.setText(error_text(exc))
            self.error.show()
            return
        self.sign.setEnabled(False)
        self._worker.run(
            lambda s: provisioning.sign_policy(s, policy),
            lambda p: self._installed(p, signed=True),
            self._failed,
            changes=[Change(ChangeKind.POLICY, 0)],
        )

    def _installed(self, profile: SignedProfile, *, signed: bool) -> None:
        self.show_policy(profile.policy, profile.serial)
        self.set_has_agency(self._has_agency)
        text = (
            tr(
                "AgencyAdmin",
                "Signed and installed policy version {serial}. It is in force on this laptop"
                " now; new enrolment bundles carry it.",
            )
            if signed
            else tr(
                "AgencyAdmin", "Installed policy version {serial}. It is in force on this laptop now."
            )
        )
        self.status.setText(text.format(serial=profile.serial))
        self.status.show()
        self.installed.emit(profile)

    def _failed(self, err: IntakeError) -> None:
        self.set_has_agency(self._has_agency)
        self.error.setText(error_text(err))
        self.error.show()

    # --- files ----------------------------------------------------------------------------------
    def _choose_profile(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("AgencyAdmin", "Choose a signed profile"), "",
            tr("AgencyAdmin", "Agency profiles (*.json);;All files (*)"),
        )  # fmt: skip
        if path:
            self.import_profile(Path(path))

    def import_profile(self, path: Path) -> None:
        self.status.hide()
        self.error.hide()
        self._worker.run(
            lambda s: provisioning.import_profile(s, path),
            lambda p: self._installed(p, signed=False),
            self._failed,
            changes=[Change(ChangeKind.POLICY, 0)],
        )

    def _choose_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("AgencyAdmin", "Save the signed profile"), "profile.json",
            tr("AgencyAdmin", "Agency profiles (*.json)"),
        )  # fmt: skip
        if path:
            self.save_profile(Path(path))

    def save_profile(self, path: Path) -> None:
        self.status.hide()
        self.error.hide()

        def saved(serial: int) -> None:
            self.status.setText(
                tr(
                    "AgencyAdmin",
                    "Saved policy version {serial} to {file}. Import it on each laptop of the"
                    " agency (Agency, Policy, Import).",
                ).format(serial=serial, file=path.name)
            )
            self.status.show()

        self._worker.run(lambda s: provisioning.save_profile_file(s, path), saved, self._failed)

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _retranslate_state(self) -> None:
        if not self._has_agency:
            self.in_force.setText(tr("AgencyAdmin",
                                     "Create this agency first: a policy is signed with its key."))
        elif self._serial == 0:
            self.in_force.setText(tr("AgencyAdmin", "No signed policy yet: the defaults apply."))
        else:
            self.in_force.setText(
                tr(
                    "AgencyAdmin",
                    "Version {serial} is in force on this laptop. Change what you need, then"
                    " sign it as version {next}.",
                ).format(serial=self._serial, next=self._serial + 1)
            )
        self.sign.setText(
            tr("AgencyAdmin", "Sign and install as version {next}").format(next=self._serial + 1)
        )
        self.sign.setAccessibleName(self.sign.text())

    def retranslate(self) -> None:
        self.title.setText(tr("AgencyAdmin", "Policy for every laptop of the agency"))
        self.security.setTitle(tr("AgencyAdmin", "Security"))
        self.kdf_hint.setText(tr(
            "AgencyAdmin",
            "Passphrase hardening makes a stolen laptop's passphrases slow to guess. Higher"
            " is safer but makes unlocking slower; 64 MiB and 3 passes take about a second."
            " Applies to laptops set up after this version."))
        self.relay_hint.setText(tr(
            "AgencyAdmin",
            "The relay carries only encrypted envelopes between agencies. Leave it empty"
            " to share by USB stick or shared folder only."))
        self.sharing.setTitle(tr("AgencyAdmin", "Sharing"))
        self.interviews.setTitle(tr("AgencyAdmin", "Interviews"))
        minutes = tr("AgencyAdmin", " min")
        for spin in (self.auto_lock, self.break_every, self.break_gap, self.long_session,
                     self.continue_gap):
            spin.setSuffix(minutes)
        self.kdf_memory.setSuffix(tr("AgencyAdmin", " MiB"))
        self.pause_after.setSuffix(tr("AgencyAdmin", " in a row"))
        self.auto_lock.setToolTip(tr("AgencyAdmin", "1 to 30 minutes"))
        self.consent_days.setSuffix(tr("AgencyAdmin", " days"))
        names: dict[QWidget, str] = {
            self.auto_lock: tr("AgencyAdmin", "Lock when idle for"),
            self.kdf_memory: tr("AgencyAdmin", "Hardening: memory"),
            self.kdf_time: tr("AgencyAdmin", "Hardening: passes"),
            self.relay: tr("AgencyAdmin", "Relay address"),
            self.consent_days: tr("AgencyAdmin", "Consent lasts, by default"),
            self.break_every: tr("AgencyAdmin", "Offer a break every"),
            self.break_gap: tr("AgencyAdmin", "After a declined break, wait"),
            self.pause_after: tr("AgencyAdmin", "Pause after hard questions"),
            self.long_session: tr("AgencyAdmin", "Suggest another day after"),
            self.continue_gap: tr("AgencyAdmin", "Then again every"),
            self.language: tr("AgencyAdmin", "Language of new laptops"),
            self.languages: tr("AgencyAdmin", "Interview languages"),
        }
        for field, text in names.items():
            self._rows[field].setText(text)
            field.setAccessibleName(text)
        self.languages.retranslate()
        proto_row = next(w for w in self._rows if w not in names)
        self._rows[proto_row].setText(tr("AgencyAdmin", "Interview guides offered"))
        self.protocols.retranslate()
        self.relay.setPlaceholderText(tr("AgencyAdmin", "empty: share by USB stick only"))
        self.import_button.setText(tr("AgencyAdmin", "Import a profile file…"))
        self.import_button.setAccessibleName(tr("AgencyAdmin", "Import a profile file"))
        self.save_button.setText(tr("AgencyAdmin", "Save profile to a file…"))
        self.save_button.setAccessibleName(tr("AgencyAdmin", "Save profile to a file"))
        self._retranslate_state()
