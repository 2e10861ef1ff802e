"""`intake agency create|export-card|revoke-device|rotate-key`, `intake partner
import|confirm|list`.

Output holds agency names and ids, fingerprint words and counts; never case data.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from intake_app.cli.common import add_auth, read_input_file, say, shown, unlocked

QR_NOTE = (
    "QR image: not produced (no QR library in this build); compare the words or the hex instead."
)
KINDS = ("law_enforcement", "service_provider", "prosecutor", "other")


def print_fingerprint(card: Any) -> None:
    from intake_app.sync.keys import fingerprint_hex, fingerprint_words

    say("Fingerprint (read these words to partners over a second channel):")
    say("  " + " ".join(fingerprint_words(card)))
    hex_fp = fingerprint_hex(card)
    say("  " + " ".join(hex_fp[i : i + 4] for i in range(0, len(hex_fp), 4)))
    say(QR_NOTE)


# --- this agency -----------------------------------------------------------------------------
def cmd_create(args: argparse.Namespace) -> int:
    from intake_app.services import agency, provisioning

    contact = {"name": args.contact_name}
    for key in ("role", "phone", "email"):
        value = getattr(args, f"contact_{key}", None)
        if value:
            contact[key] = value
    with unlocked(args) as s:
        identity = provisioning.create_agency(s, args.name, args.kind, [contact])
        device = agency.device_key(s)
        if args.out_card:
            provisioning.export_card(s, Path(args.out_card))
    say(f"Created agency {shown(identity.name)} ({identity.agency_id}, {identity.kind.value}).")
    if args.out_card:
        say(f"Public card written to {args.out_card} (public: safe to hand to partners).")
    print_fingerprint(identity.card)
    if device is not None:
        say(f"Device {device.device_id} created and certified by the agency.")
    say("Relay: have the relay operator run `intake relay register-agency --card CARD.json`"
        " once with this card; each laptop then enrols itself on its first sync.")
    return 0


def cmd_export_card(args: argparse.Namespace) -> int:
    from intake_app.services import provisioning

    with unlocked(args) as s:
        view = provisioning.export_card(s, Path(args.out))
    say(f"Public card of {shown(view.name)} ({view.agency_id}) written to {args.out}.")
    say("Fingerprint: " + " ".join(view.words))
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    """Sign the agency's revocation of a (lost) laptop and hand it to the relay."""
    from intake_app.services import agency

    with unlocked(args) as s:
        revocation = agency.device_revocation(s, args.device)
        transport = agency.relay_transport(s, args.relay)
        try:
            transport.enrol()  # presents this laptop's current (administrator's) certificate
            transport.revoke_device(revocation.to_json())
        finally:
            transport.close()
    say(f"Device {args.device} of agency {revocation.agency_id} is revoked at the relay.")
    return 0


def cmd_rotate_key(args: argparse.Namespace) -> int:
    """After a lost laptop: new agency keys for the remaining laptops and the partners."""
    from intake_app.services import agency_rotation

    with unlocked(args) as s:
        done = agency_rotation.rotate_agency_key(s)
    say(f"The agency's keys were replaced (card serial {done.serial}). Queued for"
        f" {done.devices} other laptop(s) and {done.partners} partner(s): run `intake sync` to"
        " send them. Envelopes sealed to the old key from now on are refused.")
    return 0


# --- partners --------------------------------------------------------------------------------
def cmd_partner_import(args: argparse.Namespace) -> int:
    from intake_app.services import partners
    from intake_app.sync.keys import MAX_CARD_BYTES

    data = read_input_file(args.card, MAX_CARD_BYTES)
    with unlocked(args) as s:
        partner = partners.import_partner(s, data)
    say(f"Imported {partner.agency_id} ({partner.kind.value}): {shown(partner.name)}")
    say(f"Fingerprint: {' '.join(partner.fingerprint_words)}")
    say("Compare these words with the partner's contact by phone or in person, then run:")
    say(f"  intake partner confirm {partner.agency_id}")
    return 0


def cmd_partner_confirm(args: argparse.Namespace) -> int:
    from intake_app.services import partners

    with unlocked(args) as s:
        done = partners.confirm_partner(s, args.id)
    say(f"Partner {done.partner.agency_id} confirmed: shares and envelopes to and from it now"
        " work.")
    if done.retried_accepted or done.retried_refused:
        say(f"Quarantined envelopes retried: {done.retried_accepted} accepted,"
            f" {done.retried_refused} refused for another reason.")
    return 0


def cmd_partner_list(args: argparse.Namespace) -> int:
    from intake_app.services import partners

    with unlocked(args) as s:
        found = partners.list_partners(s)
    for p in found:
        state = "confirmed" if p.confirmed else "NOT CONFIRMED"
        say(f"{p.agency_id}\t{p.kind.value}\t{state}\t{shown(p.name)}\t"
            f"{' '.join(p.fingerprint_words)}")
    return 0


# --- parser ----------------------------------------------------------------------------------
def _create_args(p: argparse.ArgumentParser, *, card_required: bool) -> None:
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--contact-name", required=True, help="a point of contact partners can call")
    p.add_argument("--contact-role", default="")
    p.add_argument("--contact-phone", default="")
    p.add_argument("--contact-email", default="")
    p.add_argument("--out-card", required=card_required, metavar="PATH",
                   help="also write the public card here")
    add_auth(p)
    p.set_defaults(func=cmd_create)


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", required=True, metavar="PATH")
    add_auth(p)
    p.set_defaults(func=cmd_export_card)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parents = [common]
    ag = sub.add_parser("agency", parents=parents, help="this agency: keys, card, laptops")
    ag_sub = ag.add_subparsers(dest="agency_command", required=True,
                               metavar="{create,export-card,revoke-device,rotate-key}")
    _create_args(ag_sub.add_parser("create", parents=parents,
                                   help="create the agency (administrators)"), card_required=False)
    _export_args(ag_sub.add_parser("export-card", parents=parents,
                                   help="write this agency's public card"))
    p = ag_sub.add_parser("revoke-device", parents=parents,
                          help="revoke a lost laptop at the relay (administrators)")
    p.add_argument("device", metavar="DEVICE_ID")
    p.add_argument("--relay", required=True, metavar="URL")
    add_auth(p)
    p.set_defaults(func=cmd_revoke_device)
    p = ag_sub.add_parser("rotate-key", parents=parents,
                          help="after a lost laptop: replace the agency's keys (administrators)")
    add_auth(p)
    p.set_defaults(func=cmd_rotate_key)
    # Earlier spellings, kept working but not listed.
    _create_args(ag_sub.add_parser("init", parents=parents), card_required=False)
    _export_args(ag_sub.add_parser("card", parents=parents))

    pa = sub.add_parser("partner", parents=parents, help="partner agencies")
    pa_sub = pa.add_subparsers(dest="partner_command", required=True)
    p = pa_sub.add_parser("import", parents=parents,
                          help="import a partner's public card (administrators)")
    p.add_argument("card", metavar="CARD")
    add_auth(p)
    p.set_defaults(func=cmd_partner_import)
    p = pa_sub.add_parser("confirm", parents=parents,
                          help="confirm a partner's fingerprint (administrators)")
    p.add_argument("id", metavar="ID")
    add_auth(p)
    p.set_defaults(func=cmd_partner_confirm)
    p = pa_sub.add_parser("list", parents=parents, help="list partners")
    add_auth(p)
    p.set_defaults(func=cmd_partner_list)


def register_admin_aliases(admin_sub: Any, common: argparse.ArgumentParser) -> None:
    """`intake admin create-agency` and `admin export-card`, as the first README showed them."""
    _create_args(admin_sub.add_parser("create-agency", parents=[common]), card_required=True)
    _export_args(admin_sub.add_parser("export-card", parents=[common]))
