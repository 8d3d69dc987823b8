"""Serving the store over HTTP: a JSON API (FastAPI) and web pages (Jinja2)."""

from tidings.web.app import create_app, serve

__all__ = ["create_app", "serve"]
