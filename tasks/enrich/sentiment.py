"""Paragraph tone for English text with VADER's lexicon (shipped inside vaderSentiment, MIT)."""

from collections.abc import Sequence
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """Load the lexicon once per process: it is read from disk on construction."""
    return SentimentIntensityAnalyzer()


def sentiment_scores(texts: Sequence[str], languages: Sequence[str | None]) -> list[float | None]:
    """Score tone in [-1, 1] (VADER compound) for English texts only; its lexicon is English."""
    analyzer = _analyzer()
    return [
        analyzer.polarity_scores(text)["compound"] if lang == "en" and text and text.strip() else None
        for text, lang in zip(texts, languages, strict=True)
    ]
