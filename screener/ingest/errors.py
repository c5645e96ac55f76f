"""The one exception readers raise: a file that cannot be used, with the reason why."""

from __future__ import annotations


class ReadError(Exception):
    """A resume file cannot be read; ``str(exc)`` is the reason shown to the recruiter."""
