"""Who may do what. Every use case that not everyone may call names its roles here, next to it:

    @requires(Role.ADMIN, action="create the agency")
    def create_agency(s: Session, ...) -> ...:

A refusal is `NotPermitted`, a typed error the GUI and the CLI both turn into the same words. The
check sits in the service, so no front-end (a screen, the CLI, a script) can skip it. `RULES`
lists every guarded use case and its roles, for the tests and the README.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from intake_app.domain.case import Role
from intake_app.errors import IntakeError

if TYPE_CHECKING:
    from intake_app.services.session import Session

P = ParamSpec("P")
R = TypeVar("R")

ADMIN_ONLY = frozenset({Role.ADMIN})
# Those who work cases and speak with the person (an admin provisions laptops and does not).
CASE_WORKERS = (Role.ADVOCATE, Role.OFFICER, Role.SUPERVISOR)
RULES: dict[str, frozenset[Role]] = {}  # "module.function" -> roles allowed


class NotPermitted(IntakeError):
    code = "not_permitted"
    template = "A user with the role {role} cannot {action}. Ask an administrator of this laptop."
    plain = "Your role cannot do this. Ask an administrator of this laptop."


def check(s: Session, roles: frozenset[Role], action: str) -> None:
    if s.user.role not in roles:
        raise NotPermitted(role=s.user.role.value, action=action)


def requires(
    *roles: Role, action: str
) -> Callable[[Callable[Concatenate[Session, P], R]], Callable[Concatenate[Session, P], R]]:
    """Refuse the decorated use case to sessions whose user has none of `roles`."""
    allowed = frozenset(roles)

    def wrap(fn: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
        RULES[f"{fn.__module__}.{fn.__name__}"] = allowed

        @functools.wraps(fn)
        def guarded(s: Session, /, *args: P.args, **kwargs: P.kwargs) -> R:
            check(s, allowed, action)
            return fn(s, *args, **kwargs)

        return guarded

    return wrap
