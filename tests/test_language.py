"""Language from the body's text; English understanding only on English bodies."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tidings.api import build_pipeline, parse_bytes, parse_text
from tidings.language import detect_language, understood
from tidings.pipeline import Document, ReaderMeta
from tidings.record import Source

PAGES = Path(__file__).resolve().parents[1] / ".." / "shared" / "benchmarks" / "article-extraction"
LABELS = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "languages.tsv"

# Short bodies written for these tests, in the image of the pages that went wrong.
RUSSIAN = (
    "Что делать, если машина не заводится зимой? Поэтому мы спросили механиков, "
    "которые каждый день чинят автомобили в Новосибирске."
)
INDONESIAN = (
    "Setelah hujan deras semalam, warga desa membersihkan jalan dan saluran air bersama. "
    "Kepala desa mengatakan bantuan akan tiba besok pagi."
)
PORTUGUESE = (
    "A equipe do serviço de atendimento registrou nesta manhã um arrombamento em dois "
    "veículos estacionados no bairro, segundo a polícia municipal."
)
JAPANESE = "先日、町の図書館で新しい展示が始まりました。多くの市民が週末に訪れ、担当者は来月まで続けると話しました。"
ENGLISH = (
    "The mayor of Harbourton said on Monday that the new bridge would open in March, "
    "after two years of work and a long dispute with the contractor."
)


@pytest.mark.parametrize(
    ("text", "code"),
    [(RUSSIAN, "ru"), (INDONESIAN, "id"), (PORTUGUESE, "pt"), (JAPANESE, "ja"), (ENGLISH, "en")],
)
def test_detects_the_body_language(text: str, code: str) -> None:
    assert detect_language([text]) == code


def test_the_page_claim_is_only_a_hint() -> None:
    # an English page of a German edition: <html lang="de">, English body
    assert detect_language([ENGLISH], hint="de") == "en"
    # too short to tell: the page's claim stands (primary subtag only)
    assert detect_language(["Ja."], hint="de-AT") == "de"
    assert detect_language(["Ja."]) is None


def test_only_english_is_understood() -> None:
    assert understood("en") and understood(None)
    assert not understood("ru")


@pytest.mark.parametrize("text", [RUSSIAN, INDONESIAN, PORTUGUESE, JAPANESE])
def test_no_english_nlp_on_other_languages(text: str) -> None:
    record = parse_text(text, date="2021-01-24", title="Title")
    assert record.language != "en"
    assert record.actors == [] and record.entities == [] and record.events == []
    assert record.quotes == [] and record.times == []
    assert any("understanding not attempted" in e for e in record.errors)
    assert record.paragraphs == [text]  # stored as it came


def test_batches_decline_other_languages_and_parse_english() -> None:
    pipeline = build_pipeline()
    docs = [
        Document(
            raw=t.encode(), source=Source(), meta=ReaderMeta(text=t, title="T", date="2021-01-24")
        )
        for t in (RUSSIAN, ENGLISH + " Harbourton police arrested two men.")
    ]
    russian, english = list(pipeline.run(docs))
    assert russian.actors == [] and any("not attempted" in e for e in russian.errors)
    assert english.language == "en" and english.actors and not english.errors


def test_language_right_on_the_181_pages() -> None:
    """Every page of the extraction benchmark, through the HTML reader, against the
    language read from its text (`benchmarks/data/languages.tsv`)."""
    if not PAGES.exists():
        pytest.fail(f"{PAGES} is missing: the shared benchmarks sit beside the checkout")
    gold = {}
    for line in LABELS.read_text().splitlines():
        if line and not line.startswith("#"):
            page, code = line.split("\t")
            gold[page] = code
    wrong = []
    for path in sorted((PAGES / "html").glob("*.html.gz")):
        page = path.name.split(".")[0]
        raw = gzip.decompress(path.read_bytes())
        (record,) = parse_bytes(raw, path=str(path), fmt="html", nlp=False)
        if record.language != gold[page]:
            wrong.append((page[:8], gold[page], record.language))
    assert len(gold) == 181
    assert wrong == []
