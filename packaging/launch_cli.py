"""Entry script of the frozen ``zi`` command (from source: the ``zi`` script)."""

from zi_desktop.cli.main import main

raise SystemExit(main())
