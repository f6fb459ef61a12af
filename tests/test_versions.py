"""The analysis cache's version numbers follow the outputs they stand for.

Each cached step (readers, normaliser, language identification, sentence splitter, each language's word
analyzer) is run on fixed inputs (the sample corpus and its words) and its output digested. When a digest
differs from ``tests/data/analysis_golden.json`` while the version it belongs to is unchanged, the cache
would serve stale analyses: the test fails and says which number to bump in ``coding/versions.py``.
After bumping, record the new digests with ``.venv/bin/python tests/test_versions.py``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coding import versions  # noqa: E402
from coding.corpus import analyse_text, corpus_files  # noqa: E402
from coding.language import detect_language  # noqa: E402
from coding.lemmas import lemma_candidates  # noqa: E402
from coding.normalize import normalize_text, paragraph_spans  # noqa: E402
from coding.readers import read_document  # noqa: E402
from coding.sentences import split_sentences  # noqa: E402
from coding.words import WORD_RE  # noqa: E402

GOLDEN = REPO / "tests" / "data" / "analysis_golden.json"
SAMPLE = REPO / "corpus"


def _digest(values: list[object]) -> str:
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode("utf-8")).hexdigest()


def step_digests() -> dict[str, str]:
    """The digest of each cached step's output on the sample corpus."""
    raws = [read_document(path) for path in corpus_files(SAMPLE)]
    texts = [normalize_text(raw) for raw in raws]
    paragraphs = [text[s:e] for text in texts for s, e in paragraph_spans(text)]
    digests = {
        "readers": _digest(raws),
        "normalize": _digest(texts),
        "language": _digest([detect_language(p) for p in paragraphs]
                            + [[(q.lang, q.start, q.end, q.script, q.runs) for q in analyse_text(raw)[2]]
                               for raw in raws]),
        "sentences": _digest([split_sentences(p, 0, len(p)) for p in paragraphs]),
    }
    words: dict[str, set[str]] = {}
    for raw in raws:
        text, _, parts = analyse_text(raw)
        for part in parts:
            words.setdefault(part.lang, set()).update(w.lower() for w in WORD_RE.findall(text[part.start:part.end]))
    for lang in sorted(versions.ANALYZER_VERSIONS):
        types = sorted(words.get(lang, set()))
        digests[f"analyzer:{lang}"] = _digest([[w, list(lemma_candidates(w, lang))] for w in types])
    return digests


def current_versions() -> dict[str, str]:
    found = {step: versions.document_version() for step in ("readers", "normalize", "language", "sentences")}
    # The step's own number (the cache key adds the analyzer packages' versions, which PyPI may move).
    found.update({f"analyzer:{lang}": versions.analyzer_version(lang).split("+")[0]
                  for lang in versions.ANALYZER_VERSIONS})
    return found


def test_versions_follow_the_outputs() -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    digests, numbers = step_digests(), current_versions()
    for step, digest in digests.items():
        recorded = golden[step]
        if digest != recorded["digest"]:
            which = "READERS/NORMALIZE/LANGUAGE/SENTENCES_VERSION" if ":" not in step else \
                f"ANALYZER_VERSIONS['{step.split(':')[1]}']"
            assert numbers[step] != recorded["version"], (
                f"the output of '{step}' changed but its cache version did not: bump {which} in "
                "coding/versions.py, then run 'python tests/test_versions.py' to record the new digests")
            raise AssertionError(f"'{step}' has a new version: record its digest with "
                                 "'python tests/test_versions.py'")
        assert numbers[step] == recorded["version"], (
            f"the version of '{step}' changed: record it with 'python tests/test_versions.py'")


def record() -> None:
    """Write the golden file from the current outputs and versions."""
    numbers = current_versions()
    golden = {step: {"version": numbers[step], "digest": digest} for step, digest in step_digests().items()}
    GOLDEN.write_text(json.dumps(golden, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}")


if __name__ == "__main__":
    record()


def test_a_changed_output_without_a_bump_fails(monkeypatch) -> None:
    import pytest

    real = normalize_text
    monkeypatch.setattr(sys.modules[__name__], "normalize_text", lambda raw: real(raw) + " ")
    with pytest.raises(AssertionError, match="bump READERS/NORMALIZE/LANGUAGE/SENTENCES_VERSION"):
        test_versions_follow_the_outputs()
    monkeypatch.setattr(versions, "NORMALIZE_VERSION", versions.NORMALIZE_VERSION + 1)
    with pytest.raises(AssertionError, match="record"):
        test_versions_follow_the_outputs()
