"""Admin screen "Backups": the last backup, "Back up now" with its progress, and the automatic
backup's folder, interval and copies kept. Every step is a job on the worker (the copy, the
folder's checks); this screen only reads the fields and shows the answers
(services/backup_schedule.py holds the rules)."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError
from intake_app.services import backup_schedule
from intake_app.services.backup import BackupReport
from intake_app.services.backup_schedule import BackupStatus
from intake_app.ui.admin.common import label
from intake_app.ui.backup_feature import POLL_MS, CopyProgress, long_lines
from intake_app.ui.fit import vertical_scroll
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.worker import Change, ChangeKind, Worker

CTX = "Backup"


class BackupScreen(QWidget):
    backed_up = Signal(object)  # the BackupReport of "Back up now"

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminBackups")
        self._worker = worker
        self._progress: CopyProgress | None = None
        self.state: BackupStatus | None = None
        self.intro = label("hint")
        self.last = label()
        self.folder = QLineEdit()
        self.choose = QPushButton()
        self.choose.clicked.connect(self._choose_folder)
        self.every = QSpinBox()
        self.every.setRange(1, backup_schedule.MAX_HOURS)
        self.every.setValue(24)
        self.keep = QSpinBox()
        self.keep.setRange(1, backup_schedule.MAX_KEEP)
        self.keep.setValue(7)
        self.save = QPushButton()
        self.save.clicked.connect(self.save_schedule)
        self.off = QPushButton()
        self.off.clicked.connect(self.turn_off)
        self.now = QPushButton()
        self.now.setProperty("role", "primary")
        self.now.clicked.connect(self.back_up_now)
        self.bar = QProgressBar()
        self.bar.hide()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._show_progress)
        self.status = label("ok")
        self.status.hide()
        self.error = label("error")
        self.error.hide()
        self.l_folder, self.l_every, self.l_keep = QLabel(), QLabel(), QLabel()
        self.l_folder.setBuddy(self.folder)
        self.l_every.setBuddy(self.every)
        self.l_keep.setBuddy(self.keep)

        for spin in (self.every, self.keep):  # a number, not a field across the screen
            spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.l_folder, where)
        form.addRow(self.l_every, self.every)
        form.addRow(self.l_keep, self.keep)
        body = QWidget()
        inner = QVBoxLayout(body)
        for w in (self.intro, self.last):
            inner.addWidget(w)
        inner.addLayout(form)
        inner.addStretch(1)
        scroll = vertical_scroll()
        scroll.setWidget(body)
        # The buttons, the progress and the outcome stay in view at 200%, whatever the scroll.
        buttons = QHBoxLayout()
        for b in (self.now, self.save, self.off):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        edge = inner.contentsMargins()  # the buttons line up with the text above them
        layout.setContentsMargins(edge.left(), 0, edge.right(), edge.bottom())
        inner.setContentsMargins(0, edge.top(), 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        order: list[QWidget] = [self.folder, self.choose, self.every, self.keep, self.now,
                                self.save, self.off]
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)
        worker.changed.connect(self._changed)
        self.retranslate()
        self.reload()

    # --- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        self._worker.run(backup_schedule.status, self._loaded, self._failed)

    def _loaded(self, state: BackupStatus) -> None:
        first = self.state is None
        self.state = state
        plan = state.schedule
        if first and plan is not None:  # never over what the administrator is typing
            self.folder.setText(str(plan.folder))
            self.every.setValue(plan.every_hours)
            self.keep.setValue(plan.keep)
        self.off.setEnabled(plan is not None)
        self.last.setText("\n".join(long_lines(state)))
        self.last.setProperty("role", "" if state.last is not None and state.last.ok else "error")
        self.last.style().polish(self.last)

    def _changed(self, kind: str, _id: int) -> None:
        if kind == ChangeKind.BACKUP:
            self.reload()

    # --- actions --------------------------------------------------------------------------------
    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, tr(CTX, "Choose the backup folder"), self.folder.text())
        if path:
            self.folder.setText(path)

    def _chosen(self) -> Path | None:
        text = self.folder.text().strip()
        if not text:
            self._say_error(tr(CTX, "Choose a folder first: a USB stick or a network share."))
            self.folder.setFocus()
            return None
        return Path(text)

    def back_up_now(self) -> None:
        folder = self._chosen()
        if folder is None:
            return
        self._busy(True)
        progress = self._progress = CopyProgress()
        self._worker.run(lambda s: backup_schedule.back_up_now(s, folder, progress),
                         self._backed_up, self._failed, changes=[Change(ChangeKind.BACKUP, 0)])

    def _backed_up(self, report: BackupReport) -> None:
        self._busy(False)
        self._say(tr(CTX, "Backup written: %1").replace("%1", report.path.name))
        self.backed_up.emit(report)

    def save_schedule(self) -> None:
        folder = self._chosen()
        if folder is None:
            return
        every, keep = self.every.value(), self.keep.value()
        self._busy(True)
        self._worker.run(lambda s: backup_schedule.set_schedule(s, folder, every, keep),
                         lambda _plan: self._done(tr(CTX, "Automatic backup saved.")),
                         self._failed, changes=[Change(ChangeKind.BACKUP, 0)])

    def turn_off(self) -> None:
        self._busy(True)
        self._worker.run(backup_schedule.clear_schedule,
                         lambda _none: self._done(tr(CTX, "Automatic backup turned off.")),
                         self._failed, changes=[Change(ChangeKind.BACKUP, 0)])

    def _done(self, text: str) -> None:
        self._busy(False)
        self._say(text)

    def _failed(self, err: IntakeError) -> None:
        self._busy(False)
        self._say_error(error_text(err))

    # --- showing --------------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        for b in (self.now, self.save, self.off, self.choose):
            b.setEnabled(not busy)
        if not busy:
            self.off.setEnabled(self.state is not None and self.state.schedule is not None)
        self.bar.setRange(0, 0)  # until the copy reports its first pages
        self.bar.setVisible(busy)
        if busy:
            self.status.hide()
            self.error.hide()
            self._poll.start()
        else:
            self._poll.stop()
            self._progress = None

    def _show_progress(self) -> None:
        seen = self._progress.read() if self._progress is not None else None
        if seen is not None and seen[1]:
            self.bar.setRange(0, 1000)
            self.bar.setValue(1000 * seen[0] // seen[1])

    def _say(self, text: str) -> None:
        self.error.hide()
        self.status.setText(text)
        self.status.show()

    def _say_error(self, text: str) -> None:
        self.status.hide()
        self.error.setText(text)
        self.error.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.intro.setText(tr(
            CTX, "An encrypted copy of this laptop's data. Only an administrator's or a"
            " supervisor's passphrase, or the recovery code, opens it. Keep it away from the"
            " laptop: a USB stick or a network share."))
        self.l_folder.setText(tr(CTX, "&Folder"))
        self.choose.setText(tr(CTX, "C&hoose…"))
        self.l_every.setText(tr(CTX, "Back up &every"))
        self.every.setSuffix(tr(CTX, " h"))
        self.l_keep.setText(tr(CTX, "&Keep the newest"))
        self.keep.setSuffix(tr(CTX, " copies"))
        self.now.setText(tr(CTX, "&Back up now"))
        self.save.setText(tr(CTX, "&Save schedule"))
        self.off.setText(tr(CTX, "Turn &off"))
        self.bar.setAccessibleName(tr(CTX, "Backup progress"))
        if self.state is not None:
            self._loaded(self.state)
