"""A banner above the recap's numbers while a check-in desk's file has not come home (issue #19)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kpps_desktop.core.exchange.desks import DeskStatus


class DeskBanner(QLabel):
    """"Meja 3 belum menyerahkan berkas", one line per desk, hidden when every desk is complete.

    The numbers under it leave out what a missing desk recorded: the banner says so until it has.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("deskBanner")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#deskBanner { background: #fff3cd; color: #664d03; border: 1px solid #ffda6a; "
                           "padding: 6px; font-weight: bold; }")
        self.hide()

    def fill(self, desks: list[DeskStatus]) -> None:
        lines = []
        for d in desks:
            if not d.returned:
                lines.append(self.tr("{label} belum menyerahkan berkas").format(label=d.label))
            elif d.missing:
                lines.append(self.tr("{label}: {n} catatan belum diterima (berkas tidak lengkap)").format(
                    label=d.label, n=d.missing))
        if lines:
            lines.append(self.tr("Angka di bawah belum memuat presensi dari meja tersebut."))
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
