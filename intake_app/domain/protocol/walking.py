"""Walking an interview: which questions are visible given the answers so far, the next one to
ask, and progress per section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from intake_app.domain.answers import Answer
from intake_app.domain.protocol.model import Protocol, Question


@dataclass(frozen=True, slots=True)
class SectionProgress:
    section_id: str
    answered: int  # visible questions with an answer in any of the four states
    visible: int

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
    progress = tuple(
        SectionProgress(
            s.id,
            sum(1 for q in visible if q.section_id == s.id and q.id in answers),
            sum(1 for q in visible if q.section_id == s.id),
        )
        for s in protocol.sections
    )
    return Walk(visible, pending[0] if pending else None, progress)
