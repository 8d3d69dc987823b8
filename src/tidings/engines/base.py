"""What every engine shares: a pipeline, or a factory that builds one."""

from __future__ import annotations

from collections.abc import Callable

from tidings.pipeline import Pipeline

PipelineFactory = Callable[[], Pipeline]


def built(pipeline: Pipeline | PipelineFactory) -> Pipeline:
    """The pipeline itself, or the one its factory builds."""
    return pipeline if isinstance(pipeline, Pipeline) else pipeline()
