"""Recalculating and converting workbooks with LibreOffice Calc, headless, for the tests.

One ``soffice`` run converts every file given (starting LibreOffice is most of the cost). Each
run gets a fresh user profile, so that it neither waits for nor disturbs another LibreOffice,
and the profile tells Calc to recalculate every formula on load (Tools > Options > Calc >
Formula > Recalculation on file load, Excel 2007 and newer: always) instead of keeping the
values cached in the file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")
CONVERSION_TIMEOUT = 600  # seconds; a guard against a hung LibreOffice, not a measurement

_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
_ERROR = re.compile(r"#(NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A)|Err:\d+")


def is_error(value: object) -> bool:
    """Whether a recalculated cell value is a spreadsheet error (#DIV/0!, Err:502, …)."""
    return isinstance(value, str) and _ERROR.fullmatch(value) is not None


def version() -> str:
    assert SOFFICE is not None
    done = subprocess.run(
        [SOFFICE, "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=CONVERSION_TIMEOUT,
    )
    return done.stdout.strip()


def recalculate(files: list[Path], out: Path, profile: Path) -> list[Path]:
    """Open ``files`` in LibreOffice, recalculate, save each as .xlsx into ``out``."""
    assert SOFFICE is not None
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE)
    command = [
        SOFFICE,
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=CONVERSION_TIMEOUT)
    converted = [out / f.name for f in files]
    missing = [p.name for p in converted if not p.is_file()]
    assert done.returncode == 0 and not missing, (done.returncode, missing, done.stderr)
    return converted


def convert(files: list[Path], suffix: str, out: Path, profile: Path) -> list[Path]:
    """Save ``files`` as ``suffix`` ("xls", "ods") into ``out`` with LibreOffice, headless,
    recalculated on load as Excel or LibreOffice would have shown them to the unit."""
    assert SOFFICE is not None
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE)
    command = [
        SOFFICE,
        "--headless",
        "--norestore",
        "--nologo",
        "--nolockcheck",
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--convert-to",
        suffix,
        "--outdir",
        str(out),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=CONVERSION_TIMEOUT)
    converted = [out / f"{f.stem}.{suffix}" for f in files]
    missing = [p.name for p in converted if not p.is_file()]
    assert done.returncode == 0 and not missing, (done.returncode, missing, done.stderr)
    return converted
