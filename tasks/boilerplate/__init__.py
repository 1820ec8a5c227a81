"""Boilerplate: site furniture flagged with a reason code, one named rule per code (rules.RULES)."""
