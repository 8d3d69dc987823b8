"""Engines run a pipeline they are handed over many documents: in this process, or a pool."""

from tidings.engines.local import PipelineFactory, run_documents

__all__ = ["PipelineFactory", "run_documents"]
