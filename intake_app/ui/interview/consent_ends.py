"""The consent's end date: typed as a whole day, or picked on a calendar that offers only the
days the agency's policy allows (tomorrow to consent_max_days from today)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from intake_app.domain.consent import format_day, parse_day


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ConsentEnds(QWidget):
    changed = Signal()

    def __init__(self, today: date, first: date, max_days: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formRow")
        self.max_days = max_days
        # Typed text, read as a whole: a QDateEdit takes keys section by section and kept the
        # year it had when "2026-12-31" was typed over a default in 2027.
        self.edit = QLineEdit(format_day(first))
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edit.setMaxLength(10)
        self.edit.setMinimumWidth(12 * self.edit.fontMetrics().averageCharWidth())
        self.edit.setAccessibleName(self.tr("Consent ends on"))
        self.edit.textChanged.connect(self.changed)
        self.calendar_button = QPushButton(self.tr("Calen&dar…"))
        self.calendar_button.setAccessibleName(self.tr("Choose the end date on a calendar"))
        self.calendar_button.clicked.connect(self._show_calendar)
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setDateRange(_qdate(today + timedelta(days=1)),
                                   _qdate(today + timedelta(days=max_days)))
        self.calendar.clicked.connect(self._chosen)
        self.calendar.activated.connect(self._chosen)
        self.hint = QLabel(self.tr("(after today, at most %1 days)").replace("%1", str(max_days)))
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        row = QHBoxLayout(self)
        row.addWidget(self.edit)
        row.addWidget(self.calendar_button)
        row.addWidget(self.hint, 1)
        row.setContentsMargins(0, 0, 0, 0)

    def set_day(self, day: date) -> None:
        self.edit.setText(format_day(day))

    def day(self) -> date | None:
        """The end date as typed; None when the text is not a date."""
        return parse_day(self.edit.text())

    def _show_calendar(self) -> None:
        day = self.day()
        if day is not None:
            self.calendar.setSelectedDate(_qdate(day))
        self.calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.show()
        self.calendar.setFocus()

    def _chosen(self, chosen: QDate) -> None:
        self.set_day(date(chosen.year(), chosen.month(), chosen.day()))
        self.calendar.hide()
        self.edit.setFocus()
