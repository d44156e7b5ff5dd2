"""The backups dialog: list, back up now, back up to a USB stick, restore (applied at the next start)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from kpps_desktop.core import backup
from kpps_desktop.ui.jobs import Job, JobRunner
from kpps_desktop.ui import screen

REASONS = {  # translated where shown
    "daily": QT_TRANSLATE_NOOP("BackupDialog", "Harian (otomatis)"),
    "manual": QT_TRANSLATE_NOOP("BackupDialog", "Dibuat manual"),
    "usb": QT_TRANSLATE_NOOP("BackupDialog", "Salinan flashdisk"),
    "pre-import": QT_TRANSLATE_NOOP("BackupDialog", "Sebelum impor"),
    "pre-migration": QT_TRANSLATE_NOOP("BackupDialog", "Sebelum pembaruan aplikasi"),
    "pre-restore": QT_TRANSLATE_NOOP("BackupDialog", "Sebelum pemulihan"),
}


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


class BackupDialog(QDialog):
    """Work runs on the runner's thread (one writer, no frozen window); a restore is scheduled
    and applied by the next start (the running app holds the file open), so this emits
    `restart_needed` after the user agrees to close the app.
    """

    restart_needed = Signal()

    def __init__(self, runner: JobRunner, db_path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner, self.db_path = runner, Path(db_path)
        self.setWindowTitle(self.tr("Cadangan database"))
        intro = QLabel(self.tr(
            "Cadangan dibuat otomatis setiap hari dan sebelum impor atau pembaruan aplikasi, di folder "
            "<a href='{url}'>{folder}</a>.").format(
            url=QUrl.fromLocalFile(str(backup.backup_dir(self.db_path))).toString(),
            folder=backup.backup_dir(self.db_path)), self)
        intro.setWordWrap(True)
        intro.setOpenExternalLinks(True)  # opens the folder in the file manager
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("backupTable")
        self.table.setHorizontalHeaderLabels([self.tr("Waktu"), self.tr("Jenis"), self.tr("Ukuran")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda *_: self.restore_selected())
        self.status = QLabel(self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.create_button = QPushButton(self.tr("Cadangkan sekarang"), self)
        self.usb_button = QPushButton(self.tr("Cadangkan ke flashdisk…"), self)
        self.restore_button = QPushButton(self.tr("Pulihkan yang dipilih…"), self)
        self.file_button = QPushButton(self.tr("Pulihkan dari berkas…"), self)
        close_button = QPushButton(self.tr("Tutup"), self)
        self.create_button.clicked.connect(lambda: self.create_backup())
        self.usb_button.clicked.connect(lambda: self.back_up_to_usb())
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.file_button.clicked.connect(lambda: self.restore_file())
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.create_button, self.usb_button, self.restore_button, self.file_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        screen.fit(self, 720, 420)  # capped to the screen the taskbar leaves
        self.reload()
        if backup.pending_restore(self.db_path):
            self._say(self.tr("Pemulihan sudah dijadwalkan: dipakai saat aplikasi dibuka lagi."))

    # List ----------------------------------------------------------------------------------
    def reload(self) -> None:
        self.backups = backup.list_backups(self.db_path)
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            for col, text in enumerate((f"{b.created:%d-%m-%Y %H:%M:%S}", self.tr(REASONS.get(b.reason, b.reason)),
                                        _size(b.size))):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnToContents(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> backup.Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b00020;" if error else "")
        self.status.setText(text)

    def _run(self, fn, *args, then) -> Job:
        """Run a backup function on the runner's thread and return at once; `then(result)` runs when
        it is done, the reason is shown when it fails. The buttons are off meanwhile."""
        buttons = (self.create_button, self.usb_button, self.restore_button, self.file_button)
        for b in buttons:
            b.setEnabled(False)

        def ended() -> None:
            for b in buttons:
                b.setEnabled(True)
            self._update_buttons()

        def succeeded(result) -> None:
            ended()
            then(result)

        def failed(message: str) -> None:
            ended()
            self._say(message, error=True)

        return self.runner.submit(lambda _db: fn(*args)).success(succeeded).failure(failed)

    # Actions -----------------------------------------------------------------------------------
    def create_backup(self) -> Job:
        def done(path: Path) -> None:
            self.reload()
            self._say(self.tr("Cadangan dibuat dan diperiksa: {path}").format(path=path))
        return self._run(backup.create, self.db_path, "manual", then=done)

    def back_up_to_usb(self, folder: Path | str | None = None) -> Job | None:
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Pilih folder di flashdisk"))
            if not folder:
                return None
        return self._run(backup.copy_to, self.db_path, Path(folder), then=lambda path: self._say(self.tr(
            "Cadangan ditulis dan diperiksa: {path}. Lepas flashdisk dengan aman "
            "(Eject) sebelum mencabutnya.").format(path=path)))

    def restore_selected(self) -> Job | None:
        chosen = self.selected()
        return self.restore(chosen.path) if chosen is not None else None

    def restore_file(self) -> Job | None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih berkas cadangan"), "",
                                              self.tr("Cadangan Presensi KPPS (*.sqlite)"))
        return self.restore(Path(path)) if path else None

    def restore(self, path: Path) -> Job | None:
        """Ask, then check the backup and schedule it; returns the job (None when the user said no).
        Once scheduled, offers to close the app."""
        answer = QMessageBox.question(
            self, self.windowTitle(), self.tr(
                "Pulihkan database dari cadangan {name}?\n\nSemua perubahan sesudah cadangan itu dibuat "
                "akan hilang dari database (database sekarang tetap disimpan sebagai cadangan "
                "'Sebelum pemulihan').").format(name=path.name))
        if answer != QMessageBox.StandardButton.Yes:
            return None

        def scheduled(_pending) -> None:
            self._say(self.tr("Cadangan {name} siap dipulihkan saat aplikasi dibuka lagi.").format(name=path.name))
            answer = QMessageBox.question(self, self.windowTitle(), self.tr(
                "Cadangan sudah diperiksa. Pemulihan dilakukan saat aplikasi dibuka lagi.\n\n"
                "Tutup aplikasi sekarang?"))
            if answer == QMessageBox.StandardButton.Yes:
                self.accept()
                self.restart_needed.emit()

        return self._run(backup.schedule_restore, path, self.db_path, then=scheduled)
