"""One mapping per language, from CLDR; validated where it is declared."""

from __future__ import annotations

import pytest

from kyr.config import ConfigError, KyrConfig, selected_languages, settings_from, validate
from kyr.languages import LanguageError, make_language

EXPECTED = {
    # code: (CLDR locale, Material language, search language, dir)
    "en": ("en", "en", "en", "ltr"),
    "es": ("es", "es", "es", "ltr"),
    "zh-Hant": ("zh_Hant", "zh-Hant", "zh", "ltr"),
    "zh-Hans": ("zh_Hans", "zh", "zh", "ltr"),
    "tl": ("fil", "tl", "en", "ltr"),
    "vi": ("vi", "vi", "vi", "ltr"),
    "ko": ("ko", "ko", "ko", "ltr"),
    "ar": ("ar", "ar", "ar", "rtl"),
}


@pytest.mark.parametrize("code", EXPECTED)
def test_mapping(code: str) -> None:
    lang = make_language(code)
    assert (lang.cldr, lang.theme_language, lang.search_language, lang.direction) == EXPECTED[code]
    assert lang.html_lang == code


def test_endonyms_come_from_cldr() -> None:
    names = {code: make_language(code).name for code in EXPECTED}
    assert names == {
        "en": "English",
        "es": "Español",
        "zh-Hant": "中文 (繁體)",
        "zh-Hans": "中文 (简体)",
        "tl": "Filipino",
        "vi": "Tiếng Việt",
        "ko": "한국어",
        "ar": "العربية",
    }


def test_new_languages_are_derived() -> None:
    fa = make_language("fa")
    assert (fa.direction, fa.theme_language, fa.search_language) == ("rtl", "fa", "en")
    assert make_language("pt-BR").theme_language == "pt-BR"


@pytest.mark.parametrize("bad", ["english", "hmn", "zh_Hant", "EN", ""])
def test_bad_codes_are_explained(bad: str) -> None:
    with pytest.raises(LanguageError):
        make_language(bad)


def test_config_errors_name_the_file_and_key() -> None:
    with pytest.raises(ConfigError) as e:
        settings_from({"kyr": {"languages": ["en", "es", "klingon"]}}, "mkdocs.yml")
    assert str(e.value) == (
        "mkdocs.yml: extra.kyr.languages[2]: 'klingon' is not a language code; "
        "expected a BCP 47 tag such as 'es', 'zh-Hant' or 'pt-BR'"
    )


@pytest.mark.parametrize(
    "data, message",
    [
        ({"languages": ["es", "en"]}, "must come first"),
        ({"languages": ["en", "es", "es"]}, "listed more than once"),
        ({"languages": "en"}, "Expected a list"),
        ({"languages": ["en"], "colour": "red"}, "colour"),
        ({"languages": ["en", {"code": "tl", "search_language": "xx"}]}, "search has no language 'xx'"),
    ],
)
def test_config_errors(data: dict, message: str) -> None:
    with pytest.raises(ConfigError) as e:
        validate(KyrConfig, data, source="mkdocs.yml", where="extra.kyr")
    assert message in str(e.value)
    assert str(e.value).startswith("mkdocs.yml: extra.kyr.")


def test_kyr_langs_selects_in_declared_order() -> None:
    settings = settings_from({"kyr": {"languages": ["en", "es", "ar"]}}, "mkdocs.yml")
    assert [l.code for l in selected_languages(settings, None)] == ["en", "es", "ar"]
    assert [l.code for l in selected_languages(settings, "ar, en")] == ["en", "ar"]
    assert [l.code for l in selected_languages(settings, "es")] == ["es"]
    with pytest.raises(ConfigError, match="KYR_LANGS: unknown language 'fr'"):
        selected_languages(settings, "es,fr")
