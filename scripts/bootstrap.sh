#!/usr/bin/env bash
# Create or refresh .venv when it is missing, broken or older than pyproject.toml, and make sure
# the system packages the suite needs are present. Idempotent; quiet when nothing is to be done.
set -euo pipefail
# Under pipefail, `cmd | grep -q x` fails at random (grep exits at the first match and cmd dies
# of SIGPIPE): the checks below let grep read everything (`grep x >/dev/null`) instead.
cd "$(dirname "$0")/.."

need_apt=()
# PostgreSQL: the relay's second backend; the tests start a private cluster of their own.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# Fonts: offscreen Qt renders text with fontconfig; without a font every label is empty boxes.
fc-list 2>/dev/null | grep . >/dev/null || need_apt+=(fontconfig fonts-dejavu-core)
# Qt's xcb platform (make run on a desktop, Xvfb screenshots) needs these two beside libxcb.
ldconfig -p | grep libxcb-icccm.so.4 >/dev/null || need_apt+=(libxcb-icccm4)
ldconfig -p | grep libxcb-keysyms.so.1 >/dev/null || need_apt+=(libxcb-keysyms1)
ldconfig -p | grep libxkbcommon-x11.so.0 >/dev/null || need_apt+=(libxkbcommon-x11-0)
ldconfig -p | grep libEGL.so.1 >/dev/null || need_apt+=(libegl1)
# The UI suite and the journeys run in a real window: an X server, a window manager (openbox) that
# maps, focuses and frames windows as a desktop does, xprop to see the manager is up, and xdotool
# plus ImageMagick's `import` for scripts/shoot.py's screenshots of the real screen.
command -v Xvfb >/dev/null || need_apt+=(xvfb)
command -v openbox >/dev/null || need_apt+=(openbox)
command -v xprop >/dev/null || need_apt+=(x11-utils)
command -v xdotool >/dev/null || need_apt+=(xdotool)
command -v import >/dev/null || need_apt+=(imagemagick)
# wrk: the third-party load generator of `make bench` (relay rows beside our own client).
command -v wrk >/dev/null || need_apt+=(wrk)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing system packages: ${need_apt[*]}"
    # Two bootstraps at once (two checkouts testing side by side) queue here instead of one
    # failing on apt's lock; apt itself waits for any other package manager.
    if command -v flock >/dev/null; then exec 9>/var/lock/field-intake-bootstrap.lock; flock 9; fi
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "bootstrap: please install these system packages first: ${need_apt[*]}" >&2
    exit 1
  fi
fi

# Prefer Python 3.12: PySide6 6.12 on 3.11 drops a reference to None/True/False on every Python
# override Qt calls (measured: 100 data() calls, None's refcount -92), which ends in a
# "none_dealloc" abort; 3.12 makes those objects immortal. 3.11 still works with the guard in
# intake_app/ui/app.py:pin_interpreter_singletons.
pick_python() {
  if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
  local candidate
  for candidate in python3.12 "$(pyenv root 2>/dev/null)"/versions/3.12*/bin/python3.12; do
    if "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 12)' >/dev/null 2>&1; then
      echo "$candidate"; return
    fi
  done
  echo python3
}
PY=$(pick_python)
want=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
have=$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
stamp=.venv/.installed
if [ "$have" = "$want" ] && [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ]; then
  exit 0
fi
echo "bootstrap: preparing .venv with Python $want (first run takes a minute or two)"
if [ "$have" != "$want" ]; then rm -rf .venv; "$PY" -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
touch "$stamp"
