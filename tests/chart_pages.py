"""A throw-away page holding every chart and diagram, for build and browser tests of a project copy."""

from __future__ import annotations

from macros.data import load_data
from macros.visuals.charts import CHARTS


def add_preview_page(project, extra: str = ""):
    """A page with every chart and diagram, in both languages, added to the copy's nav."""
    diagrams = load_data(project).diagrams.diagrams
    calls = "\n\n".join([f'{{{{ chart("{n}") }}}}' for n in CHARTS] + [f'{{{{ diagram("{n}") }}}}' for n in diagrams])
    body = f"# Charts {{ #charts }}\n\n{extra}\n{calls}\n"
    for suffix in ("", ".en"):
        (project / "docs" / f"zz-charts{suffix}.md").write_text(body, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      - 来源: sources.md\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + "      - 图表: zz-charts.md\n", 1), encoding="utf-8")
