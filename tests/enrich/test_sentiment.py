"""VADER tone: exact compound scores of clearly positive and negative English, null for other languages."""

from tasks.enrich.sentiment import sentiment_scores


def test_sentiment_sign_and_language_gate() -> None:
    texts = [
        "This is a wonderful, happy day and we love it.",
        "A terrible, horrific attack killed many people.",
        "C'est une journée merveilleuse et nous l'adorons.",
        "",
    ]
    scores = sentiment_scores(texts, ["en", "en", "fr", "en"])
    assert scores == [0.9118, -0.9442, None, None]  # VADER's compound score, as it rounds it
    assert sentiment_scores(texts[:1], [None]) == [None]
