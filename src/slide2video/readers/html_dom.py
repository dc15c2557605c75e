"""The page's DOM as a flat list of blocks: headings, paragraphs and figures (read by html_photos).

Works on an lxml tree. Page chrome (navigation, ads, related links, comments, sharing) is removed first; then the
main content element is chosen, and walked in document order: headings (a number set in its own element read as
`3. Lisbon`), paragraphs (a single bold run is a heading, a credit-classed one a credit, an all-link one dropped),
figures and bare images with the caption or credit element next to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from lxml.html import HtmlElement

from .html_photos import CAPTION, Figure, creditish, figure, marked_credit, text_of, tokens

#: Class/id tokens of page furniture: whole elements with one of these are dropped.
_NOISE_WORDS = """nav navbar navigation menu share sharing social related recommended recommendations newsletter
subscribe subscription comments comment sidebar widget ad ads advert advertisement adslot promo sponsored sponsor
footer cookie cookies popup modal sociable sharedaddy addthis outbrain taboola paywall breadcrumb breadcrumbs
trending popular author-bio skip recirc recirculation read-next upnext"""
NOISE = frozenset(_NOISE_WORDS.split())
NOISE_TAGS = ("script", "style", "template", "iframe", "form", "button", "svg", "nav", "footer", "aside", "select")
NOISE_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search", "dialog")


@dataclass
class Block:
    kind: str  # "heading", "para", "credit" (an element marked as a photo credit), "figure", "teaser" (see _teaser)
    text: str = ""
    level: int = 0  # headings: 2-6, or 7 for a paragraph that is one bold run
    figure: Figure | None = None


def clean(root: HtmlElement) -> None:
    """Drop page furniture in place (keeping `<noscript>` images, which lazy-loading pages put there)."""
    for ns in list(root.iter("noscript")):
        _unwrap_noscript(ns)
    total = max(1, len(text_of(root)))
    doomed: list[HtmlElement] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments, processing instructions
            continue
        role = (el.get("role") or "").lower()
        noisy = el.tag in NOISE_TAGS or role in NOISE_ROLES or el.get("aria-hidden") == "true"
        if not noisy and el.tag not in ("html", "body", "article", "main"):
            toks = tokens(el)
            noisy = bool(toks & NOISE) and not (toks & {"content", "entry", "article", "post", "gallery", "main"})
        if el.tag == "header" and el.getparent() is not None and not _inside(el, ("article", "main")):
            noisy = el.find(".//h1") is None
        if noisy and el.find(".//h1") is None and len(text_of(el)) < total * 0.5:
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            el.drop_tree()


def _unwrap_noscript(ns: HtmlElement) -> None:
    """`<img data-src=...><noscript><img src=real></noscript>`: the noscript image is the real one."""
    inner = list(ns) or (lxml_html.fragments_fromstring(ns.text) if ns.text and "<" in ns.text else [])
    imgs = [i for el in inner if isinstance(el, HtmlElement) for i in el.iter("img")]
    prev = ns.getprevious()
    if imgs and prev is not None and prev.tag == "img":
        for name in ("src", "srcset"):
            if imgs[0].get(name):
                prev.set(f"data-noscript-{name}", imgs[0].get(name, ""))
    elif imgs:
        ns.addprevious(imgs[0])
    ns.drop_tree()


def _inside(el: HtmlElement, tags: tuple[str, ...]) -> bool:
    return any(a.tag in tags for a in el.iterancestors())


def content_root(body: HtmlElement) -> HtmlElement:
    """The element holding the story: the best-scoring article/main/articleBody candidate, else the body."""
    candidates = body.xpath(
        "//article | //main | //*[@role='main'] | //*[@itemprop='articleBody'] | //*[contains(@class, 'entry-content')]"
        " | //*[contains(@class, 'post-content')] | //*[contains(@class, 'article-body')]"
    )
    best, best_score = body, 0.0
    for el in candidates:
        imgs = len(el.xpath(".//img | .//picture"))
        heads = len(el.xpath(".//h2 | .//h3 | .//h4 | .//figcaption"))
        paras = len(el.xpath(".//p"))
        score = imgs * 2 + heads * 2 + paras * 0.5
        # a wrapper holding the same content scores the same: the deeper (tighter) element wins the tie
        if score > best_score or (score == best_score and el in best.iterdescendants()):
            best, best_score = el, score
    return best


# --------------------------------------------------------------------------------------------------- walking


def blocks(root: HtmlElement, page_url: str | None = None) -> list[Block]:
    """The content in document order. `page_url` tells links to this site (teasers) from links elsewhere."""
    out: list[Block] = []
    _walk(root, out, page_url)
    return out


def _walk(el: HtmlElement, out: list[Block], page_url: str | None) -> None:
    for child in el:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag
        if tag == "h1":
            continue
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            if text := heading_text(child):
                out.append(Block("teaser" if _teaser(child, text, page_url) else "heading", text, int(tag[1])))
        elif is_figure(child):
            if any(is_figure(f) for f in child.iterdescendants()):
                _walk(child, out, page_url)  # a gallery: a figure of figures
                continue
            if (f := figure(child)).sources:
                out.append(Block("figure", figure=f))
        elif tag == "img" or tag == "picture":
            f = figure(child, caption_el=_caption_after(child))
            if f.sources:
                out.append(Block("figure", figure=f))
        elif tag == "p" or (tag in ("li", "blockquote", "dd", "dt", "div") and _is_leaf_text(child)):
            _paragraph(child, out)
        elif CAPTION.search(" ".join(tokens(child))) and not child.xpath(".//img") and out and out[-1].figure:
            continue  # a caption already read with the photo before it
        elif creditish(child) and not child.xpath(".//img | .//p") and (text := text_of(child)):
            if len(text.split()) <= 16:
                out.append(Block("credit", marked_credit(text)))  # `<span class="credit">` between blocks
        else:
            _walk(child, out, page_url)


def _teaser(heading: HtmlElement, text: str, page_url: str | None) -> bool:
    """A heading that is all one link to another page of this site: a teaser for another story (a "related" or
    "top stories" box), not a slide. Headings linking elsewhere (a shop, a hotel) are a listicle's own."""
    links = heading.xpath(".//a[@href]")
    if not links or len(" ".join(text_of(a) for a in links)) < len(text) - 3:
        return False
    href = (links[0].get("href") or "").strip()
    if href.startswith("#"):
        return False
    host = urlsplit(urljoin(page_url or "", href)).hostname
    site = urlsplit(page_url or "").hostname
    return host is None or (site is not None and host.removeprefix("www.") == site.removeprefix("www."))


_BARE_NUMBER = re.compile(r"^(?:#|No\.\s*)?(\d{1,3})[.:)]?$")


def heading_text(el: HtmlElement) -> str:
    """A heading's text, with a number the page sets in its own element (`<span class="num">3</span> Lisbon`)
    written as `3. Lisbon`, the form the text reader's numbering rule reads."""
    text = text_of(el)
    first = next((c for c in el if isinstance(c.tag, str)), None)
    if first is not None and not (el.text or "").strip() and (m := _BARE_NUMBER.match(text_of(first))):
        rest = text[len(text_of(first)) :].strip(" .:)–—-")
        if rest:
            return f"{m.group(1)}. {rest}"
    return text


def _paragraph(el: HtmlElement, out: list[Block]) -> None:
    imgs = el.xpath(".//img | .//picture")
    if imgs:
        for img in imgs:
            if img.tag == "img" and img.getparent() is not None and img.getparent().tag == "picture":
                continue
            f = figure(img)
            if f.sources:
                out.append(Block("figure", figure=f))
        for img in imgs:
            if img.getparent() is not None:
                img.drop_tree()
    text = text_of(el)
    if not text or _link_only(el, text):
        return
    if creditish(el) and len(text.split()) <= 16:
        out.append(Block("credit", marked_credit(text)))
        return
    bold = el.xpath("./strong | ./b")
    if len(bold) == 1 and text_of(bold[0]) == text and len(text.split()) <= 16 and (el.text or "").strip() == "":
        out.append(Block("heading", text, 7))
    else:
        out.append(Block("para", text))


def _link_only(el: HtmlElement, text: str) -> bool:
    """A list item or short line that is all link: navigation, sharing and related-story lists, not story text."""
    links = " ".join(text_of(a) for a in el.iter("a"))
    return bool(links) and len(links) >= len(text) - 2 and (el.tag == "li" or len(text.split()) <= 6)


_BLOCKS = {"p", "div", "figure", "picture", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}


def _is_leaf_text(el: HtmlElement) -> bool:
    """Text with no blocks inside: a paragraph in all but name (a `<li>` of a slide list with a heading and a
    figure inside is walked instead). A `<div>` must have text of its own, not only inline children's."""
    if any(c.tag in _BLOCKS for c in el.iterdescendants()):
        return False
    return bool((el.text or "").strip()) if el.tag == "div" else bool(text_of(el) or el.find(".//img") is not None)


def is_figure(el: HtmlElement) -> bool:
    if el.tag == "figure":
        return True
    toks = tokens(el)
    return bool(toks & {"wp-caption", "gallery-item", "image-with-caption"}) and el.find(".//img") is not None


def _caption_after(el: HtmlElement) -> HtmlElement | None:
    """A caption or credit element just after a bare image (or after the wrapper holding only it)."""
    node = el
    while node.getparent() is not None and len(node.getparent()) == 1 and not text_of(node.getparent()):
        node = node.getparent()
    nxt = node.getnext()
    if nxt is not None and isinstance(nxt.tag, str) and (CAPTION.search(" ".join(tokens(nxt))) or creditish(nxt)):
        return nxt
    return None
