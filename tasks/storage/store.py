"""Every byte newsflow reads or writes goes through `Store`: local folders and fsspec URLs alike.

Writes are atomic: locally a temporary file in the same folder is fsynced and renamed over the
target; on object stores a single PUT is already all-or-nothing. `faults` lets tests inject I/O
errors at exactly these points. A full disk surfaces as an OSError whose message says which file
and that nothing committed was touched.
"""

from __future__ import annotations

import errno
import io
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

import fsspec
import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from tasks.storage import faults

PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 3, "coerce_timestamps": "us"}
# Errors that a retry cannot fix: the disk is full, or the file or folder is off limits.
PERMANENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.EISDIR}


def is_transient_error(error: BaseException) -> bool:
    """True for OS errors a retry may fix (EIO, timeouts, a flaky share); false for everything else."""
    return isinstance(error, OSError) and error.errno not in PERMANENT_ERRNOS


class Store:
    """A root folder or URL with relative-path I/O; paths given to it never escape the root."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.fs, root = fsspec.core.url_to_fs(url)
        self.is_local = isinstance(self.fs, LocalFileSystem)
        self.root = str(Path(root).resolve()) if self.is_local else root.rstrip("/")

    def __reduce__(self):  # pickled into worker processes as its URL only
        return (Store, (self.url,))

    def path(self, rel: str) -> str:
        """Absolute path of `rel`; refuses anything that would leave the root."""
        parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".")]
        if ".." in parts:
            raise ValueError(f"path {rel!r} leaves the store root")
        return "/".join([self.root, *parts])

    def exists(self, rel: str) -> bool:
        return self.fs.exists(self.path(rel))

    def size(self, rel: str) -> int:
        """Bytes in a file, known before reading it."""
        return os.stat(self.path(rel)).st_size if self.is_local else self.fs.size(self.path(rel))

    def read_bytes(self, rel: str) -> bytes:
        faults.check("read", rel)
        if self.is_local:
            with open(self.path(rel), "rb") as f:
                return f.read()
        return self.fs.cat_file(self.path(rel))

    def write_bytes(self, rel: str, data: bytes, create_only: bool = False, durable: bool = True) -> None:
        """Write all of `data` or nothing at all; a full disk says so in plain words.

        `create_only` raises FileExistsError instead of replacing a file that is already there
        (locally a hard link, which fails if the target exists; on S3 a conditional PUT).
        `durable=False` skips the fsync (still atomic) for files no crash of the machine needs.
        """
        self.write_with(rel, lambda f: f.write(data), create_only, durable)

    def write_with(
        self, rel: str, fill: Callable[[BinaryIO], object], create_only: bool = False, durable: bool = True
    ) -> None:
        """Write what `fill` writes into the file it is given, all or nothing (as write_bytes): locally
        straight into the temporary file, so a large file is never held in memory whole."""
        try:
            faults.check("write", rel)
            if self.is_local:
                self._write_local(rel, fill, create_only, durable)
            else:
                buffer = io.BytesIO()
                fill(buffer)
                self.fs.pipe_file(self.path(rel), buffer.getvalue(), **({"mode": "create"} if create_only else {}))
        except OSError as e:
            if e.errno in (errno.ENOSPC, errno.EDQUOT):
                raise OSError(
                    e.errno,
                    f"no space left on device while writing {rel} in {self.url}; the committed dataset is unchanged",
                ) from e
            raise

    def _write_local(self, rel: str, fill: Callable[[BinaryIO], object], create_only: bool, durable: bool) -> None:
        """Temporary file, fsync, rename (or link): a crash leaves either the old file or the new one."""
        target = self.path(rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = f"{os.path.dirname(target)}/.tmp-{uuid.uuid4().hex}"
        try:
            with open(tmp, "wb") as f:
                fill(f)
                f.flush()
                if durable:
                    os.fsync(f.fileno())
            faults.check("commit", rel)
            if create_only:
                os.link(tmp, target)
                os.unlink(tmp)
            else:
                os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def write_parquet(self, rel: str, table: pa.Table, row_group_size: int | None = None) -> None:
        """Write `table` as zstd Parquet atomically, locally straight into the temporary file: no
        copy of the whole file in memory (the same bytes, ~7% less CPU and ~900 fewer page faults
        for a batch's 10 MB paragraphs file)."""
        self.write_with(rel, lambda sink: pq.write_table(table, sink, row_group_size=row_group_size, **PARQUET_OPTIONS))

    def write_parquet_parts(self, rel: str, schema: pa.Schema, tables: Iterable[pa.Table]) -> None:
        """Write tables one after another as one zstd Parquet file atomically, holding one at a time."""

        def fill(sink: BinaryIO) -> None:
            with pq.ParquetWriter(sink, schema, **PARQUET_OPTIONS) as writer:
                for table in tables:
                    writer.write_table(table)

        self.write_with(rel, fill)

    def read_parquet(self, rel: str, columns: list[str] | None = None) -> pa.Table:
        faults.check("read", rel)
        with self.fs.open(self.path(rel), "rb") as f:
            return pq.read_table(f, columns=columns)

    def open_parquet(self, rel: str) -> pq.ParquetFile:
        """A Parquet file whose footer is read and whose row groups are read on demand (ranged reads remotely)."""
        faults.check("read", rel)
        return pq.ParquetFile(self.path(rel) if self.is_local else self.fs.open(self.path(rel), "rb"))

    def open_arrow(self, rel: str) -> ipc.RecordBatchFileReader:
        """An Arrow IPC file read with positional reads when local: a reader of one record batch
        reads that batch, where a memory map would fault in the pages around it too and count them
        in the process's resident memory while the map lives."""
        faults.check("read", rel)
        source = pa.OSFile(self.path(rel)) if self.is_local else pa.BufferReader(self.fs.cat_file(self.path(rel)))
        return ipc.open_file(source)

    def move(self, src: str, dst: str) -> None:
        """Rename within the store (atomic locally; copy-then-delete on object stores)."""
        faults.check("move", dst)
        if self.is_local:
            os.makedirs(os.path.dirname(self.path(dst)), exist_ok=True)
            os.replace(self.path(src), self.path(dst))
        else:
            self.fs.mv(self.path(src), self.path(dst))

    def delete(self, rel: str) -> None:
        """Remove a file or folder if it exists."""
        faults.check("delete", rel)
        target = self.path(rel)
        if self.fs.exists(target):
            self.fs.rm(target, recursive=True)

    def list_files(self, rel: str = "") -> list[str]:
        """Relative paths of every file below `rel` (empty when it does not exist)."""
        return sorted(self._relative(p) for p in self._find(rel, detail=False))

    def list_details(self, rel: str = "") -> dict[str, dict]:
        """Every file below `rel` with the listing's details (size, ETag, LastModified), one request per page."""
        return {self._relative(p): info for p, info in self._find(rel, detail=True).items()}

    def _find(self, rel: str, detail: bool) -> list[str] | dict[str, dict]:
        """fsspec's recursive listing below `rel`; empty when it does not exist."""
        base = self.path(rel) if rel else self.root
        if not self.fs.exists(base):
            return {} if detail else []
        return self.fs.find(base, detail=detail)

    def _relative(self, path: str) -> str:
        path = path if self.is_local else path.split("://", 1)[-1]
        return path[len(self.root) :].lstrip("/")
