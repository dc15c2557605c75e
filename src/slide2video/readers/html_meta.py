"""What a page says about itself: JSON-LD, microdata and OpenGraph (through extruct), plus trafilatura's metadata.

Gives the title, site name, byline, section (from the breadcrumb trail), description, the schema.org types on the
page (so a product page can be told from a story), and the `ImageObject`s with their captions and credits, keyed
by URL, so that a photo found in the DOM can be matched to the credit the publisher declared for it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from .html_photos import text_of


@dataclass
class ImageInfo:
    url: str
    caption: str | None = None
    credit: str | None = None
    name: str | None = None


@dataclass
class PageMeta:
    title: str | None = None
    headline: str | None = None
    site: str | None = None
    byline: str | None = None
    section: str | None = None
    description: str | None = None
    types: set[str] = field(default_factory=set)
    images: dict[str, ImageInfo] = field(default_factory=dict)
    gallery: list[ImageInfo] = field(default_factory=list)  # an ImageGallery's items, in order

    def image(self, url: str) -> ImageInfo | None:
        """The declared info of a photo, matched by URL, then by file name (CDNs resize into other paths)."""
        if url in self.images:
            return self.images[url]
        name = _file_name(url)
        return next((i for u, i in self.images.items() if name and _file_name(u) == name), None)


def _file_name(url: str) -> str:
    stem = urlsplit(url).path.rsplit("/", 1)[-1]
    return re.sub(r"-\d+x\d+(?=\.\w+$)", "", stem).lower()  # WordPress's "photo-300x200.jpg" sizes


def read_meta(tree: HtmlElement, html: str, base_url: str | None) -> PageMeta:
    meta = PageMeta()
    data = _extruct(html, base_url)
    for og in data.get("opengraph", []):
        props = dict(og.get("properties", []))
        meta.title = meta.title or _str(props.get("og:title"))
        meta.site = meta.site or _str(props.get("og:site_name"))
        meta.section = meta.section or _str(props.get("article:section"))
        meta.description = meta.description or _str(props.get("og:description"))
    items = [*data.get("json-ld", []), *data.get("microdata", [])]
    for item in _flatten(items):
        _read_item(item, meta, base_url)
    _trafilatura(tree, base_url, meta)
    if meta.byline is None:
        meta.byline = _byline_element(tree)
    return meta


def _extruct(html: str, base_url: str | None) -> dict[str, list[dict[str, Any]]]:
    import extruct

    try:
        data = extruct.extract(html, base_url=base_url, syntaxes=["json-ld", "microdata", "opengraph"], errors="ignore")
    except Exception:  # extruct has no error type of its own; a broken block must not sink the page
        return {}
    return data if isinstance(data, dict) else {}


def _flatten(items: list[Any]) -> list[dict[str, Any]]:
    """Every schema.org object, including those in `@graph` lists and nested values."""
    out: list[dict[str, Any]] = []
    stack = list(items)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        elif isinstance(item, dict):
            if "properties" in item and "type" in item:  # extruct's microdata shape
                item = {"@type": item["type"], **item["properties"]}
            out.append(item)
            stack[:0] = [v for k, v in item.items() if k == "@graph" or isinstance(v, dict | list)]
    return out


def _types(item: dict[str, Any]) -> list[str]:
    raw = item.get("@type") or []
    values = raw if isinstance(raw, list) else [raw]
    return [str(v).rsplit("/", 1)[-1] for v in values]


def _read_item(item: dict[str, Any], meta: PageMeta, base_url: str | None) -> None:
    types = _types(item)
    meta.types.update(types)
    if any(t.endswith("Article") or t in ("Report", "BlogPosting", "ImageGallery", "WebPage") for t in types):
        meta.headline = meta.headline or _str(item.get("headline"))
        if any(t != "WebPage" for t in types):
            meta.byline = meta.byline or _names(item.get("author"))
        meta.site = meta.site or _names(item.get("publisher"))
        meta.section = meta.section or _str(item.get("articleSection"))
        meta.description = meta.description or _str(item.get("description"))
    if "BreadcrumbList" in types and meta.section is None:
        names = [
            _str(e.get("name")) or (_str(e["item"].get("name")) if isinstance(e.get("item"), dict) else None)
            for e in _list(item.get("itemListElement"))
            if isinstance(e, dict)
        ]
        names = [n for n in names if n and n.casefold() not in ("home", "start")]
        if len(names) >= 2:
            meta.section = names[-2]  # the last crumb is usually the article itself
        elif names:
            meta.section = names[0]
    if "ImageGallery" in types:
        for media in [*_list(item.get("associatedMedia")), *_list(item.get("image"))]:
            if isinstance(media, dict) and (info := _image(media, base_url)):
                meta.gallery.append(info)
    if "ImageObject" in types and (info := _image(item, base_url)):
        meta.images.setdefault(info.url, info)


def _image(item: dict[str, Any], base_url: str | None) -> ImageInfo | None:
    url = _str(item.get("contentUrl")) or _str(item.get("url"))
    if not url:
        return None
    url = urljoin(base_url or "", url)
    credit = _str(item.get("creditText")) or _names(item.get("copyrightHolder")) or _names(item.get("author"))
    credit = credit or _names(item.get("creator"))
    caption = _str(item.get("caption")) or _str(item.get("description"))
    return ImageInfo(url, caption=caption, credit=credit, name=_str(item.get("name")))


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _str(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    return text or None


def _names(value: Any) -> str | None:
    """A person/organisation (or a list of them) as "A, B"."""
    names = [n for v in _list(value) if (n := _str(v.get("name") if isinstance(v, dict) else v))]
    return ", ".join(dict.fromkeys(names)) or None


def _trafilatura(tree: HtmlElement, base_url: str | None, meta: PageMeta) -> None:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.extract_metadata(tree, default_url=base_url)
    except Exception:  # trafilatura raises assorted errors on odd markup; metadata is a bonus, not a must
        return
    meta.title = meta.title or doc.title
    meta.site = meta.site or doc.sitename
    meta.byline = meta.byline or doc.author
    if meta.section is None and doc.categories:
        meta.section = doc.categories[0]


def _byline_element(tree: HtmlElement) -> str | None:
    from .textrules import byline

    for el in tree.xpath("//*[@rel='author'] | //*[contains(@class, 'byline')] | //*[@itemprop='author']"):
        text = text_of(el)
        if text and len(text) < 120:
            return byline(text) or (text if el.get("rel") == "author" or el.get("itemprop") == "author" else None)
    return None


def title_from_h1(tree: HtmlElement) -> str | None:
    for h1 in tree.iter("h1"):
        if text := text_of(h1):
            return text
    return None
