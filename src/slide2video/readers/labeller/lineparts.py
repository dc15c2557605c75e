"""Reading one labelled line: a credit line's credit and caption, a heading's number, a heading printed with its body.

The labeller has already said what the line is; these say what is in it, with the line rules of `credits.py`
and `textrules.py` first and a few broader patterns after them (a credit label anywhere in a caption, a credit
glued to the caption's last full stop, ranks in CJK pages).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter

from ..credits import (
    BARE_LABELS,
    BY_BEFORE_NAME,
    clean_credit,
    has_licence,
    parse_bare_credit,
    parse_credit,
    split_credit,
)
from ..textrules import after_counter, bare_number, cased, is_headingish, is_title_case, numbered, size, words

# A decorated or spelled-out item marker before a heading: "▶3◀", "Platz 10:", "No. 5", "#5:", "10 –", "5)",
# "Slide 3:" (the features ask whether a line opens with one; `split_number` takes it off the heading).
MARKER = re.compile(
    r"^(?:[^\w\s]{1,2}\s*)?(?:(?:no|nr|n°|nº|№|platz|rang|number|numéro|número|slide|step|bild|foto|photo|image)"
    r"\.?\s*)?(?P<n>\d{1,3})(?:\s*[^\w\s\"“„«'‘(]{1,2})?(?:\s+(?P<rest>\S.*))?$",
    re.IGNORECASE,
)
# Scripts written without case (Arabic, Hebrew, Devanagari, Thai, CJK, Hangul): any letter may open the body.
_UNCASED = "\u0590-\u06ff\u0900-\u0e7f\u3040-\u9fff\uac00-\ud7af"
# Abbreviations that end in a full stop but no sentence: "Mt. Pinatubo, Zambales - …", "St. Ives".
_ABBREV = "".join(
    rf"(?<!\b{a}\.)" for a in ("Mt", "St", "Dr", "Mr", "Ms", "Mrs", "Jr", "Sr", "Ft", "Lt", "Sgt", "Prof")
)
_SPLIT = re.compile(
    rf"(?<=[^\s.]{{2}}[.!?]){_ABBREV}\s+(?=[\"“„«‘']?[^\W\d_])|"
    r"\s+:\s+|(?<=[\w)]):\s+(?=[^\W\d_])|\s+[–—|-]\s+"
    rf"|(?<=[^\W\d_]{{3}})-\s+(?=\w)|(?<=[\w)）{_UNCASED}])\s*[:：]\s*(?=[{_UNCASED}])|(?<=[。！？])\s*(?=[^\s)）」』”])"
)
# A space in Chinese or Japanese text, where words are not spaced: "海上实战 “硬骨头六连”进行…" (heading, then body).
_HAN_SPACE = re.compile(r"^(?P<head>[^\s]{2,14})[\s\u3000]+(?=\S)")
_QUOTED_TAIL = re.compile(r"\s*\([“\"«][^()]*[”\"»]\)$")
# A photo label anywhere in a caption, in the languages `credits.py` knows: "…, фото: Name", "… (c) Studio".
_ANY_LABEL = re.compile(
    rf"(?:^|[\s,(.])(?:(?:{BARE_LABELS}|fotos|fotografie|photos|crédits?(?:\s+photo)?|credits?|quelle|fuente|source"
    r"|copyright)(?:\s+by)?\s*[:：]|(?:photos?|photographs?|images?|pictures?)\s+by\b|(?:photos?|foto)\s+/\s+|©|بشکریہ)"
    r"\s*(?P<credit>[^:：©]{2,80}?)\)?\.?$|(?<=\w)\(c\)\s*(?P<mark>[^:：©()]{2,80}?)\.?$",
    re.IGNORECASE,
)
# The photographer between slashes before the agency's copyright: "Caption, 14 января / Name /  © REUTERS".
_SLASHED_NAME = re.compile(r"\s/\s*(?P<who>[^\W\d_][^/]{2,40}?)\s*/$")
# A caption signed after its last sentence: "… 축사를 하고 있다. 사진공동취재단", "… on Monday. Getty Images".
_SIGNED = re.compile(r"(?<=[.!?。])\s+(?P<credit>[^\s.!?。…][^.!?。…]{1,38}[^\s.!?。…:])$")
_GLUED = re.compile(r"(?<=[a-zà-ÿ)\]][.!?])(?P<credit>[A-Z][A-Z0-9 .'’&/|\\-]{3,60})$")
# "…his Mount Vernon estate.Public Domain": a credit in any case glued to the caption's last full stop.
_GLUED_ANY = re.compile(r"(?<=[a-zà-ÿ)\]][.!?])(?P<credit>[A-Z][\w'’&/\-]*(?:[ ,][\w.'’&/\-]+){0,9})$")
# `画像=PIXTA`, `写真＝共同`: a Japanese photo label with an equals sign.
_CJK_EQUALS = re.compile(r"^[(（]?(?:写真|画像|撮影|사진|图片|照片)\s*[=＝]\s*(?P<credit>.+?)[)）]?$")
# An Instagram embed copied with the page: "A photo posted by Name (@user) on Sep 7, 2016", in several languages.
_SHARED_BY = re.compile(
    r"(?:a\s+(?:photo|post|video)\s+(?:posted|shared)\s+by|publicação\s+partilhada\s+por|publicación\s+compartida\s+"
    r"(?:de|por)|beitrag\s+geteilt\s+von|publication\s+partagée\s+par)\s+(?P<credit>[^()]{0,60}\(@[\w.]+\))",
    re.IGNORECASE,
)
# A Chinese or Korean photographer's mark closing the line, after a space: "新华社记者 李贺 摄", "(李云生 摄)",
# "(CNN 제공)", "/사진=한국관광공사 |".
_CJK_BY = re.compile(
    r"[(（]?(?P<credit>(?:[^\s()（）。.,，/／|]{1,12}\s){1,4}?(?:摄|攝|제공|촬영))[)）]?$"
    r"|[/／]?\s*사진\s*[=＝]\s*(?P<kr>[^|/]{2,40}?)\s*\|?$"
    r"|\s[/／]\s*(?P<reporter>[^\s/／|]{2,5}\s?기자)$"  # "눈 내린 한라산 / 김호천 기자": the photographer reporter
)
# The photographer before the provider inside one bracket: "(에밀리오 모레낫 촬영/CNN 제공)" (taken by X / from CNN).
_SHOT_BY = re.compile(r"[(（]\s*(?P<who>[^()（）/／]{1,30}?)\s+촬영\s*[/／]\s*$")
# An agency's name as the label of its photographer: "REUTERS: Chris Keane", "Getty Images: Chip Somodevilla".
_AGENCY_COLON = re.compile(r"^(?P<agency>[^:：]{2,30}?)\s*[:：]\s*(?P<who>[^\W\d_][^:：]{2,40})$")
# A Korean wire photo's dateline and photographer before its caption: "[서울=뉴시스]김명원 기자 = 퇴임식을 …",
# "(서울=연합뉴스) 김호천 기자 = …".
_WIRE_DATELINE = re.compile(
    r"^(?P<credit>[\[(][^\[\]()=]{1,12}=[^\[\]()]{1,30}[\])]\s*(?:[^\s=\[\]()]{2,5}\s?(?:기자|특파원))?)"
    r"\s*=?\s*(?P<caption>.*)$"
)
_VIA_HANDLE = re.compile(r"^(?i:via)\s+(?P<credit>@[\w.]{2,40})$")
_GLUED_COUNTER = re.compile(r"(?<=\D)\d{1,3}\s?/\s?\d{1,3}$")
HANGING = " ,;:–—-/|·•"


def credit_text(text: str, page_label: re.Pattern[str] | None = None) -> tuple[str | None, str | None]:
    """(credit, caption) of a line labelled credit: the line rules first, then any photo label inside it; a credit
    still carrying the page's own label (`page_credit_label`), or a line the rules could not read, is split there."""
    credit, caption = _line_credit(text)
    where = text if credit is None else credit
    if page_label is None or (m := page_label.search(where)) is None:
        return credit, caption
    inner = _line_credit(where[m.end() :])[0]
    if not inner:
        return credit, caption
    before = " ".join(t for t in (caption if credit else None, where[: m.start()].strip(" ,;(|–—-")) if t)
    return inner, before or None


def _line_credit(text: str) -> tuple[str | None, str | None]:
    credit, caption = _credit_text(text)
    if credit is not None:
        credit = re.sub(r"^(?i:via|by)\s+(?=\S)", "", credit)  # "via @user", "by kota-G": the name is the credit
        # "by" in other languages before a name: "Par Sea Berry", "Por Juan Pérez", "Av Anna Berg".
        credit = re.sub(rf"^(?i:{BY_BEFORE_NAME})\s+(?=[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω])", "", credit)
        credit = _unlabel(credit)
        credit = _GLUED_COUNTER.sub("", credit).strip() or credit  # "Getty Images/Name6/50": a counter ran into it
    return credit, caption


# A photo label with no colon before the name: "Picture Anthony Grote", "Снимка БТА", "ภาพ ศุภณัฐ ผากา", "▲사진 맹화찬",
# "圖/IG@reecechian", "Ljósmyndari / Eyþór Árnason", "出典 http://travelhack.jp", "Photography by Natasha Singh".
_SPACED_LABEL = re.compile(
    rf"^[▲▼►■●◆]?\s*(?:{BARE_LABELS}|pictures|photos|photography|出典)(?:\s*[/／]\s*|\s+by\s+|\s+)(?=\S)",
    re.IGNORECASE,
)


def _unlabel(credit: str) -> str:
    """The credit without a label printed before it with no colon, where a name follows: capitalised words, an
    acronym or agency (`БТА`), a script without case, a handle or an address (`Photo Booth` is not `Booth`'s)."""
    m = _SPACED_LABEL.match(credit)
    if m is None:
        return credit
    rest = credit[m.end() :]
    first = rest.split()[0]
    if words(rest) > 6 or re.match(r"(?i:source|credits?)\b", rest):  # `Image Source/Getty Images`: an agency
        return credit
    uncased = re.match(rf"[{_UNCASED}]", rest) is not None
    name = rest[0].isupper() and (words(rest) >= 2 or first.isupper())
    handle = rest.startswith(("@", "http", "www.")) or re.match(r"^[A-Z]{2}@", rest) is not None
    if uncased or name or handle or parse_bare_credit(rest) is not None:
        return rest
    return credit


# A short label before a colon in a credit line: `Autor:`, `Forrás:`, `Źródło zdjęcia:`, `Fotoğraf Kaynak:`, `图源丨`.
_LABEL_WORDS = re.compile(r"(?:^|(?<=[\s(,.▲]))(?P<label>[^\W\d_]+(?:\s[^\W\d_]+){0,2})\s*[:：丨](?!//)\s*(?=\S)")


def page_credit_label(texts: list[str]) -> re.Pattern[str] | None:
    """The page's own word for `photo` (`Autor:`, `Forrás:`), learned from its credit lines: a label of one to
    three words before a colon and a name (eight words at most) in at least two different ones (and a third), the
    longest such, and no agency (`REUTERS: Name`, `Getty Images: Name` keep theirs)."""
    seen: Counter[str] = Counter()
    distinct = set(texts)
    for text in distinct:
        found: set[str] = set()
        for m in _LABEL_WORDS.finditer(text):
            tokens = m.group("label").casefold().split()
            suffixes = [" ".join(tokens[k:]) for k in range(len(tokens))]
            if words(text[m.end() :]) <= 8 and all(parse_bare_credit(t) is None for t in suffixes):
                found.update(suffixes)
        seen.update(found)
    best = [label for label, n in seen.items() if n >= 2 and n >= len(distinct) / 3]
    if not best:
        return None
    label = max(best, key=lambda t: (seen[t], len(t.split())))
    words_apart = r"\s+".join(re.escape(t) for t in label.split())
    return re.compile(rf"{words_apart}\s*[:：丨](?!//)\s*", re.IGNORECASE)


def signed_tail(text: str) -> str | None:
    """The few words after a long caption's last full stop, when they read as a name, not a sentence."""
    m = _SIGNED.search(text)
    if m is None or words(text) <= 6 or words(m.group("credit")) > 4:
        return None
    # A name is capitalised word by word (or written in a script without case): "Apartmentblock in Hongkong" is not.
    named = all(not t[0].isalpha() or t[0].isupper() or not t[0].islower() for t in m.group("credit").split())
    return m.group("credit") if named else None


def glued_credit(text: str) -> tuple[str, str | None]:
    """(text, credit) of a heading line carrying its photo's credit at its end: after a photo label (`… (Image:
    Shutterstock)`, `… ArcelorMittal Image by Name/Getty Images`), or, on a long heading-and-body line, glued to the
    last full stop (`….Public Domain`)."""
    if (pair := split_credit(text)) is not None:
        return pair
    credit, caption = _label_inside(text) or ("", None)
    if caption is not None and words(caption) >= 5 and credit[:1].isupper():  # not "… the best photos by drone"
        return caption, credit
    if words(text) < 15:
        return text, None
    for pattern in (_GLUED, _GLUED_ANY):
        if (m := pattern.search(text)) is not None and not re.search(r"[.!?]\s", m.group("credit")):
            return text[: m.start()].strip(), clean_credit(m.group("credit"))
    return text, None


def _label_inside(text: str) -> tuple[str, str | None] | None:
    """(credit, caption before it) where a photo label stands inside the line (`…, фото: Name`, `… Photo by X`)."""
    if (m := _ANY_LABEL.search(text)) is None:
        return None
    return clean_credit(m.group("credit") or m.group("mark")), text[: m.start() + 1].strip(" ,;(|–—-") or None


def labelled_credit(text: str) -> tuple[str, str | None] | None:
    """(credit, caption) when a pattern names the credit (a label, an agency form, an embed, a CJK photographer
    mark); None when only the line's shape could say. The labeller's credit feature and the reading share it."""
    if (eq := _CJK_EQUALS.match(text)) is not None:
        return clean_credit(eq.group("credit")), None
    if (wire := _WIRE_DATELINE.match(text)) is not None:
        return wire.group("credit").strip(), wire.group("caption") or None
    if (shared := _SHARED_BY.search(text)) is not None:
        return clean_credit(shared.group("credit")), None
    if (pair := split_credit(text)) is not None:
        return pair[1], pair[0]
    if words(text) >= 5 and (glued := _GLUED.search(text)) is not None:
        return clean_credit(glued.group("credit")), text[: glued.start()].strip()  # "…Varufakis.NAME | EFE"
    ac = _AGENCY_COLON.match(text)
    if ac is not None and parse_bare_credit(ac.group("agency")) is not None and words(ac.group("who")) <= 4:
        return clean_credit(text), None  # "REUTERS: Chris Keane": the agency and its photographer
    if (credit := parse_credit(text)) is not None:
        return credit, None
    if (inside := _label_inside(text)) is not None:
        credit, caption = inside
        if caption is not None and (who := _SLASHED_NAME.search(caption)) is not None:
            return f"{who.group('who')} / {credit}", caption[: who.start()].strip(" ,") or None  # "… / Name / © AGENCY"
        return credit, caption  # "Caption. Photo by X", "3. Mai 2019, Foto: X"
    if (by := _CJK_BY.search(text)) is not None:
        credit = clean_credit(by.group("credit") or by.group("kr") or by.group("reporter"))
        raw = text[: by.start()]
        if (shot := _SHOT_BY.search(raw)) is not None and by.group("credit"):  # "(Name 촬영/CNN 제공)"
            credit, raw = f"{shot.group('who')} 촬영/{credit}", raw[: shot.start()]
        caption = re.sub(r"^[(（]?\s*(?:촬영|사진)\s*$", "", raw.strip(" /／")) or None  # "(촬영/CNN 제공)"
        if by.group("credit") and caption and len(caption) <= 8 and not re.search(r"[。.!?！？,，/(（]", raw):
            return f"{caption} {credit}", None  # "新華社發(陳熙 攝)": the agency before the photographer
        return credit, caption  # "新华社记者 李贺 摄", "제주도. (CNN 제공)", "(촬영/CNN 제공)"
    if (via := _VIA_HANDLE.match(text)) is not None:
        return via.group("credit"), None
    return None


def _credit_text(text: str) -> tuple[str | None, str | None]:
    if (found := labelled_credit(text)) is not None:
        return found
    tail = re.search(r"[(\[](?P<c>[^()\[\]]{2,80})[)\]]\.?$", text)
    if tail is not None and (
        parse_bare_credit(tail.group("c")) is not None or words(tail.group("c")) <= 6 or has_licence(tail.group("c"))
    ):
        return clean_credit(tail.group("c")), text[: tail.start()].strip() or None
    if (glued := _GLUED.search(text)) is not None:
        return clean_credit(glued.group("credit")), text[: glued.start()].strip()
    if (glued := _GLUED_ANY.search(text)) is not None and not re.search(r"[.!?]\s", glued.group("credit")):
        return clean_credit(glued.group("credit")), text[: glued.start()].strip()
    if words(text) <= 10:
        return clean_credit(text), None
    if (signed := signed_tail(text)) is not None:
        return clean_credit(signed), text[: -len(signed)].strip()
    return None, text


# A Chinese numeral up to 99 as ranks are written: `三`, `十`, `十二`, `二十`, `二十三` (not `一二三`).
_HAN_RANK = "[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_RANK = re.compile(
    rf"^(?:第\s*)?(?P<n>\d{{1,3}}|{_HAN_RANK})\s*(?P<m>位|위|名|등|[.．、:：)）】])(?:\s*[.．、:：])?\s*(?P<rest>.*)$"
)
_HAN_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")}


def _rank(rank: re.Match[str]) -> int:
    """The rank's number, in digits or in Chinese numerals (`三` 3, `十二` 12, `二十` 20)."""
    n = rank.group("n")
    if n.isdigit():
        return int(n)
    if "十" not in n:
        return _HAN_DIGITS[n]
    tens, _, ones = n.partition("十")
    return (_HAN_DIGITS[tens] if tens else 1) * 10 + (_HAN_DIGITS[ones] if ones else 0)


def number_style(text: str) -> tuple[int, str] | None:
    """The line's item number and its numbering style (`numbered`'s styles, or `rank` for `50位`, `4.普罗旺斯`),
    so a series is only continued in its own style."""
    if (num := numbered(text)) is not None:
        return num[0], num[2]
    if (rank := _RANK.match(text)) is not None:
        rest = rank.group("rest")
        if not rest or not rest[0].isascii():
            return _rank(rank), "rank" + rank.group("m")
    return None


# A rank's number and the word for "place" (`1. Platz: Wien`, `8. místo: Křivoklát`, `2nd place: Kyoto`,
# `3. und 4. Platz: …`): the heading is what follows.
_PLACED = re.compile(
    r"^(?P<n>\d{1,3})(?:st|nd|rd|th|e|er|ème|º|ª|°)?\.?\s*(?:(?:und|and|et|y|e|i|и|ve|en|og|och|a)\s+\d{1,3}\.?\s*)?"
    r"(?:platz|místo|miejsce|место|plats|plass|plads|sija|lugar|puesto|posto|posizione|place|position|rang|sıra"
    r"|pozice|pozycja|positie|plek|helyezett)\.?\s*[:：–—-]\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# A rank spelled as an Arabic ordinal after "place" / "rank": `المركز العاشر: أمستردام`.
_ARABIC_ORDINALS = ("أول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر")
_ARABIC_RANK = re.compile(
    r"^(?:المركز|المرتبة)\s+ال(?P<n>" + "|".join(_ARABIC_ORDINALS) + r")[ىة]?\s*[:：–—-]?\s*(?P<rest>\S.*)$"
)
# The same in Hebrew, "(in) the Nth place": `במקום הראשון: מקדשי אנגקור`.
_HEBREW_ORDINALS = ("ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "שביעי", "שמיני", "תשיעי", "עשירי")
_HEBREW_RANK = re.compile(r"^ב?מקום\s+ה(?P<n>" + "|".join(_HEBREW_ORDINALS) + r")\s*[:：–—-]\s*(?P<rest>\S.*)$")
# Ranks spelled as ordinal words, each language's pattern with its ordinals from the first up.
_ORDINAL_RANKS = ((_ARABIC_RANK, _ARABIC_ORDINALS), (_HEBREW_RANK, _HEBREW_ORDINALS))
# What a slide counter printed before the item's own rank leaves: `2 / 10 9. Baia dos Golfinhos`.
_RANK_AHEAD = re.compile(r"^\d{1,3}[.)]\s*\S")


def split_number(text: str) -> tuple[int | None, str]:
    """`7. Heading`, `#7 Heading`, `No. 7 Heading`, `▶7◀ Heading`, `Platz 7: Heading`, `7. Platz: Heading`,
    `第7位 見出し`, `المركز السابع: …`, `במקום השביעי: …`, `7、NO.7 見出し` -> (7, rest)."""
    if _RANK_AHEAD.match(rest := after_counter(text)):
        text = rest
    if (placed := _PLACED.match(text)) is not None:
        return int(placed.group("n")), placed.group("rest")
    for pattern, ordinals in _ORDINAL_RANKS:
        if (spelled := pattern.match(text)) is not None:
            return ordinals.index(spelled.group("n")) + 1, spelled.group("rest")
    if (rank := _RANK.match(text)) is not None:
        again, inner = _split_number(rank.group("rest").strip())
        if again == _rank(rank):
            return again, inner  # `1、NO.1 纽约`, `1. #1 Paris`: the rank printed twice
    return _split_number(text)


def _split_number(text: str) -> tuple[int | None, str]:
    if (num := numbered(text)) is not None:
        return num[0], num[1]
    if (rank := _RANK.match(text)) is not None:
        rest = rank.group("rest")
        if not rest or not rest[0].isascii() or (rank.group("m") in ".．" and rest[0].isupper()):
            return _rank(rank), rest.strip()  # "第10位:東京", "4.普罗旺斯", "1.Deepika Padukone", "三、九寨沟"
    m = MARKER.match(text)
    # "10 Downing Street" is no numbering, nor is a marker with nothing after it ("Photo 12").
    if m is not None and m.group("rest") and not re.match(r"^\d{1,3}\s+[^\W\d_]", text):
        return int(m.group("n")), m.group("rest").strip()
    if (glued := re.match(r"^(\d{1,3})([A-Z][a-z].*)$", text)) is not None:
        return int(glued.group(1)), glued.group(2)  # "6Cape Town": a rank glued to its heading
    return None, text


def split_heading(text: str) -> tuple[str, str | None]:
    """Heading and body printed on one line: `Buying coffee every day. It adds up ...` -> both parts."""
    text = _QUOTED_TAIL.sub("", text) or text  # "Avalon, Roxy Music (“dreamy, velvety”)": a quoted blurb
    run_on = re.search(r"[。！？]\s*\S", text) is not None  # a full stop inside a CJK line: two sentences
    # A short line is one heading, unless a colon or a dash sets a name off a sentence (`Bobby Orr: Dazzling …`).
    named = text.endswith((".", "!", "?")) and re.search(r"(?<=\w):\s+\S|\s[–—-]\s", text) is not None
    if (is_headingish(text) and size(text) <= 18 and not run_on) or (size(text) <= 12 and not named):
        return text, None
    if re.fullmatch(r"[“\"«„][^“”\"«»„]+[”\"»]", text):
        return text, None  # one quotation as the heading ("“Drew Sonic today. I’m so proud.”") is not split
    found = [m.span() for m in [_first_split(text)] if m]
    if _han(text) and (space := _HAN_SPACE.match(text)) is not None:
        found.append((space.end("head"), space.end()))
    if not found:
        return text, None
    start, end = _name_pair(text, *min(found))
    if size(text[:start]) > 40:
        return text, None
    head, rest = text[:start].strip(), text[end:].strip()
    if size(rest) < 8 and len(re.findall(r"[.!?。！？](?:\s|$)", rest)) <= 1:
        return text, None  # a short second sentence belongs to the heading
    head = head.rstrip(".。") if head.endswith((".", "。")) and not head.endswith("..") else head
    return head, rest or None


def _name_pair(text: str, start: int, end: int) -> tuple[int, int]:
    """A dash between two names before the text (`Paul Simon – Graceland (1986) — Paul Simon never …`,
    `“Get Some” – Lykke Li. Word is …`): the heading is the pair, up to the next separator."""
    if text[start:end].strip() not in ("–", "—", "-"):
        return start, end
    nxt = next(_SPLIT.finditer(text, end), None)
    if nxt is None:
        return start, end
    name = text[end : nxt.start()].strip()
    if name[:1].isupper() and words(name) <= 5 and cased(name) and is_title_case(name):
        return nxt.span()
    return start, end


def _first_split(text: str) -> re.Match[str] | None:
    """The separator that ends the heading: the first one, unless a few words and the same colon or dash follow
    it (`Baahubali 2: The Conclusion: SS Rajamouli's …`: the heading is a title with a colon of its own)."""
    marks = list(_SPLIT.finditer(text))
    for m, nxt in itertools.pairwise(marks):
        mark = m.group().strip()
        if not (mark and mark in ":：–—-" and nxt.group().strip() == mark and size(text[m.end() : nxt.start()]) <= 3):
            return m
    return marks[-1] if marks else None


def _han(text: str) -> bool:
    """Mostly Chinese characters or Japanese kana (Korean is written with spaces between words)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum("\u3040" <= ch <= "\u9fff" for ch in letters) >= 0.6 * len(letters)


def tidy(heading: str) -> str:
    """Hanging punctuation left by a split line (`Cliff House Hotel,`) and Markdown hashes go."""
    heading = re.sub(r"^#{2,6}\s+", "", heading).strip()
    stripped = heading.rstrip(HANGING)
    return stripped if stripped else heading


def only_number(text: str) -> int | None:
    """A line that is only a slide number: `7`, `#7`, `7.`, `- 07`, `第7位`, `【第1位】`, `50位`."""
    text = text.strip(_NUMBER_FRAME)
    if (n := bare_number(text)) is not None:
        return n
    rank = _RANK.match(text)
    return _rank(rank) if rank is not None and not rank.group("rest") else None


_NUMBER_FRAME = " -–—[]()（）【】◆◇•·▶◀►◄"
# A number decorated any way at the start of a heading (`🐟 1. `, `#1)`, `◆01:`, `2º `, `1-`, `1 `): numbering
# only where the page's headings count with it (`page_numbers`), as `10 Downing Street` alone is none.
_LOOSE = re.compile(
    r"^(?P<pre>[^\w\s]{0,2}\s?)(?P<n>\d{1,3})(?P<post>[.．:：)）\-–—、º°ª]{0,2})(?!\d)\s*(?P<rest>\S.*)$"
)


def page_numbers(texts: list[str]) -> list[tuple[int, str] | None]:
    """Each heading's (number, heading) when the page's headings count up or down by one in one numbering style,
    however decorated (`🐟 1. Bacalhau`, `◆01:シリア…`, `1-Şirince Köyü:`, `1 Uprooted tree`); all None when they
    do not (a recipe's `1 cup flour`, `2 eggs`, `2 bananas`; one `10 Downing Street`)."""
    found = [_LOOSE.match(t) for t in texts]
    styles = Counter(_loose_style(m) for m in found if m)
    if not styles:
        return [None] * len(texts)
    style, hits = styles.most_common(1)[0]
    mine = [m if m and _loose_style(m) == style else None for m in found]
    numbers = [int(m.group("n")) for m in mine if m]
    steps = Counter(b - a for a, b in itertools.pairwise(numbers))
    step, runs = steps.most_common(1)[0] if steps else (0, 0)
    if hits < 3 or 3 * hits < 2 * len(texts) or abs(step) != 1 or runs < 0.8 * (len(numbers) - 1):
        return [None] * len(texts)
    return [(int(m.group("n")), m.group("rest").lstrip(" .:：–—-)")) if m else None for m in mine]


def _loose_style(m: re.Match[str]) -> tuple[bool, str]:
    """A loose number's style: whether a mark stands before it (any emoji or `#` alike), and what follows it."""
    return bool(m.group("pre").strip()), m.group("post")
