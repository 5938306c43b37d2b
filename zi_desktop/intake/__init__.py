"""The coordinator's HTTP intake (``zi serve``), protocol ``zi-intake/1``.

A thin ASGI layer (Starlette on uvicorn) over :class:`~zi_desktop.services.intake_desk.
IntakeDesk`: login by signature (:mod:`.auth_routes`), upload sessions, commit and package
status (:mod:`.session_routes`), resumable uploads in the request shapes of tus 1.0
(:mod:`.tus_routes`), the app with its logging and housekeeping (:mod:`.app`) and the server
(:mod:`.server`). The protocol is ``docs/intake-protocol.md``.
"""
