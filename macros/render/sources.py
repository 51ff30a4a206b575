"""The sources page: the status legend, the list of sources, and the figure register."""

from __future__ import annotations

import html

from ..schema import STATUSES
from .figures import Figures, anchor_for_figure, anchor_for_source, attr
from .open_data import key_cell


def status_legend(figures: Figures) -> str:
    """One line per status: its marker as readers see it and what it means."""
    page = figures.page
    items = []
    for status in STATUSES:
        shown = "—" if status == "official" else page.t(f"status.{status}.name")
        items.append(
            f'<li class="legend__item legend__item--{status}"><span class="fig__mark fig__mark--{status}">'
            f"{html.escape(shown)}</span> <strong>{html.escape(page.t(f'status.{status}.name'))}</strong>"
            f"{html.escape(page.t('punct.colon'))}{html.escape(page.t(f'status.{status}.long'))}</li>"
        )
    return f'<ul class="status-legend">{"".join(items)}</ul>'


def sources_list(figures: Figures) -> str:
    page, facts = figures.page, figures.facts
    items = []
    for source in facts.sources.values():
        users = sum(1 for f in facts.figures.values() if source.id in f.sources)
        date = page.t(f"sources_page.{source.date_kind}", date=figures.date(source))
        about = page.t("sources_page.item", publisher=source.publisher, date=date, count=users)
        items.append(
            f'<li id="{anchor_for_source(source.id)}"><a href="{attr(source.url)}">{html.escape(source.title)}</a>'
            f" — {html.escape(about)}</li>"
        )
    return f'<ul class="source-list">{"".join(items)}</ul>'


def figure_register(figures: Figures) -> str:
    """Every figure: key (the row's permalink, a copy button, a prefilled issue link), value, status, sources."""
    page, facts = figures.page, figures.facts
    head = "".join(
        f"<th>{html.escape(page.t(f'sources_page.head_{k}'))}</th>" for k in ("key", "value", "status", "sources")
    )
    rows = []
    for key, fact in facts.figures.items():
        sources = html.escape(page.t("punct.list")).join(
            f'<a href="#{anchor_for_source(s)}">{html.escape(facts.sources[s].label[page.lang])}</a>'
            for s in fact.sources
        )
        value = figures.value(key)
        if fact.formula is not None:
            value += f"<br><small>{figures.formula_text(key)}</small>"
        rows.append(
            f'<tr id="{anchor_for_figure(key)}" data-key="{attr(key)}" data-status="{fact.status}">'
            f"<td>{key_cell(figures, key)}</td><td>{value}</td>"
            f"<td>{html.escape(figures.status_name(fact))}</td><td>{sources}</td></tr>"
        )
    return (
        f'<div class="register" data-search-exclude><table class="register__table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
