"""Run by tests/test_ui_screen.py in a process of its own, on an offscreen screen of a given size:
opens the main window (every tab) and every dialog, prints their sizes as JSON."""

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kpps_desktop.core import db as dbmod
from kpps_desktop.core import demo, sessions

DESA = "33.20.01.2001"


def sizes(widget) -> dict:
    hint = widget.minimumSizeHint()
    return {"w": widget.width(), "h": widget.height(), "min_w": max(hint.width(), widget.minimumWidth()),
            "min_h": max(hint.height(), widget.minimumHeight()), "x": widget.x(), "y": widget.y()}


def main(db_path: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    area = app.primaryScreen().availableGeometry()
    with dbmod.opened(db_path) as db:
        if not db["officers"].count:
            demo.generate(db, DESA)
        session_id = sessions.list_sessions(db)[0].id
    from kpps_desktop.ui.jobs import JobRunner
    from kpps_desktop.ui.main_window import MainWindow

    runner = JobRunner(db_path)
    reader = dbmod.Reader(dbmod.connect(db_path, check=False))
    out = {"area": [area.width(), area.height()]}
    window = MainWindow(reader, runner, db_path)
    window.show()
    app.processEvents()
    out["main_state"] = {"maximized": window.isMaximized()}
    for name in ("roster", "checkin", "print", "recap", "handover"):
        window.show_page(name)
        app.processEvents()
        out[f"main:{name}"] = sizes(window) | {
            "status_bottom": window.statusBar().geometry().bottom(), "status_visible": window.statusBar().isVisible()}

    from kpps_desktop.ui.about import AboutDialog
    from kpps_desktop.ui.audit_view import AuditDialog
    from kpps_desktop.ui.backup_dialog import BackupDialog
    from kpps_desktop.ui.daring_dialog import DaringImportDialog
    from kpps_desktop.ui.first_run import FirstRunWizard
    from kpps_desktop.ui.guide import GuideDialog
    from kpps_desktop.ui.import_dialog import ImportDialog
    from kpps_desktop.ui.officer_dialog import OfficerDialog
    from kpps_desktop.ui.retention_dialog import RetentionDialog
    from kpps_desktop.ui.scan_log_dialog import ScanLogDialog
    from kpps_desktop.ui.session_dialog import SessionDialog
    from kpps_desktop.ui.settings_dialog import SettingsDialog

    makers = {
        "about": lambda: AboutDialog(db_path, window), "audit": lambda: AuditDialog(runner, window),
        "backup": lambda: BackupDialog(runner, db_path, window),
        "daring": lambda: DaringImportDialog(runner, session_id, window), "first_run": lambda: FirstRunWizard(runner, window),
        "guide": lambda: GuideDialog(window), "import": lambda: ImportDialog(runner, db_path, window),
        "officer": lambda: OfficerDialog(runner, parent=window), "retention": lambda: RetentionDialog(runner, window),
        "scan_log": lambda: ScanLogDialog(runner, db_path, session_id, window),
        "session": lambda: SessionDialog(runner, window), "settings": lambda: SettingsDialog(runner, window),
    }
    for name, make in makers.items():
        dialog = make()
        dialog.show()
        app.processEvents()
        out[name] = sizes(dialog)
        dialog.close()
    window.close()
    out["main_closed_maximized"] = window.isMaximized()
    runner.shutdown()
    reader.close()
    print(json.dumps(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
