"""Every keyboard shortcut in the app, in one list, so none clash and the help can show them all."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Shortcut:
    action: str  # stable id, also the QAction's objectName
    keys: str  # QKeySequence text
    label: str  # English label, translated where shown (context "Shortcuts")


SHORTCUTS: tuple[Shortcut, ...] = (
    # anywhere while unlocked
    Shortcut("lock", "Ctrl+L", "Lock now"),
    Shortcut("new_case", "Ctrl+N", "New case"),
    Shortcut("find", "Ctrl+F", "Search cases"),
    Shortcut("case_list", "Ctrl+1", "Case list"),
    Shortcut("reveal_name", "Ctrl+Shift+R", "Show preferred name"),
    Shortcut("sync_status", "Ctrl+2", "Sharing and inbox"),
    Shortcut("agency_admin", "Ctrl+3", "Agency administration (administrators)"),
    Shortcut("reports", "Ctrl+4", "Reports (supervisors and administrators)"),
    Shortcut("backups", "Ctrl+5", "Backups (administrators)"),
    Shortcut("caseload", "Ctrl+6", "Caseload now (supervisors and administrators)"),
    Shortcut("switch_language", "Ctrl+Shift+L", "Switch language"),
    Shortcut("help_shortcuts", "F1", "Keyboard shortcuts"),
    Shortcut("quit", "Ctrl+Q", "Quit"),
    # case view
    Shortcut("start_interview", "Ctrl+I", "Start interview"),
    Shortcut("reveal_identity", "Ctrl+R", "Show identifying details"),
    Shortcut("add_note", "Ctrl+Shift+N", "Add note"),
    Shortcut("record_consent", "Ctrl+K", "Record consent"),
    Shortcut("share_case", "Ctrl+Shift+S", "Share with a partner"),
    Shortcut("copy_code", "Ctrl+Shift+C", "Copy case code"),
    # interview
    Shortcut("answer_next", "Ctrl+Return", "Save answer and go on"),
    Shortcut("prefers_not_to_say", "Alt+P", "Prefers not to say"),
    Shortcut("not_now", "Alt+N", "Not now"),
    Shortcut("does_not_know", "Alt+D", "Doesn't know"),
    Shortcut("previous_question", "Alt+Left", "Previous question"),
    Shortcut("next_question", "Alt+Right", "Next question"),
    Shortcut("interviewer_note", "F2", "Interviewer note"),
    Shortcut("take_break", "Ctrl+B", "Take a break"),
    Shortcut("person_view", "F11", "Person-facing screen"),
    Shortcut("end_for_today", "Ctrl+E", "End for today"),
    Shortcut("undo_answer", "Ctrl+Z", "Undo the last answer"),
    Shortcut("quick_exit", "Esc, Esc, Esc", "Quick exit: hide everything at once"),
)

_BY_ACTION = {s.action: s for s in SHORTCUTS}


def keys_for(action: str) -> str:
    """The key sequence of `action`; KeyError for an action that is not in the list."""
    return _BY_ACTION[action].keys
