"""MkDocs hook: one search index per language, next to static-i18n's merged one.

static-i18n merges every language into one search/search_index.json, so each reader downloads
both languages (and, without a filter, gets hits in both). After the merge this writes
search/search_index.<locale>.json holding one language's entries, as compact UTF-8 (Material
writes \\uXXXX escapes: six bytes per Chinese character). overrides/assets/javascripts/i18n.js
points Material's index request at the page language's file. The merged file stays for anything
else that reads it.

Lives under overrides/ so every copy of the project carries it; MkDocs never publishes *.py from a
theme directory.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.plugins import event_priority


def _prefixes(config) -> dict[str, str]:
    """{locale: location prefix}: "" for the language at the site root, e.g. "en/" for the others."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return {}
    return {
        lang.locale: (lang.link or "/").strip("/") + "/" if (lang.link or "/").strip("/") else ""
        for lang in plugin.config.languages
        if lang.build
    }


@event_priority(-200)  # after static-i18n (-100), whose on_post_build writes the merged index
def on_post_build(config, **kwargs) -> None:
    merged = Path(config.site_dir) / "search" / "search_index.json"
    prefixes = _prefixes(config)
    if not merged.exists() or len(prefixes) < 2:
        return
    index = json.loads(merged.read_text(encoding="utf-8"))
    others = [p for p in prefixes.values() if p]
    for locale, prefix in prefixes.items():
        if prefix:
            docs = [d for d in index["docs"] if d["location"].startswith(prefix)]
        else:
            docs = [d for d in index["docs"] if not any(d["location"].startswith(p) for p in others)]
        target = merged.with_name(f"search_index.{locale}.json")
        target.write_text(
            json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
