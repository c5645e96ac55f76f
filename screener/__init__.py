"""screener: score a folder of resumes against an opening's rubric, offline and explained.

Nothing imported here loads spaCy or openpyxl; the stages that own them import them on use.
"""

from __future__ import annotations

__version__ = "0.1.0"

from screener.config import Rubric, Taxonomy, load_rubric, load_taxonomy, validate_paths
from screener.errors import ConfigError, InputError, ScreenerError
from screener.export import write_json, write_workbook
from screener.match import Mention, Profile, profile_text
from screener.pipeline import BatchResult, score_folder
from screener.score import Assessment, rank, score

__all__ = [
    "Assessment",
    "BatchResult",
    "ConfigError",
    "InputError",
    "Mention",
    "Profile",
    "Rubric",
    "ScreenerError",
    "Taxonomy",
    "__version__",
    "load_rubric",
    "load_taxonomy",
    "profile_text",
    "rank",
    "score",
    "score_folder",
    "validate_paths",
    "write_json",
    "write_workbook",
]
