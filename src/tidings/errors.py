"""The exception tree. Every message says what went wrong and what to do.

TidingsError
├── UsageError          bad arguments or options (exit 2)
├── InputError          a document that cannot be read
│   ├── EmptyDocument
│   └── NotText         binary or undecodable bytes
├── PipelineError       steps that do not fit together
└── StoreError          the database cannot be opened or written
"""


class TidingsError(Exception):
    """Base of every error tidings raises on purpose."""


class UsageError(TidingsError):
    pass


class InputError(TidingsError):
    pass


class EmptyDocument(InputError):
    pass


class NotText(InputError):
    pass


class PipelineError(TidingsError):
    pass


class StoreError(TidingsError):
    pass


def one_line(exc: BaseException) -> str:
    """An exception as one line: our own errors by their message, others with their type."""
    text = str(exc).strip().splitlines()
    message = text[0] if text else ""
    if isinstance(exc, TidingsError):
        return message
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
