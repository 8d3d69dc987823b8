"""Engines run the pipeline over many documents: in this process, or a process pool."""

from tidings.engines.local import run_documents

__all__ = ["run_documents"]
