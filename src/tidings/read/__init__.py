"""Read inputs (files, folders, standard input) into documents for the pipeline."""

from tidings.read.sources import FORMATS, iter_documents, read_bytes, sniff_format

__all__ = ["FORMATS", "iter_documents", "read_bytes", "sniff_format"]
