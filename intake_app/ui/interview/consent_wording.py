"""The consent wording and printable summary, in the person's language, built from the choices."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate

from intake_app.domain.consent import Category, Method, Purpose
from intake_app.ui.interview.translations import PersonText

CATEGORY_ORDER: tuple[Category, ...] = (
    Category.IDENTITY,
    Category.CONTACT,
    Category.EXPERIENCE,
    Category.NEEDS,
    Category.SAFETY,
    Category.IMMIGRATION,
)

_CATEGORY = {
    Category.IDENTITY: QT_TRANSLATE_NOOP("PersonFacing", "who I am (name, date of birth)"),
    Category.CONTACT: QT_TRANSLATE_NOOP("PersonFacing", "how to contact me (phone, address)"),
    Category.EXPERIENCE: QT_TRANSLATE_NOOP("PersonFacing", "what happened to me"),
    Category.NEEDS: QT_TRANSLATE_NOOP("PersonFacing", "the help I need"),
    Category.SAFETY: QT_TRANSLATE_NOOP("PersonFacing", "my safety situation"),
    Category.IMMIGRATION: QT_TRANSLATE_NOOP("PersonFacing", "my immigration situation"),
}
_PURPOSE = {
    Purpose.SERVICES_REFERRAL: QT_TRANSLATE_NOOP(
        "PersonFacing", "to connect me with services and support"
    ),
    Purpose.LAW_ENFORCEMENT: QT_TRANSLATE_NOOP(
        "PersonFacing", "for the police to investigate what happened"
    ),
    Purpose.CASE_COORDINATION: QT_TRANSLATE_NOOP(
        "PersonFacing", "so the agencies helping me can work together on my case"
    ),
    Purpose.OTHER: QT_TRANSLATE_NOOP("PersonFacing", "for this purpose: {words}"),
}
_METHOD = {
    Method.VERBAL: QT_TRANSLATE_NOOP("PersonFacing", "You said yes out loud."),
    Method.WRITTEN: QT_TRANSLATE_NOOP("PersonFacing", "You agreed in writing."),
    Method.SIGNED: QT_TRANSLATE_NOOP("PersonFacing", "You signed it."),
}
_AGREE = QT_TRANSLATE_NOOP(
    "PersonFacing", "I agree that {recipient} may receive this information about me: {what}."
)
_PURPOSE_LINE = QT_TRANSLATE_NOOP("PersonFacing", "It may be used only {purpose}.")
_UNTIL = QT_TRANSLATE_NOOP(
    "PersonFacing",
    "This agreement lasts until {date}. After that date nothing more is shared unless I agree "
    "again.",
)
_WITHDRAW = QT_TRANSLATE_NOOP(
    "PersonFacing",
    "I can withdraw this agreement at any time, without giving a reason. If I do, {recipient} "
    "will be told. Saying no, or withdrawing, does not change the help I receive.",
)
_INTERPRETER = QT_TRANSLATE_NOOP(
    "PersonFacing", "This was explained to me with the help of an interpreter."
)
_AND = QT_TRANSLATE_NOOP("PersonFacing", "and")

_S_TITLE = QT_TRANSLATE_NOOP("PersonFacing", "Your agreement to share information")
_S_WORDING = QT_TRANSLATE_NOOP("PersonFacing", "What you agreed to")
_S_WHO = QT_TRANSLATE_NOOP("PersonFacing", "With whom")
_S_WHAT = QT_TRANSLATE_NOOP("PersonFacing", "What may be shared")
_S_WHY = QT_TRANSLATE_NOOP("PersonFacing", "What for")
_S_UNTIL = QT_TRANSLATE_NOOP("PersonFacing", "Until")
_S_GIVEN = QT_TRANSLATE_NOOP("PersonFacing", "Agreed on")
_S_HOW = QT_TRANSLATE_NOOP("PersonFacing", "How you agreed")
_S_CHANGE = QT_TRANSLATE_NOOP("PersonFacing", "If you change your mind")
_S_CHANGE_TEXT = QT_TRANSLATE_NOOP(
    "PersonFacing",
    "You can withdraw this agreement at any time, for any reason, and you do not have to explain "
    "why. Tell the person who helped you today, or anyone at the agency that gave you this "
    "paper. We will tell {recipient} to stop using your information. The help you receive will "
    "not change.",
)
# Signed on paper: the agency's copy carries the signatures (the person's copy stays nameless).
_S_SIGN = QT_TRANSLATE_NOOP("PersonFacing", "Signatures (the agency's copy)")
_S_SIGN_PERSON = QT_TRANSLATE_NOOP("PersonFacing", "Signature of the person")
_S_SIGN_GUARDIAN = QT_TRANSLATE_NOOP("PersonFacing", "Signature of the parent or guardian")
_S_SIGN_STAFF = QT_TRANSLATE_NOOP("PersonFacing", "Signature of the staff member who explained it")
_S_DATE = QT_TRANSLATE_NOOP("PersonFacing", "Date")
_S_SIGN_NOTE = QT_TRANSLATE_NOOP(
    "PersonFacing", "Print this twice: one copy is signed and kept by the agency (scanned into the"
    " case, encrypted); the other, unsigned, is yours.",
)
_S_KEEP = QT_TRANSLATE_NOOP(
    "PersonFacing", "This paper does not show your name. Keep it somewhere safe, or ask us to "
    "keep it for you.",
)


@dataclass(frozen=True, slots=True)
class ConsentChoices:
    """What the interviewer entered, enough to word the consent for the person."""

    recipient_name: str
    purpose: Purpose
    categories: frozenset[Category]
    expires_on: date
    interpreter: bool = False
    purpose_text: str | None = None  # another purpose, in the words the person agreed to


def _join(items: list[str], text: PersonText) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {text(str(_AND))} " + items[-1]


def category_phrase(category: Category, language: str) -> str:
    """The person-facing name of a category of information."""
    return PersonText(language)(str(_CATEGORY[category]))


def _what(choices: ConsentChoices, text: PersonText) -> str:
    return _join(
        [text(str(_CATEGORY[c])) for c in CATEGORY_ORDER if c in choices.categories], text
    )


def _purpose(choices: ConsentChoices, text: PersonText) -> str:
    return text(str(_PURPOSE[choices.purpose])).format(words=choices.purpose_text or "")


def _date(day: date, text: PersonText) -> str:
    return text.date(QDate(day.year, day.month, day.day))


def consent_wording(choices: ConsentChoices, language: str) -> str:
    """The consent as read to the person: with whom, what, what for, until when, how to withdraw."""
    text = PersonText(language)
    lines = [
        text(str(_AGREE)).format(recipient=choices.recipient_name, what=_what(choices, text)),
        text(str(_PURPOSE_LINE)).format(purpose=_purpose(choices, text)),
        text(str(_UNTIL)).format(date=_date(choices.expires_on, text)),
        text(str(_WITHDRAW)).format(recipient=choices.recipient_name),
    ]
    if choices.interpreter:
        lines.append(text(str(_INTERPRETER)))
    return "\n\n".join(lines)


def _signature_block(text: PersonText, guardian: bool) -> str:
    """Lines to sign on paper: the person, the guardian when one consented, the staff member."""
    e = html.escape
    line = "_" * 34
    who = [_S_SIGN_PERSON, *([_S_SIGN_GUARDIAN] if guardian else []), _S_SIGN_STAFF]
    rows = "".join(
        f"<tr><td style='padding:18px 16px 0 0'>{e(text(str(w)))}<br/>{line}</td>"
        f"<td style='padding:18px 0 0 0'>{e(text(str(_S_DATE)))}<br/>{'_' * 14}</td></tr>"
        for w in who
    )
    return (f"<h2 style='font-size:16pt'>{e(text(str(_S_SIGN)))}</h2>"
            f"<p style='font-size:11pt'>{e(text(str(_S_SIGN_NOTE)))}</p>"
            f"<table cellspacing='0'>{rows}</table>")


def summary_html(
    choices: ConsentChoices, method: Method, wording: str, language: str, given_on: date,
    guardian: bool = False,
) -> str:
    """The printable summary for the person, as HTML for a QTextDocument; signed on paper, it
    ends with the lines to sign (`guardian`: a parent or guardian consented too)."""
    text = PersonText(language)
    e = html.escape
    what = "".join(
        f"<li>{e(text(str(_CATEGORY[c])))}</li>" for c in CATEGORY_ORDER if c in choices.categories
    )
    rows = [
        (text(str(_S_WHO)), e(choices.recipient_name)),
        (text(str(_S_WHAT)), f"<ul style='margin:0'>{what}</ul>"),
        (text(str(_S_WHY)), e(_purpose(choices, text))),
        (text(str(_S_GIVEN)), e(_date(given_on, text))),
        (text(str(_S_UNTIL)), f"<b>{e(_date(choices.expires_on, text))}</b>"),
        (text(str(_S_HOW)), e(text(str(_METHOD[method])))),
    ]
    table = "".join(
        f"<tr><td style='padding:6px 16px 6px 0' valign='top'><b>{e(k)}</b></td>"
        f"<td style='padding:6px 0' valign='top'>{v}</td></tr>"
        for k, v in rows
    )
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in wording.split("\n\n"))
    change = e(text(str(_S_CHANGE_TEXT)).format(recipient=choices.recipient_name))
    return (
        f"<html lang='{e(language)}'><body style='font-size:13pt; color:#000'>"
        f"<h1 style='font-size:22pt'>{e(text(str(_S_TITLE)))}</h1>"
        f"<table cellspacing='0'>{table}</table>"
        f"<h2 style='font-size:16pt'>{e(text(str(_S_WORDING)))}</h2>{paragraphs}"
        f"<h2 style='font-size:16pt'>{e(text(str(_S_CHANGE)))}</h2><p>{change}</p>"
        f"<p style='font-size:11pt'><i>{e(text(str(_S_KEEP)))}</i></p>"
        f"{_signature_block(text, guardian) if method is Method.WRITTEN else ''}"
        "</body></html>"
    )
