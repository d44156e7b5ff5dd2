"""The printer: a QPrinter set to our paper, and a text-only PDF sent to it at actual size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from kpps_desktop.core.errors import UserError
from kpps_desktop.core.progress import Canceled, Progress
from kpps_desktop.render import pdf

# Documents go to the printer as vectors (pdf.PrinterTarget). A PDF sent as is (the handover
# receipt: text only) is rasterised page by page at this resolution, in grey: 3.9 MB an A4 page,
# where 300 dpi in colour took 35 MB (and a copy) in memory and in the Windows spooler.
TEXT_PAGE_DPI = 200


def paint_pdf(path: Path, printer: QPrinter, paper: str, progress: Progress | None = None) -> int:
    """Send a text-only PDF's pages to a printer at actual size (no fit-to-page); returns the page count.

    Each page is drawn from the paper's corner at its size in millimetres, so a 100 mm rule prints
    as 100 mm whatever the printer's resolution. One grey page image at a time, at TEXT_PAGE_DPI.
    """
    doc = QPdfDocument()
    if doc.load(str(path)) != QPdfDocument.Error.None_:
        raise UserError(QCoreApplication.translate("PrintView", "Berkas cetak {name} tidak dapat dibaca.").format(
            name=path.name))
    w_mm, h_mm = pdf.paper_size(paper)
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        doc.close()
        raise pdf.PrinterError(QCoreApplication.translate(
            "PrintView", "Printer tidak dapat dipakai. Periksa apakah printer menyala dan terhubung."))
    pages = doc.pageCount()
    if progress:
        progress.done = 0
        progress.set_total(pages, QCoreApplication.translate("PrintView", "Mengirim halaman ke printer"))
    try:
        res = printer.resolution()
        target = QRectF(0, 0, w_mm / 25.4 * res, h_mm / 25.4 * res)
        size = QSize(round(w_mm / 25.4 * TEXT_PAGE_DPI), round(h_mm / 25.4 * TEXT_PAGE_DPI))
        for page in range(pages):
            if page:
                printer.newPage()
            painter.drawImage(target, _grey_on_white(doc.render(page, size)))
            if progress:
                progress.tick()
    except Canceled:
        printer.abort()
        raise
    finally:
        painter.end()
        doc.close()
    return pages


def _grey_on_white(image: QImage) -> QImage:
    """The page on white in 8-bit grey: QPdfDocument renders a transparent background, and printer
    drivers (the Windows GDI one among them) handle opaque images best; grey is a quarter of RGB."""
    out = QImage(image.size(), QImage.Format.Format_Grayscale8)
    out.fill(Qt.GlobalColor.white)
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    painter.end()
    return out


def printer_for(paper: str) -> QPrinter:
    """A printer set to our paper at its exact size with no margins, so the dialog starts from it.

    F4 is a custom 215 × 330 mm page, never the driver's nearest named sheet (a fuzzy match gave
    "Fanfold German Legal", 215.9 × 330 mm, and some inkjet drivers map that to Legal); the
    calibration page shows whether the driver honoured it.
    """
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(pdf.page_layout(paper))
    printer.setFullPage(True)
    return printer
