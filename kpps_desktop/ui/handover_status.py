"""The handover status panel: which desa have sent their data, and whose devices have gaps or a wrong clock.

Its own module because two screens show it: the handover screen's Status tab and the recap.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpps_desktop.core import exchange, wilayah

RED, ORANGE, GREEN, GREY = QColor("#fde2e1"), QColor("#fff1d6"), QColor("#e3f4e1"), QColor("#eeeeee")


class HandoverStatusPanel(QWidget):
    """Which desa have sent their data, which have not, and which devices have gaps or a wrong clock.

    Shown in the handover screen's Status tab and in the recap; its texts keep the HandoverView
    context so one translation serves both.
    """

    refreshRequested = Signal()

    def __init__(self, parent: QWidget | None = None, *, codes: bool = True):
        """codes=False hides the region-code column (each name still shows its code as a tooltip)."""
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton(QCoreApplication.translate("HandoverView", "Segarkan"))
        self.refresh_button.clicked.connect(self.refreshRequested)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([
            QCoreApplication.translate("HandoverView", "Kode"), QCoreApplication.translate("HandoverView", "Wilayah"),
            QCoreApplication.translate("HandoverView", "Keadaan"),
            QCoreApplication.translate("HandoverView", "Keterangan")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line a desa; a long note is elided and shown whole as a tooltip
        self.table.setColumnHidden(0, not codes)
        header = self.table.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.refresh_button)
        v = QVBoxLayout(self)
        v.addLayout(top)
        v.addWidget(self.table, 1)

    def fill(self, status: exchange.HandoverStatus | None) -> None:
        """Never reported first (red), then gaps and clocks (orange), then those that sent (green)."""
        table = self.table
        table.setRowCount(0)
        if status is None:
            self.summary.clear()
            return
        self.summary.setText(QCoreApplication.translate(
            "HandoverView",
            "{scope}: {done} dari {total} desa/kelurahan sudah mengirim data; {gaps} perangkat dengan catatan "
            "hilang; {clocks} perangkat dengan jam meleset.").format(
            scope=wilayah.name(status.scope), done=len(status.reported), total=status.desa_total,
            gaps=len(status.gaps), clocks=len(status.clocks)))
        unknown = QCoreApplication.translate("HandoverView", "perangkat tak dikenal")
        rows: list[tuple[str, str, str, str, QColor]] = []
        for kode in status.never_reported:
            rows.append((kode, wilayah.name(kode),
                         QCoreApplication.translate("HandoverView", "Belum pernah mengirim"), "", RED))
        for g in status.gaps:
            ranges = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in g.missing)
            rows.append((g.wilayah or "?", wilayah.name(g.wilayah) if g.wilayah else unknown,
                         QCoreApplication.translate("HandoverView", "Ada catatan hilang"),
                         QCoreApplication.translate(
                             "HandoverView",
                             "Perangkat {d}: {n} catatan belum diterima (nomor urut {r}); minta berkas terbaru."
                         ).format(d=g.device_id[:8], n=g.missing_count, r=ranges), ORANGE))
        for c in status.clocks:
            rows.append((c.wilayah or "?", wilayah.name(c.wilayah) if c.wilayah else unknown,
                         QCoreApplication.translate("HandoverView", "Jam perangkat meleset"),
                         QCoreApplication.translate(
                             "HandoverView",
                             "Perangkat {d}: {n} catatan sampai {days:.0f} hari dari tanggal sesi ({first} … {last})."
                         ).format(d=c.device_id[:8], n=c.events, days=c.worst_days, first=_local(c.first),
                                  last=_local(c.last)), ORANGE))
        for kode, at in sorted(status.reported.items()):
            rows.append((kode, wilayah.name(kode), QCoreApplication.translate("HandoverView", "Sudah mengirim"),
                         QCoreApplication.translate("HandoverView", "terakhir {at}").format(at=_local(at)), GREEN))
        table.setRowCount(len(rows))
        for r, (kode, name, state, note, color) in enumerate(rows):
            for c, text in enumerate((kode, name, state, note)):
                item = QTableWidgetItem(text)
                item.setBackground(QBrush(color))
                if c == 1:
                    item.setToolTip(kode)
                elif c == 3 and text:
                    item.setToolTip(text)
                table.setItem(r, c, item)


def _local(stamp: str) -> str:
    """An ISO instant as this computer's local 'YYYY-MM-DD HH:MM'; other text ('perangkat ini') as is."""
    try:
        return _dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp
