"""Parts of a window built after its first paint, or at first use if that comes sooner.

The unlock screen should paint about as fast as an empty window; the main window's toolbar,
auto-lock, OS-lock watcher, interview and sync wiring are not on it, so they are built right
after it is on screen. A `Deferred` attribute reads like a plain one: reading it before the
build has run builds everything first, so no caller (or test) has to know about the order.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar, overload

T = TypeVar("T")


class Builds(Protocol):
    def build_deferred(self) -> None:
        """Build every Deferred attribute (once; later calls do nothing)."""


class Deferred(Generic[T]):
    """An attribute set by the owner's `build_deferred`, which runs at the first read if needed."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_deferred_{name}"

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Deferred[T]: ...
    @overload
    def __get__(self, obj: Builds, objtype: type | None = None) -> T: ...
    def __get__(self, obj: Builds | None, objtype: type | None = None) -> T | Deferred[T]:
        if obj is None:
            return self
        store: dict[str, Any] = obj.__dict__
        if self._slot not in store:
            obj.build_deferred()
        value: T = store[self._slot]
        return value

    def __set__(self, obj: Builds, value: T) -> None:
        obj.__dict__[self._slot] = value
