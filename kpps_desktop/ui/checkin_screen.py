"""The check-in screen the desk lives in on the day: scanner, camera, manual and paper entry, one result panel."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Callable

from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from kpps_desktop.core import cards, checkin, sessions, settings
from kpps_desktop.core import db as dbmod
from kpps_desktop.core.live_counts import LiveCounts
from kpps_desktop.core.roster_search import RosterIndex
from kpps_desktop.ui import i18n
# The result panel and the dialogs live in their own modules; their names stay importable from here.
from kpps_desktop.ui.checkin_counts import CountsTable, counter_label, strip_text
from kpps_desktop.ui.checkin_dialogs import (  # noqa: F401
    DESK_ACTIONS, OTHER, ManualDialog, OfficerListModel, OfficerSearch, PaperDialog, ReasonDialog, ReasonPicker,
)
from kpps_desktop.ui.checkin_result import (  # noqa: F401
    HEADLINES, IDLE_TEXT, METHOD_LABELS, RESULT_LABELS, TONES, ResultPanel, ResultView, _t, hhmm, idle_view,
    local_now, tanggal, view_for, with_next_step,
)
from kpps_desktop.ui.jobs import Job, JobRunner
from kpps_desktop.ui.scanner import ScanDetector
from kpps_desktop.ui.sounds import Sounds

RECENT_LIMIT = 12
REFRESH_MS = 60_000  # counters re-read in full: picks up check-ins from the CLI or a merge

# The desk's keys. They are bound on the desk only (WidgetWithChildrenShortcut), so they win there
# and do nothing on the other tabs; tests/test_ui_shortcuts.py checks no key is bound twice.
DESK_KEYS = {
    "search": "F2", "paper": "F4", "reload": "F5", "camera": "F6", "full_screen": "F11", "undo": "Ctrl+Z",
    "leave_kiosk": "Esc",
}


class ScanField(QLineEdit):
    """The code box. Focus returns here after every scan, so Ctrl+Z must reach the desk's
    'Batalkan terakhir', not the box's own text undo (which once brought back an old code)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()  # not ours: let the shortcut map deliver it to the desk
            return True
        return super().event(event)


class CheckinScreen(QWidget):
    """One session's check-in desk. Reads through its own connection; every write goes through `runner`.

    `clock` gives the device's aware local time (passed in so tests can fix it). `own_scanner`
    False: the main window's scan router feeds this desk (receive_scan) instead of a detector here.
    """

    result_shown = Signal(object)  # the checkin.Result (or an error string) just shown
    kiosk_requested = Signal(bool)  # full screen with only the desk (True) or back (False)

    def __init__(self, runner: JobRunner, db_path: Path, session_id: str, parent: QWidget | None = None, *,
                 clock: Callable[[], _dt.datetime] = local_now, own_scanner: bool = True):
        super().__init__(parent)
        self.runner, self.db_path, self.session_id, self.clock = runner, Path(db_path), session_id, clock
        self.db = dbmod.open_reader(self.db_path)  # reads only: writes go through the runner
        self.session = sessions.require_session(self.db, session_id)
        self.sounds = Sounds(bool(dbmod.get_setting(self.db, "sound", True)), self)
        self.reset_ms = 1000 * settings.get(self.db, "checkin_reset_seconds")
        self.last_event: checkin.Result | None = None  # what Ctrl+Z would undo
        self.camera = None  # the CameraWidget, created on first use
        self.kiosk = False
        self.kiosk_in_window = False  # set by the main window, which then hides its own chrome
        self._pending: set[Job] = set()
        self._any_day = False  # the desk confirmed scanning into a session dated another day
        self._held_scans: list[tuple[str, str]] = []  # scans waiting for that answer
        self.day_question: QtWidgets.QMessageBox | None = None
        self._build()
        self.scanner = None
        if own_scanner:
            self.scanner = ScanDetector(self)
            self.scanner.scanned.connect(lambda text: self.receive_scan(text, "scanner"))
        self._shortcuts()
        self._reset_timer = QTimer(self)
        self._reset_timer.setSingleShot(True)
        self._reset_timer.timeout.connect(self.show_idle)
        self.reload()
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.reload)
        self._refresh_timer.start()
        self.undo_button.setEnabled(False)
        # The writer opens its connection on its first job: let that be now, not the first scan.
        runner.submit(sessions.get_session, session_id)
        # Sound effects decode in the background; start now so the first beep is not late.
        QTimer.singleShot(0, self.sounds.load)

    # Layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("sessionTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.counter = counter_label()
        self.strip = QLabel()
        self.strip.setObjectName("statusCounts")
        self.strip.setStyleSheet("font-size: 12pt;")
        self.strip.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        counts = QVBoxLayout()
        counts.setSpacing(0)
        counts.addWidget(self.counter)
        counts.addWidget(self.strip)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addLayout(counts)

        self.panel = ResultPanel(self)
        self.panel.setMinimumSize(420, 260)

        self.scan_field = ScanField()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("Ketik atau tempel kode kartu, lalu Enter"))
        self.scan_field.setClearButtonEnabled(True)
        self.scan_field.returnPressed.connect(self._scan_field_entered)

        def button(text: str, name: str, slot) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click must not pull focus off the scan field
            b.clicked.connect(slot)
            return b

        self.manual_button = button(self.tr("Cari / manual (F2)"), "manualButton", self.open_manual)
        self.paper_button = button(self.tr("Entri kertas (F4)"), "paperButton", self.open_paper)
        self.undo_button = button(self.tr("Batalkan terakhir (Ctrl+Z)"), "undoButton", self.undo_last)
        self.camera_button = button(self.tr("Kamera (F6)"), "cameraButton", self.toggle_camera)
        self.sound_button = button("", "soundButton", self.toggle_sound)
        self.full_button = button(self.tr("Layar penuh (F11)"), "fullScreenButton", self.toggle_full_screen)
        grid = QGridLayout()
        for i, b in enumerate((self.manual_button, self.paper_button, self.undo_button, self.camera_button,
                               self.sound_button, self.full_button)):
            grid.addWidget(b, i // 2, i % 2)
        self.scan_log_button = button("", "scanLogButton", self.open_scan_log)
        grid.addWidget(self.scan_log_button, 3, 0, 1, 2)

        self.camera_box = QFrame()
        self.camera_box.setObjectName("cameraBox")
        self.camera_box.setLayout(QVBoxLayout())
        self.camera_box.layout().setContentsMargins(0, 0, 0, 0)
        self.camera_box.hide()

        self.tps_table = CountsTable()
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentScans")
        self.recent_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # The banner and the log on the left; the keys and the whole TPS list on the right.
        main = QVBoxLayout()
        main.addWidget(self.panel, 3)
        main.addWidget(QLabel(self.tr("Terakhir")))
        main.addWidget(self.recent_list, 1)
        side = QVBoxLayout()
        side.addWidget(self.scan_field)
        side.addLayout(grid)
        side.addWidget(self.camera_box, 2)
        side.addWidget(QLabel(self.tr("Per TPS")))
        side.addWidget(self.tps_table, 3)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(520)
        side_widget.setMinimumWidth(400)
        body = QHBoxLayout()
        body.addLayout(main, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        self._update_sound_button()

    def _shortcuts(self) -> None:
        slots = {"search": self.open_manual, "paper": self.open_paper, "reload": self.reload,
                 "camera": self.toggle_camera, "full_screen": self.toggle_full_screen, "undo": self.undo_last,
                 "leave_kiosk": self.ask_leave_kiosk}
        self.shortcuts: dict[str, QShortcut] = {}
        for name, keys in DESK_KEYS.items():
            shortcut = QShortcut(QKeySequence(keys), self, slots[name])
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.shortcuts[name] = shortcut
        self.shortcuts["leave_kiosk"].setEnabled(False)  # Esc means something only in the kiosk

    # Reading -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the session, its expected officers and every count (a few tens of ms at most)."""
        self.session = sessions.require_session(self.db, self.session_id)
        expected = sessions.expected_officers(self.db, self.session_id)
        self.counts = LiveCounts(expected, sessions.current_status(self.db, self.session_id))
        self.index = RosterIndex(expected)
        s = self.session
        when = tanggal(s.date) + (f" · {s.start_time}" if s.start_time else "")
        when += f"–{s.end_time}" if s.end_time else ""
        closed = " · " + self.tr("DITUTUP {time}").format(time=hhmm(s.closed_at)) if s.closed_at else ""
        venue = f" · {s.venue}" if s.venue else ""
        self.title.setText(f"{i18n.core(s.kind_label)}: {s.title}\n{when}{venue} · {s.scope_label}{closed}")
        self.tps_table.fill(self.counts, with_desa=s.scope_kind != "desa")
        self._show_counts()
        self._fill_recent()
        self._show_unresolved(checkin.unresolved_count(self.db, self.session_id))
        if self.panel.view.tone == "idle" or s.closed_at:
            self.show_idle()  # a closed session says so at once, before anyone scans

    def _show_counts(self) -> None:
        c = self.counts
        pct = f" ({100 * c.present // c.expected}%)" if c.expected else ""
        self.counter.setText(self.tr("Hadir {present} / {expected}").format(present=c.present, expected=c.expected)
                             + pct)
        self.strip.setText(strip_text(c))

    def _fill_recent(self) -> None:
        self.recent_list.clear()
        for row in sessions.recent(self.db, self.session_id, RECENT_LIMIT):
            who = row["nama"] or (row["text"] or "")[:24] or "—"
            label = _t(RESULT_LABELS.get(row["result"], row["result"]))
            method = _t(METHOD_LABELS.get(row["method"], row["method"]))
            item = QListWidgetItem(f"{hhmm(row['at'])}  {who} — {label} ({method})")
            if row["event_id"] is None:
                item.setForeground(TONES["refused"][0])
            self.recent_list.addItem(item)

    def mark_of(self, officer_id: str) -> str | None:
        return self.counts.status.get(officer_id)

    def show_idle(self) -> None:
        self._reset_timer.stop()
        self.panel.show_view(idle_view(self.session))

    # Scans -------------------------------------------------------------------------------
    def receive_scan(self, text: str, method: str = "scanner") -> None:
        """A code from the scanner, the camera or the code box, recorded 'now'.

        A session dated another day asks first (checkin.wrong_day, as `kpps checkin` refuses);
        scans arriving meanwhile wait for the answer."""
        if not self._any_day and not self.session.closed_at:
            if self.day_question is not None or checkin.wrong_day(self.db, self.session_id, self.clock()):
                self._held_scans.append((text, method))
                if self.day_question is None:
                    self._ask_day()
                return
        self.submit_code(text, method)

    def _ask_day(self) -> None:
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, self.tr("Bukan hari sesi"), self.tr(
            "Sesi ini bertanggal {date} — bukan hari ini. Tetap catat?").format(date=tanggal(self.session.date)),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No, self)
        box.setObjectName("wrongDayQuestion")
        box.button(QtWidgets.QMessageBox.StandardButton.Yes).setText(self.tr("Tetap catat"))
        box.button(QtWidgets.QMessageBox.StandardButton.No).setText(self.tr("Jangan catat"))
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.No)
        box.finished.connect(lambda _code: self._day_answered(box))
        self.day_question = box
        box.open()

    def _day_answered(self, box: QtWidgets.QMessageBox) -> None:
        held, self._held_scans = self._held_scans, []
        self.day_question = None
        box.deleteLater()
        if box.clickedButton() is box.button(QtWidgets.QMessageBox.StandardButton.Yes):
            self._any_day = True
            for text, method in held:
                self.submit_code(text, method)
        else:
            refused = checkin.wrong_day(self.db, self.session_id, self.clock())
            message = refused.message if refused else ""
            self.panel.show_view(ResultView("refused", _t(HEADLINES["wrong_day"]), with_next_step(
                self.tr("{n} pindaian tidak dicatat.").format(n=len(held)) + " " + message, "wrong_day")))
            self.sounds.play("error")
            self._reset_timer.start(self.reset_ms)
            self.result_shown.emit(refused)
        self.scan_field.setFocus()

    # Writing -----------------------------------------------------------------------------
    def _submit(self, fn, *args, on_done=None) -> Job:
        job = self.runner.submit(fn, *args)
        self._pending.add(job)
        job.finished.connect(lambda result, job=job: self._finished(job, result, on_done))
        job.failed.connect(lambda message, job=job: self._failed(job, message, on_done))
        return job

    def submit_code(self, text: str, method: str = "scanner") -> Job:
        """A scanned, photographed or typed code: the same core call as `kpps checkin`."""
        return self._submit(checkin.check_in, self.session_id, text, self.clock(), method)

    def submit_officer(self, officer_id: str, action: str, reason: str | None) -> Job:
        """From the desk: a manual check-in (reason required) or daring/izin/sakit."""
        if action == "manual":
            return self._submit(checkin.check_in_officer, self.session_id, officer_id, self.clock(), "manual", reason)
        return self._submit(checkin.set_status, self.session_id, officer_id, action, reason, self.clock())

    def _scan_field_entered(self) -> None:
        text = self.scan_field.text().strip()
        self.scan_field.clear()
        if text:
            self.receive_scan(text, "scanner")

    def _finished(self, job: Job, result: checkin.Result, on_done) -> None:
        self._pending.discard(job)
        self.show_result(result)
        if on_done is not None:
            on_done(result, None)

    def _failed(self, job: Job, message: str, on_done) -> None:
        self._pending.discard(job)
        self.panel.show_view(ResultView("refused", self.tr("TIDAK DISIMPAN"), with_next_step(message, "error")))
        self.sounds.play("error")
        self._reset_timer.start(self.reset_ms)
        if on_done is not None:
            on_done(None, message)
        self.result_shown.emit(message)

    def show_result(self, result: checkin.Result) -> None:
        officer = result.officer
        photo = cards.photo(self.db, officer["id"]) if officer and result.ok else None
        self.panel.show_view(view_for(result, photo))
        self._reset_timer.start(self.reset_ms)
        self.sounds.play("accepted" if result.result == "accepted" and result.status != "undo"
                         else "duplicate" if result.result == "duplicate" else "error")
        # After the paint: the counters, the lists, and what Ctrl+Z would undo.
        if result.result == "accepted" and result.status in sessions.CHECKED_IN:
            self.last_event = result
        elif result.status == "undo":
            self.last_event = None
        if officer and result.result == "accepted":
            mark = sessions.officer_mark(self.db, self.session_id, officer["id"])
            key = self.counts.update(officer["id"], mark.status if mark else None)
            if key is not None:
                self.tps_table.show_tps(key)
                self._show_counts()
        self._fill_recent()
        if result.scan_id is not None:  # refused and kept in the log: one more for the desk to resolve
            self._show_unresolved(self.unresolved + 1)
        self.undo_button.setEnabled(self.last_event is not None)
        self.result_shown.emit(result)

    # Desk actions ------------------------------------------------------------------------
    def _show_unresolved(self, count: int) -> None:
        self.unresolved = count
        self.scan_log_button.setText(self.tr("Pindaian belum selesai ({n})").format(n=count))
        bg, fg = TONES["duplicate"]
        self.scan_log_button.setStyleSheet(f"background: {bg.name()}; color: {fg.name()};" if count else "")

    def open_scan_log(self):
        """The refused scans of this session, to resolve (check in the right officer) or dismiss."""
        from kpps_desktop.ui.scan_log_dialog import ScanLogDialog

        dialog = ScanLogDialog(self.runner, self.db_path, self.session_id, self, clock=self.clock,
                               index=self.index, status=self.mark_of)
        dialog.resolved.connect(self.show_result)
        dialog.count_changed.connect(self._show_unresolved)

        def closed(_code: int) -> None:
            self._show_unresolved(checkin.unresolved_count(self.db, self.session_id))
            dialog.deleteLater()
            self.scan_field.setFocus()

        dialog.finished.connect(closed)
        dialog.open()
        return dialog

    def open_manual(self) -> None:
        dialog = ManualDialog(self.index, self.mark_of, self)
        dialog.setObjectName("manualDialog")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.submit_officer(*dialog.choice())
        dialog.deleteLater()
        self.scan_field.setFocus()

    def open_paper(self) -> PaperDialog:
        dialog = PaperDialog(self.index, self.mark_of, self.session, self)
        dialog.setObjectName("paperDialog")
        dialog.submitted.connect(lambda kind, value, at: self._paper_entry(dialog, kind, value, at))
        dialog.finished.connect(lambda _code: self.scan_field.setFocus())
        dialog.open()
        return dialog

    def _paper_entry(self, dialog: PaperDialog, kind: str, value: str, written: str) -> None:
        try:
            now = checkin.paper_time(self.db, self.session_id, written)
        except sessions.SessionError as exc:
            dialog.show_outcome(str(exc), "refused")
            return

        def done(result: checkin.Result | None, error: str | None) -> None:
            if result is None:
                dialog.show_outcome(error or "", "refused")
                return
            view = view_for(result)
            name = f"{view.name}: " if view.name else ""
            dialog.show_outcome(f"{name}{result.message}", view.tone)
            if result.ok:
                dialog.entered()

        if kind == "code":
            self._submit(checkin.check_in, self.session_id, value, now, "paper", on_done=done)
        else:
            self._submit(checkin.check_in_officer, self.session_id, value, now, "paper", on_done=done)

    def undo_last(self) -> None:
        last = self.last_event
        if last is None:
            return
        who = last.officer["nama"] if last.officer else self.tr("presensi ini")
        dialog = ReasonDialog(self.tr("Batalkan presensi"),
                              self.tr("Batalkan presensi {who} pukul {time}? Pembatalan dicatat, "
                                      "catatan aslinya tetap tersimpan.").format(who=who, time=hhmm(last.at)),
                              self)
        dialog.setObjectName("undoDialog")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._submit(checkin.undo, last.event_id, dialog.reason.text().strip(), self.clock())
        dialog.deleteLater()
        self.scan_field.setFocus()

    def toggle_sound(self) -> None:
        self.sounds.enabled = not self.sounds.enabled
        self.runner.submit(dbmod.set_setting, "sound", self.sounds.enabled)
        self._update_sound_button()

    def _update_sound_button(self) -> None:
        self.sound_button.setText(self.tr("Suara: nyala") if self.sounds.enabled else self.tr("Suara: mati"))

    def toggle_camera(self) -> None:
        if self.camera is None:
            from kpps_desktop.ui.camera import CameraWidget  # Qt Multimedia loads only now

            self.camera = CameraWidget(self.camera_box)
            self.camera.setObjectName("cameraWidget")
            self.camera.scanned.connect(lambda text: self.receive_scan(text, "camera"))
            self.camera_box.layout().addWidget(self.camera)
        showing = not self.camera_box.isVisible()
        self.camera_box.setVisible(showing)
        if showing and self.camera.available:
            self.camera.start()
        elif not showing:
            self.camera.stop()

    # Kiosk -------------------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        self.set_kiosk(not self.kiosk)

    def set_kiosk(self, on: bool) -> None:
        """Full screen with only the desk: the main window hides its menus, tabs and bars
        (kiosk_requested); Esc, with a confirmation, is the way out."""
        self.kiosk = on
        self.shortcuts["leave_kiosk"].setEnabled(on)
        self.full_button.setText(self.tr("Keluar layar penuh (F11)") if on else self.tr("Layar penuh (F11)"))
        if self.kiosk_in_window:
            self.kiosk_requested.emit(on)
        elif on:
            self.window().showFullScreen()
        else:
            self.window().showNormal()
        self.scan_field.setFocus()

    def ask_leave_kiosk(self) -> QtWidgets.QMessageBox | None:
        if not self.kiosk:
            return None
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, self.tr("Layar penuh"),
                                    self.tr("Keluar dari layar penuh presensi?"),
                                    QtWidgets.QMessageBox.StandardButton.Yes
                                    | QtWidgets.QMessageBox.StandardButton.No, self)
        box.setObjectName("leaveKioskQuestion")
        box.button(QtWidgets.QMessageBox.StandardButton.Yes).setText(self.tr("Keluar"))
        box.button(QtWidgets.QMessageBox.StandardButton.No).setText(self.tr("Tetap di sini"))
        box.setDefaultButton(QtWidgets.QMessageBox.StandardButton.No)

        def answered(_code: int) -> None:
            if box.clickedButton() is box.button(QtWidgets.QMessageBox.StandardButton.Yes):
                self.set_kiosk(False)
            box.deleteLater()
            self.scan_field.setFocus()

        box.finished.connect(answered)
        box.open()
        return box

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scan_field.setFocus()

    def shutdown(self) -> None:
        """Stop the camera and close the reading connection (the window is closing)."""
        self._refresh_timer.stop()
        self._reset_timer.stop()
        if self.camera is not None:
            self.camera.shutdown()
        self.db.close()


__all__ = ["CheckinScreen", "ScanField", "ResultPanel", "ResultView", "view_for", "LiveCounts", "OfficerSearch",
           "ManualDialog", "PaperDialog", "ReasonDialog", "TONES"]
