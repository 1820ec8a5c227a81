"""Plan: which input files are new or changed, and their batches."""
