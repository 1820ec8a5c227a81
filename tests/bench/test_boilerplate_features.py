"""bench.boilerplate_features: the place of each paragraph around its page's longest prose run."""

from __future__ import annotations

import math

import polars as pl
import pytest

from bench.boilerplate_features import with_features

A = "The council said the new bridge would open next spring after two years of delays."
B = "Engineers told the council the bridge deck was finished, but the lighting was not."
C = "The council expects traffic on the bridge to double within a decade, it said."  # under 80: not prose
T = "Tickets for the summer concert series go on sale on Friday, organisers said."


def page(texts: list[str]) -> pl.DataFrame:
    """One page's paragraphs with the flow's columns that the rules and features read."""
    n = len(texts)
    counts = {"n_chars": [len(t) for t in texts], "n_words": [len(t.split()) for t in texts]}
    ints = {"link_chars": [0] * n, "n_links": [0] * n, "repeat_count": [1] * n, "n_sentences": [1] * n, **counts}
    return pl.DataFrame(
        {
            "source_file": ["000_a.txt"] * n,
            "paragraph_index": list(range(n)),
            "raw_html": texts,
            "text": texts,
            "is_lead": [False] * n,
        }
    ).with_columns(pl.Series(name, values, dtype=pl.Int32) for name, values in ints.items())


def test_features_place_paragraphs_around_the_longest_prose_run():
    """The run is A and B; the rest sits before or after it, with the rules' flags counted."""
    out = with_features(page(["Home", A, B, C, "Read more", T]))
    assert out["_rule"].to_list() == ["short_fragment", None, None, None, "read_more", None]
    assert out["before_run"].to_list() == [1, 0, 0, 0, 0, 0]
    assert out["after_run"].to_list() == [0, 0, 0, 1, 1, 1]
    assert out["run_distance"].to_list() == pytest.approx([math.log(2), 0, 0, math.log(2), math.log(3), math.log(4)])
    assert out["flagged_between"].to_list() == pytest.approx([0, 0, 0, 0, math.log(2), math.log(2)])
    assert out["prev_flagged"].to_list() == [0, 1, 0, 0, 0, 1]


def test_overlap_is_the_share_of_long_words_the_run_holds_elsewhere():
    """C shares 'council' and 'bridge' of its 7 long words; the unrelated T shares none."""
    out = with_features(page(["Home", A, B, C, "Read more", T]))
    assert out["overlap"].to_list() == pytest.approx([0, 2 / 7, 2 / 5, 2 / 7, 0, 0])
