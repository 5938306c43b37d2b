"""The one error hierarchy of ZI Desktop.

* :class:`ZiError` — base of every error the application raises on purpose;
* :class:`UserFacingError` — carries a message already translated for the user, and optional
  technical details; the UI and the CLI show these and nothing else of an exception;
* :class:`Cancelled` — the user stopped a long operation; never shown as an error.
"""

from __future__ import annotations


class ZiError(Exception):
    """Base of the application's own errors."""


class UserFacingError(ZiError):
    """An error whose message is meant for the person using the app."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class Cancelled(ZiError):
    """A long operation was cancelled by the user."""


class DefinitionError(UserFacingError):
    """An LKE definition file breaks one of the format's rules."""

    def __init__(self, definition: str, node: str, rule: str) -> None:
        from .i18n import _

        super().__init__(
            _("LKE definition {definition}: node {node}: {rule}").format(
                definition=definition, node=node, rule=rule
            )
        )
        self.definition = definition
        self.node = node
        self.rule = rule


class AnswersError(UserFacingError):
    """An answers file or an answer value is not valid for the LKE."""

    def __init__(self, source: str, node: str, problem: str) -> None:
        from .i18n import _

        if node:
            message = _("{source}: {node}: {problem}").format(
                source=source, node=node, problem=problem
            )
        else:
            message = _("{source}: {problem}").format(source=source, problem=problem)
        super().__init__(message)
        self.source = source
        self.node = node
        self.problem = problem
