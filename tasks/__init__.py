"""newsflow's work, one folder per stage. Only `prefect_tasks.py` imports Prefect.

settings.py        Settings, the flow's one parameter, and the small records stage functions take
prefect_tasks.py   the @task wrappers (one run per batch or bucket) and the retry policy
handoffs.py        what tasks pass each other: Plan, CleanedBatch, RepeatBucket, EnrichedBatch, RunSummary
stats.py           stage seconds and counters, merged into the run summary
arrow_lists.py     list<struct> columns built column by column

plan/          the input root's check (input_root.py), new or changed files (unchanged.py), each article's
               current file (versions.py), batches (plan.py)
ingest/        discover.py (files, quick keys, mtimes, article ids), read.py (bounded, retried reads),
               parse.py (never evaluated), versions.py (a batch's article_versions rows)
clean/         html_text.py (lexbor: HTML to text, links, lead), html_reference.py (BeautifulSoup, the reference),
               paragraphs.py (a batch as columns)
repeats/       pairs.py ((text, article) pairs), buckets.py (distinct articles per text, by hash bucket),
               runs.py (the pair state as sorted runs)
boilerplate/   patterns.py (regexes), rules.py (one function per rule, in reason order), flag.py
enrich/        paragraphs.py (the enrich step), articles.py (rollups), one module per enrichment, hints.py (Polars pre-filters)
commit/        staging.py, manifest.py, skip_list.py (base and deltas), protocol.py (atomic commit and recovery), lock.py,
               rebuild.py (state rebuilt from the tables), repair.py (newsflow repair)
storage/       store.py (every byte read or written, local or fsspec), faults.py (test fault injection)
report/        summary.py (run summary), quality.py (data-quality report), inspect.py (newsflow inspect)
"""
