"""``python -m screener.cli``: the same command line as ``screener``."""

from screener.cli import app

app()
