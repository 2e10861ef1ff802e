"""The report chart, rendered offscreen: bars where counts are shown, only a marker where hidden."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from intake_app.domain.reporting.periods import Period
from intake_app.domain.reporting.suppression import publish
from intake_app.domain.reporting.tables import Report, Table
from intake_app.ui.reports.chart import BAR, BarChart

PERIOD = Period(date(2026, 7, 1), date(2026, 9, 30), "2026Q3")
TEXT_DARK = 110  # anti-aliased text is darker than this somewhere in each glyph


def _gender_report() -> Report:
    counts = ((40,), (3,), (0,), (0,), (12,), (0,), (7,), (0,))
    rows = ("female", "male", "transgender", "non_binary", "other", "unknown", "declined", "not_recorded")
    return Report("grant", PERIOD, (Table("grant.gender", rows, ("count",), counts, shared_total="served"),))


def _bar_pixels(image: QImage, top: int, bottom: int, left: int, right: int) -> int:
    bar = BAR.rgb()
    return sum(1 for y in range(top, bottom) for x in range(left, right) if image.pixel(x, y) == bar)


def _dark_pixels(image: QImage, top: int, bottom: int, left: int, right: int) -> int:
    return sum(
        1 for y in range(top, bottom) for x in range(left, right)
        if QColor(image.pixel(x, y)).lightness() < TEXT_DARK
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_bars_are_drawn_for_counts_and_hidden_counts_show_only_their_marker(qtbot: QtBot, language: str) -> None:
    published = publish(_gender_report(), 5)
    table = published.tables[0]
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_table(published, table, language)
    chart.resize(640, 320)
    image = chart.grab().toImage()
    by_row = dict(zip(table.rows, chart.drawn(), strict=True))

    female = by_row["female"]
    assert female.bar is not None and female.text == "40"
    r = female.bar
    assert _bar_pixels(image, r.top(), r.bottom(), r.left(), r.right()) >= 0.9 * r.width() * r.height()

    male = by_row["male"]  # 3: hidden as "<5"
    assert male.bar is None and male.text == "<5"
    box = male.value_box
    assert _bar_pixels(image, box.top(), box.bottom(), box.left(), chart.width()) == 0
    assert _dark_pixels(image, box.top(), box.bottom(), box.left(), box.right()) > 5  # the "<5" itself

    for row, d in by_row.items():  # a bar exactly for every shown count above zero
        value = table.cell(row, "count")
        assert (d.bar is not None) == (isinstance(value, int) and value > 0)
    for row, d in by_row.items():  # and proportional to it
        value = table.cell(row, "count")
        if d.bar is not None and isinstance(value, int):
            assert abs(d.bar.width() / r.width() - value / 40) < 0.05
    assert ("Femenino" if language == "es" else "Female") in chart.accessibleDescription()


def test_counts_over_time_are_columns_in_month_order_and_fit_a_small_screen(qtbot: QtBot) -> None:
    months = Table("task_force.new_by_month", ("2026-06", "2026-07", "2026-08", "2026-09"), ("count",),
                   ((9,), (2,), (20,), (30,)), shared_total="new")
    published = publish(Report("task_force", PERIOD, (months,)), 5)
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_table(published, published.tables[0], "en", over_time=True)
    hint = chart.sizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    chart.resize(hint)
    image = chart.grab().toImage()
    june, july, august, september = chart.drawn()
    assert (june.text, july.text) == ("*", "<5")  # 2 is small; 9, the smallest other, hides it
    assert june.bar is None and july.bar is None
    assert august.bar is not None and september.bar is not None
    assert august.bar.left() < september.bar.left()
    assert september.bar.height() > august.bar.height()
    b = september.bar
    assert _bar_pixels(image, b.top(), b.bottom(), b.left(), b.right()) >= 0.9 * b.width() * b.height()
    for hidden in (june, july):
        box = hidden.value_box
        assert _dark_pixels(image, box.top(), box.bottom(), box.left(), box.right()) > 5
        assert _bar_pixels(image, 0, image.height(), box.left(), box.right()) == 0


def test_a_withheld_table_draws_no_bar(qtbot: QtBot) -> None:
    tiny = Report("grant", PERIOD, (Table("grant.gender", ("female", "male"), ("count",), ((2,), (1,)),
                                          shared_total="served"),))
    published = publish(tiny, 5)
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_table(published, published.tables[0], "en")
    chart.resize(400, 200)
    image = chart.grab().toImage()
    assert chart.drawn() == []
    assert _bar_pixels(image, 0, image.height(), 0, image.width()) == 0
