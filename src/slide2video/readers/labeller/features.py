"""Per-line features for the line labeller: today's line rules, the line's shape, and its place in the page.

Every rule is called, never copied: credit-likeness from `credits.py`, headings, numbering, counters, bylines,
dates, chrome and footers from `textrules.py`. On top of them: length and shape, position, the neighbours'
features (two lines either side) and how the line's shape repeats through the page with the page's period (a
slideshow prints the same heading / credit / paragraph pattern once per slide, a news story does not).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict

from ..credits import is_credit_label, parse_bare_credit, parse_credit, split_credit
from ..footers import (
    is_about_author,
    is_comments_header,
    is_copyright,
    is_end_footer,
    looks_like_bio,
    source_footer,
)
from ..textrules import (
    bare_number,
    byline,
    cased,
    counter,
    crumb_line,
    fold,
    is_chrome,
    is_crumb_separator,
    is_date_line,
    is_generic_crumb,
    is_headingish,
    is_kicker,
    is_stamp,
    is_time_ago,
    is_title_case,
    numbered,
    words,
)
from .corpus import Line
from .lineparts import MARKER, labelled_credit

Features = dict[str, float | str]

_LABEL_COLON = re.compile(r"^[^\W\d_][\w .'’-]{0,25}?\s?[:：|]\s*\S")
_TAIL_CREDIT = re.compile(
    r"[(\[][^()\[\]]{2,60}[)\]]\.?$|(?:photo|foto|crédit|credit|©|bild|quelle|fuente|fonte|reprodução|写真|사진|фото)\S*\s*[:/|]",
    re.I,
)
# A credit glued to the end of a caption without a space: "...du monde.ANDREW SUTTON/SHUTTERSTOCK".
_GLUED_CREDIT = re.compile(r"[a-zà-ÿ.)][.)]?[A-Z][A-Z0-9 .'’&/-]{3,60}$|[.!?][A-Z][\w .'’&-]{1,40}/[\w .'’&-]{2,40}$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _bucket(value: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _script(text: str) -> str:
    """Cased (Latin, Cyrillic, Greek) or uncased (CJK, Arabic...) letters: case rules mean nothing for the latter."""
    if not any(ch.isalpha() for ch in text):
        return "none"
    return "cased" if cased(text) else "uncased"


def _first_char(text: str) -> str:
    ch = text[0]
    if ch.isdigit():
        return "digit"
    if ch.isalpha():
        return "upper" if ch.isupper() else "lower" if ch.islower() else "nocase"
    return "punct"


def _end(text: str) -> str:
    core = text.rstrip("\"'”’»)]*_ ")
    last = core[-1:] if core else ""
    return (
        last if last in ".!?:;,…-–—|/" else "quote" if text[-1:] in '"”’»' else "alnum" if last.isalnum() else "other"
    )


def line_features(text: str) -> Features:
    """What the line rules say about one line on its own."""
    f: Features = {"bias": 1.0}
    n_words = words(text)
    f["len"] = _bucket(len(text), (3, 12, 25, 45, 80, 140, 250))
    f["words"] = _bucket(n_words, (1, 2, 3, 5, 8, 12, 18, 30, 60))
    f["first"] = _first_char(text)
    f["end"] = _end(text)
    f["script"] = _script(text)
    sentences = len(re.findall(r"[.!?。！？](?:\s|$)", text))
    f["sentences"] = _bucket(sentences, (0, 1, 2, 4))
    letters = [ch for ch in text if ch.isalpha()]
    if letters and len(letters) > 2 and all(not ch.islower() for ch in letters) and f["script"] == "cased":
        f["allcaps"] = 1.0
    if is_headingish(text):
        f["headingish"] = 1.0
        f["titlecase"] = float(is_title_case(text))
    if (credit := parse_credit(text)) is not None:
        f["credit"] = 1.0
        f["credit_words"] = _bucket(words(credit), (1, 2, 4, 8))
    if parse_bare_credit(text) is not None:
        f["bare_credit"] = 1.0
    if split_credit(text) is not None:
        f["caption_credit"] = 1.0
    if "credit" not in f and "caption_credit" not in f and labelled_credit(text) is not None:
        f["credit_pattern"] = 1.0  # an embed, a CJK photographer mark, a label inside the caption, `via @x`
    if is_credit_label(text):
        f["credit_label_alone"] = 1.0
    if _TAIL_CREDIT.search(text):
        f["credit_hint"] = 1.0
    if _GLUED_CREDIT.search(text):
        f["glued_credit"] = 1.0
    if "/" in text and n_words <= 8:
        f["slash_short"] = 1.0
    if "@" in text:
        f["at"] = 1.0
    if _LABEL_COLON.match(text):
        f["label_colon"] = 1.0
        f["label_word"] = fold(text.split(":")[0].split("|")[0])[:20]
    if (num := numbered(text)) is not None:
        f["numbered"] = num[2]
        f["numbered_head"] = float(is_headingish(num[1]))
        head = num[1]
        if re.search(r"[.!?]\s+\S", head):
            f["numbered_sentence"] = 1.0  # heading and body on one line: "7. Buying coffee. It adds up..."
    elif MARKER.match(text) and n_words > 1:
        f["marker"] = 1.0
    if bare_number(text) is not None:
        f["bare_number"] = 1.0
    if counter(text) is not None:
        f["counter"] = 1.0
    elif re.search(r"\b\d{1,3}\s*(?:/|of|von|de|sur|из|di)\s*\d{1,3}\b", text) and n_words <= 6:
        f["counter_hint"] = 1.0
    if byline(text) is not None:
        f["byline"] = 1.0
    if looks_like_bio(text):
        f["bio"] = 1.0
    if is_date_line(text):
        f["date"] = 1.0
    if is_stamp(text):
        f["stamp"] = 1.0
    if is_time_ago(text):
        f["ago"] = 1.0
    if re.search(r"\b(?:19|20)\d\d\b", text) and n_words <= 12:
        f["year_short"] = 1.0
    if is_chrome(text):
        f["chrome"] = 1.0
    if crumb_line(text) is not None:
        f["crumbs"] = 1.0
    if is_crumb_separator(text):
        f["crumb_sep"] = 1.0
    if is_generic_crumb(text):
        f["generic_crumb"] = 1.0
    if is_kicker(text):
        f["kicker"] = 1.0
    if source_footer(text) is not None:
        f["source_footer"] = 1.0
    if is_end_footer(text):
        f["end_footer"] = 1.0
    if is_comments_header(text):
        f["comments"] = 1.0
    if is_about_author(text):
        f["about_author"] = 1.0
    if is_copyright(text):
        f["copyright"] = 1.0
    if re.search(r"\s[|–—-]\s\S[^|–—]{1,40}$", text) and n_words >= 4:
        f["site_suffix"] = 1.0
    raw = text.split()
    if raw:  # the line's first and last three characters, as printed: `10.`, `(ap`, `©`, `фот`, `…es)`
        f["w0p"] = raw[0].casefold()[:3]
        f["wNp"] = raw[-1].casefold()[-3:]
    tokens = [w.casefold() for w in _WORD.findall(text)]
    if tokens:
        f["w0"] = tokens[0][:20]
        f["wN"] = tokens[-1][:20]
        if len(tokens) >= 2:
            f["w01"] = " ".join(tokens[:2])[:30]
    if n_words <= 3:
        f["short_text"] = fold(text)[:30]
    return f


def _menuish(text: str, f: Features) -> bool:
    """A menu word, a breadcrumb or a button: one or two words (a few characters in an uncased script)."""
    short = words(text) <= 2 if f["script"] == "cased" else len(text) <= 6
    return short or any(k in f for k in ("chrome", "crumbs", "crumb_sep"))


def _key(f: Features) -> str:
    """A coarse shape of the line, for finding the pattern the page repeats slide after slide."""
    if "credit" in f or "caption_credit" in f or "credit_pattern" in f:
        return "C"
    if "counter" in f:
        return "K"
    if "numbered" in f or "marker" in f or "bare_number" in f:
        return "N"
    if "chrome" in f or "date" in f or "byline" in f:
        return "X"
    if "headingish" in f:
        return "H"
    return "P" if str(f["words"]).startswith(">") or f["words"] in ("<=12", "<=18", "<=30", "<=60") else "S"


def _chain(lines: list[Line]) -> dict[int, int]:
    """Numbered lines whose number has a same-style neighbour one up or one down: index -> size of that style's run."""
    seen: dict[tuple[str, int], list[int]] = defaultdict(list)
    found = []
    for i, line in enumerate(lines):
        num = numbered(line.text)
        if num is None:
            m = MARKER.match(line.text)
            if m is None:
                continue
            num = (int(m.group("n")), "", "marker")
        seen[(num[2], num[0])].append(i)
        found.append((i, num[2], num[0]))
    linked = [(i, style) for i, style, n in found if seen.get((style, n - 1)) or seen.get((style, n + 1))]
    sizes = Counter(style for _, style in linked)
    return {i: sizes[style] for i, style in linked}


def _title_candidates(lines: list[Line], own: list[Features]) -> dict[int, int]:
    """The first lines that could be a headline (3-30 words, not furniture, credit or running text): index -> rank."""
    found: dict[int, int] = {}
    for i, f in enumerate(own):
        if len(found) >= 3:
            break
        if any(k in f for k in ("chrome", "date", "byline", "crumbs", "credit", "counter", "stamp", "comments")):
            continue
        n = words(lines[i].text)
        if 3 <= n <= 30 and f["sentences"] in ("<=0", "<=1"):
            found[i] = len(found)
    return found


def _period(keys: list[str]) -> tuple[int, list[bool]]:
    """The page's slide period (the shift at which the line shapes repeat best) and, per line, whether it lies in
    the stretch that repeats (the slides, as opposed to the chrome above and the footers below)."""
    total = len(keys)
    best, best_score = 0, 0
    for p in range(2, min(12, total // 2 + 1)):
        score = sum(keys[i] == keys[i + p] and keys[i] not in "X" for i in range(total - p))
        if score > best_score + 1:  # a longer period must explain clearly more lines
            best, best_score = p, score
    inside = [False] * total
    if not best or best_score < 4:
        return 0, inside
    match = [keys[i] == keys[i + best] for i in range(total - best)]
    # The longest run of repeating lines, tolerating one odd line per period (an ad, a missing credit).
    start = run_start = 0
    length = misses = 0
    best_run = (0, 0)
    for i, m in enumerate(match):
        if m:
            length = i - run_start + 1
        else:
            misses += 1
            if misses > max(1, (i - run_start) // best):
                run_start, misses = i + 1, 0
                continue
        if length > best_run[1] - best_run[0]:
            best_run = (run_start, i + 1)
    start, end = best_run
    for i in range(start, min(total, end + best)):
        inside[i] = True
    return best, inside


_EDGE = 9  # the blank lines "above" the first line and "below" the last: more than any line has


def _against(blanks: int, usual: int) -> str:
    """`<`, `=` or `>`: fewer, as many or more blank lines than the page usually leaves between lines."""
    return "<=>"[(blanks > usual) - (blanks < usual) + 1]


def page_features(lines: list[Line]) -> list[Features]:
    """Features of every line in its page: its own, its neighbours', its position and the page's repetition."""
    own = [line_features(line.text) for line in lines]
    total = len(lines)
    keys = [_key(f) for f in own]
    chain = _chain(lines)
    period, repeating = _period(keys)
    candidates = _title_candidates(lines, own)
    first_para = next(
        (i for i, f in enumerate(own) if f["words"] in ("<=30", "<=60", ">60") and "headingish" not in f), total
    )
    folded = [fold(line.text) for line in lines]
    menuish = [_menuish(line.text, f) for line, f in zip(lines, own, strict=True)]
    menu_run = [0] * total  # how many menu-like lines stand right above each line
    for i in range(1, total):
        menu_run[i] = menu_run[i - 1] + 1 if menuish[i - 1] else 0
    crumb_tails: dict[str, set[int]] = defaultdict(set)
    for i, line in enumerate(lines[:40]):
        if "crumbs" in own[i] and (steps := crumb_line(line.text)) is not None and len(steps) >= 2:
            crumb_tails[fold(steps[-1])].add(i)
    texts = Counter(fold(line.text) for line in lines)
    lead = Counter(str(f.get("w0", "")) for f in own)
    # The page's period: the commonest gap between lines of the rarest strong anchor kind (credits, numbers).
    positions: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        positions[k].append(i)
    gaps: dict[str, Counter[int]] = {k: Counter(b - a for a, b in itertools.pairwise(p)) for k, p in positions.items()}
    first_anchor = next((i for i, k in enumerate(keys) if k in "CNK" and len(positions[k]) >= 2), total)
    last_anchor = max((i for i, k in enumerate(keys) if k in "CNK" and len(positions[k]) >= 2), default=-1)
    # What kind of page this is, by how many credit, numbered, heading and counter lines it has: a short line
    # means one thing in a gallery full of credits and another in a news story with none. Site-grouped 10-fold on
    # 512 pages, seeds 1-3: 218 / 229 / 228 pages exact without these, 232 / 238 / 235 with them.
    kinds = Counter(keys)
    anchors = "C" + _bucket(kinds["C"], (0, 1, 3, 6)) + "N" + _bucket(kinds["N"], (0, 1, 3, 6))
    shapes = "H" + _bucket(kinds["H"], (0, 1, 3, 6)) + "K" + _bucket(kinds["K"], (0, 1, 3))
    # Blank lines around each line, as the page prints them (a menu's items stand close, a headline and a slide's
    # blocks stand apart), also against the page's usual spacing (some pages space every line). Site-grouped
    # 10-fold on 1132 pages: 511 / 520 pages exact without them, 528 / 532 with them; batch-grouped 516 -> 528.
    spaced = [min(2, b.number - a.number - 1) for a, b in itertools.pairwise(lines)]
    usual = Counter(spaced).most_common(1)[0][0] if spaced else 1
    spacing = [(spaced[i - 1] if i else _EDGE, spaced[i] if i < len(spaced) else _EDGE) for i in range(total)]
    out = []
    for i, f in enumerate(own):
        g: Features = dict(f)
        before, after = spacing[i]
        g["gap"] = f"{before}{after}"
        g["gap_usual"] = _against(before, usual) + _against(after, usual)
        g["gap_key"] = f"{g['gap']}|{keys[i]}"
        g["key_anchors"] = f"{keys[i]}|{anchors}"
        g["key_shapes"] = f"{keys[i]}|{shapes}"
        # The shapes of the line and its neighbours as one pattern (`HCP`: heading, credit, paragraph): a slide's
        # heading stands in the same short pattern on every site, whatever its words. Site-grouped 10-fold on 392
        # pages: 168.5 pages exact without them, 173.5 with the three-line pattern, 175.5 with the five-line one too.
        g["ctx"] = (keys[i - 1] if i else "^") + keys[i] + (keys[i + 1] if i + 1 < total else "$")
        g["ctx5"] = "".join(keys[j] if 0 <= j < total else "_" for j in range(i - 2, i + 3))
        g["pos"] = _bucket(int(10 * i / max(1, total)), (0, 1, 2, 4, 6, 8))
        g["from_start"] = _bucket(i, (0, 1, 2, 3, 5, 8, 12, 20))
        g["from_end"] = _bucket(total - 1 - i, (0, 1, 2, 4, 8, 15))
        g["zone"] = "before" if i < first_anchor else "after" if i > last_anchor else "inside"
        k = keys[i]
        g["key"] = k
        g["key_count"] = _bucket(len(positions[k]), (1, 2, 4, 8, 16))
        if gaps[k]:
            gap, times = gaps[k].most_common(1)[0]  # not `period`: the page's period is used just below
            if times >= 2:
                prev_gap = i - max((p for p in positions[k] if p < i), default=-999)
                next_gap = min((p for p in positions[k] if p > i), default=10**6) - i
                g["periodic"] = float(gap in (prev_gap, next_gap))
                g["period"] = _bucket(gap, (1, 2, 3, 4, 6, 10))
        g["repeating"] = float(repeating[i])
        if period:
            g["rep_key"] = f"{k}:{int(repeating[i])}"
            if i - period >= 0 and keys[i - period] == k:
                g["same_as_period_back"] = 1.0
            if i + period < total and keys[i + period] == k:
                g["same_as_period_ahead"] = 1.0
        if i in chain:
            g["chain"] = 1.0
            g["chain_size"] = _bucket(chain[i], (2, 3, 5, 9))
        if i in candidates:
            g["title_cand"] = str(candidates[i])
            g["title_cand_case"] = f"{candidates[i]}:{'T' if is_title_case(lines[i].text) else 's'}"
        g["before_first_para"] = float(i < first_para)
        if menu_run[i] >= 3 and not menuish[i]:
            g["after_menu"] = 1.0  # the first full line under the site's menu words: where headlines stand
        key = folded[i]
        if (
            i < 40
            and len(key) >= 12
            and any(o != key and len(o) >= 12 and (o.startswith(key) or key.startswith(o)) for o in folded)
        ):
            g["prefix_of_other"] = 1.0  # a headline also printed truncated, or inside the browser title
        if len(key) >= 6 and key in crumb_tails and i not in crumb_tails[key]:
            g["crumb_echo"] = 1.0  # the breadcrumb's last step names the page: "Home > Travel > Headline"
        g["same_text"] = _bucket(texts[fold(lines[i].text)], (1, 2, 4))
        g["same_w0"] = _bucket(lead[str(f.get("w0", ""))], (1, 2, 4, 8))
        for d in (-2, -1, 1, 2):
            j = i + d
            tag = f"{d:+d}:"
            if not 0 <= j < total:
                g[tag + "edge"] = 1.0
                continue
            n = own[j]
            g[tag + "key"] = keys[j]
            g[tag + "end"] = n["end"]
            if abs(d) == 1:
                g[tag + "words"] = n["words"]
                for name in (
                    "credit",
                    "caption_credit",
                    "headingish",
                    "numbered",
                    "counter",
                    "chrome",
                    "date",
                    "byline",
                    "label_colon",
                    "credit_label_alone",
                    "marker",
                    "bare_number",
                ):
                    if name in n:
                        g[tag + name] = 1.0
                if j in chain:
                    g[tag + "chain"] = 1.0
        if i + 1 < total and fold(lines[i + 1].text) == fold(lines[i].text):
            g["repeated_next"] = 1.0
        if i and fold(lines[i - 1].text) == fold(lines[i].text):
            g["repeated_prev"] = 1.0
        out.append(g)
    return out
