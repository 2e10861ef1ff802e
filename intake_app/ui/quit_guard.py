"""Quitting with answers that only live in memory (the disk was full): ask first, the default
keeps the app open."""

from __future__ import annotations

from typing import TYPE_CHECKING

from intake_app.ui.i18n import error_text, tr

if TYPE_CHECKING:
    from intake_app.ui.mainwindow import MainWindow


def ask_to_quit(window: MainWindow) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    queue = window.interviews.autosave
    box = QMessageBox(QMessageBox.Icon.Warning, tr("MainWindow", "Answers not saved yet"),
                      tr("MainWindow", "{n} answers could not be saved yet: {problem} If you "
                         "quit now they are lost. Free some space, then unlock to save them.")
                      .format(n=queue.waiting_count(),
                              problem=error_text(queue.problem) if queue.problem else ""),
                      parent=window)
    stay = box.addButton(tr("MainWindow", "Keep the app open"), QMessageBox.ButtonRole.RejectRole)
    leave = box.addButton(tr("MainWindow", "Quit and lose them"),
                          QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(stay)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _r: _quit_answered(window, box.clickedButton() is leave))
    window.quit_question = box
    box.open()


def _quit_answered(window: MainWindow, quit_anyway: bool) -> None:
    window.quit_question = None
    if quit_anyway:
        window._quit_with_unsaved = True
        window.close()
