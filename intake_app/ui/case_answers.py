"""The case's answer summary tab: per interview, every question it asked (in the interview's
language) and what was answered, declined or not asked; below, the selected answer's changes
(who, when, the answer before). Identifying values are hidden until shown, and showing them is
audited in the worker before anything is shown, as on the identifying-details tab."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from intake_app.domain.answer_summary import AnswerLine, InterviewAnswers, ShownAnswer
from intake_app.domain.answers import AnswerState
from intake_app.errors import IntakeError
from intake_app.services import interviews
from intake_app.ui.i18n import local_datetime
from intake_app.ui.tables import hint_label, read_only_item, read_only_table
from intake_app.ui.worker import Change, ChangeKind, Worker

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}


class CaseAnswers(QWidget):
    """Shows the summary the case view loaded (identifying values hidden); reveals on request."""

    error = Signal(object)  # IntakeError

    def __init__(self, worker: Worker, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.case_id = case_id
        self._hidden: list[InterviewAnswers] = []
        self._revealed: list[InterviewAnswers] | None = None
        self.hint = hint_label()
        self.empty = hint_label()
        self.l_interview = QLabel()
        self.interview = QComboBox()
        self.interview.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.interview.setMinimumContentsLength(24)
        self.l_interview.setBuddy(self.interview)
        self.interview.currentIndexChanged.connect(self._fill_lines)
        self.reveal_button = QPushButton()
        self.reveal_button.clicked.connect(self._toggle_reveal)
        self.table = read_only_table(2)
        self.table.itemSelectionChanged.connect(self._fill_history)
        self.l_history = QLabel()
        self.history = read_only_table(4)
        row = QHBoxLayout()
        row.addWidget(self.l_interview)
        row.addWidget(self.interview, 1)
        row.addWidget(self.reveal_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.l_history)
        layout.addWidget(self.history, 1)
        self.retranslate()

    # --- data ----------------------------------------------------------------------------------
    def show_summary(self, summary: list[InterviewAnswers]) -> None:
        """The summary with identifying values hidden (a refresh keeps a reveal in force)."""
        self._hidden = summary
        if self._revealed is None:
            self._fill()

    @property
    def revealed(self) -> bool:
        return self._revealed is not None

    def summary(self) -> list[InterviewAnswers]:
        return self._revealed if self._revealed is not None else self._hidden

    def _toggle_reveal(self) -> None:
        if self._revealed is not None:
            self.conceal()
            return
        case_id = self.case_id
        self.worker.run(
            lambda s: interviews.answer_summary(s, case_id, reveal_identifying=True),
            self._show_revealed, self._fail, changes=[Change(ChangeKind.CASE, case_id)])

    def _show_revealed(self, summary: list[InterviewAnswers]) -> None:
        self._revealed = summary
        self._fill()

    def conceal(self) -> None:
        self._revealed = None
        self._fill()

    def _fail(self, err: IntakeError) -> None:
        self.error.emit(err)

    # --- showing -------------------------------------------------------------------------------
    def _fill(self) -> None:
        summary = self.summary()
        chosen = self.interview.currentData()
        self.interview.blockSignals(True)
        self.interview.clear()
        for iv in summary:
            self.interview.addItem(self._interview_title(iv), iv.interview.id)
        index = self.interview.findData(chosen)
        self.interview.setCurrentIndex(index if index >= 0 else len(summary) - 1)
        self.interview.blockSignals(False)
        self.empty.setVisible(not summary)
        for w in (self.interview, self.l_interview, self.table, self.history, self.l_history,
                  self.reveal_button):
            w.setVisible(bool(summary))
        self._fill_lines()
        self._update_reveal()

    def _current(self) -> InterviewAnswers | None:
        iv_id = self.interview.currentData()
        return next((iv for iv in self.summary() if iv.interview.id == iv_id), None)

    def _fill_lines(self) -> None:
        current = self._current()
        lines = current.lines if current is not None else ()
        selected = self._selected_line()
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            question = (line.question if line.in_protocol
                        else self.tr("Not in this interview guide: %1").replace("%1", line.question))
            q_item = read_only_item(question)
            if line.section:
                q_item.setToolTip(line.section)
            self.table.setItem(r, 0, q_item)
            self.table.setItem(r, 1, read_only_item(self.answer_text(line.answer)))
            if selected is not None and line.question_id == selected:
                self.table.selectRow(r)
        self._fill_history()

    def _selected_line(self) -> str | None:
        line = self.selected_line()
        return None if line is None else line.question_id

    def selected_line(self) -> AnswerLine | None:
        current = self._current()
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if current is None or not rows or rows[0].row() >= len(current.lines):
            return None
        return current.lines[rows[0].row()]

    def _fill_history(self) -> None:
        line = self.selected_line()
        changes = line.history if line is not None else ()
        self.history.setRowCount(len(changes))
        for r, ch in enumerate(changes):
            if ch.by is None:
                who = self.tr("Before changes were kept")
            else:
                who = ch.who or self.tr("A user no longer on this laptop")
            now = (self.tr("No answer (undone)") if ch.now.state is None
                   else self.answer_text(ch.now))
            before = (self.tr("No answer") if ch.before.state is None
                      else self.answer_text(ch.before))
            for c, text in enumerate((local_datetime(ch.at), who, now, before)):
                self.history.setItem(r, c, read_only_item(text))
        self.l_history.setText(
            self.tr("Changes to the selected answer, newest first:") if line is not None
            else self.tr("Select an answer to see its changes."))

    def answer_text(self, shown: ShownAnswer) -> str:
        """What a person reads for an answer: the value, or which way it was left open."""
        if shown.state is None:
            return self.tr("Not asked")
        if shown.state is AnswerState.DECLINED:
            return self.tr("Prefers not to say")
        if shown.state is AnswerState.UNKNOWN:
            return self.tr("Doesn't know")
        if shown.state is AnswerState.NOT_ASKED:
            return self.tr("Not now")
        if shown.hidden:
            return self.tr("Hidden (identifying)")
        return shown.text or ""

    def _interview_title(self, iv: InterviewAnswers) -> str:
        status = {"open": self.tr("in progress"), "paused": self.tr("paused"),
                  "complete": self.tr("complete")}.get(iv.interview.status, iv.interview.status)
        language = LANGUAGE_NAMES.get(iv.interview.language, iv.interview.language)
        return f"{iv.title} · {local_datetime(iv.interview.started_at)} · {language} · {status}"

    def _update_reveal(self) -> None:
        self.reveal_button.setText(self.tr("Hide identifying answers") if self.revealed
                                   else self.tr("Show identifying answers"))

    # --- words ---------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.hint.setText(self.tr(
            "What each interview asked and what the person answered, in the interview's "
            "language. Identifying answers are hidden; showing them is recorded in the audit log."
        ))
        self.empty.setText(self.tr("No interviews yet."))
        self.l_interview.setText(self.tr("&Interview:"))
        self.table.setHorizontalHeaderLabels([self.tr("Question"), self.tr("Answer")])
        self.history.setHorizontalHeaderLabels([
            self.tr("When"), self.tr("Who"), self.tr("Changed to"), self.tr("Before"),
        ])
        for widget, name in ((self.interview, self.tr("Interview")),
                             (self.table, self.tr("Questions and answers")),
                             (self.history, self.tr("Changes to the selected answer"))):
            widget.setAccessibleName(name)
        self._fill()
