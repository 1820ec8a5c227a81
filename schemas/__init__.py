"""Schemas: the single source of truth for every column newsflow writes, output tables and internal files."""

from schemas.tables import (
    ARTICLE_VERSIONS_SCHEMA,
    ARTICLES_SCHEMA,
    ERROR_KINDS,
    KEYS,
    LINK_TYPE,
    NUMBER_TYPE,
    PARAGRAPHS_SCHEMA,
    QUARANTINE_SCHEMA,
    QUOTE_TYPE,
    SCHEMA_VERSION,
    TABLES,
    conform,
    polars_schema,
)

__all__ = [
    "ARTICLE_VERSIONS_SCHEMA",
    "ARTICLES_SCHEMA",
    "ERROR_KINDS",
    "KEYS",
    "LINK_TYPE",
    "NUMBER_TYPE",
    "PARAGRAPHS_SCHEMA",
    "QUARANTINE_SCHEMA",
    "QUOTE_TYPE",
    "SCHEMA_VERSION",
    "TABLES",
    "conform",
    "polars_schema",
]
