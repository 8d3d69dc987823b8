from functools import partial
from itertools import islice

from tidings.api import build_pipeline
from tidings.engines import run_documents
from tidings.pipeline import Document, ReaderMeta
from tidings.record import Source


def _docs(count: int, pulled: list[int]):
    for n in range(count):
        pulled.append(n)
        text = f"Story {n}\n\nBody of story number {n}."
        yield Document(raw=text.encode(), source=Source(path=f"d{n}"), meta=ReaderMeta(text=text))


def test_one_worker_and_two_give_the_same_records_in_order():
    one = [
        r.to_dict() for r in run_documents(_docs(30, []), partial(build_pipeline, False), workers=1)
    ]
    two = [
        r.to_dict() for r in run_documents(_docs(30, []), partial(build_pipeline, False), workers=2)
    ]
    assert one == two
    assert [r["title"] for r in two] == [f"Story {n}" for n in range(30)]


def test_the_pool_reads_its_input_lazily():
    pulled: list[int] = []
    records = run_documents(
        _docs(10_000, pulled), partial(build_pipeline, False), workers=2, chunk_size=8
    )
    first = list(islice(records, 3))
    assert [r.title for r in first] == ["Story 0", "Story 1", "Story 2"]
    assert len(pulled) <= 2 * 2 * 8 + 8  # in flight: workers x 2 chunks, plus one
    records.close()
