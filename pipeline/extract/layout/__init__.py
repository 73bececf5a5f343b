"""The layout of a raw article: headline, byline, outlet, dates, URL, cited outlets and the body."""
from pipeline.extract.layout.parse import Layout, parse_layout

__all__ = ["Layout", "parse_layout"]
