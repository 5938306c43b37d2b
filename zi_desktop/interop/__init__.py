"""Interchange with the official LKE Excel workbook and the PortalRB JSON.

This package reads and writes files only; it never touches the workspace database (the
services in ``zi_desktop.services.interop`` do) and imports neither Qt nor sqlmodel.
"""
