"""First run: create the first user, choose the language, then show the recovery code once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.ui import i18n
from intake_app.ui.fit import vertical_scroll
from intake_app.ui.i18n import tr
from intake_app.ui.theme import monospace_font
from intake_app.ui.wrap_buttons import WrapCheckBox

MIN_PASSPHRASE = 8  # the key vault's rule; checked here first so nobody waits for the KDF to hear it
ROLES: tuple[str, ...] = ("advocate", "officer", "supervisor", "admin")


def _role_label(role: str) -> str:
    labels = {
        "advocate": tr("Roles", "Advocate"),
        "officer": tr("Roles", "Officer"),
        "supervisor": tr("Roles", "Supervisor"),
        "admin": tr("Roles", "Administrator"),
    }
    return labels[role]


def _label(role: str = "") -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    if role:
        label.setProperty("role", role)
    return label


class FirstRunPage(QWidget):
    """Three steps on one page: who you are, a moment of key derivation, the recovery code."""

    setup_requested = Signal(str, str, str)  # user name, role, passphrase
    join_requested = Signal()  # "Join my agency": the main window shows the bundle panel
    language_chosen = Signal(str)
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRun")
        self._recovery = ""
        self._joining = ""  # the agency's name once a bundle was opened
        self.steps = QStackedWidget()
        self.steps.addWidget(self._build_form())
        self.steps.addWidget(self._build_recovery())
        # On a small screen (or at 200%) the steps scroll instead of squeezing their text.
        scroll = vertical_scroll()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        centred = QWidget()
        row = QHBoxLayout(centred)
        row.addStretch(1)
        row.addWidget(self.steps, 3)
        row.addStretch(1)
        self.steps.setMaximumWidth(760)  # a readable line on a wide screen; all of a narrow one
        scroll.setWidget(centred)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.retranslate()
        self._validate()

    # --- step 1: the first user ---------------------------------------------------------------
    def _build_form(self) -> QWidget:
        page = QWidget()
        self.title = _label("title")
        self.intro = _label("hint")
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Español", "es")  # each language named in itself
        self.language.setCurrentIndex(i18n.LANGUAGES.index(i18n.current_language()))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.username = QLineEdit()
        self.role = QComboBox()
        for r in ROLES:
            self.role.addItem("", r)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.rule = _label("hint")
        self.feedback = _label("hint")
        self.error = _label("error")
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.busy_label = _label("hint")
        self.busy_label.hide()
        self.submit = QPushButton()
        self.submit.setProperty("role", "primary")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._submit)
        self.or_join = _label("hint")
        self.join = QPushButton()
        self.join.clicked.connect(self.join_requested)
        self.joining = _label("ok")
        self.joining.hide()
        for edit in (self.username, self.passphrase, self.repeat):
            edit.textChanged.connect(self._validate)
            edit.returnPressed.connect(self._submit)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.l_language, self.l_user, self.l_role = QLabel(), QLabel(), QLabel()
        self.l_pass, self.l_repeat = QLabel(), QLabel()
        for label, field in (
            (self.l_language, self.language), (self.l_user, self.username), (self.l_role, self.role),
            (self.l_pass, self.passphrase), (self.l_repeat, self.repeat),
        ):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for w in (self.title, self.intro, self.joining):
            layout.addWidget(w)
        layout.addLayout(self.form)
        for widget in (self.rule, self.feedback, self.error, self.busy, self.busy_label, self.submit,
                       self.or_join, self.join):
            layout.addWidget(widget)
        layout.addStretch(2)
        QWidget.setTabOrder(self.language, self.username)
        QWidget.setTabOrder(self.username, self.role)
        QWidget.setTabOrder(self.role, self.passphrase)
        QWidget.setTabOrder(self.passphrase, self.repeat)
        QWidget.setTabOrder(self.repeat, self.submit)
        QWidget.setTabOrder(self.submit, self.join)
        return page

    def set_joining(self, agency_name: str, language: str) -> None:
        """A bundle was opened: this first user joins that agency (in its language)."""
        self._joining = agency_name
        self.language.blockSignals(True)  # the window already chose it: no second language_chosen
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.language.blockSignals(False)
        self.or_join.hide()
        self.join.hide()
        self.joining.show()
        self.retranslate()

    def _problem(self) -> str:
        """What stops set-up right now, in words; empty when the form is ready."""
        if not self.username.text().strip():
            return tr("FirstRun", "Type a user name.")
        n = len(self.passphrase.text())
        if n < MIN_PASSPHRASE:
            return tr("FirstRun", "Passphrase too short: %1 of at least 8 characters.").replace(
                "%1", str(n)
            )
        if self.passphrase.text() != self.repeat.text():
            return tr("FirstRun", "The two passphrases are not the same yet.")
        return ""

    def _validate(self) -> None:
        problem = self._problem()
        self.feedback.setText(problem or tr("FirstRun", "Ready. The passphrases match."))
        self.feedback.setProperty("role", "hint" if problem else "ok")
        self.feedback.style().polish(self.feedback)
        self.submit.setEnabled(not problem and not self.busy.isVisible())

    def _submit(self) -> None:
        if self._problem() or self.busy.isVisible():
            return
        self.set_busy(True)
        self.setup_requested.emit(
            self.username.text().strip(), str(self.role.currentData()), self.passphrase.text()
        )

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        for w in (self.username, self.role, self.passphrase, self.repeat, self.language, self.join):
            w.setEnabled(not busy)
        if busy:
            self.error.hide()
        self._validate()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()

    def _language_changed(self) -> None:
        self.language_chosen.emit(str(self.language.currentData()))

    # --- step 3: the recovery code, once ------------------------------------------------------
    def _build_recovery(self) -> QWidget:
        page = QWidget()
        self.r_title = _label("title")
        self.r_intro = _label()
        self.code = QLabel()
        self.code.setProperty("role", "recovery")
        self.code.setFont(monospace_font(20))
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.r_warning = _label("hint")
        self.written = WrapCheckBox()
        self.written.toggled.connect(self._validate_recovery)
        self.l_last = QLabel()
        self.last_group = QLineEdit()
        self.last_group.setFont(monospace_font())
        self.last_group.setMaxLength(8)
        self.last_group.textChanged.connect(self._validate_recovery)
        self.l_last.setBuddy(self.last_group)
        self.r_feedback = _label("hint")
        self.done = QPushButton()
        self.done.setProperty("role", "primary")
        self.done.clicked.connect(self._finish)
        self.last_group.returnPressed.connect(self._finish)
        card = QFrame()
        card.setProperty("role", "card")
        inner = QVBoxLayout(card)
        inner.addWidget(self.code)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for w in (self.r_title, self.r_intro, card, self.r_warning, self.written, self.l_last,
                  self.last_group, self.r_feedback, self.done):
            layout.addWidget(w)
        layout.addStretch(2)
        QWidget.setTabOrder(self.written, self.last_group)
        QWidget.setTabOrder(self.last_group, self.done)
        return page

    def show_recovery_code(self, code: str) -> None:
        self.set_busy(False)
        self._recovery = code
        self.code.setText(code)
        self.steps.setCurrentIndex(1)
        self.written.setFocus()
        self._validate_recovery()

    def _last_group_ok(self) -> bool:
        expected = self._recovery.rsplit("-", 1)[-1].upper()
        return bool(expected) and self.last_group.text().strip().upper() == expected

    def _validate_recovery(self) -> None:
        ok = self.written.isChecked() and self._last_group_ok()
        if not self.written.isChecked():
            self.r_feedback.setText(tr("FirstRun", "Tick the box once the code is written down."))
        elif not self._last_group_ok():
            self.r_feedback.setText(tr("FirstRun", "Type the last group of the code to confirm."))
        else:
            self.r_feedback.setText(tr("FirstRun", "Thank you. The code will not be shown again."))
        self.done.setEnabled(ok)

    def _finish(self) -> None:
        if not (self.written.isChecked() and self._last_group_ok()):
            return
        # Shown once: forget it before the main window appears.
        self._recovery = ""
        self.code.clear()
        self.last_group.clear()
        self.finished.emit()

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("FirstRun", "Welcome to Field Intake"))
        self.intro.setText(tr(
            "FirstRun",
            "Set up this laptop. Everything you record is stored encrypted on this laptop "
            "and opens only with your passphrase.",
        ))
        self.l_language.setText(tr("FirstRun", "&Language"))
        self.l_user.setText(tr("FirstRun", "&User name"))
        self.l_role.setText(tr("FirstRun", "&Role"))
        self.l_pass.setText(tr("FirstRun", "&Passphrase"))
        self.l_repeat.setText(tr("FirstRun", "Passphrase &again"))
        for i, r in enumerate(ROLES):
            self.role.setItemText(i, _role_label(r))
        self.rule.setText(tr(
            "FirstRun",
            "Use at least 8 characters. A short sentence is easier to remember and harder "
            "to guess, for example four unrelated words.",
        ))
        self.busy_label.setText(tr(
            "FirstRun", "Setting up encryption. This takes a few seconds; please wait."
        ))
        self.submit.setText(tr("FirstRun", "Set up this laptop") if not self._joining
                            else tr("FirstRun", "Create the user and join"))
        self.or_join.setText(tr(
            "FirstRun",
            "Does your agency already use Field Intake? Your administrator can give you an "
            "enrolment bundle instead.",
        ))
        self.join.setText(tr("FirstRun", "Join my agency…"))
        self.joining.setText(tr(
            "FirstRun", "Joining {agency}. Now create the first user of this laptop."
        ).format(agency=self._joining))
        self.r_title.setText(tr("FirstRun", "Your recovery code"))
        self.r_intro.setText(tr(
            "FirstRun",
            "If every passphrase is forgotten, this code is the only way to open the data. "
            "Write it on paper now and keep it locked away, apart from the laptop.",
        ))
        self.r_warning.setText(tr(
            "FirstRun", "It is shown only this once. Do not photograph it or save it on the laptop."
        ))
        self.written.setText(tr("FirstRun", "I have written the code down"))
        self.l_last.setText(tr("FirstRun", "Type the &last group of the code (after the last dash)"))
        self.done.setText(tr("FirstRun", "Continue"))
        names = {
            self.language: tr("FirstRun", "Language"),
            self.username: tr("FirstRun", "User name"),
            self.role: tr("FirstRun", "Role"),
            self.passphrase: tr("FirstRun", "Passphrase"),
            self.repeat: tr("FirstRun", "Passphrase again"),
            self.submit: self.submit.text(),
            self.join: tr("FirstRun", "Join my agency with an enrolment bundle"),
            self.code: tr("FirstRun", "Recovery code"),
            self.written: tr("FirstRun", "I have written the code down"),
            self.last_group: tr("FirstRun", "Last group of the recovery code"),
            self.done: tr("FirstRun", "Continue"),
        }
        for widget, name in names.items():
            widget.setAccessibleName(name)
        self._validate()
        self._validate_recovery()
