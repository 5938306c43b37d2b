"""The evaluator profile dialog: NIP checked inline as typed, Save only when complete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.profile_dialog import ProfileDialog
from zi_desktop.i18n import set_language
from zi_desktop.services.workspace import Workspace
from zi_desktop.values.people import nip_problem
from zi_desktop.values.views import EvaluatorProfile

pytestmark = pytest.mark.qt
NIP = "198001012005011001"


@pytest.fixture
def dialog(qtbot) -> ProfileDialog:  # type: ignore[no-untyped-def]
    found = ProfileDialog()
    qtbot.addWidget(found)
    found.show()
    return found


def test_nip_is_checked_beside_the_field_as_it_is_typed(qtbot, dialog: ProfileDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.name, "Rina Kartika, S.H.")
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.nip, "19800101")
    assert dialog.nip_message.text() == "8 dari 18 digit"
    assert dialog.nip_message.isVisible()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.nip, "2005011x")
    assert dialog.nip_message.text() == "Hanya angka"
    qtbot.keyClick(dialog.nip, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog.nip, "001")
    assert dialog.nip_message.text() == "✓"
    assert dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.nip, "9")
    assert not dialog.save_button.isEnabled()


def test_enter_does_not_get_past_an_invalid_profile(qtbot, dialog: ProfileDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.nip, NIP)
    qtbot.keyClick(dialog.nip, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0  # no name yet


def test_profile_reads_the_fields_and_saves_through_the_service(  # type: ignore[no-untyped-def]
    qtbot, dialog: ProfileDialog, workspace: Workspace
) -> None:
    qtbot.keyClicks(dialog.name, "  Rina Kartika, S.H. ")
    qtbot.keyClicks(dialog.nip, "19800101 200501 1 001")  # grouped as printed on an SK
    dialog.role.setCurrentIndex(dialog.role.findData("dalnis"))
    qtbot.keyClicks(dialog.instansi, "Inspektorat Kabupaten Sukamaju")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    profile = dialog.profile()
    assert profile == EvaluatorProfile(
        "Rina Kartika, S.H.", NIP, "dalnis", "Inspektorat Kabupaten Sukamaju"
    )
    workspace.set_evaluator(profile)
    assert workspace.evaluator() == profile


def test_roles_are_the_four_tpi_roles_in_indonesian(dialog: ProfileDialog) -> None:
    roles = [(dialog.role.itemData(i), dialog.role.itemText(i)) for i in range(dialog.role.count())]
    assert roles == [
        ("anggota", "Anggota tim"),
        ("ketua", "Ketua tim"),
        ("dalnis", "Pengendali teknis (dalnis)"),
        ("koordinator", "Koordinator"),
    ]
    assert (dialog.save_button.text(), dialog.cancel_button.text()) == ("Simpan", "Batal")


def test_an_existing_profile_is_shown_for_editing(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ProfileDialog(EvaluatorProfile("Budi", NIP, "ketua", "Inspektorat"))
    qtbot.addWidget(dialog)
    assert dialog.role.currentData() == "ketua"
    assert dialog.save_button.isEnabled()
    assert dialog.profile() == EvaluatorProfile("Budi", NIP, "ketua", "Inspektorat")


def test_english_texts(qtbot) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    try:
        dialog = ProfileDialog()
        qtbot.addWidget(dialog)
        assert dialog.save_button.text() == "Save"
        assert dialog.role.itemText(1) == "Team leader"
    finally:
        set_language("id")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", ""),
        (NIP, None),
        ("1980 0101 2005 0110 01", None),
        ("١٩٨٠٠١٠١٢٠٠٥٠١١٠٠١", "Hanya angka"),
    ],
)
def test_nip_problem(typed: str, problem: str | None) -> None:
    assert nip_problem(typed) == problem
