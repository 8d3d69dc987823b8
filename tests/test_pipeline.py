import pytest

from tidings.document import contract_fields
from tidings.errors import PipelineError
from tidings.pipeline import Document, Pipeline, ReaderMeta
from tidings.record import Source


class Step:
    def __init__(self, name, requires=(), assigns=(), action=None):
        self.name = name
        self.requires = frozenset(requires)
        self.assigns = frozenset(assigns)
        self.action = action or (lambda doc: None)
        self.seen = []

    def __call__(self, doc):
        self.seen.append(doc.raw)
        self.action(doc)


def _doc(raw: bytes) -> Document:
    return Document(raw=raw, source=Source(path=raw.decode()))


def test_pipeline_refuses_a_step_whose_needs_come_later():
    with pytest.raises(PipelineError, match="needs \\['text'\\]"):
        Pipeline([Step("layout", requires={"text"}), Step("decode", assigns={"text"})])


def test_a_failing_document_gets_its_error_and_the_batch_goes_on():
    def explode(doc):
        if doc.raw == b"bad":
            raise ValueError("cannot decode\nsecond line")
        doc.text = doc.raw.decode()

    later = Step("later", requires={"text"})
    pipeline = Pipeline([Step("decode", assigns={"text"}, action=explode), later])
    records = list(pipeline.run([_doc(b"ok1"), _doc(b"bad"), _doc(b"ok2")]))
    assert [r.errors for r in records] == [[], ["decode: ValueError: cannot decode"], []]
    assert later.seen == [b"ok1", b"ok2"]  # skipped where its input failed
    assert pipeline.counters["decode.error"] == 1
    assert pipeline.counters["later.skipped"] == 1


def test_batch_step_falls_back_to_one_at_a_time_when_the_batch_fails():
    class Batchy(Step):
        def batch(self, docs):
            raise RuntimeError("one bad apple")

    def explode(doc):
        if doc.raw == b"bad":
            raise RuntimeError("bad")

    step = Batchy("nlp", assigns={"record.entities"}, action=explode)
    records = list(Pipeline([step]).run([_doc(b"a"), _doc(b"bad"), _doc(b"b")]))
    assert [bool(r.errors) for r in records] == [False, True, False]


def test_read_errors_carried_on_the_document_skip_every_text_step():
    step = Step("layout", requires={"text"})
    pipeline = Pipeline([Step("decode", requires={"raw"}, assigns={"text"}), step])
    doc = Document(raw=b"", source=Source(path="x"), meta=ReaderMeta(error="read: empty"))
    record = pipeline.run_one(doc)
    assert record.errors == ["read: empty"]
    assert step.seen == []
    assert pipeline.steps[0].seen == []
    assert pipeline.counters["failed"] == 1


def test_pipeline_refuses_names_that_are_not_fields_of_a_document():
    with pytest.raises(PipelineError, match="names \\['docs'\\], which are not fields"):
        Pipeline([Step("nlp", assigns={"docs"})])
    with pytest.raises(PipelineError, match="record.paragraph'\\]"):
        Pipeline([Step("repair", requires={"record.paragraph"})])


def test_contract_names_are_the_fields_of_document_and_its_record():
    names = contract_fields()
    assert {"raw", "meta", "text", "parsed", "actor_index", "record.paragraphs"} <= names
    assert not {"scratch", "article", "failed_parts", "record.scratch"} & names


def test_a_step_that_does_not_fill_what_it_assigns_fails_on_that_document():
    later = Step("later", requires={"text"})
    pipeline = Pipeline([Step("decode", assigns={"text"}), later])
    record = pipeline.run_one(_doc(b"x"))
    assert record.errors == ["decode: the step did not assign text"]
    assert later.seen == []


def test_the_default_steps_fit_together():
    from tidings.api import default_steps

    steps = default_steps(nlp=True)
    Pipeline(steps)  # raises when a name is not a field or comes too late
    assert [s.name for s in steps] == ["read", "decode", "layout", "repair", "language", "nlp",
                                       "actors", "quotes", "times", "events"]  # fmt: skip
