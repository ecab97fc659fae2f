"""netcrm-cli: the same services as the desktop app, from a terminal (DESIGN.md section 4).

One module per subject registers its commands and renders its results (text or `--json`); `main` holds
the dispatch; `output` how everything is written. The database is opened only through the services.
"""

from __future__ import annotations

from netcrm.cli.main import main

__all__ = ["main"]
