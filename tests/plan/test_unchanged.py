"""Which known files a rerun skips: by quick key (size and mtime) or, failing that, by sha256."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import UTC, datetime

import polars as pl

from schemas.internal import FILES_STATE
from tasks.ingest.discover import discover_with_keys
from tasks.ingest.read import ingest_files
from tasks.plan.unchanged import unchanged_files
from tasks.settings import InputLimits
from tasks.storage.store import Store

MAX_BYTES = 10_000
HOUR_AGO_NS = time.time_ns() - 3600 * 10**9


def known(rows: list[tuple[str, str, str | None]]) -> pl.DataFrame:
    """Skip-list rows (source_file, content_sha256, quick_key)."""
    frame = pl.DataFrame(rows, schema=["source_file", "content_sha256", "quick_key"], orient="row")
    return frame.with_columns(
        article_id=pl.lit(None, pl.String),
        part=pl.lit("p"),
        file_modified_at=pl.lit(None, FILES_STATE["file_modified_at"]),
        is_current=pl.lit(True),
    ).select(FILES_STATE.names())


def listing(folder) -> pl.DataFrame:
    return discover_with_keys(Store(str(folder)))


def quick_keys(folder) -> dict[str, str | None]:
    return dict(listing(folder).select("source_file", "quick_key").rows())


def found_files(found) -> tuple[set[str], dict[str, str]]:
    """An Unchanged's files and refreshed keys as plain Python values."""
    return set(found.files["source_file"]), dict(found.refreshed.rows())


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write(folder, name: str, data: bytes, mtime_ns: int = HOUR_AGO_NS) -> str:
    (folder / name).write_bytes(data)
    os.utime(folder / name, ns=(mtime_ns, mtime_ns))
    return name


def test_unchanged_files_are_those_with_the_known_sha256(tmp_path):
    same = write(tmp_path, "001_aaaaaaaaaaaaaaaa.txt", b"['same']")
    edited = write(tmp_path, "002_bbbbbbbbbbbbbbbb.txt", b"['edited']")
    (tmp_path / "003_cccccccccccccccc.txt").symlink_to("/etc/hostname")
    rows = known([(name, sha(b"['same']"), None) for name in (same, edited, "003_cccccccccccccccc.txt")])
    found = unchanged_files(Store(str(tmp_path)), rows, listing(tmp_path), MAX_BYTES, full_check=False)
    # the changed file and the unreadable one are left to ingest, which writes or quarantines them
    # hashed the same, the first file's key is recorded now
    assert found_files(found) == ({same}, {same: f"8:{HOUR_AGO_NS}"})
    assert found.read_retries == 0


def test_a_file_whose_quick_key_is_unchanged_is_not_read(tmp_path):
    name = write(tmp_path, "001_aaaaaaaaaaaaaaaa.txt", b"['one']")
    key = f"7:{HOUR_AGO_NS}"
    write(tmp_path, name, b"['two']")  # same size and mtime: rsync and git would not look either
    rows = known([(name, sha(b"['one']"), key)])
    assert quick_keys(tmp_path) == {name: key}
    modified = listing(tmp_path)["file_modified_at"].dt.epoch("us").to_list()
    assert modified == [HOUR_AGO_NS // 1000]
    quick = unchanged_files(Store(str(tmp_path)), rows, listing(tmp_path), MAX_BYTES, full_check=False)
    assert found_files(quick) == ({name}, {})
    full = unchanged_files(Store(str(tmp_path)), rows, listing(tmp_path), MAX_BYTES, full_check=True)
    assert found_files(full) == (set(), {})


def test_a_file_modified_just_now_has_no_key_to_trust(tmp_path):
    name = write(tmp_path, "001_aaaaaaaaaaaaaaaa.txt", b"['new']", mtime_ns=time.time_ns())
    assert quick_keys(tmp_path) == {name: None}


def test_link_loops_are_listed_without_a_key_not_raised(tmp_path):
    name = write(tmp_path, "001_aaaaaaaaaaaaaaaa.txt", b"['fine']")
    (tmp_path / "002_bbbbbbbbbbbbbbbb.txt").symlink_to(tmp_path / "002_bbbbbbbbbbbbbbbb.txt")
    (tmp_path / "003_cccccccccccccccc.txt").symlink_to(tmp_path / "004_dddddddddddddddd.txt")
    (tmp_path / "004_dddddddddddddddd.txt").symlink_to(tmp_path / "003_cccccccccccccccc.txt")
    assert quick_keys(tmp_path) == {
        name: f"8:{HOUR_AGO_NS}",
        "002_bbbbbbbbbbbbbbbb.txt": None,
        "003_cccccccccccccccc.txt": None,
        "004_dddddddddddddddd.txt": None,
    }
    looped = ["002_bbbbbbbbbbbbbbbb.txt", "003_cccccccccccccccc.txt", "004_dddddddddddddddd.txt"]
    batch = ingest_files(Store(str(tmp_path)), looped, InputLimits())
    assert batch.quarantine["source_file"].to_list() == looped


def test_a_file_quarantined_unread_is_tried_again_whatever_its_key(tmp_path):
    name = write(tmp_path, "001_aaaaaaaaaaaaaaaa.txt", b"['now readable']")
    rows = known([(name, None, quick_keys(tmp_path)[name])])  # an io_error row: no sha256 on record
    found = unchanged_files(Store(str(tmp_path)), rows, listing(tmp_path), MAX_BYTES, full_check=False)
    assert found_files(found) == (set(), {})


def test_an_object_listing_gives_the_etag_key_and_last_modified():
    from tasks.ingest.discover import Listed, _listed_object

    at = datetime(2026, 11, 27, 6, tzinfo=UTC)
    us = 1_795_759_200_000_000  # `at` in microseconds since the epoch
    assert _listed_object({"size": 9, "ETag": '"abc"', "LastModified": at}) == Listed('9:"abc"', us)
    naive = {"size": 9, "ETag": '"abc"', "LastModified": at.replace(tzinfo=None)}  # read as UTC
    assert _listed_object(naive) == Listed('9:"abc"', us)
    assert _listed_object({"size": 9, "mtime": at.timestamp()}) == Listed(f"9:{at.timestamp()}", us)
    assert _listed_object({"size": 9}) == Listed(None, None)
