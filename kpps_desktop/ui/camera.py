"""Webcam check-in: camera picker, live preview, QR decoding off the GUI thread, one check-in per card.

Only QtCore/QtGui/QtWidgets are imported here; Qt Multimedia is imported when a camera is
started, so the app runs where it is missing. The frame path (FramePump -> FrameDecoder) takes
QVideoFrames from the camera or QImages from tests alike.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

HOLD_SECONDS = 3.0  # the same card seen again within this long (while held in view) is one scan
WANTED_SIZE = (1280, 720)  # webcams on PPS laptops are 720p; more only costs decode time
START_TIMEOUT_MS = 4000

# Marked for translation here, translated where shown (CameraWidget._show).
NO_MULTIMEDIA = QT_TRANSLATE_NOOP("CameraWidget", "Kamera tidak tersedia: komponen multimedia Qt tidak dapat "
                                                  "dimuat di komputer ini. Gunakan pemindai atau presensi manual.")
NO_CAMERA = QT_TRANSLATE_NOOP("CameraWidget", "Tidak ada kamera terdeteksi. Pasang webcam, lalu pilih di daftar.")
BUSY = QT_TRANSLATE_NOOP("CameraWidget", "Kamera tidak dapat dibuka: {error}. Mungkin sedang dipakai aplikasi lain "
                                         "(Zoom, WhatsApp, aplikasi kamera); tutup aplikasi itu lalu coba lagi.")
NOT_RESPONDING = QT_TRANSLATE_NOOP("CameraWidget", "Kamera tidak mengirim gambar. Mungkin sedang dipakai aplikasi "
                                                   "lain; tutup aplikasi itu atau pilih kamera lain.")
# Windows 10/11 can switch cameras off for desktop apps: the camera is listed but opens with an
# error or sends nothing. The switch's own words, so it can be found in Settings.
PRIVACY = QT_TRANSLATE_NOOP("CameraWidget", "Di Windows, periksa juga Pengaturan › Privasi & keamanan › Kamera: "
                                            "\"Akses kamera\" dan \"Izinkan aplikasi desktop mengakses kamera\" harus "
                                            "Aktif.")


class RepeatFilter:
    """Lets a text through once while it keeps being seen; again only after HOLD_SECONDS out of view."""

    def __init__(self, hold: float = HOLD_SECONDS):
        self.hold = hold
        self._seen: dict[str, float] = {}

    def fresh(self, text: str, t: float) -> bool:
        last = self._seen.get(text)
        self._seen[text] = t  # each sighting extends the hold: a card held still is one scan
        if len(self._seen) > 64:
            self._seen = {k: v for k, v in self._seen.items() if t - v < self.hold}
        return last is None or t - last >= self.hold


# Planar formats whose first plane is the luminance: the grey image zxing wants, for free.
_Y_PLANE_FORMATS = ("Format_NV12", "Format_NV21", "Format_YUV420P", "Format_YV12", "Format_YUV422P",
                    "Format_IMC1", "Format_IMC2", "Format_IMC3", "Format_IMC4", "Format_Y8",
                    "Format_P010", "Format_P016", "Format_Y16")


class FrameDecoder:
    """One camera frame (QVideoFrame or QImage) -> the QR text to check in, or None.

    QR only (camera noise must not read as some 1D barcode); repeats of a card still in
    view are dropped. Runs on the decoder thread; `clock` is passed in for tests.
    """

    def __init__(self, hold: float = HOLD_SECONDS, clock: Callable[[], float] = time.monotonic):
        import zxingcpp

        self._zx = zxingcpp
        self.repeats = RepeatFilter(hold)
        self.clock = clock

    def decode(self, frame) -> str | None:
        """The text of the first QR code in the frame, without de-duplication."""
        if isinstance(frame, QImage):
            return self._decode_image(frame)
        fmt = frame.pixelFormat().name
        if fmt in _Y_PLANE_FORMATS and fmt not in ("Format_P010", "Format_P016", "Format_Y16"):
            from PySide6.QtMultimedia import QVideoFrame

            if frame.map(QVideoFrame.MapMode.ReadOnly):
                try:
                    stride, h = frame.bytesPerLine(0), frame.height()
                    plane = memoryview(frame.bits(0))[: stride * h]
                    return self._read(plane, frame.width(), h, stride)
                finally:
                    frame.unmap()
        return self._decode_image(frame.toImage())

    def _decode_image(self, image: QImage) -> str | None:
        if image.isNull():
            return None
        if image.format() != QImage.Format.Format_Grayscale8:
            image = image.convertToFormat(QImage.Format.Format_Grayscale8)
        stride = image.bytesPerLine()
        return self._read(memoryview(image.constBits())[: stride * image.height()], image.width(),
                          image.height(), stride)

    def _read(self, plane: memoryview, width: int, height: int, stride: int) -> str | None:
        zx = self._zx
        view = zx.ImageView(plane.cast("B", (height, stride)), width, height, zx.ImageFormat.Lum, stride)
        # The local-average binariser copes with uneven light; a blurred card (a webcam that
        # has not focused yet) is often read only with a fixed threshold, which costs <1 ms more.
        for binarizer in (zx.Binarizer.LocalAverage, zx.Binarizer.FixedThreshold):
            found = zx.read_barcodes(view, formats=zx.BarcodeFormat.QRCode, binarizer=binarizer, try_invert=False)
            for barcode in found:
                if barcode.valid and barcode.text:
                    return barcode.text
        return None

    def handle(self, frame) -> str | None:
        """Decode, then drop a card that is still in view: the text to check in, or None."""
        text = self.decode(frame)
        if text is None or not self.repeats.fresh(text, self.clock()):
            return None
        return text


class _Relay(QObject):
    # Owned by the decoding task, not by the pump: a task still running when the pump is
    # deleted emits into a live object whose connection Qt has already cut.
    done = Signal(object)


class FramePump(QObject):
    """Hands frames to one decoder thread; a frame that arrives while it is busy is dropped.

    `decoded(text)` arrives on the GUI thread, once per card held in view.
    """

    decoded = Signal(str)
    idle = Signal()  # a frame has been dealt with (for tests and the benchmark)

    def __init__(self, decoder: FrameDecoder | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.decoder = decoder or FrameDecoder()
        self.busy = False
        self.offered = self.dropped = 0
        self._pool = QThreadPool(self)  # its destructor waits for a decode in progress
        self._pool.setMaxThreadCount(1)
        self._pool.setObjectName("kpps-qr-decoder")
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)

    def offer(self, frame) -> bool:
        """Queue a frame (QVideoFrame or QImage) unless one is being decoded; False if dropped."""
        self.offered += 1
        if self.busy:
            self.dropped += 1
            return False
        self.busy = True
        frame = type(frame)(frame)  # a shallow copy that outlives the camera's signal
        relay, decoder = self._relay, self.decoder

        def task() -> None:
            try:
                text = decoder.handle(frame)
            except Exception:  # a corrupt frame from a flaky driver is a frame without a card
                text = None
            relay.done.emit(text)

        self._pool.start(task)
        return True

    @Slot(object)
    def _on_done(self, text) -> None:
        self.busy = False
        if text:
            self.decoded.emit(text)
        self.idle.emit()

    def stop(self) -> None:
        self._pool.waitForDone()


def load_multimedia():
    """(QtMultimedia, QtMultimediaWidgets), or None when Qt Multimedia cannot be loaded."""
    try:
        from PySide6 import QtMultimedia, QtMultimediaWidgets
    except ImportError:  # e.g. libpulse missing on Linux, or a build without multimedia
        return None
    return QtMultimedia, QtMultimediaWidgets


def _best_format(device, wanted=WANTED_SIZE):
    """The device format closest to 720p at about 30 fps (None: let the driver choose)."""
    best, best_key = None, None
    for fmt in device.videoFormats():
        size = fmt.resolution()
        key = (abs(size.width() * size.height() - wanted[0] * wanted[1]), abs(fmt.maxFrameRate() - 30))
        if best_key is None or key < best_key:
            best, best_key = fmt, key
    return best


class CameraWidget(QWidget):
    """Picker, preview and status line; emits `scanned(text)` once per card shown to the camera."""

    scanned = Signal(str)

    def __init__(self, parent: QWidget | None = None, decoder: FrameDecoder | None = None):
        super().__init__(parent)
        self.pump = FramePump(decoder, self)
        self.pump.decoded.connect(self.scanned)
        self._mm = load_multimedia()
        self._camera = self._session = self._devices = None
        self._got_frame = False

        self.picker = QComboBox()
        self.picker.setObjectName("cameraPicker")
        self.start_button = QPushButton(self.tr("Mulai kamera"))
        self.start_button.setObjectName("cameraStart")
        self.start_button.setCheckable(True)
        self.start_button.toggled.connect(self._toggled)
        self.status = QLabel()
        self.status.setObjectName("cameraStatus")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self.preview: QWidget = QLabel(self.tr("Pratinjau kamera"))
        if self._mm is not None:
            self.preview = self._mm[1].QVideoWidget()
            self._devices = self._mm[0].QMediaDevices(self)
            self._devices.videoInputsChanged.connect(self.refresh_devices)
        self.preview.setMinimumSize(240, 135)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._check_started)
        self.refresh_devices()

    @property
    def available(self) -> bool:
        return self._mm is not None and self.picker.count() > 0

    def refresh_devices(self) -> None:
        current = self.picker.currentData()
        self.picker.clear()
        if self._mm is None:
            self._show(self.tr(NO_MULTIMEDIA))
        else:
            for device in self._mm[0].QMediaDevices.videoInputs():
                self.picker.addItem(device.description(), device.id())
            if self.picker.count() == 0:
                self._show(self.tr(NO_CAMERA))
            elif not self.status.text() or self.status.text() == self.tr(NO_CAMERA):
                self._show(self.tr("Pilih kamera, lalu tekan Mulai. Tunjukkan kartu ke kamera."))
        index = self.picker.findData(current)
        if index >= 0:
            self.picker.setCurrentIndex(index)
        self.picker.setEnabled(self.picker.count() > 0)
        self.start_button.setEnabled(self.available)

    def _show(self, message: str) -> None:
        self.status.setText(message)

    def _toggled(self, on: bool) -> None:
        if on:
            self.start()
        else:
            self.stop()

    def start(self) -> bool:
        """Open the chosen camera; False (with the reason shown) when that is impossible."""
        if not self.available:
            self.refresh_devices()
            self.start_button.setChecked(False)
            return False
        self.stop()
        QtMultimedia = self._mm[0]
        device = next((d for d in QtMultimedia.QMediaDevices.videoInputs()
                       if d.id() == self.picker.currentData()), None)
        if device is None:
            self.refresh_devices()
            self._show(self.tr(NO_CAMERA))
            self.start_button.setChecked(False)
            return False
        self._camera = QtMultimedia.QCamera(device, self)
        fmt = _best_format(device)
        if fmt is not None:
            self._camera.setCameraFormat(fmt)
        self._camera.errorOccurred.connect(self._on_error)
        self._session = QtMultimedia.QMediaCaptureSession(self)
        self._session.setCamera(self._camera)
        self._session.setVideoOutput(self.preview)
        self.preview.videoSink().videoFrameChanged.connect(self._on_frame)
        self._got_frame = False
        self._camera.start()
        self._watchdog.start(START_TIMEOUT_MS)
        self._show(self.tr("Kamera {name} dibuka…").format(name=device.description()))
        self.start_button.setText(self.tr("Hentikan kamera"))
        return True

    def stop(self) -> None:
        self._watchdog.stop()
        if self._camera is not None:
            self.preview.videoSink().videoFrameChanged.disconnect(self._on_frame)
            self._camera.stop()
            self._session.setCamera(None)
            self._camera.deleteLater()
            self._session.deleteLater()
            self._camera = self._session = None
        self.start_button.setText(self.tr("Mulai kamera"))
        if self.start_button.isChecked():
            self.start_button.blockSignals(True)
            self.start_button.setChecked(False)
            self.start_button.blockSignals(False)

    def _on_frame(self, frame) -> None:
        if not self._got_frame:
            self._got_frame = True
            self._show(self.tr("Kamera aktif. Tunjukkan kartu (kode QR) ke kamera."))
        self.pump.offer(frame)

    def _on_error(self, _error, message: str) -> None:
        self.stop()
        self._show(self.tr(BUSY).format(error=message or self.tr("galat tidak dikenal")) + " " + self.tr(PRIVACY))

    def _check_started(self) -> None:
        if self._camera is not None and not self._got_frame:
            self.stop()
            self._show(self.tr(NOT_RESPONDING) + " " + self.tr(PRIVACY))

    def hideEvent(self, event) -> None:
        # A camera left on while hidden blocks other apps and drains the laptop battery.
        self.stop()
        super().hideEvent(event)

    def shutdown(self) -> None:
        self.stop()
        self.pump.stop()
