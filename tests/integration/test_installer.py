"""The PyInstaller bundle: build it from build.spec (with a signed profile baked in, as `make
installer PROFILE=...` does), then run the built `intake` as a field laptop would: `selftest`, set
up a data folder and open its database, a headless GUI start, and `selftest --screens`, which
goes through first run, lock, a wrong and a right passphrase and draws every screen in both
languages: what build.spec leaves out (Qt plugins, libraries, modules) must not be missed there.
Reports the bundle's size.

One build per run (module fixture, about 15 s here); each run of the bundle takes well under 1 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import SignedProfile
from intake_app.sync.keys import AgencyIdentity

ROOT = Path(__file__).resolve().parents[2]
EXE_NAME = "intake.exe" if sys.platform == "win32" else "intake"
# Qt libraries of modules build.spec excludes: none may end up in the bundle.
UNWANTED = (
    "WebEngine",
    "Qml",
    "Quick",
    "Qt63D",
    "Multimedia",
    "Charts",
    "DataVisualization",
    "Pdf",
    # Plugins build.spec drops (packaging/hooks/) and the libraries only they linked.
    "qeglfs", "qvnc", "qlinuxfb", "qgtk3", "qjpeg", "qtiff", "qwebp", "EglFS", "Network",
    "libgtk", "libpango", "libcairo", "libcups.so", "libgnutls",
)  # fmt: skip


@dataclass(frozen=True)
class Bundle:
    folder: Path
    exe: Path
    build_seconds: float
    profile: bytes

    @property
    def size_bytes(self) -> int:
        return sum(
            p.stat().st_size for p in self.folder.rglob("*") if p.is_file() and not p.is_symlink()
        )


def bundle_env(**extra: str) -> dict[str, str]:
    """The environment of a laptop: no venv, no source tree on the path."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "INTAKE_DATA_DIR", "INTAKE_PROFILE"}
    }
    env.update({"LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}, **extra)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    tmp = tmp_path_factory.mktemp("installer")
    identity = AgencyIdentity.generate(
        "Refugio Norte", "service_provider", [{"name": "Ana", "email": "ana@norte.example.org"}]
    )
    profile = SignedProfile.issue(identity, AgencyPolicy(auto_lock_minutes=5), 1).to_bytes()
    profile_path = tmp / "agency-profile.json"
    profile_path.write_bytes(profile)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp / "dist"), "--workpath", str(tmp / "build"), "build.spec"],
        cwd=ROOT,
        env={**os.environ, "INTAKE_PROFILE": str(profile_path)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-4000:]
    folder = tmp / "dist" / "intake"
    yield Bundle(folder, folder / EXE_NAME, seconds, profile)


def run_bundle(
    b: Bundle, args: list[str], cwd: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(b.exe), *args],
        cwd=cwd,  # not the source tree: the bundle must not find intake_app there
        env=bundle_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_bundle_holds_resources_and_not_unused_qt(bundle: Bundle) -> None:
    internal = bundle.folder / "_internal"
    resources = internal / "resources"
    for name in (
        "advocate_intake.json",
        "indicator_screening.json",
        "officer_victim_interview.json",
    ):
        assert (resources / "protocols" / name).is_file()
    source_qm = sorted(p.name for p in (ROOT / "resources" / "translations").glob("*.qm"))
    assert source_qm
    assert sorted(p.name for p in (resources / "translations").glob("*.qm")) == source_qm
    assert not list(resources.rglob("*.ts"))  # translation sources stay out
    assert (resources / "profile.json").read_bytes() == bundle.profile
    offenders = [p.name for p in internal.rglob("*") if any(u in p.name for u in UNWANTED)]
    assert offenders == []
    assert not list(internal.rglob("uvicorn")) and not list(internal.rglob("psycopg*"))
    # Kept: the OS screen-lock watcher's D-Bus, printing, and the desktop platforms.
    assert list(internal.rglob("QtDBus*")) and list(internal.rglob("*cupsprintersupport*"))
    platforms = {p.name for p in (internal / "PySide6" / "Qt" / "plugins" / "platforms").iterdir()}
    assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} <= platforms or sys.platform != "linux"


def test_bundle_selftest(bundle: Bundle, tmp_path: Path) -> None:
    result = run_bundle(bundle, ["selftest"], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "selftest ok" in result.stdout


def test_bundle_sets_up_and_opens_its_database(bundle: Bundle, tmp_path: Path) -> None:
    data = tmp_path / "data"
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text("correct horse battery staple\n")
    auth = ["--user", "ana", "--passphrase-file", str(pass_file)]
    result = run_bundle(
        bundle,
        ["--data-dir", str(data), "init", *auth, "--role", "admin", "--kdf-memory-mib", "8", "--kdf-iterations", "1"],
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    result = run_bundle(bundle, ["--data-dir", str(data), "audit", "verify", *auth], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Audit chain intact" in result.stdout


def test_bundle_gui_starts_headless(bundle: Bundle, tmp_path: Path) -> None:
    data = tmp_path / "fresh"
    result = run_bundle(
        bundle, ["--data-dir", str(data)], tmp_path, INTAKE_EXIT_AFTER_FIRST_PAINT="1"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "first-paint" in result.stdout


# Screens the bundle must draw, in each language (file names from intake_app/ui/screenshots.py
# and the samples it calls).
SCREENS = ("01-first-run", "04-case-list", "05-case-view", "07-case-consents", "08-locked",
           "09-unlock-error", "10-recovery", "11-agency-create", "15-policy-signed",
           "sync-share-preview", "interview", "consent", "end", "break")  # fmt: skip


def test_bundle_unlocks_and_renders_every_screen(bundle: Bundle, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "screens"
    result = run_bundle(bundle, ["selftest", "--screens", str(out)], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "screens ok" in result.stdout
    drawn = {p.name for p in out.glob("*.png")}
    for language in ("en", "es"):
        missing = [s for s in SCREENS if f"{s}-{language}.png" not in drawn
                   and f"{s}_{language}.png" not in drawn]
        assert missing == [], language
    for path in sorted(out.glob("*.png")):  # drawn, not blank: text and controls on a backdrop
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 200, path.name
        step = max(1, image.width() // 64)
        colours = {image.pixel(x, y) for x in range(0, image.width(), step)
                   for y in range(0, image.height(), step)}
        assert len(colours) > 3, path.name


def test_bundle_size_reported(
    bundle: Bundle, capsys: pytest.CaptureFixture[str], record_property
) -> None:
    size = bundle.size_bytes
    record_property("bundle_size_bytes", size)
    record_property("bundle_build_seconds", round(bundle.build_seconds, 1))
    with capsys.disabled():  # shown in the `make test` output, not swallowed by capture
        print(f"\nPyInstaller bundle: {size / 1e6:.1f} MB, built in {bundle.build_seconds:.1f} s")
    # A sanity bound, not the target (under 150 MB, in bench_installer): a bundle this large has
    # picked up QtWebEngine or the like.
    assert 50e6 < size < 400e6
