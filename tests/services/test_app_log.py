"""The window's log file: records land in it, it rotates, and a hard crash is written there."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zi_desktop.services.app_log import LOG_NAME, LogFile, close_log, open_log

CRASH = """
import logging, sys
from pathlib import Path
try:
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file for the crash below
except ImportError:
    pass
from zi_desktop.services.app_log import LOG_NAME, LogFile
logging.getLogger().addHandler(LogFile(Path(sys.argv[1]) / LOG_NAME, max_bytes=2000, backups=2))
for n in range(40):
    logging.getLogger("zi.test").error("record %d %s", n, "x" * 100)
import faulthandler
faulthandler._sigsegv()
"""


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[LogFile]:
    handler = open_log(tmp_path / "logs")
    assert handler is not None
    yield handler
    close_log(handler)


def test_records_of_every_logger_go_to_the_file(log_file: LogFile) -> None:
    logging.getLogger("ui.somewhere").error("the disk said no")
    logging.getLogger("ui.somewhere").info("not kept: below the default level")
    text = log_file.path.read_text(encoding="utf-8")
    assert log_file.path.name == LOG_NAME
    assert "ERROR ui.somewhere [MainThread] the disk said no" in text
    assert "not kept" not in text


def test_closing_the_log_stops_writing(tmp_path: Path) -> None:
    handler = open_log(tmp_path)
    assert handler is not None
    close_log(handler)
    logging.getLogger("ui.somewhere").error("after closing")
    assert handler not in logging.getLogger().handlers
    assert "after closing" not in handler.path.read_text(encoding="utf-8")


def test_a_folder_that_cannot_be_made_gives_no_log(tmp_path: Path) -> None:
    (tmp_path / "logs").write_bytes(b"")  # a file where the folder should be
    assert open_log(tmp_path / "logs") is None


def test_a_hard_crash_after_rotating_is_written_into_the_current_file(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONFAULTHANDLER": ""}
    command = [sys.executable, "-c", CRASH, str(tmp_path)]
    out = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode != 0
    current = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in current
    assert 'File "<string>"' in current  # the stack of the thread that crashed
    assert (tmp_path / f"{LOG_NAME}.1").is_file() and (tmp_path / f"{LOG_NAME}.2").is_file()
    assert not (tmp_path / f"{LOG_NAME}.3").exists()  # two old files kept, as asked
    old = (tmp_path / f"{LOG_NAME}.1").read_text(encoding="utf-8")
    assert "record" in old and "Fatal Python error" not in old
