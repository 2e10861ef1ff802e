"""A case: known by its code; every identity field optional and marked identifying."""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    REFERRED = "referred"
    CLOSED = "closed"


class Role(enum.StrEnum):
    ADVOCATE = "advocate"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Identity:
    """Identifying fields: optional, hidden by default, every reveal audited."""

    legal_name: str | None = None
    date_of_birth: str | None = None
    contact: str | None = None
    immigration: str | None = None

    def __repr__(self) -> str:  # never let identity reach a log through repr
        filled = [f.name for f in fields(self) if getattr(self, f.name)]
        return f"Identity(<{len(filled)} fields hidden>)"


IDENTIFYING_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Identity))


@dataclass(frozen=True, slots=True)
class CaseSummary:
    id: int
    code: str
    status: CaseStatus
    preferred_name: str | None
    updated_at: str
    created_at: str
    interview_count: int
    is_demo: bool
    legal_hold: bool = False  # never deleted for retention while held (domain/retention.py)

    def __repr__(self) -> str:
        return f"CaseSummary(id={self.id}, code={self.code}, status={self.status.value})"


@dataclass(frozen=True, slots=True)
class InterviewSummary:
    id: int
    case_id: int
    protocol_id: str
    protocol_version: str
    language: str
    role: Role
    status: str
    started_at: str
    updated_at: str
    answered: int
    held_by: str | None = None  # the laptop its sitting is open on (domain/replicated_rows.Hold)


@dataclass(frozen=True, slots=True)
class Note:
    id: int
    case_id: int
    body: str
    created_at: str
    author: str | None

    def __repr__(self) -> str:
        return f"Note(id={self.id}, case_id={self.case_id})"


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    username: str
    role: Role
    created_at: str
