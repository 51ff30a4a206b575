"""The PDFs (`make pdf`, scripts/pdf/): printed once per session from the session's built site, then
read back with poppler (pdffonts, pdftotext, pdfinfo, pdftoppm) and pypdf.

Titles, labels, figures and words are read from the built pages and data/, never copied into this
file, so the tests follow the content. Missing tools skip on a workstation and fail under CI=true.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from html import unescape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from project import ROOT
from pypdf import PdfReader
from test_build import UNRENDERED

from macros.data import load_data
from macros.site import Site
from scripts.chromium import CHROMIUM
from scripts.pdf.documents import documents

pytestmark = pytest.mark.pdf

TOOLS = ("pdffonts", "pdftotext", "pdfinfo", "pdftoppm")
TAG = re.compile(r"<[^>]+>")


def missing(what: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} (CI=true: nothing may be skipped)", pytrace=False)
    pytest.skip(what)


@pytest.fixture(scope="session")
def pdfs(built_site, tmp_path_factory) -> SimpleNamespace:
    for tool in TOOLS:
        if shutil.which(tool) is None:
            missing(f"{tool} not found (apt-get install poppler-utils, or scripts/system-deps.sh)")
    if not Path(CHROMIUM).exists():
        missing(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or scripts/system-deps.sh)")
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.pdf", "--site", str(built_site), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, f"python -m scripts.pdf failed:\n{result.stdout}\n{result.stderr[-5000:]}"
    docs = {(d.kind, d.lang): d for d in documents(built_site)}
    return SimpleNamespace(out=out, site=built_site, docs=docs)


def pdf_of(pdfs, kind: str, lang: str) -> Path:
    return pdfs.out / pdfs.docs[(kind, lang)].file_name


def view_html(pdfs, kind: str, lang: str) -> str:
    return (pdfs.site / pdfs.docs[(kind, lang)].url_path / "index.html").read_text(encoding="utf-8")


def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout


@cache
def page_texts(pdf: Path, layout: bool = False) -> tuple[str, ...]:
    """pdftotext of every page (it ends each page with a form feed)."""
    text = run("pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-")
    return tuple(text.split("\f")[: page_count(pdf)])


def text_of(pdf: Path, page: int | None = None, layout: bool = False) -> str:
    texts = page_texts(pdf, layout)
    return texts[page - 1] if page else "\f".join(texts)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def plain(fragment: str) -> str:
    return re.sub(r"\s+", " ", unescape(TAG.sub("", fragment))).strip()


@cache
def page_count(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def langs() -> tuple[str, ...]:
    return Site.load().codes


def chapter_titles(pdfs, lang: str) -> list[str]:
    """The <h1> of each chapter of the built booklet, in order."""
    chapters = re.split(r'<section class="print-chapter" id="[^"]+">', view_html(pdfs, "booklet", lang))[1:]
    titles = []
    for chapter in chapters:
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", chapter, re.S)
        titles.append(plain(re.sub(r'<a class="headerlink".*?</a>', "", h1.group(1))))
    return titles


def bookmarks(pdf: Path) -> list[tuple[str, int]]:
    reader = PdfReader(pdf)
    return [
        (item.title, reader.get_destination_page_number(item) + 1)
        for item in reader.outline
        if not isinstance(item, list)
    ]


# --- the files --------------------------------------------------------------------------------


def test_each_language_has_a_booklet_and_a_one_page_handout(pdfs):
    site = Site.load()
    for lang in langs():
        booklet, handout = pdf_of(pdfs, "booklet", lang), pdf_of(pdfs, "handout", lang)
        assert booklet.name == site.pdf_name("booklet", lang) and handout.name == site.pdf_name("handout", lang)
        assert booklet.read_bytes()[:5] == handout.read_bytes()[:5] == b"%PDF-"
        assert page_count(handout) == 1, f"handout ({lang}): {page_count(handout)} pages"
        assert page_count(booklet) >= len(chapter_titles(pdfs, lang)) + 2, f"booklet ({lang}): too few pages"


def test_the_booklet_opens_with_a_cover_then_the_contents(pdfs):
    words = load_data().words
    for lang in langs():
        language, pdf = Site.load().language(lang), pdf_of(pdfs, "booklet", lang)
        cover = squeeze(text_of(pdf, 1)).replace("-", "")  # pdftotext drops a hyphen at a line end
        for text in (language.site_name, language.site_description, language.copyright):
            assert squeeze(text).replace("-", "") in cover, f"booklet ({lang}): {text!r} not on the cover"
        assert squeeze(words.t("print.page_of", lang, page=1, pages=page_count(pdf))) not in cover, "numbered cover"
        assert bookmarks(pdf)[0] == (words.t("print.contents", lang), 2), f"booklet ({lang}): contents not on page 2"


def test_the_booklet_has_every_chapter_in_nav_order(pdfs):
    site, words = Site.load(), load_data().words
    for lang in langs():
        body = view_html(pdfs, "booklet", lang)
        printed = re.findall(r'<section class="print-chapter" id="([^"]+)">', body)
        nav = [p.slug for p in site.pages]
        assert printed == [slug for slug in nav if slug in printed], f"booklet ({lang}) not in nav order: {printed}"
        for page in (*site.chapters, site.page("corrections.md"), site.page("sources.md")):
            assert page.slug in printed, f"booklet ({lang}) lacks {page.src}"
        marks = bookmarks(pdf_of(pdfs, "booklet", lang))
        assert [t for t, _ in marks] == [words.t("print.contents", lang), *chapter_titles(pdfs, lang)]
        starts = [p for _, p in marks]
        assert starts == sorted(starts) and len(set(starts[1:])) == len(starts) - 1, f"chapter pages: {starts}"


def test_the_contents_give_the_page_each_chapter_starts_on(pdfs):
    for lang in langs():
        pdf = pdf_of(pdfs, "booklet", lang)
        marks = bookmarks(pdf)[1:]
        contents_pages = range(2, marks[0][1])
        lines = [squeeze(line) for p in contents_pages for line in text_of(pdf, p, layout=True).splitlines()]
        for title, start in marks:
            entry = next((m for line in lines if (m := re.fullmatch(re.escape(squeeze(title)) + r"(\d+)", line))), None)
            assert entry is not None, f"contents ({lang}) have no numbered entry {title!r}"
            assert entry[1] == str(start), f"contents ({lang}): {title!r} says page {entry[1]}, it starts on {start}"


def test_every_page_but_the_cover_says_page_n_of_m(pdfs):
    words = load_data().words
    for lang in langs():
        for kind, first in (("booklet", 2), ("handout", 1)):
            pdf = pdf_of(pdfs, kind, lang)
            total = page_count(pdf)
            for number in range(first, total + 1):
                footer = squeeze(words.t("print.page_of", lang, page=number, pages=total))
                assert footer in squeeze(text_of(pdf, number)), f"{pdf.name} page {number}: no {footer!r}"


# --- links ------------------------------------------------------------------------------------


def links(pdf: Path) -> tuple[list[int], list[str]]:
    """(target pages of internal links, external URIs)."""
    reader = PdfReader(pdf)
    named = {name.lstrip("/"): dest for name, dest in reader.named_destinations.items()}
    internal, external = [], []
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get_object().get("/S") == "/URI":
                external.append(str(action.get_object()["/URI"]))
            elif annot.get("/Dest") is not None:
                dest = named.get(str(annot["/Dest"]).lstrip("/"))
                internal.append(reader.get_destination_page_number(dest) + 1 if dest else 0)
    return internal, external


def test_links_go_inside_the_pdf_or_to_the_published_site(pdfs):
    site = Site.load()
    for lang in langs():
        for kind in site.downloads:
            pdf = pdf_of(pdfs, kind, lang)
            internal, external = links(pdf)
            assert 0 not in internal, f"{pdf.name}: {internal.count(0)} internal links lead nowhere"
            assert all(1 <= p <= page_count(pdf) for p in internal)
            assert any(u.startswith(site.site_url) for u in external), f"{pdf.name}: no link to the site"
            assert not [u for u in external if "127.0.0.1" in u or "localhost" in u], f"{pdf.name}: print server"
            for url in {u for u in external if u.startswith(site.site_url)}:
                parts = urlsplit(url)
                target = pdfs.site / parts.path[len(urlsplit(site.site_url).path) :]
                target = target / "index.html" if parts.path.endswith("/") else target  # a query keeps its page
                assert target.is_file(), f"{pdf.name}: {url} is not a page of the site"
                if parts.fragment and target.suffix == ".html":
                    assert f'id="{parts.fragment}"' in target.read_text(encoding="utf-8"), f"{pdf.name}: {url}"
        internal, _ = links(pdf_of(pdfs, "booklet", lang))
        assert len(internal) >= 2 * len(chapter_titles(pdfs, lang)), f"booklet ({lang}): few internal links"


# --- fonts and text ---------------------------------------------------------------------------


def fonts(pdf: Path) -> list[dict]:
    rows = []
    for line in run("pdffonts", str(pdf)).splitlines()[2:]:
        # name, type (may contain spaces), encoding, emb, sub, uni, object, id
        match = re.match(r"(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line)
        assert match, f"unexpected pdffonts line: {line!r}"
        rows.append({"name": match[1], "type": match[2], "emb": match[4], "uni": match[6]})
    return rows


def test_every_font_is_embedded_with_a_unicode_map_and_none_is_type_3(pdfs):
    for (kind, lang), _ in pdfs.docs.items():
        pdf = pdf_of(pdfs, kind, lang)
        rows = fonts(pdf)
        assert rows, f"{pdf.name}: no fonts"
        for row in rows:
            assert row["emb"] == "yes" and row["uni"] == "yes", f"{pdf.name}: {row}"
            assert row["type"] != "Type 3", f"{pdf.name}: glyphs drawn as Type 3 instead of a font: {row}"


def test_chinese_pdfs_embed_simplified_chinese_glyphs(pdfs):
    for kind in Site.load().downloads:
        pdf = pdf_of(pdfs, kind, "zh")
        names = [r["name"] for r in fonts(pdf)]
        assert any(re.fullmatch(r"[A-Z]{6}\+NotoSans(Mono)?CJKsc-\w+", n) for n in names), f"{pdf.name}: {names}"
        assert not [n for n in names if re.search(r"CJK(jp|kr|tc|hk)", n, re.I)], f"{pdf.name}: {names}"


def test_copied_chinese_text_is_what_was_written(pdfs):
    # Chromium's ToUnicode maps name a glyph shared by two code points by the lower one: 文 would
    # copy as the Kangxi radical ⽂ (U+2F42) unless the font subsets map only what the pages use.
    for kind in Site.load().downloads:
        pdf = pdf_of(pdfs, kind, "zh")
        text = text_of(pdf)
        assert "参数" in text, f"{pdf.name}: 参数 does not copy out"
        radicals = sorted({c for c in text if 0x2E80 <= ord(c) <= 0x2FDF})
        assert not radicals, f"{pdf.name}: copied text has radical look-alikes {''.join(radicals)}"


def test_the_pdfs_declare_language_title_and_structure(pdfs):
    for (kind, lang), _ in pdfs.docs.items():
        pdf = pdf_of(pdfs, kind, lang)
        reader = PdfReader(pdf)
        assert str(reader.trailer["/Root"].get("/Lang", "")).startswith(lang), f"{pdf.name}: /Lang"
        assert Site.load().language(lang).site_name in (reader.metadata.title or ""), f"{pdf.name}: title"
        assert "/StructTreeRoot" in reader.trailer["/Root"], f"{pdf.name}: not a tagged PDF"
        assert not UNRENDERED.search(text_of(pdf)), f"unrendered Jinja in {pdf.name}"


# --- the handout ------------------------------------------------------------------------------


def test_the_handout_labels_never_break_inside_a_word(pdfs):
    table = load_data().tables.tables["key_figures"]
    for lang in langs():
        lines = [squeeze(line) for line in text_of(pdf_of(pdfs, "handout", lang)).splitlines()]
        for label in [c[lang] for c in table.columns] + [row.label[lang] for row in table.rows]:
            assert any(squeeze(label) in line for line in lines), f"handout ({lang}): {label!r} is broken or missing"


def test_the_handout_shows_every_figure_of_its_print_view(pdfs):
    for lang in langs():
        values = re.findall(r'<span class="fig__value">(.*?)</span>', view_html(pdfs, "handout", lang))
        assert len(values) >= 10, f"handout ({lang}): only {len(values)} figures"
        text = squeeze(text_of(pdf_of(pdfs, "handout", lang), layout=True))
        for value in values:
            # a raised exponent may come out inline or on the line above
            inline, lowered = squeeze(plain(value)), squeeze(plain(re.sub(r"<sup>.*?</sup>", "", value)))
            assert inline in text or lowered in text, f"handout ({lang}): {plain(value)!r} missing"


def test_the_status_legend_is_in_the_handout_and_the_booklet(pdfs):
    words = load_data().words
    from macros.schema import STATUSES

    for lang in langs():
        for kind in ("handout", "booklet"):
            text = squeeze(text_of(pdf_of(pdfs, kind, lang)))
            for status in STATUSES:
                meaning = squeeze(words.t(f"status.{status}.long", lang))
                assert meaning in text, f"{kind} ({lang}): no legend line for {status}"


# --- charts and pictures ----------------------------------------------------------------------


def tiling_patterns(resources) -> int:
    """Tiling patterns (what an SVG <pattern> becomes) in a resource dictionary and its forms."""
    resources = resources.get_object() if resources is not None else {}
    found = sum(1 for p in (resources.get("/Pattern") or {}).values() if p.get_object().get("/PatternType") == 1)
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            found += tiling_patterns(xobject.get("/Resources"))
    return found


def test_reported_bars_keep_their_hatching(pdfs):
    words = load_data().words
    for lang in langs():
        pdf = pdf_of(pdfs, "booklet", lang)
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        title = squeeze(words.t("chart.params.title", lang))
        pages = [n for n in range(1, len(reader.pages) + 1) if title in squeeze(text_of(pdf, n))]
        assert pages, f"booklet ({lang}): the parameters chart is not printed"
        hatched = [n for n in pages if tiling_patterns(reader.pages[n - 1].get("/Resources"))]
        assert hatched, f"booklet ({lang}): the parameters chart (page {pages}) has no hatch pattern"


def grey_pixels(pgm: bytes) -> tuple[int, int, bytes]:
    """Width, height and pixels of a binary greyscale PGM (pdftoppm -gray)."""
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
    assert header, "not an 8-bit binary PGM"
    return int(header[1]), int(header[2]), pgm[header.end() :]


def test_the_first_pages_render_with_ink_on_paper(pdfs, tmp_path):
    for (kind, lang), _ in pdfs.docs.items():
        pdf = pdf_of(pdfs, kind, lang)
        out = tmp_path / f"{kind}-{lang}"
        run("pdftoppm", "-f", "1", "-l", "1", "-r", "30", "-gray", "-singlefile", str(pdf), str(out))
        width, height, pixels = grey_pixels(out.with_suffix(".pgm").read_bytes())
        assert width > 200 and height > 300, f"{pdf.name}: page 1 is {width}×{height}"
        ink = sum(1 for p in pixels if p < 160) / len(pixels)
        assert 0.003 < ink < 0.5, f"{pdf.name}: page 1 is {'blank' if ink <= 0.003 else 'mostly dark'} ({ink:.2%})"
