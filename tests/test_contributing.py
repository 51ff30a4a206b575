"""The way in for contributors: the guide in both languages, CONTRIBUTING.md, the PR template,
the issue forms, and an edit button on every page that opens the right language's source."""

from __future__ import annotations

import re

import pytest
import yaml

from built_pages import built_pages, read
from docs_text import DOCS, ROOT, body, heading_ids, markdown_pages

GUIDE = DOCS / "contributing.md"
GUIDE_EN = DOCS / "contributing.en.md"
GITHUB = ROOT / ".github"
RULE = re.compile(r"^\s*- `((?:ZH|EN|FIG|MD)-\d+)`", re.M)
SECTIONS = [
    "fix-a-typo",
    "change-a-figure",
    "add-or-translate-a-page",
    "translation-freshness",
    "preview-locally",
    "style-rules",
]


def mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


# --- the guide -----------------------------------------------------------------------------


def test_guide_exists_in_both_languages_with_the_same_heading_ids():
    assert GUIDE.is_file() and GUIDE_EN.is_file()
    assert heading_ids(GUIDE) == heading_ids(GUIDE_EN)
    missing = [s for s in SECTIONS if s not in heading_ids(GUIDE)]
    assert not missing, f"the guide lacks sections {missing}"


def test_guide_is_in_the_nav_of_both_languages():
    conf = mkdocs_config()
    nav = yaml.safe_dump(conf["nav"], allow_unicode=True)
    assert "contributing.md" in nav
    title = next(
        k
        for item in conf["nav"]
        if isinstance(item, dict)
        for v in item.values()
        if isinstance(v, list)
        for entry in v
        for k, path in entry.items()
        if path == "contributing.md"
    )
    i18n = next(p["i18n"] for p in conf["plugins"] if isinstance(p, dict) and "i18n" in p)
    en = next(lang for lang in i18n["languages"] if lang["locale"] == "en")
    assert en["nav_translations"].get(title) == "Contributing"


def rules(page) -> list[str]:
    return RULE.findall(body(page))


def test_style_rules_are_numbered_the_same_in_both_languages():
    zh, en = rules(GUIDE), rules(GUIDE_EN)
    assert zh == en, f"rule ids differ:\nzh {zh}\nen {en}"
    assert len(zh) == len(set(zh)), "a rule id is used twice"
    for prefix in ("ZH", "EN", "FIG", "MD"):
        numbers = [int(r.split("-")[1]) for r in zh if r.startswith(prefix + "-")]
        assert numbers == list(range(1, len(numbers) + 1)), f"{prefix} rules are not numbered 1..n: {numbers}"
        assert numbers, f"no {prefix} rules"


def rule_text(page, rule_id: str) -> str:
    text = body(page)
    start = text.index(f"- `{rule_id}`")
    following = RULE.search(text, start + 3)
    return text[start : following.start() if following else len(text)]


@pytest.mark.parametrize(
    ("rule_id", "zh_words", "en_words"),
    [
        ("ZH-1", ["空格"], ["space"]),  # CJK/Latin spacing
        ("ZH-2", ["全角标点"], ["full-width punctuation"]),
        ("ZH-3", ["“”", "‘’"], ["quote"]),  # one quotation style
        ("ZH-4", ["术语表"], ["glossary"]),  # terminology
        ("FIG-3", ["官方", "传闻", "推算", "未证实"], ["official", "reported", "derived", "unverified"]),
    ],
)
def test_style_rules_cover_the_required_topics(rule_id, zh_words, en_words):
    zh, en = rule_text(GUIDE, rule_id), rule_text(GUIDE_EN, rule_id)
    assert all(w in zh for w in zh_words), f"{rule_id} (zh) should mention {zh_words}: {zh}"
    assert all(w in en for w in en_words), f"{rule_id} (en) should mention {en_words}: {en}"


def test_guide_names_the_commands_that_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for page in (GUIDE, GUIDE_EN):
        text = body(page)
        for target in re.findall(r"`make (\w+)`", text):
            assert re.search(rf"^{target}:", makefile, re.M), f"{page.name} mentions `make {target}`, not in Makefile"
        assert "scripts/translations.py --stamp" in text
        assert (ROOT / "scripts" / "translations.py").is_file()


def test_contributing_md_points_to_the_guide():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    site_url = mkdocs_config()["site_url"]
    assert f"{site_url}contributing/" in text and f"{site_url}en/contributing/" in text
    for target in re.findall(r"\]\(([^)#]+\.md)\)", text):
        assert (ROOT / target).is_file(), f"CONTRIBUTING.md links to a missing file {target}"


# --- templates -----------------------------------------------------------------------------


def test_pull_request_template_has_content_translation_and_data_checklists():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    by_title = {s.split("\n", 1)[0]: s for s in sections}
    for word in ("Content", "Translation", "Data"):
        section = next((s for t, s in by_title.items() if word in t), None)
        assert section is not None, f"no '{word}' section in the PR template"
        assert len(re.findall(r"^- \[ \] ", section, re.M)) >= 3, f"'{word}' checklist is too short"
    assert "--stamp" in by_title[next(t for t in by_title if "Translation" in t)]


def issue_forms() -> dict[str, dict]:
    return {
        p.name: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))
        if p.name != "config.yml"
    }


def fields(form: dict) -> dict[str, dict]:
    return {item["id"]: item for item in form["body"] if "id" in item}


def required(field: dict) -> bool:
    return bool(field.get("validations", {}).get("required"))


@pytest.mark.parametrize(
    ("keyword", "must_require"),
    [
        ("A figure is wrong", ["page", "figure", "problem", "source"]),
        ("Translation out of date", ["page", "direction", "difference"]),
        ("Something is broken", ["area", "what", "expected"]),
    ],
)
def test_issue_forms_exist_with_required_fields(keyword, must_require):
    form = next((f for f in issue_forms().values() if keyword in f["name"]), None)
    assert form is not None, f"no issue form named like {keyword!r}"
    assert form.get("description") and form.get("body")
    found = fields(form)
    for field_id in must_require:
        assert field_id in found, f"{keyword}: no field {field_id!r}"
        assert required(found[field_id]), f"{keyword}: field {field_id!r} must be required"
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))


def test_the_figure_form_asks_for_a_source_url():
    form = next(f for f in issue_forms().values() if "figure" in f["name"])
    source = fields(form)["source"]
    assert source["type"] == "input" and required(source)
    assert "http" in source["attributes"].get("placeholder", "")


def test_issue_chooser_sends_people_to_the_guide():
    conf = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert conf["blank_issues_enabled"] is False
    urls = [link["url"] for link in conf["contact_links"]]
    site_url = mkdocs_config()["site_url"]
    assert f"{site_url}contributing/" in urls and f"{site_url}en/contributing/" in urls


# --- edit in place -------------------------------------------------------------------------


def edit_link_problem(url_path: str, lang: str, href: str, edit_base: str) -> str | None:
    """Why an edit link is wrong for a page, or None."""
    if not href.startswith(edit_base):
        return f"{href} does not start with {edit_base}"
    target = DOCS / href[len(edit_base) :]
    if not target.is_file():
        return f"{href} points at a file that does not exist"
    if (lang == "en") != target.name.endswith(".en.md"):
        return f"{href} opens the wrong language for a {lang} page"
    return None


def test_every_page_has_an_edit_button_to_its_own_source(built_site):
    conf = mkdocs_config()
    assert "content.action.edit" in conf["theme"]["features"]
    edit_base = conf["repo_url"].rstrip("/") + "/" + conf["edit_uri"].strip("/") + "/"
    pages = built_pages(built_site)
    assert {p.source for p in pages} == set(markdown_pages()), "some pages were not built"
    for page in pages:
        links = read(page).edit_links
        assert len(links) == 1, f"{page.url_path}: {len(links)} edit buttons"
        problem = edit_link_problem(page.url_path, page.lang, links[0], edit_base)
        assert problem is None, f"{page.url_path}: {problem}"
        assert links[0] == edit_base + page.source.relative_to(DOCS).as_posix()


def test_the_edit_link_check_can_fail():
    base = "https://github.com/o/r/edit/main/docs/"
    assert edit_link_problem("en/architecture/", "en", base + "architecture.md", base)  # wrong language
    assert edit_link_problem("architecture/", "zh", base + "no-such-page.md", base)  # missing file
    assert edit_link_problem("architecture/", "zh", "https://example.org/architecture.md", base)
    assert edit_link_problem("en/architecture/", "en", base + "architecture.en.md", base) is None
