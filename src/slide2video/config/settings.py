"""Every option of a job in one place, and the one merge that decides them.

Layers, lowest first: built-in defaults (the `JobOptions` field defaults, written only here) -> the theme (cover
and end cards, Ken Burns) -> the preset (size, fps, length limit: `Preset`) -> the caller (command line, API,
batch) -> each slide (its `duration:`, applied by the timeline). A `None` in a later layer overrides nothing, so
the CLI passes its options through unchanged and "not given" falls through to the theme or the default.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from ..errors import RenderError
from .ranges import (
    DEFAULT_TRANSITION,
    DEFAULT_TRANSITION_SECONDS,
    MAX_LENGTH,
    MAX_LENGTH_RANGE,
    OPTION_SECONDS,
    TRANSITION_SECONDS,
    WORDS_PER_MINUTE,
)
from .theme import Theme, load_theme
from .timing import DEFAULT_SPEED, ReadingSpeed

if TYPE_CHECKING:
    from ..cards.render import RenderOptions
    from ..video.timeline import TimelineOptions, Transition
    from .presets import Preset

OutputKind = Literal["mp4", "carousel", "pdf", "srt", "gif", "webp"]
ImageFormat = Literal["png", "jpeg", "webp"]
Quality = Literal["draft", "standard", "high"]
OUTPUT_KINDS: tuple[OutputKind, ...] = get_args(OutputKind)
IMAGE_FORMATS: tuple[ImageFormat, ...] = get_args(ImageFormat)
QUALITIES: tuple[Quality, ...] = get_args(Quality)
#: What `render` and `batch` write when `--to` is not given (README: video, subtitles and carousel).
DEFAULT_OUTPUTS: tuple[OutputKind, ...] = ("mp4", "carousel", "srt")
VIDEO_OUTPUTS = frozenset({"mp4", "srt", "gif", "webp"})
CARD_OUTPUTS = frozenset({"carousel", "pdf"})


def _one_of(value: object, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise RenderError(f"unknown {what} {value!r}; choose from {', '.join(allowed)}")


@dataclass(frozen=True)
class JobOptions:
    """Everything that decides a job's outputs besides the article itself (hashed for incremental batches).

    `None` means "as the theme says" (cover, end, ken_burns) or "by reading time" (duration).
    """

    theme: str = "news"
    video_preset: str = "reel"
    carousel_preset: str = "ig-portrait"
    outputs: tuple[OutputKind, ...] = DEFAULT_OUTPUTS
    image_format: ImageFormat = "png"
    quality: Quality = "standard"
    transition: str = DEFAULT_TRANSITION
    transition_duration: float = DEFAULT_TRANSITION_SECONDS
    ken_burns: bool | None = None
    duration: float | None = None  # seconds per slide for every slide (a slide's own `duration:` still wins)
    words_per_minute: float = DEFAULT_SPEED.words_per_minute
    music: str | None = None
    silent_audio: bool = False
    split: bool = False
    max_length: float = MAX_LENGTH  # seconds: the ceiling when the preset has no limit (or a longer one)
    cover: bool | None = None
    end: bool | None = None
    allow_outside_paths: bool = False
    skip_bad_images: bool = False
    strict: bool = field(default=False, metadata={"hash": False})  # warnings fail the job (decides no output)

    def __post_init__(self) -> None:
        for o in self.outputs:
            _one_of(o, OUTPUT_KINDS, "output")
        _one_of(self.image_format, IMAGE_FORMATS, "image format")
        _one_of(self.quality, QUALITIES, "quality")
        for name, label, rng in (
            ("words_per_minute", "reading speed", WORDS_PER_MINUTE),
            ("max_length", "max length", MAX_LENGTH_RANGE),
            ("duration", "duration", OPTION_SECONDS),
            ("transition_duration", "transition length", TRANSITION_SECONDS),
        ):
            value = getattr(self, name)
            if value is not None and (message := rng.problem(value)):
                raise RenderError(f"{label}: {message}")

    @property
    def wants_video(self) -> bool:
        return bool(VIDEO_OUTPUTS & set(self.outputs))

    @property
    def wants_cards(self) -> bool:
        return bool(CARD_OUTPUTS & set(self.outputs))

    def hashed(self) -> dict[str, Any]:
        """The options that decide outputs, as plain data: the batch's input hash and report."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.metadata.get("hash", True)}


def merged(*layers: Mapping[str, Any] | None) -> dict[str, Any]:
    """The layers folded left to right; a later layer's `None` overrides nothing."""
    out: dict[str, Any] = {}
    for layer in layers:
        for key, value in (layer or {}).items():
            if value is not None:
                out[key] = value
    return out


def theme_layer(theme: Theme) -> dict[str, Any]:
    """What a theme decides when the caller leaves it open: the one place "None: as the theme says" is read."""
    return {"cover": theme.cover.enabled, "end": theme.end.enabled, "ken_burns": theme.background.kenburns}


def job_options(layer: Mapping[str, Any] | None = None, /, **values: Any) -> JobOptions:
    """`JobOptions` from the caller's values over the built-in defaults, `None`s dropped; unknown names are a
    programming error (TypeError), as for any keyword."""
    names = {f.name for f in dataclasses.fields(JobOptions)}
    given = merged(layer, values)
    unknown = sorted(set(given) - names)
    if unknown:
        raise TypeError(f"unknown job option(s): {', '.join(unknown)}")
    if "outputs" in given:
        given["outputs"] = tuple(given["outputs"])
    if "music" in given:
        given["music"] = str(given["music"])
    return JobOptions(**given)


@dataclass(frozen=True)
class Settings:
    """A job's options with every open choice decided: what the stages read."""

    options: JobOptions
    theme: Theme
    cover: bool
    end: bool
    ken_burns: bool
    transition: Transition
    reading: ReadingSpeed

    def video_preset(self) -> Preset:
        from .presets import get_preset

        preset = get_preset(self.options.video_preset)
        ceiling = self.options.max_length  # no video runs for days because a custom size sets no limit
        if preset.max_duration is None or preset.max_duration > ceiling:
            source = f"set by --max-length, which can be raised up to {MAX_LENGTH_RANGE.hi:g} s"
            if preset.max_duration is not None:  # the platform allows more than the ceiling
                source = f"set by --max-length (preset {preset.name!r} allows {preset.max_duration:g} s)"
            preset = dataclasses.replace(preset, max_duration=ceiling, limit_source=source)
        return preset

    def input_files(self) -> list[tuple[str, Path]]:
        """(role, path) of every file these settings read besides the article: the theme's and the music."""
        music = [("music", Path(self.options.music))] if self.options.music else []
        return self.theme.input_files() + music

    def carousel_preset(self) -> Preset:
        from .presets import get_preset

        return get_preset(self.options.carousel_preset)

    def render_options(self) -> RenderOptions:
        from ..cards.render import RenderOptions

        return RenderOptions(
            cover=self.cover,
            end=self.end,
            allow_outside_paths=self.options.allow_outside_paths,
            bad_images="warn" if self.options.skip_bad_images else "error",
        )

    def timeline_options(self) -> TimelineOptions:
        from ..video.timeline import TimelineOptions

        return TimelineOptions(
            reading=self.reading,
            duration=self.options.duration,
            transition=self.transition,
            ken_burns=self.ken_burns,
        )


def resolve_settings(
    options: JobOptions | Mapping[str, Any] | None = None, theme: Theme | str | Path | None = None
) -> Settings:
    """Merge built-in defaults -> theme -> caller once; raises the option's one-line error (bad theme,
    transition, reading speed) before any article is read or drawn."""
    from ..video.timeline import Transition

    opts = options if isinstance(options, JobOptions) else job_options(options)
    the_theme = theme if isinstance(theme, Theme) else load_theme(str(theme if theme is not None else opts.theme))
    picked = merged(theme_layer(the_theme), {"cover": opts.cover, "end": opts.end, "ken_burns": opts.ken_burns})
    return Settings(
        options=opts,
        theme=the_theme,
        cover=bool(picked["cover"]),
        end=bool(picked["end"]),
        ken_burns=bool(picked["ken_burns"]),
        transition=Transition.parse(opts.transition, opts.transition_duration),
        reading=dataclasses.replace(ReadingSpeed(), words_per_minute=opts.words_per_minute),
    )


__all__ = [
    "DEFAULT_OUTPUTS",
    "IMAGE_FORMATS",
    "OUTPUT_KINDS",
    "QUALITIES",
    "ImageFormat",
    "JobOptions",
    "OutputKind",
    "Quality",
    "Settings",
    "job_options",
    "merged",
    "resolve_settings",
    "theme_layer",
]
