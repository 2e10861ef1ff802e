"""Admin screen "Protocols": the interview guides on this laptop, and a spreadsheet form (XLSForm)
brought in: chosen, checked (a preview, or the refusal with its sheet and row), installed.

Every step is a worker job (pyxform never runs on the GUI thread): the file is read there, and
the bytes that were previewed are the bytes installed. The rules are services/protocol_import.py's;
this screen shows their answers and says the next step (the Policy tab: tick it, sign).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from intake_app.domain.protocol import Protocol
from intake_app.errors import IntakeError, XlsFormRefused
from intake_app.services import protocol_import, protocols
from intake_app.services.session import Session
from intake_app.ui import i18n
from intake_app.ui.admin.common import label
from intake_app.ui.admin.protocol_choices import shipped_label
from intake_app.ui.admin.refusal_words import refusal_text
from intake_app.ui.fit import vertical_scroll
from intake_app.ui.i18n import error_text, language_name, tr
from intake_app.ui.worker import Worker

CTX = "AgencyAdmin"


@dataclass(frozen=True, slots=True)
class GuideRow:
    """One installed guide as the list shows it (no document bytes)."""

    protocol: Protocol  # the version new interviews start under
    versions: tuple[str, ...]  # oldest first
    source: str  # where the newest version came from: shipped, profile, file


@dataclass(frozen=True, slots=True)
class _Checked:
    name: str
    data: bytes  # what was previewed: installed as is, whatever the file holds by then
    check: protocol_import.FormCheck


def _rows(s: Session) -> list[GuideRow]:
    registry = protocols.installed(s)
    out = []
    for pid in registry:
        versions = registry.versions(pid)
        out.append(GuideRow(registry[pid], tuple(e.protocol.version for e in versions),
                            versions[-1].source))
    return out


def _checked(s: Session, path: Path) -> _Checked:
    data = protocol_import.read_form(path)
    return _Checked(path.name, data, protocol_import.check_form(s, data, path.name))


def _title(protocol: Protocol) -> str:
    return shipped_label(protocol.id) or protocol.title(i18n.current_language())


def _languages(codes: tuple[str, ...]) -> str:
    return ", ".join(language_name(c) for c in codes)


class ProtocolsScreen(QWidget):
    installed = Signal(object)  # the Protocol just installed (for the Policy tab's boxes)
    open_policy = Signal(str)  # "take me to the Policy tab", with the guide's id

    def __init__(self, worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminProtocols")
        self._worker = worker
        self._pending: _Checked | None = None
        self._done: protocol_import.FormInstalled | None = None
        self._error: IntakeError | None = None
        self._to_show: QWidget = self
        self.rows: list[GuideRow] = []
        self.dialog: QFileDialog | None = None

        self.title = label("subtitle")
        self.intro = label("hint")
        self.guides = QTreeWidget()
        self.guides.setRootIsDecorated(False)
        self.guides.setColumnCount(4)
        self.guides.setMinimumHeight(90)  # three rows and the header, even at 200%
        # As tall as its rows, no taller: the preview below is what the admin came for.
        self.guides.setSizeAdjustPolicy(QTreeWidget.SizeAdjustPolicy.AdjustToContents)
        self.guides.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.guides.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.guides.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for index in (1, 2, 3):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.ResizeToContents)

        self.preview = QFrame()
        self.preview.setProperty("role", "card")
        self.headline = label("subtitle")
        self.sizes = label()
        self.spoken = label()
        self.gaps = label("hint")
        self.state = label()
        inner = QVBoxLayout(self.preview)
        for w in (self.headline, self.sizes, self.spoken, self.gaps, self.state):
            inner.addWidget(w)
        self.preview.hide()
        self.busy = label("hint")
        self.busy.hide()
        self.error = label("error")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.status = label("ok")
        self.status.hide()

        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.choose_file)
        self.install_button = QPushButton()
        self.install_button.setProperty("role", "primary")
        self.install_button.clicked.connect(self.install)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.policy_button = QPushButton()
        self.policy_button.setProperty("role", "primary")  # the next step, once installed
        self.policy_button.clicked.connect(self._to_policy)
        for b in (self.install_button, self.cancel_button, self.policy_button):
            b.hide()

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        # The outcome of an import first, below the intro: in view without scrolling past the
        # list, and whole (a scrolled label is never squeezed, whatever the screen).
        shown: tuple[QWidget, ...] = (self.title, self.intro, self.busy, self.error, self.status,
                                      self.preview, self.guides)
        for widget in shown:
            column.addWidget(widget)
        column.addStretch(1)
        scroll = vertical_scroll()
        scroll.setWidget(body)
        self.body_scroll = scroll
        # The buttons stay in view below, whatever the scroll.
        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        for b in (self.cancel_button, self.install_button, self.policy_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        for a, b in ((self.guides, self.import_button), (self.import_button, self.cancel_button),
                     (self.cancel_button, self.install_button),
                     (self.install_button, self.policy_button)):
            QWidget.setTabOrder(a, b)
        self.retranslate()

    # --- the list -------------------------------------------------------------------------------
    def reload(self) -> None:
        self._worker.run(_rows, self.show_rows, self._list_failed)

    def _list_failed(self, err: IntakeError) -> None:
        self._error = err
        self._show_error()
        self.error.show()

    def show_rows(self, rows: list[GuideRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        self.guides.clear()
        sources = {"shipped": tr(CTX, "Comes with the app"),
                   "profile": tr(CTX, "The agency's profile"),
                   "file": tr(CTX, "Installed on this laptop")}
        for row in self.rows:
            versions = ", ".join(row.versions)
            if row.protocol.version != row.versions[-1]:  # the profile pins an older one
                versions = tr(CTX, "{versions} (new interviews: {version})").format(
                    versions=versions, version=row.protocol.version)
            item = QTreeWidgetItem([_title(row.protocol), row.protocol.id, versions,
                                    sources.get(row.source, row.source)])
            for c in range(4):
                item.setToolTip(c, item.text(c))  # whole, where a narrow screen elides it
            self.guides.addTopLevelItem(item)
            if self._done is not None and row.protocol.id == self._done.check.protocol.id:
                self.guides.setCurrentItem(item)  # the guide just installed, marked

    # --- choosing and checking ------------------------------------------------------------------
    def choose_file(self) -> None:
        """The file dialog, Qt's own (a path can be typed, as a keyboard user and a test do)."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        dialog = QFileDialog(self, tr(CTX, "Choose a spreadsheet form"), "",
                             tr(CTX, "Spreadsheet forms (*.xlsx);;All files (*)"))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.fileSelected.connect(lambda path: self.check_file(Path(path)))
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
        if not self.busy.isVisible():
            self.import_button.setFocus()

    def check_file(self, path: Path) -> None:
        self._clear()
        self.busy.setText(tr(CTX, "Checking {file}…").format(file=path.name))
        self.busy.show()
        self.import_button.setEnabled(False)
        self._worker.run(lambda s: _checked(s, path), self._show_check, self._refused)

    def _clear(self) -> None:
        self._pending = None
        self._done = None
        for w in (self.preview, self.error, self.status, self.install_button,
                  self.cancel_button, self.policy_button):
            w.hide()

    def _show_check(self, checked: _Checked) -> None:
        self.busy.hide()
        self.import_button.setEnabled(True)
        self._pending = checked
        self._show_preview()
        self.preview.show()
        self.cancel_button.show()
        self.install_button.setVisible(not checked.check.installed)
        (self.cancel_button if checked.check.installed else self.install_button).setFocus()
        self._in_view_later(self.preview)

    def _in_view_later(self, widget: QWidget) -> None:
        """Scroll `widget` into view once laid out (scrolled now, it has no height yet)."""
        self._to_show = widget
        QTimer.singleShot(0, self, self._in_view)

    def _in_view(self) -> None:
        self.body_scroll.ensureWidgetVisible(self._to_show, 0, 0)

    def _show_preview(self) -> None:
        if self._pending is None:
            return
        c = self._pending.check
        p = c.protocol
        self.headline.setText(tr(CTX, "{title}, version {version}").format(
            title=p.title(i18n.current_language()), version=p.version))
        sections = (tr(CTX, "1 section") if c.sections == 1
                    else tr(CTX, "{n} sections").format(n=c.sections))
        questions = (tr(CTX, "1 question") if c.questions == 1
                     else tr(CTX, "{n} questions").format(n=c.questions))
        self.sizes.setText(tr(CTX, "From {file}: guide id {id}, {sections}, {questions}.").format(
            file=self._pending.name, id=p.id, sections=sections, questions=questions))
        spoken = tuple(lang for lang in c.languages if lang in c.interview_languages)
        self.spoken.setText(tr(CTX, "Written in {all}. Interviews with it can be held in"
                               " {spoken}.").format(all=_languages(c.languages),
                                                    spoken=_languages(spoken)))
        missing = tuple(dict.fromkeys(lang for _, lang in c.gaps))
        lines = [tr(CTX, "%1: missing in %2 places").replace("%1", language_name(lang))
                 .replace("%2", str(sum(1 for _, code in c.gaps if code == lang)))
                 for lang in missing]
        self.gaps.setText("" if not missing else tr(
            CTX, "Not written in every interview language of the agency: {lines}. Interviews"
            " in those languages do not offer this guide.").format(lines="; ".join(lines)))
        self.gaps.setVisible(bool(missing))
        if c.installed:
            state = tr(CTX, "This very version is installed already: there is nothing to"
                       " install.")
        elif c.newer_installed is not None:
            state = tr(CTX, "Version {newer} of this guide is installed already. Installing"
                       " version {version} keeps both.").format(newer=c.newer_installed,
                                                                 version=p.version)
        else:
            state = tr(CTX, "Nothing is installed until you press Install.")
        self.state.setText(state)
        self.install_button.setText(tr(CTX, "In&stall version {version}").format(
            version=p.version))
        self.install_button.setAccessibleName(self.install_button.text().replace("&", ""))

    def _refused(self, err: IntakeError) -> None:
        self.busy.hide()
        self.import_button.setEnabled(True)
        self._error = err
        self._show_error()
        self.error.show()
        self.import_button.setFocus()
        self._in_view_later(self.error)

    def _show_error(self) -> None:
        err = self._error
        if err is None:
            return
        text = refusal_text(err) if isinstance(err, XlsFormRefused) else error_text(err)
        self.error.setText(text)
        self.error.setAccessibleName(text)

    # --- installing -----------------------------------------------------------------------------
    def install(self) -> None:
        pending = self._pending
        if pending is None:
            return
        self.install_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self._worker.run(lambda s: protocol_import.import_form(s, pending.data, pending.name),
                         self._installed, self._install_failed)

    def _installed(self, done: protocol_import.FormInstalled) -> None:
        self._done = done
        for b in (self.install_button, self.cancel_button):
            b.setEnabled(True)
            b.hide()
        self.preview.hide()
        self._show_done()
        self.status.show()
        self._in_view_later(self.status)
        self.policy_button.show()
        self.policy_button.setFocus()
        self.reload()
        self.installed.emit(done.check.protocol)

    def _show_done(self) -> None:
        if self._done is None:
            return
        p = self._done.check.protocol
        self.status.setText(tr(
            CTX, "Installed “{title}” version {version} on this laptop. Next: in the Policy tab,"
            " tick it under “Interview guides offered” and sign; the signed profile takes it to"
            " every laptop of the agency.").format(title=p.title(i18n.current_language()),
                                                   version=p.version))

    def _install_failed(self, err: IntakeError) -> None:
        for b in (self.install_button, self.cancel_button):
            b.setEnabled(True)
        self._refused(err)

    def cancel(self) -> None:
        self._clear()
        self.import_button.setFocus()

    def _to_policy(self) -> None:
        if self._done is not None:
            self.open_policy.emit(self._done.check.protocol.id)

    # --- words ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(tr(CTX, "Interview guides on this laptop"))
        self.intro.setText(tr(
            CTX, "An agency's own guide can be written in a spreadsheet (an XLSForm, as in ODK or"
            " KoboToolbox) and imported here. Installed, it is offered in the Policy tab; signing"
            " the policy with it ticked takes it to every laptop of the agency."))
        self.guides.setHeaderLabels([tr(CTX, "Guide"), tr(CTX, "Id"), tr(CTX, "Versions"),
                                     tr(CTX, "Where from")])
        self.guides.setAccessibleName(tr(CTX, "Interview guides on this laptop"))
        self.import_button.setText(tr(CTX, "&Import a spreadsheet form…"))
        self.import_button.setAccessibleName(tr(CTX, "Import a spreadsheet form"))
        self.cancel_button.setText(tr(CTX, "&Cancel"))
        self.cancel_button.setAccessibleName(tr(CTX, "Cancel"))
        self.policy_button.setText(tr(CTX, "Open the Polic&y tab"))
        self.policy_button.setAccessibleName(tr(CTX, "Open the Policy tab"))
        self.install_button.setText(tr(CTX, "In&stall"))
        self._fill()
        self._show_preview()
        if self.error.isVisible():
            self._show_error()
        self._show_done()
