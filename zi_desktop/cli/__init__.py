"""The ``zi`` command line, a thin layer over :mod:`zi_desktop.services`."""
