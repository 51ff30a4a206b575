"""Words the macros print, per language (static-i18n cannot hand macros per-language text)."""

LANGUAGES = ("zh", "en")

STATUS = {
    "official": {"zh": "官方", "en": "official"},
    "reported": {"zh": "传闻", "en": "reported"},
    "derived": {"zh": "推算", "en": "derived"},
    "unverified": {"zh": "未证实", "en": "unverified"},
}

# Long form, for tooltips, the sources page and the legend.
STATUS_LONG = {
    "official": {"zh": "官方公布", "en": "published by the vendor"},
    "reported": {"zh": "媒体或分析机构报道，未经官方证实", "en": "reported by press or analysts, never confirmed"},
    "derived": {"zh": "本站据其他数字推算", "en": "computed here from other figures"},
    "unverified": {"zh": "原文说法，找不到来源", "en": "the article's claim, with no source"},
}

DERIVED_FROM = {
    "reported": {"zh": "推算·据传闻", "en": "derived from reported figures"},
    "unverified": {"zh": "推算·据未证实说法", "en": "derived from unverified claims"},
}

# Unit words: (zh, en singular, en plural). zh_space: put a space between number and unit.
UNITS = {
    "parameters": ("参数", "parameter", "parameters"),
    "tokens": ("token", "token", "tokens"),
    "layers": ("层", "layer", "layers"),
    "heads": ("个头", "head", "heads"),
    "dimensions": ("维", "dimension", "dimensions"),
    "experts": ("个专家", "expert", "experts"),
    "gpus": ("张 GPU", "GPU", "GPUs"),
    "days": ("天", "day", "days"),
    "epochs": ("轮", "epoch", "epochs"),
    "languages": ("种语言", "language", "languages"),
    "models": ("个模型", "model", "models"),
    "stages": ("个阶段", "stage", "stages"),
    "steps": ("步", "step", "steps"),
    "tasks": ("项任务", "task", "tasks"),
    "count": ("", "", ""),
    "score": ("", "", ""),
    "fraction": ("", "", ""),
    "date": ("", "", ""),
}

TEXT = {
    "source": {"zh": "来源", "en": "Source"},
    "sources": {"zh": "来源", "en": "Sources"},
    "formula": {"zh": "公式", "en": "Formula"},
    "status": {"zh": "状态", "en": "Status"},
    "figure": {"zh": "数字", "en": "Figure"},
    "value": {"zh": "数值", "en": "Value"},
    "key": {"zh": "数据键", "en": "Data key"},
    "publisher": {"zh": "发布者", "en": "Publisher"},
    "date": {"zh": "日期", "en": "Date"},
    "used_by": {"zh": "引用它的数字", "en": "Figures citing it"},
    "see_register": {"zh": "见数字登记表", "en": "see the figure register"},
}


def t(table: dict, key: str, lang: str) -> str:
    """Look up a word; a missing language is a build error, not an empty string."""
    try:
        return table[key][lang]
    except KeyError:
        raise KeyError(f"macros/i18n.py: no {lang!r} text for {key!r}") from None


def colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def parenthesized(text: str, lang: str) -> str:
    return f"（{text}）" if lang == "zh" else f" ({text})"
