"""Which languages an interview may be held in: those its guide is written in that the agency's
policy enables; and, for an administrator, what each enabled guide lacks of those languages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from intake_app.admin.policy import AgencyPolicy
from intake_app.domain.case import Role
from intake_app.domain.protocol import missing_languages, missing_person_words
from intake_app.errors import LanguageNotOffered
from intake_app.services.roles import requires

if TYPE_CHECKING:
    from intake_app.domain.protocol import Protocol
    from intake_app.services.session import Session


def enabled_languages(s: Session) -> tuple[str, ...]:
    """The policy in force's interview languages (the defaults before any profile)."""
    policy = s.policy_state.policy if s.policy_state is not None else AgencyPolicy()
    return policy.interview_languages


def offered(s: Session, protocol: Protocol) -> tuple[str, ...]:
    """The languages an interview with `protocol` may start in, in the protocol's order."""
    enabled = enabled_languages(s)
    return tuple(lang for lang in protocol.languages if lang in enabled)


def check_person_language(s: Session, protocol: Protocol, language: str) -> None:
    """LanguageNotOffered unless `language` is one of the protocol's AND enabled by policy."""
    if language not in protocol.languages:
        raise LanguageNotOffered(field="interview language", language=language,
                                 protocol=protocol.id, reason="not_in_protocol")
    if language not in enabled_languages(s):
        raise LanguageNotOffered(field="interview language", language=language,
                                 protocol=protocol.id, reason="not_enabled")


@dataclass(frozen=True, slots=True)
class ProtocolGaps:
    protocol_id: str
    title_en: str
    title_es: str
    # (position, language), as missing_languages then missing_person_words say
    gaps: tuple[tuple[str, str], ...]


@requires(Role.ADMIN, action="check the guides' languages")
def language_gaps(s: Session, protocols: list[Protocol] | None, languages: tuple[str, ...],
                  enabled: tuple[str, ...]) -> list[ProtocolGaps]:
    """For each of `protocols` (None: those interviews use) the policy `enabled`, each section,
    question and option lacking one of `languages` (the policy being edited, not yet signed),
    then each of the app's lines for the person's screen it lacks in a language beyond en/es."""
    if protocols is None:
        from intake_app.services import protocols as installed

        registry = installed.installed(s)  # the one registry interviews read
        protocols = [registry[pid] for pid in registry]
    return [ProtocolGaps(p.id, p.title("en"), p.title("es"),
                         (*missing_languages(p, languages), *missing_person_words(p, languages)))
            for p in protocols if p.id in enabled]
