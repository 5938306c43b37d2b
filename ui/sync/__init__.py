"""Sync screens: the evaluator's identity and trust list, sending and receiving packages."""

from .export_dialog import ExportDialog
from .identity_dialog import IdentityDialog, TrustDialog
from .import_flow import ImportFlow, import_package_flow

__all__ = ["ExportDialog", "IdentityDialog", "ImportFlow", "TrustDialog", "import_package_flow"]
