"""VADER tone: sign on clearly positive and negative English, null for other languages."""

from tasks.enrich.sentiment import sentiment_scores


def test_sentiment_sign_and_language_gate() -> None:
    texts = [
        "This is a wonderful, happy day and we love it.",
        "A terrible, horrific attack killed many people.",
        "C'est une journée merveilleuse et nous l'adorons.",
        "",
    ]
    scores = sentiment_scores(texts, ["en", "en", "fr", "en"])
    assert scores[0] is not None and scores[0] > 0.5
    assert scores[1] is not None and scores[1] < -0.5
    assert scores[2:] == [None, None]
    assert sentiment_scores(texts[:1], [None]) == [None]
