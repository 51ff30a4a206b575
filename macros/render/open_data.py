"""Open data on the pages: the downloads and cite box (sources page), each register row's permalink and
"report a problem" link, and the data changelog page.

The report link opens a new GitHub issue with the figure prefilled (key, value as shown, status,
sources, the row's address): repo_url in mkdocs.yml + /issues/new?title=…&body=…
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from ..changelog import Change, Day, History
from ..citation import Citation
from ..numbers import as_text
from ..texts import fill
from ..yamlio import DataError
from .corrections import md_escape
from .figures import SOURCES_PAGE, Figures, anchor_for_figure, attr

GITHUB_REPO = re.compile(r"^https://github\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
JSON_FILE = "data/facts.json"
CSV_FILE = "data/facts.csv"
CHANGELOG_PAGE = "changelog.md"


def iri_quote(text: str) -> str:
    """Percent-encode a query value, leaving non-ASCII letters as they are (an IRI: browsers encode
    them when they follow the link). A Chinese issue body stays a third of its fully encoded size."""
    return "".join(ch if ord(ch) > 127 else quote(ch, safe="") for ch in text)


def feed_file(lang: str) -> str:
    """The changelog's Atom feed in one language, at the site root: "data/changelog.en.atom"."""
    return f"data/changelog.{lang}.atom"


# --- the register's row links ---------------------------------------------------------------


def permalink(figures: Figures, key: str) -> str:
    page = figures.page
    return page.site.absolute_url(SOURCES_PAGE, page.lang, anchor_for_figure(key))


def issue_url(figures: Figures, key: str) -> str:
    """A new-issue link with the figure's key, shown value, status, sources and address filled in."""
    page, fact = figures.page, figures.facts[key]
    repo = page.site.repo_url
    if not GITHUB_REPO.match(repo):
        raise DataError(
            f"{page.site.config_file}: repo_url {repo!r} must be https://github.com/<owner>/<repo>"
            " (every register row links to a new issue there)"
        )
    shown = as_text(figures.value(key))
    sources = page.t("punct.semicolon").join(
        figures.facts.sources[s].label[page.lang] + page.t("punct.paren", text=figures.facts.sources[s].url)
        for s in fact.sources
    )
    words = dict(figure=key, value=shown)
    title = page.t("open_data.register.issue_title", **words)
    body = page.t(
        "open_data.register.issue_body",
        **words,
        status=figures.status_name(fact),
        sources=sources,
        url=permalink(figures, key),
    )
    return f"{repo}/issues/new?title={iri_quote(title)}&body={iri_quote(body)}"


def key_cell(figures: Figures, key: str) -> str:
    """The register's first cell: the key as the row's permalink, a copy button, the report link."""
    page = figures.page
    url = permalink(figures, key)
    return (
        f'<a class="register__permalink" href="#{anchor_for_figure(key)}"'
        f' title="{attr(page.t("open_data.register.permalink", url=url))}"><code>{html.escape(key)}</code></a>'
        f'<span class="register__actions">'
        f'<button type="button" class="md-clipboard md-icon register__copy" data-needs-script'
        f' data-clipboard-text="{attr(url)}"'
        f' title="{attr(page.t("open_data.register.copy"))}"'
        f' aria-label="{attr(page.t("open_data.register.copy_label", figure=key))}"></button>'
        f'<a class="register__report" href="{attr(issue_url(figures, key))}"'
        f' aria-label="{attr(page.t("open_data.register.report_label", figure=key))}">'
        f"{html.escape(page.t('open_data.register.report'))}</a></span>"
    )


# --- the sources page: downloads and the cite box ---------------------------------------------


def data_files(figures: Figures, history: History) -> str:
    """Links to the published data files (at the site root, the same for both languages)."""
    page = figures.page
    colon = html.escape(page.t("punct.colon"))
    files = [(JSON_FILE, "json", "application/json"), (CSV_FILE, "csv", "text/csv")]
    if history.available:
        files.append((feed_file(page.lang), "feed", "application/atom+xml"))
    items = [
        f'<li><a href="{attr(page.root_link(path))}" type="{mime}">'
        f"{html.escape(path.rsplit('/', 1)[-1])}</a>"
        f"{colon}{html.escape(page.t(f'open_data.files.{kind}'))}</li>"
        for path, kind, mime in files
    ]
    items.append(
        f'<li><a href="{attr(page.link(CHANGELOG_PAGE))}">{html.escape(page.t("open_data.files.changelog"))}</a>'
        f"{colon}{html.escape(page.t('open_data.files.changelog_about'))}</li>"
    )
    return f'<ul class="open-data">{"".join(items)}</ul>'


def braces_as_entities(text: str) -> str:
    """{ and } as character references, so no "{{" stands in the built HTML (it reads as unrendered Jinja)."""
    return text.replace("{", "&#123;").replace("}", "&#125;")


def cite_box(figures: Figures, citation: Citation) -> str:
    page = figures.page
    authors = page.t("punct.list").join(citation.authors)
    licence = f'<a href="{attr(citation.licence_url)}">{html.escape(citation.licence_name)}</a>'
    text = fill(
        page.t("open_data.cite.text"),
        authors=html.escape(authors),
        title=html.escape(citation.title),
        url=f'<a href="{attr(citation.url)}">{html.escape(citation.url)}</a>',
        licence=licence,
    )
    accessed = html.escape(page.t("open_data.cite.accessed"))
    bibtex = citation.bibtex()  # the button copies this attribute (Material renames the <pre>'s id)
    return (
        f'<div class="cite-box"><p class="cite-box__text">{text}</p><p class="cite-box__hint">{accessed}</p>'
        f'<p class="cite-box__label">{html.escape(page.t("open_data.cite.bibtex"))}</p>'
        f'<div class="cite-box__code"><pre><code>{html.escape(bibtex)}</code></pre>'
        f'<button type="button" class="md-clipboard md-icon cite-box__copy" data-needs-script'
        f' data-clipboard-text="{braces_as_entities(attr(bibtex))}"'
        f' title="{attr(page.t("open_data.cite.copy"))}" aria-label="{attr(page.t("open_data.cite.copy"))}"></button>'
        f"</div></div>"
    )


# --- the changelog page -----------------------------------------------------------------------


def day_anchor(day: Day, seen: set[str]) -> str:
    anchor = f"data-{day.date}"
    n = 2
    while anchor in seen:  # the same date twice: commits out of date order in the history
        anchor, n = f"data-{day.date}-{n}", n + 1
    seen.add(anchor)
    return anchor


class Changelog:
    """The data changelog of one page language, from the git history of data/facts.yml."""

    def __init__(self, figures: Figures, history: History):
        self.figures = figures
        self.page = figures.page
        self.history = history

    def t(self, key: str, plural_of=None, **values) -> str:
        return self.page.t(key, plural_of=plural_of, **values)

    def page_markdown(self, stash) -> str:
        """One section per date, newest first; a notice instead when there is no history."""
        if not self.history.available:
            repo = self.page.site.repo_url
            note = html.escape(self.t("open_data.changelog.no_history"))
            link = f' <a href="{attr(repo)}">{html.escape(repo)}</a>' if repo else ""
            return stash.block(f'<p class="changelog__none" data-changelog="none">{note}{link}</p>')
        out = []
        lead = self.feed_link()
        if self.history.shallow:
            lead += f'<p class="changelog__shallow">{html.escape(self.t("open_data.changelog.shallow"))}</p>'
        out.append(stash.block(lead))
        for day, anchor in zip(self.history.days, self.anchors()):
            out.append(f"## {md_escape(self.date(day.date))} {{ #{anchor} }}\n")
            out.append(stash.block(self.day_html(day)))
        return "\n".join(out)

    def anchors(self) -> list[str]:
        """The id of each date's section: "data-2026-12-02" (the page's headings, the feed's entry ids)."""
        seen: set[str] = set()
        return [day_anchor(day, seen) for day in self.history.days]

    def day_title(self, day: Day) -> str:
        """A date's one-line summary (the feed's entry titles)."""
        date = self.date(day.date)
        if day.first:
            return date + self.t("punct.colon") + self.first_text(day)
        count = len(day.changes)
        return self.t("open_data.changelog.feed_entry", plural_of=count, date=date, count=count)

    def feed_link(self) -> str:
        href = self.page.root_link(feed_file(self.page.lang))
        label = html.escape(self.t("open_data.changelog.feed_link"))
        return f'<p class="changelog__feed"><a href="{attr(href)}" type="application/atom+xml">{label}</a></p>'

    def date(self, iso: str) -> str:
        return as_text(self.figures.format.figure(iso, "date", self.page.lang))

    def first_text(self, day: Day) -> str:
        return self.t("open_data.changelog.first", plural_of=day.count, count=day.count)

    def day_html(self, day: Day) -> str:
        """The day's changes as a list, then its commits."""
        if day.first:
            body = f"<p>{html.escape(self.first_text(day))}</p>"
        elif not day.changes:
            body = f"<p>{html.escape(self.t('open_data.changelog.none'))}</p>"
        else:
            body = f'<ul class="changelog__changes">{"".join(self.change_html(c) for c in day.changes)}</ul>'
        repo = self.page.site.repo_url
        commits = html.escape(self.t("punct.list")).join(
            f'<a class="changelog__key" href="{attr(f"{repo}/commit/{rev}")}">{rev[:7]}</a>'
            if repo
            else f"<code>{rev[:7]}</code>"
            for rev in day.revs
        )
        label = html.escape(self.t("open_data.changelog.commits", plural_of=len(day.revs)))
        colon = html.escape(self.t("punct.colon"))
        return f'<div class="changelog__day">{body}<p class="changelog__commits">{label}{colon}{commits}</p></div>'

    def change_html(self, change: Change) -> str:
        key = html.escape(change.key)
        name = (
            f'<a class="changelog__key" href="{attr(self.figures.register_link(change.key))}">{key}</a>'
            if change.key in self.figures.facts
            else f'<span class="changelog__key">{key}</span>'
        )
        before, after = self.values(change)
        kind = change.kind
        if kind == "changed" and before == after:  # the same number shown: only unit, status or source changed
            kind = "kept"
        line = fill(self.t(f"open_data.changelog.{kind}"), figure=name, before=before, after=after)
        details = [
            fill(
                self.t("open_data.changelog.field"),
                field=html.escape(self.t(f"open_data.changelog.fields.{field}")),
                before=self.field_text(field, change.before.get(field)),
                after=self.field_text(field, change.after.get(field)),
            )
            for field in ("unit", "status", "source")
            if change.kind == "changed" and field in change.fields
        ]
        if details:
            joined = html.escape(self.t("punct.semicolon")).join(details)
            line += f'<span class="changelog__details">{fill(self.t("punct.paren"), text=joined)}</span>'
        return f'<li data-key="{attr(change.key)}" data-change="{change.kind}">{line}</li>'

    def values(self, change: Change) -> tuple[str, str]:
        """Both values as the site writes them; written out exactly when rounding would hide the change."""
        before = self.value(change.before) if change.before else ""
        after = self.value(change.after) if change.after else ""
        if before and before == after and change.before.get("value") != change.after.get("value"):
            before, after = self.value(change.before, "exact"), self.value(change.after, "exact")
        return before, after

    def value(self, fig: dict, style: str | None = None) -> str:
        """A value of any version, formatted with the unit it had then (raw when today's code cannot)."""
        try:
            return self.figures.format.figure(
                fig["value"], fig["unit"], self.page.lang, style, fig.get("sig"), fig.get("form")
            )
        except (KeyError, TypeError, ValueError):
            return f"<code>{html.escape(str(fig.get('value')))}</code>"

    def field_text(self, field: str, value) -> str:
        if field == "status" and f"status.{value}.name" in self.page.words:
            return html.escape(self.t(f"status.{value}.name"))
        if field == "source" and value in self.figures.facts.sources:
            return html.escape(self.figures.facts.sources[value].label[self.page.lang])
        return f"<code>{html.escape(str(value))}</code>"
