"""Presensi → Impor kehadiran daring…: a meeting's participant report matched to the roster, reviewed, applied.

The reading and matching are core.daring.preview, the writing core.daring.apply_preview (the same
calls as `kpps daring import`), both through the one writer. This dialog only shows the lists
and collects the desk's assignments of rows that need review: one row may stand for several
officers watching together.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
    QTabWidget, QVBoxLayout, QWidget,
)

from kpps_desktop.core import daring, roster, sessions, wilayah
from kpps_desktop.core.daring.apply import planned
from kpps_desktop.core.daring.preview import Item, Preview, default_min_minutes, roster_index
from kpps_desktop.ui import i18n, screen
from kpps_desktop.ui.jobs import Job, JobRunner
from kpps_desktop.ui.widgets import error_label

KEY = Qt.ItemDataRole.UserRole


def local_now() -> _dt.datetime:
    return _dt.datetime.now().astimezone()


def officer_text(o: dict) -> str:
    """'Siti Aminah · TPS 2 Kedungmalang · Anggota KPPS' (no NIK: the screen does not need it)."""
    jabatan = i18n.core(roster.JABATAN_LABELS.get(o["jabatan"], o["jabatan"]))
    return f"{o['nama']} · TPS {o['tps']} {wilayah.name(o['desa'])} · {jabatan}"


class DaringImportDialog(QDialog):
    """Pick report files, see matched / to review / unmatched rows, assign, apply."""

    previewed = Signal(object)  # the Preview shown (or an error text)
    applied = Signal(object)  # the daring.Applied after a successful apply

    def __init__(self, runner: JobRunner, session_id: str, parent: QWidget | None = None, *,
                 clock=local_now):
        super().__init__(parent)
        self.runner, self.session_id, self.clock = runner, session_id, clock
        self.session = runner.read(sessions.require_session, session_id)
        # The roster index (thousands of names at a kecamatan) is built on the runner; the preview
        # jobs queue behind it, so it is there before any row needs it.
        self.index = None
        runner.submit(roster_index, session_id).success(lambda index: setattr(self, "index", index))
        self.paths: list[Path] = []
        self.preview: Preview | None = None
        self.assignments: dict[tuple[int, int], list[str]] = {}
        self._job: Job | None = None
        self.setWindowTitle(self.tr("Impor kehadiran daring"))
        self._build(runner.read(default_min_minutes))
        screen.fit(self, 1200, 640)  # capped to the screen the taskbar leaves

    # Layout ------------------------------------------------------------------------------
    def _build(self, min_minutes: int) -> None:
        title = QLabel(f"{i18n.core(self.session.kind_label)}: {self.session.title} · {self.session.date}")
        title.setStyleSheet("font-weight: bold;")
        self.files_button = QPushButton(self.tr("Pilih berkas laporan…"))
        self.files_button.setObjectName("pickFiles")
        self.files_button.clicked.connect(self.pick_files)
        self.files_label = QLabel(self.tr("Belum ada berkas. Laporan peserta Zoom, Google Meet, Teams, "
                                          "atau jawaban Google Formulir (CSV)."))
        self.files_label.setObjectName("filesLabel")
        self.files_label.setWordWrap(True)
        self.min_spin = QSpinBox()
        self.min_spin.setObjectName("minMinutes")
        self.min_spin.setRange(0, 600)
        self.min_spin.setSuffix(self.tr(" menit"))
        self.min_spin.setValue(min_minutes)
        self.min_spin.valueChanged.connect(lambda *_: self.refresh())
        top = QHBoxLayout()
        top.addWidget(self.files_button)
        top.addWidget(self.files_label, 1)
        top.addWidget(QLabel(self.tr("Minimal hadir:")))
        top.addWidget(self.min_spin)

        self.tabs = QTabWidget()
        self.matched_list = self._list("matchedList")
        self.review_list = self._list("reviewList")
        self.unmatched_list = self._list("unmatchedList")
        for widget in (self.matched_list, self.review_list, self.unmatched_list):
            self.tabs.addTab(widget, "")
        self.review_list.currentItemChanged.connect(lambda *_: self._row_selected(self.review_list))
        self.unmatched_list.currentItemChanged.connect(lambda *_: self._row_selected(self.unmatched_list))
        self.tabs.currentChanged.connect(lambda *_: self._row_selected(self._current_list()))

        self.row_label = QLabel(self.tr("Pilih baris di daftar \"Perlu diperiksa\" atau \"Tidak cocok\"."))
        self.row_label.setObjectName("rowLabel")
        self.row_label.setWordWrap(True)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("officerSearch")
        self.search_field.setPlaceholderText(self.tr("Cari petugas: nama atau nomor TPS"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self._search)
        self.officer_list = self._list("officerList")
        self.assign_button = QPushButton(self.tr("Tetapkan ke petugas yang dicentang"))
        self.assign_button.setObjectName("assignButton")
        self.assign_button.clicked.connect(self.assign_checked)
        self.clear_button = QPushButton(self.tr("Hapus penetapan"))
        self.clear_button.setObjectName("clearAssignment")
        self.clear_button.clicked.connect(self.clear_assignment)
        side = QVBoxLayout()
        side.addWidget(self.row_label)
        side.addWidget(self.search_field)
        side.addWidget(self.officer_list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.assign_button)
        buttons.addWidget(self.clear_button)
        side.addLayout(buttons)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(430)
        body = QHBoxLayout()
        body.addWidget(self.tabs, 1)
        body.addWidget(side_widget)

        self.error = error_label(self)
        self.error.setObjectName("daringError")
        self.summary = QLabel()
        self.summary.setObjectName("daringSummary")
        self.summary.setWordWrap(True)
        self.apply_button = QPushButton(self.tr("Catat hadir daring"))
        self.apply_button.setObjectName("applyDaring")
        self.apply_button.clicked.connect(self.apply)
        close = QPushButton(self.tr("Tutup"))
        close.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.apply_button)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self._show()

    @staticmethod
    def _list(name: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        return widget

    def _current_list(self) -> QListWidget:
        return (self.matched_list, self.review_list, self.unmatched_list)[max(self.tabs.currentIndex(), 0)]

    # Reading -----------------------------------------------------------------------------
    def pick_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Pilih laporan peserta"), "",
            self.tr("Laporan peserta (*.csv *.tsv *.txt);;Semua berkas (*)"))
        if files:
            self.load_files([Path(f) for f in files])

    def load_files(self, paths: list[Path]) -> Job:
        """Read and match the files on the worker; `previewed` fires when the lists are shown."""
        self.paths = list(paths)
        self.assignments.clear()
        return self.refresh()

    def refresh(self) -> Job | None:
        if not self.paths:
            return None
        self.error.hide()
        self.apply_button.setEnabled(False)
        job = self._job = self.runner.submit(daring.preview, self.session_id, self.paths, self.min_spin.value())
        job.finished.connect(lambda result, job=job: self._previewed(job, result))
        job.failed.connect(lambda message, job=job: self._preview_failed(job, message))
        return job

    def _previewed(self, job: Job, result: Preview) -> None:
        if job is not self._job:
            return  # an older preview (the minimum changed meanwhile)
        self.preview = result
        keys = {(i.file_index, i.row) for i in result.items}
        self.assignments = {k: v for k, v in self.assignments.items() if k in keys}
        self.files_label.setText("; ".join(
            self.tr("{file}: {layout}, {rows} baris").format(file=f.file, layout=f.label, rows=f.rows)
            for f in result.files))
        self._show()
        self.previewed.emit(result)

    def _preview_failed(self, job: Job, message: str) -> None:
        if job is not self._job:
            return
        self.preview = None
        self.assignments.clear()
        self.error.setText(message)
        self.error.show()
        self._show()
        self.previewed.emit(message)

    # Showing -----------------------------------------------------------------------------
    def _officer(self, oid: str) -> dict:
        return self.index.officers.get(oid) or self.preview.officers[oid]

    def _item_text(self, item: Item) -> str:
        where = self.tr("baris {row}").format(row=item.row)
        if self.preview and len(self.preview.files) > 1:
            where = f"{self.preview.files[item.file_index].file} {where}"
        minutes = "" if item.minutes is None else " · " + self.tr("{n} menit").format(n=item.minutes_shown)
        text = f"{where} · {item.name}{minutes}"
        if item.kind == "matched":
            text += f"  →  {officer_text(self._officer(item.officer))} ({item.score:g})"
        elif item.kind == "too_short":
            text += "  →  " + self.tr("{name}: kurang dari {n} menit").format(
                name=self._officer(item.officer)["nama"], n=f"{self.preview.min_minutes:g}")
        elif item.kind == "ambiguous":
            text += "  →  " + self.tr("{n} calon").format(n=len(item.candidates))
        else:
            text += f"  →  {item.reason}"
        assigned = self.assignments.get((item.file_index, item.row))
        if assigned:
            text += "  ✔ " + self.tr("ditetapkan: {names}").format(
                names=", ".join(self._officer(o)["nama"] for o in assigned))
        return text

    def _show(self) -> None:
        items = self.preview.items if self.preview else []
        lists = {"matched": self.matched_list, "ambiguous": self.review_list, "unmatched": self.unmatched_list,
                 "too_short": self.unmatched_list}
        for widget in (self.matched_list, self.review_list, self.unmatched_list):
            widget.clear()
        for item in items:
            entry = QListWidgetItem(self._item_text(item))
            entry.setData(KEY, (item.file_index, item.row))
            lists[item.kind].addItem(entry)
        counts = {kind: sum(1 for i in items if i.kind == kind) for kind in daring.KINDS}
        self.tabs.setTabText(0, self.tr("Cocok ({n})").format(n=counts["matched"]))
        self.tabs.setTabText(1, self.tr("Perlu diperiksa ({n})").format(n=counts["ambiguous"]))
        self.tabs.setTabText(2, self.tr("Tidak cocok ({n})").format(n=counts["unmatched"] + counts["too_short"]))
        officers = len(planned(self.preview, self.assignments)) if self.preview else 0
        self.summary.setText(self.tr("{n} petugas akan dicatat hadir daring ({m} baris ditetapkan manual).").format(
            n=officers, m=len(self.assignments)) if self.preview else "")
        self.apply_button.setEnabled(officers > 0)
        self._row_selected(self._current_list())

    def selected_item(self) -> Item | None:
        widget = self._current_list()
        entry = widget.currentItem() if widget is not self.matched_list else None
        if entry is None or self.preview is None:
            return None
        key = entry.data(KEY)
        return next((i for i in self.preview.items if (i.file_index, i.row) == tuple(key)), None)

    def _row_selected(self, widget: QListWidget) -> None:
        item = self.selected_item() if widget is self._current_list() else None
        self.assign_button.setEnabled(item is not None)
        self.clear_button.setEnabled(item is not None and (item.file_index, item.row) in self.assignments)
        if item is None:
            self.officer_list.clear()
            return
        self.row_label.setText(self.tr("Baris {row}: {name}").format(row=item.row, name=item.name))
        self._fill_officers([self._officer(o) for o in item.candidates + ([item.officer] if item.officer else [])])

    def _search(self, text: str) -> None:
        if self.selected_item() is not None and self.index is not None:
            self._fill_officers(self.index.search(text) if text.strip() else [])

    def _fill_officers(self, officers: list[dict]) -> None:
        item = self.selected_item()
        chosen = set(self.assignments.get((item.file_index, item.row), [])) if item else set()
        shown = {o["id"]: o for o in [self._officer(i) for i in chosen] + officers}
        self.officer_list.clear()
        for o in shown.values():
            entry = QListWidgetItem(officer_text(o))
            entry.setData(KEY, o["id"])
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if o["id"] in chosen else Qt.CheckState.Unchecked)
            self.officer_list.addItem(entry)

    # Assigning and applying --------------------------------------------------------------
    def checked_officers(self) -> list[str]:
        return [self.officer_list.item(i).data(KEY) for i in range(self.officer_list.count())
                if self.officer_list.item(i).checkState() == Qt.CheckState.Checked]

    def assign_checked(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        chosen = self.checked_officers()
        if not chosen:
            self.error.setText(self.tr("Centang satu atau lebih petugas untuk baris ini."))
            self.error.show()
            return
        self.error.hide()
        self.assignments[(item.file_index, item.row)] = chosen
        self._refresh_lists_keeping_selection()

    def clear_assignment(self) -> None:
        item = self.selected_item()
        if item is not None and self.assignments.pop((item.file_index, item.row), None) is not None:
            self._refresh_lists_keeping_selection()

    def _refresh_lists_keeping_selection(self) -> None:
        widget, row = self._current_list(), self._current_list().currentRow()
        self._show()
        widget.setCurrentRow(row)

    def apply(self) -> Job | None:
        if self.preview is None:
            return None
        self.apply_button.setEnabled(False)
        job = self.runner.submit(daring.apply_preview, self.preview, self.clock(), dict(self.assignments))
        job.finished.connect(self._applied)
        job.failed.connect(self._apply_failed)
        return job

    def _applied(self, result: daring.Applied) -> None:
        self.summary.setText(self.tr("{recorded} petugas dicatat hadir daring; {in_person} sudah hadir langsung "
                                     "(tetap); {already} sudah tercatat hadir daring.").format(
            recorded=len(result.recorded), in_person=len(result.in_person), already=len(result.already)))
        self.applied.emit(result)

    def _apply_failed(self, message: str) -> None:
        self.error.setText(self.tr("Tidak ada yang dicatat: {message}").format(message=message))
        self.error.show()
        self.apply_button.setEnabled(True)
