"""The unlock (lock) screen: user name and passphrase; it never shows case data.

It is the first thing painted at start, so it touches no `Qt` enum namespace (PySide6 builds
all ~100 of its enums at first touch, ~12 ms): its layout and background get by without one.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError, UnlockThrottled
from intake_app.ui.i18n import error_text, tr


class UnlockPage(QFrame):
    """Asks who is working and their passphrase; the KDF runs in the worker meanwhile.

    A QFrame, not a QWidget: Qt paints a frame's style-sheet background (#lockScreen) itself."""

    unlock_requested = Signal(str, str)  # user name, passphrase
    language_requested = Signal()
    recovery_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self._wait_left = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(250)
        self._deadline = 0.0
        self._countdown.timeout.connect(self._tick)

        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.subtitle = QLabel()
        self.subtitle.setProperty("role", "hint")
        self.subtitle.setWordWrap(True)
        self.username = QLineEdit()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.l_user, self.l_pass = QLabel(), QLabel()
        self.l_user.setBuddy(self.username)
        self.l_pass.setBuddy(self.passphrase)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.busy_label = QLabel()
        self.busy_label.setProperty("role", "hint")
        self.busy_label.hide()
        self.button = QPushButton()
        self.button.setProperty("role", "primary")
        self.button.setDefault(True)
        self.button.clicked.connect(self._submit)
        self.language = QPushButton()
        self.language.clicked.connect(self.language_requested)
        self.forgot = QPushButton()
        self.forgot.setFlat(True)
        self.forgot.clicked.connect(self.recovery_requested)
        self.username.returnPressed.connect(self.passphrase.setFocus)
        self.passphrase.returnPressed.connect(self._submit)
        self.username.textChanged.connect(self._update_button)
        self.passphrase.textChanged.connect(self._update_button)

        form = QFormLayout()
        form.addRow(self.l_user, self.username)
        form.addRow(self.l_pass, self.passphrase)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addLayout(form)
        for w in (self.error, self.busy, self.busy_label, self.button, self.forgot):
            column.addWidget(w)
        column.addStretch(2)
        corner = QHBoxLayout()  # the language button at the right, at its own width
        corner.addStretch(1)
        corner.addWidget(self.language)
        column.addLayout(corner)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        QWidget.setTabOrder(self.username, self.passphrase)
        QWidget.setTabOrder(self.passphrase, self.button)
        QWidget.setTabOrder(self.button, self.forgot)
        QWidget.setTabOrder(self.forgot, self.language)
        self.retranslate()
        self._update_button()

    def reset(self, username: str = "") -> None:
        """Back to a clean lock screen (after a lock): keep who was working, never the passphrase."""
        self.passphrase.clear()
        self.error.hide()
        self.set_busy(False)
        if username:
            self.username.setText(username)
        (self.passphrase if self.username.text() else self.username).setFocus()

    def _submit(self) -> None:
        if not self.button.isEnabled():
            return
        self.set_busy(True)
        self.unlock_requested.emit(self.username.text().strip(), self.passphrase.text())

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_label.setVisible(busy)
        self.username.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if busy:
            self.error.hide()
        self._update_button()

    def show_error(self, err: IntakeError) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.passphrase.setFocus()
        seconds = err.ids.get("seconds")
        if err.code == "unlock_throttled" and isinstance(seconds, int) and seconds > 0:
            # A little slack: the key file counts from the failure, we count from the answer.
            self._deadline = time.monotonic() + seconds + 0.25
            self._wait_left = seconds
            from PySide6.QtCore import Qt  # loaded by now: the screen was painted long ago

            self._countdown.setTimerType(Qt.TimerType.PreciseTimer)
            self._countdown.start()
        self.error.setText(error_text(err))
        self.error.show()
        self._update_button()

    def _tick(self) -> None:
        self._wait_left = max(0, math.ceil(self._deadline - time.monotonic()))
        if self._wait_left == 0:
            self._countdown.stop()
            self.error.setText(tr("Unlock", "You can try again now."))
        else:
            self.error.setText(error_text(UnlockThrottled(seconds=self._wait_left)))
        self._update_button()

    def _update_button(self) -> None:
        ready = bool(self.username.text().strip() and self.passphrase.text())
        self.button.setEnabled(ready and not self.busy.isVisible() and self._wait_left == 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        # Seen over a shoulder, the lock screen names nothing about what this laptop is for.
        self.title.setText(tr("Unlock", "Locked"))
        self.subtitle.setText(tr("Unlock", "Type your user name and passphrase to continue."))
        self.l_user.setText(tr("Unlock", "&User name"))
        self.l_pass.setText(tr("Unlock", "&Passphrase"))
        self.busy_label.setText(tr("Unlock", "Unlocking. This takes a few seconds."))
        self.button.setText(tr("Unlock", "Unlock"))
        self.forgot.setText(tr("Unlock", "Forgot your passphrase? Use the recovery code"))
        self.forgot.setAccessibleName(tr("Unlock", "Forgot your passphrase? Use the recovery code"))
        self.username.setAccessibleName(tr("Unlock", "User name"))
        self.passphrase.setAccessibleName(tr("Unlock", "Passphrase"))
        self.button.setAccessibleName(tr("Unlock", "Unlock"))
        self.error.setAccessibleName(tr("Unlock", "Message"))
        # Names the language you switch TO, in itself: Spanish translates this to "English".
        self.language.setText(tr("Unlock", "Español"))
        self.language.setAccessibleName(tr("Unlock", "Switch language"))
