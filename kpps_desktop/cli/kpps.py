"""The packaged `kpps` program's entry script (build.spec): the `kpps` command line. A script of
its own because the desktop app's is already called __main__."""

import sys

from kpps_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
