"""Use cases of ZI Desktop: the only API the UI and the CLI call.

Services return plain value objects, never database rows.
"""
