"""What sort of agency a partner is: plain data, so the CLI can list kinds without loading crypto."""

from __future__ import annotations

import enum


class AgencyKind(enum.StrEnum):
    """What sort of agency a card describes."""

    LAW_ENFORCEMENT = "law_enforcement"
    SERVICE_PROVIDER = "service_provider"
    PROSECUTOR = "prosecutor"
    OTHER = "other"
