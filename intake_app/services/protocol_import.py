"""An XLSForm brought in by an administrator: checked for a preview, then installed.

`check_form` reads the workbook (pyxform, then the protocol loader, domain/protocol/xlsform) and
says what installing it would give: its id, version, title, sizes, languages, and what it lacks
of the agency's interview languages, question by question. It writes nothing. `import_form` does
the same check and installs the protocol as `protocols.install` installs a protocol file (source
"file"), so the rules are install's: the same document again changes nothing, and another
document under an installed id and version is refused. The GUI's Protocols tab and
`intake protocol import FORM.xlsx --install` both call these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from intake_app.domain.case import Role
from intake_app.domain.protocol import Protocol, missing_languages
from intake_app.errors import IntakeError
from intake_app.services import interview_languages, protocols
from intake_app.services.roles import requires

if TYPE_CHECKING:
    from intake_app.services.session import Session


class FormFileUnreadable(IntakeError):
    """The chosen spreadsheet file cannot be read at all (gone, a folder, not allowed)."""

    code = "form_file_unreadable"
    template = "{file}: the file cannot be read."
    plain = "That spreadsheet file cannot be read. Nothing was installed."


def read_form(path: Path) -> bytes:
    """The bytes of the workbook at `path` (one byte past the size limit at most, so an
    oversized file is refused by the reader, with its words)."""
    from intake_app.domain.protocol.xlsform import MAX_XLSFORM_BYTES

    try:
        with path.open("rb") as fh:
            return fh.read(MAX_XLSFORM_BYTES + 1)
    except OSError:
        raise FormFileUnreadable(file=path.name) from None


@dataclass(frozen=True, slots=True)
class FormCheck:
    """What installing a workbook would give (names and counts only, never an answer)."""

    protocol: Protocol
    sections: int
    questions: int
    languages: tuple[str, ...]  # the languages the form is written in
    interview_languages: tuple[str, ...]  # the agency's, from the policy in force
    gaps: tuple[tuple[str, str], ...]  # (position, language) lacking, as missing_languages says
    installed: bool  # exactly this version is installed already: installing changes nothing
    newer_installed: str | None  # a higher version of this id installed here, if any
    document: bytes = field(repr=False)  # the protocol JSON install() takes


@dataclass(frozen=True, slots=True)
class FormInstalled:
    check: FormCheck
    new: bool  # False: this very document was installed already


def _check(s: Session, data: bytes, name: str) -> FormCheck:
    from intake_app.domain.protocol.xlsform import xlsform_to_protocol_json

    raw, protocol = xlsform_to_protocol_json(data, name)
    document = json.dumps(raw, ensure_ascii=False).encode("utf-8")
    _protocol, _canonical, present = protocols.check_document(s, document, name)
    wanted = interview_languages.enabled_languages(s)
    newest = protocols.installed(s).newest(protocol.id)
    newer = None
    if newest is not None and (protocols.version_key(newest.version)
                               > protocols.version_key(protocol.version)):
        newer = newest.version
    return FormCheck(
        protocol=protocol, sections=len(protocol.sections), questions=len(protocol.questions),
        languages=protocol.languages, interview_languages=wanted,
        gaps=tuple(missing_languages(protocol, wanted)), installed=present,
        newer_installed=newer, document=document)


@requires(Role.ADMIN, action="check a spreadsheet form")
def check_form(s: Session, data: bytes, name: str) -> FormCheck:
    """The preview of a workbook; raises XlsFormRefused (sheet, row, reason) or
    ProtocolVersionConflict. Writes nothing."""
    return _check(s, data, name)


@requires(Role.ADMIN, action="install an interview protocol")
def import_form(s: Session, data: bytes, name: str) -> FormInstalled:
    """Check the workbook and install its protocol (source "file"), refusing as `check_form`
    and `protocols.install` do. Rolling it out is signing the next profile with it enabled."""
    checked = _check(s, data, name)
    _protocol, new = protocols.install(s, checked.document, name=name)
    return FormInstalled(checked, new)
