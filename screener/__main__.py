"""``python -m screener``: the same command line as ``screener``."""

from screener.cli import app

app(prog_name="screener")
