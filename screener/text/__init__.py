"""Text analysis that needs no taxonomy: sections, dates, roles and degrees."""
