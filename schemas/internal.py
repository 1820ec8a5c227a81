"""Schemas of the files newsflow keeps for itself: staged batches and the output's state.

They are not output tables, but each of their columns is declared here once, beside the output
tables, and shared columns are taken from those tables rather than declared again.
"""

from __future__ import annotations

import pyarrow as pa

from schemas.tables import (
    ARTICLE_VERSIONS_SCHEMA,
    ARTICLES_SCHEMA,
    PARAGRAPHS_SCHEMA,
    QUARANTINE_SCHEMA,
    RUN_COLUMN_NAMES,
    polars_schema,
)


def _pick(schema: pa.Schema, names: list[str]) -> list[pa.Field]:
    return [schema.field(name) for name in names]


# Ingested paragraphs, before cleaning: one row per paragraph of a readable file.
INGESTED_SCHEMA = pa.schema(_pick(PARAGRAPHS_SCHEMA, ["article_id", "source_file", "paragraph_index", "raw_html"]))
# Ingested articles, before enrichment: one row per readable file.
INGESTED_ARTICLES_SCHEMA = pa.schema(_pick(ARTICLES_SCHEMA, ["article_id", "source_file", "content_sha256"]))
# A quarantine row as ingest makes it: the table's columns without the run's.
QUARANTINE_ROW_SCHEMA = pa.schema([f for f in QUARANTINE_SCHEMA if f.name not in RUN_COLUMN_NAMES])
# Whether a file is the current version of its article: its rows are the published ones.
IS_CURRENT = pa.field("is_current", pa.bool_(), nullable=False)
# The files a run reads, with what orders an article's versions, and which of them is current.
PLANNED_SCHEMA = pa.schema(
    [*_pick(ARTICLE_VERSIONS_SCHEMA, ["source_file", "article_id", "file_modified_at"]), IS_CURRENT]
)
# A batch's versions as ingest makes them: every file read, with its paragraphs counted.
VERSION_ROW_SCHEMA = pa.schema(
    [
        *_pick(ARTICLE_VERSIONS_SCHEMA, ["article_id", "source_file", "content_sha256", "n_paragraphs"]),
        *_pick(PLANNED_SCHEMA, ["file_modified_at", "is_current"]),
    ]
)
# The skip list: every input file written or quarantined, and the part file holding its rows.
FILES_STATE_SCHEMA = pa.schema(
    [
        *_pick(ARTICLES_SCHEMA, ["source_file", "content_sha256"]),
        pa.field("article_id", pa.string()),  # null for a quarantined file
        pa.field("part", pa.string(), nullable=False),
        ARTICLE_VERSIONS_SCHEMA.field("file_modified_at"),  # null for a quarantined file
        IS_CURRENT,  # false for a quarantined file and for an article's older versions
        # size and mtime (or ETag) when the file was planned: a rerun skips the file unread while it
        # is the same; null where none was recorded yet, so the file is hashed instead
        pa.field("quick_key", pa.string()),
    ]
)
# The quick keys a run records: of the files it writes, and of known files it found unchanged by hashing.
QUICK_KEYS_SCHEMA = pa.schema([FILES_STATE_SCHEMA.field("source_file"), FILES_STATE_SCHEMA.field("quick_key")])
# The input as one listing sees it: every file, its quick key (null where not to be trusted) and
# its modification time (null where the listing has none).
LISTING_SCHEMA = pa.schema([*QUICK_KEYS_SCHEMA, PLANNED_SCHEMA.field("file_modified_at")])
# (text, article) pairs for repeat counts: both 16-hex ids as 64-bit integers, and the ordinal of
# the pair's first sighting (runs first, then order within the run).
PAIRS_SCHEMA = pa.schema(
    [pa.field("content_hash", pa.uint64()), pa.field("article_id", pa.uint64()), pa.field("seen", pa.int64())]
)
# Repeat counts of one batch's texts, joined to its paragraphs.
REPEATS_SCHEMA = pa.schema(_pick(PARAGRAPHS_SCHEMA, ["content_hash", "repeat_count", "first_article_id"]))

INGESTED = polars_schema(INGESTED_SCHEMA)
INGESTED_ARTICLES = polars_schema(INGESTED_ARTICLES_SCHEMA)
QUARANTINE_ROW = polars_schema(QUARANTINE_ROW_SCHEMA)
FILES_STATE = polars_schema(FILES_STATE_SCHEMA)
QUICK_KEYS = polars_schema(QUICK_KEYS_SCHEMA)
LISTING = polars_schema(LISTING_SCHEMA)
PLANNED = polars_schema(PLANNED_SCHEMA)
VERSION_ROW = polars_schema(VERSION_ROW_SCHEMA)
PAIRS = polars_schema(PAIRS_SCHEMA)
REPEATS = polars_schema(REPEATS_SCHEMA)
