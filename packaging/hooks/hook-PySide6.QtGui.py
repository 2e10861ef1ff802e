"""build.spec's version of PyInstaller's PySide6.QtGui hook: the same collection, minus the Qt
plugins build.spec names in hooksconfig["field_intake"]["qt_plugins_dropped"].

Dropping them here, not from the finished list, matters: PyInstaller then never looks for the
libraries only those plugins link (GTK, Pango, Cairo... for the GTK theme; EGL for eglfs;
QtNetwork for vnc), so those are left out too.
"""

from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from PyInstaller.utils.hooks import get_hook_config
from PyInstaller.utils.hooks.qt import add_qt6_dependencies


def hook(hook_api: Any) -> None:  # PyInstaller's PostGraphAPI
    hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
    dropped = get_hook_config(hook_api, "field_intake", "qt_plugins_dropped") or []

    def wanted(src: str, dest: str) -> bool:
        plugin = f"{Path(dest).name}/{Path(src).name}"  # e.g. "platforms/libqvnc.so"
        return not any(fnmatch(plugin, pattern) for pattern in dropped)

    hook_api.add_binaries([(src, dest) for src, dest in binaries if wanted(src, dest)])
    hook_api.add_datas(datas)
    hook_api.add_imports(*hiddenimports)
