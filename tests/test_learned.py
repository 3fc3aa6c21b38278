import pickle

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
