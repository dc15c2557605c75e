"""Options and helpers shared by several commands, defined once so every command spells them the same."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

from ..article import Article
from ..readers import FORMATS
from .app import Context

if TYPE_CHECKING:
    from ..cards.card import Card
    from ..cards.render import RenderOptions
    from ..pipeline import JobOptions


class ArticleSource(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """An article file (a `Path`) or an `http(s)://` URL (kept as `str`): what `load_article` takes."""

    name = "FILE|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        from ..readers.fetch import is_url

        if isinstance(value, Path):
            return value
        text = str(value)
        if is_url(text):
            return text
        scheme = text.split("://", 1)[0] if "://" in text else ""
        if scheme and scheme.isalpha() and len(scheme) > 1:
            self.fail(f"{text}: only http and https URLs are read", param, ctx)
        return Path(text)


ARTICLE = ArticleSource()
# Paths are not checked by click: a file where a folder is wanted (or the reverse) is an input/output problem
# that the readers and writers report as one `Error: PATH: ...` line with exit 1, like every other.
PATH = click.Path(path_type=Path)
IMAGE_FORMATS = ("png", "jpeg", "webp")
QUALITIES = ("draft", "standard", "high")


def _options(*options: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def apply(f: Any) -> Any:
        for option in reversed(options):
            f = option(f)
        return f

    return apply


def _quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(Context).quiet = True


#: `-q` after the command name too (`slide2video video -q STORY`), not only before it.
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, expose_value=False, callback=_quiet, help="Print only errors."
)

article_format_option = click.option(
    "--article-format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Article format, when the extension does not tell (text, markdown, yaml, html).",
)


def _web(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def store(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
        obj = ctx.find_object(Context)
        if value is not None and obj is not None:
            setattr(obj.web, name, value)

    return store


#: How pages and photos are fetched for a URL (or the web photos of a saved page); stored in `Context.web`.
web_options = _options(
    click.option(
        "--allow-private-urls",
        is_flag=True,
        default=None,
        expose_value=False,
        callback=_web("allow_private_urls"),
        help="Fetch from loopback, private and link-local addresses too (your own intranet or test server).",
    ),
    click.option(
        "--offline",
        is_flag=True,
        default=None,
        expose_value=False,
        callback=_web("offline"),
        help="Fetch nothing: use only pages and photos already in the cache.",
    ),
    click.option(
        "--max-pages",
        type=click.IntRange(min=1, max=500),
        default=None,
        expose_value=False,
        callback=_web("max_pages"),
        help="Most pages of a paginated slideshow followed (default 50).",
    ),
    click.option(
        "--strict",
        is_flag=True,
        default=None,
        expose_value=False,
        callback=_web("strict"),
        help="Stop when a page's photo cannot be had, instead of a warning and the theme background.",
    ),
)


def source_stem(source: Path | str, art: Article) -> str:
    """The name default outputs are named after: the file's stem, or a URL's last path segment."""
    if isinstance(source, Path):
        return source.stem
    return art.path.stem if art.path is not None else "story"


def image_format_option(help: str) -> Callable[[Any], Any]:
    return click.option(
        "--format", "image_format", type=click.Choice(IMAGE_FORMATS), default="png", show_default=True, help=help
    )


render_options = _options(
    click.option(
        "--theme",
        "theme_name",
        default="news",
        show_default=True,
        metavar="NAME|FILE",
        help="Built-in theme (see `slide2video themes`) or a theme YAML file.",
    ),
    click.option("--cover/--no-cover", default=None, help="Add a title card first (default: as the theme says)."),
    click.option("--end/--no-end", default=None, help="Add a closing card (default: as the theme says)."),
    click.option(
        "--allow-outside-paths", is_flag=True, help="Let slide images point outside the article's folder and assets/."
    ),
    click.option(
        "--skip-bad-images",
        is_flag=True,
        help="Use the theme background (with a warning) instead of stopping on a bad photo.",
    ),
)

timing_options = _options(
    click.option(
        "--preset",
        "preset_name",
        default="reel",
        show_default=True,
        metavar="NAME|WxH",
        help="Video size, frame rate and limits (see `slide2video presets`).",
    ),
    click.option(
        "--transition",
        default="crossfade",
        show_default=True,
        metavar="KIND[:SECONDS]",
        help="cut, crossfade, fade, slide-left, push-up, wipe-right, zoom ... e.g. fade:0.8.",
    ),
    click.option(
        "--duration",
        type=click.FloatRange(min=0.5),
        default=None,
        metavar="SECONDS",
        help="Seconds per slide for every slide (a slide's own `duration:` still wins).",
    ),
    click.option(
        "--wpm",
        type=click.FloatRange(min=20, max=2000),
        default=180.0,
        show_default=True,
        help="Reading speed that times each slide (plus a base, within min and max).",
    ),
    click.option(
        "--ken-burns/--no-ken-burns",
        "ken_burns",
        default=None,
        help="Slow zoom and pan on photos (default: as the theme says).",
    ),
    click.option("--split", is_flag=True, help="Split a story too long for the preset into numbered parts."),
)

encode_options = _options(
    click.option(
        "--quality",
        type=click.Choice(QUALITIES),
        default="standard",
        show_default=True,
        help="Encoder effort and bitrate: draft is fast, high is slow and crisp.",
    ),
    click.option(
        "--music",
        type=PATH,
        default=None,
        help="Background music: looped or trimmed, faded, ducked under narration, normalised to -14 LUFS.",
    ),
    click.option("--silent-audio", is_flag=True, help="Add a silent AAC track when there is no music or narration."),
)

#: What `render` and `batch` make for each article.
output_set_options = _options(
    click.option(
        "--to",
        "outputs",
        default="mp4,carousel,srt",
        show_default=True,
        metavar="LIST",
        help="Comma-separated outputs: mp4, carousel, pdf, srt, gif, webp.",
    ),
    click.option(
        "--carousel-preset",
        default="ig-portrait",
        show_default=True,
        metavar="NAME|WxH",
        help="Card size for the carousel and PDF.",
    ),
    image_format_option("Image format of the carousel cards."),
)


def parse_outputs(text: str) -> list[str]:
    from ..pipeline import OUTPUT_KINDS

    items = [t.strip().lower() for t in text.split(",") if t.strip()]
    bad = [t for t in items if t not in OUTPUT_KINDS]
    if bad or not items:
        raise click.BadParameter(
            f"{bad[0] if bad else text!r} is not an output; choose from {', '.join(OUTPUT_KINDS)}", param_hint="--to"
        )
    return items


def job_options(**kw: Any) -> JobOptions:
    """`JobOptions` from the values of the shared options (those a command lacks keep their defaults)."""
    from ..pipeline import JobOptions

    return JobOptions(
        theme=kw["theme_name"],
        video_preset=kw.get("preset_name", "reel"),
        carousel_preset=kw.get("carousel_preset", "ig-portrait"),
        outputs=tuple(kw.get("outputs", ("mp4", "srt"))),
        quality=kw.get("quality", "standard"),
        transition=kw.get("transition", "crossfade"),
        duration=kw.get("duration"),
        words_per_minute=kw.get("wpm", 180.0),
        ken_burns=kw.get("ken_burns"),
        music=str(kw["music"]) if kw.get("music") else None,
        silent_audio=kw.get("silent_audio", False),
        split=kw.get("split", False),
        cover=kw.get("cover"),
        end=kw.get("end"),
        allow_outside_paths=kw.get("allow_outside_paths", False),
        skip_bad_images=kw.get("skip_bad_images", False),
        image_format=kw.get("image_format", "png"),
    )


def make_render_options(**kw: Any) -> RenderOptions:
    from ..cards.render import RenderOptions

    return RenderOptions(
        cover=kw.get("cover"),
        end=kw.get("end"),
        allow_outside_paths=kw.get("allow_outside_paths", False),
        bad_images="warn" if kw.get("skip_bad_images") else "error",
    )


def draw_cards(obj: Context, art: Article, theme_name: str, preset_name: str, options: RenderOptions) -> list[Card]:
    """Load theme and preset, then render the cards with a progress bar."""
    from ..cards.plan import plan_cards
    from ..cards.render import render_cards
    from ..config.presets import get_preset
    from ..config.theme import load_theme

    theme, preset = load_theme(theme_name), get_preset(preset_name)
    total = len(plan_cards(art, theme, cover=options.cover, end=options.end))
    with click.progressbar(
        length=total, label="Drawing cards", file=sys.stderr, hidden=obj.quiet or not sys.stderr.isatty()
    ) as bar:
        cards = render_cards(art, theme, preset, options, progress=bar.update)
    obj.warn([w for card in cards for w in card.warnings])
    return cards


class StageBar:
    """A progress bar per stage ("cards", "video") fed by the library's (stage, done, total) callback."""

    LABELS: ClassVar[dict[str, str]] = {"cards": "Drawing cards", "video": "Encoding video"}

    def __init__(self, quiet: bool) -> None:
        self.hidden = quiet or not sys.stderr.isatty()
        self.stage: str | None = None
        self.bar: Any = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.hidden:
            return
        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(length=total, label=self.LABELS.get(stage, stage), file=sys.stderr)
            self.bar.__enter__()
        if self.bar is not None and done > self.done:
            self.bar.update(done - self.done)
            self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def __enter__(self) -> StageBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
