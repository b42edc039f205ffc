"""The words a layout or outline writes itself, in the spec's language.

Every word that is not the spec's own text (status words, the "OR" between options, the
legend, the summary sentence, "As of June 2024") comes from a :class:`Labels` table. The
built-in tables are chosen by the spec's ``lang`` (``pt-BR`` falls back to ``pt``; an
unknown language to English) and a spec's ``labels:`` mapping overrides any of them.

Sentences are templates with ``{placeholders}``, never English word order glued together:
a table says where the parts go. The English table is the model's defaults, word for word
what the layouts wrote before the tables existed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from ._checked import Checked
from .safety import bad_characters

__all__ = [
    "LOCALES",
    "Labels",
    "chain",
    "key_table",
    "label_keys",
    "labels_for",
    "locale_of",
    "month_year",
]

MAX_LABEL = 120  # characters: a label is a word or a short sentence
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _check_label(value: str) -> str:
    bad = bad_characters(value)
    if bad:
        raise ValueError(f"text contains control or bidi-override characters ({', '.join(bad)})")
    if not value.strip():
        raise ValueError("a label cannot be empty")
    if "\n" in value:
        raise ValueError("a label is one line")
    return value


def _template(*names: str, may: tuple[str, ...] = ()) -> Callable[[str], str]:
    """A check that a template has each of ``names`` as ``{name}``, perhaps those of
    ``may`` ("one phase" needs no count), and no other."""
    wanted = {f"{{{name}}}" for name in names}
    allowed = wanted | {f"{{{name}}}" for name in may}

    def check(value: str) -> str:
        value = _check_label(value)
        found = {f"{{{name}}}" for name in _PLACEHOLDER.findall(value)}
        missing, unknown = sorted(wanted - found), sorted(found - allowed)
        if missing or unknown:
            said = ", ".join(sorted(wanted) + [f"perhaps {p}" for p in sorted(allowed - wanted)])
            raise ValueError(f"this label takes {said} (got {', '.join(sorted(found)) or 'none'})")
        return value

    return check


Label = Annotated[str, Checked(_check_label, MAX_LABEL)]
WhatTemplate = Annotated[str, Checked(_template("what"), MAX_LABEL)]
CodeTemplate = Annotated[str, Checked(_template("code"), MAX_LABEL)]
DateTemplate = Annotated[str, Checked(_template("date"), MAX_LABEL)]
PairTemplate = Annotated[str, Checked(_template("a", "b"), MAX_LABEL)]
CountTemplate = Annotated[str, Checked(_template("count"), MAX_LABEL)]
OneTemplate = Annotated[str, Checked(_template(may=("count",)), MAX_LABEL)]
PhasesTemplate = Annotated[str, Checked(_template("count", "phases"), MAX_LABEL)]
OnePhasesTemplate = Annotated[str, Checked(_template("phases", may=("count",)), MAX_LABEL)]
GoalTemplate = Annotated[str, Checked(_template("goal"), MAX_LABEL)]
AltTemplate = Annotated[str, Checked(_template("title", "goal"), MAX_LABEL)]
GoalViaTemplate = Annotated[str, Checked(_template("goal", "others"), MAX_LABEL)]


class Labels(BaseModel):
    """Every word a layout or outline writes; the defaults are the English table.

    In a spec, ``labels:`` gives only the keys to change; the others come from the
    built-in table for the spec's ``lang``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    # -- status words above a stage (capitals in English)
    done: Label = Field("DONE", description="status above a stage marked done (after a ✓)")
    current: Label = Field("YOU ARE HERE", description="status above the current stage")
    skipped: Label = Field("SKIPPED", description="status above a skipped stage")
    optional: Label = Field("OPTIONAL", description="status above an optional stage")
    recommended: Label = Field("RECOMMENDED", description="status above a recommended stage")
    requires: WhatTemplate = Field(
        "REQUIRES {what}", description="status saying what a stage requires; {what} in capitals"
    )
    # -- the grammar of the path
    or_word: Label = Field("OR", description="between a choice's options (unless it says)")
    and_word: Label = Field("AND", description="between an all-of group's steps (unless it says)")
    all_of: Label = Field("ALL OF, IN ANY ORDER", description="on the bracket over an all-of group")
    exam: Label = Field("Exam", description="names an exam without a code in the outlines")
    exam_code: CodeTemplate = Field("Exam {code}", description="names an exam by its code")
    certification: Label = Field("Certification", description="names a certification in outlines")
    note: Label = Field("Note", description="opens a callout in the outlines")
    one_of: Label = Field("one of", description="an untitled choice in the outlines")
    all_of_outline: Label = Field(
        "all of, in any order", description="an untitled all-of group in the outlines"
    )
    one_of_these: Label = Field("One of these", description="an untitled choice on a card")
    all_of_these: Label = Field("All of these", description="an untitled group on a card")
    an_option: Label = Field("An option", description="an option with no title or steps")
    a_list: Label = Field("a list", description="an untitled list named in a line")
    either: PairTemplate = Field("{a} or {b}", description="two alternatives in a line")
    both: PairTemplate = Field("{a} and {b}", description="two things both needed, in a line")
    then: PairTemplate = Field("{a}, then {b}", description="one thing after another")
    listed: PairTemplate = Field("{a}, {b}", description="a list before its last item")
    needs_optional: Label = Field("optional", description="marks an optional stage in outlines")
    needs_recommended: Label = Field(
        "recommended", description="marks a recommended stage in outlines"
    )
    needs_requires: WhatTemplate = Field(
        "requires {what}", description="what a stage requires, in outlines and on cards"
    )
    # -- the legend
    legend_or: Label = Field("pick one", description="legend: a choice")
    legend_all: Label = Field("do every one, in any order", description="legend: an all-of group")
    legend_recommended: Label = Field(
        "recommended, not required", description="legend: a recommended stage"
    )
    legend_optional: Label = Field("optional", description="legend: an optional stage")
    legend_done: Label = Field("done", description="legend: progress done")
    legend_current: Label = Field("you are here", description="legend, card: the current stage")
    legend_skipped: Label = Field("skipped", description="legend, card: a skipped stage")
    legend_sample: Label = Field("Aa", description="legend: sample letters of a faded card")
    # -- sentences
    as_of: DateTemplate = Field("As of {date}", description="the footer's date note")
    summary: PhasesTemplate = Field(
        "A journey in {count} phases: {phases}.",
        description="opens the summary (SVG description, md, txt, PDF subject, alt text)",
    )
    summary_one: OnePhasesTemplate = Field(
        "A journey in {count} phase: {phases}.", description="the summary for one phase"
    )
    summary_untitled: CountTemplate = Field(
        "A journey in {count} phases.", description="the summary when no phase has a caption"
    )
    summary_untitled_one: OneTemplate = Field(
        "A journey in {count} phase.", description="the same, for one phase"
    )
    phase_list: PairTemplate = Field("{a}; {b}", description="the summary's phase captions")
    summary_goal: GoalTemplate = Field(
        "It ends with the certification {goal}.", description="the summary's goal sentence"
    )
    summary_goal_via: GoalViaTemplate = Field(
        "It ends with the certification {goal}, earning {others} on the way.",
        description="the goal sentence with certifications on the way",
    )
    alt_goal: AltTemplate = Field(
        "{title}, ending with the certification {goal}",
        description="Sphinx/MkDocs alt text when the title does not name the goal",
    )

    def fill(self, key: str, **parts: str) -> str:
        """The label ``key`` with each ``{name}`` replaced by ``parts[name]``.

        One pass over the template, not ``str.format``: a spec's label cannot reach
        attributes, and a part that itself says "{goal}" is not filled in again.
        """
        template: str = getattr(self, key)
        return _PLACEHOLDER.sub(lambda found: parts.get(found.group(1), found.group()), template)


def label_keys() -> list[tuple[str, str, str]]:
    """Each label's key, its English words and what it is for, in table order."""
    return [
        (key, str(field.default), field.description or "")
        for key, field in Labels.model_fields.items()
    ]


def key_table() -> str:
    """The keys as a Markdown table (key, English words, what it is for), for the README."""
    rows = ["| key | English | where |", "|---|---|---|"]
    rows += [f"| `{key}` | {words} | {what} |" for key, words, what in label_keys()]
    return "\n".join(rows)


def chain(labels: Labels, key: str, items: Iterable[str]) -> str:
    """``items`` joined pairwise by the template ``key``: "A or B or C"."""
    out = ""
    for item in items:
        out = labels.fill(key, a=out, b=item) if out else item
    return out


# -- the built-in tables --------------------------------------------------------------------

LOCALES: dict[str, dict[str, str]] = {
    "en": {},  # the model's defaults
    "de": {
        "done": "ERLEDIGT",
        "current": "SIE SIND HIER",
        "skipped": "ÜBERSPRUNGEN",
        "optional": "OPTIONAL",
        "recommended": "EMPFOHLEN",
        "requires": "SETZT {what} VORAUS",
        "or_word": "ODER",
        "and_word": "UND",
        "all_of": "ALLE, IN BELIEBIGER REIHENFOLGE",
        "exam": "Prüfung",
        "exam_code": "Prüfung {code}",
        "certification": "Zertifizierung",
        "note": "Hinweis",
        "one_of": "eine davon",
        "all_of_outline": "alle, in beliebiger Reihenfolge",
        "one_of_these": "Eine davon",
        "all_of_these": "Alle davon",
        "an_option": "Eine Option",
        "a_list": "eine Liste",
        "either": "{a} oder {b}",
        "both": "{a} und {b}",
        "then": "{a}, dann {b}",
        "listed": "{a}, {b}",
        "needs_optional": "optional",
        "needs_recommended": "empfohlen",
        "needs_requires": "setzt {what} voraus",
        "legend_or": "eine auswählen",
        "legend_all": "alle erledigen, in beliebiger Reihenfolge",
        "legend_recommended": "empfohlen, nicht erforderlich",
        "legend_optional": "optional",
        "legend_done": "erledigt",
        "legend_current": "Sie sind hier",
        "legend_skipped": "übersprungen",
        "legend_sample": "Aa",
        "as_of": "Stand: {date}",
        "summary": "Ein Zertifizierungsweg in {count} Phasen: {phases}.",
        "summary_one": "Ein Zertifizierungsweg in {count} Phase: {phases}.",
        "summary_untitled": "Ein Zertifizierungsweg in {count} Phasen.",
        "summary_untitled_one": "Ein Zertifizierungsweg in {count} Phase.",
        "phase_list": "{a}; {b}",
        "summary_goal": "Er endet mit der Zertifizierung {goal}.",
        "summary_goal_via": (
            "Er endet mit der Zertifizierung {goal}; auf dem Weg dorthin erwerben Sie {others}."
        ),
        "alt_goal": "{title}, mit dem Ziel {goal}",
    },
    "fr": {
        "done": "TERMINÉ",
        "current": "VOUS ÊTES ICI",
        "skipped": "IGNORÉ",
        "optional": "FACULTATIF",
        "recommended": "RECOMMANDÉ",
        "requires": "NÉCESSITE {what}",
        "or_word": "OU",
        "and_word": "ET",
        "all_of": "TOUS, DANS N’IMPORTE QUEL ORDRE",
        "exam": "Examen",
        "exam_code": "Examen {code}",
        "certification": "Certification",
        "note": "Remarque",
        "one_of": "l’un des suivants",
        "all_of_outline": "tous, dans n’importe quel ordre",
        "one_of_these": "L’un des suivants",
        "all_of_these": "Tous les suivants",
        "an_option": "Une option",
        "a_list": "une liste",
        "either": "{a} ou {b}",
        "both": "{a} et {b}",
        "then": "{a}, puis {b}",
        "listed": "{a}, {b}",
        "needs_optional": "facultatif",
        "needs_recommended": "recommandé",
        "needs_requires": "nécessite {what}",
        "legend_or": "au choix",
        "legend_all": "tous, dans n’importe quel ordre",
        "legend_recommended": "recommandé, non obligatoire",
        "legend_optional": "facultatif",
        "legend_done": "terminé",
        "legend_current": "vous êtes ici",
        "legend_skipped": "ignoré",
        "legend_sample": "Aa",
        "as_of": "À jour en {date}",
        "summary": "Un parcours en {count} étapes\u00a0: {phases}.",
        "summary_one": "Un parcours en {count} étape\u00a0: {phases}.",
        "summary_untitled": "Un parcours en {count} étapes.",
        "summary_untitled_one": "Un parcours en {count} étape.",
        "phase_list": "{a}\u00a0; {b}",
        "summary_goal": "Il mène à la certification {goal}.",
        "summary_goal_via": "Il mène à la certification {goal}, en obtenant {others} en chemin.",
        "alt_goal": "{title}, jusqu’à la certification {goal}",
    },
    "es": {
        "done": "COMPLETADO",
        "current": "ESTÁS AQUÍ",
        "skipped": "OMITIDO",
        "optional": "OPCIONAL",
        "recommended": "RECOMENDADO",
        "requires": "REQUIERE {what}",
        "or_word": "O",
        "and_word": "Y",
        "all_of": "TODOS, EN CUALQUIER ORDEN",
        "exam": "Examen",
        "exam_code": "Examen {code}",
        "certification": "Certificación",
        "note": "Nota",
        "one_of": "uno de estos",
        "all_of_outline": "todos, en cualquier orden",
        "one_of_these": "Uno de estos",
        "all_of_these": "Todos estos",
        "an_option": "Una opción",
        "a_list": "una lista",
        "either": "{a} o {b}",
        "both": "{a} y {b}",
        "then": "{a}, luego {b}",
        "listed": "{a}, {b}",
        "needs_optional": "opcional",
        "needs_recommended": "recomendado",
        "needs_requires": "requiere {what}",
        "legend_or": "elige uno",
        "legend_all": "hazlos todos, en cualquier orden",
        "legend_recommended": "recomendado, no obligatorio",
        "legend_optional": "opcional",
        "legend_done": "completado",
        "legend_current": "estás aquí",
        "legend_skipped": "omitido",
        "legend_sample": "Aa",
        "as_of": "Actualizado: {date}",
        "summary": "Un recorrido en {count} fases: {phases}.",
        "summary_one": "Un recorrido en {count} fase: {phases}.",
        "summary_untitled": "Un recorrido en {count} fases.",
        "summary_untitled_one": "Un recorrido en {count} fase.",
        "phase_list": "{a}; {b}",
        "summary_goal": "Termina con la certificación {goal}.",
        "summary_goal_via": (
            "Termina con la certificación {goal}, tras obtener {others} por el camino."
        ),
        "alt_goal": "{title}, hasta la certificación {goal}",
    },
    "pt": {
        "done": "CONCLUÍDO",
        "current": "VOCÊ ESTÁ AQUI",
        "skipped": "IGNORADO",
        "optional": "OPCIONAL",
        "recommended": "RECOMENDADO",
        "requires": "REQUER {what}",
        "or_word": "OU",
        "and_word": "E",
        "all_of": "TODOS, EM QUALQUER ORDEM",
        "exam": "Exame",
        "exam_code": "Exame {code}",
        "certification": "Certificação",
        "note": "Observação",
        "one_of": "um destes",
        "all_of_outline": "todos, em qualquer ordem",
        "one_of_these": "Um destes",
        "all_of_these": "Todos estes",
        "an_option": "Uma opção",
        "a_list": "uma lista",
        "either": "{a} ou {b}",
        "both": "{a} e {b}",
        "then": "{a}, depois {b}",
        "listed": "{a}, {b}",
        "needs_optional": "opcional",
        "needs_recommended": "recomendado",
        "needs_requires": "requer {what}",
        "legend_or": "escolha um",
        "legend_all": "faça todos, em qualquer ordem",
        "legend_recommended": "recomendado, não obrigatório",
        "legend_optional": "opcional",
        "legend_done": "concluído",
        "legend_current": "você está aqui",
        "legend_skipped": "ignorado",
        "legend_sample": "Aa",
        "as_of": "Atualizado em {date}",
        "summary": "Uma jornada em {count} fases: {phases}.",
        "summary_one": "Uma jornada em {count} fase: {phases}.",
        "summary_untitled": "Uma jornada em {count} fases.",
        "summary_untitled_one": "Uma jornada em {count} fase.",
        "phase_list": "{a}; {b}",
        "summary_goal": "Termina com a certificação {goal}.",
        "summary_goal_via": "Termina com a certificação {goal}, obtendo {others} pelo caminho.",
        "alt_goal": "{title}, até a certificação {goal}",
    },
    "ja": {
        "done": "完了",
        "current": "現在地",
        "skipped": "スキップ",
        "optional": "任意",
        "recommended": "推奨",
        "requires": "前提条件：{what}",
        "or_word": "または",
        "and_word": "および",
        "all_of": "すべて（順不同）",
        "exam": "試験",
        "exam_code": "試験 {code}",
        "certification": "認定資格",
        "note": "注記",
        "one_of": "いずれか1つ",
        "all_of_outline": "すべて（順不同）",
        "one_of_these": "次のいずれか",
        "all_of_these": "次のすべて",
        "an_option": "選択肢",
        "a_list": "リスト",
        "either": "{a}または{b}",
        "both": "{a}と{b}",
        "then": "{a}、次に{b}",
        "listed": "{a}、{b}",
        "needs_optional": "任意",
        "needs_recommended": "推奨",
        "needs_requires": "{what}が必要",
        "legend_or": "いずれか1つを選択",
        "legend_all": "すべてを順不同で実施",
        "legend_recommended": "推奨（必須ではない）",
        "legend_optional": "任意",
        "legend_done": "完了",
        "legend_current": "現在地",
        "legend_skipped": "スキップ",
        "legend_sample": "あア",
        "as_of": "{date}時点",
        "summary": "{count}つのフェーズからなる道のり：{phases}。",
        "summary_one": "{count}つのフェーズからなる道のり：{phases}。",
        "summary_untitled": "{count}つのフェーズからなる道のりです。",
        "summary_untitled_one": "{count}つのフェーズからなる道のりです。",
        "phase_list": "{a}、{b}",
        "summary_goal": "最終目標は認定資格「{goal}」です。",
        "summary_goal_via": "最終目標は認定資格「{goal}」で、途中で{others}を取得します。",
        "alt_goal": "{title}（最終目標：{goal}）",
    },
    "zh": {
        "done": "已完成",
        "current": "您在这里",
        "skipped": "已跳过",
        "optional": "可选",
        "recommended": "推荐",
        "requires": "前提：{what}",
        "or_word": "或",
        "and_word": "和",
        "all_of": "全部完成，顺序不限",
        "exam": "考试",
        "exam_code": "考试 {code}",
        "certification": "认证",
        "note": "注意",
        "one_of": "任选其一",
        "all_of_outline": "全部完成，顺序不限",
        "one_of_these": "以下任选其一",
        "all_of_these": "以下全部",
        "an_option": "一个选项",
        "a_list": "一个列表",
        "either": "{a}或{b}",
        "both": "{a}和{b}",
        "then": "{a}，然后{b}",
        "listed": "{a}、{b}",
        "needs_optional": "可选",
        "needs_recommended": "推荐",
        "needs_requires": "需要{what}",
        "legend_or": "任选其一",
        "legend_all": "全部完成，顺序不限",
        "legend_recommended": "推荐，非必需",
        "legend_optional": "可选",
        "legend_done": "已完成",
        "legend_current": "您在这里",
        "legend_skipped": "已跳过",
        "legend_sample": "文字",
        "as_of": "截至{date}",
        "summary": "共{count}个阶段的认证之旅：{phases}。",
        "summary_one": "共{count}个阶段的认证之旅：{phases}。",
        "summary_untitled": "共{count}个阶段的认证之旅。",
        "summary_untitled_one": "共{count}个阶段的认证之旅。",
        "phase_list": "{a}；{b}",
        "summary_goal": "最终获得认证“{goal}”。",
        "summary_goal_via": "最终获得认证“{goal}”，途中获得{others}。",
        "alt_goal": "{title}（最终获得：{goal}）",
    },
    "ar": {
        "done": "مكتمل",
        "current": "أنت هنا",
        "skipped": "تم التخطي",
        "optional": "اختياري",
        "recommended": "موصى به",
        "requires": "يتطلب {what}",
        "or_word": "أو",
        "and_word": "و",
        "all_of": "جميعها، بأي ترتيب",
        "exam": "الاختبار",
        "exam_code": "الاختبار {code}",
        "certification": "الشهادة",
        "note": "ملاحظة",
        "one_of": "واحد مما يلي",
        "all_of_outline": "جميعها، بأي ترتيب",
        "one_of_these": "واحد مما يلي",
        "all_of_these": "كل ما يلي",
        "an_option": "خيار",
        "a_list": "قائمة",
        "either": "{a} أو {b}",
        "both": "{a} و{b}",
        "then": "{a}، ثم {b}",
        "listed": "{a}، {b}",
        "needs_optional": "اختياري",
        "needs_recommended": "موصى به",
        "needs_requires": "يتطلب {what}",
        "legend_or": "اختر واحدًا",
        "legend_all": "أكمِلها جميعًا بأي ترتيب",
        "legend_recommended": "موصى به، غير مطلوب",
        "legend_optional": "اختياري",
        "legend_done": "مكتمل",
        "legend_current": "أنت هنا",
        "legend_skipped": "تم التخطي",
        "legend_sample": "أب",
        "as_of": "اعتبارًا من {date}",
        "summary": "رحلة عدد مراحلها {count}: {phases}.",
        "summary_one": "رحلة من مرحلة واحدة: {phases}.",
        "summary_untitled": "رحلة عدد مراحلها {count}.",
        "summary_untitled_one": "رحلة من مرحلة واحدة.",
        "phase_list": "{a}؛ {b}",
        "summary_goal": "تنتهي الرحلة بشهادة {goal}.",
        "summary_goal_via": "تنتهي الرحلة بشهادة {goal}، مع الحصول على {others} في الطريق.",
        "alt_goal": "{title}، وصولًا إلى شهادة {goal}",
    },
}


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split(" "))


# Month names for "As of June 2024", and how a month and year are written, per language.
_MONTHS: dict[str, tuple[str, tuple[str, ...]]] = {
    "en": (
        "{month} {year}",
        _names(
            "January February March April May June July August September October November December"
        ),
    ),
    "de": (
        "{month} {year}",
        _names(
            "Januar Februar März April Mai Juni Juli August September Oktober November Dezember"
        ),
    ),
    "fr": (
        "{month} {year}",
        _names(
            "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
        ),
    ),
    "es": (
        "{month} de {year}",
        _names(
            "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
            "diciembre"
        ),
    ),
    "pt": (
        "{month} de {year}",
        _names(
            "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
            "dezembro"
        ),
    ),
    "ja": ("{year}年{number}月", ()),
    "zh": ("{year}年{number}月", ()),
    "ar": (
        "{month} {year}",
        _names("يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر"),
    ),
}
_ENGLISH_MONTHS = [name.lower() for name in _MONTHS["en"][1]]
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.? +(\d{4})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-\d{2})?$")


def locale_of(lang: str) -> str:
    """The built-in table for a language tag: its primary language, else English."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    return primary if primary in LOCALES else "en"


@lru_cache(maxsize=64)
def labels_for(lang: str, overrides: Labels | None = None) -> Labels:
    """The labels for ``lang``, with the keys ``overrides`` sets (a spec's ``labels:``)."""
    table = dict(LOCALES[locale_of(lang)])
    if overrides is not None:
        table.update({key: getattr(overrides, key) for key in overrides.model_fields_set})
    return Labels.model_construct(**_complete(table))


def _complete(table: dict[str, Any]) -> dict[str, Any]:
    defaults = {key: field.default for key, field in Labels.model_fields.items()}
    return {**defaults, **table}


def month_year(lang: str, date: str) -> str:
    """``date`` ("June 2024", "Jun 2024", "2024-06") in ``lang``'s words: "Juni 2024",
    "2024年6月"; any other text (a year, a season) as written. English keeps the text
    as written, so no English spec changes."""
    locale = locale_of(lang)
    month = _month_number(date)
    if locale == "en" or month is None:
        return date
    pattern, names = _MONTHS[locale]
    number, year = month
    name = names[number - 1] if names else ""
    return pattern.replace("{month}", name).replace("{year}", year).replace("{number}", str(number))


def _month_number(date: str) -> tuple[int, str] | None:
    """(month 1-12, year) of "June 2024", "Jun. 2024" or "2024-06"; None for other text."""
    found = _MONTH_YEAR.fullmatch(date.strip())
    if found:
        word = found.group(1).lower()
        for number, name in enumerate(_ENGLISH_MONTHS, start=1):
            if len(word) >= 3 and name.startswith(word):
                return number, found.group(2)
        return None
    iso = _ISO_MONTH.fullmatch(date.strip())
    if iso and 1 <= int(iso.group(2)) <= 12:
        return int(iso.group(2)), iso.group(1)
    return None
