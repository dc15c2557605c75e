"""Where the story ends: the line rules for footers (`Read More From X`, `Related Articles`, comments headers,
rights notices, author bios). Pure functions over one normalised line, like `textrules`."""

from __future__ import annotations

import re

from .textrules import NAME_WORD, is_paragraph, words

_SOURCE_FOOTER = re.compile(
    r"^(?:(?:read|see|discover|explore|get|find)\s+more\s+(?:from|at|on|stories\s+from|news\s+from)"
    r"|more\s+(?:from|at|on|stories\s+from|news\s+from|slideshows\s+from|galleries\s+from|articles\s+from)"
    r"|больше\s+(?:от|на)|ещ[её]\s+(?:от|на))\s+(?P<source>.{2,60}?)\s*[:.!›»→]*$",
    re.IGNORECASE,
)
_END_FOOTER = re.compile(
    r"^(?:related|related\s+(?:articles?|stories|posts|content|reading|coverage|links|galleries|slideshows|news|video)"
    r"|you\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy|love|be\s+interested\s+in)"
    r"|trending|trending\s+(?:now|stories|news|articles|today)|popular|most\s+popular|popular\s+(?:now|stories|posts)"
    r"|most\s+(?:read|viewed|shared)|recommended|recommended\s+(?:for\s+you|stories|reading)"
    r"|don[’']?t\s+miss|editor[’']?s\s+picks?|read\s+next|what\s+to\s+read\s+next|keep\s+reading|further\s+reading"
    r"|more\s+(?:stories|articles|news|slideshows|galleries|like\s+this|to\s+explore)|also\s+on\s+.{2,40}"
    r"|from\s+the\s+web|around\s+the\s+web|promoted\s+(?:stories|links)|sponsored\s+(?:stories|links)"
    r"|latest|latest\s+(?:news|stories|articles)|top\s+stories|in\s+case\s+you\s+missed\s+it"
    r"|tags?|topics|filed\s+under"
    r"|читайте\s+также|похожие\s+(?:статьи|новости|материалы)|популярное|рекомендуем|другие\s+новости|ещ[её]\s+по\s+теме"
    r"|смотрите\s+также|по\s+теме|теги)\s*[:：]?$",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"^(?:(?:\d[\d,.]*\s+)?(?:reader\s+)?comments?(?:\s*\(\d+\))?|comments?\s*[:：]?\s*\d*|discussion|conversation"
    r"|(?:view|show|load|see|read)\s+(?:all\s+)?(?:\d+\s+)?comments?|leave\s+a\s+(?:comment|reply)|add\s+a\s+comment"
    r"|join\s+the\s+(?:conversation|discussion)|post\s+a\s+comment|what\s+do\s+you\s+think\??"
    r"|\d*\s*комментари(?:й|я|ев|и)|обсуждение|оставьте\s+комментарий|написать\s+комментарий"
    r"|(?:\d+\s+)?(?:comentarios?|comentar|commentaires?|commenter|kommentare?|kommentieren|commenti|commenta"
    r"|comentários?|reacties|komentarze?|yorumlar?|댓글|コメント|评论)(?:\s*[·:(|]?\s*\d+\)?)?)\s*[:：]?$",
    re.IGNORECASE,
)
_ABOUT_AUTHOR = re.compile(
    r"^(?:about\s+the\s+authors?|the\s+author|author\s+bio|об\s+авторе)\s*[:：]?$", re.IGNORECASE
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}|.{0,80}all\s+rights\s+reserved)", re.IGNORECASE)
# The site's rights notice, in the page's language: "Tüm hakları saklıdır", "무단 전재 및 재배포 금지".
_RIGHTS = re.compile(
    r"all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados"
    r"|tutti\s+i\s+diritti\s+riservati|todos\s+os\s+direitos\s+reservados|alle\s+rechten\s+voorbehouden"
    r"|wszelkie\s+prawa\s+zastrzeżone|všechna\s+práva\s+vyhrazena|tüm\s+hakları\s+saklıdır|все\s+права\s+защищены"
    r"|무단\s*전재|재배포\s*금지|無断転載|無斷轉載|版权所有|版權所有|不得转载",
    re.IGNORECASE,
)
_BIO = re.compile(
    rf"^{NAME_WORD}(?:\s+{NAME_WORD}){{0,3}}\s+(?:is|was|has\s+been|has|writes|covers|reports|joined|—|–|-)\s",
)
_BIO_WORDS = re.compile(
    r"\b(?:writer|journalist|reporter|editor|correspondent|contributor|author|columnist|freelance(?:r)?|blogger"
    r"|analyst|covers|writes|writing|editorial|newsroom|graduate|журналист|корреспондент|редактор|автор|обозреватель)",
    re.IGNORECASE,
)


def source_footer(text: str) -> str | None:
    """`Read More From The Stock Dork` / `More from X` -> "The Stock Dork"."""
    m = _SOURCE_FOOTER.match(text)
    return m.group("source").strip(" :") if m and words(m.group("source")) <= 8 else None


def is_end_footer(text: str) -> bool:
    """`Related Articles`, `You may also like`, `Trending`: a list of other stories starts here."""
    return _END_FOOTER.match(text) is not None


def is_comments_header(text: str) -> bool:
    return _COMMENTS.match(text) is not None


def is_about_author(text: str) -> bool:
    return _ABOUT_AUTHOR.match(text) is not None


def is_copyright(text: str) -> bool:
    return _COPYRIGHT.match(text) is not None or _RIGHTS.search(text) is not None


def looks_like_bio(text: str) -> bool:
    """`Malik is a skilled writer with ...`: a name, a verb, and a word about writing."""
    return is_paragraph(text) and _BIO.match(text) is not None and _BIO_WORDS.search(text) is not None
