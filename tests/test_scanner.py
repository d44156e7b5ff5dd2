"""Keyboard-wedge scanner detection: the timing logic without Qt, then the window-wide Qt filter."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from kpps_desktop.ui.scanner import END_AFTER, MAX_GAP, BurstDetector, ScanDetector



CODE = "K1.0123456789CDEFHJKN5"


def feed(detector, keys, start=0.0, gap=0.004):
    """Press keys at `gap` seconds apart; returns (consumed flags, scans, released items, last time)."""
    consumed, scans, released, t = [], [], [], start
    for i, text in enumerate(keys):
        d = detector.press(i, text, t)
        consumed.append(d.consume)
        scans += d.scans
        released += d.released
        t += gap
    return consumed, scans, released, t - gap


# --- pure timing logic ------------------------------------------------------------------

def test_burst_with_enter_is_one_scan_and_every_key_is_swallowed():
    d = BurstDetector()
    consumed, scans, released, _ = feed(d, list(CODE) + ["\r"])
    assert scans == [CODE] and released == [] and all(consumed)
    assert not d.holding and d.deadline() is None


def test_burst_with_tab_is_one_scan():
    d = BurstDetector()
    consumed, scans, _, _ = feed(d, list(CODE) + ["\t"])
    assert scans == [CODE] and all(consumed)


def test_burst_without_terminator_ends_after_a_short_pause():
    d = BurstDetector()
    consumed, scans, released, last = feed(d, list(CODE))
    assert scans == [] and all(consumed) and d.deadline() == pytest.approx(last + END_AFTER)
    assert d.expire(last + END_AFTER / 2).scans == []  # not yet
    done = d.expire(last + END_AFTER)
    assert done.scans == [CODE] and done.released == [] and not d.holding


def test_a_key_after_the_pause_starts_fresh_and_is_not_part_of_the_scan():
    d = BurstDetector()
    _, _, _, last = feed(d, list(CODE))
    after = d.press("x", "x", last + END_AFTER + 0.5)
    assert after.scans == [CODE] and after.consume and d.holding


def test_human_typing_is_released_key_by_key_in_order():
    d = BurstDetector()
    released = []
    t = 0.0
    for i, ch in enumerate("siti aminah"):
        decision = d.press(i, ch, t)
        released += decision.released
        assert decision.scans == []
        t += 0.120  # a quick typist
    released += d.expire(t).released
    assert released == list(range(len("siti aminah")))


def test_a_held_key_is_given_back_within_the_max_gap():
    d = BurstDetector()
    assert d.press("a", "a", 10.0).consume
    assert d.deadline() == pytest.approx(10.0 + MAX_GAP)
    assert d.expire(10.0 + MAX_GAP).released == ["a"]


def test_a_short_fast_burst_is_typing_and_enter_passes_after_it():
    # Two-key rollover, then Enter: released keys first, then Enter itself is not swallowed.
    d = BurstDetector()
    d.press(0, "4", 0.0)
    d.press(1, "2", 0.010)
    enter = d.press(2, "\r", 0.020)
    assert enter.released == [0, 1] and not enter.consume and enter.scans == []


def test_enter_alone_passes_through():
    assert BurstDetector().press(0, "\r", 1.0).consume is False


def test_a_non_text_key_ends_a_short_burst_and_passes_through():
    d = BurstDetector()
    d.press(0, "a", 0.0)
    backspace = d.press(1, "", 0.005)
    assert backspace.released == [0] and not backspace.consume


def test_seven_fast_keys_are_not_a_scan_but_eight_are():
    d = BurstDetector()
    _, _, _, last = feed(d, list("1234567"))
    assert d.expire(last + 1).released == list(range(7))
    _, _, _, last = feed(d, list("12345678"), start=5.0)
    assert d.expire(last + 1).scans == ["12345678"]


def test_a_slow_gap_early_in_a_burst_turns_it_into_typing():
    d = BurstDetector()
    feed(d, list("K1.01"))
    late = d.press("late", "2", 0.004 * 4 + MAX_GAP + 0.02)
    assert late.released == [0, 1, 2, 3, 4] and late.consume  # the new key starts a new hold


def test_jitter_after_min_length_does_not_split_a_scan():
    d = BurstDetector()
    _, _, _, last = feed(d, list(CODE[:10]))
    jitter = d.press("j", CODE[10], last + 0.045)  # slower than MAX_GAP, within END_AFTER
    assert jitter.scans == [] and jitter.released == []
    _, scans, _, _ = feed(d, list(CODE[11:]) + ["\r"], start=last + 0.05)
    assert scans == [CODE]


def test_two_scans_back_to_back():
    d = BurstDetector()
    _, first, _, last = feed(d, list(CODE) + ["\r"])
    _, second, _, _ = feed(d, list(CODE[::-1]) + ["\r"], start=last + 0.2)
    assert first == [CODE] and second == [CODE[::-1]]


# --- the Qt filter ----------------------------------------------------------------------

@pytest.fixture
def window(qtbot):
    """A window with two line edits; the scanner watches the whole window."""
    w = QWidget()
    layout = QVBoxLayout(w)
    w.name, w.other = QLineEdit(), QLineEdit()
    layout.addWidget(w.name)
    layout.addWidget(w.other)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.detector = ScanDetector(w)
    w.name.setFocus()
    return w


def test_scan_with_enter_never_reaches_the_focused_field(qtbot, window):
    window.name.setText("Siti")
    entered = []
    window.name.returnPressed.connect(lambda: entered.append(True))
    with qtbot.waitSignal(window.detector.scanned, timeout=1000) as blocker:
        QTest.keyClicks(window.name, CODE)
        QTest.keyClick(window.name, Qt.Key.Key_Return)
    assert blocker.args == [CODE]
    assert window.name.text() == "Siti" and entered == []


def test_scan_without_terminator_ends_by_timeout(qtbot, window):
    with qtbot.waitSignal(window.detector.scanned, timeout=1000) as blocker:
        QTest.keyClicks(window.other, CODE)
    assert blocker.args == [CODE] and window.other.text() == ""


def test_scan_ending_with_tab_keeps_focus_where_it_was(qtbot, window):
    with qtbot.waitSignal(window.detector.scanned, timeout=1000) as blocker:
        QTest.keyClicks(window.name, CODE + "\t")
    assert blocker.args == [CODE] and window.name.text() == ""


def test_human_typing_passes_through_unchanged(qtbot, window):
    scans = []
    window.detector.scanned.connect(scans.append)
    for ch in "Budi 12":
        QTest.keyClick(window.name, ch, Qt.KeyboardModifier.NoModifier, 60)
    qtbot.waitUntil(lambda: window.name.text() == "Budi 12", timeout=1000)
    QTest.keyClick(window.name, Qt.Key.Key_Backspace, Qt.KeyboardModifier.NoModifier, 60)
    assert window.name.text() == "Budi 1" and scans == []


def test_typing_then_enter_reaches_the_field_in_order(qtbot, window):
    entered = []
    window.other.returnPressed.connect(lambda: entered.append(window.other.text()))
    window.other.setFocus()
    for ch in "tps 3":
        QTest.keyClick(window.other, ch, Qt.KeyboardModifier.NoModifier, 60)
    QTest.keyClick(window.other, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 60)
    assert entered == ["tps 3"]


def test_a_window_the_detector_does_not_watch_is_left_alone(qtbot, window):
    elsewhere = QLineEdit()
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    scans = []
    window.detector.scanned.connect(scans.append)
    QTest.keyClicks(elsewhere, CODE)
    assert elsewhere.text() == CODE
    qtbot.wait(int(END_AFTER * 1000) + 50)
    assert scans == []
