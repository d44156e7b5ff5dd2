"""`python -m kpps_desktop.cli`: the `kpps` command line."""

import sys

from kpps_desktop.cli import main

sys.exit(main())
