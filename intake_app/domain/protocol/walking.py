"""Walking an interview: which questions are visible given the answers so far, the next one to
ask, and progress per section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intake_app.domain.answers import Answer
from intake_app.domain.protocol.conditions import AllOf, Answered, AnyOf, Condition
from intake_app.domain.protocol.model import Protocol, Question, Section


@dataclass(frozen=True, slots=True)
class SectionProgress:
    section_id: str
    answered: int  # visible questions with an answer in any of the four states
    visible: int
    # No question visible, and each one waits for an earlier section's answer (a repeat's next
    # copy before the last one has started): the section list leaves it out until then.
    waiting: bool = False

    @property
    def done(self) -> bool:
        return self.answered == self.visible


@dataclass(frozen=True, slots=True)
class Walk:
    """Where an interview stands, given the answers so far."""

    visible: tuple[Question, ...]
    next: Question | None  # first visible question without an answer; None when complete
    progress: tuple[SectionProgress, ...]

    @property
    def complete(self) -> bool:
        return self.next is None

    def is_visible(self, question_id: str) -> bool:
        return any(q.id == question_id for q in self.visible)

    def number(self, question_id: str) -> int:
        """1-based position among the visible questions (0 if hidden)."""
        ids = [q.id for q in self.visible]
        return ids.index(question_id) + 1 if question_id in ids else 0

    def after(
        self, question_id: str, answered: Mapping[str, Answer], *, unanswered_only: bool
    ) -> Question | None:
        """The visible question after `question_id` (skipping answered ones if asked); at the
        end, the first question still open, or None when every visible question is answered."""
        start = self.number(question_id)
        for q in self.visible[start:]:
            if not unanswered_only or q.id not in answered:
                return q
        return self.next


def visible_questions(
    protocol: Protocol, answers: Mapping[str, Answer], role: str | None = None
) -> tuple[Question, ...]:
    """Questions to ask, in order; a hidden question's (stale) answer never opens a follow-up."""
    shown: dict[str, Answer] = {}
    visible: list[Question] = []
    for q in protocol.questions:
        if not q.is_for(role):
            continue
        if q.show_if is not None and not q.show_if.holds(shown):
            continue
        visible.append(q)
        if q.id in answers:
            shown[q.id] = answers[q.id]
    return tuple(visible)


def walk(protocol: Protocol, answers: Mapping[str, Answer], role: str | None = None) -> Walk:
    """Visible questions, the next one to ask, and progress per section."""
    visible = visible_questions(protocol, answers, role)
    pending = [q for q in visible if q.id not in answers]
    progress = []
    for s in protocol.sections:
        shown = sum(1 for q in visible if q.section_id == s.id)
        progress.append(SectionProgress(
            s.id, sum(1 for q in visible if q.section_id == s.id and q.id in answers), shown,
            shown == 0 and _waits_on_earlier(s)))
    return Walk(visible, pending[0] if pending else None, tuple(progress))


def _waits_on_earlier(section: Section) -> bool:
    """Whether every question of `section` shows only once a question before it has a value."""
    own = {q.id for q in section.questions}

    def waits(condition: Condition | None) -> bool:
        if isinstance(condition, AllOf):
            return any(waits(c) for c in condition.items)
        if isinstance(condition, AnyOf):
            return all(waits(c) for c in condition.items)
        return isinstance(condition, Answered) and condition.question not in own

    return all(waits(q.show_if) for q in section.questions)
