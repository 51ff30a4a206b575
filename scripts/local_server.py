"""A built site on 127.0.0.1, in a thread: for the PDF step, the benchmark and the tests.

    with LocalServer(Path("site"), prefix="/gpt4-vs-qwen3/") as server:
        server.url          # "http://127.0.0.1:PORT/gpt4-vs-qwen3/"

`prefix` mounts the site under site_url's path, as GitHub Pages does (requests outside it get 404).
`gzip=True` compresses text responses for clients that accept it, as GitHub Pages does (for page
weights). Port 0 picks a free port.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import re
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = re.compile(r"text/|javascript|json|xml|svg")  # what GitHub Pages compresses


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    compress = False

    def log_message(self, format, *args):  # noqa: A002 - keep the callers' output clean
        pass

    def translate_path(self, path: str) -> str:
        clean = unquote(urlsplit(path).path)
        if not clean.startswith(self.prefix) and clean + "/" != self.prefix:
            return os.path.join(self.directory, "__outside_the_prefix__")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def send_head(self):
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not os.path.isfile(path) or not COMPRESSED_TYPES.search(ctype):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


class LocalServer:
    def __init__(self, root: Path, prefix: str = "/", port: int = 0, gzip: bool = False):
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = type("Handler", (_Handler,), {"prefix": prefix, "compress": gzip})
        handler.extensions_map = {**handler.extensions_map, ".ttf": "font/ttf", ".css": "text/css"}
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(root))
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
