"""Comparison tables from data/tables.yml (the home page's at-a-glance table, the handout's key figures)."""

from __future__ import annotations

import html

from .. import texts
from .figures import Figures, attr


def comparison_table(name: str, figures: Figures) -> str:
    page = figures.page
    tables = page.data.tables.tables
    try:
        table = tables[name]
    except KeyError:
        raise KeyError(f"comparison_table(): unknown table {name!r} (known: {', '.join(tables)})") from None
    lang = page.lang
    head = "".join(f'<th scope="col">{html.escape(c[lang])}</th>' for c in table.columns)
    rows = []
    for row in table.rows:
        cells = []
        for column, cell in zip(table.columns[1:], row.cells, strict=True):
            if isinstance(cell, list):
                shown = " / ".join(figures.fig(key) for key in cell) or "—"
            else:
                shown = texts.render(cell[lang], figures.fig, figures.formula)
            # data-label names the column when a phone stacks the row (site.css)
            cells.append(f'<td data-label="{attr(column[lang])}">{shown}</td>')
        rows.append(f'<tr><th scope="row">{html.escape(row.label[lang])}</th>{"".join(cells)}</tr>')
    return (
        f'<div class="comparison" data-table="{attr(name)}"><table class="comparison__table">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
