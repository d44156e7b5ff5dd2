"""The berita acara serah terima on screen: the PDF that prints, shown page by page at the panel's width."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QMargins, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.4, 4.0)  # of the page's actual size


class ReceiptPreview(QStackedWidget):
    """A message (what to wait for, or why there is no form) or the form itself.

    The form is the same PDF the print and save buttons produce (render/receipt.receipt_pdf),
    held in memory: nothing is left in a temporary folder. It opens fitted to the panel's width;
    Ctrl++ / Ctrl+- zoom, Ctrl+0 fits again, the arrow and page keys scroll."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf_bytes = b""  # the PDF shown, b"" when none
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("receipt_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setDocumentMargins(QMargins(8, 8, 8, 8))
        self.view.setStyleSheet("background: #8a9096;")
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.message = QLabel()
        self.message.setObjectName("receipt_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("background: #eef0f2; color: #3c4043; padding: 24px;")
        self.addWidget(self.message)
        self.addWidget(self.view)
        self.view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Zoom keys on the form (it has the focus; the arrow and page keys scroll it as they are)."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            # Ctrl++ however the keyboard makes "+" (with Shift, on the keypad, or as Ctrl+=).
            ctrl, key = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier), event.key()
            if event.matches(QKeySequence.StandardKey.ZoomIn) or (ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)):
                self.zoom_by(ZOOM_STEP)
                return True
            if event.matches(QKeySequence.StandardKey.ZoomOut) or (ctrl and key == Qt.Key.Key_Minus):
                self.zoom_by(1 / ZOOM_STEP)
                return True
            if ctrl and key == Qt.Key.Key_0:
                self.fit_width()
                return True
        return super().eventFilter(watched, event)

    def show_message(self, text: str) -> None:
        """A message instead of a form (waiting, or a failure): the form shown before goes away."""
        self._unload()
        self.message.setText(text)
        self.setCurrentWidget(self.message)

    def show_pdf(self, data: bytes) -> bool:
        """Show the PDF in `data`; False (and nothing shown) when Qt cannot read it."""
        self._unload()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() < 1:
            self.document.close()
            buffer.deleteLater()
            return False
        self._buffer, self.pdf_bytes = buffer, data
        self.fit_width()
        self.view.verticalScrollBar().setValue(0)
        self.setCurrentWidget(self.view)
        return True

    def showing_form(self) -> bool:
        return self.currentWidget() is self.view and self.document.pageCount() > 0

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def zoom_by(self, factor: float) -> None:
        if not self.showing_form():
            return
        lo, hi = ZOOM_RANGE
        zoom = self.zoom()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(hi, max(lo, zoom * factor)))

    def zoom(self) -> float:
        """The scale shown (1.0: the page at its actual size), fitted to the width or chosen."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or not self.document.pageCount():
            return self.view.zoomFactor()
        margins = self.view.documentMargins()
        page = self.document.pagePointSize(0).width() * self.view.logicalDpiX() / 72
        return (self.view.viewport().width() - margins.left() - margins.right()) / page

    def _unload(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.pdf_bytes = b""
