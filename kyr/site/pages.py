"""Per-page work of a language build: translate, mark fallbacks, link the other languages."""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import markdown as _markdown
from markupsafe import Markup
from markdown.extensions.toc import slugify as _default_slugify
from markdown.extensions.toc import unique

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from kyr.site.build import LanguageBuild, alternates, current
from kyr.i18n.catalogs import SITE_DOMAIN, page_domain
from kyr.config import today
from kyr.content.meta import check_page_meta
from kyr.i18n.extract import FRONT_MATTER_KEYS
from kyr.content.macros import MacroError, Macros, expand
from kyr.i18n.segments import Segment, apply, has_words
from kyr.i18n.translate import FALLBACK_ATTRS, Catalogs, UiStrings, load_catalogs

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

__all__ = [
    "PageTranslation",
    "catalogs_of",
    "install_ui_strings",
    "page_context",
    "set_html_dir",
    "translate_config",
    "translate_nav",
    "translate_page",
]

log = logging.getLogger("mkdocs.kyr")

#: The page every page's disclaimer links to.
HELP_PAGE = "hotlines.md"


@dataclass(frozen=True)
class PageTranslation:
    """How much of a page is in the reader's language (``page.kyr`` in templates)."""

    total: int
    translated: int
    english_href: str | None = None
    """Relative link to the English page, when some of this page is shown in English."""

    @property
    def fallback(self) -> bool:
        return self.translated < self.total

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0


def catalogs_of(config: MkDocsConfig) -> Catalogs:
    """The build's catalogs, read once per language build (on first use)."""
    catalogs = getattr(config, "_kyr_catalogs", None)
    if catalogs is None:
        build = current(config)
        layout = build.run.settings.layout()
        source = build.language == build.run.settings.source
        catalogs = load_catalogs(layout, build.language, source=source)
        for problem in catalogs.problems:
            log.warning(f"{problem} (shown in English instead)")
        config._kyr_catalogs = catalogs  # type: ignore[attr-defined]
    return catalogs


def _heading_ids(config: MkDocsConfig) -> Any:
    """A ``heading_ids`` function for :func:`kyr.i18n.segments.apply`: English slugs, toc's rules."""
    toc = config.mdx_configs.get("toc", {})
    slugify = toc.get("slugify", _default_slugify)
    separator = toc.get("separator", "-")
    md = _markdown.Markdown(extensions=["attr_list"])

    def heading_id(seg: Segment, used: set[str]) -> str:
        md.reset()
        rendered = md.convert(seg.text)
        text = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
        return unique(slugify(text, separator), used)

    return heading_id


def macros_of(config: MkDocsConfig) -> Macros:
    """The build's macro renderer (theme templates + the language's catalogs)."""
    macros = getattr(config, "_kyr_macros", None)
    if macros is None:
        build = current(config)
        if build.run.data is None:
            raise PluginError("kyr: pages use macros but the site has no data/ folder")
        env = install_ui_strings(config.theme.get_env(), config)
        macros = Macros(
            build.run.data, build.language, catalogs_of(config), env, build.run.translations,
            build.run.prints, build.run.site_url,
        )
        config._kyr_macros = macros  # type: ignore[attr-defined]
    return macros


def _expand_macros(markdown: str, page: Page, config: MkDocsConfig) -> str:
    if "{{" not in markdown:
        return markdown
    try:
        return expand(markdown, macros_of(config), page=f"{config.docs_dir}/{page.file.src_uri}")
    except MacroError as e:
        raise PluginError(f"kyr: {e}") from None


def _check_meta(page: Page, config: MkDocsConfig) -> None:
    build = current(config)
    checked = check_page_meta(
        page.meta,
        page=f"{os.path.basename(config.docs_dir)}/{page.file.src_uri}",
        today=today(),
        max_age_months=build.run.settings.review_max_age,
    )
    if build.root:  # once, not once per language
        for problem in checked.problems:
            log.warning(problem)
    page.kyr_meta = checked  # type: ignore[attr-defined]


def translate_page(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """``on_page_markdown``: the page in the build's language, English where untranslated.

    Headings get explicit English ids in every language, so ``page.html#anchor`` works
    everywhere; untranslated segments are marked ``lang="en" dir="ltr"``. Front matter is
    checked (review date, sources) and macros are filled in from ``data/``.
    """
    build = current(config)
    catalogs = catalogs_of(config)
    domain = page_domain(page.file.src_uri)
    _check_meta(page, config)

    if catalogs.source:
        result = apply(markdown, lambda seg: None, heading_ids=_heading_ids(config), strip_comments=True)
        page.kyr = PageTranslation(result.total, result.total)  # type: ignore[attr-defined]
        return _expand_macros(result.markdown, page, config)

    result = apply(
        markdown,
        lambda seg: catalogs.text(domain, seg.text),
        fallback_attrs=FALLBACK_ATTRS,
        heading_ids=_heading_ids(config),
        strip_comments=True,
    )
    total, done = result.total, result.translated
    for key in FRONT_MATTER_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str) and has_words(value):  # as the extractor decides
            total += 1
            translated = catalogs.line(domain, value)
            if translated is not None:
                page.meta[key] = translated
                done += 1
    english = build.url_of(build.run.settings.source, page.url)
    page.kyr = PageTranslation(total, done, english)  # type: ignore[attr-defined]
    return _expand_macros(result.markdown, page, config)


def translate_config(config: MkDocsConfig) -> None:
    """``on_config`` (after the language is set): the site's name and description."""
    catalogs = catalogs_of(config)
    if catalogs.source:
        return
    for key in ("site_name", "site_description"):
        value = config.get(key)
        if isinstance(value, str):
            translated = catalogs.line(SITE_DOMAIN, value)
            if translated is not None:
                config[key] = translated


def translate_nav(nav: Navigation, config: MkDocsConfig) -> None:
    """``on_nav``: translate section titles and titles given in ``nav``."""
    catalogs = catalogs_of(config)
    if catalogs.source:
        return

    def walk(items: list[Any]) -> None:
        for item in items:
            title = item.__dict__.get("title")  # only titles set from mkdocs.yml
            if isinstance(title, str):
                translated = catalogs.line(SITE_DOMAIN, title)
                if translated is not None:
                    item.title = translated
            if getattr(item, "children", None):
                walk(item.children)

    walk(nav.items)


def install_ui_strings(env: Environment, config: MkDocsConfig, files: Any = None) -> Environment:
    """``on_env``: give theme overrides ``_()``, ``gettext()`` and ``ngettext()``."""
    if files is not None:
        config._kyr_files = files  # type: ignore[attr-defined]
    # Compiled templates are shared by the language builds (and later builds).
    from jinja2 import FileSystemBytecodeCache

    folder = current(config).run.settings.layout().cache_dir("jinja")
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    strings = UiStrings(catalogs_of(config), SITE_DOMAIN)
    env.globals["_"] = strings.content
    env.globals["gettext"] = strings.gettext
    env.globals["ngettext"] = strings.ngettext
    build = current(config)
    env.globals["kyr_format_percent"] = lambda ratio: _format_percent(ratio, build)
    env.globals["kyr_format_date"] = lambda date: _format_date(date, build)
    return env


def _format_date(date: Any, build: LanguageBuild) -> Markup:
    from babel.dates import format_date

    return _cldr(format_date(date, format="long", locale=build.language.locale))


def _cldr(text: str) -> Markup:
    """Text that comes from CLDR (dates, numbers, language names), marked as such."""
    return Markup('<span class="kyr-cldr">%s</span>') % text


def _format_percent(ratio: float, build: LanguageBuild) -> Markup:
    from babel.numbers import format_percent

    return _cldr(format_percent(ratio, locale=build.language.locale))


def page_context(context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
    """``on_page_context``: this page's language switcher and its link to help."""
    build = current(config)
    context["kyr_alternates"] = alternates(build, page.url)
    files = getattr(config, "_kyr_files", None)
    help_file = files.get_file_from_path(HELP_PAGE) if files is not None else None
    context["kyr_help_href"] = get_relative_url(help_file.url, page.url) if help_file else None
    return context


def trim_files(files: Any, config: MkDocsConfig) -> None:
    """``on_files``: drop what this language does not need; remember Material's script."""
    from kyr.site.offline import trim_theme_files

    trim_theme_files(files, current(config).language)
    for file in files:
        if re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", file.src_uri):
            config.extra["kyr_material_js"] = file.src_uri


def finish_language(config: MkDocsConfig) -> None:
    """``on_post_build``: what makes the language work offline (see :mod:`kyr.site.offline`)."""
    from kyr.i18n.catalogs import DATA_DOMAIN
    from kyr.site.offline import (
        BUNDLE_FOLDER, write_bundle, write_manifest, write_search_index_js, write_service_worker,
    )

    build = current(config)
    site_dir = Path(config.site_dir)
    catalogs = catalogs_of(config)
    short, _ = catalogs.lookup(DATA_DOMAIN, "Know your rights")
    write_search_index_js(site_dir)
    _fix_not_found_page(site_dir, build)
    write_manifest(site_dir, build.language, config.site_name, short, config.site_description or "")
    write_service_worker(site_dir, build.language)
    prints = [f for f in build.run.prints if f.language == build.language.code]
    if prints:
        folder = site_dir / "print"
        folder.mkdir(exist_ok=True)
        for file in prints:
            shutil.copyfile(file.path, folder / file.name)
    others = [lang.code for lang in build.run.settings.languages if lang != build.language]
    write_bundle(site_dir, build.run.out_dir / BUNDLE_FOLDER, build.language, others, build.run.site_url)


def _fix_not_found_page(site_dir: Path, build: LanguageBuild) -> None:
    """Point 404.html's absolute links into the language folder.

    A server shows 404.html at any address, so MkDocs links its assets from the site root
    (``/assets/...``, or the path of ``site_url``). Without a ``site_url`` the kit assumes the
    site is published at the root of its host, with each language in ``/<lang>/``.
    """
    if build.run.site_url:
        return  # MkDocs already used site_url's path, which includes the language
    page = site_dir / "404.html"
    if page.exists():
        html = page.read_text(encoding="utf-8")
        html = re.sub(r'="/(?![/])', f'="/{build.language.code}/', html)
        page.write_text(html, encoding="utf-8")


_HTML_TAG_RE = re.compile(r"<html\b([^>]*)>")


def finish_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """``on_post_template``: static pages (404.html) get the same treatment as content pages."""
    if template_name.endswith(".html"):
        return set_html_dir(output, config)
    return output


def set_html_dir(output: str, config: MkDocsConfig) -> str:
    """``on_post_page``: put the language's direction on ``<html>`` too (Material sets body)."""
    language = current(config).language

    def fix(m: re.Match[str]) -> str:
        attrs = re.sub(r'\sdir="[^"]*"', "", m.group(1))
        return f'<html{attrs} dir="{language.direction}">'

    from kyr.site.a11y import fix_page
    from kyr.site.csp import secure_page

    return secure_page(fix_page(_HTML_TAG_RE.sub(fix, output, count=1)))
