"""Engines run a pipeline they are handed over many documents: in this process, or a pool."""

from tidings.engines.local import PipelineFactory, run_documents
from tidings.engines.supervised import Budget

__all__ = ["Budget", "PipelineFactory", "run_documents"]
