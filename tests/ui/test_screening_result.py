"""The end screen shows the screening result as decision support: possible sex / labour / both
or nothing found, the reason for the under-18 rule, and the indicators under their topics."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from intake_app.domain.answers import Answer
from intake_app.domain.protocol import load_shipped
from intake_app.domain.screening import screen
from intake_app.ui.interview.end_screen import EndScreen

SCREENING = load_shipped()["indicator_screening"]
VERDICTS = ("victim", "is trafficked", "was trafficked", "víctima")
MINOR_SEX = {"current_age": Answer.of(16), "sex_exchanged": Answer.of("yes"),
             "documents_held": Answer.of("yes")}
EXPECTED = {
    "en": ("Possible sex and labour trafficking: indicators to follow up.",
           "under federal law, force, fraud or coercion need not be shown",
           ["Sex in exchange for something of value", "Force, fraud or coercion"]),
    "es": ("Posible trata sexual y laboral: indicadores para dar seguimiento.",
           "según la ley federal, no hace falta que haya fuerza, fraude o coerción",
           ["Sexo a cambio de algo de valor", "Fuerza, fraude o coerción"]),
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_result_is_worded_as_indicators_to_follow_up_by_topic(qtbot, language: str) -> None:
    end = EndScreen()
    qtbot.addWidget(end)
    end.set_result(screen([(SCREENING, MINOR_SEX)], "advocate"), language)
    summary, rule, headings = EXPECTED[language]
    assert end.summary.text() == summary
    assert rule in end.explanation.text() and not end.explanation.isHidden()
    assert [label.text() for label in end.topic_labels[::2]] == headings
    text = end.screening_text()
    assert not any(v in text.lower() for v in VERDICTS)
    # Shown again with nothing found: the topics and the reason go, the words say so.
    end.set_result(screen([(SCREENING, {})], "advocate"), language)
    assert end.topic_labels == () and end.explanation.isHidden()
    assert end.summary.text().startswith(
        "No indicators found" if language == "en" else "No se encontraron indicadores")


def test_a_second_result_leaves_nothing_of_the_first_on_screen(qtbot) -> None:
    end = EndScreen()
    qtbot.addWidget(end)
    end.resize(1000, 700)
    end.show()
    end.set_result(screen([(SCREENING, MINOR_SEX)], "advocate"), "en")
    first = end.topic_labels
    qtbot.waitUntil(lambda: all(label.isVisibleTo(end) for label in first))
    end.set_result(screen([(SCREENING, {"paid_as_agreed": Answer.of("no")})], "advocate"), "en")
    # Before the event loop deletes them, the old lists are already off the screen.
    assert not any(label.isVisibleTo(end) for label in first)

    def shown() -> list[str]:
        return [label.text() for label in end.findChildren(QLabel) if label.isVisibleTo(end)]

    qtbot.waitUntil(lambda: "Pay, work and living conditions" in shown())  # a layout shows
    shown_now = shown()  # new labels from the event loop; the old ones must be gone already
    assert not any("Sex" in text or "coercion" in text for text in shown_now), shown_now
