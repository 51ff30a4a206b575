"""data/facts.yml is checked by a schema: bad data fails with a message naming the key."""

from __future__ import annotations

import pytest
import yaml
from project import ROOT

from macros.facts import DataError, UnknownFigureError, load_facts

DATA = ROOT / "data" / "facts.yml"


def broken_copy(tmp_path, mutate) -> str:
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "facts.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def error_of(tmp_path, mutate) -> str:
    with pytest.raises(DataError) as caught:
        load_facts(broken_copy(tmp_path, mutate))
    return str(caught.value)


def test_the_real_data_file_is_valid():
    facts = load_facts(DATA)
    assert len(facts.figures) > 100
    assert {f.status for f in facts.figures.values()} == {"official", "reported", "derived", "unverified"}


def test_every_gpt4_architecture_figure_is_reported():
    facts = load_facts(DATA)
    for key in ("total_params", "experts", "active_params", "layers", "pretrain_tokens", "training_flops"):
        assert facts[f"gpt4.{key}"].status == "reported", key


def test_every_source_is_cited_and_has_a_url():
    facts = load_facts(DATA)
    cited = {s for f in facts.figures.values() for s in f.sources}
    assert cited <= set(facts.sources)
    assert all(str(s.url).startswith("http") for s in facts.sources.values())


def test_wrong_type_names_the_key(tmp_path):
    message = error_of(tmp_path, lambda d: d["figures"]["gpt4"]["layers"].update(value="many"))
    assert "figures.gpt4.layers" in message and "facts.yml" in message


def test_unknown_status_names_the_key(tmp_path):
    message = error_of(tmp_path, lambda d: d["figures"]["qwen3_235b"]["experts"].update(status="rumour"))
    assert "figures.qwen3_235b.experts.status" in message


def test_typed_derived_status_is_refused(tmp_path):
    message = error_of(tmp_path, lambda d: d["figures"]["qwen3_235b"]["experts"].update(status="derived"))
    assert "figures.qwen3_235b.experts.status" in message


def test_missing_source_names_the_key(tmp_path):
    message = error_of(tmp_path, lambda d: d["figures"]["gpt4"]["experts"].pop("source"))
    assert "figures.gpt4.experts.source" in message and "Field required" in message


def test_unknown_source_id_names_the_key(tmp_path):
    message = error_of(tmp_path, lambda d: d["figures"]["gpt4"]["experts"].update(source="blog_post"))
    assert "figures.gpt4.experts.source" in message and "blog_post" in message


def test_a_derived_figure_typed_into_the_data_file_is_refused(tmp_path):
    def type_in(d):
        d["figures"]["qwen3_235b"]["kv_cache_bytes_per_token_bf16"] = {
            "value": 1,
            "unit": "bytes",
            "status": "official",
            "source": "article",
            "note": "typed",
        }

    with pytest.raises(DataError, match="qwen3_235b.kv_cache_bytes_per_token_bf16 is derived"):
        load_facts(broken_copy(tmp_path, type_in))


def test_malformed_yaml_names_the_file(tmp_path):
    path = tmp_path / "facts.yml"
    path.write_text("figures: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"facts.yml:\d+: not valid YAML"):
        load_facts(path)


def test_unknown_key_suggests_a_near_one():
    facts = load_facts(DATA)
    with pytest.raises(UnknownFigureError, match="gpt4.total_parameters") as caught:
        facts["gpt4.total_parameters"]
    with pytest.raises(UnknownFigureError, match="Did you mean"):
        facts["qwen3.total_params"]
    assert "gpt4" in str(caught.value)
