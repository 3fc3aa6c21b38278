"""Convert the pickled model files of newsbrief <= 0.1 (`models/*.pkl`) to model files (`newsbrief.models`).

    .venv/bin/python scripts/convert_models.py OLD.pkl [OLD.pkl ...]   # writes OLD.zip beside each

The weights are copied, not retrained, so every brief stays as it was. Only run it on pickles you
wrote or trust: reading a pickle runs whatever code it names, which is why newsbrief no longer ships them.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from newsbrief.models import save_model


def convert(path: Path) -> Path:
    with open(path, "rb") as handle:
        bundle = pickle.load(handle)  # noqa: S301  (a file the caller vouches for; see the docstring)
    model = bundle.pop("model")
    bundle.pop("sklearn", None)  # the new file is stamped with the versions installed now
    if "features" in bundle:
        bundle["features"] = list(bundle["features"])
    bundle.setdefault("kind", "verifier" if "threshold" in bundle else "sentence scorer")
    target = path.with_suffix(".zip")
    save_model(model, target, **bundle)
    return target


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(convert(Path(name)))
