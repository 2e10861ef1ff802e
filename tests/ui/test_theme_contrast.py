"""Every control is visible: WCAG contrast of each theme colour pair a control uses, and the
pixels of real unchecked checkboxes and radio buttons against what is behind them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from intake_app.domain.protocol import load_shipped
from intake_app.ui import theme
from intake_app.ui.interview import style as interview_style
from intake_app.ui.interview.answer_editors import AnswerEditor
from intake_app.ui.wrap_buttons import WrapCheckBox, WrapRadioButton

CONTROL = 3.0  # WCAG 1.4.11, non-text contrast
TEXT = 4.5  # WCAG 1.4.3, AA
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_NAME = re.compile(r"@([a-z_]+)")


def _rules() -> Iterator[tuple[str, str, dict[str, str]]]:
    """(sheet, selector, declarations) for every rule of every registered style sheet."""
    assert interview_style.PAGE_QSS  # importing it registers the interview's sheet
    for sheet, written in theme.style_sheet_templates().items():
        text = re.sub(r"/\*.*?\*/", "", written, flags=re.S)
        for match in _RULE.finditer(text):
            decls: dict[str, str] = {}
            for part in match.group(2).split(";"):
                if ":" in part:
                    key, value = part.split(":", 1)
                    decls[key.strip()] = value.strip()
            for selector in match.group(1).split(","):
                yield sheet, " ".join(selector.split()), decls


def _merged() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for _sheet, selector, decls in _rules():
        merged.setdefault(selector, {}).update(decls)
    return merged


def _last(selector: str) -> str:
    return selector.rsplit(" ", maxsplit=1)[-1]


def _without_states(compound: str) -> str:
    return re.sub(r"(?<!:):(?!:)[a-z-]+", "", compound)


def _control_type(compound: str) -> str | None:
    bare = re.sub(r"[#\[].*?(?=::|:|$)|\]", "", _without_states(compound))
    bare = re.sub(r"::(vertical|horizontal)$", "", bare)
    return bare if bare in theme.CONTROL_SELECTORS else None


def _fallbacks(selector: str) -> list[str]:
    """Where a rule's unset properties come from, nearest first (a simple model of the cascade)."""
    scope, last = selector.rsplit(" ", 1) if " " in selector else ("", selector)
    kind = _control_type(last) or last
    prefix = f"{scope} " if scope else ""
    chain = [selector, prefix + _without_states(last), prefix + kind, last, _without_states(last),
             kind]
    return list(dict.fromkeys(chain))


def _colour_in(value: str | None) -> str | None:
    if value is None or value.startswith("none") or value == "transparent":
        return None
    found = _NAME.findall(value)
    return found[-1] if found else None


def _prop(merged: dict[str, dict[str, str]], selector: str, *names: str) -> str | None:
    for source in _fallbacks(selector):
        decls = merged.get(source, {})
        for name in names:
            if name in decls:
                return decls[name]
    return None


def _backdrops(selector: str) -> tuple[str, ...]:
    for key, names in theme.BACKDROPS.items():
        if key and key in selector:
            return names
    return theme.BACKDROPS[""]


def _control_rules() -> list[str]:
    merged = _merged()
    return sorted(s for s in merged if _control_type(_last(s)) and ":disabled" not in s)


def _ratio(a: str, b: str) -> float:
    return theme.contrast_ratio(theme.COLOURS[a], theme.COLOURS[b])


def test_style_sheets_name_every_colour_from_the_theme():
    assert interview_style.PAGE_QSS
    for sheet, text in theme.style_sheet_templates().items():
        assert not re.findall(r"#[0-9a-fA-F]{3,8}\b|rgba?\(", text), f"raw colour in {sheet}"
        unknown = set(_NAME.findall(text)) - set(theme.COLOURS)
        assert not unknown, f"{sheet} names colours the theme lacks: {unknown}"


def test_the_contrast_test_sees_the_controls_people_use():
    # If the parser stopped finding rules, every check below would pass by checking nothing.
    rules = _control_rules()
    for expected in ("QPushButton", "QLineEdit", "QComboBox", "QTabBar::tab",
                     "QToolBar QToolButton#lockButton", "QWidget#lockScreen QPushButton"):
        assert expected in rules


@pytest.mark.parametrize("selector", _control_rules())
def test_every_control_edge_shows_against_every_backdrop(selector):
    merged = _merged()
    edge = _colour_in(_prop(merged, selector, "border", "border-color"))
    fill = _colour_in(_prop(merged, selector, "background", "background-color"))
    for backdrop in _backdrops(selector):
        best = max(_ratio(edge, backdrop) if edge else 1.0, _ratio(fill, backdrop) if fill else 1.0)
        assert best >= CONTROL, (
            f"{selector}: edge {edge} / fill {fill} on {backdrop} is only {best:.2f}:1"
        )


@pytest.mark.parametrize("selector", _control_rules())
def test_text_on_every_control_reaches_aa(selector):
    if _control_type(_last(selector)) in theme.TEXTLESS_CONTROLS:
        return
    merged = _merged()
    ink = _colour_in(_prop(merged, selector, "color")) or "text"
    fill = _colour_in(_prop(merged, selector, "background", "background-color"))
    for behind in (fill,) if fill else _backdrops(selector):
        assert _ratio(ink, behind) >= TEXT, f"{selector}: {ink} on {behind}"


def test_every_text_pair_reaches_aa():
    pairs = set(theme.TEXT_PAIRS)
    merged = _merged()
    for selector in merged:
        ink = _colour_in(merged[selector].get("color"))
        fill = _colour_in(_prop(merged, selector, "background", "background-color"))
        if ink and fill:
            pairs.add((ink, fill))
    assert len([s for s in merged if _colour_in(merged[s].get("color"))]) > 10  # rules were read
    for ink, fill in sorted(pairs):
        assert _ratio(ink, fill) >= TEXT, f"{ink} on {fill}: {_ratio(ink, fill):.2f}:1"


@pytest.mark.parametrize("key", sorted(theme.INDICATOR_LOOKS))
def test_indicator_looks(key):
    look = theme.INDICATOR_LOOKS[key]
    kind, state = key
    if state.endswith("_disabled"):
        enabled = theme.INDICATOR_LOOKS[(kind, state.removesuffix("_disabled"))]
        # Switched off, and looks it: lighter edge, its own fill, but a choice is still legible.
        assert _ratio(look.edge, enabled.edge) >= 1.5
        assert look.fill != enabled.fill
        if look.mark is not None:
            assert _ratio(look.mark, look.fill) >= CONTROL
        return
    for backdrop in theme.BACKDROPS[""]:
        best = max(_ratio(look.edge, backdrop), _ratio(look.fill, backdrop))
        assert best >= CONTROL, f"{key} on {backdrop}: {best:.2f}:1"
    if look.mark is not None:
        assert _ratio(look.mark, look.fill) >= CONTROL, f"{key}: mark on fill"
    for extra in (theme.FOCUS_RING, theme.HOVER_EDGE):
        for backdrop in theme.BACKDROPS[""]:
            assert _ratio(extra, backdrop) >= CONTROL


# --- the pixels of real widgets ---------------------------------------------------------------
def _hex(image: QImage, x: int, y: int) -> str:
    return image.pixelColor(x, y).name()


def _indicator(button: QAbstractButton) -> QRect:
    if isinstance(button, WrapCheckBox | WrapRadioButton):
        return button.indicator_rect()  # drawn beside a wrapped label, not where Qt would
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    element = (QStyle.SubElement.SE_RadioButtonIndicator if isinstance(button, QRadioButton)
               else QStyle.SubElement.SE_CheckBoxIndicator)
    return button.style().subElementRect(element, option, button)


def _ray_contrasts(button: QAbstractButton, backdrop: str) -> list[float]:
    """Strongest contrast against `backdrop` along 8 rays from the indicator's centre outwards.

    The window is grabbed, not the button: a checkbox has no background of its own, so only the
    window shows what really lies behind it."""
    window = button.window()
    image = window.grab().toImage()
    scale = image.devicePixelRatio()
    rect = _indicator(button).translated(button.mapTo(window, QPoint(0, 0)))
    left, top = rect.left() * scale, rect.top() * scale
    right, bottom = (rect.right() + 1) * scale, (rect.bottom() + 1) * scale
    cx, cy = (left + right) / 2, (top + bottom) / 2
    back = theme.COLOURS[backdrop]
    best: list[float] = []
    for step in range(8):
        dx, dy = math.cos(step * math.pi / 4), math.sin(step * math.pi / 4)
        strongest, i = 1.0, 0
        while left <= (x := cx + i * dx) < right and top <= (y := cy + i * dy) < bottom:
            strongest = max(strongest, theme.contrast_ratio(_hex(image, int(x), int(y)), back))
            i += 1
        best.append(strongest)
    return best


def _centre(button: QAbstractButton) -> str:
    window = button.window()
    image = window.grab().toImage()
    scale = image.devicePixelRatio()
    c = _indicator(button).translated(button.mapTo(window, QPoint(0, 0))).center()
    return _hex(image, int(c.x() * scale), int(c.y() * scale))


def _on_backdrop(qtbot: QtBot, backdrop: str, *buttons: QAbstractButton) -> QWidget:
    holder = QWidget()
    holder.setObjectName("holder")
    holder.setStyleSheet(theme.fill_colours(f"QWidget#holder {{ background: @{backdrop}; }}"))
    layout = QVBoxLayout(holder)
    for b in buttons:
        layout.addWidget(b)
    layout.addWidget(QCheckBox("focus sink"))  # keeps focus off the buttons under test
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    holder.findChildren(QCheckBox)[-1].setFocus()
    return holder


@pytest.mark.parametrize("backdrop", theme.BACKDROPS[""])
@pytest.mark.parametrize(("check_type", "radio_type"), [(QCheckBox, QRadioButton),
                                                        (WrapCheckBox, WrapRadioButton)])
def test_unchecked_checkbox_and_radio_show_their_edge(qtbot, backdrop, check_type, radio_type):
    box, radio = check_type("I have written the code down"), radio_type("Yes")
    holder = _on_backdrop(qtbot, backdrop, box, radio)
    corner = holder.grab().toImage()
    assert _hex(corner, 1, 1) == theme.COLOURS[backdrop].lower()
    for button in (box, radio):
        rays = _ray_contrasts(button, backdrop)
        assert min(rays) >= CONTROL, f"{type(button).__name__} on {backdrop}: {rays}"


def test_checked_and_focused_indicators_look_different(qtbot):
    off, on = QCheckBox("a"), QCheckBox("b")
    on.setChecked(True)
    radio_off, radio_on = QRadioButton("c"), QRadioButton("d")
    radio_on.setChecked(True)
    holder = _on_backdrop(qtbot, "paper", off, on, radio_off, radio_on)
    for a, b in ((off, on), (radio_off, radio_on)):
        assert theme.contrast_ratio(_centre(a), _centre(b)) >= CONTROL  # the mark shows
    before = holder.grab().toImage()
    off.setFocus()
    qtbot.waitUntil(off.hasFocus)
    assert holder.grab().toImage() != before  # focus is drawn


def test_disabled_indicator_is_distinct_but_visible(qtbot):
    enabled, disabled = QCheckBox("a"), QCheckBox("b")
    disabled.setEnabled(False)
    holder = _on_backdrop(qtbot, "bg", enabled, disabled)
    assert holder.isVisible()
    strong, weak = _ray_contrasts(enabled, "bg"), _ray_contrasts(disabled, "bg")
    assert min(strong) >= CONTROL
    assert max(weak) < min(strong) and min(weak) > 1.3


@pytest.mark.parametrize("qid", ["needs_now", "safe_now"])
def test_answer_options_show_their_indicators(qtbot, qid):
    protocol = load_shipped()["advocate_intake"]
    question = protocol.question(qid)
    root = QWidget()
    root.setObjectName("interviewRoot")
    root.setStyleSheet(interview_style.PAGE_QSS)
    editor = AnswerEditor(question, "es", root)
    QVBoxLayout(root).addWidget(editor)
    qtbot.addWidget(root)
    root.show()
    qtbot.waitExposed(root)
    root.setFocus()
    buttons = editor.findChildren(QAbstractButton)
    assert len(buttons) == len(question.options)
    for button in buttons:
        if not button.hasFocus():
            assert min(_ray_contrasts(button, "paper")) >= CONTROL, button.text()
