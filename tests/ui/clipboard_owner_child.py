"""Child process for the clipboard test: another program that owns the clipboard.

Puts argv[1] on the clipboard, prints "ready", and keeps owning it until its standard input
closes (on X11 a clipboard's text lives in the program that set it).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtGui import QGuiApplication


def main() -> int:
    app = QGuiApplication([])
    QGuiApplication.clipboard().setText(sys.argv[1])
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(app.quit)  # readable means closed: the parent says when
    print("ready", flush=True)
    app.exec()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
