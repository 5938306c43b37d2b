"""The evaluator's profile belongs to the person: one file beside the key, never disagreeing
with the profile the key carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from zi_desktop.errors import UserFacingError
from zi_desktop.identity.store import IdentityStore
from zi_desktop.services import identity as idsvc
from zi_desktop.services import profile as profiles
from zi_desktop.values.views import EvaluatorProfile

PASS = "kata sandi rahasia"
RINA = EvaluatorProfile("Rina Kartika, S.H.", "199002022015032004", "anggota", "Inspektorat")


def test_no_profile_until_one_is_given_then_it_is_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "id"
    assert profiles.load_profile(folder) is None
    profiles.save_profile(RINA, folder)
    assert profiles.load_profile(folder) == RINA
    assert (folder / profiles.FILE_NAME).is_file()


@pytest.mark.parametrize(
    "bad",
    [
        EvaluatorProfile("", "199002022015032004", "anggota"),
        EvaluatorProfile("Rina", "1990", "anggota"),
        EvaluatorProfile("Rina", "199002022015032004", "kepala"),
    ],
)
def test_an_incomplete_profile_is_refused_and_nothing_is_written(
    tmp_path: Path, bad: EvaluatorProfile
) -> None:
    with pytest.raises(UserFacingError):
        profiles.save_profile(bad, tmp_path / "id")
    assert profiles.load_profile(tmp_path / "id") is None


def test_a_damaged_profile_file_reads_as_no_profile(tmp_path: Path) -> None:
    folder = tmp_path / "id"
    folder.mkdir()
    (folder / profiles.FILE_NAME).write_text("{not json", encoding="utf-8")
    assert profiles.load_profile(folder) is None


def test_the_key_is_made_with_the_profile_and_the_two_never_disagree(tmp_path: Path) -> None:
    folder = tmp_path / "id"
    profiles.save_profile(RINA, folder)
    made = idsvc.create_identity(RINA, PASS, folder)
    assert (made.name, made.nip, made.role, made.instansi) == (
        RINA.name,
        RINA.nip,
        RINA.role,
        RINA.instansi,
    )
    # a key made with other details makes those the profile
    other = tmp_path / "other"
    profiles.save_profile(RINA, other)
    changed = EvaluatorProfile("Rina Kartika, S.H., M.H.", RINA.nip, "ketua", "Inspektorat")
    idsvc.create_identity(changed, PASS, other)
    assert profiles.load_profile(other) == changed


def test_changing_the_profile_of_a_key_needs_its_passphrase_and_reseals_the_same_key(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "id"
    idsvc.create_identity(RINA, PASS, folder)
    before = IdentityStore(folder).load()
    new = EvaluatorProfile("Rina Kartika, S.H., M.H.", RINA.nip, "ketua", "Inspektorat Kota")
    with pytest.raises(profiles.NeedsPassphrase):
        profiles.save_profile(new, folder)
    with pytest.raises(UserFacingError):
        profiles.save_profile(new, folder, passphrase="bukan sandinya")
    assert profiles.load_profile(folder) == RINA  # nothing changed
    profiles.save_profile(new, folder, passphrase=PASS)
    after = IdentityStore(folder).load()
    assert after.key_id == before.key_id and after.created == before.created
    assert profiles.load_profile(folder) == new
    assert idsvc.current_identity(folder).name == new.name  # type: ignore[union-attr]
    card = tmp_path / "rina.card"
    assert idsvc.export_card(card, PASS, folder).name == new.name  # the card carries it too
    IdentityStore(folder).unlock(PASS)  # and the passphrase still opens the key


def test_a_key_made_before_profiles_existed_lends_its_profile(tmp_path: Path) -> None:
    folder = tmp_path / "id"
    idsvc.create_identity(RINA, PASS, folder)
    (folder / profiles.FILE_NAME).unlink()
    assert profiles.load_profile(folder) == RINA
