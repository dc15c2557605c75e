"""Options and parameter types shared by several commands, defined once so every command spells them the same.

Option defaults are read from `config.settings.JobOptions` (written only there); the options the theme decides
(`--cover`, `--end`, `--ken-burns`) default to `None`, "not given", which `job_options` drops. The parameter
types call the library's own parsers, so a bad theme name, preset, transition, quality or duration is a usage
error (exit 2) before any article is read.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import click

from ..article import Article
from ..config.ranges import MAX_LENGTH, MAX_LENGTH_RANGE, OPTION_SECONDS, WORDS_PER_MINUTE, Range
from ..config.settings import IMAGE_FORMATS, OUTPUT_KINDS, QUALITIES, JobOptions
from ..config.settings import job_options as make_job_options
from ..errors import Slide2VideoError
from ..readers import FORMATS
from .app import Context

# Paths are not checked by click: a file where a folder is wanted (or the reverse) is an input/output problem
# that the readers and writers report as one `Error: PATH: ...` line with exit 1, like every other.
PATH = click.Path(path_type=Path)
DEFAULTS = JobOptions()

if TYPE_CHECKING:  # click 8.2+ types ParamType as generic (value, input); older clicks cannot subscript it
    _Text = click.ParamType[str, Any]
    _Seconds = click.ParamType[float, Any]
    _Outputs = click.ParamType[tuple[str, ...], Any]
    _Source = click.ParamType[Path | str, Any]
else:
    _Text = _Seconds = _Outputs = _Source = click.ParamType


class ThemeParam(_Text):
    """A built-in theme name or a theme file. An unknown name or a missing file is a usage error; a theme file
    that exists but is broken is an input error (exit 1, naming the file and line), like a broken article."""

    name = "theme"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from ..config.theme import builtin_themes, load_theme

        text = str(value)
        if text in builtin_themes() or Path(text).is_file():
            load_theme(text)  # a broken theme file: its own one-line error, exit 1
            return text
        try:
            load_theme(text)  # raises: an unknown name, a missing file or a folder
        except Slide2VideoError as exc:
            self.fail(exc.format_message(), param, ctx)
        return text


class PresetParam(_Text):
    """A built-in preset name or WIDTHxHEIGHT."""

    name = "preset"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from ..config.presets import get_preset

        try:
            get_preset(str(value))
        except Slide2VideoError as exc:
            self.fail(exc.format_message(), param, ctx)
        return str(value)


class TransitionParam(_Text):
    """KIND[-DIRECTION][:SECONDS], parsed by the timeline's own `Transition.parse`."""

    name = "transition"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from ..video.timeline import Transition

        try:
            Transition.parse(str(value))
        except Slide2VideoError as exc:
            self.fail(exc.format_message(), param, ctx)
        return str(value)


class NumberParam(_Seconds):
    """A number within its documented `Range` (ranges.py): NaN, infinities and out-of-range values are usage
    errors naming the value and the range."""

    name = "number"

    def __init__(self, rng: Range) -> None:
        self.range = rng

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            number: float = value
        else:
            try:
                number = float(str(value).strip())
            except (TypeError, ValueError, OverflowError):
                self.fail(f"{value!r} is not a number; {self.range.describe()}", param, ctx)
        message = self.range.problem(number, repr(value))
        if message:
            self.fail(message, param, ctx)
        return number


class OutputsParam(_Outputs):
    """A comma-separated list of output kinds."""

    name = "list"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        items = [t.strip().lower() for t in str(value).split(",") if t.strip()]
        bad = [t for t in items if t not in OUTPUT_KINDS]
        if bad or not items:
            self.fail(f"{bad[0] if bad else value!r} is not an output; choose from {', '.join(OUTPUT_KINDS)}")
        return tuple(items)


class ArticleSource(_Source):
    """An article file (a `Path`) or an `http(s)://` URL (kept as `str`): what `load_article` takes."""

    name = "FILE|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        from ..readers.web import is_url

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
THEME, PRESET, TRANSITION, OUTPUTS = ThemeParam(), PresetParam(), TransitionParam(), OutputsParam()


def _options(*options: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def apply(f: Any) -> Any:
        for option in reversed(options):
            f = option(f)
        return f

    return apply


def _flag(name: str) -> Callable[[click.Context, click.Parameter, bool], None]:
    """A flag's callback that sets `Context.<name>` (so the flag works before or after the command name)."""

    def store(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
        if value:
            setattr(ctx.ensure_object(Context), name, True)

    return store


def _strict(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        obj = ctx.ensure_object(Context)
        obj.strict = True  # every warning fails the job
        obj.web.strict = True  # so a web page's photo that cannot be had stops the read instead of warning


#: `-q` after the command name too (`slide2video video -q STORY`), not only before it.
quiet_option = click.option(
    "-q", "--quiet", is_flag=True, expose_value=False, callback=_flag("quiet"), help="Print only errors."
)


#: Every command that writes an output takes its lock (`fileio.lock`): a second run stops, or with this, waits.
wait_option = click.option(
    "--wait",
    is_flag=True,
    expose_value=False,
    callback=_flag("wait"),
    help="If another slide2video run is writing the same output, wait for it to finish instead of stopping.",
)
#: `--strict` after the command name too (and before it, on the group).
strict_option = click.option(
    "--strict",
    is_flag=True,
    expose_value=False,
    callback=_strict,
    help="Treat warnings as errors (exit 1), e.g. a web page's photo that cannot be had.",
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
    strict_option,
)


def source_stem(source: Path | str, art: Article) -> str:
    """The name default outputs are named after: the file's stem, or a URL's last path segment."""
    if isinstance(source, Path):
        return source.stem
    return art.path.stem if art.path is not None else "story"


def image_format_option(help: str) -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "image_format",
        type=click.Choice(IMAGE_FORMATS),
        default=DEFAULTS.image_format,
        show_default=True,
        help=help,
    )


def preset_option(name: str, dest: str, default: str, help: str) -> Callable[[Any], Any]:
    return click.option(name, dest, type=PRESET, default=default, show_default=True, metavar="NAME|WxH", help=help)


render_options = _options(
    click.option(
        "--theme",
        "theme",
        type=THEME,
        default=DEFAULTS.theme,
        show_default=True,
        metavar="NAME|FILE",
        help="Built-in theme (see `slide2video themes`) or a theme YAML file.",
    ),
    click.option("--cover/--no-cover", default=None, help="Add a title card first (default: as the theme says)."),
    click.option("--end/--no-end", default=None, help="Add a closing card (default: as the theme says)."),
    click.option(
        "--allow-outside-paths",
        is_flag=True,
        default=None,
        help="Let slide images point outside the article's folder and assets/.",
    ),
    click.option(
        "--skip-bad-images",
        is_flag=True,
        default=None,
        help="Use the theme background (with a warning) instead of stopping on a bad photo.",
    ),
)

timing_options = _options(
    preset_option(
        "--preset",
        "video_preset",
        DEFAULTS.video_preset,
        "Video size, frame rate and limits (see `slide2video presets`).",
    ),
    click.option(
        "--transition",
        type=TRANSITION,
        default=DEFAULTS.transition,
        show_default=True,
        metavar="KIND[:SECONDS]",
        help="cut, crossfade, fade, slide-left, push-up, wipe-right, zoom ... e.g. fade:0.8.",
    ),
    click.option(
        "--duration",
        type=NumberParam(OPTION_SECONDS),
        default=None,
        metavar="SECONDS",
        help="Seconds per slide for every slide (a slide's own `duration:` still wins).",
    ),
    click.option(
        "--wpm",
        "words_per_minute",
        type=NumberParam(WORDS_PER_MINUTE),
        default=DEFAULTS.words_per_minute,
        show_default=True,
        help="Reading speed that times each slide (plus a base, within min and max).",
    ),
    click.option(
        "--max-length",
        type=NumberParam(MAX_LENGTH_RANGE),
        default=None,
        metavar="SECONDS",
        help=f"Longest video when the preset sets no shorter limit (default {MAX_LENGTH:g}; at most 86400).",
    ),
    click.option(
        "--ken-burns/--no-ken-burns",
        "ken_burns",
        default=None,
        help="Slow zoom and pan on photos (default: as the theme says).",
    ),
    click.option(
        "--split", is_flag=True, default=None, help="Split a story too long for the preset into numbered parts."
    ),
)

encode_options = _options(
    click.option(
        "--quality",
        type=click.Choice(QUALITIES),
        default=DEFAULTS.quality,
        show_default=True,
        help="Encoder effort and bitrate: draft is fast, high is slow and crisp.",
    ),
    click.option(
        "--music",
        type=PATH,
        default=None,
        help="Background music: looped or trimmed, faded, ducked under narration, normalised to -14 LUFS.",
    ),
    click.option(
        "--silent-audio",
        is_flag=True,
        default=None,
        help="Add a silent AAC track when there is no music or narration.",
    ),
)

#: What `render` and `batch` make for each article.
output_set_options = _options(
    click.option(
        "--to",
        "outputs",
        type=OUTPUTS,
        default=",".join(DEFAULTS.outputs),
        show_default=True,
        metavar="LIST",
        help="Comma-separated outputs: mp4, carousel, pdf, srt, gif, webp.",
    ),
    preset_option(
        "--carousel-preset", "carousel_preset", DEFAULTS.carousel_preset, "Card size for the carousel and PDF."
    ),
    image_format_option("Image format of the carousel cards."),
)


def job_options(obj: Context, **kw: Any) -> JobOptions:
    """`JobOptions` from the shared options' values: those not given (None) keep the built-in defaults."""
    return make_job_options(kw, strict=obj.strict or None)


class StageBar:
    """A progress bar per stage ("cards", "video") fed by the reporter's (stage, done, total) progress."""

    LABELS: ClassVar[dict[str, str]] = {"cards": "Drawing cards", "video": "Encoding video", "articles": "Articles"}

    def __init__(self, quiet: bool) -> None:
        self.hidden = quiet or not sys.stderr.isatty()
        self.stage: str | None = None
        self.bar: Any = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.hidden:
            return
        if stage != self.stage or done < self.done:  # a new stage, or the same stage again (cards per preset)
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
