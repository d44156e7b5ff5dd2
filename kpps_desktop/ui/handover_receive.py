"""The handover screen's Terima tab: list .kpps files with what each would bring, trust new senders, merge."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

import sqlite_utils
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kpps_desktop.core import drives, exchange, wilayah
from kpps_desktop.core.progress import Progress
from kpps_desktop.ui.handover_status import GREEN, GREY, ORANGE, RED
from kpps_desktop.ui.jobs import Job, JobRunner, start_with_progress

if TYPE_CHECKING:
    from kpps_desktop.ui.handover_view import State

WARNING_STYLE = "QLabel { background: #b3261e; color: white; padding: 8px; font-weight: bold; }"


def preview_files(db: sqlite_utils.Database, paths: list[Path], progress: Progress | None = None
                  ) -> list[exchange.ImportReport]:
    """Check each file and count what it would bring, writing nothing (each is rolled back)."""
    return exchange.import_files(db, paths, commit=False, progress=progress)


def merge_files(db: sqlite_utils.Database, items: list[tuple[Path, str | None]], progress: Progress | None = None
                ) -> list[exchange.ImportReport]:
    """Import each (path, code): every file all or nothing; a refused one does not stop the rest.

    code is the verification code the user confirmed against the paper berita acara, for a file
    from a new device (None otherwise): the device is then trusted on that basis ('paper').
    """
    return exchange.import_files(db, [p for p, _ in items], codes={str(p): code for p, code in items},
                                 progress=progress)


def find_kpps_files(folders: list[Path]) -> list[Path]:
    """Handover files at the top of each folder (where the sender saved them), newest first."""
    found = []
    for folder in folders:
        try:
            found += [p for p in folder.iterdir() if p.suffix.lower() == exchange.SUFFIX and p.is_file()]
        except OSError:  # the stick was pulled out
            continue
    return sorted(found, key=lambda p: p.stat().st_mtime if p.exists() else 0, reverse=True)


class ReceivePage(QWidget):
    """Preview (nothing written), the paper code for a new sender, then merge; through the runner.

    While a preview or merge runs, the buttons that would change the list or start another are off."""

    previewed = Signal()
    wanted = Signal()  # files were added: this page should be the one showing
    imported = Signal(object)  # the reports of the files merged
    failed = Signal(str)

    # QT_TRANSLATE_NOOP with the class name: PySide's lupdate gives QT_TR_NOOP in a class body no context.
    COLUMNS = (QT_TRANSLATE_NOOP("ReceivePage", "Berkas"), QT_TRANSLATE_NOOP("ReceivePage", "Pengirim"),
               QT_TRANSLATE_NOOP("ReceivePage", "Baru"), QT_TRANSLATE_NOOP("ReceivePage", "Duplikat dilewati"),
               QT_TRANSLATE_NOOP("ReceivePage", "Konflik"), QT_TRANSLATE_NOOP("ReceivePage", "Kode berita acara"),
               QT_TRANSLATE_NOOP("ReceivePage", "Keterangan"))
    C_FILE, C_SENDER, C_NEW, C_DUP, C_CONFLICT, C_TRUST, C_NOTE = range(7)

    def __init__(self, runner: JobRunner, drives_found: Callable[[], list[drives.Drive]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.runner, self.drives_found = runner, drives_found
        self.state: State | None = None
        self.reports: list[exchange.ImportReport] = []
        self.trust_boxes: list[QCheckBox | None] = []
        self.job: Job | None = None  # the preview or merge under way
        self._build()

    def _build(self) -> None:
        self.add_button = QPushButton(self.tr("Pilih berkas…"))
        self.add_button.clicked.connect(self._ask_files)
        self.scan_button = QPushButton(self.tr("Ambil dari flashdisk"))
        self.scan_button.setToolTip(self.tr("Semua berkas .kpps di flashdisk yang terdeteksi"))
        self.scan_button.clicked.connect(self.add_from_drives)
        self.clear_button = QPushButton(self.tr("Kosongkan daftar"))
        self.clear_button.clicked.connect(self.clear_files)
        self.merge_button = QPushButton(self.tr("Gabungkan"))
        font = self.merge_button.font()
        font.setBold(True)
        self.merge_button.setFont(font)
        self.merge_button.clicked.connect(self.merge)
        bar = QHBoxLayout()
        for b in (self.add_button, self.scan_button, self.clear_button):
            bar.addWidget(b)
        bar.addStretch(1)
        bar.addWidget(self.merge_button)

        self.alarm = QLabel()
        self.alarm.setWordWrap(True)
        self.alarm.setStyleSheet(WARNING_STYLE)
        self.alarm.hide()
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for c in range(len(self.COLUMNS) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.C_NOTE, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel(self.tr("Pilih berkas .kpps dari flashdisk. Berkas diperiksa dulu (pratinjau); "
                                      "tidak ada yang disimpan sebelum Anda menekan Gabungkan."))
        self.summary.setWordWrap(True)
        # Who has sent and who not, where the files are received (the Status tab has the table).
        self.receive_status = QLabel()
        self.receive_status.setObjectName("receiveStatus")
        self.receive_status.setWordWrap(True)
        self.receive_status.hide()
        v = QVBoxLayout(self)
        v.addWidget(self.receive_status)
        v.addLayout(bar)
        v.addWidget(self.alarm)
        v.addWidget(self.table, 1)
        v.addWidget(self.summary)
        self._update_merge_button()

    # --- what the database says -------------------------------------------------------------

    def set_state(self, state: State) -> None:
        self.state = state
        self._update_merge_button()
        self._fill_receive_status(state.status)

    def _fill_receive_status(self, status: exchange.HandoverStatus | None) -> None:
        inst = self.state.inst if self.state is not None else None
        if status is None or not status.desa_total or inst is None or inst.role == "pps":
            self.receive_status.hide()
            return
        missing = [wilayah.name(k) for k in status.never_reported]
        text = self.tr("{done} dari {total} desa/kelurahan sudah mengirim.").format(
            done=len(status.reported), total=status.desa_total)
        if missing:
            shown = ", ".join(missing[:8]) + (self.tr(", dan {n} lainnya").format(n=len(missing) - 8)
                                              if len(missing) > 8 else "")
            text += " " + self.tr("Belum: {names}.").format(names=shown)
        self.receive_status.setText(text)
        self.receive_status.show()

    # --- jobs --------------------------------------------------------------------------------

    def _run(self, title: str, fn: Callable, *args) -> Job:
        """One job at a time from this page, behind a progress dialog; the list is frozen until it ends."""
        job = self.job = start_with_progress(self, self.runner, title, fn, *args)
        self._set_busy(True)
        return job.always(self._idle).failure(self.failed.emit)  # idle first: the caller's callbacks see it

    def _idle(self) -> None:
        self.job = None
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.add_button, self.scan_button, self.clear_button, self.table):
            widget.setEnabled(not busy)
        self._update_merge_button()

    # --- adding files ------------------------------------------------------------------------

    def _ask_files(self) -> None:
        found = self.drives_found()
        start = str(found[0].path) if found else str(Path.home())
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Pilih berkas serah terima"), start,
                                                self.tr("Berkas serah terima (*.kpps)"))
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_from_drives(self) -> Job | None:
        found = find_kpps_files([d.path for d in self.drives_found() or []])
        if not found:
            self.summary.setText(self.tr("Tidak ada berkas .kpps di flashdisk yang terdeteksi."))
            return None
        return self.add_files(found)

    def add_files(self, paths: list[Path]) -> Job | None:
        """Preview the files (nothing is written) and list them with what each would bring. Returns
        the job at once (None when there is nothing new to check); `previewed` says when it is done."""
        if self.job is not None:
            return None
        known = {r.path.resolve(): i for i, r in enumerate(self.reports)}
        again = [known[Path(p).resolve()] for p in dict.fromkeys(paths) if Path(p).resolve() in known]
        paths = [Path(p) for p in dict.fromkeys(paths) if Path(p).resolve() not in known]
        if not paths:
            self._say_listed(again)
            return None
        self.wanted.emit()

        def checked(reports: list[exchange.ImportReport]) -> None:
            for report in reports or []:
                self._add_row(report)
            self._update_alarm()
            self._update_merge_button()
            self._summarize()
            self.previewed.emit()

        return self._run(self.tr("Memeriksa berkas…"), preview_files, paths).success(checked)

    def _summarize(self) -> None:
        """Counts that agree with the Gabungkan button: ready means it would be merged now."""
        ready = len(self._mergeable())
        waiting = sum(r.status == "preview" for r in self.reports) - ready
        text = self.tr("{n} berkas siap digabungkan, {bad} ditolak, {old} sudah pernah diimpor.").format(
            n=ready, bad=sum(r.status == "refused" for r in self.reports),
            old=sum(r.status == "already" for r in self.reports))
        if waiting:
            text += " " + self.tr("{n} berkas dari perangkat baru menunggu: bandingkan kode verifikasi yang tampil "
                                  "besar dengan kode di berita acara serah terima yang diserahkan bersama berkas, "
                                  "lalu centang \"Cocok dengan berita acara?\".").format(n=waiting)
        self.summary.setText(text)

    def _say_listed(self, rows: list[int]) -> None:
        """A file added again is already in the list: say at once what became of it."""
        if not rows:
            return
        self.wanted.emit()
        self.table.selectRow(rows[0])
        done = [self.reports[i].path.name for i in rows if self.reports[i].status in ("imported", "already")]
        listed = [self.reports[i].path.name for i in rows if self.reports[i].status not in ("imported", "already")]
        parts = []
        if done:
            parts.append(self.tr("Sudah pernah diimpor: {names}.").format(names=", ".join(done)))
        if listed:
            parts.append(self.tr("Sudah ada di daftar: {names}.").format(names=", ".join(listed)))
        self.summary.setText(" ".join(parts))

    def clear_files(self) -> None:
        if self.job is not None:
            return
        self.reports.clear()
        self.trust_boxes.clear()
        self.table.setRowCount(0)
        self._update_alarm()
        self._update_merge_button()

    # --- the table ---------------------------------------------------------------------------

    def _sender(self, r: exchange.ImportReport) -> str:
        if r.role is None:
            return "–"
        text = f"{r.role.upper()} {wilayah.name(r.wilayah)}"
        if r.scope and r.scope != r.wilayah:
            text += " " + self.tr("(wilayah {name})").format(name=wilayah.name(r.scope))
        return text

    def _add_row(self, report: exchange.ImportReport) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.reports.append(report)
        box = None
        if report.status == "preview" and report.new_device and not report.desk:
            # The ceremony (docs/exchange-format.md, Provisioning): the sender's code, large, beside
            # the one question; compared with the paper in the room, no phone call.
            code = QLabel(report.fingerprint or "")
            code.setObjectName("verification_code")
            font = QFont("monospace")
            font.setStyleHint(QFont.StyleHint.Monospace)
            font.setPointSize(max(self.font().pointSize(), 9) + 7)
            font.setBold(True)
            code.setFont(font)
            code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box = QCheckBox(self.tr("Cocok dengan berita acara?"))
            box.setToolTip(self.tr("Perangkat baru. Centang bila kode ini sama dengan kode verifikasi di berita "
                                   "acara serah terima yang diserahkan bersama berkas."))
            box.toggled.connect(lambda on, device=report.device_id: self._trust_toggled(device, on))
            holder = QWidget()
            h = QVBoxLayout(holder)
            h.setContentsMargins(6, 2, 6, 2)
            h.addWidget(code)
            h.addWidget(box)
            self.table.setCellWidget(row, self.C_TRUST, holder)
        self.trust_boxes.append(box)
        self._fill_row(row, report)

    def _fill_row(self, row: int, report: exchange.ImportReport, note: str | None = None) -> None:
        counts = report.counts
        new = sum(c.new for c in counts.values())
        values = {
            self.C_FILE: report.path.name,
            self.C_SENDER: self._sender(report),
            self.C_NEW: str(new) if counts else "",
            self.C_DUP: str(sum(c.duplicate for c in counts.values())) if counts else "",
            self.C_CONFLICT: str(sum(c.conflict for c in counts.values())) if counts else "",
            self.C_NOTE: note if note is not None else self._note(report),
        }
        if self.trust_boxes[row] is None:
            values[self.C_TRUST] = self.tr("dikenal") if report.status in ("preview", "imported") else ""
        color = {"refused": RED, "already": GREY}.get(report.status)
        if report.status == "preview" and report.new_device and not report.desk:
            color = ORANGE
        if report.status == "imported":
            color = GREEN
        for col, text in values.items():
            item = QTableWidgetItem(text)
            if col == self.C_FILE:
                item.setToolTip(str(report.path))
            if col == self.C_NEW and counts:
                item.setToolTip("\n".join(self.tr("{what}: {n} baru").format(what=exchange._LABELS[t], n=c.new)
                                           for t, c in counts.items()))
            if col == self.C_NOTE:
                item.setToolTip(item.text())
            if color is not None:
                item.setBackground(QBrush(color))
            self.table.setItem(row, col, item)
        self.table.resizeRowToContents(row)

    def _note(self, r: exchange.ImportReport) -> str:
        parts = []
        if r.status == "refused":
            parts.append(self.tr("DITOLAK: {reason}").format(reason=r.reason))
        elif r.status == "already":
            parts.append(self.tr("Sudah pernah diimpor; tidak ada yang berubah."))
        elif r.status == "imported":
            parts.append(self.tr("Digabungkan."))
        if r.desk:  # a check-in desk set up from this office's kit: its secret proved it, no code
            parts.append(self.tr("Meja presensi {label}, disiapkan dari berkas meja kantor ini.").format(label=r.desk))
        elif r.new_device and r.status == "preview":
            parts.append(self.tr("Perangkat baru {device}, kode verifikasi {fp}: cocokkan dengan berita acara.").format(
                device=r.device_id[:8], fp=r.fingerprint))
        if r.status != "refused":
            parts.append(self.tr("Terenkripsi untuk kantor ini.") if r.encrypted else self.tr("Tidak terenkripsi."))
        parts += r.warnings
        return " ".join(parts)

    def _trust_toggled(self, device_id: str, on: bool) -> None:
        # One device, one decision: every listed file from it follows the box just clicked.
        for report, box in zip(self.reports, self.trust_boxes):
            if box is not None and report.device_id == device_id and box.isChecked() != on:
                box.setChecked(on)
        self._update_merge_button()
        self._summarize()

    def trusted(self, row: int) -> bool:
        box = self.trust_boxes[row]
        return box is None or box.isChecked()

    def _mergeable(self) -> list[int]:
        return [i for i, r in enumerate(self.reports) if r.status == "preview" and self.trusted(i)]

    def _update_merge_button(self) -> None:
        rows = self._mergeable()
        inst = self.state.inst if self.state is not None else None
        self.merge_button.setEnabled(bool(rows) and inst is not None and self.job is None)
        self.merge_button.setText(self.tr("Gabungkan ({n} berkas)").format(n=len(rows)) if rows else
                                  self.tr("Gabungkan"))
        waiting = sum(r.status == "preview" for r in self.reports) - len(rows)
        if inst is None:
            tip = self.tr("Atur dulu peran dan wilayah instalasi ini.")
        elif rows:
            tip = self.tr("Gabungkan {n} berkas ke database ini; tiap berkas utuh atau tidak sama sekali.").format(
                n=len(rows))
        elif waiting:
            tip = self.tr("{n} berkas dari perangkat baru: centang \"Cocok dengan berita acara?\" setelah kode "
                          "verifikasinya dicocokkan dengan berita acara.").format(n=waiting)
        elif self.reports:
            tip = self.tr("Tidak ada berkas baru untuk digabungkan.")
        else:
            tip = self.tr("Belum ada berkas: pilih berkas atau ambil dari flashdisk.")
        self.merge_button.setToolTip(tip)

    def _update_alarm(self) -> None:
        loud = [r for r in self.reports if r.status == "refused" and r.reason and "PERINGATAN" in r.reason]
        self.alarm.setVisible(bool(loud))
        if loud:
            self.alarm.setText(self.tr(
                "PERINGATAN: {files} mengaku dari perangkat yang sudah dikenal, tetapi kunci, peran, atau wilayahnya lain. "
                "Bisa jadi berkas palsu, atau laptop pengirim dipasang ulang. Berkas DITOLAK; hubungi pengirim "
                "dan minta berkas beserta berita acara yang baru.").format(files=", ".join(r.path.name for r in loud)))

    # --- merging -----------------------------------------------------------------------------

    def merge(self) -> Job | None:
        """Import the accepted files (each all or nothing), show the results, emit `imported`.
        Returns the job at once (None when nothing is ready or a job is under way)."""
        rows = self._mergeable()
        if not rows or self.job is not None:
            return None
        items = [(self.reports[i].path, self.reports[i].fingerprint
                  if self.reports[i].new_device and not self.reports[i].desk else None) for i in rows]

        def merged(done: list[exchange.ImportReport]) -> None:
            done = done or []
            for i, report in zip(rows, done):
                self.reports[i] = report
                if self.trust_boxes[i] is not None:
                    self.trust_boxes[i].setEnabled(False)
                note = self._note(report)
                if report.status == "imported":
                    note = self.tr("Digabungkan: {summary}").format(summary=report.summary())
                self._fill_row(i, report, note)
            self._update_alarm()
            self._update_merge_button()
            ok = [r for r in done if r.status == "imported"]
            self.summary.setText(self.tr("{ok} berkas digabungkan, {bad} ditolak.").format(
                ok=len(ok), bad=sum(r.status == "refused" for r in done)))
            if ok:
                self.imported.emit(ok)

        return self._run(self.tr("Menggabungkan berkas…"), merge_files, items).success(merged)
