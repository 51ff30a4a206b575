"""The glossary (data/glossary.yml): complete, bilingual, used by the chapters, and shown as tooltips."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from project import ROOT
from test_build import CHAPTERS, page_html

from docs_text import body, heading_ids
from macros.checks import ALLOWED, NOT_PROSE, typed_numbers
from macros.data import load_data
from macros.render.glossary import add_tooltips, glossary_page
from macros.stash import Stash
from macros.yamlio import DataError

DATA = load_data()
GLOSSARY = DATA.glossary
GLOSSARY_FILE = ROOT / "data" / "glossary.yml"
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
    return {s for term in GLOSSARY.terms for lang in ("zh", "en") for s in term.strings(lang)}


def chapter_words(text: str) -> set[str]:
    """Words with two or more capitals (MoE, GQA, QK-Norm), after removing macros, code, links and names."""
    for pattern in NOT_PROSE:
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
            found = [t.text for t in typed_numbers(term.definition[lang])]
            assert not found, f"{term.id}.definition.{lang}: {found}"


def broken(project, mutate):
    """load_data() of a project copy whose data/glossary.yml was changed by mutate(data)."""
    path = project / "data" / "glossary.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return lambda: load_data(project)


def test_a_missing_translation_is_an_error(project_copy):
    load = broken(project_copy, lambda d: d["terms"][0]["definition"].pop("en"))
    with pytest.raises(DataError, match=r"terms\.0\.definition\.en"):
        load()


def test_chinese_spellings_go_in_match_zh(project_copy):
    load = broken(project_copy, lambda d: d["terms"][0].update(match=["混合专家"]))
    with pytest.raises(DataError, match="Chinese spellings go in match_zh"):
        load()


def test_one_string_cannot_define_two_terms(project_copy):
    def mutate(d):
        d["terms"][1]["match"] = list(d["terms"][1].get("match", [])) + [d["terms"][0]["term"]]

    with pytest.raises(DataError, match="matched by both"):
        broken(project_copy, mutate)()


def test_tooltips_mark_the_first_use_of_a_term_in_running_text_only():
    words = DATA.words
    html = (
        "<h2>MoE</h2><p>MoE 模型与 <code>MoE</code> 和 <a href='#'>MoE</a></p><p>又见 MoE。KV 缓存很大；蒸馏另算。</p>"
    )
    zh = add_tooltips(html, GLOSSARY, words, "zh")
    assert zh.count("<abbr") == 3, zh  # MoE once, KV 缓存 and 蒸馏 once each
    assert "<h2>MoE</h2>" in zh and "<code>MoE</code>" in zh and "<a href='#'>MoE</a>" in zh
    assert re.search(r'<abbr title="MoE（混合专家）：[^"]+" data-term="moe">MoE</abbr> 模型', zh)
    assert 'data-term="kv-cache">KV 缓存</abbr>' in zh and 'data-term="distillation">蒸馏</abbr>' in zh
    en = add_tooltips("<p>The MoE model and a mixture.</p>", GLOSSARY, words, "en")
    assert re.search(r'<abbr title="MoE \(Mixture of Experts\): [^"]+" data-term="moe">MoE</abbr>', en)
    assert "token" not in {t.term for t in GLOSSARY.terms if t.tooltip}, "terms with tooltip: false get none"


def test_glossary_page_has_the_same_ids_in_both_languages():
    zh, en = glossary_page(GLOSSARY, DATA.words, "zh", Stash()), glossary_page(GLOSSARY, DATA.words, "en", Stash())
    assert re.findall(r"\{ #([\w-]+) \}", zh) == re.findall(r"\{ #([\w-]+) \}", en)
    stash_zh, stash_en = Stash(), Stash()
    zh_html = stash_zh.fill(glossary_page(GLOSSARY, DATA.words, "zh", stash_zh))
    en_html = stash_en.fill(glossary_page(GLOSSARY, DATA.words, "en", stash_en))
    for term in GLOSSARY.terms:
        assert f'id="term-{term.id}"' in zh_html and f'id="term-{term.id}"' in en_html
        assert html.escape(term.definition.zh) in zh_html and html.escape(term.definition.en) in en_html
        assert html.escape(term.name.zh) in en_html and html.escape(term.name.en) in zh_html, "both names"


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
        titles = re.findall(r'<abbr title="([^"]+)" data-term="[\w-]+">([^<]+)</abbr>', article)
        assert titles, f"{chapter} ({lang}): no glossary tooltips"
        for title, word in titles:
            if lang == "zh":
                assert CJK.search(title), f"{chapter}: English tooltip on the Chinese page for {word}"
            else:
                assert not CJK.search(title), f"{chapter}: Chinese tooltip on the English page for {word}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terms_in_chinese_text_get_tooltips(built_site, lang):
    """Latin terms in Chinese text and Chinese terms (混合专家) both get a tooltip, once per page."""
    html = page_html(built_site, "architecture", lang)
    assert html.count('data-term="moe"') == 1 and html.count('data-term="gqa"') == 1
    if lang == "zh":
        assert re.search(r'data-term="moe">混合专家</abbr>', html)


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
