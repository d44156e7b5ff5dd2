"""The dialog that deletes the officers' personal data at the end of the term (core/retention.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QGroupBox, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget,
)

from kpps_desktop.core import retention, wilayah
from kpps_desktop.core.progress import Progress
from kpps_desktop.ui.jobs import Job, JobRunner

WARNING_STYLE = "color: #b3261e; font-weight: bold;"


class RetentionDialog(QDialog):
    """Shows what goes and what stays (counted), asks for the region code, deletes through the runner."""

    planned = Signal(object)  # retention.Plan
    deleted = Signal(object)  # retention.Deleted: the main window reloads the roster
    failed = Signal(str)

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.plan: retention.Plan | None = None
        self.job: Job | None = None
        self.setWindowTitle(self.tr("Hapus data pribadi petugas"))
        self.setMinimumWidth(560)

        warning = QLabel(self.tr(
            "Tindakan ini TIDAK DAPAT DIBATALKAN. Lakukan hanya setelah masa tugas badan ad hoc berakhir, "
            "serah terima data dan SPJ uang transport selesai. Cadangan di folder backups ikut dihapus; "
            "salinan di flashdisk atau komputer lain harus dihapus sendiri."))
        warning.setWordWrap(True)
        warning.setStyleSheet(WARNING_STYLE)
        self.deleted_box = QGroupBox(self.tr("Akan dihapus"))
        self.deleted_list = QLabel(self.tr("Menghitung…"))
        self.deleted_list.setObjectName("retentionDeleted")
        QVBoxLayout(self.deleted_box).addWidget(self.deleted_list)
        self.kept_box = QGroupBox(self.tr("Tetap disimpan (rekap tidak berubah)"))
        self.kept_list = QLabel()
        self.kept_list.setObjectName("retentionKept")
        QVBoxLayout(self.kept_box).addWidget(self.kept_list)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("retentionConfirm")
        self.confirm.setEnabled(False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("retentionMessage")
        self.message.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = QPushButton(self.tr("Hapus data pribadi"))
        self.delete_button.setObjectName("retentionDelete")
        self.delete_button.setEnabled(False)
        self.delete_button.setAutoDefault(False)  # Enter in the code field must not delete by accident
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.rejected.connect(self._cancel)
        self.delete_button.clicked.connect(self.run)

        layout = QVBoxLayout(self)
        for widget in (warning, self.deleted_box, self.kept_box, self.prompt, self.confirm,
                       self.progress_bar, self.message, self.buttons):
            layout.addWidget(widget)
        self.confirm.textChanged.connect(self._update)

        job = runner.submit(retention.plan)
        job.finished.connect(self._show_plan)
        job.failed.connect(self._failed)

    def _show_plan(self, plan: retention.Plan) -> None:
        self.plan = plan
        self.deleted_list.setText("\n".join(f"• {line}" for line in plan.deleted_lines()))
        self.kept_list.setText("\n".join(f"• {line}" for line in plan.kept_lines()))
        text = self.tr("Ketik kode wilayah {kode} ({nama}) untuk mengonfirmasi:").format(
            kode=plan.wilayah, nama=plan.wilayah_name)
        if plan.deleted_at:
            text = self.tr("Data pribadi sudah pernah dihapus ({at}); penghapusan dapat diulang.").format(
                at=plan.deleted_at) + "\n" + text
        self.prompt.setText(text)
        self.confirm.setPlaceholderText(plan.wilayah)
        self.confirm.setEnabled(True)
        self.confirm.setFocus()
        self._update()
        self.planned.emit(plan)

    def _update(self) -> None:
        typed = wilayah.normalize_code(self.confirm.text())
        self.delete_button.setEnabled(self.plan is not None and self.job is None and typed == self.plan.wilayah)

    def run(self) -> Job | None:
        """Delete (the code typed must match); progress in the dialog, cancelable until the commit."""
        if not self.delete_button.isEnabled():
            return None
        progress = Progress()
        self.job = self.runner.submit(retention.delete_personal_data, self.confirm.text(), progress=progress)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._done)
        self.job.failed.connect(self._failed)
        self.job.canceled.connect(self._canceled)
        self.confirm.setEnabled(False)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setVisible(True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Menghapus…"))
        self._update()
        return self.job

    def _progressed(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setRange(0, max(total, 0))
        self.progress_bar.setValue(min(done, total))
        if message:
            self.message.setText(message)

    def _done(self, result: retention.Deleted) -> None:
        self.job = None
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(1)
        self.message.setText(result.summary())
        self.delete_button.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Tutup"))
        self.deleted.emit(result)

    def _failed(self, message: str) -> None:
        self.job = None
        self.progress_bar.setVisible(False)
        self.message.setStyleSheet(WARNING_STYLE)
        self.message.setText(message)
        self.confirm.setEnabled(self.plan is not None)
        self._update()
        self.failed.emit(message)

    def _canceled(self) -> None:
        self.job = None
        self.progress_bar.setVisible(False)
        self.message.setText(self.tr("Dibatalkan; tidak ada yang dihapus."))
        self.confirm.setEnabled(True)
        self._update()

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()  # honoured until the deletion commits; afterwards it simply finishes
            return
        self.reject()

    def keyPressEvent(self, event) -> None:
        # Esc while deleting asks to cancel instead of hiding a running job.
        if event.key() == Qt.Key.Key_Escape and self.job is not None:
            self.job.cancel()
            return
        super().keyPressEvent(event)
