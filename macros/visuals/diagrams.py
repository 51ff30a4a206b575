"""Pipeline diagrams (data/diagrams.yml) as semantic HTML: ordered lists styled by charts.css.

No script and no image: the steps are text, so they are searchable, translated, read in order by
screen readers, and printed (arrows are CSS; boxes reflow to a column on narrow screens).
Figures in the steps are the same figure links as in the text.

Usage in a page: {{ diagram("qwen3-pretraining") }}.
"""

from __future__ import annotations

import html

from .. import texts
from ..render.figures import Figures, anchor_for_source, attr


def diagram_html(name: str, figures: Figures) -> str:
    page = figures.page
    diagrams = page.data.diagrams.diagrams
    try:
        diagram = diagrams[name]
    except KeyError:
        raise KeyError(f"diagram(): unknown diagram {name!r} (known: {', '.join(diagrams)})") from None
    lang = page.lang

    def text(label) -> str:
        return texts.render(label[lang], figures.fig, figures.formula)

    lanes = []
    for lane in diagram.lanes:
        items = []
        for step in lane.steps:
            cls = "pipeline__step" + (" pipeline__step--aside" if step.aside else "")
            tag = f'<span class="pipeline__tag">{html.escape(step.tag[lang])}</span>' if step.tag else ""
            meta = "".join(f'<span class="pipeline__meta">{text(m)}</span>' for m in step.meta)
            note = f'<span class="pipeline__note">{html.escape(step.note[lang])}</span>' if step.note else ""
            items.append(
                f'<li class="{cls}">{tag}<span class="pipeline__name">{text(step.name)}</span>{meta}{note}</li>'
            )
        title = f'<p class="pipeline__lane-title">{html.escape(lane.title[lang])}</p>' if lane.title else ""
        lanes.append(f'<div class="pipeline__lane">{title}<ol class="pipeline__steps">{"".join(items)}</ol></div>')
    sources = html.escape(page.t("punct.list")).join(
        f'<a href="{attr(page.link("sources.md", anchor_for_source(s)))}">'
        f"{html.escape(page.data.facts.sources[s].label[lang])}</a>"
        for s in diagram.sources
    )
    colon = html.escape(page.t("punct.colon"))
    after = texts.fill(page.t("diagram.sources"), list=sources)
    caption = f"<strong>{html.escape(diagram.title[lang])}</strong>{colon}{text(diagram.caption)}{after}"
    caption_id = f"diagram-{name}-{lang}"
    return (
        f'<figure class="pipeline pipeline--{diagram.family}" data-diagram="{attr(name)}" lang="{lang}"'
        f' aria-labelledby="{caption_id}">{"".join(lanes)}'
        f'<figcaption id="{caption_id}">{caption}</figcaption></figure>'
    )
