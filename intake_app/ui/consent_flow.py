"""Recording a consent from the case page: the consent dialog from ui/interview, saved on the
worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake_app.ui import i18n
from intake_app.ui import session_jobs as jobs
from intake_app.ui.worker import Change, ChangeKind

if TYPE_CHECKING:
    from intake_app.ui.mainwindow import MainWindow


def open_consent(window: MainWindow, case_id: int) -> None:
    """The dialog offers confirmed partners only; the policy gives the default length."""
    from PySide6.QtCore import Qt

    from intake_app.ui.interview.consent_dialog import ConsentDialog
    from intake_app.ui.sync.jobs import PartnerChoice, confirmed_partners

    days = window.policy.consent_default_days if window.policy is not None else None

    def show(partners: list[PartnerChoice]) -> None:  # confirmed partners only
        if window.area is None:
            return
        choices = [(p.agency_id, p.name) for p in partners]
        dialog = ConsentDialog(case_id, choices, i18n.current_language(), window,
                               default_days=days)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            consent = dialog.consent()
            if consent is not None:
                window.worker.run(lambda s: jobs.give_consent(s, consent), None,
                                  changes=[Change(ChangeKind.CASE, case_id), Change(ChangeKind.CONSENT, case_id)])

        dialog.accepted.connect(accepted)
        dialog.open()

    window.worker.run(confirmed_partners, show)
