"""The PySide6 desktop interface of ZI Desktop: a thin layer over ``zi_desktop.services``."""
