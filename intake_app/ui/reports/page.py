"""The Reports screen (supervisors, administrators), in two tabs. "Counts for a period": a
period, three charts, tables, exports, the task force (send this agency's counts to a partner;
reports combined from what partners sent, ui/reports/task_force.py) and the cases due for
deletion under the agency's retention policy (ui/reports/retention.py). "Caseload now": what
needs attention today, by case code (ui/reports/supervision.py; Ctrl+6 opens it directly). A
tab and not a toolbar button of its own: the toolbar has no room left at 200% for an
administrator without pushing Lock and Quick exit out of view, and both tabs are the
supervisor's desk.

(Over 400 lines on purpose: the period's run, its charts, its tables and its exports share one
set of published reports and one busy state; split, each part would have to be told when the
others change. The tabs' own panels already live beside it.)

Every query and every export runs on the worker (services.reports); the screen only shows the
published reports it gets back, which hold no code, name or free text. Table words come from
domain.reporting.labels in the app's language, the screen's own words from self.tr.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.reporting.labels import label
from intake_app.domain.reporting.tables import PublishedReport
from intake_app.errors import IntakeError
from intake_app.exports.layout import Kind, Line, table_lines
from intake_app.services import aggregates, reports
from intake_app.ui import i18n
from intake_app.ui.flow_layout import FlowLayout
from intake_app.ui.interview.consent_print import start_folder
from intake_app.ui.reports.chart import BarChart
from intake_app.ui.reports.retention import RetentionPanel
from intake_app.ui.reports.supervision import SupervisionPanel
from intake_app.ui.reports.task_force import (
    SendDialog,
    combined_choice,
    combined_key,
    sources_sentence,
    split_key,
)
from intake_app.ui.tables import clear_layout
from intake_app.ui.worker import Change, ChangeKind, Worker

CHARTS = (("task_force.new_by_month", True), ("task_force.new_by_type", False),
          ("task_force.services", False))
QUARTERS_BACK = 8
TAB_COUNTS, TAB_CASELOAD = 0, 1


def recent_quarters(today: date, count: int = QUARTERS_BACK) -> list[str]:
    """The current quarter first, then the ones before it."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    out: list[str] = []
    for _ in range(count):
        out.append(f"{year}Q{quarter}")
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    return out


class ReportsPage(QWidget):
    """Pick a period, Run: charts and the chosen report's tables; Export CSV, XLSX or PDF."""

    shown_reports = Signal()  # a run's reports (and any combined ones) are on screen
    exported = Signal(str)  # the format written
    sent = Signal(str)  # counts queued for a partner agency: its id
    open_requested = Signal(int)  # a case id, from a row of the caseload tab

    def __init__(self, worker: Worker, today: date | None = None) -> None:
        super().__init__()
        self.setObjectName("reportsPage")
        self._worker = worker
        self._reports: dict[str, PublishedReport] = {}  # by choice: a kind or combined_key
        self._sources: tuple[aggregates.Source, ...] = ()
        self.send_dialog: SendDialog | None = None
        self._busy = False
        self.file_chooser: QFileDialog | None = None
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.period_label = QLabel()
        self.period = QComboBox()
        self.period.setEditable(True)  # a month, a year or a date range may be typed
        self.period.addItems(recent_quarters(today or date.today()))
        self.period.setCurrentIndex(1)  # the last full quarter: what a grant report asks for
        self.period_label.setBuddy(self.period)
        self.kind_label = QLabel()
        self.kind = QComboBox()
        # It takes the row's free width, so "…, combined across agencies" shows whole on a
        # laptop screen; at 200% in Spanish it may be cut, and the tables then say so.
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(22)
        self.kind_label.setBuddy(self.kind)
        self.run_button = QPushButton()
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: a report has no steps worth counting
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        # Which agencies a combined report adds up: above the scrolling tables, so it wraps to
        # the window's width and stays in view.
        self.sources = QLabel()
        self.sources.setObjectName("combinedSources")
        self.sources.setWordWrap(True)
        self.sources.hide()
        self.export_buttons: dict[reports.ExportFormat, QPushButton] = {}
        top = FlowLayout()  # wraps at 200% instead of making the window wider than the screen
        for w in (self.period_label, self.period, self.kind_label, self.kind, self.run_button,
                  self.progress):
            top.addWidget(w)
        # What to do with the report follows in the same flowing row: it wraps where the
        # screen ends (in one fixed row the screen was wider than a laptop's in Spanish).
        for fmt in reports.ExportFormat:
            button = QPushButton()
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, f=fmt: self.choose_file(f))
            self.export_buttons[fmt] = button
            top.addWidget(button)
        self.send_button = QPushButton()
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.choose_partner)
        top.addWidget(self.send_button)
        self.charts = [BarChart() for _ in CHARTS]
        chart_row = QGridLayout()
        for i, chart in enumerate(self.charts):
            chart_row.addWidget(chart, 0, i)
        self.tables_box = QWidget()
        self.tables_layout = QVBoxLayout(self.tables_box)
        body = self._body = QWidget()
        inner = QVBoxLayout(body)
        inner.addLayout(chart_row)
        inner.addWidget(self.tables_box)
        self.retention = RetentionPanel(worker)  # after the counts: the cases due for deletion
        inner.addWidget(self.retention)
        inner.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        counts = QWidget()
        counts_layout = QVBoxLayout(counts)
        counts_layout.addLayout(top)
        counts_layout.addWidget(self.status)
        counts_layout.addWidget(self.sources)
        counts_layout.addWidget(scroll, 1)
        self.caseload = SupervisionPanel(worker)
        self.caseload.open_requested.connect(self.open_requested)
        caseload_scroll = QScrollArea()
        caseload_scroll.setWidgetResizable(True)
        caseload_scroll.setWidget(self.caseload)
        self.tabs = QTabWidget()
        self.tabs.addTab(counts, "")
        self.tabs.addTab(caseload_scroll, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self.kind.currentIndexChanged.connect(self._draw)  # the charts follow the choice too
        self.retranslate()

    # --- the caseload tab -------------------------------------------------------------------
    def show_caseload(self) -> None:
        """The "Caseload now" tab, read when first shown (each look is audited)."""
        self.tabs.setCurrentIndex(TAB_CASELOAD)
        self._tab_shown(TAB_CASELOAD)
        self.caseload.refresh_button.setFocus()

    def _tab_shown(self, index: int) -> None:
        if index == TAB_CASELOAD and self.caseload.overview is None:
            self.caseload.refresh()

    # --- running ----------------------------------------------------------------------------
    def run(self) -> None:
        if self._busy:
            return
        text = self.period.currentText()
        self._set_busy(True)
        self.status.setText(self.tr("Counting…"))
        self._worker.run(lambda s: reports.run_reports(s, text), self._show, self._failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.run_button.setEnabled(not busy)
        for button in (*self.export_buttons.values(), self.send_button):
            button.setEnabled(not busy and bool(self._reports))

    def _show(self, published: list[PublishedReport]) -> None:
        self._reports = {r.kind: r for r in published}
        self._sources = ()
        period = published[0].period
        # Then what partners sent for the same period: its own job, so a problem with a
        # partner's counts never hides this agency's own report.
        self._worker.run(lambda s: aggregates.received(s, period), self._show_received,
                         self._received_failed)

    def _show_received(self, received: aggregates.Received) -> None:
        self._reports.update({combined_key(r.kind): r for r in received.reports})
        self._sources = received.sources
        self._set_busy(False)
        self.retranslate()  # the report choice gains the combined reports
        self._draw()
        self.shown_reports.emit()

    def _received_failed(self, err: IntakeError) -> None:
        self._set_busy(False)
        self.retranslate()
        self._draw()
        self.status.setText(i18n.error_text(err))
        self.shown_reports.emit()

    def _failed(self, err: IntakeError) -> None:
        self._set_busy(False)
        self.status.setText(i18n.error_text(err))

    def _draw(self) -> None:
        language = i18n.current_language()
        # A combined report chosen: the charts are the task force's, not this agency's alone.
        key = combined_key(reports.TASK_FORCE)
        if not (split_key(str(self.kind.currentData()))[1] and key in self._reports):
            key = reports.TASK_FORCE
        summary = self._reports.get(key)
        if summary is None:
            return
        self.status.setText(self.tr("Period: {period}. Small counts are hidden; the rule is"
                                    " under each table.").format(period=summary.period.label))
        for chart, (table_id, over_time) in zip(self.charts, CHARTS, strict=True):
            chart.set_table(summary, summary.table(table_id), language, over_time=over_time)
            chart.setMinimumHeight(chart.sizeHint().height())  # every category's row readable
        self._show_tables()

    def _show_tables(self) -> None:
        clear_layout(self.tables_layout)
        report = self._reports.get(str(self.kind.currentData()))
        combined = report is not None and split_key(str(self.kind.currentData()))[1]
        self.sources.setText(sources_sentence(self._sources) if combined else "")
        self.sources.setVisible(combined)
        if report is None:
            return
        language = i18n.current_language()
        for table in report.tables:
            lines = table_lines(report, table, language)
            title = QLabel(str(lines[0].values[0]))
            title.setProperty("role", "subheading")
            self.tables_layout.addWidget(title)
            grid = [ln for ln in lines if ln.kind in (Kind.HEADER, Kind.DATA, Kind.TOTAL)]
            notes = [str(ln.values[0]) for ln in lines[1:] if ln.kind is Kind.NOTE and ln.values]
            if len(grid) > 1:
                self.tables_layout.addWidget(_grid(table.id, grid))
            for note in notes:  # the suppression rule (or why a table is withheld)
                words = QLabel(note)
                words.setWordWrap(True)
                words.setProperty("role", "hint")
                self.tables_layout.addWidget(words)
        # The scroll area sizes its body from the body's layout: settle it now, so the new
        # tables get their full height instead of sharing the old one.
        self.tables_layout.activate()
        body_layout = self._body.layout()
        if body_layout is not None:
            body_layout.activate()
        self._body.setMinimumHeight(self._body.minimumSizeHint().height())

    # --- exporting --------------------------------------------------------------------------
    def choose_file(self, fmt: reports.ExportFormat) -> None:
        kind = str(self.kind.currentData())
        report = self._reports.get(kind)
        if report is None or self._busy:
            return
        chooser = QFileDialog(self, self.tr("Export the report (no names; the file is not"
                                            " encrypted)"))
        chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setFileMode(QFileDialog.FileMode.AnyFile)
        chooser.setDefaultSuffix(fmt.value)
        chooser.setNameFilter(self.tr("{format} files (*.{suffix})").format(
            format=fmt.value.upper(), suffix=fmt.value))
        chooser.setDirectory(str(start_folder()))  # never silently the home folder
        chooser.selectFile(f"{kind}-{report.period.label}.{fmt.value}")
        chooser.fileSelected.connect(lambda path: self.export(fmt, Path(path)))
        self.file_chooser = chooser
        chooser.open()

    def export(self, fmt: reports.ExportFormat, path: Path) -> None:
        key = str(self.kind.currentData())
        report = self._reports.get(key)
        if report is None or self._busy:
            return
        period, language = report.period, i18n.current_language()
        kind, combined = split_key(key)
        from intake_app.ui.reports.pdf import to_pdf

        self._set_busy(True)
        if combined:
            self._worker.run(
                lambda s: aggregates.export_combined(s, period, kind, fmt, path, language,
                                                     pdf=to_pdf),
                lambda _r: self._exported(fmt, path), self._failed,
            )
            return
        self._worker.run(
            lambda s: reports.export_report(s, period, kind, fmt, path, language, pdf=to_pdf),
            lambda _r: self._exported(fmt, path), self._failed,
        )

    def _exported(self, fmt: reports.ExportFormat, path: Path) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("Saved {file}. It holds no names, but it is not encrypted:"
                                    " keep it only as long as needed.").format(file=path.name))
        self.exported.emit(fmt.value)

    # --- across the task force ---------------------------------------------------------------
    def choose_partner(self) -> None:
        """"Send to…": the confirmed partners (from the worker), then a dialog to confirm."""
        report = self._reports.get(reports.TASK_FORCE)
        if report is None or self._busy:
            return
        self._set_busy(True)
        self._worker.run(aggregates.recipients,
                         lambda found: self._ask_partner(report.period.label, found),
                         self._failed)

    def _ask_partner(self, period: str, found: list[tuple[str, str]]) -> None:
        self._set_busy(False)
        dialog = SendDialog(period, found, self)
        dialog.accepted.connect(lambda: self.send_to(dialog.chosen()))
        self.send_dialog = dialog
        dialog.open()

    def send_to(self, agency_id: str | None) -> None:
        report = self._reports.get(reports.TASK_FORCE)
        if agency_id is None or report is None or self._busy:
            return
        period = report.period
        self._set_busy(True)
        self.status.setText(self.tr("Sending…"))
        self._worker.run(lambda s: aggregates.send_aggregate(s, period, agency_id),
                         self._sent, self._failed, changes=[Change(ChangeKind.SHARING, 0)])

    def _sent(self, sent: aggregates.SentAggregate) -> None:
        self._set_busy(False)
        self.status.setText(self.tr(
            "The counts for {period} are ready to go to {agency}: they leave at the next"
            " sync. Counts only; nothing that names a person.").format(
            period=sent.period, agency=sent.recipient_name))
        self.sent.emit(sent.recipient_id)

    # --- words ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.retention.retranslate()
            self.caseload.retranslate()
            self._draw()
        super().changeEvent(event)

    def retranslate(self) -> None:
        language = i18n.current_language()
        self.heading.setText(self.tr("Reports"))
        self.tabs.setTabText(TAB_COUNTS, self.tr("C&ounts for a period"))
        self.tabs.setTabText(TAB_CASELOAD, self.tr("&Caseload now"))
        self.period_label.setText(self.tr("&Period:"))
        self.period.setToolTip(self.tr("A quarter (2026Q3), a month (2026-07), a year (2026) or"
                                       " dates (2026-07-01..2026-09-30)"))
        self.kind_label.setText(self.tr("&Report:"))
        current = self.kind.currentData() or reports.TASK_FORCE
        self.kind.blockSignals(True)
        self.kind.clear()
        for kind in (reports.TASK_FORCE, reports.GRANT, reports.CONSENTS):
            self.kind.addItem(label(kind, language), kind)
        for kind in (reports.TASK_FORCE, reports.GRANT, reports.CONSENTS):
            if combined_key(kind) in self._reports:  # only once partners sent theirs
                self.kind.addItem(combined_choice(label(kind, language)), combined_key(kind))
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        self.kind.blockSignals(False)
        self.run_button.setText(self.tr("R&un"))
        texts = {reports.ExportFormat.CSV: self.tr("Export CSV…"),
                 reports.ExportFormat.XLSX: self.tr("Export XLSX…"),
                 reports.ExportFormat.PDF: self.tr("Export PDF…")}
        for fmt, button in self.export_buttons.items():
            button.setText(texts[fmt])
        self.send_button.setText(self.tr("Send to…"))
        self.send_button.setToolTip(self.tr("Send this agency's counts for the period (no names)"
                                            " to the partner agency that combines the task"
                                            " force's numbers"))


def _grid(table_id: str, lines: list[Line]) -> QTableWidget:
    header, rest = lines[0], lines[1:]
    grid = QTableWidget(len(rest), len(header.values) - 1)
    grid.setObjectName(table_id)
    grid.setHorizontalHeaderLabels([str(v) for v in header.values[1:]])
    grid.setVerticalHeaderLabels([str(ln.values[0]) for ln in rest])
    grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    for r, line in enumerate(rest):
        for c, value in enumerate(line.values[1:]):
            item = QTableWidgetItem(str(value))
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.setItem(r, c, item)
    grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    grid.setMinimumHeight(min(420, 30 + 26 * len(rest)))
    return grid
