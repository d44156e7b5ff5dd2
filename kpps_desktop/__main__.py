"""`python -m kpps_desktop` (and the packaged app) starts the desktop app."""

import gc
import sys

# Imports are start-up too: everything they build lives on, so collecting meanwhile frees
# nothing (~3 ms here). ui.app.main() turns the collector back on once the window shows.
gc.disable()

from kpps_desktop.ui.app import main  # noqa: E402

sys.exit(main())
