"""quick_init: the records' fast __init__ behaves as the dataclass's own."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from coding.records import Coding, Match, Paragraph, Unit, quick_init


@dataclasses.dataclass(frozen=True)
class _Plain:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()


@quick_init
@dataclasses.dataclass(frozen=True)
class _Quick:
    a: int
    b: str = "x"
    c: tuple[int, ...] = ()


@pytest.mark.parametrize("args, kwargs", [((1,), {}), ((1, "y"), {}), ((1,), {"c": (2,)}), ((), {"a": 3, "b": "z"})])
def test_the_same_fields_defaults_equality_and_hash(args, kwargs) -> None:
    plain, quick = _Plain(*args, **kwargs), _Quick(*args, **kwargs)
    assert dataclasses.astuple(plain) == dataclasses.astuple(quick)
    assert quick == _Quick(*args, **kwargs) and hash(quick) == hash(_Quick(*args, **kwargs))


def test_the_same_errors_for_wrong_arguments() -> None:
    with pytest.raises(TypeError):
        _Quick()
    with pytest.raises(TypeError):
        _Quick(1, d=2)


def test_records_stay_frozen_and_picklable() -> None:
    unit = Unit("d:1:1", "d", "sentence", 0, 4, "Бала", "kk")
    records = [unit, Paragraph(1, 0, 4, "kk"), Match("c", "бала", "d:1:1", "d", "kk", 0, 4, "Бала"),
               Coding(unit, 1, {"c": 1})]
    for record in records:
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.lang = "ru"  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(record)) == record
    assert dataclasses.replace(unit, lang="ru").lang == "ru"
    assert unit.script == "" and unit.runs == ()


def test_a_default_factory_is_refused() -> None:
    with pytest.raises(TypeError, match="default factory"):
        @quick_init
        @dataclasses.dataclass(frozen=True)
        class _WithFactory:
            a: dict = dataclasses.field(default_factory=dict)
