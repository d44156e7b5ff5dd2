"""The handover screen (Serah terima): send a .kpps file to a USB stick, receive and merge files, see who is missing.

Its tabs are rooms of their own: handover_send (Kirim), handover_receive (Terima), handover_status
(Status, also shown in the recap). This module reads what they need and carries their messages.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import sqlite_utils
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QTabWidget, QVBoxLayout, QWidget

from kpps_desktop.core import crypt, drives, exchange, installation
from kpps_desktop.ui.drive_poller import DrivePoller
from kpps_desktop.ui.handover_receive import ReceivePage, find_kpps_files, merge_files, preview_files
from kpps_desktop.ui.handover_send import SendPage, default_file_name
from kpps_desktop.ui.handover_status import HandoverStatusPanel
from kpps_desktop.ui.jobs import JobRunner

__all__ = ["HandoverView", "ReceivePage", "SendPage", "State", "default_file_name", "find_kpps_files", "load",
           "merge_files", "preview_files"]

POLL_MS = 3000


@dataclass
class State:
    """What the screen needs from the database, read in one job."""
    inst: installation.Installation | None
    recipients: list[crypt.Recipient] = field(default_factory=list)
    default_recipient: crypt.Recipient | None = None
    status: exchange.HandoverStatus | None = None


def load(db: sqlite_utils.Database) -> State:
    inst = installation.get(db)
    if inst is None:
        return State(None)
    return State(inst, crypt.recipients(db), crypt.default_recipient(db), exchange.handover_status(db))


class HandoverView(QWidget):
    """Kirim (export), Terima (preview, trust, merge) and Status; every database access goes through the runner.

    The pages are `send_page` and `receive_page`; their signals are carried here for the window."""

    loaded = Signal()
    exported = Signal(object)  # exchange.ExportResult
    previewed = Signal()
    imported = Signal(object)  # the reports of the files merged
    failed = Signal(str)

    def __init__(self, runner: JobRunner, db_path: Path | str, parent: QWidget | None = None, *,
                 drive_source: Callable[[], list[drives.Drive]] = drives.removable_drives,
                 clock: Callable[[], _dt.datetime] = lambda: _dt.datetime.now().astimezone(),
                 poll_ms: int = POLL_MS):
        super().__init__(parent)
        self.runner, self.db_path = runner, Path(db_path)
        self.state = State(None)
        self.message_box: QMessageBox | None = None

        self.send_page = SendPage(runner, drive_source, clock)
        self.receive_page = ReceivePage(runner, lambda: self.send_page.drives)
        self.status_panel = HandoverStatusPanel()
        self.status_panel.refreshRequested.connect(self.refresh)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.send_page, self.tr("Kirim"))
        self.tabs.addTab(self.receive_page, self.tr("Terima"))
        self.tabs.addTab(self.status_panel, self.tr("Status"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 2)
        layout.addWidget(self.tabs)

        self.send_page.exported.connect(self.exported)
        self.receive_page.previewed.connect(self.previewed)
        self.receive_page.wanted.connect(self.show_receiving)
        self.receive_page.imported.connect(self.imported)
        self.receive_page.imported.connect(lambda _reports: self.refresh())  # who has sent, now
        for page in (self.send_page, self.receive_page):
            page.failed.connect(self._failed)

        # Sticks are looked for off the GUI thread, and only while this screen shows (showEvent).
        self.poller = DrivePoller(drive_source, poll_ms, self)
        self.poller.found.connect(self.send_page.show_drives)
        self.send_page.refresh_drives()
        self.refresh()

    # The status page's parts, by the names the tests and older code use.
    status_summary = property(lambda self: self.status_panel.summary)
    status_table = property(lambda self: self.status_panel.table)
    status_refresh = property(lambda self: self.status_panel.refresh_button)

    def refresh(self) -> None:
        self.runner.submit(load).success(self._loaded).failure(self._failed)

    def _failed(self, message: str) -> None:
        self.failed.emit(message)
        # Window-modal but not blocking: the screen (and a test) carries on while it is shown.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Serah terima"), message,
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box

    def _loaded(self, state: State) -> None:
        self.state = state
        self.send_page.set_state(state)
        self.receive_page.set_state(state)
        if state.inst is not None:
            self.status_panel.fill(state.status)
        self.loaded.emit()

    def show_receiving(self) -> None:
        """The Terima tab: where a PPK or KPU starts its day."""
        self.tabs.setCurrentIndex(1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.poller.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.poller.stop()

    def shutdown(self) -> None:
        self.poller.stop()
