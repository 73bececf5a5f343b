"""Pure text helpers that both the per-article and the corpus-wide side use: name keys, spans,
union-find. Imports nothing else of the pipeline."""
