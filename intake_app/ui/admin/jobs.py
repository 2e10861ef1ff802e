"""Admin work that runs on the database worker thread: services and admin functions only.

Each function takes the worker's Session (or nothing) and returns frozen dataclasses the admin
screens show; none of them is ever called on the GUI thread (the services assert it). They hold
public keys, names of agencies and policy values only: no case data, no private keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from intake_app.admin.enrolment import DEFAULT_BUNDLE_KDF, make_bundle
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import (
    MAX_PROFILE_BYTES,
    SignedProfile,
    SignedProfileError,
    install_profile,
    load_installed_profile,
)
from intake_app.paths import atomic_write
from intake_app.services import agency
from intake_app.services.session import KdfParams, Session
from intake_app.sync.keys import (
    MAX_CARD_BYTES,
    CardError,
    PublicCard,
    fingerprint_hex,
    fingerprint_words,
    write_card,
)


@dataclass(frozen=True, slots=True)
class CardView:
    """What an admin compares: the agency's name, kind, contacts and fingerprint."""

    agency_id: str
    name: str
    kind: str
    contacts: tuple[tuple[str, str, str, str], ...]  # name, role, phone, email
    words: tuple[str, ...]
    hex: str

    @classmethod
    def of(cls, card: PublicCard) -> CardView:
        return cls(
            agency_id=card.agency_id,
            name=card.name,
            kind=card.kind.value,
            contacts=tuple((c.name, c.role, c.phone, c.email) for c in card.contacts),
            words=tuple(fingerprint_words(card)),
            hex=fingerprint_hex(card),
        )


@dataclass(frozen=True, slots=True)
class PartnerView:
    card: CardView
    confirmed: bool
    confirmed_at: str | None


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the admin screens show at once."""

    own: CardView | None
    partners: tuple[PartnerView, ...]
    policy: AgencyPolicy
    serial: int  # 0: no profile installed


def _partners(s: Session) -> tuple[PartnerView, ...]:
    return tuple(
        PartnerView(CardView.of(p.card), p.confirmed, p.confirmed_at)
        for p in agency.list_partners(s)
    )


def overview(s: Session) -> Overview:
    identity = agency.get_identity(s)
    installed = load_installed_profile(s.workspace.data_dir)
    return Overview(
        own=None if identity is None else CardView.of(identity.card),
        partners=_partners(s),
        policy=installed.policy if installed is not None else AgencyPolicy(),
        serial=installed.serial if installed is not None else 0,
    )


def create_agency(
    s: Session, name: str, kind: str, contacts: Sequence[dict[str, str]]
) -> Overview:
    """Create the agency's keys, then sign and install its first profile (serial 1)."""
    identity = agency.init_agency(s, name, kind, list(contacts))
    data_dir = s.workspace.data_dir
    if load_installed_profile(data_dir) is None:
        profile = SignedProfile.issue(identity, AgencyPolicy(), 1)
        install_profile(data_dir, profile.to_bytes(), identity.card)
    return overview(s)


def export_card(s: Session, path: Path) -> CardView:
    identity = agency.require_identity(s)
    write_card(identity.card, path)
    return CardView.of(identity.card)


def read_partner_card(path: Path) -> CardView:
    """Read a card file and check its self-signature (nothing is stored yet)."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_CARD_BYTES + 1)
    except OSError:
        raise CardError("unreadable", "the file cannot be read") from None
    return CardView.of(PublicCard.from_json(data))


def import_partner(s: Session, path: Path) -> PartnerView:
    with path.open("rb") as fh:
        data = fh.read(MAX_CARD_BYTES + 1)
    partner = agency.import_partner(s, data)
    return PartnerView(CardView.of(partner.card), partner.confirmed, partner.confirmed_at)


def confirm_partner(s: Session, agency_id: str) -> Overview:
    agency.confirm_partner(s, agency_id)
    return overview(s)


def sign_policy(s: Session, policy: AgencyPolicy) -> SignedProfile:
    """Sign `policy` as the next profile (installed serial + 1) and install it here."""
    identity = agency.require_identity(s)
    data_dir = s.workspace.data_dir
    installed = load_installed_profile(data_dir)
    serial = installed.serial + 1 if installed is not None else 1
    profile = SignedProfile.issue(identity, policy, serial)
    return install_profile(data_dir, profile.to_bytes(), identity.card)


def save_profile_file(s: Session, path: Path) -> int:
    """Write the installed profile to `path` (for other laptops); returns its serial."""
    installed = load_installed_profile(s.workspace.data_dir)
    if installed is None:
        raise SignedProfileError("none_installed", "no profile is installed on this laptop yet")
    atomic_write(path, installed.to_bytes())
    return installed.serial


def import_profile(s: Session, path: Path) -> SignedProfile:
    """Install a newer profile signed by our agency; refuses (and writes nothing) otherwise."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_PROFILE_BYTES + 1)
    except OSError:
        raise SignedProfileError("unreadable", "the file cannot be read") from None
    data_dir = s.workspace.data_dir
    identity = agency.get_identity(s)
    installed = load_installed_profile(data_dir)
    if identity is not None:
        card = identity.card
    elif installed is not None:
        card = installed.signer
    else:
        raise SignedProfileError(
            "no_agency", "this laptop has no agency yet to check it against; join one first"
        )
    return install_profile(data_dir, data, card)


@dataclass(frozen=True, slots=True)
class BundleWritten:
    serial: int
    partners: int
    left_out: int


def export_bundle(
    s: Session, path: Path, passphrase: str, params: KdfParams = DEFAULT_BUNDLE_KDF
) -> BundleWritten:
    """Seal the agency keys, the installed profile and the confirmed partners into `path`."""
    identity = agency.require_identity(s)
    partners = agency.list_partners(s)
    confirmed = [p.card for p in partners if p.confirmed]
    installed = load_installed_profile(s.workspace.data_dir)
    if installed is None:
        installed = sign_policy(s, AgencyPolicy())
    data = make_bundle(identity, installed, confirmed, passphrase, params)
    atomic_write(path, data)
    return BundleWritten(installed.serial, len(confirmed), len(partners) - len(confirmed))
