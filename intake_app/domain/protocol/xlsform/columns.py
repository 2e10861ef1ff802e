"""Field Intake's own columns (intake::...) on an XLSForm row, and the safe defaults without them.

    intake::note::<Language (code)>  the interviewer's note: why we ask, how to ask
    intake::sensitivity              low | medium | high
    intake::category                 identity | contact | experience | needs | safety | immigration
    intake::identifying              yes | no
    intake::fills                    the case field the answer fills (preferred_name, legal_name,
                                     date_of_birth, contact, immigration)
    intake::roles                    advocate and/or officer, space separated (default: all)
    intake::age                      yes: the answer gives the person's age (minor reminder)
    intake::danger                   answers that signal immediate danger, space separated
    intake::indicator                "group: value value", e.g. "debt: yes"; several tags are
                                     separated by ";" ("debt: yes; documents: yes")
    intake::indicators (choices)     the indicator groups choosing that option feeds, space
                                     separated (e.g. "documents debt")
    intake::feeds                    "fact" or "fact: option=value option=value"
    intake::type                     language: a text question whose answer is a language

Without intake::note, the note is the row's hint and guidance_hint (ODK shows both to whoever
fills in the form, here the interviewer), one paragraph each; with it, a hint is refused.

Without them, a question whose name looks identifying (IDENTITY_WORDS, CONTACT_WORDS) is
identifying, of high sensitivity and in the identity or contact category; any other question
is not identifying, of medium sensitivity, in the experience category.
"""

from __future__ import annotations

import re
from typing import Any

from pyxform.aliases import yes_no

from intake_app.domain.protocol.xlsform.expressions import ExpressionRefused

IDENTITY_WORDS = frozenset({
    "name", "names", "surname", "firstname", "lastname", "fullname", "alias", "nickname",
    "dob", "birth", "birthday", "birthdate", "dateofbirth", "passport", "ssn",
})  # fmt: skip
CONTACT_WORDS = frozenset({
    "phone", "telephone", "tel", "mobile", "cellphone", "whatsapp", "email", "address",
    "street", "contact", "location", "gps", "geopoint", "coordinates", "residence",
})  # fmt: skip
DEFAULT_NOTE = {
    "en": "The form gives no interviewer note for this question.",
    "es": "El formulario no trae ninguna nota para quien entrevista en esta pregunta.",
}
_KNOWN = frozenset({"note", "sensitivity", "category", "identifying", "fills", "roles", "age",
                    "danger", "indicator", "feeds", "type"})
_LANGUAGE = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$")


class ColumnProblem(ExpressionRefused):
    """A Field Intake column with a value that cannot be read (same reason/detail shape)."""


def language_code(header: str, default_code: str | None) -> str:
    """"Español (es)" -> "es"; pyxform's "default" (no ::language) -> the default language."""
    if header == "default":
        if default_code is None:
            raise ColumnProblem("language_code_missing", "without ::language")
        return default_code
    found = _LANGUAGE.search(header)
    if found is None:
        raise ColumnProblem("language_code_missing", header)
    return found.group(1).lower()


def localized(value: object, default_code: str | None) -> dict[str, str]:
    """A pyxform text (a string, or a dict by language header) as texts by language code."""
    if value is None:
        return {}
    items = value.items() if isinstance(value, dict) else [("default", value)]
    texts = {language_code(str(k), default_code): str(v) for k, v in items}
    for text in texts.values():
        if "${" in text:  # ODK fills in an earlier answer there; shown raw, it would mislead
            raise ColumnProblem("label_reference", text)
    return texts


def hint_note(hint: object, guidance: object, default_code: str | None) -> dict[str, str] | None:
    """The note from a row's hint and guidance_hint, one paragraph each (None without both); the
    two in other languages would leave a language's note short of one, so that is refused."""
    hints, guides = localized(hint, default_code), localized(guidance, default_code)
    if not hints and not guides:
        return None
    if hints and guides and set(hints) != set(guides):
        odd = sorted(set(hints) ^ set(guides))[0]
        raise ColumnProblem("hint_languages", odd)
    return {lang: "\n\n".join(t for t in (hints.get(lang), guides.get(lang)) if t)
            for lang in sorted(set(hints) | set(guides))}


def flag(value: object, column: str) -> bool:
    found = yes_no.get(str(value).strip())
    if found is None:
        raise ColumnProblem("intake_value", f"{column} must be yes or no, not {value!r}")
    return bool(found)


def _words(name: str) -> set[str]:
    lowered = name.lower()
    return {*re.split(r"[^a-z0-9]+", lowered), re.sub(r"[^a-z0-9]", "", lowered)}


def looks_identifying(name: str) -> str | None:
    """The category a name suggests for an identifying question, or None."""
    words = _words(name)
    if words & IDENTITY_WORDS:
        return "identity"
    if words & CONTACT_WORDS:
        return "contact"
    return None


def _values(text: str, qtype: str) -> list[Any]:
    out: list[Any] = []
    for word in text.split():
        if qtype == "number":
            try:
                out.append(float(word) if "." in word else int(word))
            except ValueError:
                raise ColumnProblem("intake_value", f"{word!r} is not a number") from None
        else:
            out.append(word)
    if not out:
        raise ColumnProblem("intake_value", "a value list is empty")
    return out


def _test(values: list[Any]) -> dict[str, Any]:
    return {"equals": values[0]} if len(values) == 1 else {"in": values}


def metadata(raw: object, name: str, qtype: str, languages: set[str],
             default_code: str | None) -> dict[str, Any]:
    """The question's Field Intake fields (raw protocol JSON) from its intake:: cells."""
    cells: dict[str, Any] = dict(raw) if isinstance(raw, dict) else {}
    unknown = sorted(set(cells) - _KNOWN)
    if unknown:
        raise ColumnProblem("intake_column_unknown", unknown[0])
    suggested = looks_identifying(name)
    identifying = (flag(cells["identifying"], "intake::identifying") if "identifying" in cells
                   else suggested is not None)
    out: dict[str, Any] = {
        "note": localized(cells.get("note"), default_code)
        or {lang: DEFAULT_NOTE[lang] for lang in sorted(languages) if lang in DEFAULT_NOTE},
        "sensitivity": str(cells.get("sensitivity", "high" if identifying else "medium")),
        "category": str(cells.get("category", (suggested or "identity") if identifying
                                  else "experience")),
        "identifying": identifying,
    }
    if "roles" in cells:
        out["roles"] = str(cells["roles"]).split()
    if "age" in cells and flag(cells["age"], "intake::age"):
        out["age"] = True
    if "danger" in cells:
        out["danger"] = _test(_values(str(cells["danger"]), qtype))
    if "indicator" in cells:
        tags = []
        for part in str(cells["indicator"]).split(";"):
            group, sep, when = part.partition(":")
            if not sep:
                raise ColumnProblem("intake_value", "intake::indicator is 'group: value value'")
            tags.append({"group": group.strip(), "when": _test(_values(when, qtype))})
        out["indicator"] = tags[0] if len(tags) == 1 else tags
    if "fills" in cells:
        out["fills"] = str(cells["fills"]).strip()
    if "feeds" in cells:
        out["feeds"] = _feeds(str(cells["feeds"]))
    return out


def _feeds(text: str) -> str | dict[str, Any]:
    fact, sep, rest = text.partition(":")
    if not sep:
        return fact.strip()
    mapping: dict[str, str] = {}
    for pair in rest.split():
        option, eq, value = pair.partition("=")
        if not eq or option in mapping:
            raise ColumnProblem("intake_value", "intake::feeds is 'fact: option=value ...'")
        mapping[option] = value
    return {"fact": fact.strip(), "map": mapping}
