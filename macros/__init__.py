"""The site's Python: data, figures, charts and the build hooks. See macros/register.py for the macros.

mkdocs-macros calls define_env once per build (static-i18n builds once per language). Under
`mkdocs serve` a changed module of this package is reloaded first, so an edit to macros/ shows up
on the next rebuild without restarting the server.
"""

from __future__ import annotations


def define_env(env):
    from . import reload

    reload.if_changed()
    from .register import register

    register(env)
