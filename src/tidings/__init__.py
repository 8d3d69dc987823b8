"""tidings: news articles as they come off the web, turned into clean, structured, linked data."""

from tidings.api import (
    build_pipeline,
    default_steps,
    parse,
    parse_bytes,
    parse_paths,
    parse_text,
)
from tidings.errors import TidingsError
from tidings.pipeline import Document, Pipeline
from tidings.record import SCHEMA_VERSION, Article

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Document",
    "Pipeline",
    "TidingsError",
    "build_pipeline",
    "default_steps",
    "parse",
    "parse_bytes",
    "parse_paths",
    "parse_text",
]
__version__ = "0.1.0"
