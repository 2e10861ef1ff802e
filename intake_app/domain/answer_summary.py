"""What an interview asked and was told, and how each answer changed: pure, from stored rows.

Per question of the interview's protocol (those shown to its role, in order): the answer's state
and its value in the interview's language, or "no answer" (never asked, or cleared by an undo).
Values of identifying questions stay hidden (`hidden`) unless the caller revealed them: the same
rule as the case's identifying details. The service supplies the rows and audits a reveal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from intake_app.domain.answers import Answer, AnswerState, Value
from intake_app.domain.case import InterviewSummary
from intake_app.domain.protocol import (
    AnswerType,
    Protocol,
    Question,
    readable_time,
    visible_questions,
)

# Yes/no answers are stored as codes; they read in the interview's language like its questions.
_YES_NO: dict[str, dict[str, str]] = {"en": {"yes": "Yes", "no": "No"},
                                      "es": {"yes": "Sí", "no": "No"}}


@dataclass(frozen=True, slots=True)
class StoredChange:
    """One row of the answer history, as storage reads it."""

    interview_id: int
    question_id: str
    at: str
    by: int | None  # None: stored before the history was kept
    answer: Answer | None  # None: cleared (no answer)
    previous: Answer | None  # None: there was no answer before

    def __repr__(self) -> str:  # values never reach a log through repr
        return f"StoredChange(interview={self.interview_id}, question={self.question_id})"


@dataclass(frozen=True, slots=True)
class ShownAnswer:
    """An answer as a person reads it: its state, and its value in words unless hidden."""

    state: AnswerState | None  # None: no answer
    text: str | None = None  # the value in the interview's language (None: no value, or hidden)
    hidden: bool = False  # an identifying value, not revealed

    def __repr__(self) -> str:
        return f"ShownAnswer(state={self.state}, hidden={self.hidden})"


@dataclass(frozen=True, slots=True)
class AnswerChangeLine:
    at: str
    by: int | None  # None: recorded before the history was kept
    who: str | None  # the user's name; None when unknown or no longer on this laptop
    now: ShownAnswer
    before: ShownAnswer


@dataclass(frozen=True, slots=True)
class AnswerLine:
    question_id: str
    section: str  # in the interview's language; "" for a question not in the protocol
    question: str  # in the interview's language; the id for a question not in the protocol
    in_protocol: bool
    identifying: bool
    answer: ShownAnswer
    history: tuple[AnswerChangeLine, ...]  # newest first

    def __repr__(self) -> str:
        return f"AnswerLine(question={self.question_id})"


@dataclass(frozen=True, slots=True)
class InterviewAnswers:
    interview: InterviewSummary
    title: str  # the protocol's title in the interview's language (its id if unknown)
    lines: tuple[AnswerLine, ...]
    revealed: bool  # identifying values are shown


def value_text(question: Question | None, value: Value, language: str) -> str:
    """A stored value in words: option labels and yes/no in `language`, numbers as typed, a
    date-time as "2026-12-03 22:00"."""
    options = {} if question is None else {o.id: o.text(language) for o in question.options}
    if isinstance(value, list):
        return ", ".join(options.get(str(v), str(v)) for v in value)
    if question is not None and question.type is AnswerType.YES_NO:
        code = "yes" if value is True or value == "yes" else "no" if value in (False, "no") else None
        if code is not None:
            return _YES_NO.get(language, _YES_NO["en"])[code]
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if question is not None and question.type is AnswerType.DATETIME and isinstance(value, str):
        return readable_time(value)
    return options.get(str(value), str(value))


def _shown(answer: Answer | None, question: Question | None, language: str,
           hide: bool) -> ShownAnswer:
    if answer is None:
        return ShownAnswer(None)
    if answer.value is None:
        return ShownAnswer(answer.state)
    if hide:
        return ShownAnswer(answer.state, None, hidden=True)
    return ShownAnswer(answer.state, value_text(question, answer.value, language))


def summarize(
    interview: InterviewSummary,
    protocol: Protocol | None,
    answers: Mapping[str, Answer],
    changes: Sequence[StoredChange],  # oldest first
    names: Mapping[int, str],
    *,
    reveal: bool,
) -> InterviewAnswers:
    """The answer summary of one interview. A question the protocol does not know (another
    version, or no protocol at all) is listed after the others and counted as identifying."""
    lang = interview.language
    by_question: dict[str, list[StoredChange]] = {}
    for ch in reversed(changes):
        if ch.interview_id == interview.id:
            by_question.setdefault(ch.question_id, []).append(ch)

    def line(qid: str, question: Question | None) -> AnswerLine:
        identifying = question is None or question.identifying
        hide = identifying and not reveal
        history = tuple(
            AnswerChangeLine(ch.at, ch.by, names.get(ch.by) if ch.by is not None else None,
                             _shown(ch.answer, question, lang, hide),
                             _shown(ch.previous, question, lang, hide))
            for ch in by_question.get(qid, ())
        )
        section = "" if question is None or protocol is None else \
            protocol.section(question.section_id).title(lang)
        return AnswerLine(qid, section, qid if question is None else question.text(lang),
                          question is not None, identifying,
                          _shown(answers.get(qid), question, lang, hide), history)

    lines: list[AnswerLine] = []
    known: set[str] = set()
    if protocol is not None:
        role = interview.role.value
        shown = {q.id for q in visible_questions(protocol, answers, role)}
        for q in protocol.questions:
            if (q.is_for(role) and q.id in shown) or q.id in answers or q.id in by_question:
                lines.append(line(q.id, q))
                known.add(q.id)
    for qid in sorted((set(answers) | set(by_question)) - known):
        lines.append(line(qid, None))
    title = protocol.title(lang) if protocol is not None else interview.protocol_id
    return InterviewAnswers(interview, title, tuple(lines), reveal)
