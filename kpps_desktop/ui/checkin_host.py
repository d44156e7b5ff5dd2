"""The Presensi tab: pick a session (today's first), then the check-in screen for it."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QStackedWidget, QVBoxLayout, QWidget,
)

from kpps_desktop.core import sessions
from kpps_desktop.ui import i18n
from kpps_desktop.ui.jobs import JobRunner


class CheckinHost(QWidget):
    """Holds the session picker and, once a session is chosen, its CheckinScreen."""

    session_started = Signal(str)

    def __init__(self, runner: JobRunner, db_path: Path, parent: QWidget | None = None, *,
                 own_scanner: bool = True):
        super().__init__(parent)
        self.runner, self.db_path = runner, Path(db_path)
        self.own_scanner = own_scanner  # False in the main window: its scan router feeds the desk
        self.screen = None  # the CheckinScreen of the running session

        self.stack = QStackedWidget()
        picker = QWidget()
        heading = QLabel(self.tr("Pilih sesi untuk memulai presensi"))
        heading.setObjectName("pickerHeading")
        heading.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.list = QListWidget()
        self.list.setObjectName("sessionPicker")
        self.list.itemActivated.connect(lambda *_: self.start_selected())
        self.start_button = QPushButton(self.tr("Mulai presensi"))
        self.start_button.setObjectName("startCheckin")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_selected)
        self.manage_button = QPushButton(self.tr("Kelola sesi…"))
        self.manage_button.setObjectName("manageSessions")
        self.manage_button.clicked.connect(self.manage_sessions)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.daring_button = QPushButton(self.tr("Impor kehadiran daring…"))
        self.daring_button.setObjectName("importDaring")
        self.daring_button.setToolTip(self.tr("Laporan peserta Zoom, Google Meet, Teams, atau Google Formulir "
                                              "untuk sesi yang dipilih"))
        self.daring_button.clicked.connect(lambda: self.import_daring())
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.daring_button)
        buttons.addWidget(self.manage_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(picker)
        layout.addWidget(heading)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.stack.addWidget(picker)

        self.running = QWidget()
        self.back_button = QPushButton(self.tr("← Ganti sesi"))
        self.back_button.setObjectName("changeSession")
        self.back_button.clicked.connect(self.stop)
        running_layout = QVBoxLayout(self.running)
        running_layout.setContentsMargins(0, 0, 0, 0)
        self.running_daring_button = QPushButton(self.tr("Impor kehadiran daring…"))
        self.running_daring_button.setObjectName("importDaringRunning")
        self.running_daring_button.clicked.connect(lambda: self.import_daring())
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.running_daring_button)
        running_layout.addLayout(top)
        self.stack.addWidget(self.running)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self.refresh()

    def set_kiosk(self, on: bool) -> None:
        """In the kiosk only the desk shows: not the row of buttons above it."""
        for button in (self.back_button, self.running_daring_button):
            button.setVisible(not on)

    def refresh(self) -> None:
        """List sessions, today's and open ones first."""
        today = _dt.date.today().isoformat()
        found = self.runner.read(sessions.list_sessions)
        found.sort(key=lambda s: (s.date != today, s.closed_at is not None, s.date != today and s.date or ""))
        self.list.clear()
        for s in found:
            text = f"{s.date}  {s.start_time or ''}  {i18n.core(s.kind_label)}: {s.title}"
            if s.closed_at:
                text += "  " + self.tr("(ditutup)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        self.empty.setText("" if found else self.tr(
            "Belum ada sesi. Buat sesi pelantikan atau bimtek lewat \"Kelola sesi…\"."))
        self.start_button.setEnabled(bool(found))
        self.start_button.setToolTip(self.tr("Mulai presensi sesi yang dipilih (Enter).") if found else self.tr(
            "Belum ada sesi: buat sesi lewat \"Kelola sesi…\"."))
        self.daring_button.setEnabled(bool(found))

    def start_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.start(item.data(Qt.ItemDataRole.UserRole))

    def start(self, session_id: str) -> None:
        from kpps_desktop.ui.checkin_screen import CheckinScreen

        self.stop()
        self.screen = CheckinScreen(self.runner, self.db_path, session_id, self.running,
                                    own_scanner=self.own_scanner)
        self.running.layout().addWidget(self.screen, 1)
        self.stack.setCurrentWidget(self.running)
        # Shown now, not by the layout's queued show: its keys (F2, a scanner's burst) work at once.
        self.screen.show()
        self.screen.scan_field.setFocus()  # the code box: where a typed code goes
        self.session_started.emit(session_id)

    def stop(self) -> None:
        if self.screen is not None:
            if self.screen.kiosk:
                self.screen.set_kiosk(False)
            self.screen.shutdown()
            self.screen.setParent(None)
            self.screen.deleteLater()
            self.screen = None
        self.stack.setCurrentIndex(0)
        self.refresh()

    def import_daring(self, session_id: str | None = None):
        """Presensi → Impor kehadiran daring… for the running session, or the one selected in the list."""
        from kpps_desktop.ui.daring_dialog import DaringImportDialog

        if session_id is None:
            if self.screen is not None:
                session_id = self.screen.session_id
            elif self.list.currentItem() is not None:
                session_id = self.list.currentItem().data(Qt.ItemDataRole.UserRole)
            else:
                return None
        dialog = DaringImportDialog(self.runner, session_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.screen is not None:
            dialog.applied.connect(lambda *_: self.screen.reload())
        dialog.open()
        return dialog

    def manage_sessions(self) -> None:
        from kpps_desktop.ui.session_dialog import SessionDialog

        dialog = SessionDialog(self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.refresh)
        dialog.checkin_requested.connect(lambda sid: (dialog.close(), self.start(sid)))
        dialog.open()

    def shutdown(self) -> None:
        if self.screen is not None:
            self.screen.shutdown()
