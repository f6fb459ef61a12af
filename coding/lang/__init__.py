"""Language-specific analysis: one module (or package) per language, each exposing
``lemma_candidates(word) -> tuple[str, ...]`` whose first item is the matching key."""
