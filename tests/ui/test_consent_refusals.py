"""The consent dialog refuses, in words and as the choices are made, what the agency's policy
and the person's lists forbid: a spoken yes for identifying information where writing is
required, a minor's identifying information without a guardian, a never-share agency, a barred
guardian, an end past the policy's consent_max_days (issue 13)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, Qt

from intake_app.domain.consent import (
    IDENTIFYING_CATEGORIES,
    CaseLimits,
    Category,
    ConsentRules,
    GivenBy,
    Method,
    may_release,
)
from intake_app.services.consent_setting import ConsentSetting
from intake_app.ui.interview.consent_dialog import ConsentDialog
from intake_app.ui.interview.translations import load_translator
from tests.ui.test_consent import NOW, PARTNERS, TODAY, fill
from tests.ui.test_consent_signature import sign

STRICT = ConsentRules()


def _setting(rules: ConsentRules = STRICT, *, minor: bool = False, days: int = 90,
             never: frozenset[str] = frozenset(), barred: tuple[str, ...] = ()) -> ConsentSetting:
    return ConsentSetting(rules, days, CaseLimits(minor, never, barred))


def _dialog(qtbot, setting: ConsentSetting, language: str = "en") -> ConsentDialog:
    d = ConsentDialog(42, PARTNERS, language, today=TODAY, now=lambda: NOW, setting=setting)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.fixture
def spanish_ui() -> Iterator[None]:
    translator = load_translator("es")
    assert translator is not None
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _click_ok(qtbot, d: ConsentDialog) -> None:
    qtbot.mouseClick(d.ok_button, Qt.MouseButton.LeftButton)


def test_a_spoken_yes_for_a_name_is_refused_as_it_is_chosen(qtbot) -> None:
    d = _dialog(qtbot, _setting())
    fill(d, categories=(Category.IDENTITY, Category.NEEDS))
    assert not d.refusal.isVisible()  # in writing: nothing to refuse
    qtbot.mouseClick(d.how.radios[Method.VERBAL], Qt.MouseButton.LeftButton)
    assert d.refusal.isVisible()
    assert "A yes said out loud cannot release identifying information" in d.refusal.text()
    _click_ok(qtbot, d)
    assert d.isVisible() and d.consent() is None
    d.categories[Category.IDENTITY].setChecked(False)  # needs alone may go on a spoken yes
    assert not d.refusal.isVisible()
    with qtbot.waitSignal(d.accepted):
        _click_ok(qtbot, d)
    consent = d.consent()
    assert consent is not None and consent.method is Method.VERBAL
    assert consent.categories == frozenset({Category.NEEDS})


def test_a_spoken_yes_is_enough_where_the_policy_allows_it(qtbot) -> None:
    d = _dialog(qtbot, _setting(ConsentRules(identifying_requires_written=False)))
    fill(d, categories=(Category.IDENTITY,))
    d.how.radios[Method.VERBAL].setChecked(True)
    assert d.refusals() == []


def test_a_minor_s_name_needs_the_person_and_a_guardian(qtbot) -> None:
    d = _dialog(qtbot, _setting(minor=True))
    fill(d, categories=(Category.CONTACT,))
    assert "may be under 18" in d.refusal.text() and "Both the person and a guardian" in \
        d.refusal.text()
    d.who.radios[GivenBy.GUARDIAN].setChecked(True)
    qtbot.keyClicks(d.who.guardian, "Rosa Ortiz")
    assert "may be under 18" in d.refusal.text()  # the guardian alone is not enough either
    d.who.radios[GivenBy.BOTH].setChecked(True)
    assert not d.refusal.isVisible()
    with qtbot.waitSignal(d.accepted):
        _click_ok(qtbot, d)
    consent = d.consent()
    assert consent is not None and consent.given_by is GivenBy.BOTH


def test_where_a_minor_may_consent_alone_the_guardian_alone_is_not_enough(qtbot) -> None:
    d = _dialog(qtbot, _setting(ConsentRules(minor_may_consent_alone=True), minor=True))
    fill(d, categories=(Category.IDENTITY,))
    assert d.refusals() == []  # the person alone
    d.who.radios[GivenBy.GUARDIAN].setChecked(True)
    assert "not a guardian's alone" in d.refusal.text()


def test_a_never_share_agency_and_a_barred_guardian_are_refused_by_name(qtbot) -> None:
    d = _dialog(qtbot, _setting(never=frozenset({"sheriff"}), barred=("Marco Ruiz",)))
    fill(d)
    d.recipient.setCurrentIndex(d.recipient.findData("sheriff"))
    assert "nothing about them ever goes to this agency" in d.refusal.text()
    d.recipient.setCurrentIndex(d.recipient.findData("casa"))
    assert not d.refusal.isVisible()
    d.who.radios[GivenBy.BOTH].setChecked(True)
    qtbot.keyClicks(d.who.guardian, "  marco RUIZ ")
    assert "list of people not to contact or tell" in d.refusal.text()
    _click_ok(qtbot, d)
    assert d.consent() is None


def test_the_end_date_is_capped_by_the_policy_not_at_a_year(qtbot) -> None:
    d = _dialog(qtbot, _setting(ConsentRules(max_days=30), days=14))
    fill(d)
    assert d.expiry_date() == TODAY + timedelta(days=14)
    assert d.ends.hint.text() == "(after today, at most 30 days)"
    last = d.calendar.maximumDate()
    assert date(last.year(), last.month(), last.day()) == TODAY + timedelta(days=30)
    d.set_expiry(TODAY + timedelta(days=31))
    assert "at most 30 days from today" in d.refusal.text()
    _click_ok(qtbot, d)
    assert d.consent() is None
    d.set_expiry(TODAY + timedelta(days=30))
    with qtbot.waitSignal(d.accepted):
        _click_ok(qtbot, d)


@pytest.mark.usefixtures("spanish_ui")
def test_the_refusals_in_spanish(qtbot) -> None:
    d = _dialog(qtbot, _setting(ConsentRules(max_days=30), minor=True), "es")
    fill(d, categories=(Category.IDENTITY,))
    d.how.radios[Method.VERBAL].setChecked(True)
    assert "Un sí dicho en voz alta no permite compartir" in d.refusal.text()
    d.how.radios[Method.SIGNED].setChecked(True)
    assert "La persona puede ser menor de 18 años" in d.refusal.text()
    d.set_expiry(TODAY + timedelta(days=40))
    assert "como máximo, dentro de 30 días" in d.refusal.text()
    assert d.how.radios[Method.SIGNED].text() == "&Electrónico: firmado en la pantalla"
    assert d.ends.hint.text() == "(después de hoy, como máximo 30 días)"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.frozensets(st.sampled_from(list(Category)), min_size=1), st.sampled_from(list(Method)),
       st.sampled_from(list(GivenBy)), st.booleans(), st.booleans(), st.booleans())
def test_what_the_dialog_records_can_release_every_identifying_kind_it_names(
    qtbot, categories: frozenset[Category], method: Method, who: GivenBy, minor: bool,
    written: bool, alone: bool,
) -> None:
    """Whatever is ticked: a consent the dialog lets through never names an identifying kind
    the share rule would withhold from it, and one it refuses says why."""
    rules = ConsentRules(identifying_requires_written=written, minor_may_consent_alone=alone)
    d = ConsentDialog(42, PARTNERS, "en", today=TODAY, now=lambda: NOW,
                      setting=_setting(rules, minor=minor))
    try:
        fill(d, categories=tuple(categories))
        d.how.radios[method].setChecked(True)
        d.who.radios[who].setChecked(True)
        if who is not GivenBy.PERSON:
            d.who.guardian.setText("Rosa Ortiz")
        if method is Method.SIGNED:
            sign(d.how.pad)  # signed on screen needs the signature itself
        d.accept()
        consent = d.consent()
        if consent is None:
            assert d.refusal.text() and categories & IDENTIFYING_CATEGORIES
            return
        for category in categories & IDENTIFYING_CATEGORIES:
            assert category in consent.categories
            assert may_release(consent, True, rules, minor=minor) is None
    finally:
        d.deleteLater()
