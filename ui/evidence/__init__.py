"""The evidence (data dukung) panel of an LKE item: its files, adding, opening, captions."""
