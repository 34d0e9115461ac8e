"""MkDocs hooks: one ``mkdocs build`` writes ``site/<lang>/`` for every language.

Adapters only; the work is in ``kyr.site.build`` (the build driver) and ``kyr.site.pages`` (per page).
Priorities: configure before every plugin (search reads ``theme.language`` in its own
``on_config``); translate Markdown before other plugins see it; publish after everything else
(the offline plugin writes its search index at -100).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

from kyr.site import build, chooser, pages

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

# The command MkDocs runs in this process ("build" or "serve"); not per-build state.
_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config = build.configure(config, _command)
    pages.translate_config(config)
    return config


@event_priority(100)
def on_pre_build(*, config: MkDocsConfig) -> None:
    pages.share_parsing(config)
    build.start_workers(config)


def on_files(files: Files, /, *, config: MkDocsConfig) -> None:
    pages.trim_files(files, config)


def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
    pages.translate_nav(nav, config)


@event_priority(100)
def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return pages.translate_page(markdown, page, config)


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    return pages.install_ui_strings(env, config, files)


def on_page_context(
    context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    return pages.page_context(context, page, config)


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str:
    return pages.set_html_dir(output, config)


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str:
    return pages.finish_template(output, template_name, config)


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    pages.finish_language(config)
    run = build.current(config).run
    description = run.data.region.site_description if run.data else (config.site_description or "")
    favicon = config.theme.get("favicon") or "assets/images/favicon.png"
    build.finish(config, lambda out: chooser.write_chooser(out, run, run.site_name, description, favicon))


def on_serve(server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
    build.watch(server, config)
    return server


def on_build_error(*, error: Exception) -> None:
    build.abort()
