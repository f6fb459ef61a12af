"""Kazakh inflectional suffixes as data: the slots of the noun and verb chains and their allomorphs.

A row is ``(slot, forms, after, left, cost, final)``:

- ``slot``: the morpheme class; the analyzer strips suffixes right to left and a suffix may only stand
  directly after a slot named in ``left`` (``N``/``V`` mean a bare noun/verb stem).
- ``forms``: ``"лар/лер"`` is a back/front pair checked against vowel harmony; a single form has no harmony
  constraint (``мен``, ``п``, ``м``). A ``+ы`` or ``+й`` tail means the stem lost that letter in writing and
  gets it back: оқиды = оқы+й+ды is written with и, оқу = оқы+у, жою = жой+у. A ``!`` tail means the
  form only follows that ending: журналист+тер is written журналистер (``!ист``).
- ``after``: the sound classes (see ``alphabet.SOUND_CLASS``) the part before the suffix may end in;
  ``*`` means any. This is what picks -лар after a vowel, -дар after м/н/ң/з/ж/л, -тар after voiceless.
- ``cost``: how doubtful the suffix is when found (a short, homographic suffix costs more); ``final`` is
  extra cost when the suffix ends the word (bare -а, -ы, -ма are often part of a stem).
"""

from __future__ import annotations

C = "RLNZK"  # any consonant sound class
ANY = "*"

# Slots: PL plural; P12 1sg/2sg possessive (dative -а after it), P3 3rd person possessive (case -н- after it),
# P other possessives; GEN ACC DAT LOC ABL INS SIM cases; ATTR -ғы after the locative; PRED personal
# endings; NEG negation; PAST -ды; COND -са; PERSK person after PAST/COND; PTCP -ған; NMZ -дық after it;
# HAB -атын; AOR -ар; NAOR -мас; PRES -а/-е/-й (present, converb); PRES3 its 3rd person -ды; CONVP -ып;
# EVID -ыпты; VN verbal noun -у; FUTI -мақ; GALY -ғалы; DESID -ғысы; IMP imperative and optative; SHY -шы.

# Left contexts shared by many rows: what a nominal ending may follow.
NOMINAL = "N PL PTCP HAB VN ATTR NMZ FUTI"
POSSESSED = NOMINAL
CASE_LEFT = "N PL P P12 PTCP HAB VN ATTR NMZ FUTI NAOR"
CASE_LEFT_NO_P12 = "N PL P PTCP HAB VN ATTR NMZ FUTI NAOR"
VERBAL_PRED = "PTCP HAB PRES CONVP AOR NAOR FUTI FUTISHY"
NOMINAL_PRED = "N PL LOC"
VERB = "V NEG"

SUFFIX_ROWS: tuple[tuple[str, str, str, str, float, float], ...] = (
    # --- noun chain: plural → possessive → case → attributive -ғы → predicative ---
    ("PL", "лар/лер", "VR", NOMINAL, 0.2, 0.3),
    ("PL", "дар/дер", "LNZ", NOMINAL, 0.2, 0.3),
    ("PL", "тар/тер", "K", NOMINAL, 0.2, 0.3),
    ("PL", "ар!ист/ер!ист", "K", NOMINAL, 0.2, 0.3),  # журналист+тер is written журналистер
    ("P12", "ым/ім", C, POSSESSED, 0.3, 0.7),
    ("P12", "м", "V", POSSESSED, 0.3, 1.0),
    ("P12", "ың/ің", C, POSSESSED, 0.3, 0.7),
    ("P12", "ң", "V", POSSESSED, 0.4, 1.0),
    ("P", "ыңыз/іңіз", C, POSSESSED, 0.2, 0.3),
    ("P", "ңыз/ңіз", "V", POSSESSED, 0.2, 0.3),
    ("P3", "ы/і", C, POSSESSED, 0.3, 0.5),
    ("P3", "сы/сі", "V", POSSESSED, 0.2, 0.5),
    ("P", "ымыз/іміз", C, POSSESSED, 0.2, 0.4),
    ("P", "мыз/міз", "V", POSSESSED, 0.2, 0.4),
    ("P", "ыңдар/іңдер", C, POSSESSED, 0.2, 0.2),
    ("P", "ңдар/ңдер", "V", POSSESSED, 0.2, 0.2),
    ("P", "ыңыздар/іңіздер", C, POSSESSED, 0.2, 0.2),
    ("P", "ңыздар/ңіздер", "V", POSSESSED, 0.2, 0.2),
    ("GEN", "ның/нің", "VN", CASE_LEFT + " P3", 0.3, 0.0),
    ("GEN", "дың/дің", "RLZ", CASE_LEFT, 0.3, 0.0),
    ("GEN", "тың/тің", "K", CASE_LEFT, 0.3, 0.0),
    ("ACC", "ны/ні", "V", CASE_LEFT, 0.9, 0.0),
    ("ACC", "ды/ді", "RLNZ", CASE_LEFT, 0.9, 0.0),
    ("ACC", "ты/ті", "K", CASE_LEFT, 0.9, 0.0),
    ("ACC", "н", "V", "P3", 0.4, 0.0),
    ("DAT", "ға/ге", "VRLNZ", CASE_LEFT_NO_P12, 0.4, 0.0),
    ("DAT", "қа/ке", "K", CASE_LEFT_NO_P12, 0.4, 0.0),
    ("DAT", "на/не", "V", "P3", 0.2, 0.0),
    ("DAT", "а/е", "N", "P12", 0.4, 0.0),
    ("LOC", "да/де", "VRLNZ", CASE_LEFT, 0.3, 0.6),
    ("LOC", "та/те", "K", CASE_LEFT, 0.3, 0.6),
    ("LOC", "нда/нде", "V", "P3", 0.2, 0.0),
    ("ABL", "дан/ден", "VRLZ", CASE_LEFT, 0.3, 0.0),
    ("ABL", "нан/нен", "N", CASE_LEFT, 0.3, 0.0),
    ("ABL", "тан/тен", "K", CASE_LEFT, 0.3, 0.0),
    ("ABL", "нан/нен", "V", "P3", 0.2, 0.0),
    ("INS", "мен", "VRLN", CASE_LEFT + " P3", 0.4, 0.0),
    ("INS", "бен", "Z", CASE_LEFT, 0.4, 0.0),
    ("INS", "пен", "K", CASE_LEFT, 0.4, 0.0),
    ("INS", "менен", "VRLN", CASE_LEFT + " P3", 0.4, 0.0),
    ("INS", "бенен", "Z", CASE_LEFT, 0.4, 0.0),
    ("INS", "пенен", "K", CASE_LEFT, 0.4, 0.0),
    ("SIM", "дай/дей", "VRLNZ", CASE_LEFT, 1.5, 0.5),
    ("SIM", "тай/тей", "K", CASE_LEFT, 1.5, 0.5),
    ("SIM", "ндай/ндей", "V", "P3", 0.8, 0.0),
    ("ATTR", "ғы/гі", "V", "LOC", 0.2, 0.0),
    # The privative after a possessive works as a case ending: қамқорлығынсыз 'without his care'.
    ("ABE", "нсыз/нсіз", "V", "P3", 0.3, 0.0),
    # The equative after a possessive: мәліметінше 'according to his information', айтуынша.
    ("EQU", "нша/нше", "V", "P3", 0.3, 0.0),
    # Personal predicative endings: cheap after verb forms, dear after bare nouns, where -сыз is mostly the
    # privative derivation (заңсыз 'lawless', not 'you are a law').
    ("PRED", "мын/мін", "VRLN", VERBAL_PRED, 0.3, 0.0),
    ("PRED", "бын/бін", "Z", VERBAL_PRED, 0.3, 0.0),
    ("PRED", "пын/пін", "K", VERBAL_PRED, 0.3, 0.0),
    ("PRED", "сың/сің", ANY, VERBAL_PRED, 0.4, 0.0),
    ("PRED", "сыз/сіз", ANY, VERBAL_PRED, 0.4, 0.0),
    ("PRED", "мыз/міз", "VR", VERBAL_PRED, 0.4, 0.0),
    ("PRED", "быз/біз", "LNZ", VERBAL_PRED, 0.4, 0.0),
    ("PRED", "пыз/піз", "K", VERBAL_PRED, 0.4, 0.0),
    ("PRED", "сыңдар/сіңдер", ANY, VERBAL_PRED, 0.3, 0.0),
    ("PRED", "сыздар/сіздер", ANY, VERBAL_PRED, 0.3, 0.0),
    ("PRED", "м", "V", "PRES", 1.3, 0.0),
    ("PRED", "мын/мін", "VRLN", NOMINAL_PRED, 2.0, 0.0),
    ("PRED", "бын/бін", "Z", NOMINAL_PRED, 2.0, 0.0),
    ("PRED", "пын/пін", "K", NOMINAL_PRED, 2.0, 0.0),
    ("PRED", "сың/сің", ANY, NOMINAL_PRED, 2.5, 0.0),
    ("PRED", "сыз/сіз", ANY, NOMINAL_PRED, 4.0, 0.0),
    ("PRED", "мыз/міз", "VR", NOMINAL_PRED, 2.5, 0.0),
    ("PRED", "быз/біз", "LNZ", NOMINAL_PRED, 2.5, 0.0),
    ("PRED", "пыз/піз", "K", NOMINAL_PRED, 2.5, 0.0),
    # --- verb chain: (voice is part of the stem) → negation → tense/aspect/mood → person ---
    ("NEG", "ма/ме", "VRL", "V", 0.2, 3.0),
    ("NEG", "ба/бе", "NZ", "V", 0.2, 3.0),
    ("NEG", "па/пе", "K", "V", 0.2, 3.0),
    ("PAST", "ды/ді", "VRLNZ", VERB, 0.5, 0.1),
    ("PAST", "ты/ті", "K", VERB, 0.5, 0.1),
    ("COND", "са/се", ANY, VERB, 0.3, 0.6),
    ("PERSK", "м", "V", "PAST COND", 0.3, 0.0),
    ("PERSK", "ң", "V", "PAST COND", 0.4, 0.0),
    ("PERSK", "ңыз/ңіз", "V", "PAST COND", 0.2, 0.0),
    ("PERSK", "қ/к", "V", "PAST COND", 0.5, 0.0),
    ("PERSK", "ңдар/ңдер", "V", "PAST COND", 0.2, 0.0),
    ("PERSK", "ңыздар/ңіздер", "V", "PAST COND", 0.2, 0.0),
    ("PTCP", "ған/ген", "VRLNZ", VERB, 0.3, 0.1),
    ("PTCP", "қан/кен", "K", VERB, 0.3, 0.1),
    ("NMZ", "дық/дік", "N", "PTCP", 0.2, 0.2),
    ("NMZ", "дығ/діг", "N", "PTCP", 0.2, 0.0),
    ("GANSHA", "ша/ше", "N", "PTCP", 0.3, 0.0),
    ("HAB", "атын/етін", C, VERB, 0.2, 0.0),
    ("HAB", "йтын/йтін", "V", VERB, 0.2, 0.0),
    ("HAB", "итын+ы/итін+ы", C, "V", 0.3, 0.0),
    ("AOR", "ар/ер", C, "V", 1.0, 1.0),
    ("AOR", "р", "V", "V", 1.2, 1.0),
    ("NAOR", "с", "V", "NEG", 0.3, 0.0),
    ("PRES", "а/е", C, "V", 0.2, 1.3),
    ("PRES", "й", "V", "V", 0.2, 1.5),
    ("PRES", "й", "V", "NEG", 0.2, 0.5),  # the negative converb бармай, келмей is common and clear
    ("PRES", "и+ы", C, "V", 0.4, 1.5),
    ("PRES", "я+й", "V", "V", 0.3, 1.5),  # а after a back stem's й is written я: жой+а → жоя, қояды
    ("HAB", "ятын+й", "V", "V", 0.3, 0.0),  # жоятын, қоятын
    ("PRES3", "ды/ді", "VR", "PRES", 0.2, 0.0),
    ("CONVP", "ып/іп", C, VERB, 0.5, 0.2),
    ("CONVP", "п", "V", VERB, 0.6, 0.3),
    ("EVID", "ты/ті", "K", "CONVP", 0.2, 0.0),
    ("VN", "у", ANY, VERB, 0.3, 0.4),
    ("VN", "у+ы", C, "V", 0.6, 0.4),
    ("VN", "ю+й", "V", "V", 0.3, 0.4),
    ("FUTI", "мақ/мек", "VRL", VERB, 0.5, 0.2),
    ("FUTI", "бақ/бек", "NZ", VERB, 0.5, 0.2),
    ("FUTI", "пақ/пек", "K", VERB, 0.5, 0.2),
    ("FUTISHY", "шы/ші", "K", "FUTI", 0.2, 0.0),
    ("GALY", "ғалы/гелі", "VRLNZ", VERB, 0.4, 0.0),
    ("GALY", "қалы/келі", "K", VERB, 0.4, 0.0),
    ("DESID", "ғым/гім", "VRLNZ", VERB, 1.2, 0.0),  # сұрағым: сұрақ+1sg
    ("DESID", "ғың/гің", "VRLNZ", VERB, 1.2, 0.0),  # сұрағым: сұрақ+1sg
    ("DESID", "ғысы/гісі", "VRLNZ", VERB, 0.6, 0.0),
    ("DESID", "ғымыз/гіміз", "VRLNZ", VERB, 0.6, 0.0),
    ("DESID", "ғыңыз/гіңіз", "VRLNZ", VERB, 0.6, 0.0),
    ("DESID", "қым/кім", "K", VERB, 1.2, 0.0),  # сұрағым: сұрақ+1sg
    ("DESID", "қың/кің", "K", VERB, 1.2, 0.0),  # сұрағым: сұрақ+1sg
    ("DESID", "қысы/кісі", "K", VERB, 0.6, 0.0),
    ("DESID", "қымыз/кіміз", "K", VERB, 0.6, 0.0),
    ("DESID", "қыңыз/кіңіз", "K", VERB, 0.6, 0.0),
    ("IMP", "ыңыз/іңіз", C, VERB, 0.4, 0.0),
    ("IMP", "ңыз/ңіз", "V", VERB, 0.4, 0.0),
    ("IMP", "ыңдар/іңдер", C, VERB, 0.5, 0.0),
    ("IMP", "ңдар/ңдер", "V", VERB, 0.5, 0.0),
    ("IMP", "ыңыздар/іңіздер", C, VERB, 0.4, 0.0),
    ("IMP", "ңыздар/ңіздер", "V", VERB, 0.4, 0.0),
    ("IMP", "сын/сін", ANY, VERB, 0.5, 0.0),
    ("IMP", "айын/ейін", C, "V", 0.5, 0.0),
    ("IMP", "йын/йін", "V", VERB, 0.5, 0.0),
    ("IMP", "айық/ейік", C, "V", 0.5, 0.0),
    ("IMP", "йық/йік", "V", VERB, 0.5, 0.0),
    ("SHY", "шы/ші", ANY, "V NEG IMP", 1.5, 0.0),
)

# Derivation the analyzer keeps, as (endings, sounds the base may end in, class of the base, class of the
# result, whether the result may take more derivation). It recognises a derived word of a known base
# (қылмыс+тық, сауда+гер, заң+сыз, жоспар+ла+н, жаз+ушы) so that it is preferred over an unknown stem. Short
# deverbal nouns (кел+ме, жаз+ба) take no more derivation, which keeps chains like кел+бе+ті from passing.
DERIVATION_ROWS: tuple[tuple[str, str, str, str, bool], ...] = (
    ("лық/лік/лы/лі/лас/лес/лау/леу", "VR", "N", "N", True),
    ("дық/дік/ды/ді/дас/дес/дау/деу", "LNZ", "N", "N", True),
    ("тық/тік/ты/ті/тас/тес/тау/теу", "K", "N", "N", True),
    ("шы/ші/сыз/сіз/шыл/шіл/шылық/шілік/қор/паз/хана/нама/кеш/стан", ANY, "N", "N", True),
    ("гер", "VRLNZ", "N", "N", True),
    ("кер", "K", "N", "N", True),
    ("шақ/шек", ANY, "N", "N", False),
    ("ғы/гі", "VRLNZ", "N", "N", False),
    ("қы/кі", "K", "N", "N", False),
    ("ушы/уші", ANY, "V", "N", True),
    ("ғыш/гіш", "VRLNZ", "V", "N", True),
    ("қыш/кіш", "K", "V", "N", True),
    ("ым/ім/ыс/іс/ын/ін/ақ/ек", C, "V", "N", False),
    ("м/с/қ/к", "V", "V", "N", False),
    ("ма/ме", "VRL", "V", "N", False),
    ("ба/бе", "NZ", "V", "N", False),
    ("па/пе", "K", "V", "N", False),
    ("ғы/гі/ғын/гін", "VRLNZ", "V", "N", False),
    ("қы/кі/қын/кін", "K", "V", "N", False),
    ("ла/ле/лан/лен/лас/лес/ландыр/лендір", "VR", "N", "V", True),
    ("да/де/дан/ден/дас/дес/дандыр/дендір", "LNZ", "N", "V", True),
    ("та/те/тан/тен/тас/тес/тандыр/тендір", "K", "N", "V", True),
    ("ай/ей/ар/ер/сыра/сіре", ANY, "N", "V", True),
    ("ыл/іл/ын/ін/ыс/іс/ыр/ір/ар/ер", C, "V", "V", True),
    ("л/н/с/т", "V", "V", "V", True),
    ("дыр/дір/ғыз/гіз", "VRLNZ", "V", "V", True),
    ("тыр/тір/қыз/кіз", "K", "V", "V", True),
)
