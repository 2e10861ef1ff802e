"""Screenshots of the real app in a real window: `python scripts/shoot.py [OUTDIR]` (`make
screenshots` runs it beside intake_app/ui/screenshots.py, which grabs every screen offscreen).

For each screen size it starts a private X server with a window manager (tests/xserver.py:
Xvfb + openbox, 1280x720 at 100% and 1440x900 at 200%), runs this script again inside it as the
app (`--child`, the same set-up as `intake`, on a throw-away data folder with synthetic data and
cheap test KDF parameters), drives the shown window as an interviewer does (tests/journeys/
driver.py: clicks and keys through the window system) and saves the whole X screen with
ImageMagick's `import -window root`: what a person sees, window frames included, not a grab() of
one widget. The driver lives here and in tests only; the shipped app has no hook for it.

Writes NAME.LANG.png into OUTDIR (default docs/screenshots): interview-1280x720, person-screen,
minor-reminder, end-screen, answer-summary, quick-exit, case-consents, case-conflict,
interview-take-over, case-files, consent-signed-on-screen, and at 200% the same with -200pct:
interview, minor-reminder, case-consents, case-conflict, interview-take-over, case-files and
consent-signed-on-screen.

Over 400 lines on purpose: it is one walk through the real window, each shot starting from the
screen the previous one left; split, the order that makes each shot possible would be implicit.
It also holds every shooting script's runner (main_for, run_child).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from tests.journeys.driver import Driver

USER = "ana"
PASSPHRASE = "river stone lamp cloud"  # a throw-away demo folder
LANGUAGES = ("en", "es")
# (width, height, scale): the two field laptops of issue 9.
SCREENS = ((1280, 720, 1), (1440, 900, 2))


# --- the parent: one X server per screen size ------------------------------------------------------
Walk = Callable[["Driver", "Shooter", str], None]


def main_for(script: str, argv: list[str], name: str, make_folder: Callable[[Path], Path],
             walk_at: Callable[[int], Walk], timeout: int = 900) -> int:
    """Every shooting script's `main`: the parent starts one X server per screen size and runs
    `script` again inside it as the child, which walks the app with `walk_at(scale)` on a data
    folder `make_folder` fills."""
    if len(argv) > 1 and argv[1] == "--child":
        scale = int(argv[3])
        return run_child(Path(argv[2]), scale, name, make_folder, walk_at(scale))
    from tests.xserver import running

    out = Path(argv[1] if len(argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    for width, height, scale in SCREENS:
        with running(width, height) as server:
            env = server.env(os.environ, QT_SCALE_FACTOR=str(scale), LANG="C.UTF-8")
            done = subprocess.run([sys.executable, script, "--child", str(out), str(scale)],
                                  env=env, cwd=ROOT, check=False, timeout=timeout)
        if done.returncode != 0:
            print(f"{name}: the {width}x{height} run failed ({done.returncode})", file=sys.stderr)
            return done.returncode
    return 0


def main(argv: list[str]) -> int:
    return main_for(__file__, argv, "shoot", _data_folder,
                    lambda scale: walk_100 if scale == 1 else walk_200)


# --- the child: the app, driven -------------------------------------------------------------------
def _data_folder(root: Path) -> Path:
    """An agency's laptop with one advocate and a few made-up cases (marked demo)."""
    from intake_app.domain.case import Role
    from intake_app.services import cases
    from intake_app.services.session import Workspace, add_user
    from intake_app.storage.kdf import KdfParams

    folder = root / "data"
    admin, _code = Workspace(folder).set_up("admin", PASSPHRASE, Role.ADMIN,
                                            kdf=KdfParams.for_tests())
    try:
        add_user(admin, USER, PASSPHRASE, Role.ADVOCATE)
        for _ in range(3):
            cases.create_case(admin, is_demo=True)
        _two_versions(admin, root / "colleague")
    finally:
        admin.close()
    _a_scan(folder, root)
    return folder


def _a_scan(folder: Path, root: Path) -> None:
    """A photographed document on the case with two versions (made up: a grey card)."""
    from PySide6.QtGui import QColor, QImage

    from intake_app.domain.consent import Category
    from intake_app.services import attachments, cases
    from intake_app.services.session import Workspace

    image = QImage(320, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#d0d5dd"))
    scan = root / "scan.png"
    image.save(str(scan))
    s = Workspace(folder).unlock(USER, PASSPHRASE)
    try:
        rosa = next(c for c in cases.list_cases(s) if not c.is_demo)
        attachments.add_attachment(s, rosa.id, scan, Category.IDENTITY, "Signed release (scan)",
                                   shred=True)
    finally:
        s.close()


def _two_versions(s: object, colleague_dir: Path) -> None:
    """A case renamed here and on a colleague's laptop while they were apart."""
    import json

    from intake_app.domain.answers import Answer
    from intake_app.domain.case import CaseStatus, Role
    from intake_app.services import cases, interview_hold, interviews, replication
    from intake_app.services.session import Session, Workspace
    from intake_app.storage.kdf import KdfParams

    assert isinstance(s, Session)

    def send(a: Session, b: Session) -> None:
        _ids, payload = replication.outgoing(a)
        replication.apply_ops(b, replication.parse_batch(
            json.loads(replication.payload_bytes(payload))))

    ben, _ = Workspace(colleague_dir).set_up("ben", PASSPHRASE, Role.ADVOCATE,
                                             kdf=KdfParams.for_tests())
    try:
        made = cases.create_case(s, "Rosa")
        send(s, ben)
        cases.set_preferred_name(s, made.id, "Rosa Marisol")
        cases.set_status(ben, cases.find_by_code(ben, made.code).id, CaseStatus.REFERRED)
        cases.set_preferred_name(ben, cases.find_by_code(ben, made.code).id, "Rosa Maribel")
        # An interview begun here; apart, both answer one question, and ben carries it on.
        iv = interviews.start_interview(s, made.id, "advocate_intake", "1.1", "en")
        send(s, ben)
        interviews.record_answer(s, iv.id, "anything_else", Answer.of("A bed for tonight"))
        [theirs] = interviews.case_interviews(ben, cases.find_by_code(ben, made.code).id)
        interview_hold.take_over(ben, theirs.id)
        interviews.record_answer(ben, theirs.id, "anything_else", Answer.declined())
        send(ben, s)
    finally:
        ben.close()


def run_child(out: Path, scale: int, name: str, make_folder: Callable[[Path], Path],
              walk: Walk) -> int:
    """The app on a throw-away data folder, shown, walked in each language, then closed."""
    from PySide6.QtWidgets import QApplication

    from intake_app.storage.kdf import KdfParams
    from intake_app.threads import mark_gui_thread
    from intake_app.ui import theme
    from intake_app.ui.app import pin_interpreter_singletons
    from intake_app.ui.gc_guard import GuiThreadCollector
    from intake_app.ui.mainwindow import MainWindow
    from intake_app.ui.worker import Worker
    from tests.journeys.driver import Driver

    pin_interpreter_singletons()
    with tempfile.TemporaryDirectory(prefix="intake-shoot-") as tmp:
        folder = make_folder(Path(tmp))
        app = QApplication([sys.argv[0]])
        app.setApplicationName("Field Intake")
        mark_gui_thread()
        collector = GuiThreadCollector(app)
        theme.apply(app)
        worker = Worker()
        window = MainWindow(folder, worker, kdf=KdfParams.for_tests())
        window.show()
        drive = Driver(window, check_screens=True)
        shoot = Shooter(drive, out, "" if scale == 1 else f"-{scale * 100}pct")
        try:
            drive.wait_until(lambda: window.isVisible() and window.windowHandle().isExposed(),
                             "the window")
            for language in LANGUAGES:
                walk(drive, shoot, language)
        finally:
            window.idle.remove()
            worker.shutdown()
            collector.stop()
        for problem in drive.problems:
            print(f"{name}: not shown whole: {problem}", file=sys.stderr)
    return 0


class Shooter:
    """Saves the whole X screen once the app has painted what it shows."""

    def __init__(self, drive: Driver, out: Path, suffix: str) -> None:
        self.drive, self.out, self.suffix = drive, out, suffix

    def __call__(self, name: str, language: str) -> Path:
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QApplication

        from tests.ui.helpers import shown_windows

        drive = self.drive
        drive.settle()
        for top in shown_windows():  # framed by the window manager before the shot
            drive.wait_until(lambda t=top: t.frameGeometry() != t.geometry(),
                             f"a window frame for {type(top).__name__} {top.windowTitle()!r}")
            top.repaint()  # painted and flushed now
        QApplication.processEvents()
        QCursor.pos()  # a round trip to the X server: everything drawn before it is on screen
        path = self.out / f"{name}{self.suffix}.{language}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=True, timeout=60)
        print(path, flush=True)
        return path


def _to_question(drive: Driver, page: object, wanted: Callable[[str], bool]) -> None:
    """Answer plainly until the question on screen is one `wanted` picks (or the reminder)."""
    from intake_app.ui.interview.interview_page import InterviewPage
    from tests.journeys.driver import default_answer

    assert isinstance(page, InterviewPage)
    for _ in range(40):
        qid = page.current_question_id()
        if qid is None or page.at_minor_reminder() or wanted(qid):
            return
        editor = page.panel.editor
        assert editor is not None
        give = default_answer(editor.question)
        if qid == "age_range":
            from tests.journeys.driver import Give

            give = Give(options=("15_17",))
        drive.give(page, give, by_mouse=True)


def _start(drive: Driver, language: str, shoot: Shooter | None = None) -> object:
    """Unlock in `language`, make a case (its Consents tab shot first, when `shoot` is given)
    and start an interview."""
    from intake_app.ui import i18n

    if i18n.current_language() != language:
        drive.switch_language_on_lock_screen()
        drive.wait_until(lambda: i18n.current_language() == language, language)
    drive.unlock(USER, PASSPHRASE)
    if shoot is not None:
        shoot_conflict(drive, shoot, language)
    drive.new_case()
    if shoot is not None:
        shoot_consents(drive, shoot, language)
    return drive.start_interview()


def shoot_conflict(drive: Driver, shoot: Shooter, language: str) -> None:
    """A case with two versions of its preferred name, the versions shown."""
    from intake_app.services.cases import browse
    from intake_app.services.conflicts import case_conflicts

    window = drive.window
    drive.settle()
    found: list[int] = []
    window.worker.run(lambda s: [c.id for c in browse(s)
                                 if case_conflicts(s, c.id, reveal=False)], found.extend,
                      lambda _e: None)
    drive.wait_until(lambda: bool(found), "the case with two versions")
    window.open_case(found[0])
    area = window.area
    assert area is not None
    drive.wait_until(lambda: area.case_view is not None and area.case_view.bundle is not None,
                     "the case page")
    view = area.case_view
    assert view is not None
    panel = view.conflicts
    drive.wait_until(lambda: panel.isVisible() and panel.reveal_button.isVisible(), "the panel")
    drive.click(panel.reveal_button)
    drive.wait_until(lambda: not panel.reveal_button.isVisible(), "the versions shown")
    shoot("case-conflict", language)
    shoot_take_over(drive, shoot, language)
    drive.click(view.back)
    drive.wait_until(lambda: area.case_view is None, "the case list")


def shoot_take_over(drive: Driver, shoot: Shooter, language: str) -> None:
    """The same case's interview, held on the colleague's laptop: resuming it asks first."""
    from intake_app.ui.caseview import TAB_INTERVIEWS

    window = drive.window
    area = window.area
    view = None if area is None else area.case_view
    assert view is not None
    view.tabs.setCurrentIndex(TAB_INTERVIEWS)
    tab = view.interviews_tab
    drive.wait_until(lambda: tab.table.rowCount() == 1, "the interviews tab")
    tab.table.selectRow(0)
    drive.click(tab.resume)
    flow = window.interviews
    drive.wait_until(lambda: flow.take_over_question is not None
                     and flow.take_over_question.isVisible(), "the take-over question")
    shoot("interview-take-over", language)
    box = flow.take_over_question
    assert box is not None
    box.reject()  # "Leave it there": the next language finds it held still
    drive.wait_until(lambda: flow.take_over_question is None, "the question closed")
    from intake_app.ui.caseview import TAB_FILES

    view.tabs.setCurrentIndex(TAB_FILES)
    drive.wait_until(lambda: view.files_tab.table.rowCount() == 1, "the files tab")
    _scroll_to(view.tabs.tabBar())  # the take-over left the page scrolled down
    view.files_tab.table.horizontalScrollBar().setValue(0)  # from its first column
    shoot("case-files", language)
    shoot_signature(drive, shoot, language)


def shoot_signature(drive: Driver, shoot: Shooter, language: str) -> None:
    """The consent dialog, signed on screen: the box with a signature drawn in it."""
    from PySide6.QtWidgets import QApplication

    from intake_app.domain.consent import Method, Purpose
    from intake_app.ui.interview.consent_dialog import ConsentDialog
    from tests.ui.test_consent_signature import sign

    window = drive.window
    view = None if window.area is None else window.area.case_view
    assert view is not None
    drive.click(view.record_consent)

    def dialog() -> ConsentDialog | None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, ConsentDialog) and w.isVisible()]
        return found[0] if found else None

    drive.wait_until(lambda: dialog() is not None, "the consent dialog")
    d = dialog()
    assert d is not None
    d.purpose.setCurrentIndex(d.purpose.findData(Purpose.OTHER))  # and its words, typed
    drive.wait_until(d.purpose_choice.words.isVisible, "the other purpose's words")
    d.purpose_choice.words.setText("Housing application at the county office")
    d.how.radios[Method.SIGNED].setChecked(True)
    drive.wait_until(d.how.pad_row.isVisible, "the signature box")
    sign(d.how.pad)
    shoot("consent-signed-on-screen", language)
    d.reject()
    drive.wait_until(lambda: dialog() is None, "the consent dialog closed")


def _scroll_to(widget: object) -> None:
    """Scroll the page holding `widget` until it is in view."""
    from PySide6.QtWidgets import QScrollArea, QWidget

    assert isinstance(widget, QWidget)
    page = widget.parentWidget()
    while page is not None and not isinstance(page, QScrollArea):
        page = page.parentWidget()
    if page is not None:
        page.ensureWidgetVisible(widget, 0, 0)


def shoot_consents(drive: Driver, shoot: Shooter, language: str) -> None:
    """The case's Consents tab with one person typed onto its do-not-contact list."""
    from intake_app.ui.caseview import TAB_CONSENTS, TAB_INTERVIEWS

    drive.settle()
    area = drive.window.area  # read once the unlock has settled: it builds the area anew
    assert area is not None and area.case_view is not None
    view = area.case_view
    view.tabs.setCurrentIndex(TAB_CONSENTS)
    drive.wait_until(lambda: view.tabs.currentIndex() == TAB_CONSENTS, "the consents tab")
    lists = view.consents_tab.lists
    drive.wait_until(lists.isVisible, "the two lists")
    lists.person_name.setFocus()  # as Tab reaches it; the field may sit below the fold
    drive.wait_until(lists.person_name.hasFocus, "the name field focused")
    drive.type("Synthetic Harbourman")
    drive.key("Return")
    drive.wait_until(lambda: lists.people_table.rowCount() == 1, "the listed person")
    _scroll_to(lists.people_table)  # as a person scrolls to the lists on a small screen
    shoot("case-consents", language)
    view.tabs.setCurrentIndex(TAB_INTERVIEWS)


def walk_100(drive: Driver, shoot: Shooter, language: str) -> None:
    from intake_app.ui.interview.interview_page import InterviewPage

    window = drive.window
    page = _start(drive, language, shoot)
    assert isinstance(page, InterviewPage)
    _to_question(drive, page, lambda qid: qid == "interpreter_wanted")
    shoot("interview-1280x720", language)
    drive.shortcut("person_view")  # F11
    drive.wait_until(lambda: window.interviews.person_view is not None
                     and window.interviews.person_view.isVisible(), "the person's screen")
    shoot("person-screen", language)
    view = window.interviews.person_view
    assert view is not None
    view.close()  # as its window's close button does
    drive.wait_until(lambda: window.interviews.person_view is None, "the person's screen closed")
    _to_question(drive, page, lambda _qid: False)  # to the reminder: the person is 15-17
    shoot("minor-reminder", language)
    drive.answer_to_the_end(page, {}, by_mouse=True)
    drive.settle()
    shoot("end-screen", language)
    shoot_answer_summary(drive, shoot, language)
    drive.shortcut("quick_exit")  # Esc three times
    drive.wait_until(lambda: window.is_locked, "the lock screen")
    shoot("quick-exit", language)


def shoot_answer_summary(drive: Driver, shoot: Shooter, language: str) -> None:
    """The case's answer summary: back to the case from the end screen, the Answers tab."""
    from intake_app.ui.caseview import TAB_ANSWERS

    window = drive.window
    area = window.area
    assert area is not None
    page = area.interview
    back = getattr(getattr(page, "end_screen", None), "back_button", None)
    assert back is not None, "the end screen has its way back to the case"
    drive.click(back)
    drive.wait_until(lambda: area.case_view is not None and area.case_view.bundle is not None,
                     "the case page")
    view = area.case_view
    assert view is not None
    view.tabs.setCurrentIndex(TAB_ANSWERS)
    drive.wait_until(lambda: view.tabs.currentIndex() == TAB_ANSWERS, "the answers tab")
    shoot("answer-summary", language)


def walk_200(drive: Driver, shoot: Shooter, language: str) -> None:
    from intake_app.ui.interview.interview_page import InterviewPage

    window = drive.window
    page = _start(drive, language, shoot)
    assert isinstance(page, InterviewPage)
    _to_question(drive, page, lambda qid: qid == "interpreter_wanted")
    shoot("interview", language)
    _to_question(drive, page, lambda _qid: False)
    shoot("minor-reminder", language)
    drive.shortcut("quick_exit")
    drive.wait_until(lambda: window.is_locked, "the lock screen")


if __name__ == "__main__":
    sys.exit(main(sys.argv))
