"""The folder drop (a shared folder or a USB stick): one file per envelope, written atomically."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from intake_app.paths import atomic_write, private_dir
from intake_app.sync.relay.auth import valid_id
from intake_app.sync.transport.base import (
    ENVELOPE_ID_BYTES,
    MAX_ENVELOPE_BYTES,
    IncomingEnvelope,
    OutgoingEnvelope,
    ReceiveBatch,
    ReceiveProblem,
    SendResult,
    TransportError,
    TransportRejected,
    TransportUnavailable,
)
from intake_app.threads import assert_not_gui_thread

FILE_SUFFIX = ".fienv"
_FILE_MAGIC = b"FIENV1\n"
_MAX_FILE_HEADER = 1024
_FILE_NAME = re.compile(r"^[0-9a-f]{32}\.fienv$")


# --- folder drop ---------------------------------------------------------------------------------
class FolderDropTransport:
    """Envelopes as files in a shared folder or on a USB stick, for places with no network.

    Layout: ``<root>/<recipient agency id>/<envelope id hex>.fienv``, folders 0700, files 0600,
    each written to a temporary name and renamed, so a reader never sees a partial ``.fienv``.
    A file holds a magic line, a one-line JSON routing header (id, from, to, expires, size) and
    the opaque envelope bytes. Sending an id that is already there with the same bytes is a no-op
    (ALREADY_STORED); with other bytes, `TransportRejected` (conflict).

    `receive` reads our own folder in file-name order; a malformed file (bad name, header, size,
    id not matching its name, addressed to someone else, not a regular file) is reported as a
    `ReceiveProblem` and skipped, the rest still import. Importing never deletes a file unless
    the transport was made with ``delete_after_import=True``, and then only on `acknowledge`,
    only the files that imported. A new instance reads the folder from the start again: the
    engine's replay check (by envelope id) makes a re-import a no-op.
    """

    name = "folder"

    def __init__(
        self,
        root: Path,
        agency_id: str,
        *,
        delete_after_import: bool = False,
        max_body_bytes: int = MAX_ENVELOPE_BYTES,
    ) -> None:
        if not valid_id(agency_id):
            raise ValueError("agency ids are 1-64 of A-Z a-z 0-9 . _ -")
        self.root = root
        self.agency_id = agency_id
        self._delete = delete_after_import
        self._max_body = max_body_bytes
        self._after = ""

    def send(self, envelope: OutgoingEnvelope) -> SendResult:
        """Write the envelope file into the recipient's folder, atomically."""
        assert_not_gui_thread("folder drop export")
        if len(envelope.body) > self._max_body:
            raise TransportRejected(transport=self.name, reason="too_large")
        data = _encode_file(envelope)
        try:
            folder = private_dir(self.root / envelope.recipient)
            path = folder / f"{envelope.envelope_id.hex()}{FILE_SUFFIX}"
            if path.exists():
                if path.read_bytes() == data:
                    return SendResult.ALREADY_STORED
                raise TransportRejected(transport=self.name, reason="conflict")
            atomic_write(path, data)
        except OSError as exc:
            # The stick was pulled, is read-only or full: the envelope stays queued.
            raise TransportUnavailable(transport=self.name, reason=_os_reason(exc)) from None
        return SendResult.STORED

    def send_many(self, envelopes: Sequence[OutgoingEnvelope]) -> list[SendResult | TransportError]:
        """Write each envelope file; a conflict is per envelope, an unusable folder raises."""
        results: list[SendResult | TransportError] = []
        for envelope in envelopes:
            try:
                results.append(self.send(envelope))
            except TransportRejected as exc:
                results.append(exc)
        return results

    def receive(self, limit: int = 100) -> ReceiveBatch:
        """Read up to `limit` envelope files from our folder after the last acknowledged one."""
        assert_not_gui_thread("folder drop import")
        folder = self.root / self.agency_id
        try:
            names = sorted(
                p.name
                for p in folder.iterdir()
                if p.name.endswith(FILE_SUFFIX) and p.name > self._after
            )
        except FileNotFoundError:
            return ReceiveBatch((), (), more=False, cursor="")
        except OSError as exc:
            raise TransportUnavailable(transport=self.name, reason=_os_reason(exc)) from None
        envelopes: list[IncomingEnvelope] = []
        problems: list[ReceiveProblem] = []
        for name in names[:limit]:
            try:
                envelopes.append(self._read(folder, name))
            except _BadFile as bad:
                problems.append(ReceiveProblem(name, bad.reason))
        cursor = names[min(limit, len(names)) - 1] if names else ""
        return ReceiveBatch(tuple(envelopes), tuple(problems), len(names) > limit, cursor)

    def acknowledge(self, batch: ReceiveBatch) -> None:
        """Continue after `batch`; delete its imported files if the transport was told to."""
        if batch.cursor:
            self._after = max(self._after, batch.cursor)
        if self._delete:
            folder = self.root / self.agency_id
            for envelope in batch.envelopes:
                (folder / envelope.source).unlink(missing_ok=True)

    def forget_position(self) -> None:
        """Read the folder from the start again on the next `receive`."""
        self._after = ""

    def close(self) -> None:
        """Nothing to release: files are opened and closed per call."""

    def _read(self, folder: Path, name: str) -> IncomingEnvelope:
        if not _FILE_NAME.match(name):
            raise _BadFile("bad_name")
        try:
            # O_NOFOLLOW: a stick could carry a symlink to some local file.
            fd = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            raise _BadFile("unreadable") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise _BadFile("not_a_file")
            if info.st_size > self._max_body + len(_FILE_MAGIC) + _MAX_FILE_HEADER + 1:
                raise _BadFile("too_large")
            with os.fdopen(fd, "rb", closefd=False) as fh:
                data = fh.read()
        except OSError:
            raise _BadFile("unreadable") from None
        finally:
            os.close(fd)
        envelope = _decode_file(data, name)
        if envelope.recipient != self.agency_id:
            raise _BadFile("misaddressed")
        return envelope


class _BadFile(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _encode_file(envelope: OutgoingEnvelope) -> bytes:
    header = json.dumps(
        {
            "id": envelope.envelope_id.hex(),
            "from": envelope.sender,
            "to": envelope.recipient,
            "expires": envelope.expires_at,
            "size": len(envelope.body),
        },
        separators=(",", ":"),
        sort_keys=True,
    ).encode()
    return _FILE_MAGIC + header + b"\n" + envelope.body


def _decode_file(data: bytes, name: str) -> IncomingEnvelope:
    if not data.startswith(_FILE_MAGIC):
        raise _BadFile("not_an_envelope")
    end = data.find(b"\n", len(_FILE_MAGIC), len(_FILE_MAGIC) + _MAX_FILE_HEADER + 1)
    if end < 0:
        raise _BadFile("bad_header")
    try:
        header = json.loads(data[len(_FILE_MAGIC) : end])
        envelope_id = bytes.fromhex(header["id"])
        sender, recipient = str(header["from"]), str(header["to"])
        expires, size = int(header["expires"]), int(header["size"])
    except (ValueError, KeyError, TypeError):
        raise _BadFile("bad_header") from None
    if not (valid_id(sender) and valid_id(recipient)) or len(envelope_id) != ENVELOPE_ID_BYTES:
        raise _BadFile("bad_header")
    if f"{envelope_id.hex()}{FILE_SUFFIX}" != name:
        raise _BadFile("id_mismatch")
    body = data[end + 1 :]
    if len(body) != size or size == 0:
        raise _BadFile("truncated")
    return IncomingEnvelope(envelope_id, sender, recipient, expires, body, source=name)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission_denied"
    if exc.errno == errno.ENOSPC:
        return "disk_full"
    if exc.errno == errno.EROFS:
        return "read_only"
    return "io_error"
