"""Taxonomy and rubric files: schemas, loaders and validation with line numbers."""

from __future__ import annotations

from screener.config.rubric import Requirement, Rubric, load_rubric
from screener.config.taxonomy import Skill, SkillType, Taxonomy, load_taxonomy
from screener.config.validate import ValidationReport, validate_paths

__all__ = [
    "Requirement",
    "Rubric",
    "Skill",
    "SkillType",
    "Taxonomy",
    "ValidationReport",
    "load_rubric",
    "load_taxonomy",
    "validate_paths",
]
