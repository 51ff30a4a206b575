#!/usr/bin/env python3
"""PDF handouts from the built site: a booklet and a one/two-page summary, in Chinese and English.

    .venv/bin/python scripts/pdf.py [--out build/pdf] [--work build/pdf-work] [--site DIR] [--lang zh en]

1. One strict `mkdocs build` of both languages (zh at /, en at /en/) into the work dir, so the PDFs
   carry exactly the HTML, figures and CSS of the site. No PDF plugin runs inside MkDocs, so
   static-i18n's second (English) pass cannot overwrite the Chinese output.
2. For each language the chapters are taken from the built pages in nav order (read from
   mkdocs.yml) and put into one HTML document: cover, contents, chapters. Ids get a per-chapter
   prefix; links between chapters become links inside the PDF, every other link points at the
   site. The summary handout takes the first table of the summary chapter and a key-figures block
   rendered by the site's own figure macro (macros/handouts.py).
3. Noto Sans CJK SC (from fonts-noto-cjk) is subset to the characters used and converted to
   TrueType outlines: Chromium's PDF backend writes CFF fonts as unnamed Type 3 glyph procedures,
   TrueType as real embedded CID fonts that pdffonts lists and viewers render crisply.
4. The documents are served on 127.0.0.1 and printed by Debian's Chromium through Playwright
   (A4, CSS page counters "第 N 页，共 M 页" / "Page N of M", bookmarks, tagged PDF). The booklet is
   printed twice: the first pass tells which page each chapter starts on, the second prints the
   contents with those page numbers.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros import handouts  # noqa: E402
from macros.facts import load_facts  # noqa: E402
from macros.handouts import word  # noqa: E402
from scripts.chromium import CHROMIUM_ARGS  # noqa: E402

LANGS = ("zh", "en")
PDF_CSS = Path(__file__).resolve().parent / "pdf.css"
FONT_DIR = Path("/usr/share/fonts/opentype/noto")
# (file in fonts-noto-cjk, PostScript name of the face inside the collection, CSS family, weights)
FONTS = (
    ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular", "Noto Sans CJK SC", "100 550"),
    ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold", "Noto Sans CJK SC", "551 900"),
    ("NotoSansCJK-Regular.ttc", "NotoSansMonoCJKsc-Regular", "Noto Sans Mono CJK SC", "100 900"),
)
HANDOUT_SIZES = [8.6, 8.3, 8.0, 7.7]  # pt, largest first


def log(message: str) -> None:
    print(f"pdf: {message}", file=sys.stderr, flush=True)


# --- the project: nav, titles, dates ---------------------------------------------------------


def read_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV, !!python/...
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def nav_pages(config: dict) -> list[str]:
    """Markdown files in nav order."""

    def walk(items):
        for item in items:
            values = item.values() if isinstance(item, dict) else [item]
            for value in values:
                if isinstance(value, list):
                    yield from walk(value)
                elif isinstance(value, str) and value.endswith(".md"):
                    yield value

    return list(walk(config["nav"]))


def language_config(config: dict, lang: str) -> dict:
    """site_name, site_description, copyright for one language (English overrides come from i18n)."""
    base = {k: config.get(k, "") for k in ("site_name", "site_description", "copyright")}
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"].get("languages", []):
                if language.get("locale") == lang:
                    base.update({k: language[k] for k in base if language.get(k)})
    return base


def page_url(src: str, lang: str) -> str:
    """Site path of a Markdown file (use_directory_urls): architecture.md -> /en/architecture/."""
    stem = src[:-3]
    path = "" if stem == "index" else (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"
    return ("/en/" if lang == "en" else "/") + path


def slug_of(src: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", src[:-3].lower()).strip("-")


def git_revision() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "docs", "data", "macros"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        return out.stdout.strip() + ("+" if dirty else "") if out.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        return ""


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


# --- HTML from the built pages --------------------------------------------------------------

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
DROP = (
    re.compile(r'<a [^>]*class="md-content__button[^"]*"[^>]*>.*?</a>', re.S),  # edit / view buttons
    re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S),  # ¶ permalinks
    re.compile(r"<!-- pdf:skip -->.*?<!-- /pdf:skip -->", re.S),  # e.g. the download links
)
TAG = re.compile(r"<[^>]+>")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_of(fragment: str) -> str:
    return squash(html.unescape(TAG.sub("", fragment)))


@dataclasses.dataclass
class Chapter:
    src: str
    slug: str
    url: str
    title: str
    body: str
    sections: list[tuple[str, str]]  # (anchor, title) of each h2


class Rewriter:
    """Makes ids unique across chapters and sends each link to the right place."""

    def __init__(self, site_url: str, chapters: dict[str, str], inside: bool):
        self.site_url = site_url.rstrip("/") + "/"
        parts = urlsplit(self.site_url)
        self.origin, self.prefix = f"{parts.scheme}://{parts.netloc}", parts.path  # prefix: /gpt4-vs-qwen3/
        self.chapters = chapters  # site path -> chapter slug, for links that stay inside the PDF
        self.inside = inside

    def href(self, value: str, base: str, slug: str) -> str:
        """`base` is the page's path within the site (/en/architecture/); links may be relative
        or absolute paths that include the site's own prefix (/gpt4-vs-qwen3/en/)."""
        target = urljoin("http://site.invalid" + self.prefix.rstrip("/") + base, html.unescape(value))
        parts = urlsplit(target)
        if parts.netloc != "site.invalid":
            return value  # external: keep as written
        if not parts.path.startswith(self.prefix):
            return html.escape(self.origin + parts.path + (f"#{parts.fragment}" if parts.fragment else ""))
        path = "/" + parts.path[len(self.prefix) :]
        if self.inside and path in self.chapters:
            chapter = self.chapters[path]
            return f"#{chapter}--{parts.fragment}" if parts.fragment else f"#ch-{chapter}"
        return html.escape(self.site_url + path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else ""))

    def __call__(self, fragment: str, base: str, slug: str) -> str:
        for pattern in DROP:
            fragment = pattern.sub("", fragment)
        fragment = re.sub(
            r'(\s(?:id|for|aria-labelledby|aria-describedby|aria-controls)=")([^"]+)"',
            lambda m: m[1] + " ".join(f"{slug}--{ref}" for ref in m[2].split()) + '"',
            fragment,
        )
        fragment = re.sub(r'(\sname=")(__tabbed_[^"]*)"', lambda m: f'{m[1]}{slug}--{m[2]}"', fragment)
        fragment = re.sub(r'(\shref=")([^"]*)"', lambda m: f'{m[1]}{self.href(m[2], base, slug)}"', fragment)
        # images and other assets: absolute paths on the local server that serves the built site
        fragment = re.sub(
            r'(\ssrc=")([^"]*)"',
            lambda m: (
                f'{m[1]}{urlsplit(urljoin("http://s.invalid" + base, m[2])).path}"'
                if "://" not in m[2] and not m[2].startswith("data:")
                else m[0]
            ),
            fragment,
        )
        return fragment


def read_chapters(site: Path, lang: str, pages: list[str], rewriter: Rewriter) -> list[Chapter]:
    chapters = []
    for src in pages:
        url = page_url(src, lang)
        file = site / url.lstrip("/") / "index.html"
        if not file.is_file():
            raise SystemExit(f"pdf: {file} is missing: is {src} in the nav but not built?")
        match = ARTICLE.search(file.read_text(encoding="utf-8"))
        if not match:
            raise SystemExit(f"pdf: no <article> in {file}")
        slug = slug_of(src)
        body = rewriter(match[1], url, slug)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
        if not h1:
            raise SystemExit(f"pdf: {file} has no <h1> title")
        sections = [(m[1], text_of(m[2])) for m in re.finditer(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', body, re.S)]
        chapters.append(Chapter(src, slug, url, text_of(h1[1]), body, sections))
    return chapters


def stylesheets(site: Path) -> list[str]:
    """The site's own stylesheets (Material, palette, extra_css), as absolute server paths."""
    head = (site / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    return [
        urlsplit(urljoin("http://s.invalid/", href)).path
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
        if "://" not in href
    ]


# --- the documents --------------------------------------------------------------------------


@dataclasses.dataclass
class Meta:
    lang: str
    title: str
    description: str
    copyright: str
    site_url: str
    built: str
    data_as_of: str
    revision: str


def page_css(meta: Meta, kind: str) -> str:
    """Page furniture per language: "第 N 页，共 M 页" / "Page N of M"; the booklet's cover has none."""
    page_of = word("page_of", meta.lang)
    if kind == "summary":
        url = json.dumps(meta.site_url)
        return (
            f"@page {{ margin: 11mm 12mm 13mm; @bottom-center {{ content: {page_of}; }} "
            f"@bottom-right {{ content: {url}; font-size: 7.5pt; color: #888; }} }}\n"
        )
    title = json.dumps(meta.title, ensure_ascii=False)
    return (
        f"@page {{ @bottom-center {{ content: {page_of}; }} @top-right {{ content: {title}; }} }}\n"
        "@page :first { @bottom-center { content: none; } @top-right { content: none; } }\n"
    )


def document(meta: Meta, kind: str, css: list[str], body: str) -> str:
    links = "\n".join(f'<link rel="stylesheet" href="{href}">' for href in css)
    return f"""<!doctype html>
<html lang="{handouts.HTML_LANG[meta.lang]}" class="pdf pdf--{kind}">
<head>
<meta charset="utf-8">
<title>{html.escape(meta.title)} — {html.escape(word(kind, meta.lang))}</title>
<meta name="description" content="{html.escape(meta.description)}">
{links}
<link rel="stylesheet" href="/_pdf/fonts.css">
<link rel="stylesheet" href="/_pdf/pdf.css">
<style>{page_css(meta, kind)}</style>
</head>
<body class="pdf__body" dir="ltr"
      data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
{body}
</body>
</html>
"""


def meta_list(meta: Meta) -> str:
    lang = meta.lang
    rows = [
        (
            word("data_as_of", lang),
            f"{html.escape(handouts.partial_date(meta.data_as_of, lang))}"
            f' <span class="pdf-muted">({html.escape(word("data_as_of_note", lang))})</span>',
        ),
        (
            word("built", lang),
            html.escape(meta.built)
            + (f" · {word('commit', lang)} <code>{meta.revision}</code>" if meta.revision else ""),
        ),
        (word("online", lang), f'<a href="{html.escape(meta.site_url)}">{html.escape(meta.site_url)}</a>'),
    ]
    return "\n".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)


def booklet_html(meta: Meta, chapters: list[Chapter], css: list[str], pages: dict[str, int] | None) -> str:
    lang = meta.lang

    def number(anchor: str) -> str:
        # the first pass prints "00" so that the second pass, with real numbers, lays out the same
        return str(pages[anchor]) if pages and anchor in pages else "00"

    toc = []
    for ch in chapters:
        subs = "".join(
            f'<li><a href="#{ch.slug}--{anchor}"><span class="toc__text">{html.escape(title)}</span>'
            f'<span class="toc__page">{number(f"{ch.slug}--{anchor}")}</span></a></li>'
            for anchor, title in ch.sections
        )
        toc.append(
            f'<li class="toc__chapter"><a href="#ch-{ch.slug}"><span class="toc__text">{html.escape(ch.title)}</span>'
            f'<span class="toc__page">{number("ch-" + ch.slug)}</span></a>'
            + (f"<ol>{subs}</ol>" if subs else "")
            + "</li>"
        )
    body = f"""
<section class="cover">
  <p class="cover__kicker">PDF · {html.escape(word("booklet", lang))}</p>
  <p class="cover__title">{html.escape(meta.title)}</p>
  <p class="cover__subtitle">{html.escape(meta.description)}</p>
  <dl class="cover__meta">{meta_list(meta)}</dl>
  <p class="cover__license">{html.escape(meta.copyright)}</p>
</section>
<nav class="toc md-typeset" id="toc">
  <h1 class="toc__heading">{html.escape(word("contents", lang))}</h1>
  <ol>{"".join(toc)}</ol>
</nav>
""" + "\n".join(
        f'<section class="chapter md-typeset" id="ch-{ch.slug}" data-src="{ch.src}">{ch.body}</section>'
        for ch in chapters
    )
    return document(meta, "booklet", css, body)


def summary_html(meta: Meta, summary: Chapter | None, key_figures: str, css: list[str]) -> str:
    lang = meta.lang
    table = ""
    if summary is not None:
        found = re.search(r"<table.*?</table>", summary.body, re.S)
        if found:
            table = f'<h2 id="glance">{html.escape(word("at_a_glance", lang))}</h2>\n{found[0]}'
        else:
            log(f"warning: the summary chapter ({lang}) has no table yet; the handout shows key figures only")
    colon, stop = ("：", "。") if lang == "zh" else (": ", ". ")
    legend = (
        f"{html.escape(word('statuses', lang))}{colon}{handouts.status_line(lang)}{stop}"
        f"{html.escape(word('summary_note', lang))}"
    )
    body = f"""
<main class="md-typeset handout">
  <h1 class="handout__title">{html.escape(meta.title)}</h1>
  <p class="handout__subtitle">{html.escape(meta.description)}</p>
  <dl class="handout__meta">{meta_list(meta)}</dl>
  {table}
  <h2 id="key-figures">{html.escape(word("key_figures", lang))}</h2>
  {key_figures}
  <p class="handout__legend">{legend}</p>
</main>
"""
    return document(meta, "summary", css, body)


def key_figures_html(facts, lang: str, rewriter: Rewriter, summary_url: str) -> str:
    rendered = markdown.markdown(handouts.key_figures_table(facts, lang), extensions=["tables"])
    # the macro links to Markdown files (sources.md#src-...), as MkDocs would resolve them
    rendered = re.sub(
        r'href="([\w/-]+\.md)(#[^"]*)?"', lambda m: f'href="{page_url(m[1], lang)}{m[2] or ""}"', rendered
    )
    return rewriter(rendered, summary_url, "kf")


# --- fonts ----------------------------------------------------------------------------------


def fonts_in(pdf: Path):
    """Every font object of a PDF, on its pages and inside their form XObjects (Chromium puts
    text drawn with opacity or in some transformed groups there), each once."""
    from pypdf import PdfReader

    seen = set()

    def walk(resources):
        resources = resources.get_object() if resources is not None else {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                yield font
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                yield from walk(xobject["/Resources"])

    for page in PdfReader(pdf).pages:
        yield from walk(page.get("/Resources"))


def used_characters(pdfs: list[Path]) -> dict[str, set[str]]:
    """Characters Chromium drew with each CJK face, from the ToUnicode maps of the Type 3 fonts
    it writes for system CFF fonts (the draft pass): PostScript name -> characters."""
    used: dict[str, set[str]] = {}
    for pdf in pdfs:
        for font in fonts_in(pdf):
            if font.get("/Subtype") != "/Type3" or "/ToUnicode" not in font:
                continue
            name = str(font.get("/FontDescriptor", {}).get("/FontName", "")).split("+")[-1]
            used.setdefault(name, set()).update(cmap_characters(font["/ToUnicode"].get_data()))
    return used


def cmap_characters(data: bytes) -> set[str]:
    """The Unicode side of a ToUnicode CMap (bfchar and bfrange entries)."""
    text, chars = data.decode("latin-1"), set()

    def utf16(hex_: str) -> str:
        return bytes.fromhex(hex_).decode("utf-16-be", errors="ignore")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for _, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            chars.update(utf16(dst))
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block):
            if dst.startswith("["):
                for item in re.findall(r"<([0-9A-Fa-f]+)>", dst):
                    chars.update(utf16(item))
            else:
                first = utf16(dst[1:-1])
                if first:
                    chars.update(chr(ord(first[-1]) + i) for i in range(int(hi, 16) - int(lo, 16) + 1))
    return chars


def as_written(chars: set[str], cmap: dict[int, str], written: set[str]) -> set[str]:
    """Undo Chromium's ToUnicode guesses. A glyph that serves several code points is reported as
    the lowest one: 文 (U+6587) comes back as the Kangxi radical ⽂ (U+2F42), an en dash as a
    figure dash. Swap each for the code points sharing its glyph that the documents actually
    contain, so the final subset maps only those and copied text comes out as written."""
    by_glyph: dict[str, set[str]] = {}
    for code, glyph in cmap.items():
        by_glyph.setdefault(glyph, set()).add(chr(code))
    result = set()
    for char in chars:
        siblings = by_glyph.get(cmap.get(ord(char)), {char})
        result |= (siblings & written) or {char}
    return result


def make_fonts(used: dict[str, set[str]], written: set[str], out: Path) -> str:
    """TrueType subsets of the CJK faces with the characters each one drew; returns @font-face CSS."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, newTable

    out.mkdir(parents=True, exist_ok=True)
    css = []
    for file, psname, family, weights in FONTS:
        if not used.get(psname):
            continue
        path = FONT_DIR / file
        if not path.exists():
            raise SystemExit(f"pdf: {path} not found: install the Debian package fonts-noto-cjk")
        face = next((f for f in TTCollection(str(path), lazy=True).fonts if f["name"].getDebugName(6) == psname), None)
        if face is None:
            raise SystemExit(f"pdf: no face {psname} in {path}")
        # plus printable ASCII: the draft's contents show "00" where the final prints page numbers
        wanted = as_written(used[psname], face.getBestCmap(), written) | set(map(chr, range(0x20, 0x7F)))
        chars = "".join(sorted(wanted - {"\n", "\r", "\t"}))
        digest = hashlib.sha1(chars.encode("utf-8")).hexdigest()[:12]
        target = out / f"{psname}-{digest}.ttf"
        if not target.exists():
            options = subset.Options()
            options.layout_features = ["*"]
            options.name_IDs = ["*"]
            options.notdef_outline = True
            options.hinting = True  # the CFF is dropped below anyway; stripping its hints is slow
            subsetter = subset.Subsetter(options)
            subsetter.populate(text=chars)
            subsetter.subset(face)
            # CFF -> quadratic TrueType outlines (the fontTools otf2ttf recipe)
            order = face.getGlyphOrder()
            glyph_set = face.getGlyphSet()
            glyphs = {}
            for name in order:
                pen = TTGlyphPen(glyph_set)
                glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
                glyphs[name] = pen.glyph()
            face["loca"] = newTable("loca")
            face["glyf"] = glyf = newTable("glyf")
            glyf.glyphOrder = order
            glyf.glyphs = glyphs
            del face["CFF "]
            if "VORG" in face:
                del face["VORG"]
            face["maxp"] = maxp = newTable("maxp")
            maxp.tableVersion = 0x00010000
            maxp.maxZones = 1
            for attr in (
                "maxTwilightPoints",
                "maxStorage",
                "maxFunctionDefs",
                "maxInstructionDefs",
                "maxStackElements",
                "maxSizeOfInstructions",
                "maxComponentElements",
            ):
                setattr(maxp, attr, 0)
            face["post"].formatType = 3.0
            face.sfntVersion = "\x00\x01\x00\x00"
            face.save(str(target))
        log(f"font {psname}: {len(chars)} characters")
        css.append(
            f'@font-face {{ font-family: "{family}"; font-weight: {weights}; '
            f'src: url("fonts/{target.name}") format("truetype"); }}'
        )
    return "\n".join(css) + "\n"


# --- serving and printing -------------------------------------------------------------------


class Server:
    """The built site at /, the generated documents and fonts at /_pdf/, on a free loopback port."""

    def __init__(self, site: Path, generated: Path):
        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, path):
                clean = urlsplit(path).path
                if clean.startswith("/_pdf/"):
                    return str(generated / clean[len("/_pdf/") :])
                return str(site / clean.lstrip("/"))

            def log_message(self, *args):
                pass

        Handler.extensions_map = {**Handler.extensions_map, ".ttf": "font/ttf", ".css": "text/css"}
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if candidate and (found := shutil.which(candidate)):
            return found
    raise SystemExit("pdf: Chromium not found: install the Debian package chromium (or set CHROMIUM=/path)")


def undouble(title: str, known: set[str]) -> str:
    """Chromium sometimes writes a heading that opens a page twice into its bookmark ("AboutAbout")."""
    title = squash(title)
    half = title[: len(title) // 2]
    return half if title not in known and len(title) % 2 == 0 and half * 2 == title and half in known else title


def outline_pages(pdf: Path, known: set[str] = frozenset()) -> list:
    """Top-level bookmarks with their page numbers and their children: [(title, page, [(title, page)])]."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    result, last = [], None
    for item in reader.outline:
        if isinstance(item, list):
            if last is not None:
                last[2].extend(
                    (undouble(c.title, known), reader.get_destination_page_number(c) + 1)
                    for c in item
                    if not isinstance(c, list)
                )
        else:
            last = (undouble(item.title, known), reader.get_destination_page_number(item) + 1, [])
            result.append(last)
    return result


def headings(chapters: list[Chapter]) -> set[str]:
    return {text_of(m) for ch in chapters for m in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", ch.body, re.S)}


def page_numbers(pdf: Path, chapters: list[Chapter]) -> dict[str, int]:
    """Anchor -> page for each chapter and h2, matched to the PDF bookmarks by title, in order."""
    outline = outline_pages(pdf, headings(chapters) | set(handouts.WORDS["contents"].values()))
    found, position = {}, 0
    for ch in chapters:
        for index in range(position, len(outline)):
            title, page, children = outline[index]
            if title == ch.title:
                found["ch-" + ch.slug] = page
                position = index + 1
                child = 0
                for anchor, sub in ch.sections:
                    for j in range(child, len(children)):
                        if children[j][0] == sub:
                            found[f"{ch.slug}--{anchor}"] = children[j][1]
                            child = j + 1
                            break
                break
        else:
            log(f"warning: no bookmark for chapter {ch.title!r}; its page number stays blank")
    return found


def finish(pdf: Path, meta: Meta, known: set[str]) -> None:
    """Set /Lang in the catalog (Chromium leaves it out; screen readers and text tools read it) and
    the subject, and repair doubled bookmark titles."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(pdf, incremental=True)  # appends the changed objects; Chromium's output stays as is
    writer._root_object[NameObject("/Lang")] = TextStringObject(handouts.HTML_LANG[meta.lang])
    writer.add_metadata({"/Subject": meta.description})

    def repair(item):
        while item is not None:
            node = item.get_object()
            title = str(node.get("/Title", ""))
            fixed = undouble(title, known)
            if fixed != title:
                node[NameObject("/Title")] = TextStringObject(fixed)
            repair(node.get("/First"))
            item = node.get("/Next")

    if "/Outlines" in writer._root_object:
        repair(writer._root_object["/Outlines"].get_object().get("/First"))
    updated = pdf.with_suffix(".tmp")
    with updated.open("wb") as handle:
        writer.write(handle)
    updated.replace(pdf)


# --- the whole run --------------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    file: Path
    seconds: float
    pages: int = 0

    @property
    def bytes(self) -> int:
        return self.file.stat().st_size


def build_site(site: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "BUILD_ONLY_LOCALE"}
    if site.exists():
        shutil.rmtree(site)
    log(f"mkdocs build --strict -d {site}")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit("pdf: the strict site build failed (see above)")


def build(out: Path, work: Path, site: Path | None = None, langs=LANGS) -> dict:
    """Build the PDFs; returns timings: {"site": s, "fonts": s, "files": [Result, ...]}.

    A file's seconds are its draft and final print passes; the site build and the font subsets
    are shared by all four files and reported on their own."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    timings: dict = {"files": []}
    out.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    if site is None:
        site = work / "site"
        build_site(site)
    timings["site"] = time.perf_counter() - start
    log(f"site built in {timings['site']:.1f} s")

    config = read_config()
    pages = [p for p in nav_pages(config) if p not in handouts.NOT_IN_BOOKLET]
    facts = load_facts(ROOT / "data" / "facts.yml")
    css = stylesheets(site)
    generated = work / "_pdf"
    generated.mkdir(exist_ok=True)
    shutil.copy2(PDF_CSS, generated / "pdf.css")

    docs = {}  # lang -> (meta, chapters, rewriter)
    for lang in langs:
        names = language_config(config, lang)
        meta = Meta(
            lang=lang,
            title=names["site_name"],
            description=names["site_description"],
            copyright=names["copyright"],
            site_url=config["site_url"],
            built=handouts.long_date(build_date(), lang),
            data_as_of=handouts.data_as_of(facts),
            revision=git_revision(),
        )
        inside = Rewriter(config["site_url"], {page_url(p, lang): slug_of(p) for p in pages}, inside=True)
        outside = Rewriter(config["site_url"], {}, inside=False)
        chapters = read_chapters(site, lang, pages, inside)
        summary_src = next((p for p in pages if p == "summary.md"), None)
        summary = read_chapters(site, lang, [summary_src], outside)[0] if summary_src else None
        key_figures = key_figures_html(facts, lang, outside, page_url("summary.md", lang))
        docs[lang] = (meta, chapters, css, summary_html(meta, summary, key_figures, css))

    drafts = work / "drafts"
    drafts.mkdir(exist_ok=True)
    (generated / "fonts.css").write_text("", encoding="utf-8")
    server = Server(site, generated)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()

            def render(name: str, source: str, target: Path) -> float:
                began = time.perf_counter()
                (generated / name).write_text(source, encoding="utf-8")
                page.goto(f"{server.url}/_pdf/{name}", wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                page.pdf(path=str(target), prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
                return time.perf_counter() - began

            # Draft pass with the system fonts: where each chapter starts, and which characters
            # each CJK face draws. Same glyphs and metrics as the final fonts, so the same layout.
            spent: dict[str, float] = {}
            numbers: dict[str, dict] = {}
            for lang, (meta, chapters, css_, summary) in docs.items():
                draft = drafts / f"booklet-{lang}.pdf"
                draft_html = booklet_html(meta, chapters, css_, None)
                spent[f"booklet-{lang}"] = render(f"booklet-{lang}.html", draft_html, draft)
                numbers[lang] = page_numbers(draft, chapters)
                spent[f"summary-{lang}"] = render(f"summary-{lang}.html", summary, drafts / f"summary-{lang}.pdf")
            start = time.perf_counter()
            written = set("".join(booklet_html(m, c, s, None) + h for m, c, s, h in docs.values()))
            written |= set("".join(str(v) for w in handouts.WORDS.values() for v in w.values()))
            fonts_css = make_fonts(used_characters(sorted(drafts.glob("*.pdf"))), written, generated / "fonts")
            (generated / "fonts.css").write_text(fonts_css, encoding="utf-8")
            timings["fonts"] = time.perf_counter() - start
            log(f"fonts subset in {timings['fonts']:.1f} s")

            for lang, (meta, chapters, css_, summary) in docs.items():
                booklet = out / handouts.BOOKLET.format(lang=lang)
                seconds = spent[f"booklet-{lang}"]
                for _ in range(3):  # the contents now carry page numbers; stop when they hold
                    final_html = booklet_html(meta, chapters, css_, numbers[lang])
                    seconds += render(f"booklet-{lang}.html", final_html, booklet)
                    found = page_numbers(booklet, chapters)
                    if found == numbers[lang]:
                        break
                    numbers[lang] = found
                finish(booklet, meta, headings(chapters) | {word("contents", lang)})
                timings["files"].append(Result(booklet, seconds, len(PdfReader(booklet).pages)))

                # one page if a slightly smaller type gets it there, else two at the normal size
                handout = out / handouts.SUMMARY.format(lang=lang)
                seconds = spent[f"summary-{lang}"]
                for size in HANDOUT_SIZES + HANDOUT_SIZES[:1]:
                    sized = summary.replace("<html ", f'<html style="--handout-size: {size}pt" ', 1)
                    seconds += render(f"summary-{lang}.html", sized, handout)
                    if len(PdfReader(handout).pages) == 1:
                        break
                finish(handout, meta, {meta.title, word("at_a_glance", lang), word("key_figures", lang)})
                timings["files"].append(Result(handout, seconds, len(PdfReader(handout).pages)))
            browser.close()
    finally:
        server.close()
    return timings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pdf", help="where the PDFs go")
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pdf-work",
        help="scratch: the site build, generated HTML and fonts",
    )
    parser.add_argument("--site", type=Path, help="reuse this full site build instead of building one")
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    args = parser.parse_args(argv)
    timings = build(args.out.resolve(), args.work.resolve(), args.site.resolve() if args.site else None, args.lang)
    for result in timings["files"]:
        print(f"{result.file}  {result.pages} pages  {result.bytes / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
