"""``python -m screener.cli``: the command line, as running the old cli.py module did."""

from screener.cli import app

app()
