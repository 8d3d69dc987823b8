"""Articles for story tests: one wire report, its copies and versions, and other news."""

from __future__ import annotations

import pytest

from tidings.api import parse_text
from tidings.record import Article, Source
from tidings.store import Store

WIRE = [
    "Police detained dozens of people in Belgrade on Tuesday after protesters gathered outside "
    "the government building to demand the resignation of ministers over the collapse of a "
    "railway station canopy that killed fifteen people last month.",
    "The protest was the largest in the Serbian capital since the spring, organisers said, and "
    "traffic in the city centre was halted for several hours as students and farmers marched "
    "from the university to parliament.",
    "Interior Minister Ivica Dacic said officers had acted with restraint and that those "
    "detained had attacked police with flares and stones. Opposition leaders accused the "
    "government of using force against peaceful marchers.",
    "President Aleksandar Vucic said in a televised address that he would not bow to pressure "
    "from the street, but offered talks with student representatives next week.",
    "Prosecutors said on Wednesday that twelve people had been charged over the canopy "
    "collapse, including a former construction minister, and that the investigation into the "
    "renovation contracts would continue into the new year.",
]
PADDING = [
    "Balkan Daily Digest brings you the region's top stories every morning from our newsroom.",
    "Our journalism is funded by readers like you and by the partners who share our mission.",
]
OTHER = [
    "The central bank of Chile raised its benchmark interest rate by half a percentage point "
    "on Thursday, citing stubborn inflation in food and fuel prices across the country.",
    "Economists had expected a smaller increase, and the peso strengthened after the "
    "announcement, while the governor said further moves would depend on the data.",
]


def make(
    title: str,
    paragraphs: list[str],
    outlet: str,
    url: str,
    date: str | None = "2024-12-18",
) -> Article:
    record = parse_text(f"{title}\n\n" + "\n\n".join(paragraphs), date=date, nlp=False)
    record.source = Source(url=url, outlet=outlet, format="text")
    return record


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    """Linking runs on both backends: the same store API, the same schema."""
    location = ":memory:" if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    with Store(location) as s:
        yield s


@pytest.fixture
def wire() -> Article:
    return make("Serbian police detain protesters", WIRE, "wire.example", "https://wire.example/1")


@pytest.fixture
def cut_and_padded() -> Article:
    """Another outlet's copy: re-headlined, cut to its lead, padded with its boilerplate."""
    return make("Dozens held in Belgrade protest", PADDING[:1] + WIRE[:3] + PADDING[1:],
                "daily.example", "https://daily.example/balkans/belgrade")  # fmt: skip


@pytest.fixture
def revised() -> Article:
    """The wire's own revision of its page: one paragraph changed, a day later."""
    changed = WIRE[:4] + [WIRE[4].replace("twelve people", "thirteen people")]
    return make("Serbian police detain protesters", changed, "wire.example",
                "https://wire.example/1", date="2024-12-19")  # fmt: skip


@pytest.fixture
def other_news() -> Article:
    return make("Chile raises interest rate", OTHER, "money.example", "https://money.example/cl")
