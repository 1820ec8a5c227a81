"""Fit a model stacked on the boilerplate rules on the dev pages of every gold set, and score it.

For each gold corpus (as `make bench-quality` finds them) the real flow runs once; each paragraph
the rules keep (the lead aside) gets the features of bench/boilerplate_features.py, a label the
way ../shared/tools/oracle_boilerplate.py keeps paragraphs (most of its words in the gold body,
greedily) and a weight of its share of the page's gold words. A ridge logistic regression
(Newton steps in Polars, no extra dependency) flags more of them: it is fitted with
cross-validation grouped by site on the dev split of `bench.split`, and the ridge strength and
threshold with the best mean token F1 over the sets are kept. Printed: F1 per set of the rules
alone and stacked, in CV on dev and on the test pages (never fitted); written to --out: the
weights refitted on all dev pages, with this command and the data list. F1 here is the scorer's
metric computed from the labels (within ~0.015 of eval_boilerplate.py), for choosing only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import polars as pl

from bench.boilerplate_features import features, with_features
from bench.quality import CONVERTED, DEFAULT_SCORER, ROOT, SHARED, gold_corpora, run_flow, score
from bench.split import SPLITS, page_site, site_split, write_split

TOKEN = re.compile(r"\w+")
INPUT = [
    "source_file",
    "paragraph_index",
    "text",
    "is_lead",
    "link_chars",
    "n_chars",
    "n_words",
    "n_sentences",
    "repeat_count",
]
FOLDS = 4
RIDGES = (10.0, 100.0, 1000.0)
THRESHOLDS = [t / 4 for t in range(-4, 13)]


def labelled(corpus: Path, runs: Path) -> pl.DataFrame:
    """The flow's paragraphs of one corpus with features, label, words, gold hits, split and site."""
    output = runs / corpus.name
    if not (output / "out" / "paragraphs").is_dir():
        output.mkdir(parents=True, exist_ok=True)
        run_flow(corpus.resolve(), output)
    frame = pl.read_parquet(output / "out" / "paragraphs" / "**" / "*.parquet", hive_partitioning=True, columns=INPUT)
    frame = frame.with_columns(pl.col("source_file").str.split("/").list.last())
    frame = with_features(frame.sort("source_file", "paragraph_index"))
    frame = frame.select("source_file", "text", "is_lead", "_rule", *features())
    gold = {r["file"]: r["gold"] for r in map(json.loads, (corpus / "index.jsonl").open(encoding="utf-8")) if r["gold"]}
    rows = [json.loads(line) for line in (corpus / "index.jsonl").open(encoding="utf-8")]
    sites = {r["file"]: page_site(corpus / r["file"], r.get("url")) for r in rows if r["gold"]}
    frame = frame.filter(pl.col("source_file").is_in(list(gold)))
    words, hits, totals = _oracle(frame, gold)
    return frame.with_columns(
        tokens=pl.Series(words),
        hits=pl.Series(hits),
        gold_words=pl.Series(totals),
        site=pl.col("source_file").replace_strict(sites),
        set=pl.lit(corpus.name),
    ).with_columns(split=pl.col("site").map_elements(site_split, return_dtype=pl.String))


def _oracle(frame: pl.DataFrame, gold: dict[str, list[str]]) -> tuple[list[int], list[int], list[int]]:
    """Per paragraph: its words, the words of it still unmatched in the gold (greedy, in page order),
    and the page's gold word count."""
    words, hits, totals, budget, page = [], [], [], Counter(), None
    for name, text in frame.select("source_file", "text").iter_rows():
        if name != page:
            page, budget = name, Counter(w.lower() for g in gold[name] for w in TOKEN.findall(g))
            total = sum(budget.values())
        tokens = Counter(w.lower() for w in TOKEN.findall(text or ""))
        hit = sum((tokens & budget).values())
        budget -= tokens if hit * 2 > sum(tokens.values()) else Counter()
        words.append(sum(tokens.values()))
        hits.append(hit)
        totals.append(total)
    return words, hits, totals


def judged(frame: pl.DataFrame) -> pl.Expr:
    """Rows the model decides: not the lead and kept by every rule (letting it also overrule the
    situational rules lost 0.009 F1 on aeb dev in grouped CV)."""
    return ~frame["is_lead"] & frame["_rule"].is_null()


def fit(x: pl.DataFrame, y: pl.Series, w: pl.Series, ridge: float, steps: int = 12) -> list[float]:
    """Ridge logistic regression by Newton steps; x must hold a constant column named `bias`."""
    names = x.columns
    beta = [0.0] * len(names)
    for _ in range(steps):
        p = 1 / (1 + (-_dot(x, beta)).exp())
        r = w * p * (1 - p)
        g = x.select((pl.col(n) * (w * (p - y))).sum() for n in names).row(0)
        pairs = [(i, j) for i in range(len(names)) for j in range(i, len(names))]
        sums = x.select((pl.col(names[i]) * pl.col(names[j]) * r).sum().alias(f"{i}_{j}") for i, j in pairs).row(0)
        h = [[0.0] * len(names) for _ in names]
        for (i, j), v in zip(pairs, sums):
            h[i][j] = h[j][i] = v
        for i, name in enumerate(names):
            if name != "bias":
                h[i][i] += ridge
        grad = [gi + (ridge * b if n != "bias" else 0.0) for gi, b, n in zip(g, beta, names)]
        beta = [b - s for b, s in zip(beta, _solve(h, grad))]
    return beta


def _dot(x: pl.DataFrame, beta: list[float]) -> pl.Series:
    return x.select(pl.sum_horizontal(pl.col(n) * b for n, b in zip(x.columns, beta))).to_series()


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (the Hessian is small and positive definite)."""
    n = len(b)
    m = [row[:] + [v] for row, v in zip(a, b)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            m[r] = [vr - f * vc for vr, vc in zip(m[r], m[c])]
    out = [0.0] * n
    for r in reversed(range(n)):
        out[r] = (m[r][n] - sum(m[r][k] * out[k] for k in range(r + 1, n))) / m[r][r]
    return out


def f1(frame: pl.DataFrame, flagged: pl.Series) -> dict[str, float]:
    """Approximate token F1 per set (mean P and R over pages) when `flagged` rows are dropped."""
    kept = (
        frame.with_columns(keep=~flagged)
        .group_by("set", "source_file")
        .agg(
            kw=(pl.col("tokens") * pl.col("keep")).sum(),
            kh=(pl.col("hits") * pl.col("keep")).sum(),
            g=pl.col("gold_words").first(),
        )
    )
    kept = kept.with_columns(
        p=pl.when(pl.col("kw") > 0).then(pl.col("kh") / pl.col("kw")).otherwise(0.0),
        r=pl.col("kh") / pl.max_horizontal(pl.col("g"), 1),
    )
    sets = kept.group_by("set").agg(pl.col("p").mean(), pl.col("r").mean()).sort("set")
    return {s: round(2 * p * r / (p + r), 4) if p + r else 0.0 for s, p, r in sets.iter_rows()}


def decisions(frame: pl.DataFrame, logit: pl.Series, threshold: float) -> pl.Series:
    """Flags after stacking: every rule's flag stands; the model flags kept rows above the threshold."""
    return frame["_rule"].is_not_null() | (judged(frame) & (logit > threshold))


def _fold(site: str) -> int:
    """The CV fold of a site: a stable hash, independent of bench.split's SHA-1."""
    return int(hashlib.blake2b(site.encode(), digest_size=8).hexdigest(), 16) % FOLDS


def design(frame: pl.DataFrame, names: list[str], means: dict, stds: dict) -> pl.DataFrame:
    """Standardised feature matrix with a bias column."""
    return frame.select(
        pl.lit(1.0).alias("bias"), *(((pl.col(n) - means[n]) / stds[n]).fill_nan(0).alias(n) for n in names)
    )


def cross_validate(dev: pl.DataFrame, x: pl.DataFrame, label: pl.Series, weight: pl.Series) -> tuple:
    """Grouped-by-site CV over RIDGES x THRESHOLDS: the best (ridge, threshold) and its F1 per set."""
    rows = dev.filter(judged(dev))
    fold = rows["site"].map_elements(_fold, return_dtype=pl.Int64)
    cv = {}
    for ridge in RIDGES:
        logits = pl.Series([0.0] * rows.height)
        for k in range(FOLDS):
            beta = fit(x.filter(fold != k), label.filter(fold != k), weight.filter(fold != k), ridge)
            logits = logits.scatter((fold == k).arg_true(), _dot(x.filter(fold == k), beta))
        full = pl.Series([-1e9] * dev.height).scatter(judged(dev).arg_true(), logits)
        for t in THRESHOLDS:
            scores = f1(dev, decisions(dev, full, t))
            cv[(ridge, t)] = (sum(scores.values()) / len(scores), scores)
    (ridge, threshold), (_, scores) = max(cv.items(), key=lambda kv: kv[1][0])
    return ridge, threshold, scores


def official(data: pl.DataFrame, flagged: pl.Series, corpora: list[Path], runs: Path) -> None:
    """Score the rules' and the stacked flags with ../shared/tools/eval_boilerplate.py, all / dev / test per set."""
    frame = data.select("set", "source_file", "text").with_columns(is_boilerplate=flagged)
    for corpus in corpora:
        stacked, rules = runs / corpus.name / "stacked", runs / corpus.name / "out" / "paragraphs"
        stacked.mkdir(parents=True, exist_ok=True)
        frame.filter(pl.col("set") == corpus.name).drop("set").write_parquet(stacked / "paragraphs.parquet")
        with tempfile.TemporaryDirectory(prefix="newsflow-split-") as tmp:
            parts = {"all": corpus} | {s: write_split(corpus, s, Path(tmp) / s) for s in SPLITS}
            for part, where in parts.items():
                both = [score(DEFAULT_SCORER, flags, where)[0] for flags in (rules, stacked)]
                print(f"| {corpus.name} | {part} | {both[0]} | {both[1]} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="gold corpus folder (repeat); default: all")
    parser.add_argument("--runs", type=Path, help="keep the flow's outputs here (reused when present)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "boilerplate_model.json")
    args = parser.parse_args(argv)
    corpora = args.corpus or [c for root in (SHARED / "corpus", CONVERTED) if root.is_dir() for c in gold_corpora(root)]
    runs = args.runs or Path(tempfile.mkdtemp(prefix="newsflow-train-"))
    data = pl.concat([labelled(c, runs) for c in corpora], how="vertical_relaxed")
    names = list(features())
    dev = data.filter(pl.col("split") == "dev")
    rows = dev.filter(judged(dev))
    label = (2 * rows["hits"] <= rows["tokens"]).cast(pl.Float64)
    weight = (rows["tokens"].clip(1, None) / rows["gold_words"].clip(1, None)).clip(None, 1.0)
    means, stds = {n: rows[n].mean() for n in names}, {n: (rows[n].std() or 1.0) for n in names}
    x = design(rows, names, means, stds)
    ridge, threshold, scores = cross_validate(dev, x, label, weight)
    print(f"rules alone (dev): {f1(dev, dev['_rule'].is_not_null())}")
    print(f"grouped {FOLDS}-fold CV on dev: ridge {ridge} threshold {threshold}: {scores}")
    beta = fit(x, label, weight, ridge)
    scale = {n: b / stds[n] for n, b in zip(names, beta[1:])}
    intercept = beta[0] - sum(scale[n] * means[n] for n in names)
    logit = data.select(pl.sum_horizontal(pl.lit(intercept), *(pl.col(n) * w for n, w in scale.items()))).to_series()
    test = pl.col("split") == "test"
    print(f"test, rules alone: {f1(data.filter(test), data.filter(test)['_rule'].is_not_null())}")
    print(
        f"test, stacked:     {f1(data.filter(test), decisions(data, logit, threshold).filter(data['split'] == 'test'))}"
    )
    if DEFAULT_SCORER.is_file():
        print("| set | pages | rules P/R/F1 | stacked P/R/F1 |\n|---|---|---|---|")
        official(data, decisions(data, logit, threshold), corpora, runs)
    command = "python -m bench.train_boilerplate " + " ".join(sys.argv[1:] if argv is None else argv)
    out = {
        "command": command.strip(),
        "data": [
            f"{c.name}: dev split of bench.split ({dev.filter(pl.col('set') == c.name)['source_file'].n_unique()} pages)"
            for c in corpora
        ],
        "cv_f1": scores,
        "intercept": intercept,
        "threshold": threshold,
        "weights": {n: round(w, 6) for n, w in scale.items() if not math.isclose(w, 0.0)},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
