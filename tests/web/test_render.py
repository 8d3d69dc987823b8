from markupsafe import Markup

from tidings.events.series import DyadPeriod
from tidings.record import Article, Edit, Source
from tidings.store.views import Span
from tidings.web.render import Mark, marked_text, original_with_edits, timeline


def test_crossing_marks_still_nest_and_text_is_escaped():
    text = "a <b> said Peskov today"
    marks = [Mark(2, 16, "quote", "quote", "Peskov"), Mark(11, 17, "entity", "actor", "", "/actors/P")]
    html = marked_text(text, marks)
    assert isinstance(html, Markup)
    assert html == (
        'a <q class="quote" title="Peskov">&lt;b&gt; said '
        '<a class="actor" href="/actors/P">Pesko</a></q>'
        '<a class="actor" href="/actors/P">v</a> today'
    )


def test_each_edit_found_once_and_in_order():
    original = "Ad\nHello wor ld\nAd\n"
    record = Article(
        id="x", source=Source(), original=original, paragraphs=["Hello world"],
        edits=[
            Edit("boilerplate", "Ad", "", None, "advertisement"),
            Edit("split_word", "wor ld", "world", 0, "split word"),
            Edit("boilerplate", "Ad", "", None, "advertisement"),
            Edit("encoding", "Ã©", "é", 0, "mojibake"),
        ],
    )
    shown = original_with_edits(record)
    assert shown.placed == 3
    assert [e.before for e in shown.unplaced] == ["Ã©"]
    assert shown.html.count('<del class="edit-before">Ad</del>') == 2
    assert '<del class="edit-before">wor ld</del><ins class="edit-after">world</ins>' in shown.html


def test_timeline_fills_empty_periods_and_scales_to_the_top():
    rows = [
        DyadPeriod("RUS", "UKR", "2021-01", {"ASSAULT": 2}, 2, -9.0),
        DyadPeriod("RUS", "UKR", "2021-03", {"CONSULT": 1, "ASSAULT": 3}, 4, -5.0),
    ]
    chart = timeline(rows, "month")
    assert [b.period for b in chart.bars] == ["2021-01", "2021-02", "2021-03"]
    assert chart.top == 4 and chart.bars[1].segments == [] and chart.bars[1].mean_intensity is None
    assert sum(h for _, _, h, _ in chart.bars[2].segments) == chart.plot_bottom - chart.plot_top
    # −10…+10 over the plot's 200px: −9 sits 10px above the bottom, −5 at three quarters down
    assert [y for _, y in chart.intensity_points] == [210.0, 170.0]


def test_spans_become_marks():
    from tidings.web.render import highlighted

    assert highlighted("new sanctions", [Span(4, 13)]) == 'new <mark class="hit">sanctions</mark>'
