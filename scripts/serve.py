"""Live preview (`make serve`): `mkdocs serve` on 127.0.0.1:$PORT (8000), zh at / and en at /en/.

mkdocs serve mounts the site at site_url's path, which is /gpt4-vs-qwen3/ for GitHub Pages; the
preview goes at / instead, the addresses the README prints, by giving MkDocs a local site_url
as a config override (what `mkdocs serve` does with its own options; mkdocs.yml stays the one
for the published site). `--livereload` is passed because click >= 8.2 drops that default.
Once the first build is served, both addresses are printed. Extra arguments go to mkdocs serve.

Rebuilds are `--dirty`: a saved page rebuilds that page (in each language) rather than the whole
site; an edit under data/, macros/, overrides/ or to mkdocs.yml rebuilds every page (macros/build.py
on_files). A dirty rebuild indexes only the pages it rebuilt, so search in the preview may miss
pages until the next full build; `make build` is always complete. `CLEAN=1 make serve` turns it off.
"""

from __future__ import annotations

import functools
import os
import signal
import socket
import sys
import threading
import time
import unicodedata
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


def addresses(port: int) -> dict[str, str]:
    base = f"http://{HOST}:{port}/"
    sys.path.insert(0, str(ROOT))
    from macros.site import Site  # the language names and URL prefixes of mkdocs.yml

    return {lang.name: base + lang.prefix for lang in Site.load(ROOT / "mkdocs.yml").languages}


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def answers(url: str) -> bool:
    try:  # MkDocs listens during the first build and answers when it is done: wait that long
        with urllib.request.urlopen(url, timeout=600) as response:
            return response.status == 200
    except OSError:
        return False


def announce(urls: dict[str, str]) -> None:
    """Print the addresses once each answers 200 (the process ends if MkDocs fails)."""
    for url in urls.values():
        while not answers(url):
            time.sleep(0.2)
    width = {name: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in name) for name in urls}
    lines = [f"  {name}{' ' * (9 - width[name])}{url}" for name, url in urls.items()]
    print("\nPreview ready, with live reload (Ctrl-C stops it):\n" + "\n".join(lines) + "\n", flush=True)


def stop(signum, frame):
    raise KeyboardInterrupt  # MkDocs then shuts down and removes its temporary site


def main(argv: list[str]) -> None:
    # Ctrl-C and `kill` stop the preview cleanly, also when started where SIGINT is ignored.
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    port = int(os.environ.get("PORT") or 8000)
    if not port_is_free(port):
        sys.exit(f"serve: port {port} on {HOST} is in use (another preview?). Try: PORT={port + 123} make serve")
    urls = addresses(port)
    sys.dont_write_bytecode = True  # a __pycache__ write under macros/ or overrides/ would rebuild again

    from mkdocs import __main__ as mkdocs_cli
    from mkdocs.commands import serve as serve_command

    # The CLI has no --site-url; its serve command passes its options on to this function.
    serve_command.serve = functools.partial(serve_command.serve, site_url=f"http://{HOST}:{port}/")
    threading.Thread(target=announce, args=(urls,), daemon=True).start()
    os.chdir(ROOT)
    dirty = [] if os.environ.get("CLEAN") else ["--dirty"]
    mkdocs_cli.cli(["serve", "--dev-addr", f"{HOST}:{port}", "--livereload", *dirty, *argv], prog_name="mkdocs")


if __name__ == "__main__":
    main(sys.argv[1:])
