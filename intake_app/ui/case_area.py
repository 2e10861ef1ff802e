"""The unlocked content of the main window: the case list and, when open, one case, one
interview or the Agency page. Built on unlock and destroyed on every lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from intake_app.ui.fit import size_to_current

if TYPE_CHECKING:
    from intake_app.ui.caselist import CaseListPage
    from intake_app.ui.caseview import CaseView
    from intake_app.ui.mainwindow import MainWindow


class CaseArea(QWidget):
    """Unlocked content: the case list and, when open, one case. Destroyed on every lock."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        from intake_app.ui.caselist import CaseListPage

        self.window_ = window
        self.stack = QStackedWidget()
        self.case_list: CaseListPage = CaseListPage(window.worker)
        self.case_view: CaseView | None = None
        self.interview: QWidget | None = None
        self.admin: QWidget | None = None  # the Agency page (administrators)
        self.stack.addWidget(self.case_list)
        size_to_current(self.stack)  # a hidden case page never makes the window taller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addWidget(self.stack)
        self.case_list.open_requested.connect(window.open_case)
        self.case_list.new_case_requested.connect(window.new_case)
        self.case_list.run_query()

    def show_case(self, case_id: int, tab: int = 0) -> CaseView:
        from intake_app.ui.caseview import CaseView

        self.close_case()
        view = CaseView(self.window_.worker, case_id, self.window_.clipboard)
        view.back_requested.connect(self.show_list)
        view.start_interview_requested.connect(self.window_.open_interview)
        view.resume_interview_requested.connect(self.window_.resume_interview)
        view.record_consent_requested.connect(self.window_.open_consent)
        view.share_requested.connect(self.window_.sync.open_share)
        view.referral_requested.connect(self.window_.sync.open_referral)
        view.tabs.setCurrentIndex(tab)
        self.case_view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        view.back.setFocus()
        return view

    def show_interview(self, page: QWidget) -> None:
        self.close_case()
        self.case_view = None
        self.interview = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def show_admin(self, page: QWidget) -> None:
        self.close_case()
        self.admin = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def close_case(self) -> None:
        admin = getattr(self, "admin", None)
        if admin is not None:
            self.stack.removeWidget(admin)
            admin.hide()
            admin.deleteLater()
            self.admin = None
        page = getattr(self, "interview", None)
        if page is not None:
            self.stack.removeWidget(page)
            page.hide()
            page.deleteLater()
            self.interview = None
        if self.case_view is not None:
            self.stack.removeWidget(self.case_view)
            self.case_view.hide()
            self.case_view.deleteLater()
            self.case_view = None

    def show_list(self) -> None:
        self.close_case()
        self.stack.setCurrentWidget(self.case_list)
        self.case_list.table.setFocus()
