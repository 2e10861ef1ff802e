"""A private X server with a window manager: Xvfb picks a free display itself, openbox manages it.

The UI suite and the journeys run in this real window system (QT_QPA_PLATFORM=xcb), so a window
that Python dropped, one larger than the screen or one that never got focus fails there as it
would on a laptop; offscreen rendering hides all three. scripts/shoot.py uses it too.

A free display is found by Xvfb (`-displayfd`: it takes the first number whose lock file it can
create and writes it to our pipe once it accepts connections), so two copies of the suite never
race for one. Ready means ready: the window manager is up once it has set
_NET_SUPPORTING_WM_CHECK on the root window (it does so after taking the screen), never after a
guessed delay.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

READY_TIMEOUT_S = 60.0  # a bound for a busy 2-core machine, not a wait
NEEDED = ("Xvfb", "openbox", "xprop")


def available() -> bool:
    """Are the programs installed (scripts/bootstrap.sh installs them)?"""
    return all(shutil.which(p) for p in NEEDED)


def _die_with_parent(argv: list[str]) -> list[str]:
    """`argv` run so the kernel ends it if the test run dies: no X server outlives a killed run
    (util-linux's setpriv sets the parent-death signal and execs; no preexec_fn in a threaded
    process)."""
    if shutil.which("setpriv"):
        return ["setpriv", "--pdeathsig", "TERM", "--", *argv]
    return argv


class XServer:
    """Xvfb on a free display with one screen of `width` x `height`, plus openbox."""

    def __init__(self, width: int = 1280, height: int = 720) -> None:
        self.width, self.height = width, height
        self.display = ""
        self._log_dir = Path(tempfile.mkdtemp(prefix="intake-x-"))
        self._procs: list[subprocess.Popen[bytes]] = []

    # --- starting ---------------------------------------------------------------------------------
    def start(self) -> XServer:
        try:
            self.display = self._start_xvfb()
            self._start_window_manager()
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(self, argv: list[str], name: str, **kwargs: object) -> subprocess.Popen[bytes]:
        log = (self._log_dir / f"{name}.log").open("wb")
        proc: subprocess.Popen[bytes] = subprocess.Popen(  # type: ignore[call-overload]
            _die_with_parent(argv), stdin=subprocess.DEVNULL, stdout=log, stderr=log, **kwargs)
        log.close()
        self._procs.append(proc)
        return proc

    def _log_tail(self, name: str) -> str:
        with contextlib.suppress(OSError):
            return (self._log_dir / f"{name}.log").read_text(errors="replace")[-800:]
        return ""

    def _start_xvfb(self) -> str:
        read_end, write_end = os.pipe()
        try:
            proc = self._spawn(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                 f"{self.width}x{self.height}x24", "-nolisten", "tcp", "-noreset", "-dpi", "96"],
                "xvfb", pass_fds=(write_end,),
            )
            os.close(write_end)
            write_end = -1
            got = b""
            deadline = time.monotonic() + READY_TIMEOUT_S
            while not got.endswith(b"\n"):
                left = deadline - time.monotonic()
                ready, _, _ = select.select([read_end], [], [], max(left, 0))
                if not ready:
                    raise RuntimeError("Xvfb did not report a display in time")
                chunk = os.read(read_end, 64)
                if not chunk:  # Xvfb exited before it was ready
                    raise RuntimeError(f"Xvfb failed (exit {proc.wait()}): {self._log_tail('xvfb')}")
                got += chunk
        finally:
            os.close(read_end)
            if write_end >= 0:
                os.close(write_end)
        return f":{int(got)}"

    def _start_window_manager(self) -> None:
        wm = self._spawn(["openbox", "--sm-disable"], "openbox", env=self.env(os.environ))
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not self.window_manager_ready():
            if wm.poll() is not None:
                raise RuntimeError(f"openbox exited ({wm.returncode}): {self._log_tail('openbox')}")
            if time.monotonic() > deadline:
                raise RuntimeError("openbox did not take the screen in time")
            time.sleep(0.02)  # polling the root window's property, bounded by the deadline

    def window_manager_ready(self) -> bool:
        done = subprocess.run(["xprop", "-display", self.display, "-root",
                               "_NET_SUPPORTING_WM_CHECK"], capture_output=True, check=False,
                              timeout=READY_TIMEOUT_S)
        return done.returncode == 0 and b"window id" in done.stdout

    # --- using ------------------------------------------------------------------------------------
    def env(self, base: Mapping[str, str], **extra: str) -> dict[str, str]:
        """`base` pointed at this display, for Qt's xcb platform (and any X program)."""
        env = {k: v for k, v in base.items() if k not in ("WAYLAND_DISPLAY", "QT_SCALE_FACTOR")}
        env.update(DISPLAY=self.display, QT_QPA_PLATFORM="xcb", **extra)
        return env

    # --- stopping ---------------------------------------------------------------------------------
    def stop(self) -> None:
        for proc in reversed(self._procs):  # the window manager first, then the server
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self._procs.clear()
        shutil.rmtree(self._log_dir, ignore_errors=True)


@contextlib.contextmanager
def running(width: int = 1280, height: int = 720) -> Iterator[XServer]:
    server = XServer(width, height).start()
    try:
        yield server
    finally:
        server.stop()
