"""The agency policy in force in the main window.

Before unlock (first run, the lock screen) only the installed file can be read. From unlock on,
the policy is the one the services settled: the database's last verified profile, or a newer
verified file they adopted (services/profiles.py). The data folder is watched, so a profile
installed from outside the window (`intake admin import-profile`) applies at once; a file that
is removed, altered, foreign or older keeps the policy in force and the status bar says why.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app.ui.i18n import error_text
from intake_app.ui.worker import Change, ChangeKind

if TYPE_CHECKING:
    from intake_app.services.profiles import PolicyState
    from intake_app.services.session import Session
    from intake_app.ui.mainwindow import MainWindow

PROBLEM_SHOWN_MS = 30_000


def load_policy(window: MainWindow) -> None:
    """Before unlock: read the installed file's policy (a small signed file) and apply it."""
    window._profile_stamp = _profile_file_stamp(window)
    from intake_app.services.provisioning import read_policy

    policy, problem = read_policy(window.data_dir)
    window.policy_problem = problem
    window.apply_policy(policy)


def apply_state(window: MainWindow, state: PolicyState) -> None:
    """After unlock: apply the policy the services settled, and remember why the file was not
    taken (the status bar says it on entering)."""
    window._profile_stamp = _profile_file_stamp(window)
    window.policy_problem = state.problem
    window.apply_policy(state.policy if state.serial else None)


def _profile_file_stamp(window: MainWindow) -> tuple[int, int, int] | None:
    from intake_app.admin.profile import profile_path

    try:
        st = profile_path(window.data_dir).stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def watch_profile(window: MainWindow) -> None:
    """Watch the data folder (profiles are installed by rename) and the file itself (`cp` over
    it writes in place, which the folder does not see)."""
    if window._profile_watcher is None and window.data_dir.is_dir():
        from PySide6.QtCore import QFileSystemWatcher

        window._profile_watcher = QFileSystemWatcher([str(window.data_dir)], window)
        window._profile_watcher.directoryChanged.connect(partial(_profile_maybe_changed, window))
        window._profile_watcher.fileChanged.connect(partial(_profile_maybe_changed, window))
    _watch_file(window)


def _watch_file(window: MainWindow) -> None:
    # A file replaced by rename is a new file: the watch on the old one ends with it.
    from intake_app.admin.profile import profile_path

    path = str(profile_path(window.data_dir))
    watcher = window._profile_watcher
    if watcher is not None and path not in watcher.files() and Path(path).is_file():
        watcher.addPath(path)


def _settle(s: Session) -> PolicyState:
    from intake_app.services.provisioning import policy_in_force

    return policy_in_force(s)


def _profile_maybe_changed(window: MainWindow, _path: str = "") -> None:
    _watch_file(window)
    if window.is_locked:
        return  # the next unlock settles the file against the database
    stamp = _profile_file_stamp(window)
    if stamp == window._profile_stamp:
        return
    window._profile_stamp = stamp
    window.worker.run(_settle, window._policy_settled, changes=[Change(ChangeKind.POLICY, 0)])


def settled(window: MainWindow, state: PolicyState) -> None:
    if window.is_locked:
        return
    apply_state(window, state)
    if state.problem is not None:
        window.statusBar().showMessage(error_text(state.problem), PROBLEM_SHOWN_MS)
