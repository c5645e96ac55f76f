"""Matching: the SkillIndex, mentions with context, implied skills -> Profile."""

from __future__ import annotations

from screener.match.index import SkillIndex, skill_index
from screener.match.mentions import profile_document, profile_text
from screener.match.profile import Mention, Profile, SkillEvidence

__all__ = [
    "Mention",
    "Profile",
    "SkillEvidence",
    "SkillIndex",
    "profile_document",
    "profile_text",
    "skill_index",
]
