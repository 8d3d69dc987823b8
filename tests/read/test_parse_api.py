"""`tidings.parse` sniffs its input as the CLI does; `parse_text` refuses markup."""

import tomllib
from pathlib import Path

import pytest

import tidings
from tidings.errors import InputError, UsageError

REPO = Path(__file__).resolve().parents[2]


def test_parse_reads_a_page_by_path_and_by_bytes(write, article_page):
    path = write("saved-page", article_page())
    by_path = tidings.parse(path, nlp=False)
    by_bytes = tidings.parse(path.read_bytes(), nlp=False)
    assert by_path.source.format == by_bytes.source.format == "html"
    assert by_path.title == by_bytes.title == "Harbour reopens after storm"
    assert by_path.paragraphs == by_bytes.paragraphs
    assert not any("<p>" in p for p in by_path.paragraphs)


def test_parse_reads_plain_text(write, clean_text):
    record = tidings.parse(str(write("a.txt", clean_text)), date="2021-01-24", nlp=False)
    assert record.source.format == "text" and record.published == "2021-01-24"


def test_parse_refuses_an_input_of_several_documents(write):
    path = write("two.jsonl", '{"text": "One body."}\n{"text": "Another body."}\n')
    with pytest.raises(UsageError, match="parse_paths"):
        tidings.parse(path, nlp=False)


def test_parse_text_refuses_html_and_names_parse(article_page):
    with pytest.raises(InputError, match=r"tidings\.parse"):
        tidings.parse_text(article_page(), nlp=False)


def test_parse_text_still_takes_text_that_mentions_tags(clean_text):
    record = tidings.parse_text(clean_text + "\nThe site's <b> tags were broken.\n", nlp=False)
    assert record.title == "Harbour reopens after storm"


def test_the_package_says_it_is_typed():
    assert (REPO / "src" / "tidings" / "py.typed").is_file()
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["tidings"]
