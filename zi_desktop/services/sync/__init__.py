"""Signed packages as use cases: export and assign (:mod:`.export`), verify and import
(:mod:`.importer`, :mod:`.commit`), whom a workspace trusts (:mod:`.trust`), what the
coordinator sees after imports (:mod:`.conflicts`), and the values and text they return
(:mod:`.values`, :mod:`.text`). The package format itself is :mod:`zi_desktop.sync`."""
