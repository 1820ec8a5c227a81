"""Which file of an article is its current version: the newest by modification time, then by name."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from schemas.internal import FILES_STATE
from tasks.plan.versions import choose_versions

T = [datetime(2026, 11, day, 6, tzinfo=UTC) for day in range(1, 6)]


def todo(rows: list[tuple[str, str, datetime | None]]) -> pl.DataFrame:
    schema = {"source_file": pl.String, "article_id": pl.String, "file_modified_at": FILES_STATE["file_modified_at"]}
    return pl.DataFrame(rows, schema=schema, orient="row")


def known(rows: list[tuple[str, str, datetime | None, bool]]) -> pl.DataFrame:
    frame = pl.DataFrame(rows, schema=["source_file", "article_id", "file_modified_at", "is_current"], orient="row")
    return frame.with_columns(content_sha256=pl.lit("0" * 64), part=pl.lit("p"), quick_key=pl.lit(None)).select(
        pl.col(name).cast(dtype) for name, dtype in FILES_STATE.items()
    )


def current(found) -> dict[str, bool]:
    return dict(found.planned.select("source_file", "is_current").iter_rows())


def test_the_newest_file_of_an_article_is_current_and_ties_go_to_the_larger_name():
    found = choose_versions(
        todo(
            [
                ("001_aaaaaaaaaaaaaaaa.txt", "aaaaaaaaaaaaaaaa", T[2]),
                ("007_aaaaaaaaaaaaaaaa.txt", "aaaaaaaaaaaaaaaa", T[1]),  # a later name but older
                ("002_bbbbbbbbbbbbbbbb.txt", "bbbbbbbbbbbbbbbb", T[1]),
                ("009_bbbbbbbbbbbbbbbb.txt", "bbbbbbbbbbbbbbbb", T[1]),  # same time: the larger name
                ("003_cccccccccccccccc.txt", "cccccccccccccccc", None),  # alone: current whatever its time
            ]
        ),
        known([]),
    )
    assert list(found.planned["source_file"]) == [
        "001_aaaaaaaaaaaaaaaa.txt",
        "007_aaaaaaaaaaaaaaaa.txt",
        "002_bbbbbbbbbbbbbbbb.txt",
        "009_bbbbbbbbbbbbbbbb.txt",
        "003_cccccccccccccccc.txt",
    ]  # the batches' order, which the staged parts rely on
    assert current(found) == {
        "001_aaaaaaaaaaaaaaaa.txt": True,
        "007_aaaaaaaaaaaaaaaa.txt": False,
        "002_bbbbbbbbbbbbbbbb.txt": False,
        "009_bbbbbbbbbbbbbbbb.txt": True,
        "003_cccccccccccccccc.txt": True,
    }
    assert found.superseded == []


def test_a_known_current_version_is_superseded_only_by_a_newer_file():
    state = known(
        [
            ("001_aaaaaaaaaaaaaaaa.txt", "aaaaaaaaaaaaaaaa", T[1], True),
            ("002_bbbbbbbbbbbbbbbb.txt", "bbbbbbbbbbbbbbbb", T[3], True),
            ("000_bbbbbbbbbbbbbbbb.txt", "bbbbbbbbbbbbbbbb", T[0], False),  # an older version: never competes
            ("004_dddddddddddddddd.txt", "dddddddddddddddd", T[1], True),  # no new file: untouched
        ]
    )
    found = choose_versions(
        todo(
            [
                ("005_aaaaaaaaaaaaaaaa.txt", "aaaaaaaaaaaaaaaa", T[2]),  # newer: replaces 001
                ("006_bbbbbbbbbbbbbbbb.txt", "bbbbbbbbbbbbbbbb", T[2]),  # older than 002, arriving later
                ("003_bbbbbbbbbbbbbbbb.txt", "bbbbbbbbbbbbbbbb", None),  # no time: the oldest
            ]
        ),
        state,
    )
    assert current(found) == {
        "005_aaaaaaaaaaaaaaaa.txt": True,
        "006_bbbbbbbbbbbbbbbb.txt": False,
        "003_bbbbbbbbbbbbbbbb.txt": False,
    }
    assert found.superseded == ["001_aaaaaaaaaaaaaaaa.txt"]


def test_a_known_file_read_again_competes_with_its_new_content_only():
    state = known([("001_aaaaaaaaaaaaaaaa.txt", "aaaaaaaaaaaaaaaa", T[3], True)])
    found = choose_versions(todo([("001_aaaaaaaaaaaaaaaa.txt", "aaaaaaaaaaaaaaaa", T[1])]), state)
    assert (current(found), found.superseded) == ({"001_aaaaaaaaaaaaaaaa.txt": True}, [])
