"""Work shared across languages and builds gives exactly the output of doing it each time."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from kyr.site.shared import LearnedFrequencies, save_learned_jieba, share_theme_files, use_learned_jieba

TEXT = "如果移民官員來到你家，不要開門。你有權保持沉默，也有權找律師。法官簽署的手令和移民局的表格不一樣。"


def test_learned_frequencies_answer_like_the_full_table() -> None:
    full = {"移民": 5, "移": 0, "官員": 3, "官": 1}
    loads = []

    def load() -> dict[str, int]:
        loads.append(1)
        return full

    table = LearnedFrequencies({}, load)
    assert "移民" in table and table["移民"] == 5 and table.get("移") == 0 and "移" in table
    assert "律師" not in table and table.get("律師") is None and table.get("律師", 7) == 7
    with pytest.raises(KeyError):
        table["律師"]
    assert loads == [1] and table.learned == 3
    # Next build: the same questions need no full table.
    again = LearnedFrequencies(dict(table.known), lambda: pytest.fail("loaded the full table"))
    assert again["移民"] == 5 and "律師" not in again and again.learned == 0


@pytest.fixture
def fresh_jieba():
    import jieba  # Material's search needs it for Chinese: installed with the kit
    saved = jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized
    jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = {}, 0, False
    yield jieba
    jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = saved


def test_jieba_cuts_the_same_words_from_learned_answers(tmp_path: Path, fresh_jieba) -> None:
    jieba = fresh_jieba
    reference = jieba.Tokenizer()
    expected = list(reference.cut(TEXT))

    first = use_learned_jieba(tmp_path, "zh-Hant")
    assert first is not None
    assert list(jieba.cut(TEXT)) == expected
    save_learned_jieba(tmp_path, "zh-Hant", first)
    assert not jieba.dt.initialized  # jieba gets its own table back after the build

    second = use_learned_jieba(tmp_path, "zh-Hant")
    second._load_full = lambda: pytest.fail("a learned text needed the full dictionary")
    assert list(jieba.cut(TEXT)) == expected
    save_learned_jieba(tmp_path, "zh-Hant", second)

    # New text: the full table is loaded once, and the words are still the full table's.
    third = use_learned_jieba(tmp_path, "zh-Hant")
    other = "請把手令從門底塞進來，或者貼近窗戶給我看。"
    assert list(jieba.cut(other)) == list(reference.cut(other))
    assert third.learned > 0
    save_learned_jieba(tmp_path, "zh-Hant", third)


def test_a_language_that_never_meets_chinese_never_loads_the_dictionary(tmp_path: Path, fresh_jieba) -> None:
    table = use_learned_jieba(tmp_path, "es")
    table._load_full = lambda: pytest.fail("loaded jieba's dictionary for nothing")
    save_learned_jieba(tmp_path, "es", table)
    assert list(tmp_path.iterdir()) == []


def test_theme_files_are_listed_once_for_every_language() -> None:
    calls = []

    class Env:
        def list_templates(self, extensions=None, filter_func=None):
            calls.append(1)
            return [n for n in ("a.css", "b.html", ".icons/x.svg") if filter_func is None or filter_func(n)]

    store: dict = {}
    keep = lambda name: not name.startswith(".") and not name.endswith(".html")  # noqa: E731
    for _ in range(3):  # three language builds of one run
        theme = SimpleNamespace(dirs=["/overrides", "/material"], static_templates=["404.html"], get_env=Env)
        share_theme_files(SimpleNamespace(theme=theme), store)
        assert theme.get_env().list_templates(filter_func=keep) == ["a.css"]
    assert len(calls) == 1
    # Another question (no filter, or by extension) is asked of the theme itself.
    assert theme.get_env().list_templates() == ["a.css", "b.html", ".icons/x.svg"]
