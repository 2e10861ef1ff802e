"""Forgotten passphrase: the recovery code opens the data and sets a new passphrase."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError
from intake_app.ui.i18n import error_text, tr

MIN_PASSPHRASE = 8


class RecoveryPage(QWidget):
    """Recovery code + user name + a new passphrase twice; the KDF runs in the worker."""

    recover_requested = Signal(str, str, str)  # recovery code, user name, new passphrase
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = QLabel()
        self.title.setProperty("role", "title")
        self.subtitle = QLabel()
        self.subtitle.setProperty("role", "hint")
        self.subtitle.setWordWrap(True)
        self.code = QLineEdit()
        self.username = QLineEdit()
        self.new1 = QLineEdit()
        self.new2 = QLineEdit()
        for field in (self.new1, self.new2):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, (self.code, self.username, self.new1, self.new2),
                                strict=True):
            label.setBuddy(field)
            field.textChanged.connect(self._validate)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.button = QPushButton()
        self.button.setProperty("role", "primary")
        self.button.clicked.connect(self._submit)
        self.back = QPushButton()
        self.back.clicked.connect(self.back_requested)
        self.new2.returnPressed.connect(self._submit)

        form = QFormLayout()
        for label, field in zip(self.labels, (self.code, self.username, self.new1, self.new2),
                                strict=True):
            form.addRow(label, field)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addLayout(form)
        for widget in (self.error, self.busy, self.button, self.back):
            column.addWidget(widget)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        order = [self.code, self.username, self.new1, self.new2, self.button, self.back]
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)
        self.retranslate()
        self._validate()

    def reset(self) -> None:
        for field in (self.code, self.new1, self.new2):
            field.clear()
        self.error.hide()
        self.set_busy(False)
        self.code.setFocus()

    def _problem(self) -> str | None:
        if not self.code.text().strip() or not self.username.text().strip():
            return ""
        if len(self.new1.text()) < MIN_PASSPHRASE:
            return tr("Recovery", "The new passphrase needs at least 8 characters.")
        if self.new1.text() != self.new2.text():
            return tr("Recovery", "The two new passphrases are not the same.")
        return None

    def _validate(self) -> None:
        problem = self._problem()
        self.button.setEnabled(problem is None and not self.busy.isVisible())
        if problem and self.new2.text():
            self.error.setText(problem)
            self.error.show()
        elif problem is None or not problem:
            self.error.hide()

    def _submit(self) -> None:
        if self._problem() is not None:
            return
        self.set_busy(True)
        self.recover_requested.emit(
            self.code.text().strip(), self.username.text().strip(), self.new1.text()
        )

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for field in (self.code, self.username, self.new1, self.new2):
            field.setEnabled(not busy)
        self.button.setEnabled(not busy and self._problem() is None)

    def show_error(self, err: IntakeError) -> None:
        self.set_busy(False)
        self.error.setText(error_text(err))
        self.error.show()
        self.code.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("Recovery", "Forgot your passphrase?"))
        self.subtitle.setText(tr(
            "Recovery",
            "Type the recovery code that was written down when this laptop was set up, your user"
            " name, and a new passphrase. Nothing saved is lost.",
        ))
        texts = [
            tr("Recovery", "&Recovery code"),
            tr("Recovery", "&User name"),
            tr("Recovery", "&New passphrase"),
            tr("Recovery", "Re&peat it"),
        ]
        for label, field, text in zip(
            self.labels, (self.code, self.username, self.new1, self.new2), texts, strict=True
        ):
            label.setText(text)
            field.setAccessibleName(text.replace("&", ""))
        self.code.setPlaceholderText(tr("Recovery", "five groups of five characters"))
        self.button.setText(tr("Recovery", "Open with the recovery code"))
        self.back.setText(tr("Recovery", "Back to unlock"))
