"""Journeys: whole interviews clicked and typed through the real main window, shown by a window
manager on a 1280x720 X screen (tests/conftest.py starts it). The fixtures are the UI suite's."""

from __future__ import annotations

import pytest

from tests.conftest import real_window
from tests.ui.conftest import (  # noqa: F401 - fixtures, registered here by name
    collect_on_gui_thread,
    data_dir,
    gui_thread_marked,
    make_window,
    template_dir,
    worker,
)


@pytest.fixture(autouse=True)
def in_a_real_window() -> None:
    if not real_window():
        pytest.skip("journeys run in a real window (unset INTAKE_TEST_DISPLAY=offscreen)")
