"""`intake admin profile|import-profile|enrol-bundle|join`: the agency's policy and laptops.

Secrets (user passphrase, bundle passphrase) come from files or a prompt, never arguments.
Output names agencies, serials and counts only: no keys, no case data.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from intake_app import errors, strict_json
from intake_app.cli import agency as agency_cli
from intake_app.cli.common import (
    add_auth,
    add_kdf_overrides,
    kdf_overrides,
    read_input_file,
    read_secret,
    say,
    shown,
    unlocked,
    workspace,
)
from intake_app.cli.setup import ROLES

POLICY_FILE_MAX_BYTES = 64 * 1024


def _read_policy_file(path: str) -> dict[str, object]:
    raw = read_input_file(path, POLICY_FILE_MAX_BYTES)
    try:
        return strict_json.loads(raw, max_bytes=POLICY_FILE_MAX_BYTES, floats=False)
    except strict_json.StrictJsonError:
        raise errors.InvalidInput(
            field="policy file",
            reason="it must be one JSON object with whole numbers and no repeated keys",
        ) from None


def _bundle_secret(args: argparse.Namespace, *, confirm: bool) -> str:
    secret = read_secret(args.bundle_passphrase_file, "Enrolment bundle passphrase: ")
    if confirm and not args.bundle_passphrase_file:
        again = read_secret(None, "Repeat the bundle passphrase: ")
        if again != secret:
            raise errors.InvalidInput(field="bundle passphrase", reason="the two entries differ")
    return secret


def cmd_profile(args: argparse.Namespace) -> int:
    from intake_app.admin.policy import AgencyPolicy
    from intake_app.paths import atomic_write
    from intake_app.services import provisioning

    policy = AgencyPolicy.from_dict(
        _read_policy_file(args.policy_file) if args.policy_file else {}, partial=True
    )
    with unlocked(args) as s:
        installed = provisioning.installed_profile(s)
        profile = provisioning.issue_profile(s, policy, args.serial)
    atomic_write(Path(args.out), profile.to_bytes())
    say(f"Signed profile serial {profile.serial} of {shown(profile.signer.name)} written to"
        f" {args.out}.")
    if installed is not None and profile.serial <= installed.serial:
        say(f"Note: this laptop has serial {installed.serial}; laptops refuse a profile that is"
            " not newer than theirs.")
    return 0


def cmd_import_profile(args: argparse.Namespace) -> int:
    from intake_app.services import provisioning

    read_input_file(args.path, 1)  # a missing or unreadable file is one line, before unlocking
    with unlocked(args) as s:
        profile = provisioning.import_profile(s, Path(args.path))
    say(f"Installed profile serial {profile.serial} of {shown(profile.signer.name)}.")
    return 0


def cmd_enrol_bundle(args: argparse.Namespace) -> int:
    from intake_app.admin.enrolment import DEFAULT_BUNDLE_KDF
    from intake_app.admin.profile import MAX_PROFILE_BYTES, SignedProfile
    from intake_app.services import provisioning
    from intake_app.storage.kdf import KdfParams

    profile = None
    if args.profile:
        profile = SignedProfile.from_bytes(read_input_file(args.profile, MAX_PROFILE_BYTES))
    secret = _bundle_secret(args, confirm=True)
    params = DEFAULT_BUNDLE_KDF
    if args.bundle_kdf_memory_mib:
        params = KdfParams(time_cost=DEFAULT_BUNDLE_KDF.time_cost,
                           memory_kib=args.bundle_kdf_memory_mib * 1024,
                           lanes=DEFAULT_BUNDLE_KDF.lanes)
    with unlocked(args) as s:
        written = provisioning.export_bundle(s, Path(args.out), secret, params, profile,
                                             admin=args.admin)
    kind = "an administrator's laptop" if args.admin else "one ordinary laptop"
    say(f"Enrolment bundle for {kind} written to {args.out}: agency keys, its device"
        f" certificate, profile serial {written.serial}, {written.partners} confirmed partner(s).")
    if written.left_out:
        say(f"Left out {written.left_out} partner(s) not yet confirmed.")
    say("It enrols one laptop, once, and holds the agency's private keys: give the passphrase"
        " separately, and delete the file once the laptop is enrolled.")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from intake_app.admin.enrolment import MAX_BUNDLE_BYTES, open_bundle
    from intake_app.domain.case import Role
    from intake_app.services import provisioning

    data = read_input_file(args.bundle, MAX_BUNDLE_BYTES)
    enrolment = open_bundle(data, _bundle_secret(args, confirm=False))  # nothing written before
    ws = workspace(args)
    if ws.is_set_up():
        with unlocked(args) as s:
            provisioning.join_agency(s, enrolment)
        say(f"This laptop joined {shown(enrolment.card.name)}.")
    else:
        if not args.user:
            raise errors.InvalidInput(field="--user", reason="name the first user of this laptop")
        passphrase = read_secret(args.passphrase_file, f"New passphrase for {shown(args.user)}: ")
        s, recovery = provisioning.enrol_new_laptop(
            ws.data_dir, enrolment, args.user, passphrase, Role(args.role), kdf=kdf_overrides(args)
        )
        s.close()
        say(f"Set up {ws.data_dir} with user {shown(args.user)}; this laptop joined"
            f" {shown(enrolment.card.name)}.")
        say("Recovery code (write it down and keep it locked away; it is shown only once):")
        say(f"  {recovery}")
    say(f"Profile serial {enrolment.profile.serial} installed; {len(enrolment.partners)}"
        " confirmed partner(s).")
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    admin = sub.add_parser(
        "admin", parents=[common], help="the agency's policy and its laptops"
    ).add_subparsers(dest="admin_command", required=True,
                     metavar="{profile,import-profile,enrol-bundle,join}")

    p = admin.add_parser("profile", parents=[common],
                         help="sign a policy into a profile file (administrators)")
    p.add_argument("--serial", type=int,
                   help="version number (default: one more than installed here)")
    p.add_argument("--policy-file", metavar="JSON",
                   help="policy settings; missing ones take the defaults")
    p.add_argument("--out", required=True, metavar="PATH")
    add_auth(p)
    p.set_defaults(func=cmd_profile)

    p = admin.add_parser("import-profile", parents=[common],
                         help="install a newer signed profile on this laptop (administrators)")
    p.add_argument("path", metavar="PATH")
    add_auth(p)
    p.set_defaults(func=cmd_import_profile)

    p = admin.add_parser("enrol-bundle", parents=[common],
                         help="make a passphrase-protected enrolment bundle (administrators)")
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument("--bundle-passphrase-file", metavar="PATH")
    p.add_argument("--profile", metavar="PATH", help="signed profile (default: the installed one)")
    p.add_argument("--admin", action="store_true",
                   help="for an administrator's laptop: also carries the agency signing key")
    p.add_argument("--bundle-kdf-memory-mib", type=int, help=argparse.SUPPRESS)  # tests only
    add_auth(p)
    p.set_defaults(func=cmd_enrol_bundle)

    p = admin.add_parser("join", parents=[common], help="join the agency from an enrolment bundle")
    p.add_argument("--bundle", required=True, metavar="PATH")
    p.add_argument("--bundle-passphrase-file", metavar="PATH")
    p.add_argument("--role", default="advocate", choices=ROLES,
                   help="role of the first user, on a fresh data folder")
    add_kdf_overrides(p, hidden=True)
    add_auth(p)
    p.set_defaults(func=cmd_join)
    agency_cli.register_admin_aliases(admin, common)
