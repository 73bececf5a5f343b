"""Figures of one article: numbers with their bounds, units and what they count."""
from pipeline.extract.figures.reader import extract_figures

__all__ = ["extract_figures"]
