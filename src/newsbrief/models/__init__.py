"""The shipped model files, and the one way to write and read them.

A model file is a zip of two members:

    meta.json     {"format", "sklearn", "numpy", "skops", ...what the caller stores: features, encoder, threshold}
    model.skops   the fitted scikit-learn estimator, written by skops (https://skops.readthedocs.io)

skops rebuilds an estimator from its parts and refuses any type it was not told to trust, so
reading a model file runs no code from the file, as `pickle.load` would. `meta.json` is read
first: a file written under another scikit-learn minor version (estimators change their internals
between minor versions; patch releases keep them) or another NumPy major version raises
`ModelError` naming the file, both versions and the command that retrains it, before the
estimator is touched.

    >>> save_model(model, "scorer.zip", features=["position", ...])       # doctest: +SKIP
    >>> load_model("scorer.zip", retrain="newsbrief train DATA.jsonl").meta["features"]   # doctest: +SKIP
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.errors import ModelError

MODELS = Path(__file__).resolve().parent
FORMAT = 1
# Types a model file may hold beyond those skops trusts by default (scikit-learn estimators, NumPy
# arrays): the trees of a HistGradientBoostingRegressor. Anything else is refused on load.
TRUSTED = ("sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",)


@dataclass(frozen=True)
class ModelFile:
    """A fitted estimator and what was stored beside it (versions, features, threshold...)."""

    model: Any
    meta: Mapping[str, Any] = field(default_factory=dict)


def versions() -> dict[str, str]:
    """The versions a model file is written under and checked against."""
    import numpy
    import sklearn
    import skops

    return {"sklearn": sklearn.__version__, "numpy": numpy.__version__, "skops": skops.__version__}


def save_model(model: Any, path: str | Path, **meta: Any) -> None:
    """Write `model` and `meta` (JSON values) to `path`, stamped with today's library versions."""
    import skops.io

    stamp = {"format": FORMAT, **versions(), **meta}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("meta.json", json.dumps(stamp, indent=1, sort_keys=True) + "\n")
        archive.writestr("model.skops", skops.io.dumps(model))


def load_model(path: str | Path, *, retrain: str) -> ModelFile:
    """The model at `path`, after checking it was written under today's scikit-learn and NumPy.

    retrain: the command that writes a new file, quoted in every error.
    Raises ModelError when the file is missing, is not a model file (an old pickle), was written
    under other library versions, or holds a type newsbrief does not trust.
    """
    import skops.io

    try:
        with zipfile.ZipFile(path) as archive:
            meta = json.loads(archive.read("meta.json"))
            stored = archive.read("model.skops")
    except FileNotFoundError:
        raise ModelError(f"no model file at {path}; write one with `{retrain}`") from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ModelError(f"{path} is not a newsbrief model file ({exc}); write a new one with `{retrain}`") from exc
    _check_versions(path, meta, retrain)
    try:
        model = skops.io.loads(stored, trusted=list(TRUSTED))
    except Exception as exc:  # skops raises UntrustedTypesFoundException, TypeError, ValueError...
        raise ModelError(f"cannot read the estimator in {path} ({type(exc).__name__}: {exc}); write a new one with `{retrain}`") from exc
    return ModelFile(model, meta)


def _check_versions(path: str | Path, meta: Mapping[str, Any], retrain: str) -> None:
    now = versions()
    for library, parts in (("sklearn", 2), ("numpy", 1)):
        saved = str(meta.get(library, "unknown"))
        if saved.split(".")[:parts] != now[library].split(".")[:parts]:
            name = {"sklearn": "scikit-learn", "numpy": "NumPy"}[library]
            raise ModelError(
                f"{path} was saved with {name} {saved}, but {name} {now[library]} is installed; "
                f"install {name} {'.'.join(saved.split('.')[:parts])}.* or retrain with `{retrain}`"
            )
