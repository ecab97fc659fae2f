"""PyInstaller's entry point for the command line (netcrm.cli.main), used by netcrm.spec."""

from netcrm.cli import main

raise SystemExit(main())
