"""Articles not in English (issue 15): Chinese and Japanese measured in characters, not spaces;
every article's language detected, even on a few words; the English-only stages skip the
others and say so on the article; a story mixing languages still compares its English
articles. Every text here is written for these tests (fictional events)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from newsprism import analyze, write_report
from newsprism.annotate import Annotator, annotate
from newsprism.clean import clean
from newsprism.config import Settings
from newsprism.embed import Embedder, Encoder
from newsprism.errors import InputError
from newsprism.lang.identify import identify_language, language_name
from newsprism.lang.words import count_words
from newsprism.model import RawDocument, Report, Source

from .conftest import EXAMPLE, check_report

ZH_TITLE = "海港市防波堤修复完毕"
ZH_LEAD = ("海港市政府星期一宣布，上个月被台风损坏的防波堤已经修复，港口将于星期三重新开放。"
           "市长王丽说：“渔船明天起可以正常出港。”")
ZH_MORE = "修复工程历时三周，费用约为两千万元。港务局表示，今后每年将检查两次防波堤。"
JA_TITLE = "港町の防波堤、修理終わる"
JA_LEAD = ("港町の市役所は月曜日、先月の台風で壊れた防波堤の修理が終わり、水曜日に港を再開すると発表した。"
           "市長は記者会見で「漁船は明日から通常どおり出港できる」と述べた。")
JA_MORE = "修理には三週間かかり、費用は約二億円だった。港湾局は今後、防波堤を年に二回点検するという。"


def raw(text: str, content_type: str = "text", doc_id: str = "t") -> RawDocument:
    return RawDocument(id=doc_id, source=Source(path=f"{doc_id}.txt"), content=text,
                       content_type=content_type)  # type: ignore[arg-type]


# ------------------------------------------------------------------ counted in characters

def test_words_of_chinese_and_japanese_are_counted_in_characters() -> None:
    assert count_words("The harbour reopened on Monday.") == 5  # spaced scripts as before
    assert count_words("北京今天下雨。") == 3  # six characters, two to a word; the full stop is none
    assert count_words("港を再開") == 2
    assert count_words("Putin met Xi in 北京") == 5
    assert count_words(ZH_LEAD) > 20 and count_words(JA_LEAD) > 20


@pytest.mark.parametrize("text", [ZH_LEAD, JA_LEAD], ids=["zh", "ja"])
def test_a_one_paragraph_chinese_or_japanese_article_is_an_article(text: str) -> None:
    """It has no spaces: counted by spaces it was "only 1 word" and refused."""
    article = clean(raw(text))
    assert article.text == text


def test_a_few_chinese_characters_are_too_short_and_said_in_characters() -> None:
    with pytest.raises(InputError) as err:
        clean(raw("下雨。"))
    assert "only 2 characters" in err.value.reason


def test_a_chinese_headline_is_read_as_the_title() -> None:
    article = clean(raw(f"{ZH_TITLE}\n\n{ZH_LEAD}\n\n{ZH_MORE}"))
    assert article.title == ZH_TITLE
    assert article.text.startswith(ZH_LEAD)


def test_a_japanese_paragraph_printed_twice_is_removed_once() -> None:
    """The repeated-sentence rule needs ten words: a Japanese paragraph counted by spaces had one."""
    article = clean(raw(f"{JA_TITLE}\n\n{JA_LEAD}\n\n{JA_MORE}\n\n{JA_MORE}"))
    assert article.text.count(JA_MORE) == 1
    assert article.title == JA_TITLE
    assert [r.reason for r in article.removed] == ["title (moved to metadata)", "sentence repeated within the article"]


# ------------------------------------------------------------------ which language

@pytest.mark.parametrize(("text", "language"), [
    (f"{ZH_TITLE}\n\n{ZH_LEAD}\n\n{ZH_MORE}", "zh"),
    (f"{JA_TITLE}\n\n{JA_LEAD}\n\n{JA_MORE}", "ja"),
    ("Le port de Valmora a rouvert lundi après une semaine de travaux, a annoncé la mairie.", "fr"),
    ("The harbour reopened on Monday after a week of repairs, the port authority said.", "en"),
], ids=["zh", "ja", "fr", "en"])
def test_the_language_is_detected(text: str, language: str) -> None:
    assert clean(raw(text)).language == language


@pytest.mark.parametrize(("text", "language"), [
    ("北京今天下大雨，机场关闭。", "zh"),
    ("東京で大雨、空港が閉鎖された。", "ja"),
    ("서울에 큰비가 내렸다.", "ko"),
    ("Ο δήμαρχος μίλησε χθες.", "el"),
], ids=["zh", "ja", "ko", "el"])
def test_a_short_text_in_a_script_of_one_language_still_has_its_language(text: str, language: str) -> None:
    """Under min_language_chars a statistical guess is unsafe, but kana are Japanese, Hangul
    Korean, and Chinese characters without kana Chinese."""
    assert len(text) < Settings().clean.min_language_chars
    assert identify_language(text, None, Settings().clean.min_language_chars) == language


def test_english_full_of_names_stays_english() -> None:
    """Taken for Indonesian, it would lose its quotes and claims; Dutch this short is still Dutch."""
    minimum = Settings().clean.min_language_chars
    assert identify_language("Update 14:30 CET: Ukrainian drones struck Kursk oblast.", None, minimum) == "en"
    assert identify_language("De haven van Valmora is maandag heropend.", None, minimum) == "nl"


def test_a_short_text_in_another_script_than_the_declared_language_is_in_its_script() -> None:
    minimum = Settings().clean.min_language_chars
    assert identify_language("東京で大雨、空港が閉鎖された。", "en", minimum) == "ja"
    assert identify_language("東京大雨", "ja", minimum) == "ja"  # kanji alone: Japanese writes them too
    assert identify_language("Putin met Xi.", "en", minimum) == "en"


def test_a_short_latin_text_has_no_language() -> None:
    assert identify_language("Putin met Xi.", None, Settings().clean.min_language_chars) is None


def test_a_page_that_declares_english_around_japanese_text_is_japanese() -> None:
    """A site's template often says lang="en" on every page: the text decides when it plainly
    is another language."""
    page = (f'<html lang="en"><head><title>{JA_TITLE}</title></head><body><article><h1>{JA_TITLE}</h1>'
            f"<p>{JA_LEAD}</p><p>{JA_MORE}</p></article></body></html>")
    assert clean(raw(page, "html")).language == "ja"


def test_a_declared_language_stands_when_the_text_does_not_contradict_it() -> None:
    text = "Putin met Xi in Beijing on Tuesday; Lavrov and Wang Yi joined them."
    assert identify_language(text, "en", Settings().clean.min_language_chars) == "en"
    assert identify_language(text, "en-GB", Settings().clean.min_language_chars) == "en"


def test_language_names_are_for_people() -> None:
    assert language_name("ja") == "Japanese"
    assert language_name("zh") == "Chinese"
    assert language_name("xx") == "xx"


# ------------------------------------------------------------------ what is analysed, and said

NOT_READ = ("quotes, speakers, claims, names, numbers, dates and wording were not analysed: the article is in "
            "{} ({}); newsprism's annotators read English only")


def test_a_japanese_article_gets_sentences_and_a_note_not_english_annotations(annotator: Annotator) -> None:
    article = annotate(clean(raw(f"{JA_TITLE}\n\n{JA_LEAD}\n\n{JA_MORE}")), annotator)
    assert article.language == "ja"
    assert not (article.entities or article.numbers or article.dates or article.quotes or article.claims)
    assert [article.text[s.start : s.end] for s in article.sentences] == [
        "港町の市役所は月曜日、先月の台風で壊れた防波堤の修理が終わり、水曜日に港を再開すると発表した。",
        "市長は記者会見で「漁船は明日から通常どおり出港できる」と述べた。",
        "修理には三週間かかり、費用は約二億円だった。", "港湾局は今後、防波堤を年に二回点検するという。"]
    assert article.notes == [NOT_READ.format("Japanese", "ja")]
    assert annotate(article, annotator).notes == article.notes  # said once, however often annotated


def test_a_french_article_is_split_by_french_rules_and_noted(annotator: Annotator) -> None:
    text = ("Le port de Valmora a rouvert lundi après une semaine de travaux. M. Durand, le maire, a salué "
            "« un travail remarquable ». Les ferries reprendront mercredi.")
    article = annotate(clean(raw(text)), annotator)
    assert [article.text[s.start : s.end] for s in article.sentences] == [
        "Le port de Valmora a rouvert lundi après une semaine de travaux.",
        "M. Durand, le maire, a salué « un travail remarquable ».", "Les ferries reprendront mercredi."]
    assert not article.quotes and article.notes == [NOT_READ.format("French", "fr")]


def test_an_english_article_is_annotated_as_before(annotator: Annotator) -> None:
    article = annotate(clean(raw("The harbour reopened on Monday after a week of repairs, Mayor Ana Ruiz said. "
                                 "\"The ferries run again,\" she told reporters in Valmora.")), annotator)
    assert article.language == "en" and not article.notes
    assert article.entities and article.quotes


@pytest.fixture(scope="module")
def mixed_report(tmp_path_factory: pytest.TempPathFactory, annotator: Annotator, embedder: Embedder,
                 encoder: Encoder) -> tuple[Report, Path]:
    """The bundled example (English) with a Japanese and a Chinese article, as one story."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in EXAMPLE.iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "101_kouwan.txt").write_text(f"{JA_TITLE}\n\n{JA_LEAD}\n\n{JA_MORE}\n", encoding="utf-8")
    (folder / "102_haigang.txt").write_bytes(f"{ZH_TITLE}\n\n{ZH_LEAD}\n\n{ZH_MORE}\n".encode("gb18030"))
    settings = replace(Settings(), stories=replace(Settings().stories, split=False))
    report = analyze([folder], settings, annotator=annotator, embedder=embedder, encoder=encoder)
    check_report(report)
    return report, folder


def test_articles_not_in_english_are_in_the_report_with_their_text_language_and_note(
        mixed_report: tuple[Report, Path]) -> None:
    report, _ = mixed_report
    by_id = {a.id: a for a in report.articles}
    assert not report.inputs_failed
    assert by_id["101_kouwan"].language == "ja" and by_id["102_haigang"].language == "zh"
    assert by_id["101_kouwan"].text == f"{JA_LEAD}\n\n{JA_MORE}" and by_id["101_kouwan"].title == JA_TITLE
    assert by_id["102_haigang"].text == f"{ZH_LEAD}\n\n{ZH_MORE}" and by_id["102_haigang"].title == ZH_TITLE
    assert NOT_READ.format("Japanese", "ja") in by_id["101_kouwan"].notes
    assert NOT_READ.format("Chinese", "zh") in by_id["102_haigang"].notes
    assert "decoded as GB18030" in by_id["102_haigang"].notes[0]
    assert report.stories[0].article_ids == sorted(by_id)


def test_a_story_mixing_languages_compares_its_english_articles(mixed_report: tuple[Report, Path],
                                                                example_report: Report) -> None:
    """The same findings as the English articles alone; the others omit nothing and are cited nowhere."""
    report, _ = mixed_report
    others = {"101_kouwan", "102_haigang"}
    assert report.claims and report.quote_groups and report.brief
    assert sorted((c.text, c.status) for c in report.claims) == \
        sorted((c.text, c.status) for c in example_report.claims)
    assert sorted(g.speaker or "" for g in report.quote_groups) == \
        sorted(g.speaker or "" for g in example_report.quote_groups)
    for claim in report.claims:
        assert not others & set(claim.omitted_by)
        assert not others & {s.article_id for s in [*claim.support, *claim.contradicted_by]}
    assert not others & ({q.article_id for q in report.quotes} | {f.article_id for f in report.framing})
    assert not others & {p.article_id for p in report.profiles}


def test_report_html_shows_the_note_and_marks_the_text_language(mixed_report: tuple[Report, Path],
                                                                 tmp_path: Path) -> None:
    report, _ = mixed_report
    write_report(report, tmp_path / "out")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert NOT_READ.format("Japanese", "ja").replace("'", "&#39;") in html
    for sentence in (*JA_MORE.split("。")[:2], *ZH_MORE.split("。")[:2]):  # each sentence a span
        assert sentence in html
    assert '<div class="text" lang="ja">' in html and "Japanese (ja)" in html


# ------------------------------------------------------------------ stored and listed

def test_stored_articles_keep_their_language_and_listings_show_it(tmp_path: Path, cli_models: None) -> None:
    from typer.testing import CliRunner

    from newsprism.cli import app

    runner = CliRunner()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "harbour.txt").write_text("The harbour of Valmora reopened on Monday after a week of repairs, "
                                        "the port authority said.", encoding="utf-8")
    (folder / "kouwan.txt").write_bytes(f"{JA_TITLE}\n\n{JA_LEAD}\n\n{JA_MORE}\n".encode("euc_jp"))
    db = str(tmp_path / "s.db")
    ingested = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert ingested.exit_code == 0, ingested.output

    listed = runner.invoke(app, ["stories", "--db", db])
    lines = {line.split()[-1] if line.endswith("]") else "": line for line in listed.output.splitlines()}
    assert "[ja]" in lines and JA_TITLE in lines["[ja]"], listed.output
    assert len(lines) == 2 and "[" not in lines[""]  # all English: listed as before
    as_json = json.loads(runner.invoke(app, ["stories", "--json", "--db", db]).output)
    assert sorted(s["languages"] for s in as_json) == [["en"], ["ja"]]

    exported = tmp_path / "articles.jsonl"
    assert runner.invoke(app, ["export", "-o", str(exported), "--db", db]).exit_code == 0
    rows = {row["id"]: row for row in map(json.loads, exported.read_text(encoding="utf-8").splitlines())}
    assert rows["kouwan"]["language"] == "ja" and rows["harbour"]["language"] == "en"
    assert rows["kouwan"]["text"] == f"{JA_LEAD}\n\n{JA_MORE}"

    found = runner.invoke(app, ["search", "港町の防波堤", "--db", db]).output  # the headline's first phrase
    assert "kouwan" in found and found.rstrip().endswith("[ja]"), found
    assert "[" not in runner.invoke(app, ["search", "Valmora", "--db", db]).output
