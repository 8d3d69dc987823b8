import json

import pytest

from tidings.errors import UsageError
from tidings.read import iter_documents, sniff_format


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.txt", b"Title\n\nBody", "text"),
        ("a", b"<!DOCTYPE html><html>", "html"),
        ("a.jsonl", b"", "jsonl"),
        ("dump", b'{"title": "t", "text": "x"}\n', "jsonl"),
        ("feed", b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        ("x.warc.gz", b"\x1f\x8b", "warc"),
        ("x", b"WARC/1.0\r\n", "warc"),
        ("notes", b"{not json at all", "text"),
    ],
)
def test_sniff_format(name, head, kind):
    assert sniff_format(name, head) == kind


def test_folders_are_read_recursively_in_order_skipping_hidden(write, tmp_path):
    write("b.txt", "B title\n\nB body.")
    write("sub/a.txt", "A title\n\nA body.")
    write(".hidden/c.txt", "C")
    docs = list(iter_documents([str(tmp_path)]))
    assert [d.source.path.rsplit("/", 1)[-1] for d in docs] == ["b.txt", "a.txt"]


def test_missing_path_is_a_usage_error():
    with pytest.raises(UsageError, match="no such file"):
        list(iter_documents(["/nonexistent/file.txt"]))


def test_jsonl_lines_become_documents_and_a_bad_line_is_reported_with_its_number(write):
    lines = [
        json.dumps({"title": "One", "text": "First body.", "url": "https://x.test/1",
                    "date": "2021-01-24", "outlet": "X"}),
        "{this is not json",
        json.dumps({"title": "No text"}),
        json.dumps({"title": "Two", "text": "Second body."}),
    ]  # fmt: skip
    path = write("a.jsonl", "\n".join(lines) + "\n")
    docs = list(iter_documents([str(path)], date="2020-05-05"))
    assert len(docs) == 4
    assert docs[0].meta.title == "One" and docs[0].source.url == "https://x.test/1"
    assert docs[0].meta.date == "2021-01-24"
    assert docs[3].meta.date == "2020-05-05"  # --date fills in a missing date
    assert "line 2 is not JSON" in docs[1].record.errors[0]
    assert "line 3 has no `text`" in docs[2].record.errors[0]
    assert docs[0].source.path.endswith("a.jsonl:1")


def test_a_file_over_the_size_limit_is_recorded_not_read(write):
    path = write("big.txt", "word " * 1000)
    (doc,) = iter_documents([str(path)], max_bytes=100)
    assert "over the" in doc.record.errors[0] and "--max-bytes" in doc.record.errors[0]


def test_same_bytes_give_the_same_id(write):
    a = write("a.txt", "Same\n\nText.")
    b = write("b.txt", "Same\n\nText.")
    ids = [d.record.id for d in iter_documents([str(a), str(b)])]
    assert ids[0] == ids[1]


def test_walking_a_folder_skips_database_files(write, tmp_path):
    write("a.txt", "A title\n\nA body.")
    for name in ("tidings.db", "tidings.db-wal", "tidings.db-shm"):
        write(name, b"SQLite format 3\x00")
    assert [d.source.path.rsplit("/", 1)[-1] for d in iter_documents([str(tmp_path)])] == ["a.txt"]


def test_a_lone_surrogate_escape_in_jsonl_becomes_a_replacement_character_noted():
    from tidings.read.sources import read_bytes
    from tidings.record import Source

    line = b'{"title": "Bad \\udc00 title", "text": "Body \\ud800 here \\ud83d\\ude00."}\n'
    [doc] = read_bytes(line, Source(path="s.jsonl"), "jsonl")
    assert doc.meta.title == "Bad \ufffd title"
    assert doc.meta.text == "Body \ufffd here \U0001f600."  # a valid pair stays one character
    assert doc.record.errors == [
        "read: line 1: 2 lone surrogate escape(s) (\\ud800-\\udfff, not characters) "
        "replaced with U+FFFD"
    ]
