"""stancegraph: news text → stance claims → RDF knowledge graph."""

__version__ = "0.1.0"
