"""The "Agency" page for administrators: six tabs, one screen module each.

This agency (create, fingerprint, card) -> Partner agencies (import, compare, confirm) ->
Protocols (the interview guides here, a spreadsheet form imported) -> Policy (sign and install,
import a profile) -> New laptop (enrolment bundle) -> Backups (back up now, the automatic
backup). The page loads one
overview through the worker and hands each tab what it shows; `policy_installed` tells the main
window to apply a new policy at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from intake_app.admin.profile import SignedProfile
from intake_app.errors import IntakeError
from intake_app.services import provisioning
from intake_app.services.session import KdfParams
from intake_app.ui.admin.agency_card import AgencyCardScreen
from intake_app.ui.admin.backups import BackupScreen
from intake_app.ui.admin.common import label
from intake_app.ui.admin.enrol_export import EnrolExportScreen
from intake_app.ui.admin.partners import PartnersScreen
from intake_app.ui.admin.policy_editor import PolicyEditorScreen
from intake_app.ui.admin.protocols import ProtocolsScreen
from intake_app.ui.i18n import error_text, tr
from intake_app.ui.worker import Worker


class AdminPage(QWidget):
    policy_installed = Signal(object)  # AgencyPolicy now in force
    loaded = Signal()

    def __init__(
        self, worker: Worker, *, bundle_kdf: KdfParams | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("adminPage")
        self._worker = worker
        self.overview: provisioning.Overview | None = None
        self.title = label("title")
        self.error = label("error")
        self.error.hide()
        self.agency = AgencyCardScreen(worker)
        self.partners = PartnersScreen(worker)
        self.protocols = ProtocolsScreen(worker)
        self.policy = PolicyEditorScreen(worker)
        self.laptops = EnrolExportScreen(worker, bundle_kdf)
        self.backups = BackupScreen(worker)
        self.tabs = QTabWidget()
        for w in (self.agency, self.partners, self.protocols, self.policy, self.laptops,
                  self.backups):
            self.tabs.addTab(w, "")
        self.tabs.currentChanged.connect(self._size_to_current)
        self._size_to_current(0)
        self.agency.created.connect(self._loaded)
        self.partners.changed.connect(self._show)
        self.policy.installed.connect(self._installed)
        # A guide installed here is offered in the Policy tab at once, without reloading (and
        # so resetting) a policy being edited there.
        self.protocols.installed.connect(self.policy.protocols.offer)
        self.protocols.open_policy.connect(self.show_policy_for)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.error)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        self._worker.run(provisioning.overview, self._loaded, self._failed)
        self.protocols.reload()

    def _loaded(self, overview: provisioning.Overview) -> None:
        self._show(overview)
        self.policy.show_policy(overview.policy, overview.serial, overview.protocols)
        self.policy.show_problem(overview.profile_problem)
        self.loaded.emit()

    def _show(self, overview: provisioning.Overview) -> None:
        self.overview = overview
        has = overview.own is not None
        self.agency.show_overview(overview)
        self.partners.show_overview(overview)
        self.policy.set_has_agency(has)
        self.laptops.set_has_agency(has)

    def _size_to_current(self, index: int) -> None:
        """The page is as large as the tab shown, not as its largest one (a tab widget's
        default): a small tab fits a 200% screen whatever the Policy tab needs."""
        ignored, preferred = QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if page is not None:
                policy = preferred if i == index else ignored
                page.setSizePolicy(policy, policy)
                page.updateGeometry()

    def show_backups(self) -> None:
        self.tabs.setCurrentWidget(self.backups)
        self.backups.now.setFocus()

    def show_policy_for(self, protocol_id: str) -> None:
        """The Policy tab, the keyboard on the box of `protocol_id` (next: tick it, sign)."""
        self.tabs.setCurrentWidget(self.policy)
        self.policy.focus_protocol(protocol_id)

    def _installed(self, profile: SignedProfile) -> None:
        self.protocols.reload()  # an imported profile may have carried guides
        self.policy_installed.emit(profile.policy)

    def _failed(self, err: IntakeError) -> None:
        self.error.setText(error_text(err))
        self.error.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr("AgencyAdmin", "Agency administration"))
        for i, text in enumerate((
            tr("AgencyAdmin", "This agency"), tr("AgencyAdmin", "Partner agencies"),
            tr("AgencyAdmin", "Protocols"), tr("AgencyAdmin", "Policy"), tr("AgencyAdmin", "New laptop"),
            tr("AgencyAdmin", "Backups"),
        )):  # fmt: skip
            self.tabs.setTabText(i, text)
        self.tabs.setAccessibleName(tr("AgencyAdmin", "Agency administration"))
