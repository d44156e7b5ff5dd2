"""`python -m kpps_desktop` starts the desktop app."""

import sys

from kpps_desktop.ui.app import main

sys.exit(main())
