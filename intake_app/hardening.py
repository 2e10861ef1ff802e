"""Process hardening done first thing at start: no core dumps, private files by default."""

from __future__ import annotations

import contextlib
import os


def harden_process() -> None:
    # Python cannot scrub memory; a core dump would write keys and case text to disk.
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Every file we create (key file, database, WAL, backups) is the owner's alone.
    os.umask(0o077)
