"""Open data: facts.json / facts.csv in the built site agree with data/facts.yml, licences and CITATION.cff,
the register's permalinks and prefilled report links, and the data changelog read from git."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import jsonschema
import pytest
import yaml
from project import ROOT, run_build

from macros.changelog import read_history
from macros.data import load_data
from macros.page import Page
from macros.render.figures import Figures
from macros.render.open_data import Changelog
from macros.stash import STASH

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def data():
    return load_data(ROOT)


@pytest.fixture(scope="module")
def facts_json(built_site) -> dict:
    return json.loads((built_site / "data" / "facts.json").read_text(encoding="utf-8"))


# --- facts.json and facts.csv ----------------------------------------------------------------


def evaluate(tree: dict, figures: dict) -> float:
    """An evaluator of the exported expression tree, written from its JSON shape alone."""
    if "const" in tree:
        return tree["const"]
    if "ref" in tree:
        return figures[tree["ref"]]["value"]
    args = [evaluate(a, figures) for a in tree["args"]]
    if "fn" in tree:
        fns = {"ceil": math.ceil, "floor": math.floor, "max": max, "min": min, "ge": lambda a, b: int(a >= b)}
        return fns[tree["fn"]](*args)
    result = args[0]
    for value in args[1:]:
        if tree["op"] == "+":
            result += value
        elif tree["op"] == "−":
            result -= value
        elif tree["op"] == "×":
            result *= value
        elif tree["op"] == "÷":
            result /= value
        else:
            assert tree["op"] == "^", tree
            result **= value
    return result


def refs(tree: dict) -> set[str]:
    return {tree["ref"]} if "ref" in tree else {k for a in tree.get("args", []) for k in refs(a)}


def test_facts_json_has_every_figure_with_its_value_unit_status_and_source(facts_json, data):
    figures = facts_json["figures"]
    assert set(figures) == set(data.facts.figures)
    for key, fact in data.facts.figures.items():
        record = figures[key]
        assert record["value"] == fact.value, key
        assert record["unit"] == fact.unit, key
        assert record["status"] == fact.status, key
        assert record["sources"] == list(fact.sources), key
        assert record["source_urls"] == [data.facts.sources[s].url for s in fact.sources], key
        assert record["note"] == fact.note, key
    assert set(facts_json["sources"]) == set(data.facts.sources)


def test_derived_figures_carry_a_formula_that_reproduces_their_value(facts_json, data):
    figures = facts_json["figures"]
    derived = {k: r for k, r in figures.items() if r["status"] == "derived"}
    assert derived and all(r["formula"] is not None for r in derived.values())
    assert all(r["formula"] is None and r["inputs"] == [] for r in figures.values() if r["status"] != "derived")
    for key, record in derived.items():
        tree = record["formula"]["tree"]
        assert math.isclose(evaluate(tree, figures), record["value"], rel_tol=1e-12), key
        assert set(record["inputs"]) == refs(tree) and all(k in figures for k in record["inputs"]), key
        assert set(record["formula"]["words"]) == set(data.site.codes), key
        assert all(words.strip() for words in record["formula"]["words"].values()), key


def test_facts_json_names_its_licence_and_permalinks(facts_json, data):
    assert facts_json["license"] == "CC-BY-4.0"
    assert facts_json["url"] == data.site.site_url
    some_key = next(iter(data.facts.figures))
    for lang in data.site.codes:
        link = facts_json["figures"][some_key]["permalink"][lang]
        assert link.startswith(data.site.site_url) and "#fig-" in link


def test_facts_csv_agrees_with_the_data_on_every_key(built_site, data):
    with (built_site / "data" / "facts.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {"key", "value", "unit", "status", "source", "source_url", "note", "formula", "inputs"} <= set(rows[0])
    assert [r["key"] for r in rows] == list(data.facts.figures)
    for row in rows:
        fact = data.facts[row["key"]]
        text = row["value"]
        value = text if isinstance(fact.value, str) else int(text) if re.fullmatch(r"-?\d+", text) else float(text)
        assert value == fact.value, row["key"]
        assert (row["unit"], row["status"]) == (fact.unit, fact.status), row["key"]
        assert row["source"].split(" ") == list(fact.sources), row["key"]
        assert row["source_url"].split(" ") == [data.facts.sources[s].url for s in fact.sources], row["key"]
        if fact.formula is not None:
            assert json.loads(row["formula"]) and set(row["inputs"].split(" ")) == refs(json.loads(row["formula"]))
        else:
            assert row["formula"] == row["inputs"] == ""


def test_data_files_are_written_once_at_the_site_root(built_site, data):
    assert (built_site / "data" / "facts.json").is_file() and (built_site / "data" / "facts.csv").is_file()
    for lang in data.site.languages:
        if lang.prefix:
            assert not (built_site / lang.prefix / "data").exists()


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def hrefs_of(path: Path) -> list[str]:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.hrefs


def test_both_sources_pages_link_the_data_files(built_site, data):
    for lang in data.site.codes:
        url = data.site.page_url("sources.md", lang)
        page = built_site / url / "index.html"
        targets = {urlsplit(urljoin("http://x/" + url, h)).path for h in hrefs_of(page)}
        assert {"/data/facts.json", "/data/facts.csv"} <= targets, lang


# --- licences and CITATION.cff --------------------------------------------------------------


def cff_schema() -> dict:
    """The CFF 1.2.0 JSON schema as check-jsonschema (a dev requirement) vendors it."""
    path = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / "citation-file-format.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$id"].startswith("https://citation-file-format.github.io/1.2.0/")
    return schema


def cff_errors(document: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(cff_schema(), format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(document)]


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_is_valid_cff_1_2():
    assert cff_errors(citation()) == []


def test_the_cff_check_can_fail():
    broken = {k: v for k, v in citation().items() if k != "authors"}
    assert any("authors" in e for e in cff_errors(broken))
    assert cff_errors({**citation(), "license": "CC-BY-4"})


def test_citation_matches_the_site_and_its_licence(data):
    cff = citation()
    assert cff["url"] == data.site.site_url
    assert cff["repository-code"] == data.site.repo_url
    assert cff["license"] == "CC-BY-4.0"
    assert all(lang.site_name in cff["title"] for lang in data.site.languages)


def test_licence_files_code_mit_text_and_data_cc_by():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "Permission is hereby granted" in code
    assert "CC BY 4.0" in content and "Creative Commons Attribution 4.0 International Public License" in content
    assert "ShareAlike" not in content.split("Creative Commons Attribution 4.0 International Public License")[0]
    assert "CC BY 4.0" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_footer_says_cc_by_in_both_languages(built_site, data):
    for lang in data.site.codes:
        page = (built_site / data.site.page_url("index.md", lang) / "index.html").read_text(encoding="utf-8")
        footer = re.search(r'<div class="md-copyright__highlight">(.*?)</div>', page, re.S)
        assert footer, lang
        assert "CC BY 4.0" in footer.group(1) and "BY-SA" not in footer.group(1), (lang, footer.group(1))


def test_cite_box_shows_the_citation_file_in_both_languages(built_site, data):
    cff = citation()
    for lang in data.site.codes:
        page = (built_site / data.site.page_url("sources.md", lang) / "index.html").read_text(encoding="utf-8")
        box = re.search(r'<div class="cite-box">(.*?)</div></div>', page, re.S)
        assert box, lang
        text = unescape(re.sub(r"<[^>]+>", "", box.group(1)))
        assert cff["title"] in text and cff["url"] in text and cff["authors"][0]["name"] in text, lang
        assert "@misc{" in text and "CC BY 4.0" in text


# --- the figure register: permalink and report link on every row ------------------------------


class Register(HTMLParser):
    """Rows of the figure register: id, key, permalink, copy text, report href, the value cell's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.cell = -1
        self.in_value = False
        self.in_sup = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and (a.get("id") or "").startswith("fig-"):
            self.rows.append({"id": a["id"], "key": a.get("data-key"), "value": ""})
            self.cell = -1
        elif not self.rows:
            return
        row = self.rows[-1]
        if tag == "td":
            self.cell += 1
            self.in_value = self.cell == 1
        elif tag == "br":
            self.in_value = False  # the formula follows
        elif tag == "sup" and self.in_value:
            row["value"] += "^"
        elif tag == "a" and "register__permalink" in (a.get("class") or ""):
            row["permalink"] = a.get("href")
        elif tag == "a" and "register__report" in (a.get("class") or ""):
            row["report"] = a.get("href")
        elif tag == "button" and "register__copy" in (a.get("class") or ""):
            row["copy"] = a.get("data-clipboard-text")

    def handle_endtag(self, tag):
        if tag in ("td", "tr", "table"):
            self.in_value = False

    def handle_data(self, text):
        if self.rows and self.in_value:
            self.rows[-1]["value"] += text


def register_rows(built_site: Path, data, lang: str) -> list[dict]:
    parser = Register()
    parser.feed((built_site / data.site.page_url("sources.md", lang) / "index.html").read_text(encoding="utf-8"))
    return parser.rows


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_register_row_has_a_permalink_and_a_prefilled_report_link(built_site, data, lang):
    rows = register_rows(built_site, data, lang)
    assert [r["key"] for r in rows] == list(data.facts.figures)
    issues = data.site.repo_url + "/issues/new?"
    for row in rows:
        key, shown = row["key"], row["value"].strip()
        absolute = data.site.absolute_url("sources.md", lang, row["id"])
        assert row.get("permalink") == "#" + row["id"], key
        assert row.get("copy") == absolute, key
        assert (row.get("report") or "").startswith(issues), key
        query = parse_qs(urlsplit(row["report"]).query)
        title, body = query["title"][0], query["body"][0]
        assert key in title and shown in title, (key, shown, title)
        assert key in body and shown in body and absolute in body, (key, body)
        assert all(data.facts.sources[s].url in body for s in data.facts[key].sources), key


def test_figures_on_pages_link_to_their_register_row(built_site, data):
    page = (built_site / data.site.page_url("architecture.md", "en") / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="fig[^"]*" href="([^"]+)" data-fig="([^"]+)"', page)
    assert links
    rows = {r["key"]: r["id"] for r in register_rows(built_site, data, "en")}
    for href, key in links:
        assert href.endswith("sources/#" + rows[key]), (key, href)


# --- the data changelog ---------------------------------------------------------------------


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-C", str(repo), *args],
        check=True,
        capture_output=True,
        env=env,
    )


def write_facts(repo: Path, figures: dict) -> None:
    (repo / "data").mkdir(exist_ok=True)
    (repo / "data" / "facts.yml").write_text(yaml.safe_dump({"sources": [], "figures": figures}), encoding="utf-8")


def fig(value, status="official", unit="layers", source="report") -> dict:
    return {"value": value, "unit": unit, "status": status, "source": source, "note": "n"}


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository whose tiny data/facts.yml changed over three commits on two days."""
    tmp_path = tmp_path / "repo"
    tmp_path.mkdir()
    git(tmp_path, "init", "-q")
    write_facts(tmp_path, {"m": {"layers": fig(94), "heads": fig(64, "reported", "heads"), "gone": fig(3)}})
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "first", date="2025-05-01T10:00:00+00:00")
    write_facts(tmp_path, {"m": {"layers": fig(95), "heads": fig(64, "reported", "heads"), "gone": fig(3)}})
    git(tmp_path, "commit", "-q", "-am", "second", date="2025-06-02T09:00:00+00:00")
    write_facts(tmp_path, {"m": {"layers": fig(96), "heads": fig(64, "official", "heads"), "new": fig(7)}})
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "third", date="2025-06-02T18:00:00+00:00")
    return tmp_path


def test_changelog_lists_each_date_with_its_changes_from_and_to(repo):
    history = read_history(repo)
    assert history.available
    assert [d.date for d in history.days] == ["2025-06-02", "2025-05-01"]
    latest, first = history.days
    assert first.first and first.count == 3 and first.changes == ()
    assert len(latest.revs) == 2  # both commits of the day, the day's net change
    changes = {c.key: c for c in latest.changes}
    assert set(changes) == {"m.layers", "m.heads", "m.gone", "m.new"}
    assert (changes["m.layers"].before["value"], changes["m.layers"].after["value"]) == (94, 96)
    assert changes["m.heads"].fields == ("status",)
    assert (changes["m.heads"].before["status"], changes["m.heads"].after["status"]) == ("reported", "official")
    assert changes["m.gone"].kind == "removed" and changes["m.new"].kind == "added"


def test_changelog_page_writes_the_change_in_the_page_language(repo, data):
    history = read_history(repo)
    html = Changelog(Figures(Page(data, "en", "changelog.md")), history).day_html(history.days[0])
    item = re.search(r'<li data-key="m.layers" data-change="changed">(.*?)</li>', html).group(1)
    assert "94 layers → 96 layers" in unescape(re.sub(r"<[^>]+>", "", item)), item
    heads = re.search(r'<li data-key="m.heads"[^>]*>(.*?)</li>', html).group(1)
    assert "reported → official" in unescape(re.sub(r"<[^>]+>", "", heads))


def test_a_shallow_clone_is_marked_incomplete(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    history = read_history(clone)
    assert history.available and history.shallow
    assert [(d.date, d.first) for d in history.days] == [("2025-06-02", True)]
    markdown = Changelog(Figures(Page(load_data(ROOT), "en", "changelog.md")), history).page_markdown(STASH)
    assert 'class="changelog__shallow"' in STASH.fill(markdown)


def test_changelog_without_git_history_says_so(tmp_path):
    write_facts(tmp_path, {"m": {"layers": fig(94)}})
    history = read_history(tmp_path)
    assert not history.available and history.reason == "no_git" and history.days == ()
    git(tmp_path, "init", "-q")  # a repository that never committed the file
    assert read_history(tmp_path).reason == "no_commits"


def test_the_real_changelog_page_and_feed(built_site, data):
    history = read_history(ROOT)
    for lang in data.site.codes:
        page = (built_site / data.site.page_url("changelog.md", lang) / "index.html").read_text(encoding="utf-8")
        sections = re.findall(r'<h2 id="(data-\d{4}-\d{2}-\d{2}[-\d]*)"', page)
        if not history.available:
            assert 'data-changelog="none"' in page and not sections
            continue
        assert len(sections) == len(history.days), lang
        feed = ET.parse(built_site / "data" / f"changelog.{lang}.atom").getroot()
        entries = feed.findall(f"{ATOM}entry")
        assert [e.find(f"{ATOM}id").text.rsplit("#", 1)[1] for e in entries] == sections
        assert all(e.find(f"{ATOM}content").text for e in entries)


def test_a_copy_without_git_history_builds_and_says_so(project_copy, tmp_path):
    site = tmp_path / "site"
    result = run_build(project_copy, site)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in (site / "changelog" / "index.html", site / "en" / "changelog" / "index.html"):
        assert 'data-changelog="none"' in page.read_text(encoding="utf-8")
    assert not list((site / "data").glob("*.atom"))
    assert "changelog." not in "".join(hrefs_of(site / "sources" / "index.html"))
    assert json.loads((site / "data" / "facts.json").read_text(encoding="utf-8"))["figures"]
