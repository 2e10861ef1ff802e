"""Every typed error has one sentence for people, in English and Spanish, that shows no case data."""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Iterator
from typing import Any

import pytest

import intake_app
from intake_app.domain.protocol.xlsform.refusals import REASONS
from intake_app.errors import SHOWN_IDS, IntakeError
from intake_app.ui import i18n
from intake_app.ui.admin import refusal_words
from tests.ui.test_translations import TRANSLATIONS, load_ts


def _every_error_class() -> list[type[IntakeError]]:
    for module in pkgutil.walk_packages(intake_app.__path__, "intake_app."):
        if not module.name.endswith("__main__"):  # running it starts the app
            importlib.import_module(module.name)

    def walk(cls: type[IntakeError]) -> Iterator[type[IntakeError]]:
        yield cls
        for sub in cls.__subclasses__():
            yield from walk(sub)

    return sorted(set(walk(IntakeError)), key=lambda c: (c.code, c.__qualname__))


ERRORS = _every_error_class()
SPANISH = load_ts(TRANSLATIONS / "errors_es.ts")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_walk_finds_the_errors_of_every_layer() -> None:
    modules = {c.__module__.split(".")[1] for c in ERRORS}
    assert {"errors", "services", "storage", "sync", "admin", "domain", "cli", "ui"} <= modules
    assert len(ERRORS) > 50


@pytest.mark.parametrize("cls", ERRORS, ids=lambda c: f"{c.code}:{c.__name__}")
def test_each_error_has_plain_words_in_both_languages(cls: type[IntakeError]) -> None:
    for source in cls.plain_sources():
        assert _fields(source) <= SHOWN_IDS, f"{cls.__name__} shows {_fields(source) - SHOWN_IDS}"
        spanish = SPANISH.get(("Errors", source))
        assert spanish, f"no Spanish for {cls.__name__}: {source!r}"
        assert _fields(spanish) == _fields(source)


def test_no_code_falls_back_to_something_went_wrong() -> None:
    generic = IntakeError.plain
    assert [c.__name__ for c in ERRORS if c is not IntakeError and c.plain_source(_bare(c)) ==
            generic and c.code != "error"] == []


def _bare(cls: type[IntakeError]) -> Any:
    err = cls.__new__(cls)
    err.ids = {}
    return err


def test_errors_ts_has_nothing_stale() -> None:
    current = {("Errors", s) for c in ERRORS for s in c.plain_sources()}
    current |= {(refusal_words.CTX, s) for s in REASONS.values()}  # tests/ui/test_refusal_words.py
    stale = sorted(src for key, src in ((k, k[1]) for k in SPANISH) if key not in current)
    assert not stale, f"sentences no longer in the code: {stale}"


def test_the_app_shows_spanish_and_keeps_hidden_ids_out(qapp: Any) -> None:
    from intake_app.errors import KeyFileCorrupt, UnlockThrottled
    from intake_app.sync.transport import TransportRateLimited

    i18n.set_language("es")
    try:
        text = i18n.error_text(KeyFileCorrupt(path="/home/ana/secret-folder", detail="x"))
        assert "secret-folder" not in text and "dañado" in text
        assert "12" in i18n.error_text(UnlockThrottled(seconds=12))
        slow = i18n.error_text(TransportRateLimited(transport="relay", retry_after=30))
        assert "30" in slow and "Something" not in slow
    finally:
        i18n.set_language("en")


def test_a_reason_gives_finer_words() -> None:
    from intake_app.admin.profile import SignedProfileError

    foreign = SignedProfileError("foreign", "it was signed by a different agency")
    other = SignedProfileError("bad_field", "x")
    assert "different agency" in i18n.error_text(foreign)
    assert i18n.error_text(other) != i18n.error_text(foreign)
