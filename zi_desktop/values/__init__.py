"""The value types every layer above scoring shares: what an assessment looks like to the
screens, the CLI and the report (:mod:`.views`), and its fingerprint (:mod:`.fingerprint`).

Plain frozen dataclasses with no database, no Qt and no services behind them, so that the
report (:mod:`zi_desktop.reports`) and the services can both use them without importing each
other."""
