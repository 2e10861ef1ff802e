"""Provisioning use cases: create the agency, its card, its signed profile, enrolment bundles,
and a laptop joining from one. The GUI's Agency screens and `intake agency|admin ...` call these
functions and nothing else; admin/ holds the file formats (profile, bundle), never a rule.

Admin-only (services/roles.py): creating the agency, signing or importing a profile, making an
enrolment bundle. Joining from a bundle is authorised by the bundle and its passphrase, which
only an admin can make, so any user of a laptop may join it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from intake_app.admin.enrolment import DEFAULT_BUNDLE_KDF, Enrolment, make_bundle
from intake_app.admin.policy import AgencyPolicy
from intake_app.admin.profile import (
    MAX_PROFILE_BYTES,
    SignedProfile,
    SignedProfileError,
    check_update,
    load_installed_profile,
)
from intake_app.domain.agency import AgencyKind
from intake_app.domain.case import Role
from intake_app.domain.protocol import Protocol
from intake_app.errors import IntakeError
from intake_app.paths import atomic_write
from intake_app.services import agency, agency_keys, partners, profiles, protocols, replication
from intake_app.services.roles import requires
from intake_app.services.session import KdfParams, Session, Workspace
from intake_app.storage import audit
from intake_app.sync.keys import (
    MAX_CARD_BYTES,
    AgencyIdentity,
    CardError,
    Contact,
    PublicCard,
    SigningKeyAbsent,
    fingerprint,
    fingerprint_hex,
    fingerprint_words,
    write_card,
)


class AlreadyInAgency(IntakeError):
    """The laptop already holds the keys of another agency."""

    code = "enrolment_other_agency"
    template = "This laptop already belongs to another agency. Nothing was changed."


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
    """Everything the Agency screens show at once."""

    own: CardView | None
    partners: tuple[PartnerView, ...]
    policy: AgencyPolicy
    serial: int  # 0: no profile verified yet
    profile_problem: IntakeError | None = None  # why the profile file is not the one in force
    # Each installed protocol, in the version new interviews start under: what a policy may offer.
    protocols: tuple[Protocol, ...] = ()


@dataclass(frozen=True, slots=True)
class BundleWritten:
    serial: int
    partners: int
    left_out: int


def _read_file(path: Path, limit: int, refuse: type[IntakeError], *detail: str) -> bytes:
    """At most `limit + 1` bytes of `path`; an unreadable file is the typed error `refuse`."""
    try:
        with path.open("rb") as fh:
            return fh.read(limit + 1)
    except OSError:
        raise refuse(*detail) from None


def _partner_view(p: partners.Partner) -> PartnerView:
    return PartnerView(CardView.of(p.card), p.confirmed, p.confirmed_at)


# --- the agency ------------------------------------------------------------------------------
def overview(s: Session) -> Overview:
    identity = agency.get_identity(s)
    stored = profiles.last_verified(s)
    return Overview(
        own=None if identity is None else CardView.of(identity.card),
        partners=tuple(_partner_view(p) for p in partners.list_partners(s)),
        policy=stored.policy if stored is not None else AgencyPolicy(),
        serial=stored.serial if stored is not None else 0,
        profile_problem=profiles.file_problem(s),
        protocols=tuple(protocols.installed(s).values()),
    )


@requires(Role.ADMIN, action="create the agency")
def create_agency(
    s: Session,
    name: str,
    kind: AgencyKind | str,
    contacts: Sequence[Contact | Mapping[str, object]],
) -> AgencyIdentity:
    """The agency's keys, this laptop's certified device key, and the first signed profile
    (the default policy, the next serial) unless one of this agency is already in force."""
    identity = agency.init_agency(s, name, kind, contacts)
    stored = profiles.last_verified(s)
    ours = stored is not None and stored.agency_id == identity.agency_id
    if not ours:
        policy = AgencyPolicy()
        profile = SignedProfile.issue(identity, policy, profiles.highest_serial(s) + 1,
                                      protocols=protocols.carried_for(s, policy.protocols_enabled))
        profiles.install(s, profile.to_bytes(), identity.card, "profile.sign")
    return identity


def export_card(s: Session, path: Path) -> CardView:
    """Write the agency's public card (public: safe to hand to partners)."""
    identity = agency.require_identity(s)
    write_card(identity.card, path)
    return CardView.of(identity.card)


def read_partner_card(path: Path) -> CardView:
    """Read a card file and check its self-signature (nothing is stored yet)."""
    data = _read_file(path, MAX_CARD_BYTES, CardError, "unreadable", "the file cannot be read")
    return CardView.of(PublicCard.from_json(data))


def import_partner_file(s: Session, path: Path) -> PartnerView:
    data = _read_file(path, MAX_CARD_BYTES, CardError, "unreadable", "the file cannot be read")
    return _partner_view(partners.import_partner(s, data))


# --- profiles --------------------------------------------------------------------------------
def read_policy(data_dir: Path) -> tuple[AgencyPolicy | None, IntakeError | None]:
    """Before unlock (first run, the lock screen): the installed file's policy (None: no profile,
    the defaults apply) and, if the file was altered, the refusal to show. After unlock the
    database's last verified profile is in force instead (`profiles.settle`)."""
    try:
        installed = load_installed_profile(data_dir)
    except IntakeError as exc:
        return None, exc
    return (None if installed is None else installed.policy), None


def policy_in_force(s: Session) -> profiles.PolicyState:
    """The policy in force now, after a look at the file (a newer verified one is adopted)."""
    return profiles.settle(s)


def _next_serial(s: Session, serial: int | None) -> int:
    return profiles.highest_serial(s) + 1 if serial is None else serial


@requires(Role.ADMIN, action="sign the agency's policy")
def sign_policy(s: Session, policy: AgencyPolicy, serial: int | None = None) -> SignedProfile:
    """Sign `policy` as the next profile (highest serial + 1, or `serial`) and install it. The
    protocols it enables travel in it, each in the version new interviews start under here; one
    this laptop does not have is refused (ProtocolNotInstalled), nothing is signed."""
    identity = agency.require_identity(s)
    profile = SignedProfile.issue(identity, policy, _next_serial(s, serial),
                                  protocols=protocols.carried_for(s, policy.protocols_enabled))
    return profiles.install(s, profile.to_bytes(), identity.card, "profile.sign")


@requires(Role.ADMIN, action="sign the agency's policy")
def issue_profile(s: Session, policy: AgencyPolicy, serial: int | None = None) -> SignedProfile:
    """Sign `policy` into a profile file for other laptops, without installing it here."""
    identity = agency.require_identity(s)
    profile = SignedProfile.issue(identity, policy, _next_serial(s, serial),
                                  protocols=protocols.carried_for(s, policy.protocols_enabled))
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "profile.issue", "profile", str(profile.serial))
    return profile


def installed_profile(s: Session) -> SignedProfile | None:
    """The profile in force: the last one verified on this laptop."""
    return profiles.last_verified(s)


def save_profile_file(s: Session, path: Path) -> int:
    """Write the profile in force to `path` (for other laptops); returns its serial."""
    stored = profiles.last_verified(s)
    if stored is None:
        raise SignedProfileError("none_installed", "no profile is installed on this laptop yet")
    atomic_write(path, stored.to_bytes())
    return stored.serial


@requires(Role.ADMIN, action="install an agency profile")
def import_profile(s: Session, path: Path) -> SignedProfile:
    """Install a newer profile signed by our agency (or the one in force again); refuses, writing
    nothing, otherwise. The file is rewritten whatever it held: this repairs a missing, altered,
    foreign or older one."""
    data = _read_file(path, MAX_PROFILE_BYTES, SignedProfileError, "unreadable",
                      "the file cannot be read")
    card = profiles.trusted_card(s)
    if card is None:
        raise SignedProfileError(
            "no_agency", "this laptop has no agency yet to check it against; join one first"
        )
    return profiles.install(s, data, card, "profile.install")


# --- enrolment -------------------------------------------------------------------------------
@requires(Role.ADMIN, action="make an enrolment bundle")
def export_bundle(
    s: Session,
    path: Path,
    passphrase: str,
    params: KdfParams = DEFAULT_BUNDLE_KDF,
    profile: SignedProfile | None = None,
    *,
    admin: bool = False,
) -> BundleWritten:
    """Seal the agency's keys for one new laptop, a profile (the installed one by default) and
    the confirmed partners into `path`: a device key and certificate made here for that laptop
    (one-time enrolment token; role admin with `admin`), and the signing key only in an
    administrator's bundle. Needs this session to hold the signing key."""
    identity = agency.require_identity(s)
    if not identity.has_signing_key:
        raise SigningKeyAbsent()
    everyone = partners.list_partners(s)
    confirmed = [p.card for p in everyone if p.confirmed]
    chosen = profile or profiles.last_verified(s)
    if chosen is None:
        chosen = sign_policy(s, AgencyPolicy())
    device = agency.certify_new_device(s, admin=admin)
    # An identity made before the split signs envelopes with the signing key: it must travel.
    carried = identity if admin or not identity.signing_key_separable else (
        identity.without_signing_key()
    )
    data = make_bundle(carried, chosen, confirmed, passphrase, params, device=device)
    atomic_write(path, data)
    with s.db.transaction() as c:
        audit.append(c, s.user.id, "enrolment.bundle", "agency", identity.agency_id)
        replication.join_team(c, audit.now_iso())  # a colleague's laptop now exists
    return BundleWritten(chosen.serial, len(confirmed), len(everyone) - len(confirmed))


def join_agency(s: Session, enrolment: Enrolment) -> None:
    """Make this laptop's data folder part of the agency in `enrolment`.

    Stores the agency identity in the encrypted database (its signing key, from an
    administrator's bundle, only for an administrator of this laptop, sealed to their slot), the
    device key and certificate the bundle carries, installs the signed profile, and imports the
    partner cards as confirmed (the admin confirmed their fingerprints before making the
    bundle). Every check runs before the first write. Joining the same agency again is allowed
    (it refreshes partners); a laptop already holding another agency's keys is refused.
    """
    current = agency.get_identity(s)
    if current is not None and (
        current.agency_id != enrolment.identity.agency_id
        or fingerprint(current.card) != fingerprint(enrolment.card)
    ):
        raise AlreadyInAgency()
    stored = profiles.last_verified(s)
    if current is None and stored is not None:
        stored.verify_for(enrolment.card)  # an installer baked for another agency binds it
    profiles.check_install(s, enrolment.profile_bytes, enrolment.card)
    identity = enrolment.identity
    if identity.has_signing_key and identity.signing_key_separable and (
        s.user.role is not Role.ADMIN
    ):
        identity = identity.without_signing_key()  # an ordinary user never holds it
    # Writes start here.
    if current is None or (identity.has_signing_key and not current.has_signing_key):
        agency.set_identity(s, identity)
        agency_keys.settle(s)  # a signing key moves into this laptop's administrators' copies
    # This laptop's own device key, so it can be revoked alone: made and certified by the
    # administrator's laptop (bundles made before: certified here if the signing key came).
    held = agency.device_certificate(s)
    if enrolment.device_key is not None and enrolment.device_certificate is not None and (
        held is None or held.token is None
    ):
        agency.store_device(s, enrolment.device_key, enrolment.device_certificate)
    else:
        agency.ensure_device_key(s)
    for card in enrolment.partners:
        partners.store_partner(s, card.to_json())
        partners.mark_confirmed(s, card.agency_id)
    with s.db.transaction() as c:
        replication.join_team(c, audit.now_iso())  # the agency's cases will come, and go out
    profiles.install(s, enrolment.profile_bytes, enrolment.card, "profile.install")


def enrol_new_laptop(
    data_dir: Path,
    enrolment: Enrolment,
    username: str,
    passphrase: str,
    role: Role,
    *,
    kdf: KdfParams | None = None,
) -> tuple[Session, str]:
    """First run from a bundle: create the first user (at least the policy's KDF cost), then
    join. Returns the open session and the recovery code to show once."""
    # The one check join_agency makes that does not need the database: run it before set-up so
    # a refusal leaves a fresh folder fresh.
    try:
        installed = load_installed_profile(data_dir)
    except SignedProfileError:
        installed = None  # an altered file proves nothing; joining rewrites it
    if installed is None or installed.to_bytes() != enrolment.profile_bytes:
        check_update(installed, enrolment.profile, enrolment.card)
    protocols.check_carried_fresh(enrolment.profile.policy.protocols_enabled,
                                  enrolment.profile.protocols)
    kdf = enrolment.profile.policy.kdf_at_least(kdf)
    session, recovery = Workspace(data_dir).set_up(username, passphrase, role, kdf=kdf)
    try:
        join_agency(session, enrolment)
    except BaseException:
        session.close()
        raise
    return session, recovery
