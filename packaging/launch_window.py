"""Entry script of the frozen ``zi-desktop`` window (from source: the ``zi-desktop`` script)."""

from ui.app import main

raise SystemExit(main())
