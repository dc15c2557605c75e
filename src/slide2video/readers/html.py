"""The HTML reader: saved web pages (`.html`, "Web page, complete" with its `_files/` folder) and `https://` URLs.

The page is decoded with the charset its HTTP header or `<meta>` declares (w3lib), parsed with lxml, its own
metadata read with extruct and trafilatura (html_meta), its content flattened into blocks (html_dom) and planned
into slides (html_slides). Paginated slideshows (`rel=next`, a "Next" link) are followed on the same site. Each
slide's photo is the best candidate of its figure: a file of the saved folder for a local page, else downloaded
into the per-user cache (fetch). A photo that cannot be had leaves its card on the theme background with a
warning, or stops the run with `strict`. A page that is not a slideshow is refused with one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

from ..article import Article, count_words
from ..errors import ArticleError, RenderError
from . import html_dom, html_photos, html_slides, html_text
from .fetch import Fetched, Fetcher, FetchError, WebOptions, cached_url, is_url
from .html_meta import PageMeta, read_meta, title_from_h1
from .limits import MAX_SLIDES, too_many_slides

NAME = "html"
EXTENSIONS = (".html", ".htm", ".xhtml")

#: Types of pages that are certainly not slideshows (a shop's product page, a profile, a search result), in the
#: order they are named when refusing a page.
NOT_STORIES = ("Product", "ProfilePage", "SearchResultsPage", "Recipe", "Event", "Offer", "AggregateOffer")
#: Fewest slides a slideshow has; fewer is a story with a photo or two.
MIN_SLIDES = 3
_NEXT_TEXT = re.compile(
    r"^(?:next(?:\s+(?:slide|page|photo|image|picture))?|continue|weiter|suivant|siguiente|далее|вперед)?"
    r"\s*[›»→>]*$",
    re.IGNORECASE,
)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Page:
    """One parsed page of the slideshow."""

    where: str  # its URL, or its file path
    base_url: str | None  # what relative links are relative to on the web (a saved page's canonical URL)
    tree: HtmlElement
    meta: PageMeta
    blocks: list[html_dom.Block]
    next: str | None
    root: HtmlElement  # the content element the blocks came from


# --------------------------------------------------------------------------------------------------- entry points


def read(content: str, path: str) -> Article:
    """The registry's reader: already-decoded HTML of a local page (photos from its folder or the cache)."""
    return read_page(content, Path(path), WebOptions())


def read_file(data: bytes, path: Path, options: WebOptions | None = None) -> Article:
    """A saved page's bytes, decoded with the charset it declares. A page of the download cache is read as the
    URL it came from (its other pages and photos are in the cache too): how `batch --urls` reads its articles."""
    options = options or WebOptions()
    if (url := cached_url(path, options)) is not None:
        return read_url(url, options)
    return read_page(decode_html(data), path, options)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """HTML bytes to text: BOM, then the HTTP charset, then `<meta charset>`, then UTF-8 with a cp1252 fallback."""
    from w3lib.encoding import html_to_unicode

    _, text = html_to_unicode(content_type, data)
    return text.replace("\r\n", "\n")


def read_page(content: str, path: Path, options: WebOptions) -> Article:
    with Fetcher(options) as fetcher:
        base = _base_url(content)
        pages = [_parse(content, str(path), base)]
        seen = {str(path.resolve())}
        while pages[-1].next and len(pages) < options.max_pages:
            target = _local_next(path, pages[-1].next)
            if target is None or str(target) in seen:
                break
            seen.add(str(target))
            page = _parse(decode_html(target.read_bytes()), str(target), base)
            if not _continues(pages[0], page, str(path), str(target)):
                break
            pages.append(page)
        warnings = _pagination_warnings(pages, options, local=True)
        article, drafts = _article(pages, path)
        article.warnings.extend(warnings)
        _photos(article, drafts, pages[0].base_url, fetcher, local_dir=path.parent)
        return article


def read_url(url: str, options: WebOptions | None = None) -> Article:
    """A page on the web (and the pages after it), with its photos downloaded into the cache."""
    options = options or WebOptions()
    with Fetcher(options) as fetcher:
        first = fetcher.page(url)
        pages = [_parse_fetched(first)]
        seen = {url, first.final_url}
        while (nxt := pages[-1].next) and len(pages) < options.max_pages:
            if nxt in seen or not _same_site(nxt, first.final_url):
                break
            seen.add(nxt)
            fetched = fetcher.page(nxt)
            if fetched.final_url in seen and fetched.final_url != nxt:
                break
            seen.add(fetched.final_url)
            page = _parse_fetched(fetched)
            if not _continues(pages[0], page, first.final_url, fetched.final_url):
                break
            pages.append(page)
        warnings = _pagination_warnings(pages, options, local=False)
        article, drafts = _article(pages, first.path)
        article.warnings.extend(warnings)
        _photos(article, drafts, first.final_url, fetcher, local_dir=None)
        return article


def _parse_fetched(fetched: Fetched) -> Page:
    content_type = f"{fetched.content_type}; charset={fetched.charset}" if fetched.charset else fetched.content_type
    return _parse(decode_html(fetched.data, content_type), fetched.final_url, fetched.final_url)


# --------------------------------------------------------------------------------------------------- parsing


def _parse(content: str, where: str, base_url: str | None) -> Page:
    if not content.strip():
        raise ArticleError("page is empty", path=where)
    content = _CONTROL.sub("", content)  # libxml2 refuses them, browsers ignore them
    try:
        tree = lxml_html.document_fromstring(content)
    except (etree.ParserError, ValueError) as exc:
        raise ArticleError(f"cannot parse the HTML ({exc})", path=where) from None
    meta = read_meta(tree, content, base_url)
    meta.title = title_from_h1(tree) or meta.headline or meta.title
    nxt = _next_link(tree, base_url or where)
    body = tree.find("body")
    root = body if body is not None else tree
    html_dom.clean(root)
    content = html_dom.content_root(root)
    return Page(where, base_url, tree, meta, html_dom.blocks(content, base_url), nxt, content)


def _base_url(content: str) -> str | None:
    """The page's own URL when a saved page records it (`<link rel=canonical>`, `og:url`, `<base href>`)."""
    m = re.search(
        r"<(?:link[^>]+rel=[\"']canonical[\"'][^>]*href|meta[^>]+property=[\"']og:url[\"'][^>]*content|base[^>]+href)"
        r"=[\"'](https?://[^\"']+)",
        content[:200_000],
        re.IGNORECASE,
    )
    return m.group(1) if m else None


def _next_link(tree: HtmlElement, base: str) -> str | None:
    """The next page of a paginated slideshow: `rel=next`, or a link that says "Next" or is classed so."""
    hrefs = [str(h) for h in tree.xpath("//link[contains(concat(' ', @rel, ' '), ' next ')]/@href")]
    hrefs += [str(h) for h in tree.xpath("//a[contains(concat(' ', @rel, ' '), ' next ')]/@href")]
    for a in tree.iter("a"):
        text = html_photos.text_of(a) or (a.get("aria-label") or "")
        named = bool(text) and _NEXT_TEXT.match(text) is not None and any(c.isalpha() or c in "›»→" for c in text)
        if named or "next" in html_photos.tokens(a):
            hrefs.append(a.get("href") or "")
    for href in hrefs:
        href = href.strip()
        if href and not href.startswith(("#", "javascript:", "mailto:")):
            return urljoin(base, href) if is_url(base) else href
    return None


def _local_next(path: Path, href: str) -> Path | None:
    if is_url(href) or urlsplit(href).scheme:
        return None
    target = (path.parent / unquote(urlsplit(href).path)).resolve()
    return target if target.is_file() and target.parent == path.parent.resolve() else None


def _continues(first: Page, page: Page, first_url: str, url: str) -> bool:
    """Whether `page` is the next page of the same slideshow, not the next story: it has the same title, or its
    address is the first's with a number changed or added (`?slide=2`, `/2/`, `page-2.html`). A blog's "next post"
    link (WordPress puts `rel=next` on it) leads to a different title at a different address, and is not taken."""
    if first.meta.title and page.meta.title and _fold_title(first.meta.title) == _fold_title(page.meta.title):
        return True
    return _numberless(first_url) == _numberless(url)


def _fold_title(title: str) -> str:
    title = re.sub(r"\(?\b(?:slide|page|photo|part)\s*\d+(?:\s*(?:of|/)\s*\d+)?\)?", "", title, flags=re.IGNORECASE)
    return re.sub(r"\W+", " ", title).strip().casefold()


def _numberless(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/+", "/", re.sub(r"\d+", "", unquote(parts.path))).rstrip("/")
    path = re.sub(r"(?:[-_.]?(?:page|slide|p))?(?=\.\w+$|$)", "", path)
    path = re.sub(r"[-_]+(?=/|\.|$)", "", path)
    return f"{parts.hostname}{path}"


def _same_site(url: str, base: str) -> bool:
    def host(u: str) -> str:
        return (urlsplit(u).hostname or "").removeprefix("www.")

    return host(url) == host(base) and urlsplit(url).scheme in ("http", "https")


def _pagination_warnings(pages: list[Page], options: WebOptions, local: bool) -> list[str]:
    last = pages[-1]
    if not last.next or len(pages) < options.max_pages:
        if local and last.next and is_url(last.next):
            return [f"{last.where}: the next page ({last.next}) is on the web; read the URL to follow it"]
        return []
    return [f"{last.where}: stopped after {options.max_pages} pages (--max-pages); more follow at {last.next}"]


# --------------------------------------------------------------------------------------------------- building


def _article(pages: list[Page], path: Path) -> tuple[Article, list[html_slides.Draft]]:
    first = pages[0]
    meta = first.meta
    where = first.where
    refused = [t for t in NOT_STORIES if t in meta.types]
    if refused and not meta.gallery:
        raise ArticleError(
            f"not a slideshow: the page describes itself as a {refused[0]} (schema.org), not a story", path=where
        )
    blocks = [b for p in pages for b in p.blocks]
    level = html_slides.slide_level(blocks)
    if level is not None and sum(1 for b in blocks if b.kind == "heading" and b.level == level) > MAX_SLIDES:
        raise too_many_slides(f"more than {MAX_SLIDES}", where)  # before any slide is built
    planned = html_slides.plan([p.blocks for p in pages], meta)
    photos = sum(1 for d in planned.drafts if d.figure is not None)
    numbered = any(d.slide.number is not None for d in planned.drafts)
    if not meta.title or len(planned.drafts) < MIN_SLIDES or (photos * 2 < len(planned.drafts) and not numbered):
        if len(pages) == 1 and (fallback := _from_text(first, path)) is not None:
            return fallback
        raise ArticleError(_not_a_slideshow(planned), path=where)
    if problem := _story_shape(planned, pages):
        raise ArticleError(f"not a slideshow: {problem}", path=where)
    article = Article(
        title=meta.title,
        slides=[d.slide for d in planned.drafts],
        intro=planned.intro or ([meta.description] if meta.description else []),
        byline=meta.byline or planned.byline,
        source=meta.site,
        section=meta.section,
    )
    article.path = path
    return article, planned.drafts


def _from_text(page: Page, path: Path) -> tuple[Article, list[html_slides.Draft]] | None:
    """A page without usable structure, read by the text reader from its visible text (see html_text)."""
    figures = [b.figure for b in page.blocks if b.figure is not None]
    found = html_text.read_as_text(page.root, figures, page.where, MIN_SLIDES)
    if found is None:
        return None
    article, with_photos = found
    article.path = path
    article.title = page.meta.title or article.title
    article.source = article.source or page.meta.site
    article.warnings.append(
        f"{page.where}: the page's markup gives no slide structure; read from its text"
        + ("" if with_photos else ", without its photos (they could not be matched to the slides)")
    )
    pairs = list(zip(article.slides, figures if with_photos else [None] * len(article.slides), strict=True))
    for slide, fig in pairs:
        slide.alt = slide.alt or (fig.alt if fig is not None else None)
    return article, [html_slides.Draft(slide, fig) for slide, fig in pairs]


def _story_shape(planned: html_slides.Plan, pages: list[Page]) -> str | None:
    """Why slides found in a page are really a story with asides, or None. Slideshow slides each say something
    and are of a size; a story's sidebar boxes ("More in Management") have headings over link lists, and one
    "slide" holds the story itself; a story with a few captioned photos has far more text than captions."""
    slides = [d.slide for d in planned.drafts]
    words = [sum(count_words(p) for p in s.body) for s in slides]
    if planned.shape == "gallery":
        captions = sum(count_words(s.heading) for s in slides) + sum(words)
        story = sum(count_words(b.text) for p in pages for b in p.blocks if b.kind == "para")
        if story > 250 and story > 3 * captions:
            return f"a story of {story:,} words with {len(slides)} captioned photos (captions: {captions:,} words)"
        return None
    intro = sum(count_words(p) for p in planned.intro)
    if intro > 300 and intro > 2 * sum(words):
        return f"{intro:,} words of text come before {len(slides)} short sections ({sum(words):,} words): a story"
    if sum(1 for w in words if w) * 2 < len(slides):
        return f"{sum(1 for w in words if not w)} of the {len(slides)} sections have no text of their own"
    if max(words) > 150 and max(words) > 0.6 * sum(words):
        heading = slides[words.index(max(words))].heading
        return f"one section ({heading[:40]}) holds {max(words) * 100 // sum(words)}% of the text: a story, not slides"
    return None


def _not_a_slideshow(planned: html_slides.Plan) -> str:
    n = len(planned.drafts)
    photos = sum(1 for d in planned.drafts if d.figure is not None)
    what = "captioned photos" if planned.shape == "gallery" else "slide headings"
    return (
        f"not a slideshow: found {n} {what} and {photos} photo(s) with them (a slideshow has at least {MIN_SLIDES} "
        "slides, each a heading or caption with its photo)"
    )


# --------------------------------------------------------------------------------------------------- photos


def _photos(
    article: Article, drafts: list[html_slides.Draft], page_url: str | None, fetcher: Fetcher, local_dir: Path | None
) -> None:
    """Give each slide its photo: a file of the saved page's folder, else the best candidate downloaded."""
    for i, draft in enumerate(drafts):
        if draft.figure is None:
            continue
        slide = draft.slide
        label = f"slide {i + 1} ({slide.heading if len(slide.heading) <= 40 else slide.heading[:39] + '…'})"
        try:
            slide.image = _photo(draft.figure, fetcher, local_dir, page_url)
        except (FetchError, RenderError) as exc:
            if fetcher.options.strict:
                raise ArticleError(f"{label}: photo not usable: {exc.message}", path=article.path) from None
            article.warnings.append(f"{label}: {exc.message}; the card gets the theme background")


def _photo(fig: html_photos.Figure, fetcher: Fetcher, local_dir: Path | None, page_url: str | None) -> str:
    """The best usable candidate as an image reference: a path relative to a saved page, or a cached download.

    Candidates are tried best first (at most three downloads), and each file passes the same decoding checks as
    any slide photo; the error raised is the best candidate's."""
    from ..cards.images import load_image

    candidates = html_photos.best_sources(fig.sources)
    problems: list[str] = []
    if local_dir is not None:
        for source in candidates:
            if (ref := _local_file(source.url, local_dir)) is not None:
                try:
                    load_image(local_dir / ref, target_size=(64, 64))
                    return ref
                except RenderError as exc:
                    problems.append(exc.message)
        if not problems and candidates:
            problems.append(f"photo {candidates[0].url} is not in the saved page's folder")
    remote = [u for s in candidates if (u := _absolute(s.url, page_url))]
    for url in remote[:3]:
        try:
            fetched = fetcher.photo(url)
            load_image(fetched.path, target_size=(64, 64))
            return str(fetched.path)
        except (FetchError, RenderError) as exc:
            problems.append(f"photo {exc.message}")
    if not problems:
        problems.append(f"photo {candidates[0].url} is not a web address" if candidates else "no photo address")
    raise FetchError(problems[0] + (f" (and {problems[1]})" if len(problems) > 1 else ""))


def _local_file(src: str, local_dir: Path) -> str | None:
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    rel = unquote(parts.path).lstrip("/")
    target = (local_dir / rel).resolve()
    # only files of the saved page's own folder: `../../private.jpg` in someone else's page is not fetched from disk
    return rel if target.is_file() and target.is_relative_to(local_dir.resolve()) else None


def _absolute(src: str, page_url: str | None) -> str | None:
    if src.startswith("//"):
        return "https:" + src
    if is_url(src):
        return src
    return urljoin(page_url, src) if page_url else None
