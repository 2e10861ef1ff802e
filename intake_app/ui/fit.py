"""Window sizes that fit the screen: Qt's available geometry less the window manager's frame.

Field laptops run 1280x720 at 100% and 1440x900 at 200% (720x450 logical pixels); a window laid
out for a desk monitor hides its own buttons below the taskbar there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QFrame, QScrollArea, QSizePolicy, QStackedWidget, QWidget
from shiboken6 import getCppPointer

PREFERRED = QSize(1100, 760)  # the main window on a roomy screen
# Before a window is shown its frame is unknown: assume a title bar and thin borders, as
# openbox (2 x 25 px at 100%), GNOME, KDE and Windows draw them, in logical pixels.
FRAME_GUESS = QMargins(4, 32, 4, 4)


def vertical_scroll() -> QScrollArea:
    """A frameless area that scrolls up and down only: on a small screen (or at 200%) a screen
    scrolls instead of squeezing its wrapped text, and never sideways."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


def frame_margins(window: QWidget) -> QMargins:
    """The frame the window manager draws around `window` (a guess until it is shown)."""
    if window.isVisible():
        outer, inner = window.frameGeometry(), window.geometry()
        measured = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                            outer.right() - inner.right(), outer.bottom() - inner.bottom())
        if measured.top() > 0 or measured.left() > 0:
            return measured
    return FRAME_GUESS


def usable_area(available: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """Where a window's contents may go on a screen whose available geometry is `available`."""
    return available.marginsRemoved(frame)


def fitted_size(preferred: QSize, available: QRect, frame: QMargins = FRAME_GUESS) -> QSize:
    """`preferred`, shrunk to fit inside `available` with its frame."""
    return preferred.boundedTo(usable_area(available, frame).size())


def screen_of(widget: QWidget) -> QScreen:
    parent = widget.parentWidget()
    screen = (parent.window() if parent is not None else widget).screen()
    return screen or QGuiApplication.primaryScreen()


def fit_window(window: QWidget, preferred: QSize = PREFERRED) -> bool:
    """Size `window` to `preferred`, centred; on a smaller screen, to the whole usable area.

    Returns True when it should also be maximized, so the window manager fits it to the screen
    with the frame it really draws: a shown window is maximized here, one not yet shown is left
    to its caller (`showMaximized()` when it shows it: setting the state here would build Qt's
    whole enum namespace, ~12 ms, before the unlock screen's first paint)."""
    area = usable_area(screen_of(window).availableGeometry(), frame_margins(window))
    size = preferred.boundedTo(area.size())
    window.resize(size)
    frame = frame_margins(window)
    top_left = area.center() - QRect(0, 0, size.width(), size.height()).center()
    window.move(max(area.left(), top_left.x()) - frame.left(),
                max(area.top(), top_left.y()) - frame.top())
    maximize = size != preferred
    if maximize and window.isVisible():
        window.showMaximized()
    return maximize


class _CurrentPageSizes(QObject):
    """Keeps a stack's hidden pages out of its minimum size (see size_to_current)."""

    def __init__(self, stack: QStackedWidget) -> None:
        super().__init__(stack)
        self._stack = stack
        self._policies: dict[int, QSizePolicy] = {}  # the pages' own policies
        stack.currentChanged.connect(self.update)
        stack.installEventFilter(self)
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._stack and event.type() in (
            QEvent.Type.ChildAdded, QEvent.Type.ChildRemoved,
        ):
            self.update()
        return False

    def update(self, _index: int = 0) -> None:
        current = self._stack.currentWidget()
        ignored = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        pages = [p for p in (self._stack.widget(i) for i in range(self._stack.count())) if p]
        # Keyed by the C++ object (a Python wrapper may be made anew); only pages there now.
        keys = [getCppPointer(p)[0] for p in pages]
        self._policies = {
            k: self._policies.get(k, p.sizePolicy()) for k, p in zip(keys, pages, strict=True)
        }
        for key, page in zip(keys, pages, strict=True):
            page.setSizePolicy(self._policies[key] if page is current else ignored)
        self._stack.updateGeometry()


def size_to_current(stack: QStackedWidget) -> None:
    """Let only the page on show set `stack`'s minimum size.

    Qt counts every page of a stack, so a hidden lock screen or end screen that needs 330 px
    would keep an unlocked window at 720x450 (200%) taller than the screen.
    """
    _CurrentPageSizes(stack)
