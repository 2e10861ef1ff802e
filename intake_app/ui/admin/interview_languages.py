"""The policy screen's "Interview languages" control: the codes an admin lists (en, es, fr...),
their names as Qt knows them, and for each enabled guide what it lacks of them, per question."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from intake_app.services.interview_languages import ProtocolGaps, language_gaps
from intake_app.ui.admin.common import label
from intake_app.ui.i18n import current_language, language_name, tr
from intake_app.ui.worker import Worker

_SPLIT = re.compile(r"[\s,;]+")


class InterviewLanguagesBox(QWidget):
    """`languages()` as typed (the policy checks them when signed); `refresh(enabled)` asks the
    worker what the enabled guides lack of them."""

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._enabled: tuple[str, ...] = ()
        self.codes = QLineEdit()
        self.names = label("hint")
        self.gaps = QTreeWidget()
        self.gaps.setHeaderHidden(True)
        self.gaps.setMaximumHeight(160)
        self.gaps.hide()
        self.summary: QLabel = label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.codes, self.names, self.summary, self.gaps):
            layout.addWidget(w)
        self.codes.textChanged.connect(self._show_names)
        self.codes.editingFinished.connect(lambda: self.refresh(self._enabled))
        self.setAccessibleName(tr("AgencyAdmin", "Interview languages"))

    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c for c in _SPLIT.split(self.codes.text().strip().lower()) if c))

    def set_languages(self, codes: tuple[str, ...]) -> None:
        self.codes.setText(", ".join(codes))

    def _show_names(self) -> None:
        self.names.setText(", ".join(language_name(c) for c in self.languages()))

    def refresh(self, enabled: tuple[str, ...]) -> None:
        self._enabled = enabled
        languages = self.languages()
        self._worker.run(lambda s: language_gaps(s, None, languages, enabled), self.show_gaps,
                         lambda _err: None)  # an admin-only report: others just do not see it

    def show_gaps(self, report: list[ProtocolGaps]) -> None:
        self.gaps.clear()
        lacking = [r for r in report if r.gaps]
        if not lacking:
            self.summary.setText(tr("AgencyAdmin", "Every guide offered has all these languages."))
            self.gaps.hide()
            return
        self.summary.setText(tr("AgencyAdmin", "Some guides lack a language (per question):"))
        for r in lacking:
            title = r.title_es if current_language() == "es" else r.title_en
            top = QTreeWidgetItem([title])
            for lang in dict.fromkeys(lang for _, lang in r.gaps):
                where = [pos for pos, code in r.gaps if code == lang]
                item = QTreeWidgetItem([tr("AgencyAdmin", "%1: missing in %2 places")
                                        .replace("%1", language_name(lang))
                                        .replace("%2", str(len(where)))])
                item.addChildren([QTreeWidgetItem([pos]) for pos in where])
                top.addChild(item)
            self.gaps.addTopLevelItem(top)
            top.setExpanded(True)
        self.gaps.show()

    def retranslate(self) -> None:
        self.codes.setPlaceholderText(tr("AgencyAdmin", "codes such as en, es, fr, pt-br"))
        self.codes.setToolTip(tr("AgencyAdmin", "Interviews may be held in these languages, when "
                                 "the guide is written in them. The app's screens stay English "
                                 "and Spanish."))
