"""Corpus-wide linking (the link stage): one identity per entity, citations resolved to articles,
text reuse between articles and quote clusters. May import pipeline.extract, never the reverse."""
from pipeline.link.corpus import link_corpus

__all__ = ["link_corpus"]
