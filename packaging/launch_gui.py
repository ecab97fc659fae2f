"""PyInstaller's entry point for the desktop app (netcrm.app.main), used by netcrm.spec."""

from netcrm.app import main

raise SystemExit(main())
