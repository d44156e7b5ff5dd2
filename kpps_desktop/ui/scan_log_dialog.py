"""Refused scans waiting for the desk: record the check-in a walk-in's scan should have been, or set it aside."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from kpps_desktop.core import cards, checkin, roster, sessions
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.roster_search import RosterIndex
from kpps_desktop.ui import i18n
from kpps_desktop.ui.checkin_dialogs import OfficerSearch
from kpps_desktop.ui.checkin_result import METHOD_LABELS, RESULT_LABELS, TONES, _t, hhmm, local_now
from kpps_desktop.ui.jobs import Job, JobRunner
from kpps_desktop.ui import screen

TEXT_SHOWN = 40  # what a camera misread can be: a URL, a KTP's QR; the start is enough to recognise it


class ScanLogDialog(QDialog):
    """The unresolved scans of one session; every write goes through `runner`.

    `index` and `status` (officer id -> current status) may come from the check-in screen, which
    already has them; otherwise the dialog reads them itself.
    """

    resolved = Signal(object)  # the checkin.Result of a resolved scan (accepted, or duplicate)
    count_changed = Signal(int)  # unresolved scans left, after every reload

    def __init__(self, runner: JobRunner, db_path: Path, session_id: str, parent: QWidget | None = None, *,
                 clock: Callable[[], _dt.datetime] = local_now, index: RosterIndex | None = None,
                 status: Callable[[str], str | None] | None = None):
        super().__init__(parent)
        self.runner, self.session_id, self.clock = runner, session_id, clock
        # A reading connection of its own (WAL); the screen's file was checked when it opened.
        self.db = dbmod.open_reader(db_path)
        self.session = sessions.require_session(self.db, session_id)
        if index is None:
            index = RosterIndex(sessions.expected_officers(self.db, session_id))
        self._marks: dict[str, str] | None = None  # our own copy of the statuses when none is passed in
        if status is None:
            self._marks = {oid: m.status for oid, m in sessions.current_status(self.db, session_id).items()}
            status = self._marks.get
        self.scans: list[dict] = []
        self._job: Job | None = None
        self.setWindowTitle(self.tr("Pindaian belum selesai: {title}").format(title=self.session.title))
        screen.fit(self, 900, 640)  # capped to the screen the taskbar leaves
        self._build(index, status)
        self.reload()
        self.table.setFocus()

    def _build(self, index: RosterIndex, status: Callable[[str], str | None]) -> None:
        intro = QLabel(self.tr("Pindaian yang ditolak disimpan di sini. Pilih satu, lalu catat hadir untuk petugas "
                               "yang benar (presensi manual, jam pindaian), atau abaikan bila salah baca kamera "
                               "atau bukan petugas."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("scanTable")
        self.table.setHorizontalHeaderLabels([self.tr("Jam"), self.tr("Terbaca"), self.tr("Alasan ditolak"),
                                              self.tr("Pemilik kartu"), self.tr("Cara")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        for col in range(5):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("Tidak ada pindaian yang perlu diselesaikan."))
        self.empty.setObjectName("scanLogEmpty")

        self.search = OfficerSearch(index, status, self, autoselect=False)
        self.reason = QLineEdit()
        self.reason.setObjectName("scanLogReason")
        self.reason.setPlaceholderText(self.tr("Alasan (wajib), mis. kartu tertukar, salah baca kamera"))
        self.scan_time = QCheckBox(self.tr("Catat dengan jam pindaian (bukan jam sekarang)"))
        self.scan_time.setObjectName("scanTimeCheck")
        self.scan_time.setChecked(True)
        self.hint = QLabel()
        self.hint.setObjectName("scanLogHint")
        self.outcome = QLabel()
        self.outcome.setObjectName("scanLogOutcome")
        self.outcome.setWordWrap(True)
        self.resolve_button = QPushButton(self.tr("Catat hadir"))
        self.resolve_button.setObjectName("resolveButton")
        self.dismiss_button = QPushButton(self.tr("Abaikan"))
        self.dismiss_button.setObjectName("dismissButton")
        close = QPushButton(self.tr("Tutup"))
        close.setObjectName("closeButton")
        close.setAutoDefault(False)

        reason_row = QHBoxLayout()
        reason_row.addWidget(QLabel(self.tr("Alasan")))
        reason_row.addWidget(self.reason, 1)
        reason_row.addWidget(self.scan_time)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.empty)
        layout.addWidget(QLabel(self.tr("Catat hadir untuk petugas:")))
        layout.addWidget(self.search, 4)
        layout.addLayout(reason_row)
        layout.addWidget(self.outcome)
        layout.addLayout(buttons)

        self.table.itemSelectionChanged.connect(self._scan_picked)
        self.search.list.selectionModel().currentChanged.connect(self._update)
        self.search.model.modelReset.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self.resolve_button.clicked.connect(self.resolve)
        self.dismiss_button.clicked.connect(self.dismiss)
        close.clicked.connect(self.accept)

    # Reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        self.scans = checkin.unresolved_scans(self.db, self.session_id)
        self.table.setRowCount(len(self.scans))
        for row, scan in enumerate(self.scans):
            for col, text in enumerate(self._cells(scan)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, scan["id"])
                self.table.setItem(row, col, item)
        # Rows moved up: a selection kept by row number would now point at another scan.
        self.table.clearSelection()
        self.empty.setVisible(not self.scans)
        self.table.setVisible(bool(self.scans))
        self._update()
        self.count_changed.emit(len(self.scans))

    def _cells(self, scan: dict) -> tuple[str, str, str, str, str]:
        code = cards.parse_code(scan["text"]) if scan["method"] in ("scanner", "camera") else None
        read = cards.format_code(code) if code else scan["text"] or "—"
        if scan["method"] in ("manual", "paper") and scan["officer"]:
            read = "—"  # a refused manual pick stores the officer id, which says nothing to the desk
        if len(read) > TEXT_SHOWN:
            read = read[:TEXT_SHOWN] + "…"
        why = _t(RESULT_LABELS.get(scan["result"], scan["result"]))
        owner = scan["officer"]
        who = "—"
        if owner:
            who = " · ".join((owner["nama"], i18n.core(owner["jabatan_label"]),
                              roster.tps_label(owner["tps"], owner["tps_label"]),
                              self.tr("Desa {name}").format(name=owner["desa_nama"])))
        return hhmm(scan["at"]), read, why, who, _t(METHOD_LABELS.get(scan["method"], scan["method"]))

    def selected_scans(self) -> list[dict]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.scans[r] for r in rows if r < len(self.scans)]

    def _scan_picked(self) -> None:
        """A card whose owner is expected here (e.g. a revoked card): offer that officer first."""
        picked = self.selected_scans()
        owner = picked[0]["officer"] if len(picked) == 1 else None
        if owner and owner["id"] in self.search.index.position_of_id:
            self.search.query.setText(owner["nama"])
            model = self.search.model
            row = next((r for r in range(model.rowCount()) if model.officer(r)["id"] == owner["id"]), None)
            if row is not None:
                self.search.list.setCurrentIndex(model.index(row))
        self._update()

    def _problem(self) -> str:
        """Why 'Catat hadir' cannot be pressed yet ('' when it can)."""
        if self._job is not None:
            return self.tr("Menyimpan…")
        if len(self.selected_scans()) != 1:
            return self.tr("Pilih satu pindaian di tabel.")
        if self.search.selected() is None:
            return self.tr("Pilih petugas dari daftar.")
        if not self.reason.text().strip():
            return self.tr("Alasan wajib diisi.")
        return ""

    def _update(self, *_args) -> None:
        problem = self._problem()
        self.hint.setText(problem)
        self.resolve_button.setEnabled(not problem)
        self.dismiss_button.setEnabled(self._job is None and bool(self.selected_scans())
                                       and bool(self.reason.text().strip()))

    # Writing -----------------------------------------------------------------------------
    def resolve(self) -> Job | None:
        if self._problem():
            return None
        scan, officer = self.selected_scans()[0], self.search.selected()
        return self._submit(checkin.resolve_scan, scan["id"], officer["id"], self.clock(), self.reason.text(),
                            at_scan_time=self.scan_time.isChecked())

    def dismiss(self) -> Job | None:
        picked = self.selected_scans()
        if self._job is not None or not picked or not self.reason.text().strip():
            return None
        return self._submit(checkin.dismiss_scans, [s["id"] for s in picked], self.reason.text(), self.clock())

    def _submit(self, fn, *args, **kwargs) -> Job:
        self._job = self.runner.submit(fn, *args, **kwargs)
        self._job.finished.connect(self._written)
        self._job.failed.connect(lambda message: self._written(None, message))
        self._update()
        return self._job

    def _written(self, result, error: str | None = None) -> None:
        self._job = None
        if isinstance(result, checkin.Result):
            self.resolved.emit(result)  # also when closed meanwhile: the screen's counters must follow
        if self.db is None:
            return
        if error is not None:
            self._show(error, "refused")
        elif isinstance(result, checkin.Result):
            if self._marks is not None:
                self._marks[result.officer["id"]] = result.status
            self._show(f"{result.officer['nama']}: {result.message}",
                       "accepted" if result.result == "accepted" else "duplicate")
            self.search.query.clear()
            self.search.list.clearSelection()
        else:
            self._show(self.tr("{n} pindaian diabaikan.").format(n=result), "info")
        if error is None:
            self.reason.clear()
        self.reload()

    def _show(self, text: str, tone: str) -> None:
        bg, fg = TONES[tone]
        self.outcome.setText(text)
        self.outcome.setStyleSheet(f"background: {bg.name()}; color: {fg.name()}; padding: 6px;")

    def done(self, code: int) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        super().done(code)
