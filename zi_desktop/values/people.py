"""Who may evaluate: the rules for a person's name, NIP and role in the TPI team, in one place.

* The **NIP** (Nomor Induk Pegawai) is 18 digits; people type it grouped the way it is printed
  (``19800101 200501 1 001``: birth date, appointment month, sex, number), and it is stored
  without the spaces.
* The **roles** are those of a TPI team — anggota (member), ketua (team leader), dalnis
  (pengendali teknis, the technical controller) — and the koordinator who assigns units.

The profile dialogs, the identity commands, the profile file, the workspace's evaluator and
the key cards all check a person with :func:`check_person`.
"""

from __future__ import annotations

from ..errors import UserFacingError
from ..i18n import N_, _, ngettext

NIP_DIGITS = 18
ROLES = ("anggota", "ketua", "dalnis", "koordinator")
ROLE_LABELS = {
    "anggota": N_("Team member"),
    "ketua": N_("Team leader"),
    "dalnis": N_("Technical controller (dalnis)"),
    "koordinator": N_("Coordinator"),
}
assert tuple(ROLE_LABELS) == ROLES


def role_label(role: str) -> str:
    """The role as people call it, in the current language (the code itself if unknown)."""
    return _(ROLE_LABELS[role]) if role in ROLE_LABELS else role


def nip_digits(text: str) -> str:
    """The NIP as stored: what was typed, without the spaces that group it."""
    return "".join(text.split())


def nip_problem(text: str) -> str | None:
    """Why ``text`` is not a NIP (``""`` while nothing is typed), or ``None`` when it is one."""
    digits = nip_digits(text)
    if not digits:
        return ""
    if not digits.isdigit() or not digits.isascii():
        return _("Digits only")
    if len(digits) != NIP_DIGITS:
        count = len(digits)
        return ngettext("{count} digit of 18", "{count} digits of 18", count).format(count=count)
    return None


def is_nip(text: str) -> bool:
    """Whether ``text`` is a NIP exactly as stored (18 ASCII digits, no spaces)."""
    return len(text) == NIP_DIGITS and text.isascii() and text.isdigit()


def format_nip(nip: str) -> str:
    """A NIP as printed, grouped 8-6-1-3; anything else as given."""
    if is_nip(nip):
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def check_person(name: str, nip: str, role: str) -> None:
    """Raise a user-facing error unless ``name``, ``nip`` and ``role`` describe an evaluator."""
    if not name.strip():
        raise UserFacingError(_("The evaluator needs a name."))
    if not is_nip(nip):
        raise UserFacingError(_("A NIP has 18 digits."))
    if role not in ROLES:
        raise UserFacingError(
            _("Unknown role {role}; use one of {roles}.").format(role=role, roles=", ".join(ROLES))
        )
