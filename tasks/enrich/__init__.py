"""Enrich: sentences, boilerplate, language, quotes and speakers, numbers and tone; article rollups."""
