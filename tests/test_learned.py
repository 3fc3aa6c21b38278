import pickle
from collections import Counter
from itertools import pairwise

import numpy as np
import pytest

from newsbrief import NewsbriefError, summarize
from newsbrief.evaluate import Example
from newsbrief.select.learned import load_scorer
from newsbrief.train import cross_validated_models, oracle_labels, prepare

DOCS = (
    "The harbor fire destroyed three warehouses on Tuesday night. Crews fought the blaze for six hours. "
    "The mayor closed the harbor until Friday after the fire.",
    "Three warehouses burned at the harbor on Tuesday. Four firefighters were treated for smoke inhalation. "
    "Local fishermen lost nets, ropes and boats in the blaze.",
)


def test_oracle_label_is_highest_for_the_sentence_the_reference_repeats() -> None:
    example = Example("x", DOCS, ("Four firefighters were treated for smoke inhalation after the harbor fire.",))
    rep = prepare(example)
    labels = oracle_labels(rep, example.references)
    best = rep.sentences[int(labels.argmax())].text
    assert best.startswith("Four firefighters")


def test_cross_validation_never_uses_a_clusters_own_model_fold() -> None:
    examples = [
        Example(str(k), DOCS, (f"The harbor fire destroyed warehouses; case {k} closed the harbor.",)) for k in range(6)
    ]
    models = cross_validated_models(examples, folds=3)
    assert len(models) == 6
    assert models[0] is models[3] and models[0] is not models[1] and models[1] is not models[2]


def test_shipped_model_drives_the_default_selector() -> None:
    brief = summarize(list(DOCS), words=30)
    assert brief.sentences
    assert brief.words <= 30 * 1.15


def test_stale_model_file_gives_an_actionable_error(tmp_path) -> None:
    path = tmp_path / "old.pkl"
    path.write_bytes(pickle.dumps({"model": None, "features": ("position",)}))
    with pytest.raises(NewsbriefError, match="newsbrief train"):
        load_scorer(path)


def test_a_sentence_sharing_no_word_with_the_cluster_is_not_picked() -> None:
    story = (
        "A passenger ferry ran aground on a sandbar off Kestrel Island on Sunday evening, the coast guard said.\n"
        "Jimmy gets a surprise visit from a dragon queen, and they talk about her crazy year.\n"
        "The ferry's captain said thick fog hid the sandbar until the ferry struck it."
    )
    other = "Coast guard crews towed the ferry off the sandbar at high tide on Monday, and the island's harbour reopened."
    brief = summarize([story, other], words=400)  # room for every sentence
    texts = [s.text for s in brief.sentences]
    assert len(texts) == 3
    assert not any("dragon queen" in t for t in texts)


def test_a_cluster_of_unrelated_sentences_still_gets_a_brief() -> None:
    texts = [
        "Kestrel Island's ferry ran aground in thick fog on Sunday evening.",
        "A bakery in Port Tamsin won a regional prize for its rye bread.",
        "Council elections will be held in the spring after a two-year delay.",
    ]
    assert summarize(["\n".join(texts)], words=100).sentences


def test_a_possessive_is_the_same_word() -> None:
    from newsbrief.represent.tfidf import analyze

    assert analyze("Brandt's ferry") == analyze("Brandt ferry") == ["brandt", "ferri"]
    assert analyze("O'Neill sails") == ["o'neil", "sail"], "an apostrophe inside a name is not a possessive"


def test_word_statistics_count_what_their_docstring_says() -> None:
    """The numpy counting against the plain reading of each statistic, on a two-article cluster."""
    from newsbrief.select.features import word_statistics

    docs = (
        DOCS[0] + " Two firefighters suffered smoke inhalation.",
        DOCS[1] + " The mayor praised the crews for their work.",
    )
    rep = prepare(Example("x", docs, ()))
    stats = word_statistics(rep)
    tokens = [list(t) for t in rep.tokens]
    articles = rep.article.tolist()
    frequency = Counter(w for ts in tokens for w in ts)
    words_of = {a: {w for ts, b in zip(tokens, articles, strict=True) if b == a for w in ts} for a in set(articles)}
    bigrams_of = {a: {p for ts, b in zip(tokens, articles, strict=True) if b == a for p in pairwise(ts)} for a in set(articles)}
    for i, ts in enumerate(tokens):
        earlier = {w for ts2, a in zip(tokens[:i], articles[:i], strict=True) if a == articles[i] for w in ts2}
        shared = sum(all(p in bigrams for bigrams in bigrams_of.values()) for p in pairwise(ts))
        assert stats[i, 0] == pytest.approx(sum(frequency[w] for w in ts) / frequency.total() / len(ts))
        assert stats[i, 1] == pytest.approx(sum(sum(w in words for words in words_of.values()) for w in ts) / 2 / len(ts))
        assert stats[i, 3] == shared
        assert stats[i, 4] == pytest.approx(len(set(ts) - earlier) / len(set(ts)))
        assert stats[i, 5] == pytest.approx(len(ts) / rep.words[i])
    assert stats[:, 3].max() >= 1, "'smoke inhalation' is a bigram both articles use"


def test_term_counts_count_repeats_and_survive_empty_texts() -> None:
    from newsbrief.represent.tfidf import term_counts, tfidf_vectors

    counts = term_counts([["fire", "harbor", "fire"], [], ["harbor"]])
    assert counts.toarray().tolist() == [[2, 1], [0, 0], [0, 1]]
    assert term_counts([[], []]).shape == (2, 1)
    assert tfidf_vectors(term_counts([[], []])).nnz == 0


def test_text_cues_read_questions_first_person_and_opening_quotes() -> None:
    from newsbrief.select.features import text_cues

    texts = [
        "Will the harbor reopen by Friday?",
        "“Overnight we lost everything,” said a fisherman.",
        "The US Coast Guard sent two boats.",
        "I saw the smoke from my window, she said.",
    ]
    cues = text_cues(texts, np.array([len(t.split()) for t in texts]))
    assert cues[:, 0].tolist() == [1, 0, 0, 0]
    assert cues[:, 1].tolist() == [0, 1, 0, 1], "'US' in capitals is the country, not 'us'"
    assert cues[:, 2].tolist() == [0, 1, 0, 0]
    assert cues[2, 3] == pytest.approx(len("The US Coast Guard sent two boats.") / 7)


def test_the_article_the_others_agree_with_scores_higher() -> None:
    from newsbrief.select.features import other_articles_agreement

    docs = (*DOCS, "The harbor fire destroyed three warehouses. Four firefighters were treated for smoke inhalation.")
    rep = prepare(Example("x", (*docs, "A bakery in Port Tamsin won a regional prize for its rye bread."), ()))
    agreement = other_articles_agreement(rep)
    by_article = {a: agreement[rep.article == a, 0].max() for a in range(4)}
    assert by_article[3] < 0.05 < min(by_article[a] for a in range(3)), "the off-story article agrees with no one"
    lone = prepare(Example("y", DOCS[:1], ()))
    assert not other_articles_agreement(lone).any(), "one article: no other articles to agree with"
