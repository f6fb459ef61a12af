"""Lexical attributes: ``like_num`` for digits and Kazakh number words."""

from __future__ import annotations

from spacy.attrs import LIKE_NUM

NUMBER_WORDS = frozenset(
    """нөл бір екі үш төрт бес алты жеті сегіз тоғыз он жиырма отыз қырық елу алпыс жетпіс сексен
    тоқсан жүз мың миллион миллиард триллион млн млрд жарты ширек""".split()
)
ORDINAL_WORDS = frozenset(
    """бірінші екінші үшінші төртінші бесінші алтыншы жетінші сегізінші тоғызыншы оныншы жиырмасыншы
    отызыншы қырқыншы елуінші алпысыншы жетпісінші сексенінші тоқсаныншы жүзінші мыңыншы""".split()
)


def like_num(text: str) -> bool:
    """True for digits (12, 1,5, 3/4, 2019-жылы), Kazakh number words and ordinals (бір, мың, бірінші)."""
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    head = text.split("-", 1)[0]
    head = head.replace(",", "").replace(".", "").replace(" ", "")
    if head.isdigit():
        return True
    if head.count("/") == 1:
        num, denom = head.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    lower = text.lower()
    return lower in NUMBER_WORDS or lower in ORDINAL_WORDS


LEX_ATTRS = {LIKE_NUM: like_num}
