"""The one options route: a frozen `Config` built once, from keywords or given whole, never both at odds;
the limits it checks live in `newsbrief.limits`."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError

import pytest

from newsbrief import summarize
from newsbrief.config import Config, resolve
from newsbrief.errors import ConfigError, InputError
from newsbrief.limits import MAX_WORDS, MIN_WORDS, check_words
from newsbrief.pipeline import read_cluster, summarize_record
from test_pipeline_words import DOCUMENTS  # the same two council-budget articles


@pytest.mark.parametrize(
    ("options", "says"),
    [
        ({"words": MIN_WORDS - 1}, f"between {MIN_WORDS} and {MAX_WORDS}"),
        ({"words": MAX_WORDS + 1}, f"got {MAX_WORDS + 1}"),
        ({"words": True}, "must be an integer"),
        ({"selector": "lexrnak"}, "choose one of"),
        ({"encoder": "bert"}, "choose one of"),
        ({"attribution_threshold": 0.0}, "attribution_threshold"),
        ({"record_timeout": 0}, "record_timeout"),
    ],
)
def test_an_invalid_option_fails_at_construction(options: dict[str, object], says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        Config(**options)  # type: ignore[arg-type]


def test_limits_are_checked_in_one_function() -> None:
    assert check_words(MIN_WORDS) == MIN_WORDS and check_words(MAX_WORDS) == MAX_WORDS
    with pytest.raises(ConfigError, match="max_words must be between"):
        check_words(0, name="max_words")


def test_config_is_frozen_and_travels_to_workers_whole() -> None:
    config = Config(words=80, selector="support", analysis=True, record_timeout=5.0)
    with pytest.raises(FrozenInstanceError):
        config.words = 90  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(config)) == config  # what batch ships to each process or Dask worker


def test_keywords_or_config_but_never_silently_one_over_the_other() -> None:
    assert resolve(None, words=80, selector=None) == Config(words=80)
    config = Config(words=80, selector="support")
    assert resolve(config, words=80, selector="support") is config  # the same values: no conflict
    with pytest.raises(ConfigError, match="words differ"):
        resolve(config, words=120)
    with pytest.raises(ConfigError, match="not both"):
        summarize(DOCUMENTS, config, selector="lead")
    assert summarize(DOCUMENTS, config).sentences == summarize(DOCUMENTS, words=80, selector="support").sentences


def test_a_records_words_replaces_the_runs_and_names_the_record() -> None:
    config = Config(words=60, selector="support")
    short = summarize_record({"id": "a", "documents": DOCUMENTS, "words": 20}, config)
    assert short["words"] <= 23  # type: ignore[operator]
    bad = summarize_record({"id": "b", "documents": DOCUMENTS, "words": 3}, config)
    assert bad["error_type"] == "ConfigError" and str(bad["error"]).startswith("b: the record's words must be between")
    assert "default (60)" in str(bad["error"])


def test_the_front_half_is_shared_and_never_raises_for_an_empty_cluster() -> None:
    empty = read_cluster([])
    assert empty.articles == () and empty.sentences == []
    with pytest.raises(InputError, match="no documents to summarize"):
        summarize([])
    cluster = read_cluster(DOCUMENTS + [DOCUMENTS[0]])
    assert len(cluster.articles) == 3 and cluster.copies == ((0, 2),) and cluster.sentences
