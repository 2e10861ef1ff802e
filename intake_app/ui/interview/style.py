"""Calm, high-contrast look shared by the interview and consent screens (WCAG AA or better).

Colours come from theme.COLOURS (contrast-tested there); no red anywhere in prompts.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from intake_app.ui.theme import COLOURS, register_style_sheet

INK = COLOURS["text"]
PAPER = COLOURS["paper"]
MUTED = COLOURS["muted"]
CALM_BG = COLOURS["calm_bg"]  # pacing banner and break screen
CALM_INK = COLOURS["calm_ink"]
CALM_EDGE = COLOURS["calm_edge"]
SAVED_INK = COLOURS["ok"]
PENDING_INK = COLOURS["pending_ink"]
MARK_BG = COLOURS["mark_bg"]  # "identifying" marker
MARK_INK = COLOURS["mark_ink"]
FOCUS = COLOURS["accent"]

QUESTION_PT = 22
PERSON_PT = 40
BODY_PT = 12

PAGE_QSS = register_style_sheet("interview", """
QWidget#interviewRoot, QWidget#consentRoot { background: @paper; color: @text; }
QWidget#interviewRoot QScrollArea, QWidget#consentRoot QScrollArea { border: none; }
QWidget#questionPanel, QWidget#questionBody, QWidget#consentForm, QWidget#formRow {
    background: @paper; }
QLabel#questionText { color: @text; }
QLabel#protocolTitle { background: @surface; color: @text; padding: 12px 12px 4px 12px;
    border-right: 1px solid @rule; }
QLabel#muted { color: @muted; }
QLabel#savedOk { color: @ok; font-weight: 600; }
QLabel#savedPending { color: @pending_ink; font-weight: 600; }
QLabel#identifyingMark { background: @mark_bg; color: @mark_ink; border-radius: 4px;
    padding: 2px 8px; font-weight: 600; }
QFrame#pacingBanner, QWidget#breakScreen { background: @calm_bg; color: @calm_ink;
    border: 2px solid @calm_edge; border-radius: 8px; }
QFrame#pacingBanner QLabel, QWidget#breakScreen QLabel { color: @calm_ink; border: none; }
QFrame#notePanel { background: @surface; color: @text; border-left: 3px solid @calm_edge; }
QWidget#noteBody { background: @surface; }
QPushButton { padding: 6px 14px; }
""")


def font(points: int, *, bold: bool = False) -> QFont:
    """The application font at `points`, optionally bold."""
    f = QFont()
    f.setPointSize(points)
    f.setBold(bold)
    return f


def set_font(widget: QWidget, points: int, *, bold: bool = False) -> None:
    widget.setFont(font(points, bold=bold))
