"""Sentence embeddings for matching by meaning (translations, rewordings), loaded once.

WordLlama (MIT; static token embeddings distilled from an LLM's embedding table, 256
dimensions, 16 MB of weights inside the wheel) runs on a laptop CPU in microseconds per
sentence and needs no download: the weights ship in the package. It separates renderings
of one statement (cosine 0.45-0.9) from other statements by the same speaker (< 0.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelNotInstalledError

_INSTALL = "pip install wordllama==0.4.0.post1"


@dataclass
class Embedder:
    model: Any  # wordllama.WordLlama

    @classmethod
    def load(cls, dimensions: int = 256) -> Embedder:
        try:
            import wordllama
        except ImportError:
            raise ModelNotInstalledError("wordllama", _INSTALL) from None
        weights = Path(wordllama.__file__).parent
        try:
            model = wordllama.WordLlama.load(dim=dimensions, cache_dir=weights, disable_download=True)
        except (FileNotFoundError, OSError, ValueError) as err:
            raise ModelNotInstalledError(f"wordllama {dimensions}-d weights ({err})", _INSTALL) from None
        return cls(model)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length vectors, one row per text, so a dot product is the cosine."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectors = np.asarray(self.model.embed(texts), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)

    def similarity(self, a: str, b: str) -> float:
        va, vb = self.embed([a, b])
        return float(va @ vb)
