"""MkDocs hook: the theme's templates are compiled once per process, not once per build (builder/template_cache.py)."""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from builder.template_cache import TEMPLATES


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = TEMPLATES
    return env
