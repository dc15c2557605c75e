"""Small synthetic pages for training (never scored): the short, clean pages people type into tests and demos.

The real corpus holds long pages with full site chrome; a model trained only on them has never seen a
five-line page whose first line is its title, nor a short typed news story (title, byline, paragraphs), which it
must refuse: a corpus full of caption-only galleries taught it to read such paragraphs as captions. These are
generated from a fixed seed, so training stays deterministic.
"""

from __future__ import annotations

import random

from .corpus import Page, page_lines

_WORDS = [
    "river",
    "stone",
    "market",
    "garden",
    "harbour",
    "tower",
    "valley",
    "island",
    "bridge",
    "forest",
    "castle",
    "desert",
    "lake",
    "canyon",
    "meadow",
]
_CREDITS = ("Credit: {}", "Photo: {}", "Credits: {}", "Image: {}", "Photo by {}", "{}/Getty Images", "Foto: {}")
_NAMES = ("Jo Ames", "Ann Lee", "Lars Berg", "Mia Kova", "Reuters", "Getty Images", "X", "Lead Agency", "Tom Reyes")
_BODIES = (
    "Body one.",
    "A sunny spot.",
    "is a long enough paragraph to count as running text in a slide body.",
    "Visitors queue for hours in summer, so arrive early.",
    "It is quieter in winter, and the light is softer.",
)


_CAPTIONS = (
    "Woman in a yellow raincoat walking a dog along a wet {} street at dusk",
    "Tourists photograph the {} from a viewing platform",
    "A view of the {} at sunrise",
    "Aerial view of the old {} and the hills behind it",
)
_LABEL_LINES = (
    "Fun fact: the {} is older than it looks.",
    "Where: near the {}.",
    "Price: free entry.",
    "Tip: go early.",
)


def _heading(rng: random.Random) -> str:
    return " ".join(w.capitalize() for w in rng.sample(_WORDS, rng.randint(1, 3)))


def page(rng: random.Random, n: int) -> Page:
    """One small page: maybe a menu word or the site's name, a title, maybe an intro and a byline, one to four
    slides, maybe a footer. (Without the menu line, a model trained on 992 real pages took a typed page's title
    under `Menu` for furniture: the corpus's lines under a menu word are mostly more menu.)"""
    rows: list[tuple[str, str]] = []
    if rng.random() < 0.3:
        rows.append(("chrome", rng.choice(["Menu", "Home", "Skip to content", "Search", "The Daily Example"])))
    rows.append(("title", f"{_heading(rng)} {rng.choice(['Guide', 'Line', 'Worth Seeing', 'Here'])}"))
    if rng.random() < 0.3:
        rows.append(("byline", f"By {rng.choice(_NAMES[:4])}"))
    if rng.random() < 0.25:
        rows.append(("credit", rng.choice(_CREDITS).format(rng.choice(_NAMES))))
    if rng.random() < 0.8:
        rows.append(
            ("intro", rng.choice(["Intro.", "Intro para.", "Intro text here.", "Some words to set the scene."]))
        )
    slides = rng.randint(1, 4)
    numbered = rng.random() < 0.35
    countdown = rng.random() < 0.5
    placement = rng.choice(["after", "after", "end"])
    captions = rng.random() < 0.3
    for k in range(slides):
        number = slides - k if countdown else k + 1
        head = _heading(rng)
        if numbered and rng.random() < 0.3:
            rows.append(("heading", str(number)))
            rows.append(("heading", head))
        else:
            rows.append(("heading", f"{number}. {head}" if numbered else head))
        credit = ("credit", rng.choice(_CREDITS).format(rng.choice(_NAMES)))
        if captions and rng.random() < 0.8:
            rows.append(("caption", rng.choice(_CAPTIONS).format(head.lower())))
        if rng.random() < 0.8 and placement == "after":
            rows.append(credit)
        rows.append(("body", f"{head} {rng.choice(_BODIES)}" if rng.random() < 0.4 else rng.choice(_BODIES)))
        if rng.random() < 0.2:
            rows.append(("body", rng.choice(_LABEL_LINES).format(head)))
        if rng.random() < 0.8 and placement == "end":
            rows.append(credit)
        if k < slides - 1 and rng.random() < 0.15:
            rows.append(("chrome", rng.choice(["Trending", "Advertisement", "Related"])))
    if rng.random() < 0.3:
        rows.append(("footer", f"Read More From {rng.choice(['Site Name', 'The Daily Example'])}"))
        if rng.random() < 0.5:
            rows.append(("byline", f"{rng.choice(_NAMES[:4])} is a reporter who covers cities."))
    text = "\n".join(t if rng.random() < 0.7 else f"{t}\n" for _, t in rows) + "\n"
    lines = page_lines(text)
    return Page(f"synthetic-{n}", lines, [lab for lab, _ in rows], site=f"synthetic:{n}", kind="synthetic")


_PROSE = (
    "The {w} committee met on {day} to discuss plans for the {w2} and agreed to meet again next month.",
    "Residents near the {w} said the work had gone on for years, and many asked when it would finally end.",
    "Officials expect the {w} to reopen in the spring, although the cost of the repairs is still being counted.",
    "A spokesperson for the {w} declined to comment on the figures, saying a full report would follow.",
    "Critics argued that money spent on the {w} would be better used on schools, roads and the {w2}.",
    "The vote passed by a narrow margin after a debate that lasted well into the evening on {day}.",
)
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def story(rng: random.Random, n: int) -> Page:
    """A short news story, which is no slideshow: a headline, maybe a byline and a date, then paragraphs only."""
    title = f"{_heading(rng)} {rng.choice(['Plan Approved', 'Vote Delayed', 'Reopens'])}"
    rows: list[tuple[str, str]] = [("title", title)]
    if rng.random() < 0.6:
        rows.append(("byline", f"By {rng.choice(_NAMES[:4])}"))
    if rng.random() < 0.5:
        rows.append(
            ("date", f"{rng.choice(['March', 'June', 'October'])} {rng.randint(1, 28)}, 20{rng.randint(10, 25)}")
        )
    for template in rng.sample(_PROSE, rng.randint(3, 6)):
        w, w2 = rng.sample(_WORDS, 2)
        rows.append(("body", template.format(w=w, w2=w2, day=rng.choice(_DAYS))))
    text = "\n\n".join(t for _, t in rows) + "\n"
    labels = [lab for lab, _ in rows]
    return Page(f"synthetic-story-{n}", page_lines(text), labels, site=f"synthetic:story{n}", kind="synthetic")


def pages(count: int = 150, seed: int = 8, stories: int = 10) -> list[Page]:
    """`count` small slideshows and `stories` short news stories (from their own seed, so adding stories leaves
    the slideshows as they were)."""
    rng = random.Random(seed)
    shows = [page(rng, n) for n in range(count)]
    news = random.Random(seed + 1)
    return shows + [story(news, n) for n in range(stories)]
