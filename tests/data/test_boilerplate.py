"""The boilerplate patterns: each catches page furniture and spares article text."""

import pytest

from tidings.clean.layout import boilerplate_reason
from tidings.data import patterns


@pytest.mark.parametrize(
    "line",
    [
        "Share this on",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Leave a comment",
        "12 Comments",
        "View comments",
        "Subscribe to our newsletter",
        "Sign up for our daily newsletter to get the news first",
        "Follow us on Twitter",
        "Read more",
        "Read more: Police detain dozens at rally",
        "Related stories",
        "Advertisement",
        "Story continues below advertisement",
        "© 2021 Reuters. All rights reserved.",
        "All rights reserved.",
        "Reporting by Tom Balmforth; Editing by Alex Richardson",
        "Photo: AFP",
    ],
)
def test_furniture_is_caught(line):
    assert boilerplate_reason(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Police detained more than 3,000 people.",
        "Share prices fell 3% on Monday after the announcement.",
        "The company said it would follow the ruling.",
        "Readers were asked to comment on the plan by Friday.",
        "“Read more books,” the minister told students.",
        "Subscribers to the service will pay more from March, the firm said.",
        "Copyright law was the subject of the hearing in Brussels on Tuesday.",
        "Advertising revenue fell sharply in the quarter, the group reported.",
    ],
)
def test_article_text_is_spared(line):
    assert boilerplate_reason(line) is None


def test_every_pattern_compiles_and_has_a_reason():
    loaded = patterns("boilerplate.txt")
    assert len(loaded) > 20
    assert all(reason and reason != "pattern" for _, reason in loaded)
