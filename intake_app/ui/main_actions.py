"""The main window's actions and toolbar: shortcuts, the toolbar that drops what has another way
in on a narrow window, the shortcut list (F1), and their words. Imported before the first paint
but used only after it (build_deferred): Qt enums are imported inside the functions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from intake_app.ui.i18n import tr

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction

    from intake_app.ui.mainwindow import MainWindow


def build_actions(window: MainWindow) -> None:
    """The window's actions (each with its shortcut) and its toolbar."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QLabel, QPushButton, QToolBar

    from intake_app.ui.shortcuts import keys_for

    window.actions_ = {}
    handlers: dict[str, Callable[[], Any]] = {
        "lock": window.lock,
        "new_case": window.new_case,
        "find": window.focus_search,
        "case_list": window.show_case_list,
        "agency_admin": window.show_agency,
        "reports": window.show_reports,
        "caseload": window.show_caseload,  # a tab of Reports: no toolbar button of its own
        "switch_language": window.switch_language,
        "help_shortcuts": window.show_shortcuts,
        "quit": window.close,
    }
    for name, handler in handlers.items():
        action = QAction(window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys_for(name)))
        # Lock and language work from any window, the person-facing one too.
        context = (Qt.ShortcutContext.ApplicationShortcut if name in ("lock", "switch_language")
                   else Qt.ShortcutContext.WindowShortcut)
        action.setShortcutContext(context)
        action.triggered.connect(handler)
        window.addAction(action)
        window.actions_[name] = action
    window.toolbar = QToolBar()
    window.toolbar.setObjectName("mainToolbar")
    window.toolbar.setMovable(False)
    window.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    window.toolbar_proxies = {name: _proxy(window, window.actions_[name]) for name in DROPPABLE}
    for name in ("case_list", "find", "agency_admin", "reports"):
        window.toolbar.addAction(window.toolbar_proxies.get(name) or window.actions_[name])
    spacer = QWidget()
    spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding,
                         spacer.sizePolicy().verticalPolicy().Preferred)
    window.toolbar.addWidget(spacer)
    window.who = QLabel()
    window.who_action = window.toolbar.addWidget(window.who)
    for name in ("switch_language", "help_shortcuts", "lock"):
        window.toolbar.addAction(window.toolbar_proxies.get(name) or window.actions_[name])
    # Quick exit: a plain button (its keys, Esc three times, are watched by QuickExit).
    window.quick_exit_button = QPushButton()
    window.quick_exit_button.setObjectName("quickExitButton")
    window.quick_exit_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    window.quick_exit_button.clicked.connect(window.quick_exit)
    window.toolbar.addWidget(window.quick_exit_button)
    # The visible way to lock: one bold button, always in the same corner.
    window.toolbar.widgetForAction(window.actions_["lock"]).setObjectName("lockButton")
    window.addToolBar(window.toolbar)
    window.retranslate()


# Toolbar buttons a narrow window may drop, in this order after who is signed in: each has its
# keys (F1, Ctrl+F, Ctrl+4, Ctrl+3; the case list has its own search field too), listed by F1.
# An administrator's toolbar in Spanish at 200% needs the last two dropped to keep Quick exit in
# view. Their buttons are proxies of the window's actions: a hidden QAction's shortcut no longer
# fires, so the window's own actions, which hold the keys, are never hidden to fit.
DROPPABLE = ("help_shortcuts", "find", "reports", "agency_admin")


def _proxy(window: MainWindow, action: QAction) -> QAction:
    from PySide6.QtGui import QAction

    proxy = QAction(window.toolbar)  # not the window's: its keys stay with `action`
    proxy.triggered.connect(action.trigger)
    proxy.setEnabled(action.isEnabled())
    action.enabledChanged.connect(proxy.setEnabled)
    return proxy


def fit_toolbar(window: MainWindow) -> None:
    """On a narrow window (a small screen, 200%) the toolbar drops what has another way in
    (who is signed in, then the buttons of DROPPABLE, each with its keys) so Lock and Quick exit
    always stay in view."""
    proxies = window.toolbar_proxies
    droppable = (window.who_action, *(proxies[name] for name in DROPPABLE))
    for action in droppable:  # a button whose action this user may not use stays hidden
        action.setVisible(True)
    for name in DROPPABLE:
        proxies[name].setVisible(window.actions_[name].isVisible())
    for action in droppable:
        if _toolbar_need(window) <= window.toolbar.width():
            break
        action.setVisible(False)

def _toolbar_need(window: MainWindow) -> int:
    bar = window.toolbar
    shown = [bar.widgetForAction(a) for a in bar.actions() if a.isVisible()]
    layout = bar.layout()
    spacing = layout.spacing() if layout is not None else 0
    margins = bar.contentsMargins().left() + bar.contentsMargins().right()
    widths = [w.sizeHint().width() for w in shown if w is not None and w.sizeHint().width() > 0]
    return sum(widths) + spacing * len(widths) + margins + 24  # the handle's room


def show_shortcuts(window: MainWindow) -> None:
    """The shortcut list (F1), built from ui/shortcuts.py."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidget, QTableWidgetItem

    from intake_app.ui.shortcuts import SHORTCUTS

    dialog = QDialog(window)
    dialog.setWindowTitle(tr("MainWindow", "Keyboard shortcuts"))
    table = QTableWidget(len(SHORTCUTS), 2, dialog)
    table.setHorizontalHeaderLabels([tr("MainWindow", "Keys"), tr("MainWindow", "Action")])
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    for row, s in enumerate(SHORTCUTS):
        keys = QKeySequence(s.keys).toString(QKeySequence.SequenceFormat.NativeText)
        table.setItem(row, 0, QTableWidgetItem(keys))
        table.setItem(row, 1, QTableWidgetItem(tr("Shortcuts", s.label)))
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    dialog.resize(520, 640)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()


def retranslate(window: MainWindow) -> None:
    """The actions' and toolbar's words (the window's title is the window's)."""
    from PySide6.QtGui import QKeySequence

    from intake_app.ui.shortcuts import keys_for

    window.quick_exit_button.setText(tr("MainWindow", "Quick exit"))
    window.quick_exit_button.setToolTip(tr(
        "MainWindow", "Hide everything at once and show the lock screen (Esc three times)"))
    window.quick_exit_button.setAccessibleName(tr("MainWindow", "Quick exit"))
    labels = {
        "lock": tr("MainWindow", "Lock"),
        "new_case": tr("MainWindow", "New case"),
        "find": tr("MainWindow", "Search"),
        "case_list": tr("MainWindow", "Case list"),
        "agency_admin": tr("MainWindow", "Agency"),
        "reports": tr("MainWindow", "Reports"),
        "caseload": tr("MainWindow", "Caseload now"),
        # Names the language you switch TO, in itself: Spanish translates this to "English".
        "switch_language": tr("MainWindow", "Español"),
        "help_shortcuts": tr("MainWindow", "Shortcuts"),
        "quit": tr("MainWindow", "Quit"),
    }
    for name, text in labels.items():
        keys = QKeySequence(keys_for(name)).toString(QKeySequence.SequenceFormat.NativeText)
        for action in (window.actions_[name], window.toolbar_proxies.get(name)):
            if action is not None:
                action.setText(text)
                action.setToolTip(f"{text} ({keys})")
    window.toolbar.setAccessibleName(tr("MainWindow", "Main actions"))
    if window.user is not None:
        window.who.setText(tr("MainWindow", "Signed in: %1").replace("%1", window.user.username))
