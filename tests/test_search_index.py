"""The built search index segments Chinese, so a word from mid-sentence is findable."""

from __future__ import annotations

import json
import re


def load_index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def tokens_of(text: str, separator: str) -> set[str]:
    return {t for t in re.split(separator, text.lower()) if t}


def test_chinese_word_from_mid_sentence_is_a_token(built_site):
    index = load_index(built_site)
    separator = index["config"]["separator"]  # Python's re reads the \u200b escape as lunr does
    assert "\\u200b" in separator
    docs = [d for d in index["docs"] if d["location"].startswith("architecture/")]
    assert docs, "the Chinese architecture chapter is missing from the search index"
    text = " ".join(d["text"] for d in docs)
    sentences = re.split(r"[。！？]", text.replace("\u200b", ""))
    assert any("专家" in s[1:-1] for s in sentences), "no sentence with 专家 in its middle"
    assert "专家" in tokens_of(text, separator)


def test_both_languages_are_indexed(built_site):
    locations = [d["location"] for d in load_index(built_site)["docs"]]
    assert any(loc.startswith("en/") for loc in locations)
    assert any(loc.startswith("architecture/") for loc in locations)
