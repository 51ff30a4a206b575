"""Pipeline diagrams as semantic HTML (ordered lists) styled by charts.css.

No script and no image: the steps are text, so they are searchable, translated,
read in order by screen readers, and printed (arrows are CSS, boxes reflow to a
column on narrow screens and in narrow print layouts). Every figure is read from
data/facts.yml and carries data-fig="<key>".

Usage in a page: {{ diagram("qwen3-pretraining") }}; names are listed in DIAGRAMS.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .facts import Facts
from .i18n import LANGUAGES
from .numbers import format_figure
from .visual_common import Context, esc


@dataclass
class Step:
    name: str
    tag: str = ""
    meta: list = field(default_factory=list)  # HTML snippets (figures)
    note: str = ""  # plain text
    aside: bool = False  # not a training stage (input, output, inference-time)


@dataclass
class Lane:
    title: str
    steps: list


@dataclass
class Diagram:
    name: str
    title: str
    lanes: list
    caption: str  # HTML
    family: str = "qwen"  # qwen | gpt4 (border style)
    between: list = field(default_factory=list)  # HTML lines shown between lanes (index -> text)


def _f(ctx: Context, key: str, style: str | None = None) -> str:
    fact = ctx.facts[key]
    return ctx.fig_span(key, format_figure(fact.value, fact.unit, ctx.lang, style))


def _src(ctx: Context, source_id: str) -> str:
    source = ctx.facts.sources[source_id]
    return (
        f'<a href="{esc(ctx.link("sources", "src-" + source_id.replace("_", "-")))}">'
        f"{esc(getattr(source.label, ctx.lang))}</a>"
    )


def qwen3_pretraining(ctx: Context) -> Diagram:
    zh = ctx.lang == "zh"
    f = lambda key, style=None: _f(ctx, key, style)  # noqa: E731
    seq = "序列长度 " if zh else "sequence length "
    arrow = " → "
    steps = [
        Step(
            "通用阶段" if zh else "General",
            "S1",
            [
                ("超过 " if zh else "over ") + f("qwen3_family.s1_tokens"),
                seq + f("qwen3_family.s1_seq_len"),
                f("qwen3_family.languages") + ("和方言" if zh else " and dialects"),
            ],
            "打下语言能力和世界知识的基础" if zh else "language skills and general knowledge",
        ),
        Step(
            "推理阶段" if zh else "Reasoning",
            "S2",
            [
                ("约 " if zh else "about ")
                + f("qwen3_family.s2_tokens")
                + (" 的高质量数据" if zh else " of higher-quality data"),
                seq + f("qwen3_family.s2_seq_len"),
            ],
            "提高 STEM、代码、推理和合成数据的比例，加快学习率衰减"
            if zh
            else "more STEM, code, reasoning and synthetic data; faster learning-rate decay",
        ),
        Step(
            "长上下文阶段" if zh else "Long context",
            "S3",
            [
                "数千亿 token" if zh else "hundreds of billions of tokens",
                seq + f("qwen3_family.s3_seq_len"),
                f("qwen3_family.s3_share_16k_to_32k")
                + (" 的文本长 " if zh else " of texts at ")
                + f("qwen3_family.s3_long_text_min_tokens", "bare")
                + "–"
                + f("qwen3_family.s3_seq_len"),
                f("qwen3_family.s3_share_4k_to_16k")
                + (" 长 " if zh else " at ")
                + f("qwen3_family.s3_short_text_min_tokens", "bare")
                + "–"
                + f("qwen3_family.s3_long_text_min_tokens"),
                "ABF：RoPE "
                + ("基频 " if zh else "base ")
                + f("qwen3_family.rope_base_before_abf", "plain")
                + arrow
                + f("qwen3_family.rope_base_after_abf", "plain"),
            ],
            "不是原文所说的动态 NTK" if zh else "not dynamic NTK, as the article says",
        ),
        Step(
            "推理时扩展（不再训练）" if zh else "At inference (no training)",
            "",
            [
                "YaRN + Dual Chunk Attention：" if zh else "YaRN + Dual Chunk Attention: ",
                f("qwen3_family.inference_length_extension_factor")
                + arrow
                + f("qwen3_235b.yarn_context_tokens", "plain"),
            ],
            "Qwen 建议只在需要长输入时开启" if zh else "Qwen advises enabling it only for long inputs",
            aside=True,
        ),
    ]
    total = f("qwen3_family.pretrain_tokens")
    if zh:
        caption = (
            f"<strong>Qwen3 的三个预训练阶段</strong>：合计约 {total}，适用于全部 Qwen3 模型。"
            f"来源：{_src(ctx, 'qwen3_tech_report')}、{_src(ctx, 'hf_qwen3_235b_card')}。"
        )
        title = "预训练"
    else:
        caption = (
            f"<strong>Qwen3's three pre-training stages</strong>: about {total} in all, for every Qwen3 model."
            f" Sources: {_src(ctx, 'qwen3_tech_report')}, {_src(ctx, 'hf_qwen3_235b_card')}."
        )
        title = "Pre-training"
    return Diagram("qwen3-pretraining", title, [Lane("", steps)], caption)


def qwen3_post_training(ctx: Context) -> Diagram:
    zh = ctx.lang == "zh"
    f = lambda key, style=None: _f(ctx, key, style)  # noqa: E731
    flagship = Lane(
        "旗舰模型（Qwen3-235B-A22B、Qwen3-32B）：四阶段后训练"
        if zh
        else "Flagship models (Qwen3-235B-A22B, Qwen3-32B): four post-training stages",
        [
            Step(
                "长思维链冷启动" if zh else "Long-CoT cold start",
                "阶段 1" if zh else "Stage 1",
                ["SFT"],
                "用 QwQ-32B 生成并严格筛选的推理数据，样本和步数都尽量少"
                if zh
                else "reasoning data generated by QwQ-32B and filtered; as few samples and steps as possible",
            ),
            Step(
                "推理强化学习" if zh else "Reasoning RL",
                "阶段 2" if zh else "Stage 2",
                [
                    "GRPO",
                    f("qwen3_family.reasoning_rl_query_verifier_pairs")
                    + (" 组查询–验证器对" if zh else " query–verifier pairs"),
                    f("qwen3_family.reasoning_rl_steps"),
                    "AIME'24：" + f("qwen3_235b.aime24_before_rl") + " → " + f("qwen3_235b.aime24_after_rl")
                    if zh
                    else "AIME'24: " + f("qwen3_235b.aime24_before_rl") + " → " + f("qwen3_235b.aime24_after_rl"),
                ],
                "",
            ),
            Step(
                "思考模式融合" if zh else "Thinking mode fusion",
                "阶段 3" if zh else "Stage 3",
                ["SFT", "/think、/no_think" if zh else "/think, /no_think"],
                "一个模型兼有思考与非思考两种模式；思考预算由此自然出现"
                if zh
                else "one model with thinking and non-thinking modes; thinking budgets emerge from it",
            ),
            Step(
                "通用强化学习" if zh else "General RL",
                "阶段 4" if zh else "Stage 4",
                [("超过 " if zh else "over ") + f("qwen3_family.general_rl_tasks_min")],
                "规则奖励与模型奖励（有或无参考答案）"
                if zh
                else "rule-based and model-based rewards (with or without a reference answer)",
            ),
        ],
    )
    light = Lane(
        "轻量模型（Qwen3-0.6B、1.7B、4B、8B、14B 和 Qwen3-30B-A3B）：另走强到弱蒸馏，不是阶段 4"
        if zh
        else "Lightweight models (Qwen3-0.6B, 1.7B, 4B, 8B, 14B and Qwen3-30B-A3B): strong-to-weak distillation,"
        " a separate route, not Stage 4",
        [
            Step(
                "教师模型" if zh else "Teachers",
                "",
                ["Qwen3-235B-A22B / Qwen3-32B"],
                "即上面那条流程训练出的旗舰模型" if zh else "the flagship models trained by the route above",
                aside=True,
            ),
            Step(
                "离线蒸馏" if zh else "Off-policy distillation",
                "",
                ["/think + /no_think"],
                "学生模型学习教师在两种模式下的输出"
                if zh
                else "students learn from the teacher's outputs in both modes",
            ),
            Step(
                "在线蒸馏" if zh else "On-policy distillation",
                "",
                ["logits"],
                "学生自己生成回答，再向教师的 logits 对齐"
                if zh
                else "students generate, then align their logits with the teacher's",
            ),
            Step(
                f("qwen3_family.distilled_models", "bare") + (" 个轻量模型" if zh else " lightweight models"),
                "",
                [
                    ("GPU 时数约为四阶段流程的 " if zh else "GPU hours about ")
                    + f("qwen3_family.distillation_gpu_hours_fraction", "fraction")
                    + ("" if zh else " of the four-stage route")
                ],
                "",
                aside=True,
            ),
        ],
    )
    gspo_date = f("qwen3_family.gspo_paper_date")
    if zh:
        caption = (
            f"<strong>Qwen3 的后训练</strong>：旗舰模型走四个阶段，轻量模型另走蒸馏。"
            f"GSPO 发表于 {gspo_date}，不在这份技术报告的流程里；阶段 2 用的是 GRPO。"
            f"来源：{_src(ctx, 'qwen3_tech_report')}、{_src(ctx, 'gspo_paper')}。"
        )
        title = "后训练"
    else:
        caption = (
            f"<strong>Qwen3 post-training</strong>: four stages for the flagship models, distillation for the"
            f" lightweight ones. GSPO, published on {gspo_date}, is not in the technical report's pipeline;"
            f" Stage 2 used GRPO. Sources: {_src(ctx, 'qwen3_tech_report')}, {_src(ctx, 'gspo_paper')}."
        )
        title = "Post-training"
    return Diagram("qwen3-post-training", title, [flagship, light], caption)


def gpt4_post_training(ctx: Context) -> Diagram:
    zh = ctx.lang == "zh"
    f = lambda key, style=None: _f(ctx, key, style)  # noqa: E731
    steps = [
        Step(
            "预训练模型" if zh else "Pre-trained model",
            "",
            [("据报道约 " if zh else "reportedly about ") + f("gpt4.pretrain_tokens")],
            "OpenAI 未公开数据量" if zh else "OpenAI has not disclosed the data",
            aside=True,
        ),
        Step(
            "监督微调" if zh else "Supervised fine-tuning",
            "SFT",
            ["示范数据" if zh else "demonstration data"],
            "标注员写出理想回答，模型照着学" if zh else "labellers write ideal answers; the model imitates them",
        ),
        Step(
            "奖励模型" if zh else "Reward model",
            "RM",
            ["排序数据" if zh else "ranking data"],
            "标注员给多个回答排序，训练出给回答打分的模型"
            if zh
            else "labellers rank several answers; a model learns to score answers",
        ),
        Step(
            "强化学习" if zh else "Reinforcement learning",
            "PPO",
            ["RM + RBRM"],
            "用奖励模型的分数优化 SFT 模型；基于规则的奖励模型（RBRM）另加安全奖励"
            if zh
            else "the SFT model is optimised against the reward model; rule-based reward models (RBRMs) add a"
            " safety reward",
        ),
    ]
    if zh:
        caption = (
            f"<strong>GPT-4 的 RLHF 流程</strong>：OpenAI 在系统卡中只作了概述，没有公开数据量、步数等细节；"
            f"虚线框表示细节未公开。来源：{_src(ctx, 'gpt4_system_card')}、{_src(ctx, 'gpt4_tech_report')}、"
            f"{_src(ctx, 'semianalysis_gpt4')}（数据量，传闻）。"
        )
        title = "RLHF"
    else:
        caption = (
            f"<strong>GPT-4's RLHF pipeline</strong>: OpenAI's system card describes it only in outline, with no"
            f" data sizes or step counts; dashed boxes mean the details are undisclosed. Sources:"
            f" {_src(ctx, 'gpt4_system_card')}, {_src(ctx, 'gpt4_tech_report')},"
            f" {_src(ctx, 'semianalysis_gpt4')} (data size, reported)."
        )
        title = "RLHF"
    return Diagram("gpt4-post-training", title, [Lane("", steps)], caption, family="gpt4")


DIAGRAMS = {
    "qwen3-pretraining": qwen3_pretraining,
    "qwen3-post-training": qwen3_post_training,
    "gpt4-post-training": gpt4_post_training,
}


def render_diagram(diagram: Diagram, ctx: Context) -> str:
    caption_id = f"diagram-{diagram.name}-{ctx.lang}"
    lanes = []
    for lane in diagram.lanes:
        items = []
        for step in lane.steps:
            cls = "pipeline__step" + (" pipeline__step--aside" if step.aside else "")
            tag = f'<span class="pipeline__tag">{esc(step.tag)}</span>' if step.tag else ""
            meta = "".join(f'<span class="pipeline__meta">{m}</span>' for m in step.meta)
            note = f'<span class="pipeline__note">{esc(step.note)}</span>' if step.note else ""
            items.append(f'<li class="{cls}">{tag}<span class="pipeline__name">{step.name}</span>{meta}{note}</li>')
        title = f'<p class="pipeline__lane-title">{esc(lane.title)}</p>' if lane.title else ""
        lanes.append(f'<div class="pipeline__lane">{title}<ol class="pipeline__steps">{"".join(items)}</ol></div>')
    return (
        f'<figure class="pipeline pipeline--{diagram.family}" data-diagram="{diagram.name}" lang="{ctx.lang}"'
        f' role="group" aria-labelledby="{caption_id}">{"".join(lanes)}'
        f'<figcaption id="{caption_id}">{diagram.caption}</figcaption></figure>'
    )


def diagram_html(name: str, ctx: Context) -> str:
    try:
        build = DIAGRAMS[name]
    except KeyError:
        raise KeyError(f"macros/diagrams.py: unknown diagram {name!r} (known: {', '.join(DIAGRAMS)})") from None
    return render_diagram(build(ctx), ctx)


def all_diagrams(facts: Facts) -> dict:
    return {
        (name, lang): diagram_html(name, Context(facts, lang, ("en/" if lang == "en" else "") + "workflow/"))
        for name in DIAGRAMS
        for lang in LANGUAGES
    }
