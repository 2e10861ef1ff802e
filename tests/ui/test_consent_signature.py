"""A consent signed on screen: the box appears only for that choice, an empty box is refused in
words, strokes drawn with the mouse become the signature kept encrypted with the consent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from intake_app.domain.consent import Method
from intake_app.errors import InvalidInput
from intake_app.ui.interview.consent_dialog import ConsentDialog
from intake_app.ui.interview.signature_pad import SignaturePad
from tests.ui.conftest import call, unlock
from tests.ui.test_consent import NOW, PARTNERS, TODAY, fill


def sign(pad: SignaturePad) -> None:
    """A pen stroke across the box, as the window system delivers a drag."""
    def send(kind: QEvent.Type, x: float, buttons: Qt.MouseButton) -> None:
        at = QPointF(x, pad.height() / 2 + (x % 7))
        event = QMouseEvent(kind, at, pad.mapToGlobal(at), Qt.MouseButton.LeftButton, buttons,
                            Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pad, event)

    send(QEvent.Type.MouseButtonPress, 20, Qt.MouseButton.LeftButton)
    for x in range(24, 200, 8):
        send(QEvent.Type.MouseMove, x, Qt.MouseButton.LeftButton)
    send(QEvent.Type.MouseButtonRelease, 200, Qt.MouseButton.NoButton)


def test_signed_on_screen_keeps_the_signature_with_the_consent(
    qtbot, make_window, data_dir: Path, worker
) -> None:
    from intake_app.services import attachments, cases, consents
    from intake_app.storage import attachments as stored

    window = make_window(data_dir)
    unlock(qtbot, window)
    case = call(qtbot, worker, cases.create_case)
    d = ConsentDialog(case.id, PARTNERS, "en", today=TODAY, now=lambda: NOW)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    fill(d)
    assert not d.how.pad_row.isVisible()  # in writing: no box
    d.how.radios[Method.SIGNED].setChecked(True)
    qtbot.waitUntil(d.how.pad_row.isVisible)
    assert any("sign in the box" in p for p in d.problems())
    d.accept()
    assert d.consent() is None  # an empty box is not a signature
    sign(d.how.pad)
    assert not any("sign in the box" in p for p in d.problems())
    d.accept()
    consent, signature = d.consent(), d.signature()
    assert consent is not None and signature is not None and signature.startswith(b"\x89PNG")

    def record(s):
        kept = consents.give_consent(s, consent, signature)
        found = stored.signature_of(s.db, kept.id)
        data = found and attachments.attachment_bytes(s, found)
        try:
            attachments.delete_attachment(s, found or 0)
        except InvalidInput:  # the proof of the consent stays with it
            return found, data
        raise AssertionError("a consent's signature was deleted")

    found, data = call(qtbot, worker, record)
    assert found is not None and data == signature
