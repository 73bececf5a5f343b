"""Entity mentions of one article (people, organisations, places, groups), from its one parse."""
from pipeline.extract.entities.mentions import extract_entities

__all__ = ["extract_entities"]
