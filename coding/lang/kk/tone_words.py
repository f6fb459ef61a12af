"""Kazakh words that change what a polar word means: negators, valence shifters, intensifiers.

Terms are written as in a codebook (a word is compared by its lemma key), so ``азаю`` also finds
``азайды``, ``азаймады``, ``азайған``. Kazakh negates after the word (``қауіп жоқ``, ``тиімді емес``) and
inside the verb (``азай|ма|ды``, found by the analyzer, see ``coding.tone.kazakh_negation``).
"""

from __future__ import annotations

NEGATORS: tuple[str, ...] = ("емес", "жоқ")
NEGATIVE_ENDINGS: tuple[str, ...] = ()
# Kazakh denies existence with «жоқ» after the word, like any negation: no separate rule is needed.
EXISTENTIAL: tuple[str, ...] = ()
EXISTENTIAL_NEGATORS: tuple[str, ...] = ()
# Verbs whose negation negates the word before them: the copula and light verbs (тиімді болмады, қолдау
# көрсетпеді, зардап шекпеді, жеңе алмады), and verbs of finding (зорлық анықталмады). Another negated
# verb negates only itself: in «нашар, себебі жазылмайды» "is not written" says nothing of нашар.
NEGATION_CARRIERS: tuple[str, ...] = (
    "бол", "тұр", "көрін", "көрсет", "бер", "ет", "жаса", "шек", "тап", "кел", "жет", "ал", "шық",
    "анықта", "тірке", "байқа", "кездес", "жүргіз", "атқар", "ұйымдастыр", "сезіл", "есепте", "істе",
    "төндір", "өт",
)
# Negative pronouns and adverbs that come with a negated verb and add no negation of their own:
# «ешқандай қауіп болған жоқ» is one negation.
CONCORD: tuple[str, ...] = ("ешқашан", "ешқандай", "ешбір", "еш", "ешкім", "ешнәрсе", "ештеңе")
# «тек қауіп қана емес», «жай ғана проблема емес»: a negator after one of these words weighs, it does
# not negate ("not just a problem" — more than a problem).
NOT_JUST: tuple[str, ...] = ("ғана", "қана")
# Words of decrease and increase: they act on the polar word (or harm count) they govern.
DECREASE: tuple[str, ...] = (
    "азаю", "азайту", "төмендеу", "төмендету", "кему", "кеміту", "қысқару", "қысқарту", "жойылу", "жою",
    "тоқтау", "тоқтату", "жеңілдеу", "бәсеңдеу", "әлсіреу", "әлсірету",
    # The analyzer keeps some verbal nouns in -еу whole (төмендеу), so their verbs are listed by a finite form.
    "төмендеді", "кеміді", "жеңілдеді", "азырақ", "сирек",
    # Words of absence: «қолдаудың жетіспеушілігі» is bad news, «зорлық-зомбылықтың болмауы» good news.
    "жетіспеушілік", "тапшылық",
)
INCREASE: tuple[str, ...] = (
    "өсу", "көбею", "күшею", "күшейту", "арту", "арттыру", "ұлғаю", "ұлғайту", "жиілеу", "асқыну",
    "шиеленісу", "тереңдеу", "жиіледі", "тереңдеді", "көбірек", "жиірек",
)
INTENSIFIERS: tuple[str, ...] = (
    "өте", "аса", "тым", "барынша", "мейлінше", "айрықша", "ерекше", "күрт", "едәуір", "айтарлықтай",
    "мүлдем", "шектен", "тіпті", "толық", "толығымен",
)
# Counts of harm: neutral alone («қылмыс тіркелді» reports), bad news when they grow, good when they fall.
INCIDENCE: tuple[str, ...] = (
    "қылмыс", "қылмыстылық", "жағдай", "факт", "оқиға", "құрбан", "жәбірленуші", "бала саудасы",
    "адам саудасы", "зорлық",
)
# A negation whose scope is the whole clause before it: «тиімді болмады деп айтуға болмайды».
SENTENTIAL: tuple[tuple[str, ...], ...] = (
    ("деп", "айтуға", "болмайды"), ("деуге", "болмайды"), ("деп", "айта", "алмаймыз"),
    ("деп", "айтуға", "келмейді"), ("деген", "дұрыс", "емес"),
)
# A clause ends before these words (with or without a comma) …
CLAUSE_BREAKS: tuple[str, ...] = ("бірақ", "алайда", "дегенмен", "әйтсе", "әйткенмен", "керісінше")
# … and before these after a comma.
COMMA_CONJUNCTIONS: tuple[str, ...] = ("және", "әрі", "ал", "немесе", "сондай-ақ", "яғни")
# A shifter does not reach across these to a word after them (the predicate is not what decreased).
COPULAS: tuple[str, ...] = ("болды", "болып", "болған", "болады", "еді", "екен", "болмақ")
# Words that do not count when measuring how far a negator or a shifter reaches.
FUNCTION_WORDS: tuple[str, ...] = (
    "бұл", "осы", "сол", "да", "де", "та", "те", "бойынша", "саны", "деңгейі", "мен", "пен", "бен", "жылы",
    "ішінде", "әлі", "дейін", "қатысты", "қарсы", "үшін", "арасында",
)
