"""Agencies set up the way people do it: an administrator creates the agency and adds staff.

Sharing and sync tests need advocates and officers (a share is marked by who made it), while
creating an agency and confirming partners are administrators' work (services/roles.py). These
helpers keep both true: the admin provisions, then the test works as the staff member.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from intake_app.domain.case import Role
from intake_app.services import partners, provisioning
from intake_app.services.session import Session, Workspace, add_user
from intake_app.storage.kdf import KdfParams
from intake_app.sync.keys import AgencyIdentity

PASSPHRASE = "correct horse battery staple"
ADMIN = "admin"
CONTACTS: Sequence[Mapping[str, object]] = ({"name": "Duty desk", "phone": "+1 555 0100"},)


def provision(
    folder: Path,
    name: str,
    kind: str,
    role: Role = Role.ADVOCATE,
    user: str = "user",
    contacts: Sequence[Mapping[str, object]] = CONTACTS,
    passphrase: str = PASSPHRASE,
) -> tuple[Session, AgencyIdentity]:
    """A data folder whose admin created agency `name`; returns `user`'s open session (the
    admin's own when `role` is ADMIN and `user` is "admin")."""
    admin, _code = Workspace(folder).set_up(ADMIN, passphrase, Role.ADMIN,
                                            kdf=KdfParams.for_tests())
    identity = provisioning.create_agency(admin, name, kind, list(contacts))
    if user == ADMIN:
        return admin, identity
    add_user(admin, user, passphrase, role)
    admin.close()
    return Workspace(folder).unlock(user, passphrase), identity


@contextlib.contextmanager
def as_admin(folder: Path, passphrase: str = PASSPHRASE) -> Iterator[Session]:
    """The folder's administrator, for the provisioning steps in the middle of a test."""
    s = Workspace(folder).unlock(ADMIN, passphrase)
    try:
        yield s
    finally:
        s.close()


def add_partner(folder: Path, card: AgencyIdentity | bytes, *, confirm: bool = True) -> str:
    """The folder's admin imports a partner's card (and confirms it); returns its agency id."""
    data = card if isinstance(card, bytes) else card.card.to_json()
    with as_admin(folder) as s:
        partner = partners.import_partner(s, data)
        if confirm:
            partners.confirm_partner(s, partner.agency_id)
    return partner.agency_id
