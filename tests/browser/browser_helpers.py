"""Helpers for the browser tests: request and console watching, axe-core."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclass
class Traffic:
    """What a page did on the wire and in the console."""

    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    off_host: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"failed request: {m}" for m in self.failed]
            + [f"request to another host: {m}" for m in self.off_host]
        )


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


def watch(page) -> Traffic:
    """Record console errors, uncaught exceptions, failed and non-2xx/3xx requests, and requests to
    any host but localhost (those are aborted, so a test never depends on the network)."""
    traffic = Traffic()

    def on_console(message):
        if message.type == "error":
            traffic.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_response(response):
        if response.status >= 400:
            traffic.failed.append(f"{response.status} {response.url}")

    def on_failed(request):
        # net::ERR_ABORTED is a request the page itself cancelled or left behind by navigating
        # (e.g. the search worker's scripts when the reader switches language): not a failure.
        if is_local(request.url) and "ERR_ABORTED" not in (request.failure or ""):
            traffic.failed.append(f"{request.failure} {request.url}")

    def off_host(route):
        traffic.off_host.append(route.request.url)
        route.abort()

    page.on("console", on_console)
    page.on("pageerror", lambda error: traffic.console_errors.append(f"uncaught: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    page.context.route(lambda url: not is_local(url), off_host)
    return traffic


WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")


def run_axe(page, axe_source: str, tags: tuple[str, ...] = WCAG_TAGS) -> list[dict]:
    """axe-core with the rules of `tags` (default: WCAG 2.0/2.1 A and AA); returns the violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async tags => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        list(tags),
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['summary'].splitlines()[-1].strip()}")
    return "\n".join(lines)


# The tooltip site.css draws below a focused term or figure (the `title` text in ::after).
_SHOWN_TOOLTIP = """el => {
  const after = getComputedStyle(el, '::after');
  return after.display === 'none' || after.content === 'none' ? '' : after.content;
}"""


def shown_tooltip(locator) -> str:
    """The text of the tooltip shown under `locator` now ('' when none is shown)."""
    content = locator.evaluate(_SHOWN_TOOLTIP)
    return content[1:-1] if content.startswith('"') else content
