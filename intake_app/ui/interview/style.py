"""Calm, high-contrast look shared by the interview and consent screens (WCAG AA or better)."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

# Every pair below is at least 4.5:1 (most above 7:1); no red anywhere in prompts.
INK = "#1b2631"  # body text on PAPER: 14.9:1
PAPER = "#f7f9fb"
MUTED = "#46525e"  # secondary text on PAPER: 7.6:1
CALM_BG = "#e6f0fa"  # pacing banner and break screen
CALM_INK = "#0f3557"  # on CALM_BG: 11.3:1
CALM_EDGE = "#2e6da4"
SAVED_INK = "#1d6b38"  # "Saved" on PAPER: 6.4:1
PENDING_INK = "#7a4a00"  # "Not saved, retrying" on PAPER: 6.6:1
MARK_BG = "#fff1cc"  # "identifying" marker
MARK_INK = "#5a4300"  # on MARK_BG: 8.1:1
FOCUS = "#1f5fa0"

QUESTION_PT = 22
PERSON_PT = 40
BODY_PT = 12

PAGE_QSS = f"""
QWidget#interviewRoot, QWidget#consentRoot {{ background: {PAPER}; color: {INK}; }}
QLabel#questionText {{ color: {INK}; }}
QLabel#protocolTitle {{ background: #ffffff; color: {INK}; padding: 12px 12px 4px 12px;
    border-right: 1px solid #c8d1da; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#savedOk {{ color: {SAVED_INK}; font-weight: 600; }}
QLabel#savedPending {{ color: {PENDING_INK}; font-weight: 600; }}
QLabel#identifyingMark {{ background: {MARK_BG}; color: {MARK_INK}; border-radius: 4px;
    padding: 2px 8px; font-weight: 600; }}
QFrame#pacingBanner, QWidget#breakScreen {{ background: {CALM_BG}; color: {CALM_INK};
    border: 2px solid {CALM_EDGE}; border-radius: 8px; }}
QFrame#pacingBanner QLabel, QWidget#breakScreen QLabel {{ color: {CALM_INK}; border: none; }}
QFrame#notePanel {{ background: #ffffff; color: {INK}; border-left: 3px solid {CALM_EDGE}; }}
QPushButton {{ padding: 6px 14px; }}
QPushButton:focus, QRadioButton:focus, QCheckBox:focus {{ outline: 2px solid {FOCUS}; }}
"""


def font(points: int, *, bold: bool = False) -> QFont:
    """The application font at `points`, optionally bold."""
    f = QFont()
    f.setPointSize(points)
    f.setBold(bold)
    return f


def set_font(widget: QWidget, points: int, *, bold: bool = False) -> None:
    widget.setFont(font(points, bold=bold))
