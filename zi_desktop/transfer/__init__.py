"""The evaluator's upload client (``zi upload``, the app's "Kirim"), protocol ``zi-intake/1``.

:func:`.upload.upload_package` sends a package (or the parts of a split one) to the
coordinator's intake: it logs in with the evaluator's key, offers the package by its frame,
sends only the files the intake lacks — each resumable, in checked pieces, at an optional
rate cap — retries with backoff and jitter, keeps a durable journal beside the package so
that a new run continues where the last one stopped, and ends only with a receipt signed by
the coordinator the package is addressed to. :mod:`.wire` is the HTTP client (httpx),
:mod:`.source` reads the package, :mod:`.journal` keeps the progress, :mod:`.pacing` paces.
"""
