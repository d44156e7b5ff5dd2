"""Screenshots of the KPU's recap at 1366x768 (kecamatan, desa, anomalies, absentees) into docs/screenshots/.

Run under a real X server with a window manager, e.g.:
    Xvfb :21 -screen 0 1366x768x24 & DISPLAY=:21 openbox &
    DISPLAY=:21 PYTHONPATH=. .venv/bin/python docs/screenshots/recap_screenshots.py [--db KPU.sqlite]

Without --db it builds the test kabupaten (tests/kabupaten.py: Jepara through real handover
files, 8 desa silent, planted anomalies) in a temporary folder. Each shot is the whole screen,
taken with ImageMagick's `import -window root`, so the window manager's frame is in it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a KPU database (default: build the test kabupaten)")
    args = parser.parse_args(argv)
    if args.db is None:
        sys.path.insert(0, str(ROOT / "tests"))
        import kabupaten

        args.db = kabupaten.build(Path(tempfile.mkdtemp())).path

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from kpps_desktop.ui.jobs import JobRunner
    from kpps_desktop.ui.recap_view import RecapView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    runner = JobRunner(args.db)
    window = QMainWindow()
    window.setWindowTitle("Presensi KPPS — KPU Kabupaten Jepara")
    view = RecapView(runner, args.db)
    window.setCentralWidget(view)
    window.showMaximized()

    def wait(signal=None, ms: int = 600) -> None:
        loop = QEventLoop()
        if signal is not None:
            signal.connect(loop.quit)
        QTimer.singleShot(20000 if signal is not None else ms, loop.quit)
        loop.exec()
        if signal is not None:
            wait(ms=600)  # let the window paint

    def shot(name: str) -> None:
        subprocess.run(["import", "-window", "root", str(OUT / name)], check=True)
        print(OUT / name)

    if view.data is None:
        wait(view.loaded)
    wait()
    shot("rekap-kpu-kecamatan.png")
    view.group.setCurrentIndex(view.group.findData("desa"))
    wait(view.loaded)
    view.lowest.setChecked(True)
    wait()
    shot("rekap-kpu-desa.png")
    view.lowest.setChecked(False)
    view.tabs.setCurrentIndex(2)
    wait()
    shot("rekap-kpu-anomali.png")
    # The absentees by kecamatan and desa (#21): back to the kecamatan, the first one and its first desa opened.
    view.group.setCurrentIndex(view.group.findData("kecamatan"))
    wait(view.loaded)
    view.tabs.setCurrentIndex(1)
    tree, model = view.absent_panel.tree, view.absent_panel.tree_model
    first = model.index(0, 0)
    tree.expand(first)
    tree.expand(model.index(0, 0, first))
    wait()
    shot("rekap-kpu-tidak-hadir.png")
    runner.close() if hasattr(runner, "close") else None
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
