"""The codebook: a researcher's YAML file of codes, directions and tone rules, validated into types.

Every problem is reported at once, each as ``FILE:LINE: message`` with the line of the YAML node it
concerns, so an author can fix the whole file in one pass. Nothing downstream re-checks a dict.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coding.conditions import CONDITION_KINDS, Condition, condition_cycle
from coding.errors import CodebookError
from coding.i18n import _
from coding.terms import Term, TermSyntaxError, parse_term
from coding.yaml_limits import compose_yaml

CODEBOOK_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")
TOP_KEYS: tuple[str, ...] = ("codebook", "version", "languages", "description", "authors", "codes",
                             "directions", "tone")
ENTRY_KEYS: tuple[str, ...] = ("id", "label", "group", "description", "terms", "exclude", "color", "when")
# How many words a negator may reach: a sentence rarely has more.
MAX_TONE_WINDOW = 50
TONE_KEYS: tuple[str, ...] = ("positive", "negative", "negators", "shifters", "intensifiers", "incidence", "window",
                              "lexicon", "lexicon_file")
SHIFTER_KINDS: tuple[str, ...] = ("decrease", "increase")
TONE_LEXICONS: tuple[str, ...] = ("qaznltk",)
_ID = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Entry:
    """A code or a direction: id, labels per language, terms and exclusions per language."""

    id: str
    label: dict[str, str] = field(hash=False)
    terms: dict[str, tuple[Term, ...]] = field(hash=False)
    exclude: dict[str, tuple[Term, ...]] = field(hash=False, default_factory=dict)
    group: str = ""
    description: str = ""
    color: str = ""
    line: int = 0
    # Conditions on the unit (codes only): see coding.conditions.
    when: Condition | None = field(hash=False, default=None)

    def each_term(self) -> Iterator[tuple[str, str, Term]]:
        """``(role, lang, term)`` of every term ("term") and then every exclusion ("exclude")."""
        for role, terms in (("term", self.terms), ("exclude", self.exclude)):
            for lang, items in terms.items():
                for term in items:
                    yield role, lang, term

    def label_in(self, lang: str) -> str:
        """The label in ``lang``, else in any language, else the id."""
        return self.label.get(lang) or next(iter(self.label.values()), "") or self.id


@dataclass(frozen=True)
class ToneRules:
    """Polar terms and negators per language, and how many words a negator reaches; the codebook's own
    shifters (``{"decrease": {lang: terms}, "increase": …}``), intensifiers and incidence words, which
    ``coding.tone`` adds to the language's own (``coding/lang/…``)."""

    positive: dict[str, tuple[Term, ...]] = field(hash=False)
    negative: dict[str, tuple[Term, ...]] = field(hash=False)
    negators: dict[str, tuple[str, ...]] = field(hash=False)
    window: int = 3
    shifters: dict[str, dict[str, tuple[Term, ...]]] = field(hash=False, default_factory=dict)
    intensifiers: dict[str, tuple[Term, ...]] = field(hash=False, default_factory=dict)
    incidence: dict[str, tuple[Term, ...]] = field(hash=False, default_factory=dict)
    lexicon: str = ""
    lexicon_file: str = ""


@dataclass(frozen=True)
class Codebook:
    """A validated codebook."""

    title: str
    version: str
    languages: tuple[str, ...]
    codes: tuple[Entry, ...]
    directions: tuple[Entry, ...] = ()
    tone: ToneRules | None = None
    path: str = ""
    sha256: str = ""
    description: str = ""

    def entries(self) -> Iterator[tuple[str, Entry]]:
        """``(kind, entry)`` of every code ("code") and then every direction ("direction")."""
        for kind, entries in (("code", self.codes), ("direction", self.directions)):
            for entry in entries:
                yield kind, entry

    def code(self, code_id: str) -> Entry:
        """The code with this id; raises CodebookError naming the known ids."""
        for entry in self.codes:
            if entry.id == code_id:
                return entry
        raise CodebookError(_("there is no code '{code_id}' in the codebook").format(code_id=code_id), path=self.path,
                            hint=_("use one of: {choices}").format(choices=', '.join(e.id for e in self.codes)))


class _Checker:
    """Walks the composed YAML nodes, turning them into values and collecting problems with lines."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[CodebookError] = []
        # Each code's 'when' node and the nodes of the ids it names, checked once every code is known.
        self.when_nodes: dict[str, tuple[yaml.Node, list[tuple[str, yaml.Node]]]] = {}

    def problem(self, node: yaml.Node | None, message: str, hint: str | None = None) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(CodebookError(message, path=self.path, line=line, hint=hint))

    def mapping(self, node: yaml.Node, what: str, allowed: tuple[str, ...]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, _("{what} must be a mapping of 'key: value' lines").format(what=what))
            return {}
        items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in items:
                self.problem(key_node, _("'{key}' is given twice in {what}").format(key=key, what=what), _("keep one"))
            elif allowed and key not in allowed:
                self.problem(key_node, _("unknown key '{key}' in {what}").format(key=key, what=what),
                             _("use one of: {choices}").format(choices=', '.join(allowed)))
            else:
                items[key] = (key_node, value_node)
        return items

    def scalar(self, node: yaml.Node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, _("{what} must be a single value").format(what=what))
            return ""
        return str(node.value).strip()

    def strings(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, str]]:
        """A list of strings (a single string is taken as a list of one)."""
        if isinstance(node, yaml.ScalarNode):
            return [(node, str(node.value))] if node.value not in ("", None) else []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, _("{what} must be a list of terms, e.g. [бала саудасы, адам саудасы]").format(what=what))
            return []
        out = []
        for item in node.value:
            if isinstance(item, yaml.ScalarNode):
                out.append((item, str(item.value)))
            else:
                self.problem(item, _("each item of {what} must be a single term").format(what=what))
        return out

    def terms(self, node: yaml.Node, where: str, languages: tuple[str, ...], *,
              proximity: bool = True) -> dict[str, tuple[Term, ...]]:
        result: dict[str, tuple[Term, ...]] = {}
        for lang, (key_node, value_node) in self.mapping(node, where, ()).items():
            if lang not in languages:
                self.problem(key_node,
                             _("{where}: language '{lang}' is not declared in 'languages'").format(where=where,
                                                                                                   lang=lang),
                             _("add it to 'languages' or use one of: {languages}")
                             .format(languages=', '.join(languages)))
                continue
            parsed = []
            for item_node, text in self.strings(value_node, f"{where} ({lang})"):
                try:
                    term = parse_term(text, lang)
                except TermSyntaxError as error:
                    self.problem(item_node, f"{where} ({lang}): {error}")
                    continue
                if term.proximity is not None and not proximity:
                    operator = term.proximity.operator
                    self.problem(item_node, _("{where} ({lang}): '{text}' is a proximity term ({operator}), which "
                                              "tone rules do not use").format(where=where, lang=lang, text=text,
                                                                              operator=operator),
                                 _("write the words or the phrase alone"))
                    continue
                parsed.append(term)
            result[lang] = tuple(parsed)
        return result


def _entry(
    checker: _Checker, node: yaml.Node, kind: str, languages: tuple[str, ...], seen: dict[str, int]
) -> Entry | None:
    items = checker.mapping(node, f"a {kind}", ENTRY_KEYS)
    if not items:
        return None
    line = node.start_mark.line + 1
    if "id" not in items:
        checker.problem(node, _("this {kind} has no 'id'").format(kind=kind), _("add e.g. 'id: child_trafficking'"))
        return None
    code_id = checker.scalar(items["id"][1], "id")
    where = f"{kind} '{code_id}'"
    if not _ID.match(code_id):
        checker.problem(items["id"][1], _("'{code_id}' is not a valid {kind} id").format(code_id=code_id, kind=kind),
                        _("use lower-case Latin letters, digits and _ only, e.g. child_trafficking"))
    elif code_id in seen:
        checker.problem(items["id"][1], _("duplicate {kind} id '{code_id}' (first on line {seen})")
                        .format(kind=kind, code_id=code_id, seen=seen[code_id]),
                        _("give every entry its own id"))
    seen.setdefault(code_id, line)
    label: dict[str, str] = {}
    if "label" in items:
        label_node = items["label"][1]
        if isinstance(label_node, yaml.ScalarNode):
            label = {lang: str(label_node.value) for lang in languages}
        else:
            for lang, (key_node, value_node) in checker.mapping(label_node, f"{where} label", ()).items():
                if lang not in languages:
                    checker.problem(key_node,
                                    _("{where} label: language '{lang}' is not declared in 'languages'")
                                    .format(where=where, lang=lang))
                label[lang] = checker.scalar(value_node, f"{where} label")
    terms = checker.terms(items["terms"][1], f"{where} terms", languages) if "terms" in items else {}
    if not any(terms.values()):
        checker.problem(items["terms"][1] if "terms" in items else node, _("{where} has no terms").format(where=where),
                        _("give at least one term in at least one language"))
    exclude = checker.terms(items["exclude"][1], f"{where} exclude", languages) if "exclude" in items else {}
    text = {key: checker.scalar(items[key][1], f"{where} {key}") for key in ("group", "description", "color")
            if key in items}
    when = None
    if "when" in items:
        if kind != "code":
            checker.problem(items["when"][0], _("{where}: only codes can have conditions (when)").format(where=where),
                            _("remove 'when', or make it a code"))
        else:
            when = _when(checker, items["when"], code_id, where)
    return Entry(id=code_id, label=label, terms=terms, exclude=exclude, line=line, when=when, **text)


def _when(checker: _Checker, pair: tuple[yaml.Node, yaml.Node], code_id: str, where: str) -> Condition | None:
    """A code's ``when`` mapping (all/any/none: lists of code ids); the ids are checked later."""
    key_node, node = pair
    items = checker.mapping(node, f"{where} when", CONDITION_KINDS)
    if not items:
        if isinstance(node, yaml.MappingNode) and not node.value:
            checker.problem(node, _("{where} when is empty").format(where=where),
                            _("give all:, any: or none: with a list of code ids"))
        return None
    named: dict[str, tuple[str, ...]] = {}
    nodes: list[tuple[str, yaml.Node]] = []
    for kind, (_key_node, value_node) in items.items():
        if isinstance(value_node, yaml.MappingNode):
            checker.problem(value_node, _("{where} when {kind} must be a list of code ids, e.g. [crime]")
                            .format(where=where, kind=kind))
            continue
        ids = checker.strings(value_node, f"{where} when {kind}")
        named[kind] = tuple(str(i).strip() for _, i in ids)
        nodes.extend((str(i).strip(), n) for n, i in ids)
    checker.when_nodes[code_id] = (key_node, nodes)
    return Condition(**named)


def _check_conditions(checker: _Checker, codes: tuple[Entry, ...]) -> None:
    """Every id a condition names is a code of the codebook, and no condition depends on itself."""
    known = [entry.id for entry in codes]
    for code_id, (_when_node, nodes) in checker.when_nodes.items():
        for named, node in nodes:
            if named not in known:
                checker.problem(node, _("code '{code_id}' when: there is no code '{named}'")
                                .format(code_id=code_id, named=named),
                                _("use one of: {choices}").format(choices=", ".join(i for i in known if i != code_id)))
    cycle = condition_cycle(codes)
    if cycle:
        node = checker.when_nodes[cycle[0]][0]
        checker.problem(node, _("code '{code_id}' when: the conditions form a cycle ({cycle})")
                        .format(code_id=cycle[0], cycle=" → ".join(cycle)),
                        _("a code cannot depend on itself, even through other codes; remove one of these conditions"))


def _tone(checker: _Checker, node: yaml.Node, languages: tuple[str, ...], base: Path) -> ToneRules | None:
    items = checker.mapping(node, "tone", TONE_KEYS)
    if not items and not isinstance(node, yaml.MappingNode):
        return None
    polar = {key: checker.terms(items[key][1], f"tone {key}", languages, proximity=False) if key in items else {}
             for key in ("positive", "negative", "intensifiers", "incidence")}
    shifters: dict[str, dict[str, tuple[Term, ...]]] = {}
    if "shifters" in items:
        for kind, (_node, value_node) in checker.mapping(items["shifters"][1], "tone shifters", SHIFTER_KINDS).items():
            shifters[kind] = checker.terms(value_node, f"tone shifters {kind}", languages, proximity=False)
    negators: dict[str, tuple[str, ...]] = {}
    if "negators" in items:
        for lang, (key_node, value_node) in checker.mapping(items["negators"][1], "tone negators", ()).items():
            if lang not in languages:
                checker.problem(key_node,
                                _("tone negators: language '{lang}' is not declared in 'languages'").format(lang=lang))
                continue
            negators[lang] = tuple(text.strip().lower() for _, text in checker.strings(value_node, "negators"))
    window = 3
    if "window" in items:
        raw = checker.scalar(items["window"][1], "tone window")
        # Only ASCII digits: '²'.isdigit() is True, but int('²') fails; 20 digits would overflow later.
        if not re.fullmatch(r"[0-9]{1,3}", raw) or int(raw) > MAX_TONE_WINDOW:
            checker.problem(items["window"][1], _("tone window '{raw}' is not a whole number from 0 to "
                            "{MAX_TONE_WINDOW}").format(raw=raw, MAX_TONE_WINDOW=MAX_TONE_WINDOW),
                            _("give how many words a negator reaches, e.g. 3"))
        else:
            window = int(raw)
    lexicon = checker.scalar(items["lexicon"][1], "tone lexicon") if "lexicon" in items else ""
    if lexicon and lexicon not in TONE_LEXICONS:
        checker.problem(items["lexicon"][1], _("'{lexicon}' is not a known tone lexicon").format(lexicon=lexicon),
                        _("use one of: {TONE_LEXICONS}, or lexicon_file: PATH")
                        .format(TONE_LEXICONS=', '.join(TONE_LEXICONS)))
    lexicon_file = checker.scalar(items["lexicon_file"][1], "tone lexicon_file") if "lexicon_file" in items else ""
    if lexicon_file:
        resolved = (base / lexicon_file) if not Path(lexicon_file).is_absolute() else Path(lexicon_file)
        try:
            found = resolved.is_file()
        except (OSError, ValueError) as error:  # a name too long for the system, a NUL byte
            found = True  # reported here, not as missing
            checker.problem(items["lexicon_file"][1], _("the tone lexicon path cannot be used "
                            "({value})").format(value=getattr(error, 'strerror', None) or error),
                            _("shorten the path (most systems allow 255 characters per name)"))
        if not found:
            checker.problem(items["lexicon_file"][1],
                            _("the tone lexicon file '{lexicon_file}' does not exist")
                            .format(lexicon_file=lexicon_file),
                            _("give a path relative to the codebook file, or an absolute path"))
        lexicon_file = str(resolved)
    return ToneRules(positive=polar["positive"], negative=polar["negative"], negators=negators,
                     window=window, lexicon=lexicon, lexicon_file=lexicon_file, shifters=shifters,
                     intensifiers=polar["intensifiers"], incidence=polar["incidence"])


def parse_codebook(text: str, path: str | Path = "<codebook>") -> Codebook:
    """Validate codebook YAML text; raises CodebookError listing every problem with its line."""
    path = Path(path)
    checker = _Checker(path)
    root = compose_yaml(text, path, CodebookError)
    if root is None:
        raise CodebookError(_("the codebook is empty"), path=path,
                            hint=_("start from codebooks/child_trafficking.yaml"))
    items = checker.mapping(root, "the codebook", TOP_KEYS)
    title = checker.scalar(items["codebook"][1], "codebook") if "codebook" in items else ""
    if not title:
        checker.problem(root, _("the codebook has no title"), _("add a first line 'codebook: <title>'"))
    version = checker.scalar(items["version"][1], "version") if "version" in items else ""
    languages: tuple[str, ...] = CODEBOOK_LANGUAGES
    if "languages" in items:
        declared = checker.strings(items["languages"][1], "languages")
        for node, lang in declared:
            if lang not in CODEBOOK_LANGUAGES:
                checker.problem(node, _("'{lang}' is not a language of this toolkit").format(lang=lang),
                                _("use one of: {CODEBOOK_LANGUAGES}")
                                .format(CODEBOOK_LANGUAGES=', '.join(CODEBOOK_LANGUAGES)))
        languages = tuple(lang for _, lang in declared if lang in CODEBOOK_LANGUAGES)
    codes = _entries(checker, items.get("codes"), "code", languages, required=True, root=root)
    _check_conditions(checker, codes)
    directions = _entries(checker, items.get("directions"), "direction", languages, required=False, root=root)
    tone = _tone(checker, items["tone"][1], languages, path.parent) if "tone" in items else None
    description = checker.scalar(items["description"][1], "description") if "description" in items else ""
    if checker.problems:
        checker.problems.sort(key=lambda problem: problem.line or 0)
        first = checker.problems[0]
        summary = (_("{count} problems in the codebook").format(count=len(checker.problems))
                   if len(checker.problems) > 1 else first.message)
        raise CodebookError(summary, path=path, line=None if len(checker.problems) > 1 else first.line,
                            hint=None if len(checker.problems) > 1 else first.hint,
                            problems=checker.problems if len(checker.problems) > 1 else [])
    return Codebook(title=title, version=version, languages=languages, codes=codes, directions=directions,
                    tone=tone, path=str(path), sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    description=description)


def _entries(checker: _Checker, pair: tuple[yaml.Node, yaml.Node] | None, kind: str,
             languages: tuple[str, ...], *, required: bool, root: yaml.Node) -> tuple[Entry, ...]:
    if pair is None:
        if required:
            checker.problem(root, _("the codebook has no '{kind}s'").format(kind=kind), _("add a '{kind}s:' list")
                            .format(kind=kind))
        return ()
    node = pair[1]
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        checker.problem(node, _("'{kind}s' must be a non-empty list of {kind}s (lines starting with '- id:')")
                        .format(kind=kind))
        return ()
    seen: dict[str, int] = {}
    entries = (_entry(checker, item, kind, languages, seen) for item in node.value)
    return tuple(entry for entry in entries if entry is not None)


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook file.

    Raises:
        CodebookError: the file is missing, unreadable, or invalid (``problems`` lists every problem).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CodebookError(_("cannot read the codebook ({value})").format(value=error.strerror or error), path=path,
                            hint=_("check the path; codebooks live in codebooks/*.yaml")) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CodebookError(_("the codebook is not UTF-8 text"), path=path,
                            hint=_("save it as UTF-8 in your editor")) from None
    return parse_codebook(text, path)


def codebook_rows(codebook: Codebook) -> list[dict[str, Any]]:
    """One row per term: kind (code/direction/exclude), id, language, term as written, normalised form."""
    rows = [{"kind": kind, "id": entry.id, "group": entry.group, "role": role, "lang": lang, "term": term.text,
             "compared_as": term.normalized}
            for kind, entry in codebook.entries() for role, lang, term in entry.each_term()]
    if codebook.tone:
        tone = codebook.tone
        roles = [("positive", tone.positive), ("negative", tone.negative), ("intensifier", tone.intensifiers),
                 ("incidence", tone.incidence), *((kind, terms) for kind, terms in tone.shifters.items())]
        for role, by_lang in roles:
            for lang, items in by_lang.items():
                for term in items:
                    rows.append({"kind": "tone", "id": role, "group": "", "role": "term", "lang": lang,
                                 "term": term.text, "compared_as": term.normalized})
    return rows
