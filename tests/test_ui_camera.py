"""The webcam path with synthetic frames from rendered cards, fed through the same code the camera uses."""

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage
from synthetic_cards import camera_frame, card_image, nv12_frame
from helpers.sessions import KEDUNGMALANG

from kpps_desktop.core import cards
from kpps_desktop.ui import camera
from kpps_desktop.ui.camera import NO_CAMERA, CameraWidget, FrameDecoder, FramePump, RepeatFilter

# The test machine has no sound card, no camera and no GPU; Qt Multimedia says so loudly.

CODE = cards.new_code()


@pytest.fixture(scope="module")
def card():
    return card_image(CODE)


class FakeClock:
    def __init__(self, t: float = 100.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


# --- decoding ---------------------------------------------------------------------------

@pytest.mark.parametrize("angle, blur, noise", [
    (0, 0, 0), (17, 1.5, 0.12), (103, 1.2, 0.15), (-38, 2.0, 0.10), (180, 1.0, 0.2),
])
def test_rotated_blurred_noisy_cards_decode_to_their_code(qapp, card, angle, blur, noise):
    frame = camera_frame(card, angle=angle, blur=blur, noise=noise, seed=angle)
    assert (frame.width(), frame.height()) == (1280, 720)
    assert FrameDecoder().decode(frame) == CODE


def test_a_frame_without_a_card_is_nothing(qapp):
    empty = QImage(1280, 720, QImage.Format.Format_RGB32)
    empty.fill(0x5c5044)
    decoder = FrameDecoder()
    assert decoder.decode(empty) is None and decoder.handle(empty) is None
    assert decoder.decode(QImage()) is None


def test_qr_only_a_barcode_of_another_kind_is_ignored(qapp):
    import zxingcpp
    from PIL import Image

    bars = zxingcpp.create_barcode(CODE, zxingcpp.BarcodeFormat.Code128).to_image(scale=3)
    picture = Image.frombytes("L", (bars.shape[1], bars.shape[0]), bytes(bars))
    frame = camera_frame(picture.convert("RGB"))
    assert zxingcpp.read_barcodes(picture)[0].text == CODE  # readable as Code 128 ...
    assert FrameDecoder().decode(frame) is None  # ... but the camera reads QR codes only


def test_nv12_video_frames_decode_from_the_luma_plane(qapp, card):
    pytest.importorskip("PySide6.QtMultimedia", exc_type=ImportError)
    frame = nv12_frame(camera_frame(card, angle=12, blur=1.0, noise=0.1))
    assert frame.pixelFormat().name == "Format_NV12"
    assert FrameDecoder().decode(frame) == CODE


def test_repeat_filter_one_scan_while_held_and_again_after_the_hold():
    f = RepeatFilter(hold=3.0)
    assert f.fresh("A", 0.0)
    assert not f.fresh("A", 1.0) and not f.fresh("A", 3.5)  # held in view: each sighting extends
    assert f.fresh("B", 3.6)  # another card right after is its own scan
    assert f.fresh("A", 7.0)  # shown again after 3.5 s away


def test_handle_drops_the_same_card_until_it_has_been_away(qapp, card):
    clock = FakeClock()
    decoder = FrameDecoder(hold=3.0, clock=clock)
    frames = [camera_frame(card, angle=a, blur=1.0, noise=0.1, seed=a) for a in (5, 9, 14)]
    assert decoder.handle(frames[0]) == CODE
    clock.t += 0.5
    assert decoder.handle(frames[1]) is None
    clock.t += 4.0
    assert decoder.handle(frames[2]) == CODE


# --- the pump: off the GUI thread, dropping frames while busy -----------------------------

def test_pump_decodes_off_the_gui_thread_and_drops_frames_while_busy(qtbot, card):
    pump = FramePump(FrameDecoder())
    frame = camera_frame(card, angle=20, blur=1.0, noise=0.1)
    texts = []
    pump.decoded.connect(texts.append)
    with qtbot.waitSignal(pump.idle, timeout=5000):
        assert pump.offer(frame) is True
        assert pump.offer(frame) is False  # busy: dropped, never queued
    assert texts == [CODE] and (pump.offered, pump.dropped) == (2, 1) and not pump.busy
    pump.stop()


# --- the camera widget without a camera, and without Qt Multimedia -------------------------

def test_camera_widget_without_a_camera_says_so(qtbot):
    if camera.load_multimedia() is None:
        pytest.skip("Qt Multimedia cannot load here")
    widget = CameraWidget()
    qtbot.addWidget(widget)
    assert widget.status.text() == NO_CAMERA  # the test machine has no webcam
    assert not widget.available and not widget.start_button.isEnabled() and widget.start() is False
    widget.shutdown()


def test_camera_errors_name_windows_privacy_switch(qtbot):
    """Windows' "Let desktop apps access your camera" off: the camera opens with an error, or sends nothing."""
    if camera.load_multimedia() is None:
        pytest.skip("Qt Multimedia cannot load here")
    widget = CameraWidget()
    qtbot.addWidget(widget)
    widget._on_error(None, "Akses ditolak")  # what the camera's errorOccurred reports then
    text = widget.status.text()
    assert "Akses ditolak" in text and "Izinkan aplikasi desktop mengakses kamera" in text and "Privasi" in text
    widget._camera, widget._got_frame = object(), False  # opened, but no frame came within the wait
    widget.stop = lambda: setattr(widget, "_camera", None)
    widget._check_started()
    assert "tidak mengirim gambar" in widget.status.text()
    assert "Izinkan aplikasi desktop mengakses kamera" in widget.status.text()
    widget.shutdown()


NO_MULTIMEDIA_SCRIPT = """
import sys
sys.modules["PySide6.QtMultimedia"] = None  # what a missing Qt Multimedia library looks like
sys.modules["PySide6.QtMultimediaWidgets"] = None
from PySide6.QtWidgets import QApplication
app = QApplication([])
from kpps_desktop.ui import camera
from kpps_desktop.ui.checkin_screen import CheckinScreen
from kpps_desktop.ui.jobs import JobRunner, wait
runner = JobRunner(sys.argv[1])
screen = CheckinScreen(runner, sys.argv[1], sys.argv[2])
screen.show()
screen.toggle_camera()
print(camera.load_multimedia() is None)
print(screen.camera.status.text() == camera.NO_MULTIMEDIA, screen.camera.available, screen.camera.start())
print(screen.sounds.load(), screen.sounds.play("accepted"))
job = screen.submit_code(sys.argv[3])
wait(job)
app.processEvents()
print(screen.panel.view.tone, "PySide6.QtMultimedia" in sys.modules and sys.modules["PySide6.QtMultimedia"] is not None)
screen.shutdown()
runner.shutdown()
"""


def test_without_qt_multimedia_the_camera_explains_and_the_screen_still_works(desk, tmp_path):
    o = desk.officers[KEDUNGMALANG][0]
    script = tmp_path / "no_multimedia.py"
    script.write_text(NO_MULTIMEDIA_SCRIPT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, str(script), str(desk.db_path), desk.session.id, desk.codes[o.id]],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:4] == ["True", "True False False", "False False", "accepted False"]


# --- the whole path: frames into the check-in screen --------------------------------------

def camera_events(db):
    return db.conn.execute("SELECT officer_id, method FROM attendance WHERE method = 'camera'").fetchall()


def test_a_card_held_in_view_for_many_frames_is_one_check_in(qtbot, screen, desk):
    screen.toggle_camera()
    o, other = desk.officers[KEDUNGMALANG][0], desk.officers[KEDUNGMALANG][1]
    held = card_image(desk.codes[o.id], o.nama)
    shown = []
    screen.result_shown.connect(shown.append)
    pump = screen.camera.pump
    video = camera.load_multimedia() is not None
    reader = FrameDecoder()
    # The card held up and moved about a little: rotated, blurred, noisy, different each frame;
    # every other frame arrives as the NV12 video frame a webcam driver delivers.
    for i in range(8):
        frame = camera_frame(held, angle=-25 + 7 * i, blur=0.8 + 0.2 * (i % 3), noise=0.08 + 0.01 * i, seed=i,
                             at=(300 + 20 * i, 150 + 5 * i))
        if video and i % 2:
            frame = nv12_frame(frame)
        assert reader.decode(frame) == desk.codes[o.id]  # each frame alone reads the card
        with qtbot.waitSignal(pump.idle, timeout=5000):
            pump.offer(frame)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=5000)
    assert camera_events(desk) == [(o.id, "camera")]
    assert screen.panel.view.tone == "accepted" and screen.panel.view.name == o.nama

    # The next officer's card: one more check-in, nothing more.
    second = card_image(desk.codes[other.id], other.nama)
    for i in range(3):
        with qtbot.waitSignal(pump.idle, timeout=5000):
            pump.offer(camera_frame(second, angle=8 * i, blur=1.0, noise=0.1, seed=10 + i))
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    qtbot.wait(100)
    assert len(shown) == 2 and sorted(camera_events(desk)) == sorted([(o.id, "camera"), (other.id, "camera")])
    assert screen.counter.text().startswith("Hadir 2 / 14")
