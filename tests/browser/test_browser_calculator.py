"""The serving calculator in Chromium: held-out setups against the reference formulas, the URL
round trip, invalid input, keyboard use, axe, and no request off localhost."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import pytest
from browser_helpers import WCAG_TAGS, describe, run_axe, watch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from calculator_reference import HELD_OUT, reference  # noqa: E402

pytestmark = pytest.mark.browser

PATHS = {"zh": "calculator/", "en": "en/calculator/"}
SERIOUS = {"serious", "critical"}
OUTPUTS = [
    "weights_bytes",
    "kv_bytes_per_token",
    "kv_bytes_per_token_per_gpu",
    "kv_bytes_total",
    "budget_bytes_per_gpu",
    "max_tokens",
    "max_concurrency",
    "fits",
    "decode_tokens_per_s_ceiling",
]


def open_calculator(page, served_site: str, lang: str = "en", settings: dict | None = None):
    query = "?" + urlencode(settings) if settings else ""
    page.goto(served_site + PATHS[lang] + query, wait_until="load")
    page.wait_for_selector("#calc-app:not([hidden]) [data-out='fits'][data-value]")


def values(page) -> dict:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#calc-app [data-out]')]
            .map(el => [el.dataset.out, el.hasAttribute('data-value') ? Number(el.dataset.value) : null]))"""
    )


def query(page) -> dict:
    """The address as the page left it (page.url may lag behind history.replaceState)."""
    search = page.evaluate("location.search")
    return {k: v[0] for k, v in parse_qs(search.lstrip("?"), keep_blank_values=True).items()}


def message(page, param: str) -> str:
    return page.locator(f"#calc-{param}-msg").inner_text().strip()


@pytest.mark.parametrize("index", range(len(HELD_OUT)), ids=lambda i: f"{HELD_OUT[i]['model']}-{HELD_OUT[i]['gpus']}")
def test_held_out_setups_match_the_reference_formulas(page, served_site, index):
    settings = HELD_OUT[index]
    traffic = watch(page)
    open_calculator(page, served_site, "zh" if index % 2 else "en", settings)
    shown, expected = values(page), reference(**settings)
    assert set(shown) == set(OUTPUTS)
    # Weights: the pure bits-per-weight estimate (the page says real checkpoints carry a little more).
    assert math.isclose(shown["weights_bytes"], expected["weights_bytes"], rel_tol=1e-6)
    for name in ("kv_bytes_per_token", "kv_bytes_per_token_per_gpu", "kv_bytes_total"):
        assert shown[name] == expected[name], name  # KV exactly
    assert abs(shown["max_concurrency"] - expected["max_concurrency"]) <= 1
    assert math.isclose(shown["decode_tokens_per_s_ceiling"], expected["decode_tokens_per_s_ceiling"], rel_tol=0.05)
    assert math.isclose(shown["budget_bytes_per_gpu"], expected["budget_bytes_per_gpu"], rel_tol=1e-6)
    assert shown["fits"] == (1 if shown["max_concurrency"] >= settings["batch"] else 0)
    assert not traffic.problems(), traffic.problems()


CHOICES = ("model", "weights", "kv", "gpu")


def same(param: str, shown: str, given) -> bool:
    """A choice as given; a number equal as a number ("0.90" is 0.9)."""
    return shown == str(given) if param in CHOICES else float(shown) == float(given)


def test_url_round_trip(page, served_site):
    traffic = watch(page)
    settings = dict(HELD_OUT[0], overhead_gib=3, eff=0.8)
    open_calculator(page, served_site, "en", settings)
    for param, value in settings.items():
        assert same(param, page.input_value(f"[name={param}]"), value), param
    before = values(page)
    assert query(page) == {k: str(v) for k, v in settings.items()}, "loading does not rewrite the address"
    page.fill("[name=gpus]", "4")
    written = query(page)
    for param, value in {**settings, "gpus": 4}.items():
        assert same(param, written[param], value), param
    assert "mem_gb" not in written and "bw_tbs" not in written, "preset values are not written"
    changed = values(page)
    page.goto(page.evaluate("location.href"), wait_until="load")
    page.wait_for_selector("#calc-app [data-out='fits'][data-value]")
    assert values(page) == changed != before
    assert not traffic.problems(), traffic.problems()


def test_memory_and_bandwidth_override_the_preset_until_the_gpu_changes(page, served_site):
    open_calculator(page, served_site, "en", {"gpu": "h100", "mem_gb": "94", "gpus": "1", "model": "qwen3-32b"})
    assert page.input_value("[name=mem_gb]") == "94" and page.input_value("[name=bw_tbs]") == "3.35"
    assert values(page)["budget_bytes_per_gpu"] == pytest.approx(
        reference(model="qwen3-32b", gpu="h100", gpus=1, mem_gb=94)["budget_bytes_per_gpu"]
    )
    page.select_option("[name=gpu]", "h200")
    assert page.input_value("[name=mem_gb]") == "141" and page.input_value("[name=bw_tbs]") == "4.8"
    assert "mem_gb" not in query(page) and query(page)["gpu"] == "h200"
    page.fill("[name=bw_tbs]", "5")
    assert query(page)["bw_tbs"] == "5"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_invalid_input_shows_a_message_and_keeps_the_address(page, served_site, lang):
    traffic = watch(page)
    open_calculator(page, served_site, lang, {"context": "32768", "gpus": "8"})
    for param, bad in (("context", "abc"), ("gpus", "0"), ("overhead_gib", "-1"), ("util", "1.5"), ("batch", "2.5")):
        page.fill(f"[name={param}]", bad)
        assert message(page, param), f"{param}={bad!r}: no message"
        assert page.get_attribute(f"[name={param}]", "aria-invalid") == "true"
        assert bad not in query(page).get(param, ""), f"{param}={bad!r} written to the address"
        assert all(v is None for v in values(page).values()), "results shown for invalid input"
        page.fill(
            f"[name={param}]", {"context": "32768", "gpus": "8", "overhead_gib": "2", "util": "0.9"}.get(param, "1")
        )
        assert not message(page, param) and page.get_attribute(f"[name={param}]", "aria-invalid") is None
    assert values(page)["fits"] == 1
    assert page.locator("#calc-summary").get_attribute("role") == "status"
    assert not traffic.problems(), traffic.problems()


def test_invalid_values_in_the_address_are_named_and_nothing_breaks(page, served_site):
    traffic = watch(page)
    page.goto(served_site + PATHS["en"] + "?model=gpt-4&gpus=0&context=lots", wait_until="load")
    page.wait_for_selector("#calc-app:not([hidden])")
    assert "gpt-4" in message(page, "model") and message(page, "gpus") and message(page, "context")
    assert page.input_value("[name=model]") == "qwen3-235b-a22b"
    assert query(page) == {"model": "gpt-4", "gpus": "0", "context": "lots"}, "the address is left as given"
    assert page.locator("#calc-summary").inner_text().strip()
    page.fill("[name=gpus]", "8")
    page.fill("[name=context]", "32768")
    assert values(page)["max_concurrency"] == 16
    assert query(page)["model"] == "qwen3-235b-a22b" and query(page)["gpus"] == "8"
    assert not traffic.problems(), traffic.problems()


def test_replicated_kv_heads_are_explained(page, served_site):
    open_calculator(page, served_site, "en", {"model": "qwen3-30b-a3b", "gpus": "8"})
    note = page.locator("[data-note=kv_bytes_per_token_per_gpu]").inner_text()
    assert "replicated" in note and "8" in note and "4" in note
    page.fill("[name=gpus]", "2")
    assert "replicated" not in page.locator("[data-note=kv_bytes_per_token_per_gpu]").inner_text()


def test_keyboard_alone_changes_the_setup(page, served_site):
    open_calculator(page, served_site, "en")
    page.focus("[name=model]")
    before = values(page)
    page.keyboard.press("ArrowDown")
    assert page.input_value("[name=model]") == "qwen3-30b-a3b"
    assert query(page)["model"] == "qwen3-30b-a3b" and values(page) != before
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "weights"


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_calculator_passes_axe_with_results_and_with_an_error(browser, served_site, axe_source, lang, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        traffic = watch(page)
        open_calculator(page, served_site, lang, {"model": "qwen3-30b-a3b", "gpus": "8"})
        problems = [v for v in run_axe(page, axe_source, (*WCAG_TAGS, "best-practice")) if v["impact"] in SERIOUS]
        assert not problems, describe(problems)
        # typed without scrolling: a scrolled page shows Material's header title mid-fade, which
        # axe would measure (the theme's transition, not this page)
        page.locator("[name=gpus]").evaluate(
            "el => { el.value = '0'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
        )
        assert message(page, "gpus")
        problems = [v for v in run_axe(page, axe_source, (*WCAG_TAGS, "best-practice")) if v["impact"] in SERIOUS]
        assert not problems, describe(problems)
        page.wait_for_load_state("networkidle")
        assert not traffic.problems(), traffic.problems()
    finally:
        context.close()


def test_without_javascript_the_table_and_formulas_remain(browser, served_site):
    context = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_site + PATHS["en"], wait_until="load")
        assert not page.locator("#calc-app").is_visible()
        assert page.locator(".calc__noscript").is_visible()
        assert page.locator("[data-calculator-table] tbody[data-model]").count() >= 6
        assert page.locator(".calc-formulas dt").count() >= 9
        # on a phone the wide tables scroll inside their own box (without JavaScript Material does not wrap them)
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('.calc-table, .calc-presets')]"
            ".map(el => el.getBoundingClientRect().right))"
        )
        assert widest <= page.evaluate("window.innerWidth")
    finally:
        context.close()
