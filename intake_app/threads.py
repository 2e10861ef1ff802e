"""Which thread is the GUI thread, so blocking work can refuse to run there.

Pure Python: the UI marks its thread at start; the database, the key vault and the
transports call `assert_not_gui_thread()` before anything slow.
"""

from __future__ import annotations

import threading

_gui_thread_id: int | None = None


class BlockingOnGuiThread(RuntimeError):
    """Raised when slow work (SQL, KDF, network) is attempted on the GUI thread."""


def mark_gui_thread() -> None:
    global _gui_thread_id  # noqa: PLW0603 - one process, one GUI thread
    _gui_thread_id = threading.get_ident()


def clear_gui_thread() -> None:
    global _gui_thread_id  # noqa: PLW0603
    _gui_thread_id = None


def assert_not_gui_thread(what: str) -> None:
    if _gui_thread_id is not None and threading.get_ident() == _gui_thread_id:
        raise BlockingOnGuiThread(f"{what} must not run on the GUI thread")
