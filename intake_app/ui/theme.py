"""A calm, high-contrast theme: named colours, the style sheet that uses them, large plain type."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from intake_app.paths import resource

# Every colour the shell uses. The style sheet refers to them as @name, never as raw hex, so the
# contrast test below covers everything a person reads.
COLOURS: dict[str, str] = {
    "bg": "#F6F4EF",  # warm off-white: less glare at 2 a.m. than pure white
    "surface": "#FFFFFF",
    "text": "#1B2430",
    "muted": "#46505E",
    "border": "#8A94A3",
    "accent": "#1D5A85",
    "on_accent": "#FFFFFF",
    "accent_soft": "#D6E6F2",
    "danger": "#9E1C1C",
    "danger_soft": "#FBE4E4",
    "ok": "#1E6B3A",
    "demo_bg": "#FBE7B0",
    "demo_text": "#4F3500",
    "lock_bg": "#1B2430",
    "lock_text": "#F6F4EF",
    "lock_muted": "#C9D1DB",
    "disabled": "#5F6874",
}

# (foreground, background) pairs that carry text; each must reach WCAG AA (4.5:1).
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"), ("text", "surface"), ("muted", "bg"), ("muted", "surface"),
    ("on_accent", "accent"), ("accent", "surface"), ("accent", "bg"), ("text", "accent_soft"),
    ("danger", "surface"), ("danger", "danger_soft"), ("danger", "bg"), ("ok", "surface"),
    ("demo_text", "demo_bg"), ("lock_text", "lock_bg"), ("lock_muted", "lock_bg"),
    ("disabled", "surface"), ("disabled", "bg"),
)

BASE_POINT_SIZE = 12  # large plain type: readable on a small field laptop at arm's length


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


def style_sheet() -> str:
    """resources/style.qss with each @name replaced by its colour."""
    text = resource("style.qss").read_text(encoding="utf-8")

    def colour(match: re.Match[str]) -> str:
        return COLOURS[match.group(1)]

    return re.sub(r"@([a-z_]+)", colour, text)


def monospace_font(point_size: int = BASE_POINT_SIZE) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(point_size)
    return font


def apply(app: QApplication) -> None:
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
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(COLOURS["disabled"]))
    palette.setColor(
        QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(COLOURS["disabled"])
    )
    app.setPalette(palette)
    app.setStyleSheet(style_sheet())
