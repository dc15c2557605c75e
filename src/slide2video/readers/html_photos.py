"""A figure's photo candidates, caption and credit, and the DOM helpers the HTML reader's modules share.

Candidates come from `<picture>` sources, `srcset`, lazy-loading attributes (`data-src`, `data-srcset`,
`data-lazy-src`, ...) and `<noscript>` fallbacks; `best_sources` orders them (the smallest width >= 1080 px
first). What a CMS calls a credit is found by element (`cite`), class, `itemprop` and `aria-label`; a credit
written inside the caption is split off with the shared credit rules plus one caption-only rule of our own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from .credits import parse_bare_credit, parse_credit, split_credit

CAPTION = re.compile(r"caption|description|desc\b|summary", re.IGNORECASE)
CREDIT = re.compile(r"credit|copyright|attribution|courtesy|photographer|\bsource\b|image-source|photo-by", re.I)
CREDIT_PROPS = ("copyrightholder", "credittext", "creator", "copyrightnotice", "author")
SMALL = 100  # images with a declared side under this many pixels are icons, avatars or tracking pixels
ICON = re.compile(r"avatar|logo|icon|emoji|gravatar|spinner|placeholder|pixel|badge", re.IGNORECASE)
_SRCSET_ITEM = re.compile(r"\s*(?P<url>[^\s,][^\s]*?)(?:\s+(?P<d>\d+(?:\.\d+)?[wx]))?\s*(?:,|$)")
_LAZY_SRC = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src", "src")
_LAZY_SRCSET = ("data-srcset", "data-lazy-srcset", "srcset")


@dataclass
class Source:
    """One photo candidate: a URL as written in the page, and its width when the page says."""

    url: str
    width: int | None = None
    density: float | None = None  # a `2x` descriptor


@dataclass
class Figure:
    sources: list[Source] = field(default_factory=list)
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None
    title: str | None = None  # a bold or heading-like run at the start of a caption (a gallery item's title)


def text_of(el: HtmlElement) -> str:
    """The element's visible text on one line."""
    return re.sub(r"\s+", " ", el.text_content()).strip()


def tokens(el: HtmlElement) -> set[str]:
    raw = f"{el.get('class', '')} {el.get('id', '')}".lower()
    words = set(raw.split())
    return words | {part for word in words for part in re.split(r"[-_]", word) if part}


def creditish(el: HtmlElement) -> bool:
    if el.tag == "cite":
        return True
    names = " ".join([*tokens(el), (el.get("aria-label") or "").lower()])
    return bool(CREDIT.search(names)) or (el.get("itemprop") or "").lower() in CREDIT_PROPS


# --------------------------------------------------------------------------------------------------- figures


def figure(el: HtmlElement, caption_el: HtmlElement | None = None) -> Figure:
    """Photo candidates, alt text, caption and credit of a figure-like element."""
    fig = Figure()
    imgs = [el] if el.tag == "img" else el.xpath(".//img")
    img = next((i for i in imgs if not tiny(i) and _has_source(i)), None)
    if img is None:
        return fig
    picture = next((a for a in img.iterancestors() if a.tag == "picture"), None)
    if picture is not None:
        for source in picture.iter("source"):
            kind = (source.get("type") or "").lower()
            if kind and not kind.startswith(("image/jpeg", "image/png", "image/webp", "image/avif", "image/gif")):
                continue
            for name in _LAZY_SRCSET:
                fig.sources.extend(parse_srcset(source.get(name, "")))
    for name in (*_LAZY_SRCSET, "data-noscript-srcset"):
        fig.sources.extend(parse_srcset(img.get(name, "")))
    width = _int(img.get("width"))
    for source in fig.sources:
        if source.width is None and source.density and width:
            source.width = round(source.density * width)
    # The declared width belongs to the image shown: the lazy-loaded one when there is one (`src` is then a
    # placeholder), else `src`.
    lazy = next((n for n in ("data-noscript-src", *_LAZY_SRC[:-1]) if usable((img.get(n) or "").strip())), "src")
    for name in ("data-noscript-src", *_LAZY_SRC):
        if (url := (img.get(name) or "").strip()) and usable(url):
            fig.sources.append(Source(url, width if name == lazy else None))
    fig.alt = (img.get("alt") or "").strip() or None
    container = el if el.tag != "img" else None
    credit_els = [c for c in (container.iterdescendants() if container is not None else []) if creditish(c)]
    caption_els = container.xpath(".//figcaption") if container is not None else []
    if not caption_els and container is not None:
        caption_els = [c for c in container.iterdescendants() if CAPTION.search(" ".join(tokens(c)))][:1]
    if caption_el is not None:
        if creditish(caption_el) and not CAPTION.search(" ".join(tokens(caption_el))):
            credit_els = credit_els or [caption_el]
        else:
            caption_els = caption_els or [caption_el]
            credit_els = credit_els or _credit_children(caption_el)
    credit_texts = [text_of(c) for c in credit_els if text_of(c)]
    if credit_texts:
        fig.credit = marked_credit(credit_texts[0])
    if caption_els:
        cap = caption_els[0]
        title_el = cap.xpath("./strong | ./b | .//h2 | .//h3 | .//h4 | .//h5 | ./*[contains(@class, 'title')]")
        caption = text_of(cap)
        for t in credit_texts:
            caption = caption.replace(t, " ")
        if title_el and (title := text_of(title_el[0])) and caption.startswith(title) and title != caption:
            fig.title = title.rstrip(" :.–—-")
            caption = caption[len(title) :]
        caption = re.sub(r"\s+", " ", caption).strip(" |·•–—-")
        if caption and (pair := caption_credit(caption)):
            caption, found = pair
            fig.credit = fig.credit or found
        elif caption and (only := parse_credit(caption)) and fig.credit is None and len(caption.split()) <= 12:
            fig.credit, caption = only, ""
        fig.caption = caption or None
    return fig


_CAPTION_TAIL = re.compile(r"\s+[|—–-]\s+|\s*[|•·]\s*")


def caption_credit(caption: str) -> tuple[str, str] | None:
    """A caption ending in its credit, as (caption, credit). Beyond the shared rules (`split_credit`), a caption
    may end in a bare agency credit after a dash or bar (`The spruce — Karl Lindqvist/AFP`): inside a caption
    element that is a credit, where in body text it would not be."""
    if pair := split_credit(caption):
        return pair
    parts = _CAPTION_TAIL.split(caption)
    if len(parts) >= 2 and (credit := parse_bare_credit(parts[-1])):
        head = caption[: caption.rfind(parts[-1])].rstrip(" |•·—–-")
        return (head, credit) if head else None
    return None


def marked_credit(text: str) -> str:
    """The credit in an element the page marks as one: its label removed (`Crédit photo : X` -> `X`)."""
    stripped = strip_label(text)
    if stripped != text:
        return stripped
    return parse_credit(text) or text


def _credit_children(el: HtmlElement) -> list[HtmlElement]:
    return [c for c in el.iterdescendants() if creditish(c)]


#: A credit element's own label, in the languages our pages come in ("Photo:", "Crédit photo :", "Foto:", "Bild:").
#: Used only on elements the page itself marks as credits; free text goes through `credits.parse_credit`.
_CREDIT_LABEL = re.compile(
    r"^(?:(?:photo|image|picture|pic|foto|bild|crédit|credit|credits|source|quelle|fuente|fonte)s?\s*){1,2}"
    r"(?:by|par|de|von|di)?\s*[:：]?\s*(?=\S)",
    re.IGNORECASE,
)


def strip_label(text: str) -> str:
    """A marked credit element's text without its label: `Crédit photo : F. René/AFP` -> `F. René/AFP`."""
    text = text.replace("\u00a0", " ").strip()
    rest = _CREDIT_LABEL.sub("", text, count=1).strip()
    return rest if rest and rest != text and (":" in text[: len(text) - len(rest)] or _LABEL_BY.match(text)) else text


_LABEL_BY = re.compile(r"^(?:photo|image|picture)s?\s+(?:by|par|von)\s", re.IGNORECASE)


def _has_source(img: HtmlElement) -> bool:
    if any(a.tag == "picture" for a in img.iterancestors()):
        return True
    names = ("data-noscript-src", "data-noscript-srcset", *_LAZY_SRC, *_LAZY_SRCSET)
    return any(usable((img.get(n) or "").strip().split(" ")[0]) for n in names)


def tiny(img: HtmlElement) -> bool:
    w, h = _int(img.get("width")), _int(img.get("height"))
    if (w is not None and w < SMALL) or (h is not None and h < SMALL):
        return True
    return bool(ICON.search(" ".join([*tokens(img), img.get("alt") or ""])))


_PLACEHOLDER = re.compile(
    r"(?:^|[/_-])(?:placeholder|spacer|blank|transparent|pixel|loading|lazy-?load)[\w-]*\.(?:gif|png)$"
)


#: Ad servers, trackers and counters whose "images" are pixels or banners.
_TRACKER = re.compile(
    r"doubleclick|googlesyndication|googleadservices|imrworldwide|scorecardresearch|quantserve|hitcount|"
    r"[./]ads?[./]|adserver|beacon|analytics|/pixel|/pix\.|[?&]ad[_-]?(?:unit|slot)=",
    re.IGNORECASE,
)
#: Sizes written in a URL (`photo-110x100.jpg`, `?w=125&h=125`, `width=84`): under this it is a thumbnail.
THUMBNAIL = 160
_SIZE_HINT = re.compile(r"(?<![\d.])(\d{2,4})x(\d{2,4})(?!\d)|[?&](?:w|width)=(\d{2,4})\b", re.IGNORECASE)


def usable(url: str) -> bool:
    """Not a data URI, script, SVG, lazy-loading placeholder (`spacer.gif`), tracker or ad, or thumbnail."""
    full = url.lower()
    low = full.split("?")[0].split("#")[0]
    if not low or low.startswith(("data:", "javascript:", "about:")) or low.endswith(".svg"):
        return False
    if _PLACEHOLDER.search(low) is not None or _TRACKER.search(full) is not None:
        return False
    sizes = [int(v) for m in _SIZE_HINT.finditer(full) for v in m.groups() if v]
    return not sizes or max(sizes) >= THUMBNAIL


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


def parse_srcset(text: str) -> list[Source]:
    """`a.jpg 480w, b.jpg 1080w` -> Sources with widths (`2x` descriptors give a density, not a width)."""
    out: list[Source] = []
    for m in _SRCSET_ITEM.finditer(text.strip()):
        url = m.group("url").rstrip(",")
        if not url or not usable(url):
            continue
        d = m.group("d") or ""
        width = int(float(d[:-1])) if d.endswith("w") else None
        out.append(Source(url, width, float(d[:-1]) if d.endswith("x") else None))
    return out


def best_sources(sources: list[Source], wanted: int = 1080) -> list[Source]:
    """Candidates best first: the smallest width >= `wanted`, then larger ones, then smaller ones (largest
    first), then those of unknown width (highest `x` density first, else in page order). Duplicates removed."""
    widths: dict[str, int | None] = {}
    for s in sources:  # each URL once, in page order, with the width any mention of it gives
        if widths.get(s.url) is None:
            widths[s.url] = s.width
    densities = {s.url: s.density for s in sources if s.density}
    unique = [Source(url, width, densities.get(url)) for url, width in widths.items()]
    known = [s for s in unique if s.width]
    big = sorted((s for s in known if (s.width or 0) >= wanted), key=lambda s: s.width or 0)
    small = sorted((s for s in known if (s.width or 0) < wanted), key=lambda s: -(s.width or 0))
    unknown = sorted((s for s in unique if not s.width), key=lambda s: -(s.density or 0))  # 2x before 1x
    return big + small + unknown
