"""The glossary (data/glossary.yml): complete, bilingual, used by the chapters, and shown as tooltips."""

from __future__ import annotations

import re

import pytest
import yaml
from project import ROOT
from test_build import CHAPTERS, page_html
from test_typed_figures import ALLOWED, STRIP, typed_numbers

from docs_text import body, heading_ids
from macros.facts import DataError
from macros.glossary import GLOSSARY_FILE, abbreviation_lines, append_abbreviations, glossary_page, load_glossary

GLOSSARY = load_glossary()
CJK = re.compile(r"[\u4e00-\u9fff]")

# Terms the issue asks for by name (glossary ids).
REQUIRED = [
    "moe",
    "expert",
    "router",
    "dense-model",
    "gqa",
    "mqa",
    "qk-norm",
    "kv-cache",
    "rlhf",
    "ppo",
    "grpo",
    "gspo",
    "sft",
    "cot",
    "abf",
    "yarn",
    "dca",
    "distillation",
    "flops",
    "bf16",
    "fp8",
    "int4",
    "continuous-batching",
]

# Capitalised words in chapter text that are names, not terms to define (organisations, products,
# benchmarks, units). Anything else with two or more capitals needs a glossary entry.
NOT_TERMS = {
    "GPT",
    "OpenAI",
    "ChatGPT",
    "SemiAnalysis",
    "DeepMind",
    "DeepSeek",
    "QwQ",
    "NVIDIA",
    "Alibaba",
    "GitHub",
    "HuggingFace",
    "API",
    "APIs",
    "PDF",
    "STEM",
    "JSON",
    "URL",
    "SGLang",
    "vLLM",
    "HBM",
    "HBM3",
    "TP",
    "AIME",
    "MMLU",
    "MMMLU",
    "VQAv2",
    "ChartQA",
    "DocVQA",
    "MKSAP",
    "LiveCodeBench",
    "ZebraLogic",
    "INCLUDE",
    "IF",
    "MT",
    "GB",
    "TB",
    "MB",
    "KB",
    "KiB",
    "GiB",
    "TiB",
    "MiB",
    "CC",
    "BY",
    "SA",
    "ID",
    "IDs",
    "MIT",
}


def glossary_strings() -> set[str]:
    return {s for term in GLOSSARY.terms for s in term.strings()}


def chapter_words(text: str) -> set[str]:
    """Words with two or more capitals (MoE, GQA, QK-Norm), after removing macros, code, links and names."""
    for pattern in STRIP:
        text = pattern.sub(" ", text)
    text = ALLOWED.sub(" ", text)
    words = set()
    for token in re.findall(r"[A-Za-z][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*", text):
        token = token.rstrip(".")
        if token in glossary_strings():
            words.add(token)
            continue
        for part in token.split("-"):  # general-RL, KV-cache, per-GPU
            part = part.rstrip(".")
            if sum(c.isupper() for c in part) >= 2:
                words.add(part)
    return words


@pytest.mark.parametrize("chapter", CHAPTERS + ["index"])
@pytest.mark.parametrize("suffix", ["", ".en"])
def test_every_term_a_chapter_uses_is_in_the_glossary(chapter, suffix):
    page = ROOT / "docs" / f"{chapter}{suffix}.md"
    missing = sorted(w for w in chapter_words(body(page)) if w not in glossary_strings() and w not in NOT_TERMS)
    assert not missing, (
        f"{page.name} uses {missing}: add each to data/glossary.yml (term or match), "
        "or to NOT_TERMS in this test if it is a name rather than a term"
    )


def test_the_scan_finds_terms():
    assert {"GQA", "DPO"} <= chapter_words("Qwen3-235B-A22B 采用 GQA，另一个模型用 DPO。")
    assert "A22B" not in chapter_words("Qwen3-235B-A22B")
    assert "RL" in chapter_words("the general-RL stage")


def test_required_terms_are_present():
    ids = {t.id for t in GLOSSARY.terms}
    assert not [r for r in REQUIRED if r not in ids]


def test_every_term_has_both_languages():
    for term in GLOSSARY.terms:
        for lang in ("zh", "en"):
            assert term.name[lang].strip() and term.definition[lang].strip(), term.id
        assert CJK.search(term.definition.zh), f"{term.id}: the Chinese definition has no Chinese"
        assert not CJK.search(term.definition.en), f"{term.id}: Chinese in the English definition"
        assert not CJK.search(term.name.en), f"{term.id}: Chinese in the English name"


def test_definitions_type_no_figures():
    """Figures belong in data/facts.yml; definitions may name formats (BF16, 8-bit) but state no numbers."""
    for term in GLOSSARY.terms:
        for lang in ("zh", "en"):
            found = typed_numbers(term.definition[lang])
            assert not found, f"{term.id}.definition.{lang}: {found}"


def write(tmp_path, data) -> str:
    path = tmp_path / "glossary.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def raw():
    return yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8"))


def test_a_missing_translation_is_an_error(tmp_path):
    data = raw()
    del data["terms"][0]["definition"]["en"]
    with pytest.raises(DataError, match=r"terms\.0\.definition\.en"):
        load_glossary(write(tmp_path, data))


def test_chinese_match_strings_are_rejected(tmp_path):
    data = raw()
    data["terms"][0]["match"] = ["混合专家"]
    with pytest.raises(DataError, match="word boundaries"):
        load_glossary(write(tmp_path, data))


def test_one_string_cannot_define_two_terms(tmp_path):
    data = raw()
    data["terms"][1]["match"] = list(data["terms"][1].get("match", [])) + [data["terms"][0]["term"]]
    with pytest.raises(DataError, match="matched by both"):
        load_glossary(write(tmp_path, data))


def test_tooltips_are_appended_in_the_page_language():
    zh, en = abbreviation_lines(GLOSSARY, "zh"), abbreviation_lines(GLOSSARY, "en")
    assert "*[MoE]: MoE（混合专家）：" in zh
    assert "*[MoE]: MoE (Mixture of Experts): " in en
    assert "*[token]" not in zh, "terms with tooltip: false get no tooltip"
    assert append_abbreviations("text\n", GLOSSARY, "en").startswith("text\n\n*[")


def test_glossary_page_has_the_same_ids_in_both_languages():
    zh, en = glossary_page(GLOSSARY, "zh"), glossary_page(GLOSSARY, "en")
    ids = lambda text: re.findall(r"\{ #([\w-]+) \}|id=\"([\w-]+)\"", text)  # noqa: E731
    assert ids(zh) == ids(en)
    for term in GLOSSARY.terms:
        assert f'id="term-{term.id}"' in zh
        assert term.definition.zh in zh and term.definition.en in en
        assert term.name.zh in en and term.name.en in zh, "both names on both pages"


def test_glossary_pages_exist_in_both_languages_with_matching_headings():
    zh, en = ROOT / "docs" / "glossary.md", ROOT / "docs" / "glossary.en.md"
    assert heading_ids(zh) == heading_ids(en)
    for page in (zh, en):
        assert "{{ glossary_table() }}" in page.read_text(encoding="utf-8")
        assert re.search(r"^description: .+", page.read_text(encoding="utf-8"), re.M)


# --- the built site ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chapters_show_definitions_in_their_language(built_site, lang):
    for chapter in CHAPTERS:
        html = page_html(built_site, chapter, lang)
        article = html[html.index("<article") : html.index("</article>")]
        titles = re.findall(r'<abbr title="([^"]+)">([^<]+)</abbr>', article)
        assert titles, f"{chapter} ({lang}): no glossary tooltips"
        for title, word in titles:
            if lang == "zh":
                assert CJK.search(title), f"{chapter}: English tooltip on the Chinese page for {word}"
            else:
                assert not CJK.search(title), f"{chapter}: Chinese tooltip on the English page for {word}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terms_in_chinese_text_get_tooltips(built_site, lang):
    """MoE written with spaces inside Chinese text still matches (ecosystem pitfall 9)."""
    html = page_html(built_site, "architecture", lang)
    assert re.search(r'<abbr title="[^"]+">MoE</abbr>', html)
    assert re.search(r'<abbr title="[^"]+">GQA</abbr>', html)


def test_page_titles_are_not_broken_by_tooltips(built_site):
    for lang in ("zh", "en"):
        for chapter in CHAPTERS + ["glossary", "corrections"]:
            html = page_html(built_site, chapter, lang)
            title = re.search(r"<title>([^<]*)</title>", html).group(1)
            assert "abbr" not in title and title.strip(), f"{chapter} ({lang}): <title> {title!r}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_page_is_built(built_site, lang):
    html = page_html(built_site, "glossary", lang)
    for term in GLOSSARY.terms:
        assert f'id="term-{term.id}"' in html
    for cat in GLOSSARY.categories:
        assert f'id="{cat.id}"' in html
    assert ('<h1 id="glossary">术语表' if lang == "zh" else '<h1 id="glossary">Glossary') in html


def test_glossary_script_is_loaded(built_site):
    html = page_html(built_site, "architecture", "zh")
    assert re.search(r'<script src="[./]*assets/javascripts/glossary\.js', html)
