"""What one line of a copied slideshow page is: the line-level rules of the slideshow-text reader.

Pure functions over a single normalised line (no context). `text.py` combines them into the article's
structure. Each rule is written for the shape of the thing (a breadcrumb, a byline, a "3 of 32" counter),
never for one site, and leans towards *not* matching: a line no rule claims stays article text.
See docs/text-reader.md for the rules in prose.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that copying a page leaves behind. ZWJ/ZWNJ stay: they shape emoji and some scripts.
_INVISIBLE = {ord(c): None for c in "\u00ad\u200b\u2060\ufeff\u180e"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def normalise_line(raw: str) -> str:
    """One line as the reader sees it: no invisible or control characters, single spaces, no padding."""
    line = _CONTROL.sub(" ", raw.translate(_INVISIBLE))
    return re.sub(r"\s+", " ", line).strip()


def _phrases(text: str) -> set[str]:
    """A word list written as `a | b | c` over several lines."""
    return {p.strip() for p in text.replace("\n", "|").split("|") if p.strip()}


def _mark_ranges() -> str:
    """The BMP's combining marks as a character-class body: `\\w` leaves out the vowel signs of Indic scripts.
    Not the marks for symbols (a keycap) nor the variation selectors (`⬇︎`): they dress punctuation, not words."""
    symbols = range(0x20D0, 0x2100), range(0xFE00, 0xFE10)
    marks = [
        c
        for c in range(0x300, 0x10000)
        if unicodedata.category(chr(c)).startswith("M") and not any(c in r for r in symbols)
    ]
    runs: list[tuple[int, int]] = []
    for c in marks:
        if runs and runs[-1][1] == c - 1:
            runs[-1] = (runs[-1][0], c)
        else:
            runs.append((c, c))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in runs)


_NOT_WORD = re.compile(rf"[^\w\s{_mark_ranges()}]")


def fold(text: str) -> str:
    """A comparison key: case, punctuation, quotes and spacing ignored ("Title…" vs "title", "लीबिया" kept whole)."""
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


# --- shape of ordinary text ------------------------------------------------------------------------------

_CLOSERS = "\"'”’»)]*_"
_ABBREV_END = re.compile(r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Jr|Sr|St|Inc|Co|Ltd|Dr|Mr|Mrs|Ms|Vs|vs|No))\.?$")


def words(text: str) -> int:
    return len(text.split())


def cased(text: str) -> bool:
    """Mostly letters with case (Latin, Cyrillic, Greek): the case rules (title case, sentence case) mean nothing
    in Arabic, Hebrew, Indic or CJK text."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.upper() != ch.lower() for ch in letters) >= 0.5 * len(letters)


def size(text: str) -> int:
    """Words, or characters / 3 in a script without case (a Chinese line of 60 characters is long)."""
    return words(text) if cased(text) else max(words(text), len(text.replace(" ", "")) // 3)


def is_headingish(text: str) -> bool:
    """Short, no final full stop/comma/colon, not starting lower-case: the shape of a slide heading."""
    if not text or len(text) > 140 or words(text) > 18:
        return False
    core = text.rstrip(_CLOSERS).rstrip()
    if not core:
        return False
    if core[-1] in ",;:…" or core.endswith(".."):
        return False
    if core[-1] == "." and not _ABBREV_END.search(core):
        return False
    first_word = re.search(r"\w+", text)
    if first_word is None:
        return False
    word = first_word.group()
    return not word[0].islower() or any(ch.isupper() for ch in word)  # "iPhone" and "eBay" are capitalised


def is_paragraph(text: str) -> bool:
    """Running text: ends like a sentence, or too long for a heading."""
    return bool(text) and not is_headingish(text)


def is_title_case(text: str) -> bool:
    """Most longer words capitalised ("Kremlin’s Red Line"), as opposed to sentence case."""
    long_words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) > 3]
    if len(long_words) < 2:
        return True
    return bool(sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words))


# --- numbering and counters --------------------------------------------------------------------------------

_NUMBERED = re.compile(
    r"^(?:(?:No\.|Nr\.|№|Number|Slide|Step|Tip|Tipp|Day|Part|Reason|Idea|Stop|Week|Paso|Día|Étape|Jour|Giorno"
    r"|Шаг|Совет|День)\s*#?(?P<a>\d{1,3})\s*[.:)\-–—]?\s+"
    r"|#\s?(?P<b>\d{1,3})\s*[.:)\-–—]?\s+"
    r"|[^\W\d_]{0,8}その(?P<d>\d{1,3})\s*[.:：、]?\s*"  # "絶景その1:蔦沼": Japanese "part 1"
    r"|(?P<e>\d{1,3})(?:e|ème|eme|er|re|th|st|nd|rd|º|ª|°)\s*[.:)\-–—]\s*"  # "40e : Le Château", "1st: Paris"
    r"|(?P<c>\d{1,3})(?:[.:]\)?\s+|\)\s*|\s+[-–—]\s+|\s*[–—]\s*))"
    r"(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^(?:#|No\.\s*|№\s*)?(\d{1,3})\.?$", re.IGNORECASE)
# "of" in a slide counter (`3 of 12`, `3 из 12`, `3 von 12`, `3 de 12`, `3 sur 12`, `3 di 12`, `3 z 12`).
_COUNTER_OF = "of|из|von|de|sur|di|z"
_COUNTER = re.compile(
    r"^\(?(?:(?:slide|photo|image|picture|pic|item|page|слайд|фото|slajd|zdjęcie|bild|foto|diapositiva|imagen|immagine"
    r"|snímek|resim|görsel|ảnh|画像|사진)\s*:?\s*)?(\d{1,3})\s*(?:/|" + _COUNTER_OF + r")\s*(\d{1,3})\)?"
    r"(?:\s*[:|–—-]?\s*(?:photos?|images?|slides?|фото))?$",
    re.IGNORECASE,
)


def numbered(text: str) -> tuple[int, str, str] | None:
    """`1. Heading`, `#1 Heading`, `1: Heading`, `1) Heading`, `No. 1 Heading`, `Tip #1: Heading`, `絶景その1:見出し`,
    `40e : Heading` -> (1, "Heading", style).

    `style` names the numbering format ("#", ".", ":", ")", "-", "No."), so a `1.` list inside a slide of a
    `#1`-numbered article is not mistaken for the article's own numbering.
    """
    m = _NUMBERED.match(text)
    if not m:
        return None
    rest = m.group("rest").strip()
    if words(rest) > 25 or len(rest) > 200:
        return None
    if m.group("a") or m.group("d"):
        style = "No."
    elif m.group("e"):
        style = "th"
    elif m.group("b"):
        style = "#"
    else:
        sep = text[len(m.group("c")) :].lstrip()[:1]
        style = "-" if sep in "-–—" else sep
    return int(m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")), rest, style


def bare_number(text: str) -> int | None:
    """A line holding only a slide number (`7`, `#7`, `7.`), printed above its heading by some sites."""
    m = _BARE_NUMBER.match(text)
    return int(m.group(1)) if m else None


# A gallery counter printed at the start of a longer line (`3/12 © iStock`, `3 de 12 Foto: EFE`, `2 von 10 9. …`).
_LEADING_COUNTER = re.compile(rf"^\d{{1,3}}\s*(?:/|(?:{_COUNTER_OF})\s)\s*\d{{1,3}}\s+(?=\S)", re.IGNORECASE)


def after_counter(text: str) -> str:
    """`text` without a gallery counter printed before it (`3 of 12 Photo: X` -> `Photo: X`); else `text`."""
    m = _LEADING_COUNTER.match(text)
    return text[m.end() :] if m else text


def counter(text: str) -> tuple[int, int] | None:
    """`3 of 32`, `3/32`, `Slide 3 of 32`, `(3 of 32)`, `3 из 32` -> (3, 32)."""
    m = _COUNTER.match(text)
    if not m:
        return None
    k, n = int(m.group(1)), int(m.group(2))
    return (k, n) if 1 <= k <= n else None


# --- breadcrumbs, kickers ---------------------------------------------------------------------------------

CRUMB_SEPARATORS = ("/", ">", "»", "›", "|", "→", "•", "·", "\\", ">>", "::")
# The first crumb of a breadcrumb, in the corpus's languages: "Inicio / Viajes", "หน้าแรก / บทความ".
_HOME = _phrases(
    """
    home | homepage | home page | main | start | index | front page | главная | главная страница | inicio | início
    | accueil | startseite | anasayfa | ana sayfa | αρχική | domů | strona główna | trang chủ | beranda | الرئيسية
    | होम | หน้าแรก | ホーム | トップ | 首页 | 首頁 | 홈 | hem | startpagina
    """
)
_GENERIC_CRUMBS = _HOME | _phrases(
    """
    slideshow | slideshows | slide show | gallery | galleries | photo gallery | photo galleries | photos | pictures
    image gallery | photo essay | слайд-шоу | галерея | галереи | фотогалерея | фотогалереи | фоторепортаж
    фоторепортажи | фото
    """
)
SECTION_WORDS = _phrases(
    """
    news | world | politics | business | money | finance | markets | economy | sports | sport | entertainment
    celebrity | lifestyle | life | travel | health | wellness | science | tech | technology | opinion | culture
    arts | food | autos | cars | weather | local | us | u.s. | nation | education | climate | environment | history
    space | политика | мир | экономика | общество | спорт | культура | наука | технологии | происшествия
    путешествия | здоровье
    """
)
_CRUMB_SPLIT = re.compile(r"\s+(?:>>|::|[/>»›|→•·\\])\s+|\s*[»›→]\s*")


def is_crumb_separator(text: str) -> bool:
    return text in CRUMB_SEPARATORS


def is_home(text: str) -> bool:
    return text.casefold() in _HOME


def is_generic_crumb(text: str) -> bool:
    return text.casefold().strip(" .") in _GENERIC_CRUMBS


#: `You are here:`, `You Are At:`, `Sie sind hier:`, `Vous êtes ici :` before a breadcrumb.
_CRUMB_LEAD = re.compile(r"^(?i:you\s+are\s+(?:here|at)|sie\s+sind\s+hier|vous\s+êtes\s+ici|estás\s+aquí)\s*:\s*")


def crumb_line(text: str) -> list[str] | None:
    """`Home > News > Politics`, `Home » World`, `Home / Politics / Slideshow` -> the crumb names."""
    text = _CRUMB_LEAD.sub("", text)
    if words(text) > 20 or (re.search(r"[.!?]$", text) and not text.endswith(("...", "…"))):
        return None
    parts = [p.strip() for p in _CRUMB_SPLIT.split(text)]
    if len(parts) < 2 or not all(parts) or any(len(p) > 60 or words(p) > 8 for p in parts[:-1]):
        return None
    arrows = re.search(r"[>»›→]", text) is not None
    return parts if is_home(parts[0]) or (arrows and all(words(p) <= 4 for p in parts[:-1])) else None


def is_kicker(text: str) -> bool:
    """A section label printed above the headline: `POLITICS`, `World`."""
    if words(text) > 3 or not re.search(r"\w", text) or re.search(r"[.!?:,]$", text):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return (bool(letters) and all(ch.isupper() for ch in letters) and len(letters) > 1) or fold(text) in SECTION_WORDS


# --- bylines, dates, chrome ---------------------------------------------------------------------------------

#: A capitalised name word, for bylines and author bios.
NAME_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w.'’-]*"
_NAME_JOIN = r"(?:\s+(?:and|&|и|de|da|del|van|von|der|la|le|di|bin|al)\s+|\s+|,\s+(?=[A-ZА-ЯЁ][\w.'’-]*\s+[A-ZА-ЯЁ]))"
_BYLINE = re.compile(
    r"^(?i:by|written\s+by|words\s+by|story\s+by|reporting\s+by|text\s+by|posted\s+by|author|автор|текст)"
    rf"\s*[:：]?\s+(?P<name>{NAME_WORD}(?:{_NAME_JOIN}{NAME_WORD}){{0,7}})"
    r"(?P<rest>\s*(?:[|•·,—–-]|\s+on\s+|\s+(?i:published|updated|posted)\b|$).*)$",
)
# "By the numbers", "By land": idioms that open headings, not bylines.
_NOT_NAMES = {"the numbers", "the way", "the book", "design", "default", "contrast", "comparison", "far", "now"}
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
    # German, French, Spanish, Italian, Portuguese (the English spellings above cover the shared ones)
    r"|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre"
    r"|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março"
    r"|maio|junho|julho|setembro|outubro|dezembro"
)
_WEEKDAY = (
    r"mon|tue|wed|thu|fri|sat|sun|lunes|martes|miércoles|jueves|viernes|sábado|domingo|montag|dienstag|mittwoch"
    r"|donnerstag|freitag|samstag|sonntag|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
)
_DATE = (
    rf"(?:(?:{_WEEKDAY})[a-z]*\.?,?\s+)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}(?:\s*г\.?)?"
    rf"|(?:month\s*:\s*)?(?:{_MONTHS})\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?"
# A date alone, or followed by the post's furniture: "March 30, 2017 · caitastrophicc · Leave a comment",
# "Saturday October 03 2020, 6.00pm, The Sunday Times".
_DATE_LINE = re.compile(rf"^[|·•]?\s*(?:{_DATE}){_TIME}(?:\s*,\s+.{{1,60}}|\s+[·|•]\s+.{{1,80}})?$", re.IGNORECASE)
_STAMP = re.compile(
    r"^(?:published|updated|last\s+updated|first\s+published|posted|modified|date|опубликовано|обновлено|publicado"
    r"|actualizado|veröffentlicht|aktualisiert|publié|mis\s+à\s+jour|pubblicato|aggiornato|atualizado"
    r"|дата\s+публикации)(?:\s+(?:on|at|am|le|el|il|em))?\s*[:：]?\s*"
    rf"(?:{_DATE}|(?:{_WEEKDAY})[a-z]*\b|\d{{1,2}}[:.]\d{{2}}|\d+\s+\w+\s+(?:ago|назад)|today|yesterday"
    r"|сегодня|вчера).{0,80}$",
    re.IGNORECASE,
)
_READ_TIME = re.compile(
    r"^(?:(?:estimated\s+)?reading\s+time\s*:?\s*)?\d{1,3}\s*(?:-|\s)?\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?)\.?"
    r"(?:\s+(?:read|reading|to\s+read|чтения|на\s+чтение))?$|^время\s+чтения.{0,20}$",
    re.IGNORECASE,
)
_TIME_AGO = re.compile(
    r"^(?:\d{1,3}\s*(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|years?|yrs?|y)\s+ago"
    r"|\d{1,3}\s*(?:минут[уы]?|час(?:а|ов)?|дн(?:я|ей)|день|недел[иью]|месяц(?:а|ев)?|год(?:а)?|лет)\s+назад"
    r"|yesterday|just now|an? (?:hour|minute|day|week|month|year) ago|вчера|только что)$",
    re.IGNORECASE,
)

# The buttons of a share bar: furniture alone on a line, and as a run of words (`_SHARE_WORDS`).
_BUTTONS = _phrases(
    """
    share | tweet | pin | save | bookmark | email | e-mail | print | facebook | twitter | linkedin | whatsapp | reddit
    | flipboard | pinterest | telegram | поделиться
    """
)
# Lines that are page furniture wherever they appear: adverts, sharing, slideshow navigation, comment buttons.
_CHROME = _BUTTONS | _phrases(
    """
    advertisement | advertisements | ad | ads | sponsored | sponsored content | paid content | promoted
    story continues below | story continues below advertisement | article continues below advertisement
    continue reading below | continue reading | scroll to continue | scroll to continue with content | skip ad
    skip advertisement | remove ads | share this | share this article | share this story
    share this slideshow | share on facebook | share on twitter | share on x | pin it | copy link | link copied
    next | prev | previous | back | next slide | previous slide | next page
    next photo | previous photo | start slideshow | start the slideshow | begin slideshow | view slideshow
    view gallery | view all | view all photos | see all photos | replay gallery | replay slideshow | restart gallery
    up next | click to enlarge | enlarge this image | enlarge image | expand | toggle caption | hide caption
    show caption | caption | fullscreen | full screen | exit fullscreen | close | loading | loading... | show more
    read more | see more | load more | subscribe | sign in | log in | sign up | newsletter | reply | like | report
    flag | upvote | downvote | follow | listen to this article | listen | play | watch | реклама
    далее | назад | вперед | вперёд | следующий слайд | предыдущий слайд | подписаться | читать далее | ответить
    пожаловаться | смотреть все фото
    """
)
_CHROME_RE = re.compile(
    r"^(?:(?:share|follow)\s+(?:this|us|on)\b.{0,60}"
    r"|(?:partager|compartir|compartilhar|partilhar|condividi|teilen)\s+(?:cette|cet|ce|sur|este|esta|en|questo"
    r"|questa|su|diesen|diese|auf)\b.{0,60}"
    r"|(?:sign\s+up|subscribe)\s+(?:for|to)\b.{0,80}"
    r"|(?:get|join)\s+(?:the|our)\s+(?:[\w’'-]+\s+){0,5}?(?:newsletter|email|e-mail)s?\b.{0,60}"
    r"|(?:related|read\s+more|read\s+also|also\s+read|see\s+also|more|recommended|must\s+read|don[’']?t\s+miss"
    r"|watch|listen|video|читайте\s+также|по\s+теме|смотрите\s+также"
    # "Read also" in Spanish, Portuguese, French, German, Dutch, Italian, Polish, Swedish, Danish, Norwegian,
    # Czech and Slovak: a link to another story inside this one.
    r"|le[eé]\s+también|leia\s+também|lire\s+aussi|à\s+lire\s+aussi|lesen\s+sie\s+auch|auch\s+interessant"
    r"|lees\s+ook|leggi\s+anche|czytaj\s+(?:też|także)|läs\s+också|læs\s+også|les\s+også|čtěte\s+také"
    r"|přečtěte\s+si\s+také|čítajte\s+aj|prečítajte\s+si\s+aj)\s*[:：]\s*\S.{0,150}"
    r"|(?:next|previous|prev)\s*[:：›»→]\s*.{0,100}"
    r"|[›»→←‹«]+|[-–—_=*·•]{3,}|\d+\s+(?:photos|images|slides|фото)"
    r"|(?:click|tap)\s+(?:here|to)\b.{0,60}"
    # "This article is more than 5 years old": the archive's notice above an old story.
    r"|(?:this\s+article\s+is\s+(?:more|older)\s+than|cet\s+article\s+date\s+de\s+plus\s+de"
    r"|dieser\s+artikel\s+ist\s+(?:älter|mehr)\s+als|este\s+artículo\s+tiene\s+más\s+de)\s+\S+\s+\S+(?:\s+(?:old|alt))?\.?)$",
    re.IGNORECASE,
)


def byline(text: str) -> str | None:
    """`By Jane Doe`, `Written by Jane Doe | March 3, 2024`, `Автор: Иван Петров` -> the name(s)."""
    if len(text) > 120:
        return None
    m = _BYLINE.match(text)
    if not m:
        return None
    name = m.group("name").strip(" ,")
    if fold(name) in _NOT_NAMES:
        return None
    rest = m.group("rest").strip()
    if rest and not re.match(r"^(?:[|•·,—–-]|on\b|published|updated|posted)", rest, re.IGNORECASE):
        return None
    return name


_DATELINE_LEAD = re.compile(
    rf"^(?:{_DATE}|\d{{1,2}}\.?\s+(?:{_MONTHS})|(?:{_MONTHS})\s+\d{{1,2}})\s*[.,:–—-]\s+\S", re.I
)


def opens_with_date(text: str) -> bool:
    """`30 giugno. Michelle Obama passeggia …`, `June 30: …`: a caption or dateline that opens with its date."""
    return _DATELINE_LEAD.match(text) is not None


# Dates written with digits and CJK units or dots (`2019年4月30日 21:16`, `2025년 6월 14일`, `11月1日(金)12時30分`,
# `2019.06.14`, `2022 03/30 09:52:25`), with the stamp's own words around them: `更新:`, `입력`, `来源:新华社`,
# `浏览:62`, `조회 수 11920`.
_NUMERIC_DATE = (
    r"(?:\d{4}\s*[年년]\s*)?\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]?(?:\s*[(（]?[月火水木金土日][)）]|\s*[月火水木金土日]曜日)?"
    r"|\d{4}\s*[./]\s*\d{1,2}\s*[./]\s*\d{1,2}\.?|\d{4}-\d{1,2}-\d{1,2}|\d{4}\s+\d{2}/\d{2}"
)
_NUMERIC_TIME = r"(?:\s*(?:\d{1,2}:\d{2}(?::\d{2})?|\d{1,2}時(?:\d{1,2}分)?))?"
_LEAD_WORDS = r"更新日?|公開日?|投稿日|発行|日期|发布时间|發布時間|发表于|發表於|文章最後更新於|입력|수정|등록|작성일"
_TAIL_WORDS = r"来源|來源|浏览|瀏覽|阅读|閱讀|조회\s*수?|추천\s*수?|views?|hits"
# Each part consumes its own characters (no two quantifiers can share spaces or words): a line of repeated stamp
# words must fail in linear time.
_NUMERIC_DATE_LINE = re.compile(
    rf"^[»\[|·•]?\s*(?:(?:{_LEAD_WORDS}|{_TAIL_WORDS})(?:\s*[:：])?\s*(?:[\d,]+\s+)?)*"
    rf"(?:{_NUMERIC_DATE}){_NUMERIC_TIME}\]?"
    rf"(?:\s*[|｜]?\s*(?:{_TAIL_WORDS})(?:\s*[:：])?\s*[^\s|｜]{{0,20}}|\s*公開)?$",
    re.IGNORECASE,
)


def is_date_line(text: str) -> bool:
    """A bare date or time stamp: `March 3, 2024`, `Published 3 March 2024`, `2 hours ago`, `2019年4月30日`."""
    return bool(_DATE_LINE.match(text) or _STAMP.match(text) or _TIME_AGO.match(text) or _NUMERIC_DATE_LINE.match(text))


_PAGER = re.compile(
    r"^[«‹<←]?\s*(?:previous|prev|next|précédent|suivant|zurück|weiter|vorherige|nächste|anterior|siguiente"
    r"|precedente|successivo|próximo|próxima|vorige|volgende|poprzedni|następny|назад|далее|вперед|вперёд"
    r"|前へ|次へ|이전|다음|上一页|下一页|上一張|下一張)\s*[»›>→]?$",
    re.IGNORECASE,
)


def is_pager(text: str) -> bool:
    """`« Previous`, `Next »`, `Suivant >`: a paginated slideshow's buttons to the page before or after."""
    return _PAGER.match(text.strip()) is not None


def is_stamp(text: str) -> bool:
    """`Published ...`, `Updated ...`, `5 min read`: page furniture wherever it appears."""
    return bool(_STAMP.match(text) or _READ_TIME.match(text))


def is_time_ago(text: str) -> bool:
    return _TIME_AGO.match(text) is not None


# A share bar copied as one line: "Facebook Twitter Email", "ツイート シェア はてブ", "Teilen Tweet".
_SHARE_WORDS = _BUTTONS | _phrases(
    """
    x | mail | copy | link | messenger | vk | viber | line | pocket | teilen | drucken | partager
    | imprimer | compartir | imprimir | condividi | stampa | partilhar | твитнуть | シェア | ツイート
    | はてブ | 공유 | 인쇄 | 分享 | paylaş | udostępnij | dela | delen | a | a+ | a- | aa | 가 | 가+ | 가-
    | comment | sdílet | megosztás | distribuie | jaa | condivisione | شارك | فيسبوك | تويتر
    | واتساب | مشاركة | शेयर | साझा | แชร์ | chia sẻ | bagikan | κοινοποίηση | поширити
    | שתפו | שתף | פייסבוק | בפייסבוק | טוויטר | בטוויטר | וואטסאפ | בוואטסאפ | שלחו | לחבר | 페이스북 | 카카오톡
    | 카카오스토리 | 트위터 | 링크복사 | 밴드 | フェイスブック | ツイッター | 微信 | 微博 | 脸书 | 臉書 | вконтакте
    | одноклассники | телеграм | instagram
    """
)


def is_chrome(text: str) -> bool:
    """Advert, sharing, navigation and button lines."""
    key = text.casefold().strip(" :!›»→←‹«|·•")
    half = len(key) // 2
    if half >= 3 and key[:half] == key[half:]:
        key = key[:half]  # "ПоделитьсяПоделиться": a button's label and its tooltip, run together
    tokens = re.split(r"[\s|·•/,]+", key)
    # At most one little word besides the buttons: "Distribuie pe Facebook", "Share on X" (not "Facebook and X").
    others = [t for t in tokens if t not in _SHARE_WORDS]
    share_bar = len(tokens) >= 2 and (not others or (len(tokens) >= 3 and len(others) == 1 and len(others[0]) <= 2))
    return key in _CHROME or share_bar or _CHROME_RE.match(text) is not None or is_stamp(text)


def continues(prev: str, text: str) -> bool:
    """Is `text` the rest of a hard-wrapped paragraph `prev`? Only a long line (40+ characters) that does not end a
    sentence, followed by a line starting in lower case, continues: headings and credits never qualify."""
    first = re.search(r"\w", text)
    if first is not None and text[0].isalpha() and not (text[0].isupper() or text[0].islower()):
        # an uncased script (Devanagari, Arabic, CJK) has no lower case to show it: a sentence not yet ended will do
        return len(prev) >= 20 and prev[-1] not in '.!?:;…"”’»)।。！？」' and len(text) < len(prev) * 2
    return (
        len(prev) >= 40
        and prev[-1] not in '.!?:;…"”’»)'
        and first is not None
        and first.group().islower()
        and text[0].isalpha()
    )
