#!/usr/bin/env bash
# Create or refresh .venv when it is missing, broken or older than pyproject.toml, and make sure
# the system packages the suite needs are present. Idempotent; quiet when nothing is to be done.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# PostgreSQL: the relay's second backend; the tests start a private cluster of their own.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# Fonts: offscreen Qt renders text with fontconfig; without a font every label is empty boxes.
fc-list 2>/dev/null | grep -q . || need_apt+=(fontconfig fonts-dejavu-core)
# Qt's xcb platform (make run on a desktop, Xvfb screenshots) needs these two beside libxcb.
ldconfig -p | grep -q libxcb-icccm.so.4 || need_apt+=(libxcb-icccm4)
ldconfig -p | grep -q libxcb-keysyms.so.1 || need_apt+=(libxcb-keysyms1)
ldconfig -p | grep -q libxkbcommon-x11.so.0 || need_apt+=(libxkbcommon-x11-0)
ldconfig -p | grep -q libEGL.so.1 || need_apt+=(libegl1)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing system packages: ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "bootstrap: please install these system packages first: ${need_apt[*]}" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3}
stamp=.venv/.installed
if [ -x .venv/bin/python ] && .venv/bin/python -c 'import sys' 2>/dev/null \
   && [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ]; then
  exit 0
fi
echo "bootstrap: preparing .venv (first run takes a minute or two)"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
touch "$stamp"
