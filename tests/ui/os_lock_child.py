"""Child process for the OS-lock test: an unlocked main window that says when it locks.

Prints "ready" once unlocked (the parent then sends the D-Bus signal), then "locked" and exits.
Its buses come from DBUS_SYSTEM_BUS_ADDRESS / DBUS_SESSION_BUS_ADDRESS, set by the parent to a
private dbus-daemon.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from intake_app.storage.kdf import KdfParams
from intake_app.threads import mark_gui_thread
from intake_app.ui.gc_guard import GuiThreadCollector
from intake_app.ui.mainwindow import MainWindow
from intake_app.ui.worker import Worker


def main() -> int:
    data_dir, user, passphrase = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    app = QApplication([])
    mark_gui_thread()
    GuiThreadCollector(app)
    worker = Worker()
    window = MainWindow(data_dir, worker, kdf=KdfParams.for_tests())
    window.show()
    print("sources", "|".join(window.os_lock.sources), flush=True)

    def unlocked() -> None:
        print("ready", flush=True)

    def locked() -> None:
        print("locked", flush=True)
        QTimer.singleShot(0, app.quit)

    window.unlocked.connect(unlocked)
    window.locked.connect(locked)
    window.unlock_page.username.setText(user)
    window.unlock_page.passphrase.setText(passphrase)
    window.unlock_page.button.click()
    QTimer.singleShot(60_000, app.quit)  # a bound, not a wait: the parent waits on lines
    app.exec()
    worker.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
