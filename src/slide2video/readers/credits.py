"""Recognising photo-credit lines in the many phrasings newsrooms use.

`parse_credit(line)` returns the credit without its label (`Credits: DepositPhotos` -> `DepositPhotos`) or None
when the line is not a credit. Shared by the text and Markdown readers so both accept the same phrasings.

Precision matters more than recall: a slide heading wrongly taken for a credit loses a slide, while a missed
credit only loses a caption. So a bare (label-less) line counts only when it has a credit's shape: a known
agency alone or attached to a name (`Jane Doe/Shutterstock`, `Name-USA TODAY Sports`, `X via Getty Images`),
never just because an agency name appears somewhere in it ("New Rules From The EPA" is a heading).
"""

from __future__ import annotations

import re

from .agencies import AGENCIES, VIA_SOURCES
from .textrules import after_counter

_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_AGENCY_WORD = rf"(?:{_AGENCY_ALT})(?!\w)"
# Words that may precede "credit"/"source" ("Image Source:"), and labels that are credits on their own ("Photo:").
# Other languages' words too: German, French, Spanish, Portuguese, Italian, Polish, Japanese, Korean, Chinese,
# Bulgarian, Bengali, Icelandic, Persian, Hungarian, Croatian, Czech, Norwegian, Hindi.
_PHOTO_WORDS = (
    r"image|photo|photograph|picture|pic|img|video|illustration|graphic|фото|фотография|изображение"
    r"|foto|fotos|bild|bilder|imagen|imagem|immagine|zdjęcie|写真|画像|사진|图片|照片"
    r"|fotoğraf|resim|ảnh|hình\s+ảnh|φωτογραφία|фотографія|зображення|fotografia|fotografía|beeld|צילום|صورة"
)
BARE_LABELS = (
    r"image|photo|photograph|picture|pic|illustration|graphic|photo\s+illustration|фото|фотография|изображение"
    r"|foto|bild|imagen|imagem|immagine|fotografía|fotografia|zdjęcie|写真|画像|사진|图片|照片|撮影"
    r"|fot\.|fotoğraf|ảnh|φωτογραφία|φωτ\.|фотографія|billede|kuva|ภาพ|फोटो|फ़ोटो|تصوير|beeld|צילום|م?صدر\s+الصورة|عکس"
    r"|photographer|photographe|fotograf|fotógrafo|fotografo|фотограф|图"
    r"|снимка|снимки|ছবি|ljósmynd|ljósmyndari|عکاس|kép|slika|snímek|bilde|तस्वीर|圖|圖片|相片|攝影|摄影"
)
# "By" in other languages: "Fotografia por X", "Foto oleh X", "Foto di X", "Photo par X", "Bild von X".
# Of them, the ones no name opens with (unlike `De Agostini`, `Da Silva`): before a name they are only "by".
BY_BEFORE_NAME = r"von|par|por|door|av|af|autorstwa|oleh|από"
_BY_WORDS = rf"di|da|de|{BY_BEFORE_NAME}"
_SEP = r"(?:\s*[:：|]\s*|\s*،\s*|\s+[-–—]\s+)"  # "،": the Arabic comma ("مصدر الصورة، Reuters")

_LABEL = re.compile(
    rf"""^(?:(?:featured|header|lead|top|cover|main|hero|thumbnail)\s+)?
    (?:
        (?:(?P<pre>{_PHOTO_WORDS})\s*)?(?P<word>credits?|sources?|courtesy|источник|автор(?:\s+фото)?|منبع(?:\s+(?:عکس|تصویر))?|crédits?\s+photos?|crédits?|crédito|créditos|quelle|fuente|fonte
            |źródło|zdroj|kaynak|nguồn|πηγή|bron|källa|kilde|lähde|forrás|sumber|джерело|източник|bildnachweis|साभार
            |المصدر|स्रोत|出典|提供|출처|来源|图源)
      | (?P<photo>{BARE_LABELS})
    ){_SEP}(?P<credit>.+?)$""",
    re.IGNORECASE | re.VERBOSE,
)
_BY = re.compile(
    rf"^(?:(?:{_PHOTO_WORDS}|photos|images)\s+(?:by|courtesy(?:\s+of)?|provided\s+by|from|via|(?:{_BY_WORDS})(?=\s+(?-i:[A-ZÀ-ÝА-ЯΑ-Ω@])))"
    r"|(?:фото|изображение)\s+(?:предоставлено|предоставлены|из|с\s+сайта)"
    r"|courtesy\s+of|courtesy:|provided\s+by|supplied\s+by|©|\(c\)|copyright\s+de\s+l[’']image|copyright|بشکریہ|به\s+نقل\s+از"
    r"|предоставлено)\s*:?\s*(?P<credit>.+?)$",
    re.IGNORECASE,
)
# A label with no colon before a name, as Dutch and German pages print it: "Beeld Kees van de Veen", "Foto Name/dpa".
_LABEL_NAME = re.compile(r"^(?i:beeld|foto|fotó|фото)\s+(?P<credit>[A-ZÀ-ÖØ-ÞА-ЯЁ].{2,60})$")
# A bare "Courtesy Jane Doe" needs a name after it ("Courtesy Call" is a heading).
_COURTESY_NAME = re.compile(r"^(?i:courtesy)\s+(?P<credit>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’&-]*){1,5})$")
_LICENSE = re.compile(r"^(?:CC|Creative\s+Commons)[\s-]*(?:BY|0|PD|Zero)\b.{0,40}$", re.IGNORECASE)
# A licence mark anywhere in an attribution ("Di Name, CC BY-SA 4.0, Wikipedia"); `_LICENSE` is a whole-line one.
_LICENCE_MARK = re.compile(r"\bCC[ -]BY\b|\bCC0\b|public domain|pubblico dominio|dominio público|domaine public", re.I)
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’-]*|de|da|del|der|den|van|von|la|le|di|du|bin|al|al-\w+|y|и)"
_NAME = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}$")
_SENTENCE = re.compile(r"\w{3,}[.!?]\s+[A-ZА-ЯЁ\"“]|[!?;]$")
_TRAILING_DOT = re.compile(r"(?<![A-Z])\.$")
# Picture-desk slugs a wire photo's credit carries: Reuters' picture ids and "images of the day" tags.
_WIRE_SLUG = re.compile(r"(?:\s+TPX\s+IMAGES\s+OF\s+THE\s+DAY)?(?:\s*[-–]?\s*RTR[0-9A-Z]{4,})?\s*$")
_INNER_STOP = re.compile(r"\w{3,}[.!?]\s+\S")


_PAIRS = {"(": ")", "[": "]", "{": "}"}
_OPENERS = {closer: opener for opener, closer in _PAIRS.items()}


def _unbracket(text: str) -> str:
    """Brackets around the credit or left over from the caption go; a pair inside it (`Oana (@oana)`) stays."""
    while text:
        text = re.sub(r"(?<=[)\]}])\.$", "", text).strip()
        head, tail = text[:1], text[-1:]
        if head in _PAIRS and tail == _PAIRS[head] and _balanced(text[1:-1], head, tail):
            text = text[1:-1]
        elif head in _PAIRS and text.count(head) > text.count(_PAIRS[head]):
            text = text[1:]
        elif tail in _OPENERS and text.count(tail) > text.count(_OPENERS[tail]):
            text = text[:-1]
        else:
            return text
    return text


def _balanced(text: str, opener: str, closer: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == opener) - (ch == closer)
        if depth < 0:
            return False
    return depth == 0


_BY_WORD = re.compile(rf"^(?:by|{_BY_WORDS})\s+(?=[A-ZÀ-Ý])", re.I)


def has_licence(text: str) -> bool:
    """A Creative Commons or public-domain mark: the text is a photo's attribution."""
    return _LICENCE_MARK.search(text) is not None


def clean_credit(text: str) -> str:
    """Strip surrounding brackets, a label colon, a lower-case "the" ("courtesy of the X") and a final full stop
    (`。` too)."""
    text = _unbracket(re.sub(r"\s+", " ", text).strip()).strip(" :;,")
    text = re.sub(r"^the\s+(?=\S)", "", text)
    text = _WIRE_SLUG.sub("", text).strip() or text  # "REUTERS/Name TPX IMAGES OF THE DAY - RTR4VMW2"
    if has_licence(text):  # a Wikimedia attribution opens with the language's "by": "Di Name, CC BY-SA 4.0"
        text = _BY_WORD.sub("", text)
    if text.endswith(".") and not text.endswith("..") and not re.search(r"\b[A-Z]\.$|\b(?:Inc|Ltd|Co|Jr)\.$", text):
        text = text[:-1].rstrip()
    text = text.removesuffix("。").rstrip()
    return text


def _unnest(credit: str) -> str:
    """A label inside the label: "© Provided by Money Digest", "Credit: Photo by Jane Doe", "© Foto: Jane Doe"
    -> the name."""
    inner = _BY.match(credit) or (_LABEL.match(credit) if re.match(r"^[^:：|]{1,25}[:：]", credit) else None)
    return clean_credit(inner.group("credit")) if inner else credit


def _normalise(line: str) -> str:
    line = re.sub(r"\s+", " ", line).strip()
    line = re.sub(r"^[*_]+|[*_]+$", "", line).strip()  # Markdown emphasis around a whole credit line
    if len(line) > 2 and line[0] in "([" and line[-1] in ")]":
        line = line[1:-1].strip()
    return line


def _plausible(credit: str) -> bool:
    """A credit names someone: short, not a sentence."""
    credit = credit.strip(" .:")
    if not credit or not re.search(r"\w", credit) or credit.casefold() in {"of", "by", "the", "via", "from"}:
        return False  # "Image courtesy of" with the name left off
    words = credit.split()
    if len(words) > 14 or _SENTENCE.search(credit):
        return False
    return not (credit.endswith(".") and len(words) > 7)


# "Photos: Wildfires force evacuations": a plural photo word before a sentence announces a gallery.
_GALLERY_KICKERS = {"photos", "pictures", "images", "gallery", "photo gallery", "fotos", "bilder", "фото", "galerie"}
_NAME_PARTICLES = {
    "de",
    "da",
    "di",
    "del",
    "della",
    "van",
    "von",
    "der",
    "den",
    "du",
    "la",
    "le",
    "y",
    "e",
    "and",
    "for",
    "via",
    "of",
    "the",
    "und",
    "et",
    "bin",
    "al",
    "el",
    "dos",
    "das",
    "do",
    "ter",
    "zu",
}


def gallery_headline(line: str) -> bool:
    """`Photos: Wildfires force Los Angeles evacuations`: a plural photo word, then a sentence (two or more
    lower-case words that are no name particles), is a gallery's headline, not a credit."""
    m = re.match(r"^\s*([^:：]{2,20})\s*[:：]\s*(.+)$", line)
    if m is None or m.group(1).strip(" -–|").casefold() not in _GALLERY_KICKERS:
        return False
    tokens = re.findall(r"[^\W\d_][\w'’-]*", m.group(2))
    lower = [t for t in tokens if t[0].islower() and t.casefold() not in _NAME_PARTICLES]
    return len(tokens) >= 4 and len(lower) >= 2


def parse_credit(line: str) -> str | None:
    """The credit named by `line`, or None if the line is not a photo credit."""
    line = _normalise(line)
    rest = after_counter(line)
    if rest != line and (rest.startswith("©") or _LABEL.match(rest)):
        line = rest  # `1/9 © iStock`: the gallery's counter printed before the credit
    if not line or len(line) > 160:
        return None
    for pattern in (_LABEL, _BY, _COURTESY_NAME):
        m = pattern.match(line)
        if m and pattern is _LABEL and gallery_headline(line):
            return None  # "Photos: Wildfires force Los Angeles evacuations" is a gallery's headline
        if m and _plausible(m.group("credit")):
            return _unnest(clean_credit(m.group("credit")))
        if m:
            return None
    if (named := _LABEL_NAME.match(line)) is not None:
        who = named.group("credit")
        if (_NAME.match(who) and len(who.split()) >= 2) or parse_bare_credit(who) is not None:
            return clean_credit(who)
    return parse_bare_credit(line)


def is_credit_label(line: str) -> bool:
    """A label whose credit is on the next line (`Photo credit:`, `Image:`, `Фото:`), or none at all
    (`Image courtesy of`)."""
    line = _normalise(line)
    pattern = (
        rf"(?:(?:{_PHOTO_WORDS})\s*)?(?:credits?|source|courtesy)\s*[:：]|(?:{BARE_LABELS})\s*[:：]"
        r"|(?:photos?|pictures?|images?)\s+(?:by|courtesy\s+of)\s*:?"
    )
    return re.fullmatch(pattern, line, re.IGNORECASE) is not None


def _is_agency(text: str) -> bool:
    return re.fullmatch(rf"(?:the\s+)?{_AGENCY_WORD}\.?", text.strip(), re.IGNORECASE) is not None


def _mentions_agency(text: str) -> bool:
    return re.search(rf"(?<!\w){_AGENCY_WORD}", text, re.IGNORECASE) is not None


def parse_bare_credit(line: str) -> str | None:
    """A label-less credit: `Name/Shutterstock`, `X via Getty Images`, `Name-USA TODAY Sports`, `Reuters`."""
    line = _normalise(line)
    words = line.split()
    # A full stop inside ("Vienna, 6 June. © REUTERS/Name") means a caption runs into the credit.
    if not words or len(words) > 12 or _SENTENCE.search(line) or _INNER_STOP.search(line):
        return None
    core = _TRAILING_DOT.sub("", line).strip()
    if _is_agency(core) or _LICENSE.match(core):
        return clean_credit(core)
    # "Jane Doe/Shutterstock", "AP Photo/Evan Vucci", "NASA/JPL-Caltech", "Jane Doe/The New York Times"
    parts = [p.strip() for p in core.split("/")]
    if len(parts) == 2 and all(parts) and all(len(p) <= 60 for p in parts):
        left, right = parts
        if _mentions_agency(left) or _mentions_agency(right):
            return clean_credit(core)
        if _NAME.match(left) and len(left.split()) >= 2 and _NAME.match(right):
            return clean_credit(core)
        return None
    # "Jane Doe via Getty Images", "@someone via Instagram"
    m = re.match(r"^(?P<who>.{2,60}?)\s+via\s+(?P<src>.{2,40})$", core, re.IGNORECASE)
    if m:
        src = m.group("src").strip().lower()
        if _mentions_agency(src) or src in VIA_SOURCES:
            return clean_credit(core)
        return None
    # An agency at the start, then a name or qualifier: "Getty Images for Tribeca", "Reuters/Jane Doe"
    m = re.match(rf"^(?:the\s+)?{_AGENCY_WORD}\s*(?:\sfor\s|/)\s*\S", core, re.IGNORECASE)
    if m and len(words) <= 8 and not re.search(r"[.!?]", core[m.end() :]):
        return clean_credit(core)
    # A name attached to an agency: "Kevin Jairaj-USA TODAY Sports", "Jane Doe, Reuters", "Jane Doe | AFP"
    m = re.match(
        rf"^(?P<who>.{{2,60}}?)\s*(?:[-–—,|•]|\s[-–—]\s)\s*(?:the\s+)?(?P<agency>{_AGENCY_WORD})\.?$", core, re.I
    )
    who = m.group("who").strip(" -–—,|•") if m else ""
    if m and _NAME.match(who) and len(who.split()) >= 2 and len(words) <= 8:
        return clean_credit(core)
    return None


# No split after an initial: "Ted S. Warren/Associated Press" is one name.
# Chinese and Japanese sentences end in `。！？` with no space after them.
_TRAIL_SPLIT = re.compile(r"(?<=[.!?…\"”’»])(?<!\b[A-ZÀ-Þ]\.)\s+|(?<=[。！？])\s*|\s+[|—–]\s+|\s+-\s+")


def split_credit(line: str) -> tuple[str, str] | None:
    """A caption line ending in a credit: `Macron in Paris. (Photo: AFP)` -> ('Macron in Paris.', 'AFP').

    Only a clearly photo-labelled tail (or an agency in brackets) counts, so a body paragraph ending in
    "(Source: CDC)" stays a paragraph.
    """
    line = re.sub(r"\s+", " ", line).strip()
    if len(line) > 600:
        return None
    candidates: list[tuple[str, str, bool]] = []
    m = re.match(r"^(?P<caption>.+?)\s*[(\[](?P<tail>[^()\[\]]{2,100})[)\]]\.?$", line)
    if m:
        candidates.append((m.group("caption"), m.group("tail"), True))
    for sep in _TRAIL_SPLIT.finditer(line):
        # After a full stop a bare agency credit counts too: "A humpback breaches. Getty Images"
        after_sentence = line[sep.start() - 1] in ".!?。！？" and not sep.group().strip()
        candidates.append((line[: sep.start()], line[sep.end() :], after_sentence))
    pairs = [(c.strip(" |—–-"), t.strip(" |—–-/"), ok) for c, t, ok in candidates]  # "… | Photo: X", ". / AFP"
    pairs = [(c, t, ok) for c, t, ok in pairs if c and len(c.split()) <= 60]
    # A labelled tail first, wherever it starts ("…, 2. oktober 2018. Foto: Name/Agency"), then a bare one.
    for caption, tail, _ in pairs:
        if credit := _labelled_credit(tail):
            return caption, credit
    for caption, tail, bare_ok in pairs:
        if bare_ok and (credit := parse_bare_credit(tail)):
            return caption, credit
    return None


def _labelled_credit(text: str) -> str | None:
    text = _normalise(text)
    m = _LABEL.match(text)
    bare_source = (
        (m.group("word") or "").lower().startswith(("source", "источник")) and not m.group("pre") if m else False
    )
    if m and not bare_source and _plausible(m.group("credit")):
        return _unnest(clean_credit(m.group("credit")))
    m = _BY.match(text)
    if m and _plausible(m.group("credit")):
        return clean_credit(m.group("credit"))
    return None
