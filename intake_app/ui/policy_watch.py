"""The agency policy in force in the main window: read from the installed signed profile, and
read again when a profile is installed from outside the window (the data folder is watched)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from intake_app.ui.i18n import error_text

if TYPE_CHECKING:
    from intake_app.ui.mainwindow import MainWindow


def load_policy(window: MainWindow) -> None:
    """Read the installed profile's policy (a small signed file) and apply it."""
    window._profile_stamp = _profile_file_stamp(window)
    from intake_app.services.provisioning import read_policy

    policy, problem = read_policy(window.data_dir)
    window.policy_problem = problem
    window.apply_policy(policy)


def _profile_file_stamp(window: MainWindow) -> tuple[int, int] | None:
    from intake_app.admin.profile import profile_path

    try:
        st = profile_path(window.data_dir).stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def watch_profile(window: MainWindow) -> None:
    """A profile installed from outside the window (`intake admin import-profile`) applies
    at once: the data folder is watched (profiles are replaced atomically, by rename)."""
    if window._profile_watcher is None and window.data_dir.is_dir():
        from PySide6.QtCore import QFileSystemWatcher

        window._profile_watcher = QFileSystemWatcher([str(window.data_dir)], window)
        window._profile_watcher.directoryChanged.connect(partial(_profile_maybe_changed, window))


def _profile_maybe_changed(window: MainWindow, _path: str = "") -> None:
    if _profile_file_stamp(window) == window._profile_stamp:
        return
    load_policy(window)
    if window.policy_problem is not None and not window.is_locked:
        window.statusBar().showMessage(error_text(window.policy_problem), 30_000)
