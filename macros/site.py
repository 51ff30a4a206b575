"""The site model: what the site is, read once from mkdocs.yml.

Languages and their URL prefixes, the nav with its titles in every language, the chapters,
page URLs and twins. Macros, hooks, scripts (PDF, benchmark) and tests all ask this module;
nobody else parses mkdocs.yml or builds a page URL.

    site = Site.load()                      # the project's mkdocs.yml (or Site.load(path))
    site.page_url("architecture.md", "en")  # "en/architecture/"  (relative to site_url)
    site.twin("architecture.en.md")         # "architecture.md"
    site.chapters                           # the article's eight chapters, in nav order
    site.front_matter("architecture.md", "en")  # the YAML front matter of docs/architecture.en.md
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .yamlio import DataError, parse_yaml, read_yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
CHAPTER_SECTION = "comparison"  # id of the nav section that holds the article's chapters


@dataclass(frozen=True)
class Language:
    code: str  # "zh", "en" (static-i18n locale, theme.language)
    name: str  # as the language switcher shows it
    prefix: str  # URL prefix relative to site_url: "" for the default language, "en/" for English
    default: bool
    site_name: str
    site_description: str
    copyright: str


@dataclass(frozen=True)
class NavPage:
    src: str  # docs file of the default language: "architecture.md"
    titles: dict  # {"zh": "架构设计", "en": "Architecture"}
    section: str  # id of its nav section ("" for top-level pages)

    @property
    def slug(self) -> str:
        """ "architecture"; "index" for the home page."""
        return self.src[: -len(".md")]

    def title(self, lang: str) -> str:
        return self.titles[lang]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Site:
    config_file: Path
    site_url: str
    repo_url: str
    edit_uri: str
    docs_dir: Path
    languages: tuple[Language, ...]
    pages: tuple[NavPage, ...]  # every page in the nav, in nav order
    sections: dict  # section id -> {"zh": title, "en": title}
    downloads: dict  # PDF kind -> file name pattern with {lang} (extra.downloads)
    tools: tuple = ()  # pages of the chapter section that are not chapters (extra.tools)

    # --- loading ------------------------------------------------------------------------

    @classmethod
    def load(cls, config_file: str | Path = CONFIG) -> Site:
        path = Path(config_file).resolve()
        stamp = path.stat().st_mtime_ns if path.exists() else 0
        cached = _loaded.get(str(path))
        if cached and cached[0] == stamp:
            return cached[1]
        site = cls._parse(path, read_yaml(path, config=True))
        _loaded[str(path)] = (stamp, site)
        return site

    @classmethod
    def _parse(cls, path: Path, config: dict) -> Site:
        i18n = _plugin(config, "i18n")
        if not i18n:
            raise DataError(f"{path}: plugins: the i18n plugin (mkdocs-static-i18n) is not configured")
        entries = i18n.get("languages") or []
        default = next((entry for entry in entries if entry.get("default")), None)
        if default is None:
            raise DataError(f"{path}: plugins.i18n.languages: no language has `default: true`")
        languages = tuple(
            Language(
                code=entry["locale"],
                name=entry.get("name", entry["locale"]),
                prefix="" if entry is default else f"{entry['locale']}/",
                default=entry is default,
                site_name=entry.get("site_name") or config.get("site_name", ""),
                site_description=entry.get("site_description") or config.get("site_description", ""),
                copyright=entry.get("copyright") or config.get("copyright", ""),
            )
            for entry in entries
            if entry.get("build", True)
        )
        translations = {entry["locale"]: entry.get("nav_translations") or {} for entry in entries}

        def titles(name: str) -> dict:
            return {lang.code: translations.get(lang.code, {}).get(name, name) for lang in languages}

        default_code = default["locale"]
        english = next((lang.code for lang in languages if lang.code == "en"), default_code)
        pages: list[NavPage] = []
        sections: dict = {}

        def walk(items, section: str) -> None:
            for item in items:
                if isinstance(item, str):
                    pages.append(NavPage(item, titles(item), section))
                    continue
                for name, value in item.items():
                    if isinstance(value, list):
                        names = titles(name)
                        section_id = slugify(names[english])
                        sections[section_id] = names
                        walk(value, section_id)
                    else:
                        pages.append(NavPage(value, titles(name), section))

        walk(config.get("nav") or [], "")
        site_url = config.get("site_url") or ""
        return cls(
            config_file=path,
            site_url=site_url if site_url.endswith("/") else site_url + "/",
            repo_url=(config.get("repo_url") or "").rstrip("/"),
            edit_uri=config.get("edit_uri") or "",
            docs_dir=path.parent / config.get("docs_dir", "docs"),
            languages=languages,
            pages=tuple(pages),
            sections=sections,
            downloads=dict((config.get("extra") or {}).get("downloads") or {}),
            tools=tuple((config.get("extra") or {}).get("tools") or ()),
        )

    # --- languages ----------------------------------------------------------------------

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    @property
    def default(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(f"{self.config_file}: no language {code!r} (languages: {', '.join(self.codes)})")

    # --- pages --------------------------------------------------------------------------

    @cached_property
    def chapters(self) -> tuple[NavPage, ...]:
        """The article's chapters: the pages of the nav section `comparison`, tools (extra.tools) aside."""
        found = tuple(p for p in self.pages if p.section == CHAPTER_SECTION and p.src not in self.tools)
        if not found:
            raise DataError(f"{self.config_file}: nav has no section titled 'Comparison' (id {CHAPTER_SECTION!r})")
        return found

    def page(self, src: str) -> NavPage:
        src = self.base_src(src)
        for page in self.pages:
            if page.src == src:
                return page
        raise KeyError(f"{src}: not in the nav of {self.config_file.name}")

    def chapter(self, slug: str) -> NavPage:
        for page in self.chapters:
            if page.slug == slug:
                return page
        known = ", ".join(p.slug for p in self.chapters)
        raise KeyError(f"unknown chapter {slug!r} (chapters: {known})")

    def base_src(self, src: str) -> str:
        """The default-language file of any docs file: "architecture.en.md" -> "architecture.md"."""
        for lang in self.languages:
            suffix = f".{lang.code}.md"
            if not lang.default and src.endswith(suffix):
                return src[: -len(suffix)] + ".md"
        return src

    def lang_of(self, src: str) -> str:
        """The language of a docs file, from its suffix."""
        for lang in self.languages:
            if not lang.default and src.endswith(f".{lang.code}.md"):
                return lang.code
        return self.default.code

    def source_file(self, src: str, lang: str) -> str:
        """The docs file holding a page in one language: ("architecture.md", "en") -> "architecture.en.md"."""
        base = self.base_src(src)
        return base if self.language(lang).default else base[: -len(".md")] + f".{lang}.md"

    def twin(self, src: str) -> str:
        """The other language's file of a two-language pair."""
        here = self.lang_of(src)
        other = next(code for code in self.codes if code != here)
        return self.source_file(src, other)

    def page_url(self, src: str, lang: str) -> str:
        """A page's URL relative to site_url (directory URLs): "", "architecture/", "en/architecture/"."""
        stem = self.base_src(src)[: -len(".md")]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")].rstrip("/")
        path = f"{stem}/" if stem else ""
        return self.language(lang).prefix + path

    def absolute_url(self, src: str, lang: str, anchor: str = "") -> str:
        return self.site_url + self.page_url(src, lang) + (f"#{anchor}" if anchor else "")

    def pdf_name(self, kind: str, lang: str) -> str:
        """The file name of a PDF handout: ("booklet", "en") -> "gpt4-vs-qwen3-en.pdf"."""
        try:
            return self.downloads[kind].format(lang=lang)
        except KeyError:
            raise KeyError(f"{self.config_file.name}: extra.downloads has no {kind!r}") from None

    def edit_url(self, src: str) -> str:
        return f"{self.repo_url}/{self.edit_uri.strip('/')}/{src}"

    def front_matter(self, src: str, lang: str) -> dict:
        """The YAML front matter of a page in one language ({} when it has none); cached per file."""
        return read_front_matter(self.docs_dir / self.source_file(src, lang))


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)


def read_front_matter(path: Path) -> dict:
    """A Markdown file's front matter, parsed like the data files (duplicate keys refused, errors
    naming file and line) and cached on the file's modification time."""
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    cached = _front_matter.get(str(path))
    if cached and cached[0] == stamp:
        return cached[1]
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    meta = parse_yaml("\n" + match.group(1), str(path)) if match else {}  # "\n": the opening ---, so lines match
    if not isinstance(meta, dict):
        raise DataError(f"{path}: the front matter is not a mapping of keys to values")
    _front_matter[str(path)] = (stamp, meta or {})
    return meta or {}


def relative_url(from_url: str, to_url: str) -> str:
    """A link between two site-relative URLs: ("en/architecture/", "en/sources/") -> "../sources/"."""
    from_dir = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(to_url or ".", from_dir or ".")
    if to_url.endswith("/") or not to_url:
        return "./" if rel == "." else rel + "/"
    return rel


def _plugin(config: dict, name: str) -> dict | None:
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
        if entry == name:
            return {}
    return None


_loaded: dict[str, tuple[int, Site]] = {}
_front_matter: dict[str, tuple[int, dict]] = {}
