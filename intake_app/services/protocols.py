"""The interview protocols installed on this laptop: every version, read by everything.

Where protocols come from. The app ships some (resources/protocols/, `load_shipped`): they are
the seed, written into the database (source "shipped") the first time a session reads the
registry, and again whenever a newer app build ships a new version. The agency's signed profile
carries the protocols it enables (source "profile", installed when the profile is applied,
services/profiles.py), and an administrator may install a protocol file (source "file").

Versions. A protocol is known by (id, version); every version ever installed stays, so an
interview always reopens under the version it started with (`protocol_for`), and an unknown id
or version is `ProtocolNotInstalled`, never another protocol in its place. Installing the same
id and version with different content is refused (`ProtocolVersionConflict`): a changed
protocol must carry a new version. A new interview starts under the version the profile in force
pins for that id (every laptop of the agency then asks the same questions), else the newest; a
profile carries each enabled id's newest version on the laptop that signs it, so installing a
version and signing the next profile is how it is rolled out.

Shipped rows are the app's own: a newer build shipping a changed file under the same version
replaces that row, as the file would have been read before protocols were installed.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from intake_app.domain.case import Role
from intake_app.domain.protocol import Protocol, ProtocolError, decode_protocol, load_shipped
from intake_app.errors import IntakeError
from intake_app.services.roles import requires
from intake_app.services.session import Session
from intake_app.storage import audit, laptop_state
from intake_app.storage import protocols as stored
from intake_app.storage.protocols import SHIPPED, StoredProtocol
from intake_app.sync.keys.document import canonical

if TYPE_CHECKING:
    from intake_app.admin.profile_protocols import CarriedProtocol


class ProtocolNotInstalled(IntakeError):
    """An interview, a profile or a start names a protocol (or version) this laptop lacks."""

    code = "protocol_not_installed"
    template = (
        "The interview protocol {where} is not installed on this laptop. Install the agency's"
        " profile that carries it, or the protocol file (intake protocol install FILE.json)."
    )
    plain = (
        "The interview guide {where} is not installed on this laptop, so this cannot go on. "
        "Nothing was changed. An administrator can install it with the agency's latest profile "
        "or the guide's file."
    )

    def __init__(self, protocol_id: str, version: str | None = None) -> None:
        # A protocol id and version are names the agency gave a form, never case data.
        where = protocol_id if version is None else f"{protocol_id} {version}"
        super().__init__(where=where)


class ProtocolVersionConflict(IntakeError):
    """Another document is already installed under this id and version."""

    code = "protocol_version_conflict"
    template = (
        "Interview protocol {where} is already installed here with different content; a changed"
        " protocol needs a new version."
    )
    plain = (
        "A different interview guide {where} is already installed on this laptop. Nothing was "
        "changed. A changed guide needs a new version number."
    )

    def __init__(self, protocol_id: str, version: str) -> None:
        super().__init__(where=f"{protocol_id} {version}")


def canonical_document(raw: Mapping[str, Any]) -> bytes:
    """The one byte form a protocol is stored, digested and signed in."""
    return canonical(raw)


def digest(document: bytes) -> str:
    return hashlib.sha256(document).hexdigest()


# --- the registry ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Installed:
    """One installed version of a protocol."""

    protocol: Protocol
    sha256: str
    source: str
    installed_at: str
    document: bytes = field(repr=False)


_NUMBER = re.compile(r"^\d+$")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Order versions as people number them: "1.10" after "1.9"; words after numbers."""
    return tuple((0, int(p)) if _NUMBER.match(p) else (1, p) for p in version.split("."))


class Registry(Mapping[str, Protocol]):
    """Every installed version by (id, version); as a mapping, id -> the version a new
    interview starts under (pinned by the profile in force, else the newest)."""

    def __init__(self, entries: Iterable[Installed], pinned: Mapping[str, str]) -> None:
        self._by_key = {(e.protocol.id, e.protocol.version): e for e in entries}
        self._versions: dict[str, list[Installed]] = {}
        for e in sorted(self._by_key.values(),
                        key=lambda e: (version_key(e.protocol.version), e.installed_at)):
            self._versions.setdefault(e.protocol.id, []).append(e)
        self._pinned = {k: v for k, v in pinned.items() if (k, v) in self._by_key}

    @classmethod
    def of(cls, protocols: Iterable[Protocol]) -> Registry:
        """A registry of protocols held in memory only (a benchmark, a screen drawn without a
        database): no document, no digest."""
        return cls([Installed(p, "", SHIPPED, "", b"") for p in protocols], {})

    def __getitem__(self, protocol_id: str) -> Protocol:
        version = self._pinned.get(protocol_id)
        if version is not None:
            return self._by_key[(protocol_id, version)].protocol
        return self._versions[protocol_id][-1].protocol

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._versions))

    def __len__(self) -> int:
        return len(self._versions)

    def entry(self, protocol_id: str, version: str) -> Installed | None:
        return self._by_key.get((protocol_id, version))

    def version(self, protocol_id: str, version: str) -> Protocol | None:
        e = self._by_key.get((protocol_id, version))
        return None if e is None else e.protocol

    def versions(self, protocol_id: str) -> tuple[Installed, ...]:
        """Oldest first."""
        return tuple(self._versions.get(protocol_id, ()))

    def newest(self, protocol_id: str) -> Protocol | None:
        found = self._versions.get(protocol_id)
        return None if not found else found[-1].protocol


def _to_installed(row: StoredProtocol) -> Installed:
    protocol, _raw = decode_protocol(row.document, f"{row.id} {row.version}")
    return Installed(protocol, row.sha256, row.source, row.installed_at, row.document)


def _pinned(s: Session) -> dict[str, str]:
    from intake_app.admin.profile import SignedProfile

    raw = laptop_state.get(s.db, laptop_state.PROFILE)
    if raw is None:
        return {}
    profile = SignedProfile.from_bytes(raw)
    return {p.id: p.version for p in profile.protocols}


def installed(s: Session) -> Registry:
    """Every installed protocol version (the shipped ones included), read once per session and
    read again after an install."""
    cached = s.protocol_registry
    if isinstance(cached, Registry):
        return cached
    _seed(s)
    registry = Registry([_to_installed(r) for r in stored.all_rows(s.db)], _pinned(s))
    s.protocol_registry = registry
    return registry


def forget(s: Session) -> None:
    """Drop the cached registry (after anything installed a protocol or a profile)."""
    s.protocol_registry = None


@functools.cache
def _shipped_documents() -> tuple[tuple[str, str, bytes], ...]:
    """(id, version, canonical document) of each shipped protocol, read once a process."""
    from intake_app.paths import resource

    shipped = load_shipped()  # the seed: every file valid, ids unique, at least one
    out = []
    for path in sorted(resource("protocols").glob("*.json")):
        protocol, raw = decode_protocol(path.read_bytes(), path.name)
        out.append((protocol.id, shipped[protocol.id].version, canonical_document(raw)))
    return tuple(out)


def _shipped_rows(at: str) -> list[StoredProtocol]:
    return [StoredProtocol(pid, version, raw, digest(raw), at, SHIPPED)
            for pid, version, raw in _shipped_documents()]


def _seed(s: Session) -> None:
    """Write the shipped protocols this database lacks (or holds changed, same version)."""
    at = audit.now_iso()
    rows = _shipped_rows(at)
    have = {(r.id, r.version): r for r in stored.all_rows(s.db)}
    due = [r for r in rows if (r.id, r.version) not in have or (
        have[(r.id, r.version)].sha256 != r.sha256 and have[(r.id, r.version)].source == SHIPPED)]
    if not due:
        return  # the usual case: reads only, so it may run inside a caller's transaction
    with s.db.transaction() as c:
        first = stored.is_empty(c)
        for row in due:
            if stored.get(c, row.id, row.version) is None:
                stored.insert(c, row)
            else:
                stored.replace_shipped(c, row)
            audit.append(c, s.user.id, "protocol.install", "protocol", row.id,
                         detail=f"version:{row.version}:shipped", at=at)
        if first:
            # A database from before protocols were installed: its interviews were always
            # reopened under the shipped file of their id, whatever version they recorded,
            # and that file is the only copy of their questions there is. Local only: each
            # laptop of the agency settles its own interviews the same way at its upgrade.
            stored.settle_legacy_interviews(c, {r.id: r.version for r in rows})


# --- reading -----------------------------------------------------------------------------------
def protocol_for(s: Session, protocol_id: str, version: str) -> Protocol:
    """The protocol an interview started under; ProtocolNotInstalled if this laptop lacks it."""
    found = installed(s).version(protocol_id, version)
    if found is None:
        raise ProtocolNotInstalled(protocol_id, version)
    return found


def latest(s: Session, protocol_id: str) -> Protocol:
    """The newest installed version of `protocol_id`; ProtocolNotInstalled if none."""
    found = installed(s).newest(protocol_id)
    if found is None:
        raise ProtocolNotInstalled(protocol_id)
    return found


def current(s: Session, protocol_id: str) -> Protocol:
    """The version a new interview of `protocol_id` starts under (see the module docstring)."""
    registry = installed(s)
    if protocol_id not in registry:
        raise ProtocolNotInstalled(protocol_id)
    return registry[protocol_id]


# --- installing --------------------------------------------------------------------------------
def check_document(s: Session, data: bytes, name: str) -> tuple[Protocol, bytes, bool]:
    """Validate a protocol document: (the protocol, its canonical bytes, whether exactly this
    version is installed already). Raises ProtocolError, ProtocolVersionConflict."""
    protocol, raw = decode_protocol(data, name)
    document = canonical_document(raw)
    present = installed(s).entry(protocol.id, protocol.version)
    if present is not None and present.sha256 != digest(document):
        raise ProtocolVersionConflict(protocol.id, protocol.version)
    return protocol, document, present is not None


def install_carried(c: Any, s: Session, carried: Iterable[CarriedProtocol], at: str) -> int:
    """Inside the caller's transaction (a profile being applied): install the profile's
    protocols this laptop lacks. The profile was checked first (`check_carried`)."""
    count = 0
    for p in carried:
        if stored.get(c, p.id, p.version) is None:
            stored.insert(c, StoredProtocol(p.id, p.version, p.document, p.sha256, at,
                                            stored.PROFILE))
            audit.append(c, s.user.id, "protocol.install", "protocol", p.id,
                         detail=f"version:{p.version}:profile", at=at)
            count += 1
    forget(s)
    return count


def check_carried(s: Session, enabled: Iterable[str], carried: Iterable[CarriedProtocol]) -> None:
    """Refuse a profile that enables a protocol neither carried nor installed, or carries a
    version installed here with other content."""
    _check_carried(installed(s), enabled, carried)


def check_carried_fresh(enabled: Iterable[str], carried: Iterable[CarriedProtocol]) -> None:
    """`check_carried` for a laptop not set up yet (it will have the shipped protocols), so an
    enrolment refused for its profile leaves a fresh folder fresh."""
    rows = _shipped_rows("")
    _check_carried(Registry([_to_installed(r) for r in rows], {}), enabled, carried)


def _check_carried(registry: Registry, enabled: Iterable[str],
                   carried: Iterable[CarriedProtocol]) -> None:
    carried = tuple(carried)
    have = {p.id for p in carried}
    for p in carried:
        present = registry.entry(p.id, p.version)
        if present is not None and present.sha256 != p.sha256:
            raise ProtocolVersionConflict(p.id, p.version)
    for pid in enabled:
        if pid not in have and pid not in registry:
            raise ProtocolNotInstalled(pid)


def carried_for(s: Session, enabled: Iterable[str]) -> tuple[CarriedProtocol, ...]:
    """What a profile enabling `enabled` carries: each id's newest installed version, whole (a
    version just installed is rolled out by signing the next profile). Refuses (at signing) a
    protocol this laptop does not have."""
    from intake_app.admin.profile_protocols import CarriedProtocol

    registry = installed(s)
    out = []
    for pid in enabled:
        protocol = registry.newest(pid)
        if protocol is None:
            raise ProtocolNotInstalled(pid)
        e = registry.entry(pid, protocol.version)
        assert e is not None  # the mapping only yields installed versions
        out.append(CarriedProtocol(pid, protocol.version, e.sha256, e.document))
    return tuple(out)


@requires(Role.ADMIN, action="install an interview protocol")
def install(s: Session, data: bytes, source: str = stored.FILE, name: str = "protocol"
            ) -> tuple[Protocol, bool]:
    """Install one protocol document (validated as every protocol is); returns it and whether
    it was new (the same document again changes nothing). Refuses another document under an
    installed id and version."""
    if source not in stored.SOURCES or source == SHIPPED:
        raise ProtocolError(file=name, where="source", problem="must be profile or file")
    protocol, document, present = check_document(s, data, name)
    if present:
        return protocol, False
    at = audit.now_iso()
    with s.db.transaction() as c:
        stored.insert(c, StoredProtocol(protocol.id, protocol.version, document,
                                        digest(document), at, source))
        audit.append(c, s.user.id, "protocol.install", "protocol", protocol.id,
                     detail=f"version:{protocol.version}:{source}", at=at)
    forget(s)
    return protocol, True


def shipped() -> dict[str, Protocol]:
    """The protocols this build ships, for screens drawn without any database (the sample
    screenshots); everything with a session reads `installed`."""
    return load_shipped()


def listing(s: Session) -> list[Installed]:
    """Every installed version, by id then oldest first (for `intake protocol list`)."""
    registry = installed(s)
    return [e for pid in registry for e in registry.versions(pid)]
