"""`python -m netcrm.cli`, as the tests run it."""

from netcrm.cli.main import main

raise SystemExit(main())
