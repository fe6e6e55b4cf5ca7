"""Writing a report file atomically, and recording it as an Export once it is in place.

The one idea: a reader (a newsroom system, an editor, the next cron run) sees either the previous report or
the complete new one, never a half-written file. The report is written to a temporary file in the target
folder (same file system), flushed and fsynced, then `os.replace`d over the target and the folder fsynced.
Any failure before the rename removes the temporary file and leaves the previous report untouched. The
rename happens inside the write transaction that records the Export row (with its audit event), after its
rows are flushed; should that transaction fail, the previous report is put back: an Export row always names
a file that was completely written, and a failed report leaves the previous one in place.

`--out` must not be a folder nor a symbolic link (a link could point outside the folder the operator
chose; we refuse rather than follow it). `-` writes to stdout (no atomicity there, but still recorded).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from claimtrack.errors import InputError
from claimtrack.store import audit
from claimtrack.store.db import Store
from claimtrack.store.models import Export

STDOUT = "-"


class Sink:
    """A text sink that encodes to UTF-8, counts and hashes what it writes."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self._raw.write(data)
        self._hash.update(data)
        self.size += len(data)
        return len(text)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()


def check_target(out: str) -> Path | None:
    """The absolute target path (None for stdout); refuses folders, links and missing folders."""
    if out == STDOUT:
        return None
    path = Path(out).expanduser()
    if path.is_symlink():
        raise InputError(f"--out is a symbolic link, refusing to follow it: {out}")
    if path.is_dir():
        raise InputError(f"--out is a folder, not a file: {out}")
    folder = path.parent.resolve()
    if not folder.is_dir():
        raise InputError(f"folder for --out does not exist: {path.parent}")
    if not os.access(folder, os.W_OK):
        raise InputError(f"folder for --out is not writable: {path.parent}")
    return folder / path.name


@contextmanager
def atomic_sink(target: Path | None, publish: Callable[[Callable[[], None]], None] | None = None) -> Iterator[Sink]:
    """A sink whose bytes replace `target` only if the block completes (stdout when `target` is None).

    `publish(replace_file)` (the Export's write transaction) is called once the bytes are on disk; it must
    call `replace_file()` before it commits. If it fails, after the file was replaced or not, the previous
    report is put back: a report never replaces its file and then reports failure.
    """
    if target is None:
        sink = Sink(sys.stdout.buffer)
        yield sink
        sys.stdout.buffer.flush()
        if publish is not None:
            publish(lambda: None)
        return
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    backup = Path(temp + ".previous")
    replaced = False
    try:
        with os.fdopen(fd, "wb") as raw:
            sink = Sink(raw)
            yield sink
            raw.flush()
            os.fchmod(raw.fileno(), _mode_for(target))
            os.fsync(raw.fileno())
        if target.is_symlink() or target.is_dir():
            raise InputError(f"--out became a link or a folder while writing: {target}")
        if target.exists():
            os.link(target, backup)  # the previous report, to put back should the export not be recorded

        def replace_file() -> None:
            nonlocal replaced
            os.replace(temp, target)
            replaced = True

        (publish or (lambda replace: replace()))(replace_file)
    except BaseException:
        if replaced:
            if backup.exists():
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        Path(temp).unlink(missing_ok=True)
        raise
    finally:
        backup.unlink(missing_ok=True)
    _fsync_folder(target.parent)


def _mode_for(target: Path) -> int:
    """Keep an existing report's permissions; a new one gets the usual 0666 minus the umask."""
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass(frozen=True)
class ExportInfo:
    format: str
    since: datetime | None
    until: datetime | None
    generated_at: datetime
    path: str
    rows: int
    sha256: str
    since_event: int | None = None
    until_event: int | None = None


def record_export(store: Store, info: ExportInfo, actor: str, replace_file: Callable[[], None] | None = None) -> int:
    """Record a written report (Export row + audit event) in one write transaction; the Export id.

    `replace_file` puts the report in place after the rows are flushed and before the commit."""
    with store.write() as session:
        row = Export(generated_at=info.generated_at, format=info.format, since=info.since, until=info.until,
                     path=info.path, rows=info.rows, sha256=info.sha256, actor=actor)
        session.add(row)
        session.flush()
        window = {"since_event": info.since_event, "until_event": info.until_event} \
            if info.until_event is not None else {}
        audit.record(session, actor, "report.export", row,
                     payload={"format": info.format, "path": info.path, "rows": info.rows, "sha256": info.sha256,
                              **window})
        session.flush()
        if replace_file is not None:
            replace_file()
        return row.id
