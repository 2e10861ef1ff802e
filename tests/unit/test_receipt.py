"""The disclosure receipt's words: both languages, each consent's state said in words, what went
under each (a share's files by kind, never label; a file handed over, which a withdrawal cannot
take back), and nothing identifying (the case is its code only)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake_app.domain.attachments import FileKind
from intake_app.domain.consent import Category, Consent, GivenBy, Method, Purpose
from intake_app.domain.receipt import (
    CATEGORY_ORDER,
    HandedFile,
    SentFile,
    SentShare,
    build_receipt,
    receipt_language,
)

NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
SHELTER, POLICE, GONE = "a" * 32, "b" * 32, "c" * 32
NAMES = {SHELTER: "Casa Esperanza Shelter", POLICE: "Riverside Police Department"}
PLANTED_GUARDIAN = "Zorvelina Plantado"  # a name recorded on a consent: never on the paper


def _consent(cid: int, recipient: str, cats: set[Category], *, days_ago: int = 10,
             days_left: int = 80, **changes: object) -> Consent:
    given = NOW - timedelta(days=days_ago)
    base = Consent(id=cid, case_id=1, purpose=Purpose.SERVICES_REFERRAL, recipient_id=recipient,
                   categories=frozenset(cats), wording="w", language="en", method=Method.SIGNED,
                   interpreter=False, given_at=given, expires_at=NOW + timedelta(days=days_left))
    return replace(base, **changes)  # type: ignore[arg-type]


CONSENTS = [
    _consent(1, SHELTER, {Category.NEEDS, Category.SAFETY}),
    _consent(2, POLICE, {Category.EXPERIENCE}, days_ago=200, days_left=-20,
             purpose=Purpose.LAW_ENFORCEMENT),
    _consent(3, SHELTER, {Category.IDENTITY, Category.CONTACT}, days_ago=30,
             withdrawn_at=NOW - timedelta(days=5), given_by=GivenBy.BOTH,
             guardian=PLANTED_GUARDIAN, interpreter=True),
    _consent(4, GONE, {Category.NEEDS}, days_ago=3, method=Method.VERBAL),
]
SHARES = [
    SentShare(NOW - timedelta(days=8), frozenset({Category.NEEDS}), (1,)),
    SentShare(NOW - timedelta(days=6), frozenset({Category.NEEDS, Category.IDENTITY}), (1, 3),
              referral=True),
]


def _receipt(language: str) -> str:
    return build_receipt(case_code="K7QM-2RXD", consents=CONSENTS, shares=SHARES,
                         agency_names=NAMES, language=language, now=NOW,
                         own_agency="Harbor Advocacy Center",
                         own_contacts=("Duty desk: +1 555 0100",), zone=UTC).plain_text()


def test_english_receipt_lists_each_agreement_and_what_went() -> None:
    text = _receipt("en")
    assert text.startswith("What was shared about you\nYour case number: K7QM-2RXD")
    assert "Casa Esperanza Shelter" in text and "Riverside Police Department" in text
    assert "an agency that is no longer our partner" in text
    assert "What may be shared: the help you need and your safety situation" in text
    assert "What for: to connect you with services and support" in text
    assert "Agreed on: November 23, 2026" in text
    assert "In force until February 21, 2027." in text
    assert "On November 25, 2026: the help you need." in text
    # Under the shelter's identity consent, only what that consent let go.
    assert "On November 27, 2026, with a referral: who you are (name, date of birth)." in text
    assert "Nothing has been sent under this agreement." in text  # police, and the gone agency
    assert "You said yes out loud." in text
    assert "You and your parent or guardian agreed together." in text
    assert "An interpreter helped explain it." in text
    assert "anyone at Harbor Advocacy Center" in text and "Duty desk: +1 555 0100" in text


def test_withdrawn_and_expired_are_said_as_such() -> None:
    receipt = build_receipt(case_code="K7QM-2RXD", consents=CONSENTS, shares=SHARES,
                            agency_names=NAMES, language="en", now=NOW, zone=UTC)
    by_id = {e.consent_id: e for e in receipt.entries}
    # In force first (by the day given), then what ended.
    assert [e.consent_id for e in receipt.entries] == [1, 4, 2, 3]
    assert by_id[2].expired and by_id[2].state == (
        "Ended on November 13, 2026. Nothing more is sent under it.")
    assert by_id[3].withdrawn and by_id[3].state == (
        "You withdrew it on November 28, 2026. Nothing more is sent, and Casa Esperanza Shelter"
        " was asked to delete what it received.")
    assert not (by_id[1].withdrawn or by_id[1].expired)
    assert "the agency that gave you this paper" in receipt.withdraw_text  # no agency set up
    assert receipt.contacts == ()


def test_spanish_receipt() -> None:
    text = _receipt("es")
    assert text.startswith("Lo que se compartió sobre usted\nSu número de caso: K7QM-2RXD")
    assert "Qué se puede compartir: la ayuda que necesita y su situación de seguridad" in text
    assert "Aceptado el: 23 de noviembre de 2026" in text
    assert "Vigente hasta el 21 de febrero de 2027." in text
    assert "Terminó el 13 de noviembre de 2026." in text
    assert "Usted lo retiró el 28 de noviembre de 2026." in text
    assert "El 25 de noviembre de 2026: la ayuda que necesita." in text
    assert "Usted puede retirar cualquiera de estos acuerdos en cualquier momento" in text
    assert "una agencia que ya no es nuestra socia" in text
    for english in ("What may be shared", "What was sent", "November"):
        assert english not in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_identifying_value_reaches_the_paper(language: str) -> None:
    assert PLANTED_GUARDIAN not in _receipt(language)
    assert "Zorvelina" not in _receipt(language)


def test_no_consent_says_nothing_was_shared() -> None:
    receipt = build_receipt(case_code="K7QM-2RXD", consents=[], shares=[], agency_names={},
                            language="en", now=NOW, zone=UTC)
    assert receipt.entries == ()
    assert "nothing about you has been sent" in receipt.plain_text()


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="English"):
        build_receipt(case_code="K", consents=[], shares=[], agency_names={}, language="fr",
                      now=NOW)


@pytest.mark.parametrize(("case_language", "consent_language", "expected"), [
    ("Spanish", "en", "es"), ("español", "en", "es"), ("es-MX", "en", "es"),
    ("English", "es", "en"), (None, "es", "es"), ("Mam", "es", "es"), ("Mam", "mam", "en"),
    ("", "en", "en"),
])
def test_the_persons_language(case_language: str | None, consent_language: str,
                              expected: str) -> None:
    consents = [_consent(1, SHELTER, {Category.NEEDS}, language=consent_language)]
    assert receipt_language(case_language, consents) == expected


def test_latest_consent_language_counts() -> None:
    older = _consent(1, SHELTER, {Category.NEEDS}, days_ago=50, language="en")
    newer = _consent(2, SHELTER, {Category.NEEDS}, days_ago=5, language="es")
    assert receipt_language(None, [newer, older]) == "es"
    assert receipt_language(None, []) == "en"


# --- files that went with a share, files handed over -------------------------------------------
def _files_receipt(language: str, handed: list[HandedFile] | None = None) -> str:
    files = (SentFile(FileKind.PDF, Category.NEEDS, NOW - timedelta(days=20)),
             SentFile(FileKind.JPEG, Category.SAFETY, NOW - timedelta(days=15)))
    share = SentShare(NOW - timedelta(days=8), frozenset({Category.NEEDS}), (1,), files=files)
    return build_receipt(case_code="K7QM-2RXD", consents=CONSENTS, shares=[share],
                         agency_names=NAMES, language=language, now=NOW, zone=UTC,
                         handed=handed or []).plain_text()


HANDED = HandedFile(NOW - timedelta(days=2), Purpose.SERVICES_REFERRAL, None,
                    frozenset({Category.NEEDS}), (1,))


def test_a_shares_files_follow_it_in_both_languages() -> None:
    english = _files_receipt("en")
    assert ("On November 25, 2026: the help you need.\n"
            "A file went with it, added to your case on November 13, 2026: a PDF document about"
            " the help you need.\n"
            "A file went with it, added to your case on November 18, 2026: a photo (JPEG) about"
            " your safety situation.") in english
    spanish = _files_receipt("es")
    assert ("Con este envío se mandó un archivo, añadido a su caso el 18 de noviembre de 2026: una"
            " foto (JPEG) sobre su situación de seguridad.") in spanish
    assert "handed" not in english and "entregado" not in spanish  # nothing handed over


def test_a_file_handed_over_is_said_so_and_cannot_be_taken_back() -> None:
    english = _files_receipt("en", [HANDED])
    assert ("On December 1, 2026, a file was handed to Casa Esperanza Shelter to connect you with"
            " services and support. It holds: the help you need.") in english
    assert "withdrawing your agreement later cannot take it back" in english
    assert english.index("cannot take it back") < english.index("Casa Esperanza Shelter")
    spanish = _files_receipt("es", [HANDED])
    assert ("El 1 de diciembre de 2026, se entregó un archivo a Casa Esperanza Shelter para"
            " ponerle en contacto con servicios y apoyo. Contiene: la ayuda que necesita.") in spanish
    assert "retirar su acuerdo más tarde no puede recuperarlo" in spanish
    # Under no other agreement: a file handed over is listed where it was made.
    assert english.count("a file was handed to") == 1


kinds = st.sampled_from(list(FileKind))
categories = st.sampled_from(CATEGORY_ORDER)


@given(st.lists(st.tuples(kinds, categories, st.integers(1, 400)), max_size=8),
       st.sampled_from(["en", "es"]))
def test_each_agreement_lists_exactly_the_files_it_covers(
        made: list[tuple[FileKind, Category, int]], language: str) -> None:
    files = tuple(SentFile(k, c, NOW - timedelta(days=d)) for k, c, d in made)
    share = SentShare(NOW - timedelta(days=1), frozenset({Category.NEEDS}), (1, 3), files=files)
    receipt = build_receipt(case_code="K", consents=CONSENTS, shares=[share], agency_names=NAMES,
                            language=language, now=NOW, zone=UTC)
    opening = "A file went with it" if language == "en" else "Con este envío se mandó un archivo"
    covers = {c.id: c.categories for c in CONSENTS}
    for entry in receipt.entries:
        listed = [line for line in entry.sent if line.startswith(opening)]
        expected = [f for f in files if f.category in covers[entry.consent_id]
                    and entry.consent_id in share.consent_ids]
        assert len(listed) == len(expected)
