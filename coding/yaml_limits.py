"""YAML read within limits: a codebook or dictionary file can neither crash the parser nor expand into
gigabytes.

PyYAML shares the node of an anchor with every alias to it, so ten nested lists of ten aliases (the
"billion laughs") are a few lines of text but a billion values to anyone who walks them; a list used as a
mapping key is turned into a string of its whole expansion (one such key ran for 54 s past 2 GB). The
composed node graph is therefore walked once, with the aliases expanded but counted, before anything
else looks at it: too deep, too many values, or a key that is not a plain value is refused with its line.
"""

from __future__ import annotations

from typing import Any

import yaml

from coding.errors import CodingError
from coding.i18n import _

# A codebook is five levels deep; a quanteda dictionary rarely ten.
MAX_DEPTH = 40
# Values after expanding aliases: a 10,000-term codebook has about 30,000.
MAX_NODES = 500_000


def _fail(error: type[CodingError], path: object, message: str, line: int | None, hint: str) -> CodingError:
    return error(message, path=path, line=line, hint=hint)  # type: ignore[arg-type]


def _syntax_error(exc: yaml.YAMLError, text: str, path: object, error: type[CodingError]) -> CodingError:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML forbids (NUL, other control bytes)
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else None
        return _fail(error, path, f"YAML syntax error: the character U+{exc.character:04X} is not allowed in YAML"
                     if isinstance(exc.character, int) else "YAML syntax error: a character is not allowed",
                     line, _("delete it (it is invisible in most editors; retype the line)"))
    mark = getattr(exc, "problem_mark", None)
    reason = " ".join(str(getattr(exc, "problem", None) or exc).split())
    return _fail(error, path, _("YAML syntax error: {reason}").format(reason=reason), mark.line + 1 if mark else None,
                 _("check indentation and quotes on that line (a term with ':' or '#' must be quoted)"))


def _deep_line(text: str) -> int | None:
    """The first line where flow brackets or indentation go deeper than MAX_DEPTH levels."""
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) - len(line.lstrip(" -")) > 2 * MAX_DEPTH:
            return number
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > MAX_DEPTH:
                return number
    return None


def check_nodes(root: yaml.Node, path: object, error: type[CodingError]) -> None:
    """Refuse a node graph deeper than MAX_DEPTH, larger than MAX_NODES once aliases are expanded, or with a
    mapping key that is not a plain value (raises ``error`` with the line)."""
    count = 0
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        count += 1
        line = node.start_mark.line + 1
        if depth > MAX_DEPTH:
            raise _fail(error, path,
                        _("the YAML is nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH), line,
                        _("a codebook needs only a few levels; check the indentation"))
        if count > MAX_NODES:
            raise _fail(error, path, _("the YAML expands to more than {MAX_NODES:,} values (anchors '&' and "
                        "aliases '*' repeating each other)").format(MAX_NODES=MAX_NODES), line,
                        _("write the terms out instead of using aliases"))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise _fail(error, path, _("a mapping key is a list or mapping (or an alias to one), not a "
                                "plain value"), key.start_mark.line + 1, _("write the key as a single word or phrase"))
                stack.append((value, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)


def compose_yaml(text: str, path: object, error: type[CodingError]) -> yaml.Node | None:
    """The checked node graph of ``text`` (None when empty); every YAML problem is ``error`` with a line."""
    try:
        loader = yaml.SafeLoader(text)  # checks the characters at once
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, path, error) from None
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, path, error) from None
    except RecursionError:
        raise _fail(error, path, _("the YAML is nested more than {MAX_DEPTH} levels deep").format(MAX_DEPTH=MAX_DEPTH),
                    _deep_line(text),
                    _("a codebook needs only a few levels; check the brackets and the indentation")) from None
    finally:
        loader.dispose()
    if root is not None:
        check_nodes(root, path, error)
    return root


def load_yaml(text: str, path: object, error: type[CodingError]) -> Any:
    """``yaml.safe_load`` within the limits above; problems are ``error`` with a line."""
    root = compose_yaml(text, path, error)
    if root is None:
        return None
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(root)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, path, error) from None
    finally:
        loader.dispose()
