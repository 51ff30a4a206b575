"""The open data the build publishes at the site root (macros/build.py, on_post_build):

data/facts.json          every figure: value in base units, unit, status, sources and their URLs, note;
                         derived figures with their formula (words per language, expression tree) and inputs
data/facts.csv           the same, one row per figure
data/changelog.<lang>.atom  the data changelog (macros/changelog.py) as an Atom feed, per language

The files are the same for every language, so they are written once, at the root, never under /en/.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from . import derived
from .changelog import History, data_history
from .citation import load_citation
from .data import Data, load_data
from .page import Page
from .render.figures import SOURCES_PAGE, Figures, anchor_for_figure
from .render.open_data import CHANGELOG_PAGE, CSV_FILE, JSON_FILE, Changelog, feed_file
from .schema import STATUSES

CSV_COLUMNS = ("key", "value", "unit", "status", "source", "source_url", "note", "formula", "inputs", "basis")
ATOM = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def figure_record(data: Data, key: str) -> dict:
    """One figure as published; every record has the same fields (null / [] where they do not apply)."""
    fact, site = data.facts[key], data.site
    formula = None
    if fact.formula is not None:
        formula = {
            "words": {lang: derived.render_words(fact.formula, data.words, lang) for lang in site.codes},
            "tree": derived.to_json(fact.formula),
        }
    return {
        "value": fact.value,
        "unit": fact.unit,
        "status": fact.status,
        "basis": fact.basis,  # derived figures: the weakest status among their inputs
        "sources": list(fact.sources),
        "source_urls": [data.facts.sources[s].url for s in fact.sources],
        "note": fact.note,
        "formula": formula,
        "inputs": list(dict.fromkeys(derived.refs(fact.formula))) if fact.formula is not None else [],
        "permalink": {lang: site.absolute_url(SOURCES_PAGE, lang, anchor_for_figure(key)) for lang in site.codes},
    }


def facts_document(data: Data) -> dict:
    site, citation = data.site, load_citation(data.root)
    return {
        "title": citation.title,
        "url": site.site_url,
        "repository": site.repo_url,
        "license": citation.licence,
        "license_url": citation.licence_url,
        "generated_from": "data/facts.yml",
        "statuses": {s: {lang: data.words.t(f"status.{s}.long", lang) for lang in site.codes} for s in STATUSES},
        "figures": {key: figure_record(data, key) for key in data.facts.figures},
        "sources": {sid: source.model_dump() for sid, source in data.facts.sources.items()},
    }


def _cell(value) -> str:
    if isinstance(value, float):
        return repr(value)  # the shortest text that reads back as the same float
    return "" if value is None else str(value)


def facts_csv(data: Data) -> str:
    codes = data.site.codes
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*CSV_COLUMNS, *(f"formula_{lang}" for lang in codes)])
    for key in data.facts.figures:
        record = figure_record(data, key)
        formula = record["formula"]
        writer.writerow(
            [
                key,
                _cell(record["value"]),
                record["unit"],
                record["status"],
                " ".join(record["sources"]),
                " ".join(record["source_urls"]),
                record["note"],
                json.dumps(formula["tree"], ensure_ascii=False, separators=(",", ":")) if formula else "",
                " ".join(record["inputs"]),
                _cell(record["basis"]),
                *((formula["words"][lang] if formula else "") for lang in codes),
            ]
        )
    return out.getvalue()


def changelog_feed(data: Data, history: History, lang: str) -> str:
    """The changelog page of one language as Atom: one entry per date, its list of changes as content."""
    site, citation = data.site, load_citation(data.root)
    figures = Figures(Page(data, lang, CHANGELOG_PAGE))
    changelog = Changelog(figures, history)
    page_url = site.absolute_url(CHANGELOG_PAGE, lang)
    ET.register_namespace("", ATOM)

    def add(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k.replace("_", ":"): v for k, v in attrs.items()})
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML_NS}}}lang": lang})
    add(feed, "title", data.words.t("open_data.changelog.feed_title", lang, site=site.language(lang).site_name))
    add(feed, "id", page_url)
    add(feed, "link", rel="alternate", type="text/html", href=page_url)
    add(feed, "link", rel="self", type="application/atom+xml", href=site.site_url + feed_file(lang))
    add(feed, "updated", history.days[0].when.isoformat() if history.days else None)
    author = add(feed, "author")
    add(author, "name", ", ".join(citation.authors))
    add(feed, "rights", citation.licence_name)
    for day, anchor in zip(history.days, changelog.anchors()):
        entry = add(feed, "entry")
        title = changelog.day_title(day)
        add(entry, "title", title)
        add(entry, "id", f"{page_url}#{anchor}")
        add(entry, "link", rel="alternate", type="text/html", href=f"{page_url}#{anchor}")
        add(entry, "updated", day.when.isoformat())
        content = add(entry, "content", changelog.day_html(day), type="html")
        content.set(f"{{{XML_NS}}}base", page_url)  # the list's links are relative to the page
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def write_open_data(config) -> None:
    """Write the files into the built site (once per build, at its root)."""
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False):  # static-i18n's inner build of another language; the outer one writes
        return
    data = load_data(Path(config.config_file_path).resolve().parent)
    site_dir = Path(config.site_dir)
    (site_dir / JSON_FILE).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / JSON_FILE).write_text(json.dumps(facts_document(data), ensure_ascii=False, indent=1), encoding="utf-8")
    (site_dir / CSV_FILE).write_text(facts_csv(data), encoding="utf-8", newline="")
    history = data_history(data.root)
    if history.available:
        for lang in data.site.codes:
            (site_dir / feed_file(lang)).write_text(changelog_feed(data, history, lang), encoding="utf-8")
