"""Quotes of one article: every attribution, with its cue and its speaker."""
from pipeline.extract.quotes.direct import extract_quotes

__all__ = ["extract_quotes"]
