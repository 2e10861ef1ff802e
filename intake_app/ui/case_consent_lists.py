"""The Consents tab's two lists the person keeps: people not to contact or tell (none of them can
consent as a guardian) and agencies that must never receive anything. Read and changed through
services.consents on the worker; the role checks live there."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError
from intake_app.services import consents
from intake_app.services.consents import MAX_NAME_CHARS
from intake_app.services.session import Session
from intake_app.ui.i18n import noop, tr
from intake_app.ui.tables import hint_label, read_only_item, read_only_table
from intake_app.ui.worker import Change, ChangeKind, Worker

RELATION_LABELS: dict[str, str] = {
    "trafficker": noop("CaseView", "Trafficker"),
    "abuser": noop("CaseView", "Abuser"),
    "other": noop("CaseView", "Someone else the person named"),
}

Lists = tuple[list[tuple[int, str, str]], frozenset[str]]


def load_lists(s: Session, case_id: int) -> Lists:
    """Runs on the worker: (do-not-contact entries, never-share agency ids)."""
    return consents.case_do_not_contact(s, case_id), consents.case_never_share(s, case_id)


class ConsentLists(QWidget):
    """Words in the CaseView context, like the rest of the case page."""

    error = Signal(object)  # IntakeError
    loaded = Signal()

    def __init__(self, worker: Worker, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker, self.case_id = worker, case_id
        self.people: list[tuple[int, str, str]] = []
        self.never: frozenset[str] = frozenset()
        self.partner_names: dict[str, str] = {}

        self.people_box = QGroupBox()
        self.people_hint = hint_label()
        self.people_table = read_only_table(2)
        self.person_name = QLineEdit()
        self.person_name.setMaxLength(MAX_NAME_CHARS)
        self.relation = QComboBox()
        for key in RELATION_LABELS:
            self.relation.addItem("", key)
        self.add_person = QPushButton()
        self.add_person.clicked.connect(self._add_person)
        self.person_name.returnPressed.connect(self._add_person)
        self.person_name.textChanged.connect(self.update_buttons)
        self.remove_person = QPushButton()
        self.remove_person.clicked.connect(self._remove_person)
        self.people_table.itemSelectionChanged.connect(self.update_buttons)
        add_row = QHBoxLayout()
        add_row.addWidget(self.person_name, 2)
        add_row.addWidget(self.relation, 1)
        add_row.addWidget(self.add_person)
        people = QVBoxLayout(self.people_box)
        people.addWidget(self.people_hint)
        people.addWidget(self.people_table, 1)
        people.addLayout(add_row)
        people.addWidget(self.remove_person, 0, Qt.AlignmentFlag.AlignLeft)

        self.never_box = QGroupBox()
        self.never_hint = hint_label()
        self.never_table = read_only_table(1)
        self.agency = QComboBox()
        self.add_agency = QPushButton()
        self.add_agency.clicked.connect(self._add_agency)
        self.remove_agency = QPushButton()
        self.remove_agency.clicked.connect(self._remove_agency)
        self.never_table.itemSelectionChanged.connect(self.update_buttons)
        self.agency.currentIndexChanged.connect(self.update_buttons)
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.agency, 1)
        pick_row.addWidget(self.add_agency)
        never = QVBoxLayout(self.never_box)
        never.addWidget(self.never_hint)
        never.addWidget(self.never_table, 1)
        never.addLayout(pick_row)
        never.addWidget(self.remove_agency, 0, Qt.AlignmentFlag.AlignLeft)

        # One above the other: side by side they are wider than a 1440x900 screen at 200%
        # (720 points), which cut the case page's own buttons off on the right.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.people_box, 1)
        layout.addWidget(self.never_box, 1)
        self.retranslate()

    # --- reading --------------------------------------------------------------------------------
    def reload(self, partner_names: dict[str, str]) -> None:
        self.partner_names = partner_names
        case_id = self.case_id
        self.worker.run(lambda s: load_lists(s, case_id), self._fill, self._fail)

    def _fill(self, lists: Lists) -> None:
        self.people, self.never = lists
        self.people_table.setRowCount(len(self.people))
        for row, (entry, name, relation) in enumerate(self.people):
            for col, text in enumerate((name, tr("CaseView", RELATION_LABELS.get(relation, relation)))):
                item = read_only_item(text)
                item.setData(Qt.ItemDataRole.UserRole, entry)
                self.people_table.setItem(row, col, item)
        shown = sorted(self.never, key=self._agency_name)
        self.never_table.setRowCount(len(shown))
        for row, agency_id in enumerate(shown):
            item = read_only_item(self._agency_name(agency_id))
            item.setData(Qt.ItemDataRole.UserRole, agency_id)
            self.never_table.setItem(row, 0, item)
        self.agency.clear()
        for agency_id, name in sorted(self.partner_names.items(), key=lambda p: p[1].casefold()):
            if agency_id not in self.never:
                self.agency.addItem(name, agency_id)
        self.agency.setCurrentIndex(-1)
        self.update_buttons()
        self.loaded.emit()

    def _agency_name(self, agency_id: str) -> str:
        return self.partner_names.get(agency_id) or tr(
            "CaseView", "An agency no longer among the partners")

    def update_buttons(self) -> None:
        self.add_person.setEnabled(bool(self.person_name.text().strip()))
        self.remove_person.setEnabled(bool(self.people_table.selectedItems()))
        self.add_agency.setEnabled(self.agency.currentIndex() >= 0)
        self.remove_agency.setEnabled(bool(self.never_table.selectedItems()))

    # --- changing -------------------------------------------------------------------------------
    def _fail(self, err: IntakeError) -> None:
        self.error.emit(err)

    def _changed(self) -> list[Change]:
        return [Change(ChangeKind.CASE, self.case_id), Change(ChangeKind.CONSENT, self.case_id)]

    def _add_person(self) -> None:
        name, relation = self.person_name.text().strip(), str(self.relation.currentData())
        if not name:
            return
        case_id = self.case_id
        self.person_name.clear()
        self.worker.run(lambda s: consents.add_do_not_contact(s, case_id, name, relation), None,
                        self._fail, changes=self._changed())

    def _remove_person(self) -> None:
        items = self.people_table.selectedItems()
        if not items:
            return
        entry, case_id = int(items[0].data(Qt.ItemDataRole.UserRole)), self.case_id
        self.worker.run(lambda s: consents.remove_do_not_contact(s, case_id, entry), None,
                        self._fail, changes=self._changed())

    def _add_agency(self) -> None:
        if self.agency.currentIndex() < 0:
            return
        agency_id, case_id = str(self.agency.currentData()), self.case_id
        self.worker.run(lambda s: consents.add_never_share(s, case_id, agency_id), None,
                        self._fail, changes=self._changed())

    def _remove_agency(self) -> None:
        items = self.never_table.selectedItems()
        if not items:
            return
        agency_id, case_id = str(items[0].data(Qt.ItemDataRole.UserRole)), self.case_id
        self.worker.run(lambda s: consents.remove_never_share(s, case_id, agency_id), None,
                        self._fail, changes=self._changed())

    def retranslate(self) -> None:
        self.people_box.setTitle(tr("CaseView", "People not to contact or tell"))
        self.people_hint.setText(tr(
            "CaseView", "Anyone the person names: none of them can give consent as the person's"
            " parent or guardian, and a consent they gave stops counting."))
        self.people_table.setHorizontalHeaderLabels(
            [tr("CaseView", "Name"), tr("CaseView", "Who they are")])
        self.people_table.setAccessibleName(tr("CaseView", "People not to contact or tell"))
        self.person_name.setPlaceholderText(tr("CaseView", "Name"))
        self.person_name.setAccessibleName(tr("CaseView", "Name of someone not to contact"))
        for i, key in enumerate(RELATION_LABELS):
            self.relation.setItemText(i, tr("CaseView", RELATION_LABELS[key]))
        self.relation.setAccessibleName(tr("CaseView", "Who they are"))
        self.add_person.setText(tr("CaseView", "Add to the list"))
        self.remove_person.setText(tr("CaseView", "Take off the list"))
        self.never_box.setTitle(tr("CaseView", "Never share with"))
        self.never_hint.setText(tr(
            "CaseView", "Agencies the person never wants anything sent to: no share, referral"
            " or consent can reach them, whatever else is recorded."))
        self.never_table.setHorizontalHeaderLabels([tr("CaseView", "Agency")])
        self.never_table.setAccessibleName(tr("CaseView", "Never share with"))
        self.agency.setPlaceholderText(tr("CaseView", "Choose a partner agency"))
        self.agency.setAccessibleName(tr("CaseView", "Agency never to share with"))
        self.add_agency.setText(tr("CaseView", "Never share with this agency"))
        self.remove_agency.setText(tr("CaseView", "Take off the list"))
        if self.people or self.never:
            self._fill((self.people, self.never))
