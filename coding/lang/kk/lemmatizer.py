"""The ``kk_lemmatizer`` pipeline component: ``token.lemma_`` is the matching key and ``token._.lemmas``
every candidate, most likely first.

>>> import spacy, coding.lang.kk
>>> nlp = spacy.blank("kk"); _ = nlp.add_pipe("kk_lemmatizer")
>>> [t.lemma_ for t in nlp("Балалар саудасына")]
['бала', 'сауда']
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from .analyzer import lemma_candidates

if not Token.has_extension("lemmas"):
    Token.set_extension("lemmas", default=(), force=True)


@Language.component("kk_lemmatizer")
def kk_lemmatizer(doc: Doc) -> Doc:
    """Set ``lemma_`` (the key) and ``_.lemmas`` (all candidates) on every token of ``doc``."""
    for token in doc:
        candidates = lemma_candidates(token.text)
        token.lemma_ = candidates[0]
        token._.lemmas = candidates
    return doc
