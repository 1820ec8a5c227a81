"""Ingest: find the input files, read them behind limits, parse their list literals (never evaluated)."""
