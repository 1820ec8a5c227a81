"""Data-quality report of a committed run: what an on-call person reads to judge it without code.

`load_inputs` reads the committed tables and manifests (through `Store`); `quality_report` is pure
and computes the numbers from frames; `to_markdown` renders them for the Prefect UI. A run is
compared with the runs before it through the rows each run wrote (the `run_id` column) and the
summaries kept in the manifests, so the report needs no state of its own.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace

import polars as pl

from schemas import QUARANTINE_SCHEMA, TABLES, polars_schema
from tasks.commit.manifest import Manifest, load_manifest, manifest_versions, wrote_data
from tasks.handoffs import RunSummary
from tasks.storage.store import Store

HISTORY_RUNS = 10  # earlier runs a share is compared against (their median)
SHARE_RATIO = 2.0  # warn when a share is this many times larger (or smaller) than before...
SHARE_MIN_DELTA = 0.05  # ...and moved by at least this much (5 points), so tiny shares stay quiet
LANGUAGE_DELTA = 0.20  # warn when a language's share moves by 20 points
FOUND_DROP = 0.5  # warn when the input holds less than half the files of the previous run
TOP_DOMAINS = 10
QUARANTINE_LISTED = 50
# Nullable columns that only apply to some rows: their null rate is measured among those rows.
APPLIES = {"paragraphs.boilerplate_reason": pl.col("is_boilerplate")}
HISTORY_COLUMNS = {"paragraphs": ["run_id", "is_boilerplate", "boilerplate_reason", "language"]}
# Beside the nullable columns, what the report reads of this run's rows: never the text itself,
# so its memory stays far below the run's.
CURRENT_COLUMNS = {
    "paragraphs": ["run_id", "is_boilerplate", "n_chars", "links"],
    "articles": ["run_id"],
    "quarantine": ["run_id", "source_file", "error_kind", "error_message"],
    "article_versions": ["run_id"],
}
COUNTS_SCHEMA = {"column": pl.String, "rows": pl.Int64, "nulls": pl.Int64}
DOMAINS_SCHEMA = {"domain": pl.String, "links": pl.Int64}


@dataclass
class QualityReport:
    """The numbers of one run's report; `warnings` says what moved far from the previous runs."""

    run_id: str
    version: int
    row_counts: list[dict]
    null_rates: list[dict]
    boilerplate: list[dict]
    languages: list[dict] | None
    domains: list[dict]
    quarantine_kinds: list[dict]
    quarantined: list[dict]
    warnings: list[str] = field(default_factory=list)


def _existing(table: str, columns: list[str]) -> list[str]:
    """The requested columns this schema version writes (a column may not exist yet, e.g. language)."""
    return [c for c in columns if c in TABLES[table].names]


def _read(store: Store, table: str, parts: list[str], columns: list[str]) -> pl.DataFrame:
    frames = [pl.from_arrow(store.read_parquet(f"{table}/{p}", columns)) for p in parts]
    if frames:
        return pl.concat(frames, how="vertical_relaxed")
    return pl.DataFrame(TABLES[table].empty_table()).select(columns)


@dataclass(frozen=True)
class QualityInputs:
    """What the report reads of an output: this run's counts, and the recent runs' compared columns."""

    run_id: str
    version: int
    counts: pl.DataFrame
    domains: pl.DataFrame
    quarantine: pl.DataFrame
    history: pl.DataFrame
    summaries: list[RunSummary]  # oldest first, this run last


def load_inputs(store: Store, history_runs: int = HISTORY_RUNS) -> QualityInputs:
    """Read what the report needs: counts of this run's rows, and of the recent runs' compared columns."""
    manifest = load_manifest(store)
    if manifest is None:
        raise ValueError(f"{store.url} holds no committed run")
    run_id = manifest.run_id
    counts, domains, quarantine, history = [], [], [], []
    compared = _existing("paragraphs", HISTORY_COLUMNS["paragraphs"])
    for table, parts in manifest.tables.items():
        nullable = [f.name for f in TABLES[table] if f.nullable]
        columns = CURRENT_COLUMNS[table] + nullable + (compared if table == "paragraphs" else [])
        for part in (p for p in parts if f"/part-{run_id}-" in p):  # one file at a time: memory stays flat
            frame = _read(store, table, [part], list(dict.fromkeys(columns)))
            if table == "paragraphs":  # the history counts of this run's files, from the same read
                history.append(_history_part(frame.select(compared)))
            frame = frame.filter(pl.col("run_id") == run_id)
            part_counts, part_domains = current_counts(table, frame)
            counts.append(part_counts)
            domains.append(part_domains)
            if table == "quarantine":
                quarantine.append(frame)
    manifests = [*earlier_data_runs(store, manifest, history_runs), manifest]
    summaries = [replace(m.summary, run_id=m.run_id) for m in manifests]
    earlier = [
        p
        for p in manifest.tables.get("paragraphs", [])
        if f"/part-{run_id}-" not in p and any(f"/part-{m.run_id}-" in p for m in manifests[:-1])
    ]
    history += [_history_part(_read(store, "paragraphs", [p], compared)) for p in earlier]
    history_frame = history_counts(pl.concat(history) if history else _read(store, "paragraphs", [], compared))
    return QualityInputs(
        run_id=run_id,
        version=manifest.version,
        counts=_sum(counts, "column", ["rows", "nulls"], COUNTS_SCHEMA),
        domains=_sum(domains, "domain", ["links"], DOMAINS_SCHEMA),
        quarantine=pl.concat(quarantine) if quarantine else pl.DataFrame(schema=polars_schema(QUARANTINE_SCHEMA)),
        history=history_frame,
        summaries=summaries,
    )


def _history_part(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """History counts of one file, keys as categories (for the same reason as the link domains in current_counts)."""
    return history_counts(paragraphs.cast({pl.String: pl.Categorical}))


def earlier_data_runs(store: Store, manifest: Manifest, history_runs: int) -> list[Manifest]:
    """The last `history_runs` runs before `manifest` that wrote data, oldest first, however many
    quiet runs (nothing new found) came between."""
    found: list[Manifest] = []
    for version in reversed([v for v in manifest_versions(store) if v < manifest.version]):
        if len(found) == history_runs:
            break
        earlier = load_manifest(store, version)
        found += [earlier] if wrote_data(earlier) else []
    return found[::-1]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _median(values: list[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(statistics.median(known), 4) if known else None


def row_counts(summaries: list[RunSummary]) -> list[dict]:
    """This run's file and row counts next to the previous run's."""
    now, before = summaries[-1], (summaries[-2] if len(summaries) > 1 else None)
    keys = ["files_found", "files_written", "files_skipped", "files_quarantined", "paragraphs"]
    return [{"metric": k, "this_run": getattr(now, k), "previous_run": getattr(before, k, None)} for k in keys]


def current_counts(table: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Rows and nulls per nullable column (and empty texts), and links per domain, of some of this
    run's rows: additive, so a run's files can be counted one at a time."""
    rows = []
    for column in TABLES[table]:
        name = f"{table}.{column.name}"
        if column.nullable and column.name in frame.columns:
            scope = frame.filter(APPLIES[name]) if name in APPLIES else frame
            rows.append((name, scope.height, scope[column.name].null_count()))
    domains = pl.DataFrame(schema=DOMAINS_SCHEMA)
    if table == "paragraphs":
        rows.append(("paragraphs.text (empty)", frame.height, frame.filter(pl.col("n_chars") == 0).height))
        # as categories: grouped string keys would keep the file's whole link buffers alive
        links = frame.select(pl.col("links").explode().struct.field("domain").cast(pl.Categorical)).drop_nulls()
        domains = links.group_by("domain").len("links").cast(DOMAINS_SCHEMA)
    return pl.DataFrame(rows, schema=COUNTS_SCHEMA, orient="row"), domains


def _sum(frames: list[pl.DataFrame], key: str, values: list[str], schema: dict) -> pl.DataFrame:
    if not frames:
        return pl.DataFrame(schema=schema)
    return pl.concat(frames).group_by(key, maintain_order=True).agg(pl.col(values).sum())


def null_rates(counts: pl.DataFrame) -> list[dict]:
    """Share of nulls in every nullable column, and of empty clean text, among this run's rows."""
    return [{"column": c, "rows": n, "rate": _share(nulls, n)} for c, n, nulls in counts.iter_rows()]


def history_counts(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Paragraphs per run and compared value (column `n`): additive, so files are read one at a time."""
    keys = [c for c in paragraphs.columns if c != "n"]
    counts = pl.col("n").sum() if "n" in paragraphs.columns else pl.len()
    return paragraphs.group_by(keys).agg(counts.cast(pl.Int64).alias("n"))


def per_run_shares(history: pl.DataFrame, column: str, flag: pl.Expr | None = None) -> dict[str, dict[str, float]]:
    """For each run: the share of its paragraphs per value of `column` (only rows where `flag`)."""
    if history.is_empty():
        return {}
    totals = history.group_by("run_id").agg(total=pl.col("n").sum())
    picked = history.filter(flag) if flag is not None else history
    counts = picked.group_by("run_id", column).agg(pl.col("n").sum()).join(totals, on="run_id")
    shares: dict[str, dict[str, float]] = {}
    for run_id, value, n, total in counts.select("run_id", column, "n", "total").iter_rows():
        shares.setdefault(run_id, {})[str(value)] = round(n / total, 4)
    return shares


def _compare(shares: dict[str, dict[str, float]], run_id: str, earlier: list[str]) -> list[dict]:
    """This run's share per value next to the median share of the earlier runs that wrote rows."""
    now = shares.get(run_id, {})
    before = [shares[r] for r in earlier if r in shares]
    values = sorted(set(now) | {v for s in before for v in s})
    rows = [
        {"value": v, "this_run": now.get(v, 0.0), "previous_median": _median([s.get(v, 0.0) for s in before])}
        for v in values
    ]
    return sorted(rows, key=lambda r: -r["this_run"])


def _moved(now: float, before: float | None) -> bool:
    """A share doubled (or halved) and moved at least SHARE_MIN_DELTA."""
    if before is None or abs(now - before) < SHARE_MIN_DELTA:
        return False
    return before == 0 or now >= before * SHARE_RATIO or now <= before / SHARE_RATIO


def boilerplate_shares(history: pl.DataFrame, run_id: str, earlier: list[str]) -> list[dict]:
    """Share of this run's paragraphs flagged as boilerplate, in total and per reason."""
    by_reason = per_run_shares(history, "boilerplate_reason", pl.col("is_boilerplate"))
    total = {r: {"all reasons": round(sum(s.values()), 4)} for r, s in by_reason.items()}
    for r in history["run_id"].unique().to_list():
        total.setdefault(r, {"all reasons": 0.0})
    return _compare(total, run_id, earlier) + _compare(by_reason, run_id, earlier)


def top_domains(domains: pl.DataFrame, limit: int = TOP_DOMAINS) -> list[dict]:
    """The link domains this run's paragraphs point to most."""
    return domains.sort(["links", "domain"], descending=[True, False]).head(limit).to_dicts()


def quarantine_lists(quarantine: pl.DataFrame, limit: int = QUARANTINE_LISTED) -> tuple[list[dict], list[dict]]:
    """Quarantined files of this run per error kind, and the first `limit` of them."""
    kinds = quarantine.group_by("error_kind").len("files").sort(["files", "error_kind"], descending=[True, False])
    files = quarantine.sort("source_file").select("source_file", "error_kind", "error_message").head(limit)
    return kinds.to_dicts(), files.to_dicts()


def warnings_for(report: QualityReport, summaries: list[RunSummary]) -> list[str]:
    """What moved far from the previous runs, in words a person on call acts on."""
    found = []
    wrote_rows = bool(summaries[-1].paragraphs)  # a run with nothing new has no shares to compare
    for row in report.boilerplate if wrote_rows else []:
        if row["previous_median"] is not None and _moved(row["this_run"], row["previous_median"]):
            found.append(
                f"boilerplate share ({row['value']}) is {row['this_run']:.1%}, previous runs {row['previous_median']:.1%}"
            )
    for row in (report.languages or []) if wrote_rows else []:
        before = row["previous_median"]
        if before is not None and abs(row["this_run"] - before) >= LANGUAGE_DELTA:
            found.append(f"language {row['value']} is {row['this_run']:.1%} of paragraphs, previous runs {before:.1%}")
    now, earlier = summaries[-1], summaries[:-1]
    processed = [s.files_written + s.files_quarantined for s in summaries]
    rates = [_share(s.files_quarantined, p) for s, p in zip(summaries, processed, strict=True)]
    before = _median(rates[:-1])
    if rates[-1] is not None and _moved(rates[-1], before):
        found.append(f"quarantined {rates[-1]:.1%} of processed files, previous runs {before:.1%}")
    if earlier and now.files_found < earlier[-1].files_found * FOUND_DROP:
        found.append(f"the input holds {now.files_found} files, the previous run found {earlier[-1].files_found}")
    return found


def quality_report(inputs: QualityInputs) -> QualityReport:
    """Compute the report of the latest run from `load_inputs`'s frames and summaries."""
    run_id, history, summaries = inputs.run_id, inputs.history, inputs.summaries
    earlier = [s.run_id for s in summaries[:-1]]
    kinds, files = quarantine_lists(inputs.quarantine)
    has_language = "language" in history.columns
    report = QualityReport(
        run_id=run_id,
        version=inputs.version,
        row_counts=row_counts(summaries),
        null_rates=null_rates(inputs.counts),
        boilerplate=boilerplate_shares(history, run_id, earlier),
        languages=_compare(per_run_shares(history, "language"), run_id, earlier) if has_language else None,
        domains=top_domains(inputs.domains),
        quarantine_kinds=kinds,
        quarantined=files,
    )
    report.warnings = warnings_for(report, summaries)
    return report


# ---------------------------------------------------------------- what a person reads


def summary_rows(summary: RunSummary) -> list[dict]:
    """A run summary as flat metric/value rows: one per count, stage time and quarantine kind."""
    rows = []
    for key, value in summary.to_dict().items():
        if isinstance(value, dict):
            prefix = "seconds" if key == "seconds" else "quarantined"
            rows += [{"metric": f"{prefix}: {k}", "value": v} for k, v in value.items()]
        else:
            rows.append({"metric": key, "value": value})
    return rows


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join("–" if v is None else str(v).replace("|", "\\|") for v in row) + " |" for row in rows]
    return lines + [""]


def to_markdown(report: QualityReport) -> str:
    """The report as one markdown page: warnings first, then each measure with its comparison."""
    out = [f"# Data quality of run `{report.run_id}` (manifest v{report.version})", ""]
    out += [f"- ⚠️ {w}" for w in report.warnings] or ["No warnings: every share is close to the previous runs."]
    out += ["", "## Row counts", ""]
    out += _table(
        ["metric", "this run", "previous run"],
        [[r["metric"], r["this_run"], r["previous_run"]] for r in report.row_counts],
    )
    out += ["## Boilerplate share of paragraphs", ""]
    if report.boilerplate:
        out += _table(
            ["reason", "this run", "previous runs (median)"],
            [[r["value"], _pct(r["this_run"]), _pct(r["previous_median"])] for r in report.boilerplate],
        )
    else:
        out += ["No paragraphs written yet.", ""]
    out += ["## Language mix", ""]
    if report.languages is None:
        out += ["The paragraphs table has no `language` column in this schema version.", ""]
    else:
        out += _table(
            ["language", "this run", "previous runs (median)"],
            [[r["value"], _pct(r["this_run"]), _pct(r["previous_median"])] for r in report.languages],
        )
    out += ["## Null rates of this run's rows", ""]
    out += _table(
        ["column", "rows", "null rate"], [[r["column"], r["rows"], _pct(r["rate"])] for r in report.null_rates]
    )
    out += ["## Top link domains", ""]
    out += (
        _table(["domain", "links"], [[r["domain"], r["links"]] for r in report.domains])
        if report.domains
        else ["No links in this run's paragraphs.", ""]
    )
    out += ["## Quarantined files", ""]
    if report.quarantine_kinds:
        out += _table(["error kind", "files"], [[r["error_kind"], r["files"]] for r in report.quarantine_kinds])
        out += _table(
            ["file", "error kind", "message"],
            [[f"`{r['source_file']}`", r["error_kind"], r["error_message"]] for r in report.quarantined],
        )
    else:
        out += ["None this run.", ""]
    return "\n".join(out)
