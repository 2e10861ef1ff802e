"""A calm, high-contrast theme: named colours, the style sheets that use them, large plain type.

Every colour is named here; style sheets refer to them as @name, never as raw hex, and the
checkbox and radio indicators are painted from INDICATOR_LOOKS. tests/ui/test_theme_contrast.py
reads these definitions (and every registered style sheet) and checks each pair a person sees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from intake_app.paths import resource

if TYPE_CHECKING:
    from PySide6.QtGui import QFont

    from intake_app.ui.indicators import IndicatorStyle


@dataclass(frozen=True, slots=True)
class IndicatorLook:
    """Colour names (keys of COLOURS) for one state of one indicator."""

    edge: str
    fill: str
    mark: str | None  # the tick, dash or dot; None when nothing is chosen

COLOURS: dict[str, str] = {
    "bg": "#F6F4EF",  # warm off-white: less glare at 2 a.m. than pure white
    "surface": "#FFFFFF",
    "paper": "#F7F9FB",  # the interview and consent screens
    "text": "#1B2430",
    "muted": "#46505E",
    "border": "#8A94A3",  # decorative only (cards, dividers): a control's edge is "edge"
    "rule": "#C8D1DA",  # the faint line between the section list and the question
    "edge": "#6B7785",  # every control's border and unchecked indicator: >= 3.4:1 on every backdrop
    "accent": "#1D5A85",
    "on_accent": "#FFFFFF",
    "accent_soft": "#D6E6F2",
    "danger": "#9E1C1C",
    "danger_soft": "#FBE4E4",
    "ok": "#1E6B3A",
    "pending_ink": "#7A4A00",  # "Not saved, retrying": amber-brown, not alarm red
    "calm_bg": "#E6F0FA",  # pacing banner and break screen
    "calm_ink": "#0F3557",
    "calm_edge": "#2E6DA4",
    "mark_bg": "#FFF1CC",  # "identifying" marker
    "mark_ink": "#5A4300",
    "demo_bg": "#FBE7B0",
    "demo_text": "#4F3500",
    "lock_bg": "#1B2430",
    "lock_text": "#F6F4EF",
    "lock_muted": "#C9D1DB",
    "disabled": "#5F6874",
    "disabled_fill": "#ECEBE7",
    "disabled_edge": "#A7ADB6",  # lighter than "edge": a disabled control looks switched off
}

# (foreground, background) pairs that carry text; each must reach WCAG AA (4.5:1). The test also
# finds every colour/background pair a style sheet rule sets, so this lists the ones it cannot see.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"), ("text", "surface"), ("text", "paper"), ("muted", "bg"), ("muted", "surface"),
    ("muted", "paper"), ("on_accent", "accent"), ("accent", "surface"), ("accent", "bg"),
    ("text", "accent_soft"), ("danger", "surface"), ("danger", "danger_soft"), ("danger", "bg"),
    ("ok", "surface"), ("ok", "paper"), ("pending_ink", "paper"), ("pending_ink", "bg"),
    ("calm_ink", "calm_bg"), ("mark_ink", "mark_bg"), ("demo_text", "demo_bg"),
    ("lock_text", "lock_bg"), ("lock_muted", "lock_bg"), ("disabled", "surface"),
    ("disabled", "bg"), ("disabled", "disabled_fill"), ("text", "calm_bg"),
)

# What controls sit on (WCAG 1.4.11 asks 3:1 against adjacent colours). A rule whose selector
# contains a key below sits only on those backdrops; any other rule sits on every light one.
BACKDROPS: dict[str, tuple[str, ...]] = {
    "": ("bg", "surface", "paper", "calm_bg"),
    "#lockScreen": ("lock_bg",),
}
# Selectors (the last part of a rule's selector) that name a control whose edge must show.
CONTROL_SELECTORS: tuple[str, ...] = (
    "QPushButton", "QToolButton", "QLineEdit", "QPlainTextEdit", "QTextEdit", "QComboBox",
    "QAbstractSpinBox", "QDateEdit", "QSpinBox", "QTabBar::tab", "QScrollBar::handle",
)
TEXTLESS_CONTROLS: tuple[str, ...] = ("QScrollBar::handle",)

# Checkbox ("check") and radio indicators, painted by ui/indicators.py. Enabled looks need their
# edge (or fill) at 3:1 on every light backdrop and their mark at 3:1 on their fill.
INDICATOR_LOOKS: dict[tuple[str, str], IndicatorLook] = {
    ("check", "off"): IndicatorLook("edge", "surface", None),
    ("check", "on"): IndicatorLook("accent", "accent", "on_accent"),
    ("check", "mixed"): IndicatorLook("accent", "surface", "accent"),
    ("radio", "off"): IndicatorLook("edge", "surface", None),
    ("radio", "on"): IndicatorLook("accent", "surface", "accent"),
    ("check", "off_disabled"): IndicatorLook("disabled_edge", "disabled_fill", None),
    ("check", "on_disabled"): IndicatorLook("disabled_edge", "disabled_fill", "disabled"),
    ("check", "mixed_disabled"): IndicatorLook("disabled_edge", "disabled_fill", "disabled"),
    ("radio", "off_disabled"): IndicatorLook("disabled_edge", "disabled_fill", None),
    ("radio", "on_disabled"): IndicatorLook("disabled_edge", "disabled_fill", "disabled"),
}
FOCUS_RING = "accent"  # drawn around a focused indicator
HOVER_EDGE = "accent"  # an unchecked indicator under the mouse

BASE_POINT_SIZE = 12  # large plain type: readable on a small field laptop at arm's length

_TEMPLATES: dict[str, str] = {}  # every style sheet in the app, by name, as written (with @names)


def relative_luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(fg: str, bg: str) -> float:
    a, b = sorted((relative_luminance(fg), relative_luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def fill_colours(template: str) -> str:
    """`template` with each @name replaced by its colour (KeyError for a name not in COLOURS)."""
    return re.sub(r"@([a-z_]+)", lambda m: COLOURS[m.group(1)], template)


def register_style_sheet(name: str, template: str) -> str:
    """Record a widget's style sheet (for the contrast test) and return it with colours filled."""
    _TEMPLATES[name] = template
    return fill_colours(template)


def style_sheet_templates() -> dict[str, str]:
    """Every registered style sheet, as written; the shell's own under "shell"."""
    return {"shell": resource("style.qss").read_text(encoding="utf-8"), **_TEMPLATES}


def style_sheet() -> str:
    """resources/style.qss with each @name replaced by its colour."""
    return fill_colours(style_sheet_templates()["shell"])


def monospace_font(point_size: int = BASE_POINT_SIZE) -> QFont:
    from PySide6.QtGui import QFontDatabase

    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    return font


def indicator_style() -> IndicatorStyle:
    """Fusion with the theme's checkbox and radio indicators."""
    from intake_app.ui.indicators import IndicatorStyle

    return IndicatorStyle(
        lambda name: QColor(COLOURS[name]),
        lambda kind, state: INDICATOR_LOOKS[(kind, state)],
        FOCUS_RING,
        HOVER_EDGE,
    )


def apply(app: QApplication, *, indicators: bool = True) -> None:
    """Style, font, palette and style sheet. `indicators=False` is for start-up: the lock screen
    has no checkbox or radio, so the style Qt was started with (Fusion, see ui/app.py) paints it
    the same, and the painted indicators (which load Qt's enum namespaces, ~17 ms) wait for
    `apply(app)` after its first paint."""
    if indicators and not app.property("intake_indicators"):
        app.setStyleSheet("")  # app.style() would be the style sheet's wrapper
        app.setStyle(indicator_style())
        app.setProperty("intake_indicators", True)
    font = app.font()
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    palette = app.palette()
    roles = {
        QPalette.ColorRole.Window: "bg", QPalette.ColorRole.WindowText: "text",
        QPalette.ColorRole.Base: "surface", QPalette.ColorRole.AlternateBase: "bg",
        QPalette.ColorRole.Text: "text", QPalette.ColorRole.Button: "surface",
        QPalette.ColorRole.ButtonText: "text", QPalette.ColorRole.Highlight: "accent",
        QPalette.ColorRole.HighlightedText: "on_accent", QPalette.ColorRole.ToolTipBase: "surface",
        QPalette.ColorRole.ToolTipText: "text", QPalette.ColorRole.PlaceholderText: "muted",
    }
    for role, name in roles.items():
        palette.setColor(role, QColor(COLOURS[name]))
    disabled = {
        QPalette.ColorRole.Text: "disabled", QPalette.ColorRole.ButtonText: "disabled",
        QPalette.ColorRole.WindowText: "disabled", QPalette.ColorRole.Base: "disabled_fill",
        QPalette.ColorRole.Button: "disabled_fill",
    }
    for role, name in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(COLOURS[name]))
    app.setPalette(palette)
    app.setStyleSheet(style_sheet())
