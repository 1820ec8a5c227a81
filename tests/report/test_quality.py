"""The data-quality report: exact numbers and warnings from small hand-made runs."""

from __future__ import annotations

from dataclasses import replace

import polars as pl

from tasks.handoffs import RunSummary
from tasks.report import quality

LINK = pl.Struct({"domain": pl.String})


def summary(run_id: str, found: int, written: int, quarantined: int, paragraphs: int) -> RunSummary:
    skipped = found - written - quarantined
    return RunSummary.from_dict(
        {
            "run_id": run_id,
            "files_found": found,
            "files_written": written,
            "files_skipped": skipped,
            "files_quarantined": quarantined,
            "paragraphs": paragraphs,
        }
    )


def history(with_language: bool) -> pl.DataFrame:
    """Three runs of 10 paragraphs: 1, 1 and 3 boilerplate; English only, then half French."""
    rows = []
    for run_id, n_boilerplate, n_french in (("r1", 1, 0), ("r2", 1, 0), ("r3", 3, 5)):
        for i in range(10):
            reason = ("newsletter" if i == 0 else "share") if i < n_boilerplate else None
            rows.append(
                {
                    "run_id": run_id,
                    "is_boilerplate": reason is not None,
                    "boilerplate_reason": reason,
                    "language": "fr" if i < n_french else "en",
                }
            )
    frame = pl.DataFrame(rows)
    return frame if with_language else frame.drop("language")


def inputs(with_language: bool = True) -> quality.QualityInputs:
    current = (
        history(with_language)
        .filter(pl.col("run_id") == "r3")
        .with_columns(
            n_chars=pl.Series([0, *[5] * 9]),
            links=pl.Series(
                [[{"domain": "bbc.co.uk"}], [{"domain": "bbc.co.uk"}, {"domain": "gov.uk"}], [{"domain": None}]]
                + [[]] * 7,
                dtype=pl.List(LINK),
            ),
        )
    )
    articles = pl.DataFrame({"run_id": ["r3", "r3"], "lead": ["A lead.", None]})
    quarantine = pl.DataFrame(
        {
            "run_id": ["r3"] * 3,
            "source_file": ["b.txt", "a.txt", "c.txt"],
            "content_sha256": ["x", "y", None],
            "size_bytes": [1, 2, None],
            "error_kind": ["syntax_error", "empty", "syntax_error"],
            "error_message": ["bad", "empty | file", "bad"],
        }
    )
    summaries = [summary("r1", 40, 10, 0, 10), summary("r2", 40, 10, 0, 10), summary("r3", 15, 2, 3, 10)]
    frames = {"paragraphs": current, "articles": articles, "quarantine": quarantine}
    counted = [quality.current_counts(table, frame) for table, frame in frames.items()]
    return quality.QualityInputs(
        run_id="r3",
        version=3,
        counts=pl.concat([counts for counts, _ in counted]),
        domains=pl.concat([domains for _, domains in counted]),
        quarantine=quarantine,
        history=quality.history_counts(history(with_language)),
        summaries=summaries,
    )


def test_report_numbers_and_warnings():
    report = quality.quality_report(inputs())
    assert report.row_counts[0] == {"metric": "files_found", "this_run": 15, "previous_run": 40}
    assert report.boilerplate == [
        {"value": "all reasons", "this_run": 0.3, "previous_median": 0.1},
        {"value": "share", "this_run": 0.2, "previous_median": 0.0},
        {"value": "newsletter", "this_run": 0.1, "previous_median": 0.1},
    ]
    assert report.languages == [
        {"value": "en", "this_run": 0.5, "previous_median": 1.0},
        {"value": "fr", "this_run": 0.5, "previous_median": 0.0},
    ]
    rates = {r["column"]: (r["rows"], r["rate"]) for r in report.null_rates}
    assert rates.pop("paragraphs.language", (10, 0.0)) == (10, 0.0)  # when the schema declares it
    assert rates == {
        "paragraphs.boilerplate_reason": (3, 0.0),
        "articles.lead": (2, 0.5),
        "quarantine.content_sha256": (3, 0.3333),
        "quarantine.size_bytes": (3, 0.3333),
        "paragraphs.text (empty)": (10, 0.1),
    }
    assert report.domains == [{"domain": "bbc.co.uk", "links": 2}, {"domain": "gov.uk", "links": 1}]
    assert report.quarantine_kinds == [{"error_kind": "syntax_error", "files": 2}, {"error_kind": "empty", "files": 1}]
    assert [r["source_file"] for r in report.quarantined] == ["a.txt", "b.txt", "c.txt"]
    assert report.warnings == [
        "boilerplate share (all reasons) is 30.0%, previous runs 10.0%",
        "boilerplate share (share) is 20.0%, previous runs 0.0%",
        "language en is 50.0% of paragraphs, previous runs 100.0%",
        "language fr is 50.0% of paragraphs, previous runs 0.0%",
        "quarantined 60.0% of processed files, previous runs 0.0%",
        "the input holds 15 files, the previous run found 40",
    ]


def test_markdown_without_language_column():
    report = quality.quality_report(inputs(with_language=False))
    assert report.languages is None
    markdown = quality.to_markdown(report)
    assert "The paragraphs table has no `language` column in this schema version." in markdown
    assert "- ⚠️ boilerplate share (all reasons) is 30.0%, previous runs 10.0%" in markdown
    assert "| all reasons | 30.0% | 10.0% |" in markdown
    assert "| `a.txt` | empty | empty \\| file |" in markdown


def test_first_run_has_nothing_to_compare():
    data = inputs()
    data = replace(data, history=data.history.filter(pl.col("run_id") == "r3"), summaries=data.summaries[-1:])
    report = quality.quality_report(data)
    assert report.warnings == []
    assert report.boilerplate[0] == {"value": "all reasons", "this_run": 0.3, "previous_median": None}
    assert "No warnings" in quality.to_markdown(report)


def test_a_run_with_nothing_new_compares_no_shares():
    data = inputs()
    data = replace(
        data,
        history=data.history.filter(pl.col("run_id") != "r3"),
        summaries=[*data.summaries[:2], summary("r3", 40, 0, 0, 0)],
    )
    report = quality.quality_report(data)
    assert report.boilerplate[0] == {"value": "all reasons", "this_run": 0.0, "previous_median": 0.1}
    assert report.warnings == []


def test_summary_rows_flatten_stage_seconds_and_kinds():
    rows = quality.summary_rows(
        RunSummary.from_dict(
            {"run_id": "r", "files_found": 2, "quarantine_kinds": {"empty": 1}, "seconds": {"clean": 0.5}}
        )
    )
    assert rows == [
        {"metric": "run_id", "value": "r"},
        {"metric": "files_found", "value": 2},
        {"metric": "quarantined: empty", "value": 1},
        {"metric": "seconds: clean", "value": 0.5},
    ]
