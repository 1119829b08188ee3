"""The HTTP API: Litestar over the read models, commands through the one writer."""

from dojo.api.app import create_app

__all__ = ["create_app"]
