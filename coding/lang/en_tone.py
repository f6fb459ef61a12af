"""English words that change what a polar word means: negators, valence shifters, intensifiers.

Terms are written as in a codebook (compared by lemma): ``decrease`` also finds ``decreased``. English
negators stand before the word (``not effective``, ``no threat``, ``no longer a threat``); a denial of
finding follows it: ``a threat was not detected``.
"""

from __future__ import annotations

NEGATORS: tuple[str, ...] = ("not", "no", "never", "without", "none", "nor", "cannot", "nothing", "nobody", "neither")
# didn't, wasn't, can't …: any word ending in these negates.
NEGATIVE_ENDINGS: tuple[str, ...] = ("n't", "n’t")
CONCORD: tuple[str, ...] = ()
NOT_JUST: tuple[str, ...] = ("only", "just", "merely", "simply")
# Followed by one of these verbs (lemmas), a negator denies that something was there or came, and reaches
# back to it: "a threat was not found", "the support never arrived".
EXISTENTIAL: tuple[str, ...] = (
    "find", "detect", "observe", "record", "register", "identify", "see", "report", "present", "there",
    "exist", "remain", "arrive", "come", "appear", "materialise", "materialize",
)
EXISTENTIAL_NEGATORS: tuple[str, ...] = ("none",)
DECREASE: tuple[str, ...] = (
    "decrease", "decline", "reduce", "reduction", "fall", "drop", "diminish", "lessen", "ease", "shrink",
    "eliminate", "elimination", "eradicate", "eradication", "disappear", "overcome", "curb", "cut",
    "lower", "subside", "go down", "fewer", "less",
    # words of absence: "lack of support" is bad news, "absence of violence" good news
    "lack", "shortage", "absence",
)
INCREASE: tuple[str, ...] = (
    "increase", "rise", "grow", "growth", "surge", "spike", "escalate", "escalation", "intensify",
    "worsen", "multiply", "soar", "double", "triple", "go up", "mount", "spread", "more",
)
INTENSIFIERS: tuple[str, ...] = (
    "very", "extremely", "highly", "deeply", "particularly", "especially", "seriously", "gravely",
    "severely", "sharply", "significantly", "dramatically", "considerably", "greatly", "truly",
    "utterly", "exceptionally", "markedly", "fully", "completely", "entirely",
)
INCIDENCE: tuple[str, ...] = (
    "case", "crime", "victim", "incident", "offence", "offense", "trafficking", "abduction", "kidnapping",
)
SENTENTIAL: tuple[tuple[str, ...], ...] = (
    ("not", "that"), ("not", "true", "that"), ("not", "the", "case", "that"), ("cannot", "say", "that"),
    ("can't", "say", "that"), ("cannot", "be", "said", "that"),
)
# "yet" ends a clause only after a comma: "not yet successful" is one clause.
CLAUSE_BREAKS: tuple[str, ...] = ("but", "however", "although", "though", "whereas", "while")
COMMA_CONJUNCTIONS: tuple[str, ...] = ("and", "or", "so", "which", "yet")
# A shifter does not reach across these to a word after them: in "the lack of staff is a problem" the
# problem is not what is lacking (before the shifter they may stand: "support was reduced").
COPULAS: tuple[str, ...] = ("is", "are", "was", "were", "be", "been", "being", "remains", "remained", "remain",
                            "seems", "seemed", "becomes", "became", "proved")
# Words that do not count when measuring how far a negator or a shifter reaches.
FUNCTION_WORDS: tuple[str, ...] = (
    "the", "a", "an", "of", "in", "on", "at", "by", "to", "for", "from", "with", "was", "were", "is", "are",
    "be", "been", "being", "has", "have", "had", "did", "do", "does", "this", "that", "these", "those", "its",
    "their", "his", "her", "number", "level", "year", "last", "rate", "over", "all", "against", "among",
    "towards",
)
