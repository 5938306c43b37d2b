"""Keys, the sealed key file and the identity folder."""

from __future__ import annotations

import json
import os
import pickle
import stat
import unicodedata
from pathlib import Path

import pytest

from zi_desktop.errors import UserFacingError
from zi_desktop.identity import canonical, keyfile
from zi_desktop.identity.keys import (
    CARD_DOMAIN,
    MANIFEST_DOMAIN,
    b64,
    fingerprint,
    key_id,
    normalise_key_ref,
    unb64,
    verify,
)
from zi_desktop.identity.store import ENV_FOLDER, IdentityStore, Profile, default_identity_dir

PROFILE = Profile("Dewi Lestari, S.E., Ak.", "198703152010122001", "anggota", "Kab. Sukamaju")
PASS = "kopi tubruk 2026"


def seed_of(store: IdentityStore, passphrase: str) -> bytes:
    """The private key seed, for tests that look for it on disk."""
    signer = store.unlock(passphrase)
    return signer._key.private_bytes_raw()


def test_key_id_and_fingerprint_read_aloud() -> None:
    kid = key_id(bytes(32))
    assert len(kid) == 64 and kid == kid.lower()
    fp = fingerprint(kid)
    groups = fp.split("-")
    assert len(groups) == 8 and all(len(g) == 4 and g == g.upper() for g in groups)
    assert kid.startswith(normalise_key_ref(fp))
    assert normalise_key_ref(" 3f2a 91C0:ab-cd ") == "3f2a91c0abcd"


def test_base64_is_strict() -> None:
    assert unb64(b64(b"abc")) == b"abc"
    for bad in ("YWJj\n", "YWJ", "YW Jj", "YWJk=="):
        with pytest.raises(ValueError):
            unb64(bad)
    with pytest.raises(ValueError):
        unb64(b64(b"abc"), 4)


def test_create_seal_and_unlock(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "id")
    made = store.create(PROFILE, PASS)
    assert made.profile == PROFILE and made.key_id == key_id(made.public_key)
    assert store.load() == made
    signer = store.unlock(PASS)
    assert signer.key_id == made.key_id
    signature = signer.sign(MANIFEST_DOMAIN, b"isi")
    assert verify(made.public_key, MANIFEST_DOMAIN, b"isi", signature)
    assert not verify(made.public_key, CARD_DOMAIN, b"isi", signature)  # domain separated
    assert not verify(made.public_key, MANIFEST_DOMAIN, b"isi!", signature)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_key_file_is_private_and_holds_no_clear_key(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "id")
    store.create(PROFILE, PASS)
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.folder.stat().st_mode) == 0o700
    seed = seed_of(store, PASS)
    text = store.path.read_bytes()
    for form in (seed, seed.hex().encode(), b64(seed).encode()):
        assert form not in text
    doc = json.loads(text)
    assert doc["kdf"] == {**doc["kdf"], "name": "scrypt", "n": 2**15, "r": 8, "p": 1}
    assert doc["cipher"]["name"] == "AES-256-GCM"
    assert [p.name for p in store.folder.iterdir()] == ["identity.json"]  # no temp files left


def test_wrong_passphrase_and_altered_file_are_refused(tmp_path: Path, english: None) -> None:
    store = IdentityStore(tmp_path / "id")
    store.create(PROFILE, PASS)
    with pytest.raises(UserFacingError, match="Wrong passphrase"):
        store.unlock("kopi tubruk 2025")
    doc = json.loads(store.path.read_bytes())
    doc["profile"]["name"] = "Orang Lain"  # covered by the AEAD's associated data
    store.path.write_bytes(canonical.dumps(doc))
    with pytest.raises(UserFacingError, match="Wrong passphrase"):
        store.unlock(PASS)


def test_key_file_asking_for_absurd_memory_is_refused_before_deriving(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "id")
    store.create(PROFILE, PASS)
    doc = json.loads(store.path.read_bytes())
    doc["kdf"]["n"] = 2**30
    with pytest.raises(keyfile.BadKeyFile, match="range"):
        keyfile.unseal(canonical.dumps(doc), PASS)
    for broken in (b"", b"{}", b"[1]", store.path.read_bytes()[:-2], b'{"format":"zi-key/1"}'):
        with pytest.raises(keyfile.BadKeyFile):
            keyfile.read(broken)


def test_passphrase_is_unicode_normalised(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "id")
    composed = "rahasia café ☕"
    store.create(PROFILE, composed)
    assert store.unlock(unicodedata.normalize("NFD", composed)).key_id == store.load().key_id


def test_profile_and_passphrase_are_checked(tmp_path: Path, english: None) -> None:
    store = IdentityStore(tmp_path / "id")
    for profile, message in [
        (Profile("", "198703152010122001", "anggota"), "name"),
        (Profile("Dewi", "12345", "anggota"), "18 digits"),
        (Profile("Dewi", "١٩٨٧٠٣١٥٢٠١٠١٢٢٠٠١", "anggota"), "18 digits"),
        (Profile("Dewi", "198703152010122001", "bos"), "Unknown role"),
    ]:
        with pytest.raises(UserFacingError, match=message):
            store.create(profile, PASS)
    with pytest.raises(UserFacingError, match="at least 8"):
        store.create(PROFILE, "pendek")
    assert not store.exists()


def test_an_identity_is_not_replaced_by_accident(tmp_path: Path, english: None) -> None:
    store = IdentityStore(tmp_path / "id")
    first = store.create(PROFILE, PASS)
    with pytest.raises(UserFacingError, match="--replace"):
        store.create(PROFILE, PASS)
    assert store.load() == first
    assert store.create(PROFILE, PASS, replace=True).key_id != first.key_id


def test_missing_identity_says_how_to_make_one(tmp_path: Path, english: None) -> None:
    store = IdentityStore(tmp_path / "none")
    assert store.load_optional() is None
    with pytest.raises(UserFacingError, match="zi identity init"):
        store.load()


def test_identity_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_FOLDER, str(tmp_path / "elsewhere"))
    assert default_identity_dir() == tmp_path / "elsewhere"
    assert IdentityStore().folder == tmp_path / "elsewhere"
    monkeypatch.delenv(ENV_FOLDER)
    assert default_identity_dir().name == "identity"


def test_an_unlocked_key_cannot_be_pickled_or_printed(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "id")
    store.create(PROFILE, PASS)
    signer = store.unlock(PASS)
    with pytest.raises(TypeError):
        pickle.dumps(signer)
    assert seed_of(store, PASS).hex() not in repr(signer)
    assert fingerprint(signer.key_id) in repr(signer)
