"""PDFs printed from the built site: the booklet and the one-page handout, per language.

    .venv/bin/python -m scripts.pdf --site site --out build/pdf [--lang zh en] [--kind booklet handout]

The site builds the print views as pages (docs/print/, overrides/print_view.html,
macros/print_views.py); this package only prints them:

    documents.py  which print views exist, and their PDF names (mkdocs.yml extra.downloads)
    printer.py    serve the site (scripts/local_server.py), print with Chromium (scripts/chromium.py):
                  draft, fonts, page numbers, final
    fonts.py      TrueType subsets for the faces Chromium would otherwise draw as Type 3
    checks.py     what every PDF must be before the step succeeds
"""
