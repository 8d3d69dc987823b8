"""The default pipeline: which steps run, in which order."""

from __future__ import annotations

from tidings.clean.steps import DecodeStep, LayoutStep, RepairStep
from tidings.language import LanguageStep
from tidings.pipeline import Pipeline, Step
from tidings.read.feeds import FeedItems
from tidings.read.step import ReadPageStep


def default_steps(nlp: bool = True, feed_items: FeedItems | None = None) -> list[Step]:
    """read -> decode -> layout -> repair -> language, then (with `nlp`) the understanding steps.
    `feed_items` are the link-only feed items of the run, which complete their pages."""
    steps: list[Step] = [
        ReadPageStep(feed_items), DecodeStep(), LayoutStep(), RepairStep(), LanguageStep()
    ]
    if nlp:
        from tidings.understand import understanding_steps

        steps.extend(understanding_steps())
    return steps


def build_pipeline(nlp: bool = True, feed_items: FeedItems | None = None) -> Pipeline:
    return Pipeline(default_steps(nlp, feed_items))
