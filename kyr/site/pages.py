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
import yaml
from markupsafe import Markup
from markdown.extensions.toc import slugify as _default_slugify
from markdown.extensions.toc import unique

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from kyr.config import today
from kyr.content.macros import MacroError, Macros, check_macros, expand
from kyr.content.meta import CheckedMeta, SectionMeta, check_page_meta
from kyr.i18n.catalogs import DATA_DOMAINS, SECTIONS_DOMAIN, SITE_DOMAIN, page_domain
from kyr.i18n.extract import FRONT_MATTER_KEYS
from kyr.i18n.segments import Segment, apply, has_words, split_front_matter
from kyr.i18n.translate import FALLBACK_ATTRS, Catalogs, UiStrings, fallback, load_catalogs
from kyr.schema import ConfigError
from kyr.site.build import LanguageBuild, alternates, current
from kyr.site.local import add_local_files, include_sections, insert_local_nav, load_sections, local_domain, oldest

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
            if not problem.blocking:
                log.warning(f"{problem} (the translation is still shown)")
            elif problem.scope == "file":
                log.warning(f"{problem} (the whole file is shown in English until this is fixed)")
            else:
                log.warning(f"{problem} (this entry is shown in English instead)")
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
            raise PluginError("kyr: pages use macros, but the site has no edition (regions/) to fill them from")
        env = install_ui_strings(config.theme.get_env(), config)
        macros = Macros(
            build.run.data, build.language, catalogs_of(config), env, build.run.translations,
            build.run.prints, build.run.site_url, local_pages=_local_page_links(config),
            site_name=config.extra.get("kyr_raw", {}).get("site_name") or str(config.site_name),
        )
        config._kyr_macros = macros  # type: ignore[attr-defined]
    return macros


def _local_page_links(config: MkDocsConfig) -> list[dict[str, str]]:
    """The edition's local pages, with their titles in this language (for ``{{ local-pages }}``)."""
    build = current(config)
    catalogs = catalogs_of(config)
    out = []
    for page in build.run.data.region.pages if build.run.data else ():
        front, _, _ = split_front_matter(page.path.read_text(encoding="utf-8"))
        title = (yaml.safe_load(front) or {}).get("title") if front else None
        title = str(title or page.file)
        translated = catalogs.line(local_domain(page.file), title) if not catalogs.source else title
        shown = Markup.escape(translated) if translated is not None else fallback(Markup.escape(title))
        out.append({"href": page.file.replace(".md", ".html"), "title": shown})
    return out


def _source_of(page: Page, config: MkDocsConfig) -> tuple[str, int]:
    """How messages name a page's file, and the file's line where its body starts."""
    path = Path(page.file.abs_src_path or "")
    root = Path(current(config).run.settings.root())
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    try:
        _, body, offset = split_front_matter(path.read_text(encoding="utf-8"))
    except OSError:
        body, offset = "", 0
    # MkDocs drops the blank lines between the front matter and the body.
    return shown, offset + 1 + len(body) - len(body.lstrip("\n"))


def _expand_macros(markdown: str, page: Page, config: MkDocsConfig, shown: str) -> str:
    if "{{" not in markdown:
        return markdown
    macros = macros_of(config)
    help_file = getattr(config, "_kyr_files", None)
    help_file = help_file.get_file_from_path(HELP_PAGE) if help_file is not None else None
    macros.hotlines_href = get_relative_url(help_file.url, page.url) if help_file else "hotlines.html"
    try:
        return expand(markdown, macros, page=shown)
    except MacroError as e:
        raise PluginError(f"kyr: {e}") from None


def _check_macros(markdown: str, config: MkDocsConfig, shown: str, first_line: int) -> None:
    if "{{" not in markdown:
        return
    problems = check_macros(markdown, current(config).run.data, page=shown, first_line=first_line)
    if problems:
        raise PluginError("kyr: " + "\n".join(problems))


def _check_meta(page: Page, config: MkDocsConfig, shown: str) -> None:
    build = current(config)
    checked = check_page_meta(
        page.meta,
        page=shown,
        today=today(),
        max_age_months=build.run.settings.review_max_age,
    )
    if build.root:  # once, not once per language
        for problem in checked.problems:
            log.warning(problem)
    page.kyr_meta = checked  # type: ignore[attr-defined]
    if not checked.offline:
        if not hasattr(config, "_kyr_not_precached"):
            config._kyr_not_precached = set()  # type: ignore[attr-defined]
        config._kyr_not_precached.add(page.file.dest_uri)  # type: ignore[attr-defined]


def _sections_of(config: MkDocsConfig) -> dict[str, Any]:
    sections = getattr(config, "_kyr_sections", None)
    if sections is None:
        data = current(config).run.data
        try:
            sections = load_sections(data.region) if data else {}
        except ConfigError as e:
            raise PluginError(f"kyr: {e}") from None
        config._kyr_sections = sections  # type: ignore[attr-defined]
        config._kyr_sections_used = set()  # type: ignore[attr-defined]
    return sections


def _include_local(markdown: str, page: Page, config: MkDocsConfig) -> tuple[str, int, int]:
    """Put the edition's local sections in the page; returns the Markdown and their segments
    (total, translated)."""
    sections = _sections_of(config)
    if "{{" not in markdown or not sections:
        return markdown, 0, 0
    build = current(config)
    catalogs = catalogs_of(config)
    counts = [0, 0]

    def render(section: Any) -> str:
        _check_macros(section.body, config, section.shown, section.first_line)
        if catalogs.source:
            result = apply(section.body, lambda seg: None, heading_ids=_heading_ids(config), strip_comments=True,
                           parse=_parser(config))
        else:
            result = apply(
                section.body, lambda seg: catalogs.text(SECTIONS_DOMAIN, seg.text), fallback_attrs=FALLBACK_ATTRS,
                heading_ids=_heading_ids(config), strip_comments=True, parse=_parser(config),
            )
        counts[0] += result.total
        counts[1] += result.translated
        return result.markdown

    markdown, used = include_sections(markdown, sections, render)
    config._kyr_sections_used.update(s.name for s in used)  # type: ignore[attr-defined]
    if used:
        metas = [
            check_page_meta(s.meta, page=s.shown, today=today(), max_age_months=build.run.settings.review_max_age,
                            schema=SectionMeta)
            for s in used
        ]
        if build.root:
            for meta in metas:
                for problem in meta.problems:
                    log.warning(problem)
        base: CheckedMeta = page.kyr_meta  # type: ignore[attr-defined]
        page.kyr_meta = CheckedMeta(  # type: ignore[attr-defined]
            oldest([base.reviewed, *(m.reviewed for m in metas)]),
            base.sources + tuple(src for m in metas for src in m.sources if src not in base.sources),
            base.problems,
        )
    return markdown, counts[0], counts[1]


def _parser(config: MkDocsConfig) -> Any:
    """:func:`kyr.i18n.segments.parse` through the run's cache: the English is the same for
    every language."""
    from kyr.i18n.segments import parse

    cache = current(config).run.parsed

    def parsed(body: str) -> Any:
        found = cache.get(body)
        if found is None:
            found = cache[body] = parse(body)
        return found

    return parsed


def share_parsing(config: MkDocsConfig) -> None:
    """``on_pre_build`` of the root build, before the languages are forked: split every English
    page and local section once, for all of them."""
    build = current(config)
    if not build.root or len(build.run.languages) < 2:
        return
    from mkdocs.utils.meta import get_data

    parse = _parser(config)
    settings = build.run.settings
    folders = [Path(config.docs_dir)]
    if settings.has_regions():
        folders.append(settings.region_path() / "docs")
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            parse(get_data(path.read_text(encoding="utf-8-sig"))[0])
    for section in _sections_of(config).values():
        parse(section.body)


def _escape_meta(page: Page) -> None:
    """Title and description as escaped Markup: themes print them unescaped, also inside
    attributes (``<meta name="description" content="...">``), so a quote in the English or in a
    translation must never end the attribute."""
    for key in FRONT_MATTER_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = Markup.escape(" ".join(value.split()))


def translate_page(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """``on_page_markdown``: the page in the build's language, English where untranslated.

    Headings get explicit English ids in every language, so ``page.html#anchor`` works
    everywhere; untranslated segments are marked ``lang="en" dir="ltr"``. Front matter is
    checked (review date, sources), the edition's local sections are included, and macros are
    filled in from the edition's data.
    """
    build = current(config)
    catalogs = catalogs_of(config)
    local = getattr(config, "_kyr_local", set())
    domain = local_domain(page.file.src_uri) if page.file.src_uri in local else page_domain(page.file.src_uri)
    shown, first_line = _source_of(page, config)
    _check_meta(page, config, shown)
    _check_macros(markdown, config, shown, first_line)

    if catalogs.source:
        _escape_meta(page)
        result = apply(markdown, lambda seg: None, heading_ids=_heading_ids(config), strip_comments=True,
                       parse=_parser(config))
        body, extra, _ = _include_local(result.markdown, page, config)
        page.kyr = PageTranslation(result.total + extra, result.total + extra)  # type: ignore[attr-defined]
        return _expand_macros(body, page, config, shown)

    result = apply(
        markdown,
        lambda seg: catalogs.text(domain, seg.text),
        fallback_attrs=FALLBACK_ATTRS,
        heading_ids=_heading_ids(config),
        strip_comments=True,
        parse=_parser(config),
    )
    total, done = result.total, result.translated
    for key in FRONT_MATTER_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str) and has_words(value):  # as the extractor decides
            total += 1
            translated, ok = catalogs.lookup(domain, value)
            if ok:
                page.meta[key] = translated
                done += 1
    _escape_meta(page)
    body, extra_total, extra_done = _include_local(result.markdown, page, config)
    english = build.url_of(build.run.settings.source, page.url)
    page.kyr = PageTranslation(total + extra_total, done + extra_done, english)  # type: ignore[attr-defined]
    return _expand_macros(body, page, config, shown)


def translate_config(config: MkDocsConfig) -> None:
    """``on_config`` (after the language is set): the site's name, description, organisation,
    the county lines for the page script, and the edition's pages in the navigation.

    With an edition, the name and description come from its ``region.yml`` (translated through
    its catalog), otherwise from ``mkdocs.yml`` (translated through ``_site``).
    """
    build = current(config)
    catalogs = catalogs_of(config)
    region = build.run.data.region if build.run.data else None
    domain: str | tuple[str, ...] = SITE_DOMAIN
    if region is not None:
        config.site_name = region.site_name
        config.site_description = region.site_description
        domain = DATA_DOMAINS
        try:
            config.nav = insert_local_nav(config.nav, region)
        except ConfigError as e:
            raise PluginError(f"kyr: {e}") from None

        def text(value: str) -> Markup:
            found, translated = catalogs.lookup(DATA_DOMAINS, value)
            return Markup.escape(found) if translated else fallback(Markup.escape(found))

        org = region.organisation
        config.extra["kyr_org"] = {"name": text(org.name), "contact": text(org.contact), "url": org.url}
        config.extra["kyr_lines"] = [
            {"county": cl.county.id, "name": catalogs.lookup(DATA_DOMAINS, cl.county.name)[0],
             "tel": cl.main.phone, "display": cl.main.display}
            for cl in region.county_lines()
        ]
    raw: dict[str, str] = {}
    for key in ("site_name", "site_description"):
        value = config.get(key)
        if isinstance(value, str):
            raw[key] = catalogs.lookup(domain, value)[0] if not catalogs.source else value
            # Escaped once here: themes print these unescaped, also inside attributes.
            config[key] = Markup.escape(raw[key])
    config.extra["kyr_raw"] = raw


def translate_nav(nav: Navigation, config: MkDocsConfig) -> None:
    """``on_nav``: translate section titles and titles given in ``nav``."""
    catalogs = catalogs_of(config)
    if catalogs.source:
        return

    def walk(items: list[Any]) -> None:
        for item in items:
            title = item.__dict__.get("title")  # only titles set from mkdocs.yml
            if isinstance(title, str):
                translated, ok = catalogs.lookup(SITE_DOMAIN, title)
                item.title = Markup.escape(translated if ok else title)
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
    """``on_files``: add the edition's local pages; drop what this language does not need;
    remember Material's script."""
    from kyr.site.offline import trim_theme_files

    build = current(config)
    if build.run.data is not None:
        try:
            config._kyr_local = add_local_files(files, config, build.run.data.region)  # type: ignore[attr-defined]
        except ConfigError as e:
            raise PluginError(f"kyr: {e}") from None
    trim_theme_files(files, build.language)
    for file in files:
        if re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js", file.src_uri):
            config.extra["kyr_material_js"] = file.src_uri


def finish_language(config: MkDocsConfig) -> None:
    """``on_post_build``: what makes the language work offline (see :mod:`kyr.site.offline`)."""
    from kyr.site.offline import (
        BUNDLE_FOLDER, write_bundle, write_manifest, write_search_index_js, write_search_worker,
        write_service_worker, write_wordcut,
    )

    build = current(config)
    site_dir = Path(config.site_dir)
    catalogs = catalogs_of(config)
    region = build.run.data.region if build.run.data else None
    short = catalogs.lookup(DATA_DOMAINS, region.short_name)[0] if region else config.site_name
    if region is not None and build.root:
        unused = sorted(set(_sections_of(config)) - getattr(config, "_kyr_sections_used", set()))
        for name in unused:
            log.warning(
                f"{region.shown}/sections/{name}.md: no page includes this local section; add "
                f"{{{{ local {name} }}}} to a page, or delete the file"
            )
    write_search_index_js(site_dir)
    write_search_worker(site_dir)
    write_wordcut(site_dir, build.language)
    _fix_not_found_page(site_dir, build)
    _purge_css(site_dir, config)
    raw = config.extra.get("kyr_raw", {})
    write_manifest(site_dir, build.language, raw.get("site_name", str(config.site_name)), short,
                   raw.get("site_description", str(config.site_description or "")))
    _write_feed(site_dir, config)
    _write_share(site_dir, config)
    write_service_worker(site_dir, build.language, skip=getattr(config, "_kyr_not_precached", set()))
    prints = [f for f in build.run.prints if f.language == build.language.code]
    if prints:
        folder = site_dir / "print"
        folder.mkdir(exist_ok=True)
        for file in prints:
            shutil.copyfile(file.path, folder / file.name)
    others = [lang.code for lang in build.run.settings.languages if lang != build.language]
    write_bundle(site_dir, build.run.out_dir / BUNDLE_FOLDER, build.language, others, build.run.site_url)


def _write_share(site_dir: Path, config: MkDocsConfig) -> None:
    """``share.txt``: the short text readers forward (:mod:`kyr.site.share`)."""
    data = current(config).run.data
    if data is None or data.share is None:
        return
    from kyr.site.share import ShareTooLong

    try:
        (site_dir / "share.txt").write_text(macros_of(config).share_text(), encoding="utf-8")
    except ShareTooLong as e:
        raise PluginError(f"kyr: [{current(config).language.code}] {e}") from None


def _purge_css(site_dir: Path, config: MkDocsConfig) -> None:
    """One stylesheet, with only the CSS the language uses (:func:`kyr.site.css.bundle_language`),
    before the offline copies are made."""
    from kyr.cache import JsonCache
    from kyr.site.css import bundle_language

    bundle_language(site_dir, JsonCache(current(config).run.settings.layout().cache_dir("css")))


def _write_feed(site_dir: Path, config: MkDocsConfig) -> None:
    """``updates.xml`` for this language (needs the edition's ``site_url``)."""
    from kyr.site.feed import render_feed, write_feed

    build = current(config)
    data = build.run.data
    if data is None or not data.updates:
        return
    if not build.run.site_url:
        if build.root:
            log.info("kyr: the edition has no site_url (region.yml), so there is no Updates feed (updates.xml)")
        return
    catalogs = catalogs_of(config)
    strings = UiStrings(catalogs, SITE_DOMAIN)
    document = render_feed(
        list(data.updates),
        base=f"{build.run.site_url}{build.language.code}/",
        lang=build.language.html_lang,
        title=f"{config.extra.get('kyr_raw', {}).get('site_name', config.site_name)}: {Markup(strings.gettext('Updates')).unescape()}",
        author=catalogs.lookup(DATA_DOMAINS, data.region.organisation.name)[0],
        text=lambda value: catalogs.lookup(DATA_DOMAINS, value),
    )
    write_feed(site_dir, document)


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


def _english_phrases(config: MkDocsConfig) -> frozenset[str]:
    """What the English of the project quotes, read once per run."""
    run = current(config).run
    if run.phrases is None:
        from kyr.site.parts import project_phrases

        settings = run.settings
        folders = [Path(config.docs_dir)]
        data_files = sorted(Path(settings.data_path()).glob("*.yml")) if settings.has_regions() else []
        if settings.has_regions():
            folders.append(settings.region_path())
            data_files += sorted(settings.region_path().glob("*.yml"))
        run.phrases = project_phrases(folders, data_files)
    return run.phrases


def mark_english(output: str, config: MkDocsConfig) -> str:
    """Language of parts: the English left in a translated page is marked ``lang="en"``."""
    build = current(config)
    if build.language == build.run.settings.source:
        return output
    marker = build.run.markers.get(build.language.code)
    if marker is None:
        from kyr.site.parts import EnglishMarker, writes_latin

        marker = build.run.markers[build.language.code] = EnglishMarker(
            latin=writes_latin(build.language),
            phrases=_english_phrases(config),
            not_english=build.run.settings.not_english,
        )
    return marker.html(output)


def set_html_dir(output: str, config: MkDocsConfig) -> str:
    """``on_post_page``: put the language's direction on ``<html>`` too (Material sets body),
    and mark the English in a translated page (:func:`mark_english`)."""
    language = current(config).language

    def fix(m: re.Match[str]) -> str:
        attrs = re.sub(r'\sdir="[^"]*"', "", m.group(1))
        return f'<html{attrs} dir="{language.direction}">'

    from kyr.site.a11y import fix_page
    from kyr.site.csp import secure_page
    from kyr.site.offline import use_search_worker

    from kyr.site.minify import collapse_whitespace

    page = mark_english(_HTML_TAG_RE.sub(fix, output, count=1), config)
    return secure_page(collapse_whitespace(fix_page(use_search_worker(listen_after_title(page)))))


_LISTEN_RE = re.compile(r'<div class="kyr-listen"[^>]*>.*?</div>\s*', re.S)
_H1_END_RE = re.compile(r"</h1>")


def listen_after_title(page: str) -> str:
    """Put the "Listen" controls right after the page's title, where they are shown.

    They are hidden until the script knows the phone can speak, but their place is kept (the
    ``kyr-can-speak`` class, set in ``<head>``): showing them then moves nothing on the page
    (no layout shift)."""
    listen = _LISTEN_RE.search(page)
    if not listen:
        return page
    rest = page[: listen.start()] + page[listen.end():]
    title = _H1_END_RE.search(rest, listen.start())
    if not title:
        return page
    return rest[: title.end()] + listen.group(0).rstrip() + rest[title.end():]
