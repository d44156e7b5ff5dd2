"""The main window: menus, toolbar, and the tabs (roster, check-in, printing, recap, handover)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

# Dialog classes are reached through the module (QtWidgets.QMessageBox) where they open: PySide
# builds a class and its enums on first access, ~2 ms for these that start-up need not pay.
from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel, QMainWindow, QTabWidget, QToolBar, QVBoxLayout, QWidget,
)

from kpps_desktop.core import installation, roster, wilayah
from kpps_desktop.ui import i18n, screen
from kpps_desktop.ui.jobs import JobRunner
from kpps_desktop.ui.roster_view import RosterView, thousands
from kpps_desktop.core.errors import UserError
from kpps_desktop.ui.scanner import ScanDetector

if TYPE_CHECKING:  # annotations only: importing sqlite-utils costs ~45 ms of start-up
    import sqlite_utils

    from kpps_desktop.core.db import Reader
    from kpps_desktop.ui.officer_dialog import OfficerDialog


FIRST_PAINT_WAIT_MS = 1000  # the start page is built after the first paint, or after this at the latest


class _AfterPaint(QObject):
    """Calls `then` once, on the next turn of the event loop after `widget` first paints."""

    def __init__(self, widget: QWidget, then):
        super().__init__(widget)
        self.then = then
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.then)  # after this paint has been drawn and flushed
        return False


class MainWindow(QMainWindow):
    """Reads through `db` (its own connection, GUI thread); writes only through `runner`.

    `db` is only read through `db.conn`: app.main passes a db.Reader, so the window shows without
    waiting for sqlite-utils; a sqlite_utils.Database works the same."""

    painted = Signal()  # the window's first paint (open_start_page_after_paint): the start page follows

    def __init__(self, db: sqlite_utils.Database | Reader, runner: JobRunner, db_path: Path,
                 parent: QWidget | None = None, *, roster_now: bool = True):
        """roster_now False (app.main): the roster is read by open_start_page_after_paint, before
        the first paint when it is the start page, after it when another page is."""
        super().__init__(parent)
        self.db, self.runner, self.db_path = db, runner, Path(db_path)
        self.installation = installation.get(db)
        screen.place_main_window(self, self.db_path.parent)  # last size and state, or maximised on a small screen
        self._set_title()

        self.roster = RosterView(self, runner)  # the NIK toggle records its reveal through the runner
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.roster, self.tr("Petugas"))
        # The other screens are built when first opened: start-up pays only for the roster.
        self._pages: dict[str, QWidget] = {}
        self._page_names: list[str] = ["roster"]
        for name, label in (("checkin", self.tr("Presensi")), ("print", self.tr("Cetak")),
                            ("recap", self.tr("Rekap")), ("handover", self.tr("Serah terima"))):
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, label)
            self._page_names.append(name)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.shown = QLabel()
        self.shown.setObjectName("rosterShown")
        self.counts = QLabel()
        self.counts.setObjectName("rosterCounts")
        self.statusBar().addWidget(self.shown, 1)
        self.statusBar().addPermanentWidget(self.counts)
        self._make_actions()
        self.roster.activated.connect(self.edit_officer)
        self.roster.counted.connect(self._show_shown)
        self.roster.selectionChanged.connect(self._update_actions)
        # One scan router: a scanner burst anywhere in this window or its dialogs goes to the desk.
        self.scan_router = ScanDetector(self, with_dialogs=True)
        self.scan_router.scanned.connect(self.route_scan)
        self.kiosk = False
        self._kiosk_enabled: dict[QAction, bool] = {}
        self._was_maximized = False
        self._roster_read = False
        if roster_now:
            self.reload()

    # Set-up ------------------------------------------------------------------------------
    def _set_title(self) -> None:
        title = self.tr("Presensi KPPS")
        inst = self.installation
        if inst is not None:
            title += f" — {inst.role.upper()} {inst.wilayah_name}"
            if inst.desk_label:  # a check-in desk set up from its office's kit (exchange/desks.py)
                title += " · " + self.tr("{label} (meja presensi)").format(label=inst.desk_label)
            if inst.is_demo:
                title += " " + self.tr("[DEMO]")
        self.setWindowTitle(title)

    def _action(self, text: str, slot, shortcut=None, tip: str | None = None) -> QAction:
        # Not QAction(text, self): with a text first, PySide weighs the (QIcon, text) overload and
        # builds QIcon's Python enums (~150 theme icons, ~1 ms of start-up) for 22 actions' sake.
        action = QAction(self)
        action.setText(text)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda *_: slot())
        self.addAction(action)  # shortcuts work even when the toolbar is hidden
        return action

    def _make_actions(self) -> None:
        self.act_import = self._action(self.tr("Impor daftar petugas…"), self.import_roster, "Ctrl+I",
                                       self.tr("Impor daftar petugas dari berkas .xlsx atau .csv"))
        self.act_photos = self._action(self.tr("Impor foto petugas…"), self.import_photos, None,
                                       self.tr("Foto untuk kartu, dari folder berkas bernama NIK"))
        self.act_template = self._action(self.tr("Unduh templat…"), self.download_template, None,
                                         self.tr("Simpan templat spreadsheet daftar petugas"))
        self.act_quit = self._action(self.tr("Keluar"), self.close, QKeySequence.StandardKey.Quit)
        self.act_add = self._action(self.tr("Tambah…"), self.add_officer, "Ctrl+N",
                                    self.tr("Tambah satu petugas"))
        # Enter on the table arrives through RosterView.activated; F2 is bound on the roster only,
        # so on the desk F2 is the desk's search (tests/test_ui_shortcuts.py).
        self.act_edit = self._action(self.tr("Ubah…"), self.edit_officer, "F2",
                                     self.tr("Ubah data petugas terpilih (Enter/F2)"))
        self.removeAction(self.act_edit)
        self.act_edit.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.roster.addAction(self.act_edit)
        self.act_replace = self._action(self.tr("Ganti (PAW)…"), self.replace_officer, None,
                                        self.tr("Ganti petugas terpilih dengan petugas baru (PAW)"))
        self.act_find = self._action(self.tr("Cari"), self.roster.focus_search, QKeySequence.StandardKey.Find)
        self.act_guide = self._action(self.tr("Panduan"), self.guide, "F1",
                                      self.tr("Langkah pertama, mencetak kartu, hari presensi, serah terima"))
        self.act_about = self._action(self.tr("Tentang"), self.about)
        self.act_settings = self._action(self.tr("Pengaturan…"), self.settings, "Ctrl+,",
                                         self.tr("Operator, judul kegiatan, aturan transport, suara, kamera"))
        self.act_audit = self._action(self.tr("Log audit…"), self.audit_log, None,
                                      self.tr("Siapa mengekspor, mengimpor, mencetak, atau membuka NIK, dan kapan"))
        self.act_retention = self._action(self.tr("Hapus data pribadi…"), self.delete_personal_data, None,
                                          self.tr("Akhir masa tugas: hapus data pribadi, simpan rekap anonim"))
        self.act_backups = self._action(self.tr("Cadangan…"), self.backups, None,
                                        self.tr("Buat, salin ke USB, atau pulihkan cadangan database"))
        self.act_sessions = self._action(self.tr("Kelola sesi…"), self.manage_sessions, "Ctrl+E",
                                         self.tr("Buat, ubah, atau tutup sesi pelantikan dan bimtek"))
        self.act_checkin = self._action(self.tr("Presensi"), lambda: self.show_page("checkin"), None,
                                        self.tr("Buka layar presensi (pindai kartu)"))
        self.act_print = self._action(self.tr("Cetak…"), self.print_now, "Ctrl+P",
                                      self.tr("Cetak kartu petugas terpilih, atau buka layar cetak"))
        self.act_daring = self._action(self.tr("Impor kehadiran daring…"), self.import_daring, None,
                                       self.tr("Laporan peserta Zoom, Google Meet, Teams, atau Google Formulir "
                                               "dicocokkan dengan daftar petugas"))
        self.act_print_selected = self._action(
            self.tr("Cetak kartu petugas terpilih…"), self.print_selected, None,
            self.tr("Buka layar cetak untuk petugas yang dipilih"))
        self.act_tabs = [self._action(label, lambda n=name: self.show_page(n), [f"Ctrl+{i + 1}", f"Alt+{i + 1}"])
                         for i, (name, label) in enumerate(zip(self._page_names, [
                             self.tr("Petugas"), self.tr("Presensi"), self.tr("Cetak"),
                             self.tr("Rekap"), self.tr("Serah terima")]))]

        menu = self.menuBar().addMenu(self.tr("&Berkas"))
        menu.addActions([self.act_import, self.act_photos, self.act_template])
        menu.addSeparator()
        menu.addActions([self.act_backups, self.act_settings])
        privacy = menu.addMenu(self.tr("Privasi"))
        privacy.addActions([self.act_audit, self.act_retention])
        menu.addSeparator()
        menu.addAction(self.act_quit)
        menu = self.menuBar().addMenu(self.tr("&Petugas"))
        menu.addActions([self.act_add, self.act_edit, self.act_replace])
        menu.addSeparator()
        menu.addActions([self.act_find, self.act_print, self.act_print_selected])
        menu = self.menuBar().addMenu(self.tr("&Sesi"))
        menu.addActions([self.act_sessions, self.act_checkin, self.act_daring])
        menu = self.menuBar().addMenu(self.tr("&Tampilan"))
        menu.addActions(self.act_tabs)
        self.menuBar().addMenu(self.tr("Ba&ntuan")).addActions([self.act_guide, self.act_about])

        toolbar = self.toolbar = QToolBar(self.tr("Alat"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.act_import, self.act_add, self.act_edit, self.act_replace])
        toolbar.addSeparator()
        toolbar.addActions([self.act_sessions, self.act_checkin])
        self.addToolBar(toolbar)
        self._update_actions()

    def _update_actions(self) -> None:
        row = self.roster.selected_row()
        active = row is not None and row["status"] == "aktif"
        self.act_edit.setEnabled(row is not None)
        self.act_replace.setEnabled(active)
        self.act_print_selected.setEnabled(active)
        # A disabled button says why (its tooltip); an enabled one what it will do.
        pick = self.tr("Pilih dulu seorang petugas di tabel.")
        replaced = self.tr("{nama} sudah diganti (PAW).").format(nama=row["nama"]) if row else pick
        self.act_edit.setToolTip(self.tr("Ubah data {nama} (Enter/F2)").format(nama=row["nama"]) if row else pick)
        self.act_replace.setToolTip(self.tr("Ganti {nama} dengan petugas baru (PAW)").format(nama=row["nama"])
                                    if active else replaced)
        self.act_print_selected.setToolTip(self.tr("Cetak kartu {nama}").format(nama=row["nama"])
                                           if active else replaced)

    def start_page_name(self, today: str | None = None) -> str:
        """Where this office's work is: a KPU on the recap, a PPK on receiving its desa's files
        (with who has sent), a PPS on today's session if it has one open, else on the roster."""
        role = self.installation.role if self.installation else None
        name = {"kpu": "recap", "ppk": "handover"}.get(role or "", "roster")
        if role == "pps":
            from kpps_desktop.core import sessions  # the roster alone does not need it at start-up

            today = today or _dt.date.today().isoformat()
            if any(s.closed_at is None for s in sessions.list_sessions(self.db, today)):
                name = "checkin"
        return name

    def open_start_page_after_paint(self) -> str:
        """What app.main calls once the window is shown: the start tab is chosen at once, with a
        'Memuat…' note in it, and its screen (whose modules and first read cost a few hundred ms on
        a KPU's recap) is built only after the window's first paint, so the window never waits for
        it. Emits `painted` then. Returns the tab chosen now (a PPS may go on to its desk)."""
        role = self.installation.role if self.installation else None
        # A PPS's choice (a session today?) needs core.sessions and sqlite-utils: made after the paint.
        name = {"kpu": "recap", "ppk": "handover"}.get(role or "", "roster")
        if name == "roster":
            self.ensure_roster()  # what the first paint shows
        else:
            with QSignalBlocker(self.tabs):  # select without building: the build waits for the paint
                self.tabs.setCurrentIndex(self._page_names.index(name))
            note = QLabel(self.tr("Memuat…"))
            note.setObjectName("pageLoading")
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.tabs.currentWidget().layout().addWidget(note)
        done: list[bool] = []

        def after_paint() -> None:
            if done:
                return
            done.append(True)
            self.tabs.tabBar().removeEventFilter(watcher)
            self.painted.emit()
            self.ensure_roster()  # 12,201 rows for a kabupaten: after the paint, not before
            if self.tabs.currentIndex() == self._page_names.index(name):  # not if the user moved on
                self.open_start_page()  # a PPS with a session today goes on to its desk
            else:
                self.page(self._page_names[self.tabs.currentIndex()])

        watcher = _AfterPaint(self.tabs.tabBar(), after_paint)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, after_paint)  # a window that never paints (minimised)
        return name

    def open_start_page(self, today: str | None = None) -> str:
        """Open where this office's work is (start_page_name) and return the page's name."""
        name = self.start_page_name(today)
        page = self.show_page(name)
        if name == "handover" and hasattr(page, "show_receiving"):
            page.show_receiving()
        return name

    # Pages ------------------------------------------------------------------------------------
    def show_page(self, name: str) -> QWidget | None:
        self.tabs.setCurrentIndex(self._page_names.index(name))
        return self.page(name)

    def page(self, name: str) -> QWidget | None:
        """The screen behind a tab, built on first use (None if that screen is missing)."""
        if name == "roster":
            return self.roster
        if name not in self._pages:
            widget = self._build_page(name)
            if widget is None:
                return None
            holder = self.tabs.widget(self._page_names.index(name))
            for note in holder.findChildren(QLabel, "pageLoading"):
                note.deleteLater()
                note.hide()
            holder.layout().addWidget(widget)
            widget.show()  # now, not by the layout's queued show: a desk opened here takes keys at once
            self._pages[name] = widget
        return self._pages[name]

    def _build_page(self, name: str) -> QWidget | None:
        # Imported here: each screen's module loads when its tab is first opened. A missing module in
        # a broken build must fail loudly (the crash handler), not hide behind a 'not available' label.
        if name == "checkin":
            from kpps_desktop.ui.checkin_host import CheckinHost
            host = CheckinHost(self.runner, self.db_path, own_scanner=False)
            host.session_started.connect(lambda *_: self._desk_opened(host))
            return host
        if name == "print":
            from kpps_desktop.ui.print_view import PrintView
            return PrintView(self.runner, self.db_path)
        if name == "recap":
            from kpps_desktop.ui.recap_view import RecapView
            return RecapView(self.runner, self.db_path)
        if name == "handover":
            from kpps_desktop.ui.handover_view import HandoverView
            view = HandoverView(self.runner, self.db_path)
            view.imported.connect(lambda *_: self.reload())
            return view
        return None

    def _tab_changed(self, index: int) -> None:
        self.page(self._page_names[index])

    # The desk: scans routed to it, opened by --session, kiosk mode ----------------------------
    def desk(self):
        """The open check-in screen, if any (the Presensi tab is built on demand)."""
        host = self._pages.get("checkin")
        return getattr(host, "screen", None)

    def open_desk(self, session_id: str):
        """The Presensi tab with this session's desk open (kpps-desktop --session ID)."""
        host = self.show_page("checkin")
        host.start(session_id)
        return host.screen

    def route_scan(self, text: str) -> None:
        """A scan anywhere in the window: to the open desk (brought to the front), else an offer."""
        screen = self.desk()
        if screen is not None:
            self.tabs.setCurrentIndex(self._page_names.index("checkin"))
            self.raise_()
            self.activateWindow()
            screen.receive_scan(text, "scanner")
            return
        self._offer_desk(text)

    def _offer_desk(self, text: str) -> None:
        import datetime as dt

        from kpps_desktop.core import checkin, dates

        if getattr(self, "_offer", None) is not None:
            return  # one question at a time; the card can be scanned again after the answer
        officer, session = self.runner.read(checkin.desk_for_scan, text, dt.date.today())  # reads only
        if officer is None:
            self.statusBar().showMessage(self.tr(
                "Pindaian bukan kartu presensi yang dikenal. Untuk presensi, buka sesi di tab Presensi."), 8000)
            return
        if session is None:
            self.statusBar().showMessage(self.tr(
                "Kartu {nama}: belum ada sesi terbuka. Buat sesi lewat Sesi → Kelola sesi (Ctrl+E).")
                .format(nama=officer["nama"]), 8000)
            return
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Question, self.tr("Buka presensi?"), self.tr(
            "Kartu {nama} — buka presensi untuk sesi {title} ({date})?").format(
            nama=officer["nama"], title=session.title, date=dates.tanggal(session.date, with_day=True)),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No, self)
        box.setObjectName("openDeskQuestion")
        self._offer = box

        def answered(_code: int) -> None:
            self._offer = None
            yes = box.clickedButton() is box.button(QtWidgets.QMessageBox.StandardButton.Yes)
            box.deleteLater()
            if yes:  # after the box's own signal has returned: the desk is built outside it
                QTimer.singleShot(0, lambda: self.open_desk(session.id).receive_scan(text, "scanner"))

        box.finished.connect(answered)
        box.open()

    def _desk_opened(self, host) -> None:
        if host.screen is not None:
            host.screen.kiosk_in_window = True
            host.screen.kiosk_requested.connect(self.set_kiosk)

    def set_kiosk(self, on: bool) -> None:
        """Full screen with only the desk: no menus, toolbar, tabs or status bar, and no window
        shortcuts (the desk's own keys stay); the desk's Esc asks before leaving."""
        if on == self.kiosk:
            return
        self.kiosk = on
        for widget in (self.menuBar(), self.toolbar, self.statusBar(), self.tabs.tabBar()):
            widget.setVisible(not on)
        host = self._pages.get("checkin")
        if host is not None:
            host.set_kiosk(on)
        if on:
            self._kiosk_enabled = {action: action.isEnabled() for action in self.actions()}
            for action in self._kiosk_enabled:
                action.setEnabled(False)
            self.tabs.setCurrentIndex(self._page_names.index("checkin"))
            self._was_maximized = self.isMaximized()
            self.showFullScreen()
        else:
            for action, enabled in self._kiosk_enabled.items():
                action.setEnabled(enabled)
            self._update_actions()
            if self._was_maximized:
                self.showMaximized()
            else:
                self.showNormal()

    def print_now(self) -> None:
        """Ctrl+P: on the Cetak tab its print dialog; elsewhere the selected officers' cards."""
        if self.tabs.currentIndex() == self._page_names.index("print"):
            view = self.page("print")
            if view is not None and hasattr(view, "_ask_print"):
                view._ask_print()
            return
        if self.roster.selected_officer_id():
            self.print_selected()
        else:
            self.show_page("print")

    def manage_sessions(self) -> None:
        host = self.show_page("checkin")
        if host is not None and hasattr(host, "manage_sessions"):
            host.manage_sessions()

    def import_daring(self):
        """Sesi → Impor kehadiran daring…: on the Presensi tab, for its running or selected session."""
        page = self.show_page("checkin")
        return page.import_daring() if page is not None else None

    def print_selected(self) -> None:
        officer_id = self.roster.selected_officer_id()
        if not officer_id:
            self.statusBar().showMessage(self.tr("Pilih dulu seorang petugas di tabel."), 5000)
            return
        view = self.show_page("print")
        if view is not None and hasattr(view, "select_officers"):
            view.select_officers([officer_id])

    def closeEvent(self, event) -> None:
        screen.save_main_window(self, self.db_path.parent)
        for page in self._pages.values():
            if hasattr(page, "shutdown"):
                page.shutdown()
        super().closeEvent(event)

    # Data ----------------------------------------------------------------------------------
    @property
    def scope(self) -> str | None:
        return self.installation.wilayah if self.installation else None

    def ensure_roster(self) -> None:
        """Read the roster if it has not been read yet (MainWindow(roster_now=False))."""
        if not self._roster_read:
            self.reload()

    def reload(self, select_id: str | None = None) -> None:
        """Re-read the roster (core.roster, no SQL here) keeping filters and the selection."""
        table = roster.list_table(self.db, within=self.scope)
        self._roster_read = True
        self.roster.set_rows(table, select_id)
        c = roster.count_table(table)
        women = f"{100 * c['perempuan'] / c['aktif']:.0f}%" if c["aktif"] else "–"
        self.counts.setText(self.tr(
            "Total {total} · Aktif {aktif} · Diganti {diganti} · Perempuan {women} · Linmas {linmas}"
        ).format(total=thousands(c["total"]), aktif=thousands(c["aktif"]),
                 diganti=thousands(c["diganti"]), women=women, linmas=thousands(c["linmas"])))
        self._update_actions()

    def _show_shown(self, shown: int, total: int) -> None:
        if shown == total:
            self.shown.setText(self.tr("{n} petugas").format(n=thousands(total)))
        else:
            self.shown.setText(self.tr("Menampilkan {shown} dari {total} petugas").format(
                shown=thousands(shown), total=thousands(total)))

    # Officer actions -------------------------------------------------------------------------
    def _dialog(self, mode: str, officer: roster.Officer | None) -> OfficerDialog:
        """Window-modal and non-blocking, so tests (and the user) can work with it while it is open."""
        from kpps_desktop.ui.officer_dialog import OfficerDialog  # not needed for the first window

        dialog = OfficerDialog(self.runner, mode, officer, scope=self.scope,
                               desa_codes=list(self.roster.model.index_.by_desa), parent=self,
                               seat=self._seat_in_view())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda officer_id: self._officer_saved(mode, officer_id))
        dialog.open()
        return dialog

    def _seat_in_view(self) -> tuple[str | None, int | None]:
        """The (desa, TPS) the roster is filtered on, if it shows one; a PPS has only its own desa."""
        desas = list(self.roster.model.index_.by_desa)
        desa = self.roster.desa.currentData() or (desas[0] if len(desas) == 1 else None)
        if desa is None and self.installation and self.installation.role == "pps":
            desa = self.installation.wilayah
        return desa, self.roster.tps.currentData()

    def _officer_saved(self, mode: str, officer_id: str) -> None:
        self.reload(select_id=officer_id)
        officer = roster.get_officer(self.db, officer_id)
        if officer is None:
            return
        done = {"add": self.tr("Petugas ditambahkan: {what}."), "edit": self.tr("Perubahan disimpan: {what}."),
                "replace": self.tr("Pengganti (PAW) disimpan: {what}.")}[mode]
        what = "{nama} ({jabatan}, {tps}, {desa})".format(
            nama=officer.nama, jabatan=i18n.core(officer.jabatan_label),
            tps=roster.tps_label(officer.tps, officer.tps_label), desa=wilayah.name(officer.desa))
        self.statusBar().showMessage(done.format(what=what), 10000)

    def _selected_officer(self, officer_id: str | None = None) -> roster.Officer | None:
        officer_id = officer_id or self.roster.selected_officer_id()
        if not officer_id:
            self.statusBar().showMessage(self.tr("Pilih dulu seorang petugas di tabel."), 5000)
            return None
        return roster.get_officer(self.db, officer_id)

    def add_officer(self) -> OfficerDialog:
        return self._dialog("add", None)

    def edit_officer(self, officer_id: str | None = None) -> OfficerDialog | None:
        officer = self._selected_officer(officer_id)
        return self._dialog("edit", officer) if officer else None

    def replace_officer(self, officer_id: str | None = None) -> OfficerDialog | None:
        officer = self._selected_officer(officer_id)
        if officer is None:
            return None
        if officer.status == "diganti":
            self.statusBar().showMessage(
                self.tr("{nama} sudah diganti sebelumnya.").format(nama=officer.nama), 5000)
            return None
        return self._dialog("replace", officer)

    # Files ----------------------------------------------------------------------------------
    def import_roster(self) -> None:
        from kpps_desktop.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.runner, self.db_path, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.reload()

    def import_photos(self) -> None:
        folder = QtWidgets.QFileDialog.getExistingDirectory(
            self, self.tr("Pilih folder foto (nama berkas = NIK, mis. 3320015203900001.jpg)"), str(Path.home()))
        if folder:
            self.import_photos_from(Path(folder))

    def import_photos_from(self, folder: Path):
        """Photos named by NIK, through the one writer with progress; the outcome goes to the status bar.
        Returns the job at once; the menu item is off until it is done."""
        from kpps_desktop.core import cards
        from kpps_desktop.ui.jobs import start_with_progress

        self.act_photos.setEnabled(False)

        def done(result) -> None:
            self.act_photos.setEnabled(True)
            self.statusBar().showMessage(self.tr(
                "{n} foto diimpor; {unknown} berkas tidak cocok dengan NIK mana pun; {failed} gagal dibaca."
            ).format(n=result.imported, unknown=len(result.unknown), failed=len(result.failed)), 15000)

        def failed(message: str) -> None:
            self.act_photos.setEnabled(True)
            QtWidgets.QMessageBox.warning(self, self.windowTitle(), message)

        job = start_with_progress(self, self.runner, self.tr("Mengimpor foto petugas…"), cards.import_photos, folder)
        return job.success(done).failure(failed).on_cancel(lambda: self.act_photos.setEnabled(True))

    def download_template(self) -> None:
        from kpps_desktop.core.roster_import import write_template

        path = screen.ask_save_path(self, self.tr("Simpan templat daftar petugas"), "templat-petugas-kpps.xlsx",
                                    self.tr("Buku kerja Excel (*.xlsx)"), ".xlsx")
        if not path:
            return
        path = str(Path(path).with_suffix(".xlsx"))
        try:
            write_template(Path(path))
        except UserError as exc:  # written through core.fileio: a file error is a UserError already
            QtWidgets.QMessageBox.warning(self, self.windowTitle(),
                                          self.tr("Templat gagal disimpan: {e}").format(e=exc))
            return
        self.statusBar().showMessage(self.tr("Templat disimpan ke {path}").format(path=path), 8000)

    def guide(self) -> QtWidgets.QDialog:
        """The guide beside the window (non-modal); one at a time."""
        from kpps_desktop.ui.guide import GuideDialog

        if getattr(self, "_guide", None) is None:
            self._guide = GuideDialog(self)
            self._guide.finished.connect(lambda *_: setattr(self, "_guide", None))
            self._guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._guide.show()
        self._guide.raise_()
        return self._guide

    def about(self) -> None:
        from kpps_desktop.ui.about import AboutDialog

        AboutDialog(self.db_path, self).exec()

    def settings(self) -> None:
        from kpps_desktop.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.runner, self).exec()

    def audit_log(self) -> None:
        from kpps_desktop.ui.audit_view import AuditDialog

        dialog = AuditDialog(self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def delete_personal_data(self) -> None:
        from kpps_desktop.ui.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.deleted.connect(lambda *_: self.reload())
        dialog.open()

    def backups(self) -> None:
        from kpps_desktop.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(self.runner, self.db_path, self)
        dialog.restart_needed.connect(self.close)
        dialog.exec()
