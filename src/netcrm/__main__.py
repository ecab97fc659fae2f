"""`python -m netcrm` launches the desktop app."""

from netcrm.app import main

raise SystemExit(main())
