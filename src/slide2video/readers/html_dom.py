"""The page's DOM as a flat list of blocks: headings, paragraphs and figures (photo candidates, caption, credit).

Works on an lxml tree. Page chrome (navigation, ads, related links, comments, sharing) is removed first; then the
main content element is chosen, and walked in document order. What a CMS calls a caption or a credit is found by
element (`figcaption`, `cite`), by class, by `itemprop` and by `aria-label`; a credit written inside the caption
text (`(Photo by X/Getty Images)`) is split off with the shared credit rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html
from lxml.html import HtmlElement

from .credits import parse_bare_credit, parse_credit, split_credit

#: Class/id tokens of page furniture: whole elements with one of these are dropped.
_NOISE_WORDS = """nav navbar navigation menu share sharing social related recommended recommendations newsletter
subscribe subscription comments comment sidebar widget ad ads advert advertisement adslot promo sponsored sponsor
footer cookie cookies popup modal sociable sharedaddy addthis outbrain taboola paywall breadcrumb breadcrumbs
trending popular author-bio skip recirc recirculation read-next upnext"""
NOISE = frozenset(_NOISE_WORDS.split())
NOISE_TAGS = ("script", "style", "template", "iframe", "form", "button", "svg", "nav", "footer", "aside", "select")
NOISE_ROLES = ("navigation", "banner", "contentinfo", "complementary", "search", "dialog")
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


@dataclass
class Figure:
    sources: list[Source] = field(default_factory=list)
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None
    title: str | None = None  # a bold or heading-like run at the start of a caption (a gallery item's title)


@dataclass
class Block:
    kind: str  # "heading", "para", "credit" (an element the page marks as a photo credit), "figure"
    text: str = ""
    level: int = 0  # headings: 2-6, or 7 for a paragraph that is one bold run
    figure: Figure | None = None


def text_of(el: HtmlElement) -> str:
    """The element's visible text on one line."""
    return re.sub(r"\s+", " ", el.text_content()).strip()


def tokens(el: HtmlElement) -> set[str]:
    raw = f"{el.get('class', '')} {el.get('id', '')}".lower()
    words = set(raw.split())
    return words | {part for word in words for part in re.split(r"[-_]", word) if part}


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


def blocks(root: HtmlElement) -> list[Block]:
    """The content in document order."""
    out: list[Block] = []
    _walk(root, out)
    return out


def _walk(el: HtmlElement, out: list[Block]) -> None:
    for child in el:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag
        if tag == "h1":
            continue
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            if text := text_of(child):
                out.append(Block("heading", text, int(tag[1])))
        elif is_figure(child):
            if any(is_figure(f) for f in child.iterdescendants()):
                _walk(child, out)  # a gallery: a figure of figures
                continue
            if (f := figure(child)).sources:
                out.append(Block("figure", figure=f))
        elif tag == "img" or tag == "picture":
            f = figure(child, caption_el=_caption_after(child))
            if f.sources:
                out.append(Block("figure", figure=f))
        elif tag in ("p", "li", "blockquote", "dd", "dt") or (tag == "div" and _is_leaf_text(child)):
            _paragraph(child, out)
        elif CAPTION.search(" ".join(tokens(child))) and not child.xpath(".//img") and out and out[-1].figure:
            continue  # a caption already read with the photo before it
        elif _creditish(child) and not child.xpath(".//img | .//p") and (text := text_of(child)):
            if len(text.split()) <= 16:
                out.append(Block("credit", marked_credit(text)))  # `<span class="credit">` between blocks
        else:
            _walk(child, out)


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
    if _creditish(el) and len(text.split()) <= 16:
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


def _is_leaf_text(el: HtmlElement) -> bool:
    block_tags = {"p", "div", "figure", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"}
    return bool((el.text or "").strip()) and not any(c.tag in block_tags for c in el.iterdescendants())


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
    if nxt is not None and isinstance(nxt.tag, str) and (CAPTION.search(" ".join(tokens(nxt))) or _creditish(nxt)):
        return nxt
    return None


def _creditish(el: HtmlElement) -> bool:
    if el.tag == "cite":
        return True
    names = " ".join([*tokens(el), (el.get("aria-label") or "").lower()])
    return bool(CREDIT.search(names)) or (el.get("itemprop") or "").lower() in CREDIT_PROPS


# --------------------------------------------------------------------------------------------------- figures


def figure(el: HtmlElement, caption_el: HtmlElement | None = None) -> Figure:
    """Photo candidates, alt text, caption and credit of a figure-like element."""
    fig = Figure()
    imgs = [el] if el.tag == "img" else el.xpath(".//img")
    img = next((i for i in imgs if not _tiny(i)), None)
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
    for name in ("data-noscript-src", *_LAZY_SRC):
        if (url := (img.get(name) or "").strip()) and _usable(url):
            fig.sources.append(Source(url, width if name == "src" else None))
    fig.alt = (img.get("alt") or "").strip() or None
    container = el if el.tag != "img" else None
    credit_els = [c for c in (container.iterdescendants() if container is not None else []) if _creditish(c)]
    caption_els = container.xpath(".//figcaption") if container is not None else []
    if not caption_els and container is not None:
        caption_els = [c for c in container.iterdescendants() if CAPTION.search(" ".join(tokens(c)))][:1]
    if caption_el is not None:
        if _creditish(caption_el) and not CAPTION.search(" ".join(tokens(caption_el))):
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
    return [c for c in el.iterdescendants() if _creditish(c)]


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


def _tiny(img: HtmlElement) -> bool:
    w, h = _int(img.get("width")), _int(img.get("height"))
    if (w is not None and w < SMALL) or (h is not None and h < SMALL):
        return True
    return bool(ICON.search(" ".join([*tokens(img), img.get("alt") or ""])))


def _usable(url: str) -> bool:
    low = url.lower()
    return not low.startswith(("data:", "javascript:", "about:")) and not low.split("?")[0].endswith(".svg")


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value else None
    except ValueError:
        return None


def parse_srcset(text: str) -> list[Source]:
    """`a.jpg 480w, b.jpg 1080w` -> Sources with widths (`2x` descriptors carry no width)."""
    out: list[Source] = []
    for m in _SRCSET_ITEM.finditer(text.strip()):
        url = m.group("url").rstrip(",")
        if not url or not _usable(url):
            continue
        d = m.group("d") or ""
        out.append(Source(url, int(float(d[:-1])) if d.endswith("w") else None))
    return out


def best_sources(sources: list[Source], wanted: int = 1080) -> list[Source]:
    """Candidates best first: the smallest width >= `wanted`, then larger ones, then smaller ones (largest
    first), then those of unknown width in page order. Duplicates removed."""
    widths: dict[str, int | None] = {}
    for s in sources:  # each URL once, in page order, with the width any mention of it gives
        if widths.get(s.url) is None:
            widths[s.url] = s.width
    unique = [Source(url, width) for url, width in widths.items()]
    known = [s for s in unique if s.width]
    big = sorted((s for s in known if (s.width or 0) >= wanted), key=lambda s: s.width or 0)
    small = sorted((s for s in known if (s.width or 0) < wanted), key=lambda s: -(s.width or 0))
    return big + small + [s for s in unique if not s.width]
