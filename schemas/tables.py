"""Arrow schemas of the four output tables, with a description and an example per column.

Everything else (the Polars dtypes, the column tables of docs/columns.md, validation before a write) is
derived from these declarations, so a column is declared exactly once.
"""

from __future__ import annotations

import polars as pl
import pyarrow as pa

SCHEMA_VERSION = 4

# Hive partition column: present when a table is read as a dataset, absent inside the files.
PARTITION_COLUMN = "ingest_date"


def _col(name: str, type_: pa.DataType, description: str, example: str, nullable: bool = True) -> pa.Field:
    """One column with the description and example docs/columns.md is generated from."""
    return pa.field(name, type_, nullable=nullable, metadata={"description": description, "example": example})


LINK_TYPE = pa.struct(
    [
        pa.field("href", pa.string()),
        pa.field("text", pa.string()),
        pa.field("url", pa.string()),
        pa.field("domain", pa.string()),
        pa.field("is_internal", pa.bool_()),
        pa.field("is_unsafe", pa.bool_()),
    ]
)
QUOTE_TYPE = pa.struct(
    [
        pa.field("text", pa.string()),
        pa.field("speaker", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("speaker_kind", pa.string()),
        pa.field("kind", pa.string()),
    ]
)
NUMBER_TYPE = pa.struct(
    [
        pa.field("text", pa.string()),
        pa.field("value", pa.float64()),
        pa.field("kind", pa.string()),
        pa.field("unit", pa.string()),
    ]
)
SPEAKER_TYPE = pa.struct([pa.field("speaker", pa.string()), pa.field("n_quotes", pa.int32())])
TIMESTAMP = pa.timestamp("us", tz="UTC")

SOURCE_FILE = _col(
    "source_file", pa.string(), "Path of the input file relative to the input root.", "000_eb467b9fec6cd865.txt", False
)
_RUN_COLUMNS = [
    _col(
        "ingested_at",
        TIMESTAMP,
        "When the run that wrote the row started (UTC, microseconds).",
        "2026-11-27 06:00:00+00:00",
        False,
    ),
    _col("run_id", pa.string(), "Id of the run that wrote the row.", "20261127T060000-3f9a1c", False),
    _col("schema_version", pa.int16(), "Version of this schema the row was written with.", "1", False),
]
RUN_COLUMN_NAMES = frozenset(f.name for f in _RUN_COLUMNS)

PARAGRAPHS_SCHEMA = pa.schema(
    [
        _col(
            "article_id",
            pa.string(),
            "The 16-hex id from the file name `NNN_<16 hex>.txt`; for a name off that pattern, the first 16 hex "
            "of the sha256 of its relative path. Files with one id are versions of one article.",
            "eb467b9fec6cd865",
            False,
        ),
        SOURCE_FILE,
        _col(
            "paragraph_index", pa.int32(), "Position of the paragraph in the article, 0-based, input order.", "7", False
        ),
        _col(
            "raw_html",
            pa.string(),
            "The paragraph as scraped: the inner HTML of its `<p>`.",
            '`France <a href="…">formally ending</a> its…`',
            False,
        ),
        _col(
            "text",
            pa.string(),
            "Clean text as a person reads it: tags removed, entities decoded, hidden spans dropped, whitespace normalised, NFC.",
            "France formally ending its decade-long presence…",
            False,
        ),
        _col("is_lead", pa.bool_(), "The article's bold opening paragraph.", "true", False),
        _col(
            "links",
            pa.list_(LINK_TYPE),
            "Links in the paragraph: href as written, anchor text, absolute url (null when unsafe), domain, internal to the article's site, unsafe scheme.",
            '`[{href: "https://www.bbc.co.uk/news/…", text: "formally ending", url: …, domain: "bbc.co.uk", is_internal: true, is_unsafe: false}]`',
            False,
        ),
        _col("n_links", pa.int32(), "Number of links.", "1", False),
        _col(
            "link_chars",
            pa.int32(),
            "Characters of `text` that sit inside links (link density = link_chars / n_chars).",
            "15",
            False,
        ),
        _col("n_chars", pa.int32(), "Characters in `text`.", "142", False),
        _col("n_words", pa.int32(), "Words in `text` (runs of letters or digits).", "24", False),
        _col("n_sentences", pa.int32(), "Sentences in `text`.", "1", False),
        _col(
            "is_boilerplate",
            pa.bool_(),
            "Site furniture rather than article text (flagged, never dropped).",
            "false",
            False,
        ),
        _col(
            "boilerplate_reason",
            pa.string(),
            "Why the paragraph is boilerplate (see Reason codes); null when it is not.",
            "newsletter",
        ),
        _col(
            "content_hash",
            pa.string(),
            "blake2b-64 hex of the normalised text (lower case, digits as 0, no punctuation, single spaces): equal for repeated paragraphs.",
            "9f2c4e1a0b7d3c55",
            False,
        ),
        _col(
            "repeat_count",
            pa.int32(),
            "Distinct articles containing the same normalised text, in this run and earlier ones (so far).",
            "1",
            False,
        ),
        _col(
            "first_article_id",
            pa.string(),
            "The article the normalised text was first seen in.",
            "eb467b9fec6cd865",
            False,
        ),
        _col(
            "language",
            pa.string(),
            "ISO 639-1 code of the paragraph's language (CLD2); null when the text is too short (under 20 letters) or the detection is unreliable.",
            "en",
        ),
        _col(
            "language_confidence",
            pa.float32(),
            "Share of the text in the detected language (CLD2's percentage / 100); null with language.",
            "0.99",
        ),
        _col(
            "quotes",
            pa.list_(QUOTE_TYPE),
            'Quoted spans: text without the marks; kind: `quote` (someone\'s words), `scare` (a short phrase in marks with no speaker, a so-called "reset") or `title` (a book, film or programme name); speaker: one string per person within an article, the fullest form of the name it uses ("Keir Starmer" for "Sir Keir" and "Starmer", titles dropped), or the role phrase when no name is given ("the council"), null when unstated or ambiguous and for scare quotes and titles; speaker_kind: `name` (named in the quote\'s own clause), `resolved` (from "he"/"she", a role such as "the minister", or an earlier quote it continues), `role` or `none`; start/end character offsets in `text`. Null when the quotes enrichment is off.',
            '`[{text: "The Wagner Group is linked …", speaker: "James Heappey", start: 1, end: 189, speaker_kind: "resolved", kind: "quote"}]`',
        ),
        _col(
            "quoted_share",
            pa.float32(),
            "Share of `text` inside real quotes (kind `quote`: not scare quotes or titles).",
            "0.93",
        ),
        _col(
            "numbers",
            pa.list_(NUMBER_TYPE),
            "Numeric mentions: text with the counted noun, value, kind (count, money, percent, year, other) and unit (currency code, %, or the counted noun). Null when the numbers enrichment is off.",
            '`[{text: "300 British soldiers", value: 300.0, kind: "count", unit: "soldiers"}]`',
        ),
        _col(
            "sentiment",
            pa.float32(),
            "VADER compound tone from -1 (negative) to 1 (positive) for English paragraphs; null for other languages or when off.",
            "-0.44",
        ),
        *_RUN_COLUMNS,
    ],
    metadata={"newsflow.table": "paragraphs"},
)

ARTICLES_SCHEMA = pa.schema(
    [
        _col("article_id", pa.string(), "As in paragraphs.", "eb467b9fec6cd865", False),
        SOURCE_FILE,
        _col(
            "content_sha256",
            pa.string(),
            "sha256 of the file's bytes: a rerun skips files whose path and sha256 were already written.",
            "5be0…",
            False,
        ),
        _col("n_paragraphs", pa.int32(), "Paragraphs in the article.", "29", False),
        _col("n_content_paragraphs", pa.int32(), "Paragraphs not flagged as boilerplate.", "27", False),
        _col("n_words", pa.int32(), "Words in all paragraphs.", "851", False),
        _col("n_content_words", pa.int32(), "Words in the paragraphs not flagged as boilerplate.", "822", False),
        _col("n_links", pa.int32(), "Links in all paragraphs.", "3", False),
        _col(
            "lead",
            pa.string(),
            "Text of the bold lead paragraph; null when the article has none.",
            "The UK is withdrawing troops from Mali…",
        ),
        _col(
            "language",
            pa.string(),
            "The language of most of the article's content text (by characters); null when no paragraph has one.",
            "en",
        ),
        _col(
            "n_quotes",
            pa.int32(),
            "Quoted spans in the article (a quote running over several paragraphs counts once per paragraph).",
            "12",
        ),
        _col(
            "speakers",
            pa.list_(SPEAKER_TYPE),
            "Speakers and how many real quotes (kind `quote`) each has, most quoted first.",
            '`[{speaker: "James Heappey", n_quotes: 9}]`',
        ),
        *_RUN_COLUMNS,
    ],
    metadata={"newsflow.table": "articles"},
)

QUARANTINE_SCHEMA = pa.schema(
    [
        SOURCE_FILE,
        _col("content_sha256", pa.string(), "sha256 of the file's bytes; null when it could not be read.", "e3b0…"),
        _col("size_bytes", pa.int64(), "File size in bytes; null when it could not be read.", "0"),
        _col(
            "error_kind",
            pa.string(),
            "Short code of what is wrong (see Quarantine error kinds).",
            "syntax_error",
            False,
        ),
        _col(
            "error_message",
            pa.string(),
            "One line a person understands.",
            "not a Python list literal: unterminated string at line 1",
            False,
        ),
        *_RUN_COLUMNS,
    ],
    metadata={"newsflow.table": "quarantine"},
)

# The values of quarantine.error_kind, with what each means.
ERROR_KINDS: dict[str, str] = {
    "empty": "The file is empty or whitespace, or its list has no paragraphs.",
    "decode_error": "The bytes are not UTF-8 (a UTF-8 byte-order mark is accepted and removed).",
    "syntax_error": "The content is not a Python literal (truncated, unbalanced, or not Python at all).",
    "not_a_list": "A valid expression that is not a list display: a dict, a string, or code such as a call (never run).",
    "non_string_item": "An item of the list is not a plain string literal (a number, a nested list, an f-string, a name).",
    "too_deep": "Brackets nested deeper than `max_depth` or than Python's parser allows.",
    "too_large": "Over `max_file_bytes`, `max_paragraphs` or `max_paragraph_chars`.",
    "invalid_unicode": "A string holds a lone surrogate escape, which no UTF-8 text can carry.",
    "io_error": "The file could not be read, even after retries.",
    "outside_input": "A symlink that resolves outside the input folder (not followed).",
    "not_a_file": "A pipe, socket or device named *.txt (never opened).",
}

ARTICLE_VERSIONS_SCHEMA = pa.schema(
    [
        _col("article_id", pa.string(), "As in paragraphs.", "eb467b9fec6cd865", False),
        SOURCE_FILE,
        _col("content_sha256", pa.string(), "sha256 of the file's bytes when the run read it.", "5be0…", False),
        _col("n_paragraphs", pa.int32(), "Paragraphs in this version.", "29", False),
        _col(
            "file_modified_at",
            TIMESTAMP,
            "The file's modification time when the run listed it (LastModified on object stores): "
            "the newest version of an article, ties broken by the larger file name, is its current one.",
            "2026-11-27 05:58:12.000000+00:00",
        ),
        _col(
            "superseded_by_run_id",
            pa.string(),
            "Id of the run that found a newer version (or new content in the same file); null for the "
            "current version, whose rows are the ones in paragraphs and articles.",
            "20261128T060000-9b2e77",
        ),
        *_RUN_COLUMNS,
    ],
    metadata={"newsflow.table": "article_versions"},
)

TABLES: dict[str, pa.Schema] = {
    "paragraphs": PARAGRAPHS_SCHEMA,
    "articles": ARTICLES_SCHEMA,
    "quarantine": QUARANTINE_SCHEMA,
    "article_versions": ARTICLE_VERSIONS_SCHEMA,
}

# Columns that are unique among a table's rows: the documented key of each table.
KEYS: dict[str, list[str]] = {
    "paragraphs": ["article_id", "paragraph_index"],
    "articles": ["article_id"],
    "quarantine": ["source_file"],
    "article_versions": ["source_file", "run_id"],
}


def polars_schema(schema: pa.Schema) -> pl.Schema:
    """Polars dtypes derived from the Arrow schema, never written by hand."""
    return pl.DataFrame(schema.empty_table()).schema


def conform(frame: pl.DataFrame, schema: pa.Schema) -> pa.Table:
    """Select, order and cast a frame to the table schema; raise if a column is missing or a
    required column has nulls, so nothing malformed is ever written."""
    missing = [name for name in schema.names if name not in frame.columns]
    if missing:
        raise ValueError(f"{schema.metadata[b'newsflow.table'].decode()}: missing columns {missing}")
    table = frame.select(schema.names).to_arrow()
    table = table.cast(pa.schema([f.with_metadata(None) for f in schema]), safe=True)
    for field in schema:
        if not field.nullable and table.column(field.name).null_count:
            raise ValueError(f"column {field.name!r} has nulls but is declared non-nullable")
    return table.replace_schema_metadata(schema.metadata).cast(schema)
