"""`intake admin ...`: create the agency, sign its profile, make and use enrolment bundles.

`register(subparsers, common)` adds the commands to the `intake` parser (cli.py calls it).
Secrets (user passphrase, bundle passphrase) come from files or a prompt, never arguments.
Output names agencies, serials and fingerprints only: no keys, no case data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from intake_app.errors import InvalidInput

QR_NOTE = (
    "QR image: not produced (no QR library in this build); compare the words or the hex instead."
)


def _say(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def _reject_float(_text: str) -> NoReturn:
    raise ValueError("float")


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("duplicate key")
    return out


def _read_policy_file(path: str) -> dict[str, object]:
    text = Path(path).read_text(encoding="utf-8")
    failed = False
    try:
        obj = json.loads(text, object_pairs_hook=_strict_pairs, parse_float=_reject_float)
    except ValueError:
        failed = True
    if failed or not isinstance(obj, dict):
        raise InvalidInput(
            field="policy file",
            reason="it must be one JSON object with whole numbers and no repeated keys",
        )
    return obj


def _bundle_secret(args: argparse.Namespace, *, confirm: bool) -> str:
    from intake_app.cli import _read_secret

    secret = _read_secret(args.bundle_passphrase_file, "Enrolment bundle passphrase: ")
    if confirm and not args.bundle_passphrase_file:
        again = _read_secret(None, "Repeat the bundle passphrase: ")
        if again != secret:
            raise InvalidInput(field="bundle passphrase", reason="the two entries differ")
    return secret


def _print_fingerprint(card: Any) -> None:
    from intake_app.sync.keys import fingerprint_hex, fingerprint_words

    _say("Fingerprint (read these words to partners over a second channel):")
    _say("  " + " ".join(fingerprint_words(card)))
    hex_fp = fingerprint_hex(card)
    _say("  " + " ".join(hex_fp[i : i + 4] for i in range(0, len(hex_fp), 4)))
    _say(QR_NOTE)


# --- commands --------------------------------------------------------------------------------
def cmd_create_agency(args: argparse.Namespace) -> int:
    from intake_app.cli import _unlock
    from intake_app.services import agency
    from intake_app.sync.keys import write_card

    contact = {"name": args.contact_name}
    for key in ("role", "phone", "email"):
        value = getattr(args, f"contact_{key}")
        if value:
            contact[key] = value
    s = _unlock(args)
    try:
        identity = agency.init_agency(s, args.name, args.kind, [contact])
    finally:
        s.close()
    write_card(identity.card, Path(args.out_card))
    _say(f"Created agency {identity.name} ({identity.agency_id}).")
    _say(f"Public card written to {args.out_card} (public: safe to hand to partners).")
    _print_fingerprint(identity.card)
    return 0


def cmd_export_card(args: argparse.Namespace) -> int:
    from intake_app.cli import _unlock
    from intake_app.services import agency
    from intake_app.sync.keys import write_card

    s = _unlock(args)
    try:
        identity = agency.require_identity(s)
    finally:
        s.close()
    write_card(identity.card, Path(args.out))
    _say(f"Public card of {identity.name} written to {args.out}.")
    _print_fingerprint(identity.card)
    return 0


def cmd_profile(args: argparse.Namespace) -> int:
    from intake_app.admin.policy import AgencyPolicy
    from intake_app.admin.profile import SignedProfile, load_installed_profile
    from intake_app.cli import _unlock
    from intake_app.paths import atomic_write
    from intake_app.services import agency

    policy = AgencyPolicy.from_dict(
        _read_policy_file(args.policy_file) if args.policy_file else {}, partial=True
    )
    s = _unlock(args)
    try:
        identity = agency.require_identity(s)
        installed = load_installed_profile(s.workspace.data_dir)
    finally:
        s.close()
    serial = args.serial
    if serial is None:
        serial = installed.serial + 1 if installed is not None else 1
    profile = SignedProfile.issue(identity, policy, serial)
    atomic_write(Path(args.out), profile.to_bytes())
    _say(f"Signed profile serial {profile.serial} of {identity.name} written to {args.out}.")
    if installed is not None and serial <= installed.serial:
        _say(
            f"Note: this laptop has serial {installed.serial}; laptops refuse a profile that is"
            " not newer than theirs."
        )
    return 0


def cmd_import_profile(args: argparse.Namespace) -> int:
    from intake_app.admin.profile import (
        MAX_PROFILE_BYTES,
        SignedProfileError,
        install_profile,
        load_installed_profile,
    )
    from intake_app.cli import _unlock
    from intake_app.services import agency

    with Path(args.path).open("rb") as fh:
        data = fh.read(MAX_PROFILE_BYTES + 1)
    s = _unlock(args)
    try:
        identity = agency.get_identity(s)
        data_dir = s.workspace.data_dir
    finally:
        s.close()
    installed = load_installed_profile(data_dir)
    if identity is not None:
        card = identity.card
    elif installed is not None:
        card = installed.signer
    else:
        raise SignedProfileError(
            "no_agency", "this laptop has no agency yet to check it against; join one first"
        )
    profile = install_profile(data_dir, data, card)
    _say(f"Installed profile serial {profile.serial} of {card.name}.")
    return 0


def cmd_enrol_bundle(args: argparse.Namespace) -> int:
    from intake_app.admin.enrolment import DEFAULT_BUNDLE_KDF, make_bundle
    from intake_app.admin.profile import MAX_PROFILE_BYTES, SignedProfile, load_installed_profile
    from intake_app.cli import _unlock
    from intake_app.paths import atomic_write
    from intake_app.services import agency
    from intake_app.storage.keyvault import KdfParams

    secret = _bundle_secret(args, confirm=True)
    s = _unlock(args)
    try:
        identity = agency.require_identity(s)
        partners = [p.card for p in agency.list_partners(s) if p.confirmed]
        skipped = sum(1 for p in agency.list_partners(s) if not p.confirmed)
        data_dir = s.workspace.data_dir
    finally:
        s.close()
    if args.profile:
        with Path(args.profile).open("rb") as fh:
            profile = SignedProfile.from_bytes(fh.read(MAX_PROFILE_BYTES + 1))
    else:
        installed = load_installed_profile(data_dir)
        if installed is None:
            raise InvalidInput(field="profile", reason="none installed here; pass --profile FILE")
        profile = installed
    params = DEFAULT_BUNDLE_KDF
    if args.bundle_kdf_memory_mib:
        params = KdfParams(
            time_cost=DEFAULT_BUNDLE_KDF.time_cost,
            memory_kib=args.bundle_kdf_memory_mib * 1024,
            lanes=DEFAULT_BUNDLE_KDF.lanes,
        )
    data = make_bundle(identity, profile, partners, secret, params)
    atomic_write(Path(args.out), data)
    _say(
        f"Enrolment bundle for {identity.name} written to {args.out}: agency keys, profile serial"
        f" {profile.serial}, {len(partners)} confirmed partner(s)."
    )
    if skipped:
        _say(f"Left out {skipped} partner(s) not yet confirmed.")
    _say(
        "It holds the agency's private keys: give the passphrase separately, and delete the"
        " file once the laptops are enrolled."
    )
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from intake_app.admin.enrolment import (
        enrol_new_laptop,
        join_agency,
        open_bundle,
        read_bundle_file,
    )
    from intake_app.cli import _kdf, _read_secret, _unlock, _workspace
    from intake_app.domain.case import Role

    data = read_bundle_file(Path(args.bundle))
    enrolment = open_bundle(data, _bundle_secret(args, confirm=False))  # nothing written before
    ws = _workspace(args)
    if ws.is_set_up():
        s = _unlock(args)
        try:
            join_agency(s, enrolment)
        finally:
            s.close()
        _say(f"This laptop joined {enrolment.card.name}.")
    else:
        if not args.user:
            raise InvalidInput(field="--user", reason="name the first user of this laptop")
        passphrase = _read_secret(args.passphrase_file, f"New passphrase for {args.user}: ")
        s, recovery = enrol_new_laptop(
            ws.data_dir, enrolment, args.user, passphrase, Role(args.role), kdf=_kdf(args)
        )
        s.close()
        _say(
            f"Set up {ws.data_dir} with user {args.user}; this laptop joined {enrolment.card.name}."
        )
        _say("Recovery code (write it down and keep it locked away; it is shown only once):")
        _say(f"  {recovery}")
    _say(
        f"Profile serial {enrolment.profile.serial} installed; {len(enrolment.partners)}"
        " confirmed partner(s)."
    )
    return 0


# --- parser ----------------------------------------------------------------------------------
def _auth(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", help="who is acting (asked if missing)")
    p.add_argument(
        "--passphrase-file", metavar="PATH", help="read the passphrase from PATH (- for stdin)"
    )


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    common: argparse.ArgumentParser,
) -> None:
    """Add `intake admin ...` to the `intake` parser."""
    from intake_app.domain.agency import AgencyKind

    admin = subparsers.add_parser(
        "admin", parents=[common], help="set up the agency, its policy and its laptops"
    ).add_subparsers(dest="admin_command", required=True)

    p = admin.add_parser("create-agency", parents=[common], help="create this agency's keys")
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, choices=[k.value for k in AgencyKind])
    p.add_argument("--contact-name", required=True, help="point of contact partners can call")
    p.add_argument("--contact-role", default="")
    p.add_argument("--contact-phone", default="")
    p.add_argument("--contact-email", default="")
    p.add_argument("--out-card", required=True, metavar="PATH", help="write the public card here")
    _auth(p)
    p.set_defaults(func=cmd_create_agency)

    p = admin.add_parser("export-card", parents=[common], help="write this agency's public card")
    p.add_argument("--out", required=True, metavar="PATH")
    _auth(p)
    p.set_defaults(func=cmd_export_card)

    p = admin.add_parser("profile", parents=[common], help="sign a policy into a profile")
    p.add_argument(
        "--serial", type=int, help="version number (default: one more than installed here)"
    )
    p.add_argument(
        "--policy-file", metavar="JSON", help="policy settings; missing ones take the defaults"
    )
    p.add_argument("--out", required=True, metavar="PATH")
    _auth(p)
    p.set_defaults(func=cmd_profile)

    p = admin.add_parser(
        "import-profile", parents=[common], help="install a newer signed profile on this laptop"
    )
    p.add_argument("path", metavar="PATH")
    _auth(p)
    p.set_defaults(func=cmd_import_profile)

    p = admin.add_parser(
        "enrol-bundle", parents=[common], help="make a passphrase-protected enrolment bundle"
    )
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument("--bundle-passphrase-file", metavar="PATH")
    p.add_argument("--profile", metavar="PATH", help="signed profile (default: the installed one)")
    p.add_argument("--bundle-kdf-memory-mib", type=int, help=argparse.SUPPRESS)  # tests only
    _auth(p)
    p.set_defaults(func=cmd_enrol_bundle)

    p = admin.add_parser("join", parents=[common], help="join the agency from an enrolment bundle")
    p.add_argument("--bundle", required=True, metavar="PATH")
    p.add_argument("--bundle-passphrase-file", metavar="PATH")
    p.add_argument(
        "--role",
        default="advocate",
        choices=["advocate", "officer", "supervisor", "admin"],
        help="role of the first user, on a fresh data folder",
    )
    p.add_argument("--kdf-memory-mib", type=int, help=argparse.SUPPRESS)
    p.add_argument("--kdf-iterations", type=int, help=argparse.SUPPRESS)
    _auth(p)
    p.set_defaults(func=cmd_join)
