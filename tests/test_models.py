"""Model files (`newsbrief.models`): written by skops with the library versions beside the estimator,
refused with a clear ModelError when those versions differ, and never read with pickle."""

from __future__ import annotations

import json
import pickle
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingRegressor

from newsbrief.cli import main
from newsbrief.errors import ConfigError, ModelError
from newsbrief.models import load_model, save_model, versions
from newsbrief.select.features import feature_names
from newsbrief.select.learned import MODEL_PATHS, load_scorer
from newsbrief.verify.scorer import load_scorer as load_verifier

RETRAIN = "newsbrief train DATA.jsonl"


@pytest.fixture(scope="module")
def small_model() -> HistGradientBoostingRegressor:
    rng = np.random.default_rng(0)
    x = rng.random((200, 3))
    return HistGradientBoostingRegressor(max_iter=5, random_state=0).fit(x, x @ np.array([1.0, -2.0, 0.5]))


def _restamp(path: Path, **changes: str) -> None:
    """Rewrite `path`'s meta.json as if the file had been saved under other library versions."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    meta = json.loads(members["meta.json"])
    meta.update(changes)
    members["meta.json"] = json.dumps(meta).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def test_a_saved_model_predicts_exactly_as_before(tmp_path: Path, small_model: HistGradientBoostingRegressor) -> None:
    path = tmp_path / "m.zip"
    save_model(small_model, path, features=["a", "b", "c"])
    loaded = load_model(path, retrain=RETRAIN)
    x = np.random.default_rng(1).random((50, 3))
    assert np.array_equal(loaded.model.predict(x), small_model.predict(x))
    assert loaded.meta["features"] == ["a", "b", "c"]
    assert {loaded.meta[k] for k in ("sklearn", "numpy")} == {versions()["sklearn"], versions()["numpy"]}


def test_a_model_saved_under_another_scikit_learn_gives_a_clear_error(tmp_path: Path, small_model: HistGradientBoostingRegressor) -> None:
    path = tmp_path / "m.zip"
    save_model(small_model, path)
    _restamp(path, sklearn="1.4.2")
    installed = versions()["sklearn"]
    with pytest.raises(ModelError) as caught:
        load_model(path, retrain=RETRAIN)
    message = str(caught.value)
    assert str(path) in message
    assert "scikit-learn 1.4.2" in message and f"scikit-learn {installed} is installed" in message
    assert "install scikit-learn 1.4.*" in message and f"retrain with `{RETRAIN}`" in message
    assert isinstance(caught.value, ConfigError)


def test_a_scikit_learn_patch_release_is_accepted(tmp_path: Path, small_model: HistGradientBoostingRegressor) -> None:
    path = tmp_path / "m.zip"
    save_model(small_model, path)
    major, minor = versions()["sklearn"].split(".")[:2]
    _restamp(path, sklearn=f"{major}.{minor}.99")
    assert load_model(path, retrain=RETRAIN).model.n_features_in_ == 3


def test_a_model_saved_under_another_numpy_major_version_is_refused(tmp_path: Path, small_model: HistGradientBoostingRegressor) -> None:
    path = tmp_path / "m.zip"
    save_model(small_model, path)
    _restamp(path, numpy="1.26.4")
    with pytest.raises(ModelError, match=re.escape("saved with NumPy 1.26.4")):
        load_model(path, retrain=RETRAIN)


def test_the_learned_selector_names_its_retrain_command_on_a_stale_version(tmp_path: Path) -> None:
    path = tmp_path / "scorer.zip"
    with zipfile.ZipFile(MODEL_PATHS["tfidf"]) as shipped, zipfile.ZipFile(path, "w") as copy:
        for name in shipped.namelist():
            copy.writestr(name, shipped.read(name))
    _restamp(path, sklearn="0.24.2")
    with pytest.raises(ModelError, match=r"scikit-learn 0\.24\.2.*newsbrief train --encoder tfidf"):
        load_scorer(path)


class Opaque:
    """A type no model file may hold."""

    def __init__(self) -> None:
        self.weights = [1.0, 2.0]


def test_a_file_holding_an_untrusted_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.zip"
    save_model(Opaque(), path)
    with pytest.raises(ModelError, match="Opaque"):
        load_model(path, retrain=RETRAIN)


def test_an_old_pickle_is_refused_without_being_unpickled(tmp_path: Path) -> None:
    path = tmp_path / "scorer.pkl"
    path.write_bytes(pickle.dumps({"model": None, "features": ("position",)}))
    with pytest.raises(ModelError, match="not a newsbrief model file.*newsbrief train"):
        load_scorer(path)
    with pytest.raises(ModelError, match="no model file at"):
        load_model(tmp_path / "missing.zip", retrain=RETRAIN)


def test_the_shipped_models_load_and_match_todays_features() -> None:
    for encoder, path in MODEL_PATHS.items():
        assert load_model(path, retrain=RETRAIN).meta["features"] == list(feature_names(encoder))
        assert load_scorer(path, encoder=encoder) is not None
    verifier = load_verifier()
    assert 0 < verifier.threshold < 1


def test_newsbrief_train_writes_a_model_file(tmp_path: Path) -> None:
    docs = [
        "The harbor fire destroyed three warehouses on Tuesday night. Crews fought the blaze for six hours. The mayor closed the harbor.",
        "Three warehouses burned at the harbor on Tuesday. Four firefighters were treated for smoke inhalation. Fishermen lost nets.",
    ]
    data = tmp_path / "train.jsonl"
    records = [{"id": str(k), "documents": docs, "summary": f"A harbor fire destroyed warehouses ({k})."} for k in range(3)]
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    output = tmp_path / "scorer.zip"
    assert main(["train", str(data), "--output", str(output)]) == 0
    assert zipfile.is_zipfile(output)
    assert load_scorer(output).predict(np.zeros((1, len(feature_names("tfidf"))))).shape == (1,)
