"""ZI Desktop core: the LKE definition, exact scoring, storage and services (no Qt here)."""

__version__ = "0.1.0"
