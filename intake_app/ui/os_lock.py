"""The operating system says the screen locked or the laptop is going to sleep: lock now.

One interface, `SystemLockWatcher.lock_requested`, with one source per platform (like KeePassXC):
- Linux: logind on the system bus (`PrepareForSleep(true)` before suspend or hibernate, and a
  session's `Lock` signal, sent by `loginctl lock-session` and the desktop's lock screen), and the
  screensaver on the session bus (`org.freedesktop.ScreenSaver` / `org.gnome.ScreenSaver`
  `ActiveChanged(true)`). Signals are matched by interface and member from any sender: a forged
  one can only lock the app, which is always safe.
- Windows: WM_WTSSESSION_CHANGE with WTS_SESSION_LOCK (after WTSRegisterSessionNotification)
  and WM_POWERBROADCAST with PBT_APMSUSPEND, read by a native event filter.
- macOS: the session's CGSSessionScreenIsLocked flag (CoreGraphics), checked every 2 seconds,
  and a wake from sleep noticed as a jump of the suspend-aware clock.
Nothing here is required: a desktop without these services still locks on idle time.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import Any

from PySide6.QtCore import (
    SLOT,
    QAbstractNativeEventFilter,
    QByteArray,
    QObject,
    QTimer,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)

LOGIN1 = "org.freedesktop.login1"
_MANAGER = "org.freedesktop.login1.Manager"
_SESSION = "org.freedesktop.login1.Session"
_SCREENSAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver")

# Windows messages (winuser.h, wtsapi32.h)
WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0


def _listen(bus: Any, interface: str, member: str, receiver: QObject, slot: str) -> bool:
    """Connect a D-Bus signal from any sender and path to `receiver`'s slot `slot`.

    PySide6 6.12's stubs type the slot as bytes, but at run time it takes only the str that
    SLOT() returns; `bus` is typed Any for that reason.
    """
    return bool(bus.connect("", "", interface, member, receiver, SLOT(slot)))


class SystemLockWatcher(QObject):
    """Emits `lock_requested` when the OS locks the screen or is about to sleep."""

    lock_requested = Signal(str)  # why: "sleep", "screen_lock"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []  # what is being watched on this machine, for the log
        self._native: _WindowsFilter | None = None
        if sys.platform.startswith("linux"):
            self._watch_dbus()
        elif sys.platform == "win32":
            self._watch_windows()
        elif sys.platform == "darwin":
            self._watch_macos()
        log.info("watching for OS lock and sleep: %s", ", ".join(self.sources) or "nothing")

    # --- Linux -----------------------------------------------------------------------------------
    def _watch_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        system = QDBusConnection.systemBus()
        if system.isConnected():
            # Any sender, any path: every session object's Lock, and forged signals only lock.
            if _listen(system, _MANAGER, "PrepareForSleep", self, "_sleep(bool)"):
                self.sources.append("logind sleep")
            if _listen(system, _SESSION, "Lock", self, "_session_lock()"):
                self.sources.append("logind session lock")
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for interface in _SCREENSAVERS:
                if _listen(session, interface, "ActiveChanged", self, "_screensaver(bool)"):
                    self.sources.append(interface)

    @Slot(bool)
    def _sleep(self, starting: bool) -> None:
        if starting:
            self.lock_requested.emit("sleep")

    @Slot()
    def _session_lock(self) -> None:
        self.lock_requested.emit("screen_lock")

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self.lock_requested.emit("screen_lock")

    # --- Windows ---------------------------------------------------------------------------------
    def _watch_windows(self) -> None:  # pragma: no cover - exercised on Windows builds only
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is None:
            return
        self._native = _WindowsFilter(self.lock_requested.emit)
        app.installNativeEventFilter(self._native)
        self.sources.append("windows session and power messages")

    def register_window(self, window: Any) -> None:
        """Windows sends session changes only to windows that asked (the main window)."""
        if sys.platform != "win32":
            return
        try:  # pragma: no cover - Windows only
            wtsapi = getattr(ctypes, "WinDLL")("wtsapi32")  # noqa: B009 - absent off Windows
            wtsapi.WTSRegisterSessionNotification(ctypes.c_void_p(int(window.winId())),
                                                  NOTIFY_FOR_THIS_SESSION)
        except (OSError, AttributeError):
            log.warning("session notifications unavailable")

    # --- macOS -----------------------------------------------------------------------------------
    def _watch_macos(self) -> None:  # pragma: no cover - exercised on macOS builds only
        self._timer = QTimer(self)
        self._timer.setInterval(2000)
        self._timer.timeout.connect(self._poll_macos)
        self._timer.start()
        self.sources.append("macOS screen-lock state")

    def _poll_macos(self) -> None:  # pragma: no cover - macOS only
        if _macos_screen_locked():
            self.lock_requested.emit("screen_lock")


class _WindowsFilter(QAbstractNativeEventFilter):  # pragma: no cover - Windows only
    def __init__(self, emit: Any) -> None:
        super().__init__()
        self._emit = emit

    def nativeEventFilter(  # type: ignore[override]  # PySide6 passes the message as an int
        self, event_type: QByteArray | bytes, message: int
    ) -> object:
        name = event_type.data() if isinstance(event_type, QByteArray) else event_type
        if bytes(name) != b"windows_generic_MSG":
            return False, 0
        msg = ctypes.cast(message, ctypes.POINTER(_MSG)).contents
        if msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK:
            self._emit("screen_lock")
        elif msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND:
            self._emit("sleep")
        return False, 0


class _MSG(ctypes.Structure):
    _fields_ = [
        ("hwnd", ctypes.c_void_p), ("message", ctypes.c_uint), ("wParam", ctypes.c_size_t),
        ("lParam", ctypes.c_ssize_t), ("time", ctypes.c_ulong), ("pt_x", ctypes.c_long),
        ("pt_y", ctypes.c_long),
    ]


def _macos_screen_locked() -> bool:  # pragma: no cover - macOS only
    """CGSessionCopyCurrentDictionary()["CGSSessionScreenIsLocked"], through ctypes."""
    try:
        cg = ctypes.CDLL("/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics")
        cf = ctypes.CDLL("/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation")
    except OSError:
        return False
    cg.CGSessionCopyCurrentDictionary.restype = ctypes.c_void_p
    cf.CFDictionaryGetValue.restype = ctypes.c_void_p
    cf.CFDictionaryGetValue.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    cf.CFStringCreateWithCString.restype = ctypes.c_void_p
    cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
    cf.CFBooleanGetValue.argtypes = [ctypes.c_void_p]
    cf.CFRelease.argtypes = [ctypes.c_void_p]
    session = cg.CGSessionCopyCurrentDictionary()
    if not session:
        return False
    key = cf.CFStringCreateWithCString(None, b"CGSSessionScreenIsLocked", 0x08000100)
    try:
        value = cf.CFDictionaryGetValue(session, key)
        return bool(value) and bool(cf.CFBooleanGetValue(value))
    finally:
        cf.CFRelease(key)
        cf.CFRelease(session)
