"""Writers turn cards (and a timeline) into output files: video, previews, carousels, PDFs.

The names they write are here, light to import, so every command (and batch) can refuse an output folder that
holds an input under one of those names before any work.
"""

from __future__ import annotations

import re

#: Every name a carousel writes inside its folder (a regex on the relative path).
CAROUSEL_NAMES = r"(?:part-\d+/)?(?:\d+\.(?:png|jpg|webp)|caption\.txt|contact-sheet\.jpg|carousel\.pdf|manifest\.json)"

#: What a video writes beside `NAME.mp4`: parts (`--split`), subtitles and previews.
VIDEO_SUFFIXES = (".mp4", ".srt", ".vtt", ".gif", ".webp")


def video_names(stem: str) -> str:
    """A regex of every file name the video writers (and a carousel-less PDF) write for `stem`."""
    return re.escape(stem) + r"(?:-part\d+)?\.(?:mp4|srt|vtt|gif|webp|pdf)"


def render_names(stem: str) -> str:
    """A regex of every relative path `render_article` writes into its folder for an article named `stem`."""
    return f"(?:carousel/{CAROUSEL_NAMES}|{video_names(stem)})"
