#!/usr/bin/env python3
"""Generates a reader's library of N chapters (default 5,000, about 10 MB) for
bench/run. Words come from the built-in chapters, so the vocabulary and the
word frequencies look like real advice. Deterministic (fixed seed)."""
import os, random, re, sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
here = os.path.dirname(os.path.abspath(__file__))
chapters = os.path.join(here, "..", "chapters")
words = []
for name in sorted(os.listdir(chapters)):
    text = open(os.path.join(chapters, name), encoding="utf-8").read().split("\n---\n", 1)[1]
    words += re.findall(r"[A-Za-z][a-z']+", text)
rng = random.Random(42)

def sentence(n):
    s = " ".join(rng.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + "."

os.makedirs(out, exist_ok=True)
for i in range(count):
    sub = os.path.join(out, f"team{i % 50:02d}")
    os.makedirs(sub, exist_ok=True)
    slug = f"note-{i:05d}"
    tags = rng.sample(["team", "notes", "ops", "oncall", "review", "hiring", "infra", "process", "quality", "people"], 4)
    body = "\n\n".join(sentence(rng.randint(20, 40)) for _ in range(4))
    points = "\n".join("- " + sentence(rng.randint(10, 20)) for _ in range(5))
    items = "\n".join("- [ ] " + sentence(rng.randint(8, 14)) for _ in range(5))
    caveats = "\n".join("- " + sentence(rng.randint(10, 16)) for _ in range(3))
    text = f"""---
slug: {slug}
title: {sentence(4)[:-1]}
part: Team notes {i % 7}
order: {1000 + i}
summary: >-
  {sentence(18)}
tags: [{", ".join(tags)}]
aliases: [{rng.choice(words).lower()} {i}]
dangerous: >-
  {sentence(14)}
checklist:
  name: {slug}
  title: {sentence(5)[:-1]}
---

# {{title}}

{body}

## Key points
{points}

## Checklist
{items}

## When this backfires
{caveats}
"""
    title = text.split("\ntitle: ", 1)[1].split("\n", 1)[0]
    open(os.path.join(sub, slug + ".md"), "w", encoding="utf-8").write(text.replace("{title}", title))
