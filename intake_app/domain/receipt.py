"""The disclosure receipt: a paper for the person saying, in their language, what about them
was shared with whom, what for, until when, and how to take it back.

Pure: it is built from consents, the shares sent under them (with the files that went), the
HTCDS files handed over under them and the agencies' names, all plain data, and holds finished
sentences, so the PDF, a test and the command line read the same words. Like the reports'
labels, the words are data in both languages: the paper speaks the person's language whatever
the laptop's screens speak. Nothing identifying is ever an input: the case is named by its code
only, a guardian is "your parent or guardian", never their name, and a file by its kind, what it
is about and the day it was added, never by its label (staff may have written the person's name
in it, and the paper says it shows no name).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from intake_app.domain.attachments import FileKind
from intake_app.domain.consent import Category, Consent, GivenBy, Method, Purpose, day_of

LANGUAGES = ("en", "es")
CATEGORY_ORDER = (Category.IDENTITY, Category.CONTACT, Category.EXPERIENCE, Category.NEEDS,
                  Category.SAFETY, Category.IMMIGRATION)

# The category and purpose phrases are the consent wording's own (ui/interview/consent_wording),
# so the receipt names things the way the person heard them when they agreed.
_CATEGORY: dict[Category, tuple[str, str]] = {
    Category.IDENTITY: ("who you are (name, date of birth)",
                        "quién es usted (nombre, fecha de nacimiento)"),
    Category.CONTACT: ("how to contact you (phone, address)",
                       "cómo comunicarse con usted (teléfono, dirección)"),
    Category.EXPERIENCE: ("what happened to you", "lo que le pasó"),
    Category.NEEDS: ("the help you need", "la ayuda que necesita"),
    Category.SAFETY: ("your safety situation", "su situación de seguridad"),
    Category.IMMIGRATION: ("your immigration situation", "su situación migratoria"),
}
_PURPOSE: dict[Purpose, tuple[str, str]] = {
    Purpose.SERVICES_REFERRAL: ("to connect you with services and support",
                                "para ponerle en contacto con servicios y apoyo"),
    Purpose.LAW_ENFORCEMENT: ("for the police to investigate what happened",
                              "para que la policía investigue lo que pasó"),
    Purpose.CASE_COORDINATION: ("so the agencies helping you can work together on your case",
                                "para que las agencias que le ayudan trabajen juntas en su caso"),
    Purpose.OTHER: ("for this purpose: {words}", "para este fin: {words}"),
}
_METHOD: dict[Method, tuple[str, str]] = {
    Method.VERBAL: ("You said yes out loud.", "Usted dijo que sí en voz alta."),
    Method.WRITTEN: ("You agreed in writing.", "Usted lo aceptó por escrito."),
    Method.SIGNED: ("You signed it.", "Usted lo firmó."),
}
_GIVEN_BY: dict[GivenBy, tuple[str, str]] = {
    GivenBy.PERSON: ("", ""),
    GivenBy.GUARDIAN: ("Your parent or guardian agreed for you.",
                       "Su madre, padre o tutor lo aceptó por usted."),
    GivenBy.BOTH: ("You and your parent or guardian agreed together.",
                   "Usted y su madre, padre o tutor lo aceptaron juntos."),
}
_KIND: dict[FileKind, tuple[str, str]] = {
    FileKind.PNG: ("a picture (PNG)", "una imagen (PNG)"),
    FileKind.JPEG: ("a photo (JPEG)", "una foto (JPEG)"),
    FileKind.PDF: ("a PDF document", "un documento PDF"),
    FileKind.OTHER: ("a file", "un archivo"),
}
_MONTHS = (
    ("January", "enero"), ("February", "febrero"), ("March", "marzo"), ("April", "abril"),
    ("May", "mayo"), ("June", "junio"), ("July", "julio"), ("August", "agosto"),
    ("September", "septiembre"), ("October", "octubre"), ("November", "noviembre"),
    ("December", "diciembre"),
)
_WORDS: dict[str, tuple[str, str]] = {
    "title": ("What was shared about you", "Lo que se compartió sobre usted"),
    "case": ("Your case number: {code}", "Su número de caso: {code}"),
    "made": ("This paper was made on {date}.", "Este papel se hizo el {date}."),
    "intro": (
        "This paper lists each time you agreed that another agency may receive information "
        "about you, and what was actually sent to it. You decide: you can change your mind "
        "about any of it.",
        "Este papel muestra cada vez que usted aceptó que otra agencia reciba información "
        "sobre usted, y lo que de verdad se le envió. Usted decide: puede cambiar de opinión "
        "sobre cualquier parte.",
    ),
    "none": (
        "No agreement to share your information has been recorded, and nothing about you has "
        "been sent to another agency.",
        "No hay ningún acuerdo registrado para compartir su información, y no se ha enviado "
        "nada sobre usted a otra agencia.",
    ),
    "what": ("What may be shared", "Qué se puede compartir"),
    "why": ("What for", "Para qué"),
    "given": ("Agreed on", "Aceptado el"),
    "until": ("Until", "Hasta"),
    "how": ("How you agreed", "Cómo lo aceptó"),
    "interpreter": ("An interpreter helped explain it.", "Un intérprete ayudó a explicarlo."),
    "live": ("In force until {date}.", "Vigente hasta el {date}."),
    "expired": ("Ended on {date}. Nothing more is sent under it.",
                "Terminó el {date}. Ya no se envía nada con este acuerdo."),
    "withdrawn": (
        "You withdrew it on {date}. Nothing more is sent, and {recipient} was asked to delete "
        "what it received.",
        "Usted lo retiró el {date}. No se envía nada más, y se pidió a {recipient} que borre "
        "lo que recibió.",
    ),
    "sent": ("What was sent", "Lo que se envió"),
    "sent_on": ("On {date}: {what}.", "El {date}: {what}."),
    "referral_on": ("On {date}, with a referral: {what}.", "El {date}, con una derivación: {what}."),
    "file": ("A file went with it, added to your case on {date}: {kind} about {what}.",
             "Con este envío se mandó un archivo, añadido a su caso el {date}: {kind} sobre {what}."),
    "handed_on": ("On {date}, a file was handed to {recipient} {purpose}. It holds: {what}.",
                  "El {date}, se entregó un archivo a {recipient} {purpose}. Contiene: {what}."),
    "handed_note": (
        "A file handed over stays with the agency that received it: withdrawing your agreement "
        "later cannot take it back. You can ask that agency to delete it.",
        "Un archivo ya entregado queda en la agencia que lo recibió: retirar su acuerdo más "
        "tarde no puede recuperarlo. Puede pedir a esa agencia que lo borre.",
    ),
    "nothing_sent": ("Nothing has been sent under this agreement.",
                     "No se ha enviado nada con este acuerdo."),
    "unknown_agency": ("an agency that is no longer our partner",
                       "una agencia que ya no es nuestra socia"),
    "withdraw_title": ("If you change your mind", "Si cambia de opinión"),
    "withdraw": (
        "You can withdraw any of these agreements at any time, for any reason, and you do not "
        "have to explain why. Tell us in words or in writing: the person who helped you, or "
        "anyone at {agency}. From then on nothing more about you is sent, and we ask the agency "
        "that received your information to delete it. The help you receive will not change.",
        "Usted puede retirar cualquiera de estos acuerdos en cualquier momento, por cualquier "
        "motivo, y no tiene que explicar por qué. Díganoslo de palabra o por escrito: a la "
        "persona que le ayudó, o a cualquier persona de {agency}. Desde ese momento no se envía "
        "nada más sobre usted, y pedimos a la agencia que recibió su información que la borre. "
        "La ayuda que recibe no cambiará.",
    ),
    "our_agency": ("the agency that gave you this paper", "la agencia que le dio este papel"),
    "reach": ("How to reach {agency}:", "Cómo comunicarse con {agency}:"),
    "keep": (
        "This paper does not show your name. Keep it somewhere safe, or ask us to keep it for "
        "you.",
        "Este papel no muestra su nombre. Guárdelo en un lugar seguro, o pídanos que se lo "
        "guardemos.",
    ),
    "and": ("and", "y"),
}


@dataclass(frozen=True, slots=True)
class SentShare:
    """One share sent (or queued to go) to a recipient: when, what kinds of information, and
    under which consents. No value of the case is here: categories only."""

    sent_at: datetime
    categories: frozenset[Category]
    consent_ids: tuple[int, ...]
    referral: bool = False
    files: tuple[SentFile, ...] = ()  # a share recorded before files were recorded lists none


@dataclass(frozen=True, slots=True)
class SentFile:
    """A file that went with a share: its kind, what it is about, when it was added to the case.
    Never its label."""

    kind: FileKind
    category: Category
    added_at: datetime


@dataclass(frozen=True, slots=True)
class HandedFile:
    """A file made for a partner and handed over outside the sharing (an HTCDS export): when,
    what for, what kinds of information, under which consents. Categories only, no value."""

    handed_at: datetime
    purpose: Purpose
    purpose_text: str | None
    categories: frozenset[Category]
    consent_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReceiptEntry:
    """One agreement, in words: a heading (the agency), its state, a few labelled lines, and
    what went under it."""

    consent_id: int
    recipient: str
    state: str
    withdrawn: bool
    expired: bool
    rows: tuple[tuple[str, str], ...]
    sent: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Receipt:
    """The receipt as finished sentences in `language`. Printed in this order: the heading, how to
    withdraw (on the first page, whatever follows), the agreements, the note on keeping it."""

    language: str
    title: str
    case_line: str
    made_line: str
    intro: str
    entries: tuple[ReceiptEntry, ...]
    none_text: str
    sent_heading: str
    withdraw_heading: str
    withdraw_text: str
    handed_note: str  # "" unless a file was handed over: a withdrawal cannot take it back
    reach_line: str
    contacts: tuple[str, ...]
    keep_text: str

    def plain_text(self) -> str:
        """Every word of the receipt, one line each (for the command line and for tests)."""
        lines = [self.title, self.case_line, self.made_line, "", self.intro, "",
                 self.withdraw_heading, self.withdraw_text]
        if self.handed_note:
            lines.append(self.handed_note)
        if self.contacts:
            lines += [self.reach_line, *self.contacts]
        lines.append("")
        if not self.entries:
            lines += [self.none_text, ""]
        for entry in self.entries:
            lines += [entry.recipient, entry.state]
            lines += [f"{label}: {value}" for label, value in entry.rows]
            lines += [self.sent_heading, *entry.sent, ""]
        lines.append(self.keep_text)
        return "\n".join(lines)


def receipt_language(case_language: str | None, consents: Sequence[Consent]) -> str:
    """The person's language: the case's own, else the one their latest consent was given in,
    else English. The case's field is free text ("Spanish", "es-MX", "español"), so it is read
    loosely; a language the receipt does not speak falls through to the consent's."""
    for candidate in (case_language, *(c.language for c in sorted(
            consents, key=lambda c: c.given_at, reverse=True))):
        found = _language_code(candidate)
        if found is not None:
            return found
    return "en"


def _language_code(text: str | None) -> str | None:
    word = (text or "").strip().casefold().replace("_", "-")
    if not word:
        return None
    if word.split("-")[0] == "es" or word.startswith(("spanish", "español", "espanol",
                                                      "castellano")):
        return "es"
    if word.split("-")[0] == "en" or word.startswith(("english", "inglés", "ingles")):
        return "en"
    return None


def build_receipt(
    *,
    case_code: str,
    consents: Sequence[Consent],
    shares: Sequence[SentShare],
    agency_names: Mapping[str, str],
    language: str,
    now: datetime,
    own_agency: str | None = None,
    own_contacts: Sequence[str] = (),
    zone: tzinfo | None = None,
    handed: Sequence[HandedFile] = (),
) -> Receipt:
    """The receipt for one case. `agency_names` maps recipient agency ids to their names (an
    id with no name is worded as an agency no longer a partner); `zone` is where the days are
    counted (default the laptop's own); `handed`: the files handed over (HTCDS exports)."""
    if language not in LANGUAGES:
        raise ValueError("the receipt speaks English (en) and Spanish (es)")
    words = _Words(language)
    # What is in force first: that is what the person may want to act on; then what ended.
    ordered = sorted(consents, key=lambda c: (not c.is_live(now), c.given_at, c.id))
    entries = tuple(_entry(c, shares, handed, agency_names, words, now, zone) for c in ordered)
    agency = own_agency or words("our_agency")
    return Receipt(
        language=language,
        title=words("title"),
        case_line=words("case").format(code=case_code),
        made_line=words("made").format(date=words.day(day_of(now, zone))),
        intro=words("intro"),
        entries=entries,
        none_text=words("none"),
        sent_heading=words("sent"),
        withdraw_heading=words("withdraw_title"),
        withdraw_text=words("withdraw").format(agency=agency),
        handed_note=words("handed_note") if any(  # only when one is on this paper
            {c.id for c in consents}.intersection(h.consent_ids) for h in handed) else "",
        reach_line=words("reach").format(agency=agency),
        contacts=tuple(own_contacts),
        keep_text=words("keep"),
    )


def _entry(consent: Consent, shares: Sequence[SentShare], handed: Sequence[HandedFile],
           agency_names: Mapping[str, str], words: _Words, now: datetime,
           zone: tzinfo | None) -> ReceiptEntry:
    recipient = agency_names.get(consent.recipient_id) or words("unknown_agency")
    until = words.day(day_of(consent.expires_at, zone))
    withdrawn = consent.withdrawn_at is not None
    expired = not withdrawn and not consent.is_live(now)
    if consent.withdrawn_at is not None:
        state = words("withdrawn").format(date=words.day(day_of(consent.withdrawn_at, zone)),
                                          recipient=recipient)
    elif expired:
        state = words("expired").format(date=until)
    else:
        state = words("live").format(date=until)
    how = " ".join(part for part in (
        words.of(_METHOD[consent.method]), words.of(_GIVEN_BY[consent.given_by]),
        words("interpreter") if consent.interpreter else "") if part)
    rows = (  # the agency is the entry's heading, so no "with whom" line repeats it
        (words("what"), words.categories(consent.categories)),
        (words("why"), words.of(_PURPOSE[consent.purpose]).format(
            words=consent.purpose_text or "")),
        (words("given"), words.day(day_of(consent.given_at, zone))),
        (words("until"), until),
        (words("how"), how),
    )
    # Shares and files handed over, in the order they went; a share's files follow its line.
    went = [(share.sent_at, _sent_lines(share, consent, words, zone))
            for share in shares if consent.id in share.consent_ids]
    went += [(h.handed_at, (_handed_line(h, consent, recipient, words, zone),))
             for h in handed if consent.id in h.consent_ids]
    sent = tuple(line for _, lines in sorted(went, key=lambda w: w[0]) for line in lines)
    return ReceiptEntry(consent.id, recipient, state, withdrawn, expired, rows,
                        sent or (words("nothing_sent"),))


def _sent_lines(share: SentShare, consent: Consent, words: _Words, zone: tzinfo | None
                ) -> tuple[str, ...]:
    # A share may go under several consents to one agency: under each, say what that one let go
    # (and the files of the kinds it covers: a file leaves only under a consent covering it).
    went = share.categories & consent.categories or share.categories
    key = "referral_on" if share.referral else "sent_on"
    line = words(key).format(date=words.day(day_of(share.sent_at, zone)),
                             what=words.categories(went))
    files = tuple(
        words("file").format(date=words.day(day_of(f.added_at, zone)), kind=words.of(_KIND[f.kind]),
                             what=words.of(_CATEGORY[f.category]))
        for f in sorted(share.files, key=lambda f: (f.added_at, f.kind.value, f.category.value))
        if f.category in consent.categories)
    return (line, *files)


def _handed_line(handed: HandedFile, consent: Consent, recipient: str, words: _Words,
                 zone: tzinfo | None) -> str:
    went = handed.categories & consent.categories or handed.categories
    purpose = words.of(_PURPOSE[handed.purpose]).format(words=handed.purpose_text or "")
    return words("handed_on").format(date=words.day(day_of(handed.handed_at, zone)),
                                     recipient=recipient, purpose=purpose,
                                     what=words.categories(went))


class _Words:
    """The words of one language."""

    def __init__(self, language: str) -> None:
        self._index = LANGUAGES.index(language)
        self.language = language

    def __call__(self, key: str) -> str:
        return _WORDS[key][self._index]

    def of(self, pair: tuple[str, str]) -> str:
        return pair[self._index]

    def day(self, day: date) -> str:
        month = _MONTHS[day.month - 1][self._index]
        if self.language == "es":
            return f"{day.day} de {month} de {day.year}"
        return f"{month} {day.day}, {day.year}"

    def categories(self, categories: frozenset[Category]) -> str:
        items = [self.of(_CATEGORY[c]) for c in CATEGORY_ORDER if c in categories]
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self('and')} " + items[-1]
