"""Admin screen "Partner agencies": import a card, compare its words by phone, confirm; the list.

An imported card is stored unconfirmed (nothing can be shared with it). The screen then shows
the partner's eight words beside this agency's own, with what to do on the phone, and a
"Words match — confirm" button. Only that button makes the partner usable.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_app.errors import IntakeError
from intake_app.services import partners, provisioning
from intake_app.services.session import Session
from intake_app.ui.admin.common import WordsGrid, kind_label, label
from intake_app.ui.i18n import error_text, local_datetime, tr
from intake_app.ui.worker import Change, ChangeKind, Worker


def _confirm(s: Session, agency_id: str) -> provisioning.Overview:
    partners.confirm_partner(s, agency_id)  # also retries what it sent before confirmation
    return provisioning.overview(s)


class PartnersScreen(QWidget):
    changed = Signal(object)  # provisioning.Overview

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminPartners")
        self._worker = worker
        self._overview: provisioning.Overview | None = None
        self._checking: provisioning.PartnerView | None = None

        self.title = label("subtitle")
        self.intro = label("hint")
        self.import_button = QPushButton()
        self.import_button.setProperty("role", "primary")
        self.import_button.clicked.connect(self._choose_card)
        self.status = label("ok")
        self.status.hide()
        self.error = label("error")
        self.error.hide()

        # The comparison, shown after an import or for a chosen unconfirmed partner.
        self.compare = QFrame()
        self.compare.setProperty("role", "card")
        self.compare_title = label("subtitle")
        self.call_hint = label()
        self.their_title = label()
        self.their_words = WordsGrid()
        self.our_title = label()
        self.our_words = WordsGrid()
        self.confirm = QPushButton()
        self.confirm.setProperty("role", "primary")
        self.confirm.clicked.connect(self._confirm)
        self.mismatch = QPushButton()
        self.mismatch.setProperty("role", "danger")
        self.mismatch.clicked.connect(self._mismatch)
        sides = QHBoxLayout()
        for title, grid in ((self.their_title, self.their_words),
                            (self.our_title, self.our_words)):
            col = QVBoxLayout()
            col.addWidget(title)
            col.addWidget(grid)
            col.addStretch(1)
            sides.addLayout(col, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mismatch)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        inner = QVBoxLayout(self.compare)
        inner.addWidget(self.compare_title)
        inner.addWidget(self.call_hint)
        inner.addLayout(sides)
        inner.addLayout(buttons)
        self.compare.hide()

        self.list_title = label("subtitle")
        self.table = QTableWidget(0, 3)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._row_chosen)
        self.empty = label("hint")

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addStretch(1)
        layout.addLayout(row)
        for w in (self.status, self.error, self.compare, self.list_title, self.empty):
            layout.addWidget(w)
        layout.addWidget(self.table, 1)
        QWidget.setTabOrder(self.import_button, self.confirm)
        QWidget.setTabOrder(self.confirm, self.mismatch)
        QWidget.setTabOrder(self.mismatch, self.table)
        self.retranslate()

    # --- data -----------------------------------------------------------------------------------
    def show_overview(self, overview: provisioning.Overview) -> None:
        self._overview = overview
        has_agency = overview.own is not None
        self.import_button.setEnabled(has_agency)
        partners = overview.partners
        self.table.setRowCount(len(partners))
        for r, p in enumerate(partners):
            cells = (
                p.card.name,
                kind_label(p.card.kind),
                tr("AgencyAdmin", "Confirmed {when}").format(
                    when=local_datetime(p.confirmed_at or "")
                )
                if p.confirmed
                else tr("AgencyAdmin", "Not confirmed: compare the words by phone"),
            )
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(r, c, item)
        self.table.setVisible(bool(partners))
        self.empty.setVisible(not partners)
        self._retranslate_empty()
        if overview.own is not None:
            self.our_words.set_words(overview.own.words, overview.own.hex)
        if self._checking is not None:
            again = next(
                (p for p in partners if p.card.agency_id == self._checking.card.agency_id), None
            )
            if again is None or again.confirmed:
                self._checking = None
                self.compare.hide()

    def partner_rows(self) -> list[tuple[str, str]]:
        """(name, status) of each row as shown."""
        rows: list[tuple[str, str]] = []
        for r in range(self.table.rowCount()):
            name, status = self.table.item(r, 0), self.table.item(r, 2)
            rows.append((name.text() if name else "", status.text() if status else ""))
        return rows

    # --- import ---------------------------------------------------------------------------------
    def _choose_card(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("AgencyAdmin", "Choose the partner's card"), "",
            tr("AgencyAdmin", "Agency cards (*.json);;All files (*)"),
        )  # fmt: skip
        if path:
            self.import_card(Path(path))

    def import_card(self, path: Path) -> None:
        self.status.hide()
        self.error.hide()
        self._worker.run(
            lambda s: provisioning.import_partner_file(s, path),
            self._imported,
            self._failed,
            changes=[Change(ChangeKind.PARTNER, 0)],
        )

    def _imported(self, partner: provisioning.PartnerView) -> None:
        self._refresh()
        self._check(partner)

    def _check(self, partner: provisioning.PartnerView) -> None:
        self._checking = partner
        card = partner.card
        self.compare_title.setText(
            tr("AgencyAdmin", "Check the card of {name} before you trust it").format(
                name=card.name
            )
        )
        contacts = "; ".join(", ".join(x for x in c if x) for c in card.contacts)
        self.call_hint.setText(
            tr(
                "AgencyAdmin",
                "Phone {name}, preferably on a number you already had (their card lists:"
                " {contacts}). Ask them to read their eight words to you, then read yours to"
                " them. Confirm only if every word matches, in order.",
            ).format(name=card.name, contacts=contacts)
        )
        self.their_words.set_words(card.words, card.hex)
        self.compare.show()
        self.confirm.setFocus()

    def _row_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or self._overview is None:
            return
        partner = self._overview.partners[rows[0].row()]
        if not partner.confirmed:
            self._check(partner)

    def _confirm(self) -> None:
        partner = self._checking
        if partner is None:
            return
        agency_id, name = partner.card.agency_id, partner.card.name
        self._worker.run(
            lambda s: _confirm(s, agency_id),
            lambda ov: self._confirmed(ov, name),
            self._failed,
            changes=[Change(ChangeKind.PARTNER, 0)],
        )

    def _confirmed(self, overview: provisioning.Overview, name: str) -> None:
        self._checking = None
        self.compare.hide()
        self.show_overview(overview)
        self.status.setText(
            tr(
                "AgencyAdmin",
                "{name} is confirmed. Consents can now name it, and shares to it can be sent.",
            ).format(name=name)
        )
        self.status.show()
        self.changed.emit(overview)

    def _mismatch(self) -> None:
        partner = self._checking
        self._checking = None
        self.compare.hide()
        if partner is not None:
            self.error.setText(
                tr(
                    "AgencyAdmin",
                    "{name} stays unconfirmed: nothing can be shared with it. The card may have"
                    " been swapped on the way; ask them to send it again another way.",
                ).format(name=partner.card.name)
            )
            self.error.show()

    def _refresh(self) -> None:
        self._worker.run(provisioning.overview, self._refreshed, self._failed)

    def _refreshed(self, overview: provisioning.Overview) -> None:
        self.show_overview(overview)
        self.changed.emit(overview)

    def _failed(self, err: IntakeError) -> None:
        self.error.setText(error_text(err))
        self.error.show()

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _retranslate_empty(self) -> None:
        if self._overview is not None and self._overview.own is None:
            self.empty.setText(
                tr("AgencyAdmin", "Create this agency first (tab \"This agency\").")
            )
        else:
            self.empty.setText(tr("AgencyAdmin", "No partner agencies yet."))

    def retranslate(self) -> None:
        self.title.setText(tr("AgencyAdmin", "Partner agencies"))
        self.intro.setText(
            tr(
                "AgencyAdmin",
                "Import the card file a partner sent you, then confirm its fingerprint by"
                " phone. Nothing can be shared with a partner until it is confirmed.",
            )
        )
        self.import_button.setText(tr("AgencyAdmin", "Import a partner's card…"))
        self.import_button.setAccessibleName(tr("AgencyAdmin", "Import a partner's card"))
        self.their_title.setText(tr("AgencyAdmin", "Their words (they read these to you)"))
        self.our_title.setText(tr("AgencyAdmin", "Your words (you read these to them)"))
        self.confirm.setText(tr("AgencyAdmin", "Words match — confirm"))
        self.confirm.setAccessibleName(tr("AgencyAdmin", "Words match — confirm"))
        self.mismatch.setText(tr("AgencyAdmin", "Words differ — do not confirm"))
        self.mismatch.setAccessibleName(tr("AgencyAdmin", "Words differ — do not confirm"))
        self.list_title.setText(tr("AgencyAdmin", "Imported partner agencies"))
        self.table.setHorizontalHeaderLabels(
            [tr("AgencyAdmin", "Agency"), tr("AgencyAdmin", "Kind"), tr("AgencyAdmin", "Status")]
        )
        self.table.setAccessibleName(tr("AgencyAdmin", "Partner agencies"))
        self._retranslate_empty()
        if self._overview is not None:
            self.show_overview(self._overview)
        if self._checking is not None:
            self._check(self._checking)
