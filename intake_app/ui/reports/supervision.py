"""The Reports screen's "Caseload now" tab (supervisors, administrators): open cases by status,
consents ending within 14 days, follow-ups overdue, interviews left unfinished. Each list is a
table by case code (never a name); Enter or a double click on a row opens that case.

The overview is read on the worker (services/supervision.overview, audited with its counts);
its progress is polled from a plain object, as the deletion below it does. Kind words (a
purpose, a service, an agency kind) come from domain.reporting.labels, the screen's own words
from tr("Supervision", ...).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.case import CaseStatus
from intake_app.domain.reporting.labels import label
from intake_app.domain.supervision import (
    EXPIRY_WINDOW_DAYS,
    FOLLOW_UP_DAYS,
    InterviewState,
    Overview,
)
from intake_app.errors import IntakeError
from intake_app.services import cases, supervision
from intake_app.services.session import Session
from intake_app.ui import i18n
from intake_app.ui.backup_feature import POLL_MS, CopyProgress
from intake_app.ui.case_table import status_label
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.tables import hint_label, read_only_item, read_only_table
from intake_app.ui.worker import Worker

CTX = "Supervision"
ROWS_SHOWN = 8  # a table shows this many rows before it scrolls, so all four fit the page


class CaseTable(QWidget):
    """One list: a heading with its count, a sentence saying what it lists, the table (or, when
    empty, a sentence saying so) and a note when only the most urgent rows are kept."""

    def __init__(self, name: str, columns: int) -> None:
        super().__init__()
        self.heading = QLabel()
        self.heading.setProperty("role", "subheading")
        self.explain = hint_label()
        self.table = read_only_table(columns)
        self.table.setObjectName(name)
        self.table.setWordWrap(False)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.more = hint_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        for w in (self.heading, self.explain, self.table, self.empty, self.more):
            layout.addWidget(w)

    def fill(self, rows: Sequence[Sequence[str]], count: int) -> None:
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, read_only_item(value))
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.more.setVisible(count > len(rows))
        self.more.setText(tr(CTX, "Showing the {shown} most urgent of {count}.").format(
            shown=len(rows), count=count))
        header = self.table.horizontalHeader()
        row_height = self.table.verticalHeader().defaultSectionSize()
        shown = max(1, min(len(rows), ROWS_SHOWN))
        self.table.setFixedHeight(header.sizeHint().height() + row_height * shown
                                  + 2 * self.table.frameWidth() + 2)

    def code_at(self, index: QModelIndex) -> str | None:
        item = self.table.item(index.row(), 0)
        return None if item is None else item.text()


class SupervisionPanel(QWidget):
    """Loaded when first shown and on "Check again"; each look is one audited read."""

    shown_overview = Signal()  # an overview is on screen
    open_requested = Signal(int)  # case id, resolved from the row's code

    def __init__(self, worker: Worker) -> None:
        super().__init__()
        self.setObjectName("supervisionPanel")
        self._worker = worker
        self._busy = False
        self._overview: Overview | None = None
        self._progress: CopyProgress | None = None
        self.explain = hint_label()
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(200)
        self.bar.hide()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._show_progress)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cases_heading = QLabel()
        self.cases_heading.setProperty("role", "subheading")
        self.by_status = QLabel()
        self.by_status.setObjectName("casesByStatus")
        self.by_status.setWordWrap(True)
        self.expiring = CaseTable("expiringConsents", 4)
        self.overdue = CaseTable("overdueFollowUps", 5)
        self.unfinished = CaseTable("unfinishedInterviews", 5)
        for section in self.sections:
            section.table.activated.connect(lambda index, t=section: self._open(t.code_at(index)))
        top = QHBoxLayout()
        top.addWidget(self.refresh_button)
        top.addWidget(self.bar)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.explain)
        layout.addLayout(top)
        layout.addWidget(self.cases_heading)
        layout.addWidget(self.by_status)
        for section in self.sections:
            layout.addWidget(section)
        layout.addStretch(1)
        for w in (self.by_status, *self.sections):  # nothing to say before the first look
            w.hide()
        self.retranslate()

    @property
    def sections(self) -> tuple[CaseTable, CaseTable, CaseTable]:
        return (self.expiring, self.overdue, self.unfinished)

    @property
    def overview(self) -> Overview | None:
        return self._overview

    # --- reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._busy:
            return
        progress = self._progress = CopyProgress()
        self._set_busy(True)
        self.bar.setRange(0, supervision.STEPS)
        self.bar.setValue(0)
        self.bar.show()
        self._poll.start()
        self.status.setText(tr(CTX, "Looking through the caseload…"))
        self._worker.run(lambda s: supervision.overview(s, progress=progress), self._show,
                         self._failed)

    def _show_progress(self) -> None:
        seen = self._progress.read() if self._progress is not None else None
        if seen is not None:
            self.bar.setValue(seen[0])

    def _show(self, result: Overview) -> None:
        self._stop_progress()
        self._set_busy(False)
        self._overview = result
        self._fill()
        self.shown_overview.emit()

    def _failed(self, err: IntakeError) -> None:
        self._stop_progress()
        self._set_busy(False)
        self.status.setText(error_text(err))

    def _stop_progress(self) -> None:
        self._poll.stop()
        self._progress = None
        self.bar.hide()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.refresh_button.setEnabled(not busy)

    # --- opening a case ---------------------------------------------------------------------
    def _open(self, code: str | None) -> None:
        if code is None:
            return

        def find(s: Session) -> int:
            return cases.browse_code(s, code).id  # a row without the name

        self._worker.run(find, self.open_requested.emit, self._failed)

    # --- words ------------------------------------------------------------------------------
    def _fill(self) -> None:
        ov = self._overview
        if ov is None:
            return
        language = i18n.current_language()
        for w in (self.by_status, *self.sections):
            w.show()
        # Every count at the top: the last list may sit below the fold on a small screen.
        self.status.setText(tr(CTX, "As of {time}: {expiring} consents ending soon, {overdue}"
                                    " follow-ups overdue, {unfinished} interviews left"
                                    " unfinished.").format(
            time=ov.at.astimezone().strftime("%H:%M"), expiring=ov.expiring_count,
            overdue=ov.overdue_count, unfinished=ov.unfinished_count))
        self.by_status.setText("    ".join(
            f"{status_label(status)}: {ov.count(status)}" for status in CaseStatus))
        self.expiring.heading.setText(tr(CTX, "Consents ending in the next {days} days: {count}")
                                      .format(days=EXPIRY_WINDOW_DAYS, count=ov.expiring_count))
        self.expiring.fill([(e.code, label(e.purpose.value, language), e.expires_on.isoformat(),
                             str(e.days_left)) for e in ov.expiring], ov.expiring_count)
        self.overdue.heading.setText(tr(CTX, "Follow-ups overdue: {count}")
                                     .format(count=ov.overdue_count))
        self.overdue.fill([(o.code, label(o.category.value, language),
                            label(o.sent_to.value, language), o.made_on.isoformat(),
                            str(o.days_waiting)) for o in ov.overdue], ov.overdue_count)
        self.unfinished.heading.setText(tr(CTX, "Interviews left unfinished: {count}")
                                        .format(count=ov.unfinished_count))
        self.unfinished.fill([(u.code, _state(u.state), u.started_on.isoformat(),
                               u.last_activity_on.isoformat(), str(u.days_idle))
                              for u in ov.unfinished], ov.unfinished_count)

    def retranslate(self) -> None:
        self.explain.setText(tr(CTX, "What needs attention now, by case code: no name is shown"
                                     " here. Press Enter on a row to open its case. Demo cases"
                                     " are left out."))
        self.refresh_button.setText(tr(CTX, "Check a&gain"))
        self.refresh_button.setAccessibleName(tr(CTX, "Look through the caseload again"))
        self.cases_heading.setText(tr(CTX, "Cases by status"))
        self.expiring.explain.setText(tr(CTX, "Consents not withdrawn whose last day falls within"
                                              " the next {days} days: ask the person whether to"
                                              " renew them.").format(days=EXPIRY_WINDOW_DAYS))
        self.expiring.empty.setText(tr(CTX, "No consent expires in the next {days} days.")
                                    .format(days=EXPIRY_WINDOW_DAYS))
        self.expiring.table.setHorizontalHeaderLabels([
            tr(CTX, "Case code"), tr(CTX, "For"), tr(CTX, "Last day"), tr(CTX, "Days left")])
        self.overdue.explain.setText(tr(CTX, "Referrals still pending more than {days} days after"
                                             " they were made: ask the agency what happened.")
                                     .format(days=FOLLOW_UP_DAYS))
        self.overdue.empty.setText(tr(CTX, "No referral has waited more than {days} days for an"
                                           " answer.").format(days=FOLLOW_UP_DAYS))
        self.overdue.table.setHorizontalHeaderLabels([
            tr(CTX, "Case code"), tr(CTX, "Service"), tr(CTX, "Sent to"), tr(CTX, "Made on"),
            tr(CTX, "Days waiting")])
        self.unfinished.explain.setText(tr(CTX, "Interviews started and not completed, the"
                                                " longest untouched first."))
        self.unfinished.empty.setText(tr(CTX, "No interview is left unfinished."))
        self.unfinished.table.setHorizontalHeaderLabels([
            tr(CTX, "Case code"), tr(CTX, "State"), tr(CTX, "Started"), tr(CTX, "Last activity"),
            tr(CTX, "Days since")])
        for section, name in zip(self.sections, (
                tr(CTX, "Consents ending soon"), tr(CTX, "Follow-ups overdue"),
                tr(CTX, "Interviews left unfinished")), strict=True):
            section.table.setAccessibleName(name)
        self._fill()


def _state(state: InterviewState) -> str:
    if state is InterviewState.PAUSED:
        return tr(CTX, "Paused, to go on another day")
    return tr(CTX, "Sitting never ended")
