"""Recording a consent from the case page: the consent dialog from ui/interview, saved on the
worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake_app.ui import i18n
from intake_app.ui import session_jobs as jobs
from intake_app.ui.worker import Change, ChangeKind

if TYPE_CHECKING:
    from intake_app.services.session import Session
    from intake_app.ui.mainwindow import MainWindow


def open_consent(window: MainWindow, case_id: int) -> None:
    """The dialog offers confirmed partners only; the policy gives the default and longest
    length and the consent rules, the case whether the person may be a minor and its lists."""
    from PySide6.QtCore import Qt

    from intake_app.services.consent_setting import ConsentSetting, consent_setting
    from intake_app.ui.interview.consent_dialog import ConsentDialog
    from intake_app.ui.sync.jobs import PartnerChoice, confirmed_partners

    def load(s: Session) -> tuple[list[PartnerChoice], ConsentSetting]:
        return confirmed_partners(s), consent_setting(s, case_id)

    def show(loaded: tuple[list[PartnerChoice], ConsentSetting]) -> None:
        if window.area is None:
            return
        partners, setting = loaded
        choices = [(p.agency_id, p.name) for p in partners]
        dialog = ConsentDialog(case_id, choices, i18n.current_language(), window,
                               setting=setting)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            consent, signature = dialog.consent(), dialog.signature()
            if consent is not None:
                window.worker.run(lambda s: jobs.give_consent(s, consent, signature), None,
                                  changes=[Change(ChangeKind.CASE, case_id), Change(ChangeKind.CONSENT, case_id)])

        dialog.accepted.connect(accepted)
        dialog.open()

    window.worker.run(load, show)
