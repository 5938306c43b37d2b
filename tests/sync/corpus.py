"""A generated corpus of malicious and damaged packages, each with the reason it must get.

Every case starts from a valid package taken apart (:class:`sync_helpers.Kit`), breaks one
thing, and is put back together — re-signed by the trusted evaluator unless the case is about
the signature — so that the check the case is aimed at is the one that must refuse it.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sync_helpers import Kit, Raw, raw_package, raw_zip

from zi_desktop.identity import canonical
from zi_desktop.identity.keys import MANIFEST_DOMAIN, Signer, b64
from zi_desktop.sync.limits import Limits
from zi_desktop.sync.reasons import Reason

Make = Callable[[Kit, Signer], bytes]


@dataclass(frozen=True)
class Case:
    name: str
    reason: Reason
    make: Make
    limits: Limits = field(default_factory=Limits)
    prepare: tuple[str, ...] = ()  # packages to import first: "good", "seq5"
    import_only: bool = False  # ``zi verify`` does not read evidence types (it stores nothing)


CASES: list[Case] = []


def case(
    name: str,
    reason: Reason,
    limits: Limits | None = None,
    prepare: tuple[str, ...] = (),
    import_only: bool = False,
) -> Callable[[Make], Make]:
    def register(make: Make) -> Make:
        CASES.append(Case(name, reason, make, limits or Limits(), prepare, import_only))
        return make

    return register


def data(kit: Kit, path: str = "data/assessments.json") -> Any:
    return canonical.loads(kit.files[path], 10**8, 100)


def set_data(kit: Kit, doc: Any, path: str = "data/assessments.json") -> None:
    kit.files[path] = canonical.dumps(doc)
    kit.relist()


def evidence_path(kit: Kit) -> str:
    return next(p for p in sorted(kit.files) if p.startswith("evidence/"))


def signed(kit: Kit, mbytes: bytes) -> bytes:
    return kit.build(manifest_bytes=mbytes, signature=kit.signer.sign(MANIFEST_DOMAIN, mbytes))


# -- bad_signature ----------------------------------------------------------------------------
@case("manifest changed after signing", Reason.BAD_SIGNATURE)
def _(kit: Kit, other: Signer) -> bytes:
    mbytes = kit.manifest_bytes()
    sig = kit.signer.sign(MANIFEST_DOMAIN, mbytes)
    return kit.build(
        manifest_bytes=mbytes.replace(b'"app":"0.1.0"', b'"app":"0.1.1"'), signature=sig
    )


@case("signature of zeros", Reason.BAD_SIGNATURE)
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build(signature=bytes(64))


@case("signed by another key than the one named", Reason.BAD_SIGNATURE)
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build(signature=other.sign(MANIFEST_DOMAIN, kit.manifest_bytes()))


@case("signature without the domain tag", Reason.BAD_SIGNATURE)
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build(signature=kit.signer.sign(b"", kit.manifest_bytes()))


@case("signature cut to 63 bytes", Reason.BAD_SIGNATURE)
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build(signature=kit.signer.sign(MANIFEST_DOMAIN, kit.manifest_bytes())[:63])


def _weak_signer(kit: Kit, point: bytes) -> bytes:
    """The manifest names ``point`` as its key and carries the forgery R = point, S = 0."""
    kit.manifest["signer"].update(public_key=b64(point), key_id=hashlib.sha256(point).hexdigest())
    return kit.build(signature=point + bytes(32))


SMALL_ORDER_POINTS = {
    "identity": "01" + "00" * 31,
    "order 2": "ec" + "ff" * 30 + "7f",
    "order 4": "00" * 32,
    "order 4, negative x": "00" * 31 + "80",
    "order 8": "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "order 8, other": "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "identity, non-canonical y + p": "ee" + "ff" * 30 + "7f",
    "identity, sign bit set": "01" + "00" * 30 + "80",
}


def _forged_by(point: bytes) -> Make:
    return lambda kit, other: _weak_signer(kit, point)


for _label, _hex in SMALL_ORDER_POINTS.items():
    case(f"signer key is a small-order point ({_label}), forged signature", Reason.BAD_SIGNATURE)(
        _forged_by(bytes.fromhex(_hex))
    )


@case("signature scalar S + L (malleated)", Reason.BAD_SIGNATURE)
def _(kit: Kit, other: Signer) -> bytes:
    sig = kit.signer.sign(MANIFEST_DOMAIN, kit.manifest_bytes())
    s = int.from_bytes(sig[32:], "little") + 2**252 + 27742317777372353535851937790883648493
    return kit.build(signature=sig[:32] + s.to_bytes(32, "little"))


@case("signature point R not canonical (y + p)", Reason.BAD_SIGNATURE)
def _(kit: Kit, other: Signer) -> bytes:
    sig = kit.signer.sign(MANIFEST_DOMAIN, kit.manifest_bytes())
    return kit.build(signature=bytes.fromhex("ee" + "ff" * 30 + "7f") + sig[32:])


# -- unknown_signer ---------------------------------------------------------------------------
@case("validly signed by a key nobody enrolled", Reason.UNKNOWN_SIGNER)
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["signer"].update(key_id=other.key_id, public_key=b64(other.public_key))
    kit.signer = other
    return kit.build()


# -- hash_mismatch ----------------------------------------------------------------------------
@case("evidence content swapped, same size", Reason.HASH_MISMATCH)
def _(kit: Kit, other: Signer) -> bytes:
    path = evidence_path(kit)
    content = bytearray(kit.files[path])
    content[-1] ^= 0xFF
    kit.files[path] = bytes(content)
    return kit.build()


@case("data file changed, manifest not", Reason.HASH_MISMATCH)
def _(kit: Kit, other: Signer) -> bytes:
    kit.files["data/assessments.json"] = kit.files["data/assessments.json"].replace(
        b'"tier":"tpi"', b'"tier":"tpn"', 1
    )
    return kit.build()


@case("manifest lists a size one byte larger", Reason.HASH_MISMATCH)
def _(kit: Kit, other: Signer) -> bytes:
    entry = next(f for f in kit.manifest["files"] if f["path"].startswith("evidence/"))
    entry["size"] += 1
    entry["packed_size"] += 1
    return kit.build()


@case("CRC wrong in both headers", Reason.HASH_MISMATCH)
def _(kit: Kit, other: Signer) -> bytes:
    entries = raw_package(kit)
    target = next(e for e in entries if e.name.startswith(b"evidence/"))
    target.crc = zlib.crc32(target.data) ^ 1
    return raw_zip(entries)


@case("deflated data replaced by noise", Reason.HASH_MISMATCH)
def _(kit: Kit, other: Signer) -> bytes:
    entries = raw_package(kit)
    target = entries[0]
    target.data = hashlib.sha256(b"noise").digest() * (len(target.data) // 32 + 1)
    target.data = target.data[: len(raw_package(kit)[0].data)]
    return raw_zip(entries)


# -- missing_file -----------------------------------------------------------------------------
@case("no manifest", Reason.MISSING_FILE)
def _(kit: Kit, other: Signer) -> bytes:
    return raw_zip([e for e in raw_package(kit) if e.name != b"manifest.json"])


@case("no signature", Reason.MISSING_FILE)
def _(kit: Kit, other: Signer) -> bytes:
    return raw_zip([e for e in raw_package(kit) if e.name != b"manifest.sig"])


@case("listed evidence file absent", Reason.MISSING_FILE)
def _(kit: Kit, other: Signer) -> bytes:
    del kit.files[evidence_path(kit)]
    return kit.build()


@case("evidence referred to but neither included nor left out", Reason.MISSING_FILE)
def _(kit: Kit, other: Signer) -> bytes:
    del kit.files[evidence_path(kit)]
    kit.relist()
    return kit.build()


# -- unlisted_file ----------------------------------------------------------------------------
@case("extra evidence file", Reason.UNLISTED_FILE)
def _(kit: Kit, other: Signer) -> bytes:
    extra = b"%PDF-1.4 hidden"
    kit.extra.append((f"evidence/{hashlib.sha256(extra).hexdigest()}", extra))
    return kit.build()


@case("extra data file", Reason.UNLISTED_FILE)
def _(kit: Kit, other: Signer) -> bytes:
    kit.extra.append(("data/extra.json", b"{}"))
    return kit.build()


@case("extra readme", Reason.UNLISTED_FILE)
def _(kit: Kit, other: Signer) -> bytes:
    kit.extra.append(("README.txt", b"open me"))
    return kit.build()


# -- malformed --------------------------------------------------------------------------------
@case("random bytes", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return hashlib.sha256(b"seed").digest() * 200


@case("empty file", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return b""


@case("cut in half", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    good = kit.build()
    return good[: len(good) // 2]


@case("bytes after the end record", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build() + b"trailing"


@case("bytes before the first entry", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return raw_zip(raw_package(kit), prefix=b"MZ\x90\x00 self-extractor stub")


@case("overlapping entries", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    entries = raw_package(kit)
    entries[1].offset = 10
    return raw_zip(entries)


@case("encrypted entry", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    entries = raw_package(kit)
    entries[0].flags = 0x1
    return raw_zip(entries)


@case("header not canonical (a time stamp)", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    entries = raw_package(kit)
    entries[0].time = 0x6000
    return raw_zip(entries)


@case("NaN in the manifest", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return signed(kit, kit.manifest_bytes().replace(b'"base":null', b'"base":NaN'))


@case("Infinity in the manifest", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return signed(kit, kit.manifest_bytes().replace(b'"base":null', b'"base":Infinity'))


@case("duplicate key in the manifest", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return signed(kit, kit.manifest_bytes().replace(b'{"app":', b'{"app":"x","app":', 1))


@case("unknown field in the manifest", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["comment"] = "trust me"
    return kit.build()


@case("manifest not canonical", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return signed(kit, kit.manifest_bytes().replace(b'{"app":', b'{ "app":', 1))


@case("float in the manifest", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    return signed(kit, kit.manifest_bytes().replace(b'"sequence":1', b'"sequence":1.0'))


@case("signer key id does not match its key", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["signer"]["public_key"] = b64(other.public_key)
    return kit.build()


@case("Infinity in a data file", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    kit.files["data/assessments.json"] = kit.files["data/assessments.json"].replace(
        b'"year":2026', b'"year":Infinity'
    )
    kit.relist()
    return kit.build()


@case("unknown field in a data file", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    doc = data(kit)
    doc["assessments"][0]["answers"][0]["trusted"] = True
    set_data(kit, doc)
    return kit.build()


@case("duplicate key in a data file", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    kit.files["data/assessments.json"] = kit.files["data/assessments.json"].replace(
        b'"year":2026', b'"year":2026,"year":2027'
    )
    kit.relist()
    return kit.build()


@case("an option the LKE does not have", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    doc = data(kit)
    answer = next(a for a in doc["assessments"][0]["answers"] if a["option"])
    answer["option"] = "Mungkin"
    set_data(kit, doc)
    return kit.build()


@case("an audit event edited", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    doc = data(kit, "data/audit.json")
    doc["events"][3]["actor"] = "someone else"
    set_data(kit, doc, "data/audit.json")
    return kit.build()


@case("a lone surrogate in a note", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    kit.files["data/assessments.json"] = kit.files["data/assessments.json"].replace(
        b'"note":"', b'"note":"\\ud800', 1
    )
    kit.relist()
    return kit.build()


@case("units in the data differ from the manifest", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["units"][0]["code"] = "LAIN-999"
    return kit.build()


@case("evidence that is a program, not a document", Reason.MALFORMED, import_only=True)
def _(kit: Kit, other: Signer) -> bytes:
    path = evidence_path(kit)
    old_sha = path[9:]
    size = len(kit.files.pop(path))
    program = (b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 40)[:size]
    new_sha = hashlib.sha256(program).hexdigest()
    kit.files[f"evidence/{new_sha}"] = program
    kit.files["data/assessments.json"] = kit.files["data/assessments.json"].replace(
        old_sha.encode(), new_sha.encode()
    )
    kit.manifest["units"][0]["fingerprint"] = None  # so that only the type check can refuse it
    kit.relist()
    return kit.build()


# -- unsafe_path ------------------------------------------------------------------------------
def _named(name: bytes, attributes: int | None = None) -> Make:
    def make(kit: Kit, other: Signer) -> bytes:
        entries = raw_package(kit)
        extra = Raw(name, b"payload")
        if attributes is not None:
            extra.attributes = attributes
        return raw_zip([extra, *entries])

    return make


for _title, _name in [
    ("parent folder", b"../../evil.json"),
    ("parent folder inside", b"data/../../evil.json"),
    ("absolute path", b"/etc/cron.d/evil"),
    ("drive letter", b"C:/Windows/evil.dll"),
    ("backslashes", b"data\\..\\..\\evil.json"),
    ("directory entry", b"data/"),
    ("non-ASCII name", "data/é.json".encode()),
    ("NUL in a name", b"data/a.json\x00.pdf"),
    ("reserved Windows name", b"data/CON"),
    ("trailing dot", b"data/x.json."),
]:
    case(f"unsafe name: {_title}", Reason.UNSAFE_PATH)(_named(_name))
case("symbolic link", Reason.UNSAFE_PATH)(_named(b"evidence/link", 0o120777 << 16))


@case("the same name twice", Reason.UNSAFE_PATH)
def _(kit: Kit, other: Signer) -> bytes:
    entries = raw_package(kit)
    return raw_zip([entries[0], *entries])


@case("names that differ only in case", Reason.UNSAFE_PATH)
def _(kit: Kit, other: Signer) -> bytes:
    entries = raw_package(kit)
    path = evidence_path(kit)
    return raw_zip([Raw(path.upper().replace("EVIDENCE", "evidence").encode(), b"x"), *entries])


# -- too_large --------------------------------------------------------------------------------
@case("package larger than allowed", Reason.TOO_LARGE, Limits(package_bytes=10_000))
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build()


@case("too many entries", Reason.TOO_LARGE, Limits(entries=5))
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build()


@case("one file larger than allowed", Reason.TOO_LARGE, Limits(file_bytes=1000))
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build()


@case("all files larger than allowed", Reason.TOO_LARGE, Limits(total_bytes=20_000))
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build()


@case("compression bomb", Reason.TOO_LARGE)
def _(kit: Kit, other: Signer) -> bytes:
    zeros = bytes(50 * 1024 * 1024)
    squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
    bomb = squeezer.compress(zeros) + squeezer.flush()
    entries = raw_package(kit)
    return raw_zip([Raw(b"data/bomb.json", bomb, 8, len(zeros), zlib.crc32(zeros)), *entries])


@case("manifest larger than allowed", Reason.TOO_LARGE, Limits(manifest_bytes=500))
def _(kit: Kit, other: Signer) -> bytes:
    return kit.build()


@case("data nested too deeply", Reason.TOO_LARGE)
def _(kit: Kit, other: Signer) -> bytes:
    doc = data(kit)
    doc["assessments"][0]["removed"] = json.loads("[" * 40 + "]" * 40)
    set_data(kit, doc)
    return kit.build()


@case("data nested 200,000 levels", Reason.TOO_LARGE)
def _(kit: Kit, other: Signer) -> bytes:
    kit.files["data/assessments.json"] = kit.files["data/assessments.json"].replace(
        b'"removed":[]', b'"removed":' + b"[" * 200_000 + b"]" * 200_000, 1
    )
    kit.relist()
    return kit.build()


# -- unsupported_version ----------------------------------------------------------------------
@case("a newer package format", Reason.UNSUPPORTED_VERSION)
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["format"] = "zi-package/2"
    kit.manifest["new_field"] = {"x": 1}
    return kit.build()


@case("a newer workspace schema", Reason.UNSUPPORTED_VERSION)
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["schema"] = 3
    return kit.build()


@case("compression method bzip2", Reason.UNSUPPORTED_VERSION)
def _(kit: Kit, other: Signer) -> bytes:
    entries = raw_package(kit)
    entries[0].method = 12
    return raw_zip(entries)


@case("an LKE version unknown here", Reason.UNSUPPORTED_VERSION)
def _(kit: Kit, other: Signer) -> bytes:
    doc = data(kit)
    doc["assessments"][0]["lke"] = "permenpanrb-2099"
    set_data(kit, doc)
    kit.manifest["units"][0]["lke"] = "permenpanrb-2099"
    kit.manifest["lke"] = ["permenpanrb-2099"]
    return kit.build()


@case("full sync package with a null fingerprint", Reason.MALFORMED)
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["units"][0]["fingerprint"] = None
    return kit.build()


@case("audit.json over the data file limit", Reason.TOO_LARGE, limits=Limits(data_bytes=4096))
def _(kit: Kit, other: Signer) -> bytes:
    doc = data(kit, "data/audit.json")
    doc["events"] = doc["events"] * 0  # the size alone decides, before anything is parsed
    filler = {
        "seq": 1,
        "at": "x" * 40,
        "actor": "a",
        "entity": "e",
        "old": "",
        "new": "",
        "prev_hash": "0" * 64,
        "hash": "0" * 64,
    }
    doc["events"] = [dict(filler, seq=n) for n in range(1, 40)]
    set_data(kit, doc, "data/audit.json")
    return kit.build()


# -- wrong_recipient, replayed, stale_sequence ------------------------------------------------
@case("addressed to someone else", Reason.WRONG_RECIPIENT)
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["recipient"] = other.key_id
    return kit.build()


@case("same sequence as an imported package, other content", Reason.REPLAYED, prepare=("good",))
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["package_id"] = "f" * 32
    return kit.build()


@case("next sequence but another previous package", Reason.REPLAYED, prepare=("good",))
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["sequence"] = 2
    kit.manifest["previous"] = "e" * 64
    return kit.build()


@case("older sequence than an imported package", Reason.STALE_SEQUENCE, prepare=("seq5",))
def _(kit: Kit, other: Signer) -> bytes:
    kit.manifest["sequence"] = 3
    return kit.build()
