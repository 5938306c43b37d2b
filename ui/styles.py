"""Colours of inline messages beside a field: a problem in red, a confirmation in green."""

ERROR_STYLE = "color: #b3261e"
OK_STYLE = "color: #1e7b34"
