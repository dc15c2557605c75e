"""The slideshow-text reader: the seed article exactly, one fixture per page variant, warnings, encodings.

Every fixture's expected reading is written out in full below; `pages/` holds mixed, messier pages written as
a holdout set (see docs/text-reader.md for how they were measured).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from slide2video import Article, ArticleError, Slide, article_to_yaml, load_article
from slide2video.readers import parse_article_text
from slide2video.readers.text import tokenise
from support import FIXTURES, SEED

TEXT = FIXTURES / "text"


def S(heading: str, credit: str | None, *body: str, alt: str | None = None, number: int | None = None) -> Slide:
    return Slide(heading=heading, body=list(body), credit=credit, alt=alt, number=number)


def A(title: str, *, slides: list[Slide], intro: list[str], **meta: str) -> Article:
    return Article(title=title, slides=slides, intro=intro, **meta)


SEED_HEADINGS = [
    "French President’s Remarks Spark Concerns",
    "Macron’s Statement",
    "Kremlin’s Red Line",
    "Assessment of Consequences",
    "NATO Allies’ Response",
    "Stoltenberg’s Statement",
    "Focus on Cyber Defense and Weapons Production",
    "Challenges Faced by Ukraine",
    "Stalled Aid from the United States",
    "Potential Welcome for Foreign Troops",
    "Ongoing Conflict Dynamics",
]


def test_seed_exact() -> None:
    """The seed has 11 slide headings (the issue's "17" is wrong); the 12th credit belongs to the footer."""
    art = load_article(SEED)
    assert art.title == "Russia Says NATO Forces In Ukraine Would Make War An “Inevitability”"
    assert art.section == "Politics"
    assert art.source == "The Stock Dork"
    assert art.byline is not None and art.byline.startswith("Malik is a skilled writer")
    assert art.byline.endswith("Stay informed and engaged!")
    assert art.intro == [
        "The Kremlin issued a stark warning on Tuesday, cautioning NATO against sending troops to Ukraine, stating "
        "that such a move could escalate tensions and lead to a direct conflict between the military alliance and "
        "Russia."
    ]
    assert [s.heading for s in art.slides] == SEED_HEADINGS
    assert {s.credit for s in art.slides} == {"DepositPhotos"}
    assert all(s.number is None and s.image is None and s.alt is None for s in art.slides)
    assert [len(s.body) for s in art.slides] == [1, 2, 2, 1, 1, 1, 1, 2, 1, 2, 2]
    assert art.slides[1].body == [
        "During a press conference in Paris, the French president stated, “Nothing should be excluded,” in "
        "reference to placing Western forces in Ukraine.",
        "“We will do anything we can to prevent Russia from winning this war.”",
    ]
    assert (
        art.slides[3]
        .body[0]
        .endswith(
            "“In that case, it is not going to be about probability, but "
            "inevitability—that is how we assess it,” according to the "
            "Kremlin-controlled outlet Tass."
        )
    )
    assert art.slides[-1].body[-1].startswith("The conflict underscores the complex geopolitical landscape")
    assert not any("Read More" in p or "Malik" in p for s in art.slides for p in s.body)
    assert art.warnings == []


EXPECTED: dict[str, Article] = {
    "author-bio.txt": A(
        "Three Tools Every Home Cook Should Own",
        byline="Sara Lindqvist is a food writer who has tested kitchen equipment for more than a decade.",
        intro=["You do not need a drawer full of gadgets to cook well."],
        slides=[
            S("A Sharp Chef's Knife", "Tom Reyes", "A good knife makes chopping faster and safer."),
            S("A Heavy Pan", "Tom Reyes", "Cast iron holds heat and lasts for generations."),
            S("A Digital Thermometer", "Tom Reyes", "It removes the guesswork from roasting meat."),
        ],
    ),
    "breadcrumb-arrows.txt": A(
        "Three Things to Watch in the Budget Vote",
        section="Politics",
        intro=["Lawmakers return on Monday with a deadline and very little agreement."],
        slides=[
            S("The Deadline", "Alex Moran", "Funding runs out at midnight on Friday."),
            S("The Holdouts", "Alex Moran", "A handful of members have vowed to vote against any deal."),
            S("The Fallback", "Alex Moran", "A short stopgap bill is already drafted."),
        ],
    ),
    "breadcrumb-lines.txt": A(
        "Three Night Trains Worth Booking",
        section="Travel",
        intro=["Sleeper trains are back, and some routes sell out months ahead."],
        slides=[
            S("Vienna to Venice", "Rail Europe", "You fall asleep in the Alps and wake up beside the lagoon."),
            S(
                "Stockholm to Narvik",
                "Ingrid Holm",
                "The line runs north of the Arctic Circle through snow-covered forest.",
            ),
            S("Lisbon to Madrid", "Pedro Alves", "This route was cancelled during the pandemic and is due to return."),
        ],
    ),
    "byline-dates.txt": A(
        "Three Budget Phones That Feel Expensive",
        byline="Dana Whitfield",
        intro=["You no longer need to spend a fortune to get a good camera and a bright screen."],
        slides=[
            S("The All-Rounder", "Dana Whitfield", "Its battery easily lasts two days."),
            S("The Camera Phone", "Dana Whitfield", "Low-light photos rival flagships from two years ago."),
            S("The Compact One", "Dana Whitfield", "It fits comfortably in a jeans pocket."),
        ],
    ),
    "caption-credit-inline.txt": A(
        "Three Volcanoes You Can Hike",
        intro=["Some active volcanoes are open to walkers, with a guide and the right boots."],
        slides=[
            S(
                "Mount Etna, Italy",
                "Giovanni Russo",
                "Guided groups climb to the summit craters when activity allows.",
                alt="Lava flows glow on the upper slopes at night.",
            ),
            S(
                "Mount Fuji, Japan",
                "Hana Sato/Getty Images",
                "The official climbing season lasts only two months.",
                alt="Hikers on the summit at dawn.",
            ),
            S(
                "Villarrica, Chile",
                "Diego Ramos",
                "Crampons are needed even in summer.",
                alt="The crater lake of lava seen from the rim",
            ),
        ],
    ),
    "caption-repeat.txt": A(
        "Three Desserts Worth the Calories",
        intro=["Diets can start tomorrow."],
        slides=[
            S("Tiramisu", "Paola Ricci", "Coffee-soaked biscuits and mascarpone make a rich, cool dessert."),
            S("Baklava", "Deniz Kaya", "Layers of pastry, nuts and syrup reward a patient baker."),
            S("Pavlova", "Ruby Hart", "A crisp meringue shell hides a soft, marshmallow centre."),
        ],
    ),
    "chrome-ads.txt": A(
        "Three Easy Stretches for Desk Workers",
        intro=["Sitting all day stiffens the neck, back and hips. These take a minute each."],
        slides=[
            S("Neck Rolls", "Oliver Grant", "Slowly roll your head in a half circle from shoulder to shoulder."),
            S("Seated Twist", "Oliver Grant", "Turn your upper body towards the back of the chair and hold."),
            S("Hip Opener", "Oliver Grant", "Cross one ankle over the opposite knee and lean forward gently."),
        ],
    ),
    "comments.txt": A(
        "Three Board Games for Family Night",
        intro=["Screens off, dice out."],
        slides=[
            S("Ticket to Ride", "Lars Berg", "Players collect train cards to claim railway routes across a map."),
            S("Carcassonne", "Lars Berg", "Tiles build a medieval landscape one piece at a time."),
            S("Codenames", "Lars Berg", "Two teams race to guess words from one-word clues."),
        ],
    ),
    "countdown.txt": A(
        "The 5 Most Crowded Landmarks in Europe, Ranked",
        section="Travel",
        intro=["Summer queues can stretch for hours. We counted down the busiest."],
        slides=[
            S(
                "Sagrada Familia, Barcelona",
                "Elena Marsh/Shutterstock",
                "Timed tickets sell out weeks ahead in July.",
                number=5,
            ),
            S(
                "Colosseum, Rome",
                "Marco Bellini",
                "Roughly twenty thousand people pass through its arches on a busy day.",
                number=4,
            ),
            S("Louvre, Paris", "Getty Images", "Most visitors head straight for one small painting.", number=3),
            S(
                "Acropolis, Athens",
                "Nikos Pappas/AFP via Getty Images",
                "The site now caps visitors per hour during peak season.",
                number=2,
            ),
            S("Eiffel Tower, Paris", "Claire Dubois", "Lines for the summit lift can exceed three hours.", number=1),
        ],
    ),
    "counter-after.txt": A(
        "Three Habits That Help You Sleep Better",
        intro=["Sleep researchers keep returning to the same simple advice."],
        slides=[
            S("Keep a Fixed Wake-Up Time", None, "Getting up at the same hour every day anchors your body clock."),
            S("Dim the Lights After Dinner", None, "Bright light in the evening delays the release of melatonin."),
            S("Cool the Bedroom", None, "Most people sleep best in a room a little cooler than they expect."),
        ],
    ),
    "counter-before.txt": A(
        "Four Retro Gadgets Making a Comeback",
        intro=["Old technology is finding a new, younger audience."],
        slides=[
            S("Film Cameras", "Rita Gomes", "Young photographers are paying premium prices for decades-old cameras."),
            S("Vinyl Records", "Getty Images", "Record sales have grown for more than fifteen years in a row."),
            S("Flip Phones", "Dan Price/Shutterstock", "Some parents see them as a gentler first phone for children."),
            S("Cassette Tapes", "Lena Kurz", "Independent bands sell limited runs at concerts."),
        ],
    ),
    "credit-after-caption.txt": A(
        "Four Bridges Worth the Detour",
        intro=["Some crossings are destinations in their own right."],
        slides=[
            S(
                "The Old Stone Arch",
                "Anna Berg",
                "Built in the 1600s, the arch has survived floods that swept away its neighbours.",
                alt="A stone arch reflected in a calm river at sunrise.",
            ),
            S(
                "The Glass Walkway",
                "Li Wei/Shutterstock",
                "The walkway sways gently, which is entirely by design.",
                alt="Visitors look down through a glass floor into a deep gorge.",
            ),
            S(
                "The Floating Bridge",
                "Sam Okafor",
                "Engineers anchored each pontoon to the lake bed with steel cables.",
                alt="Pontoons carry a road across a wide lake.",
            ),
        ],
    ),
    "credit-bare.txt": A(
        "Five Moments That Defined the Season",
        intro=["The championship race came down to the final weekend, and these were the turning points."],
        slides=[
            S(
                "The Opening Upset",
                "Kevin Jairaj-USA TODAY Sports",
                "Nobody expected the visitors to win the opener, least of all their own fans.",
            ),
            S(
                "A Record-Breaking Night",
                "Maria Lopez/Shutterstock",
                "The veteran striker scored four times in one half.",
            ),
            S("The Injury Scare", "Tom Pennington via Getty Images", "For a week the whole league held its breath."),
            S("The Comeback", "Reuters", "Down three goals at halftime, the team rallied to draw."),
            S(
                "EPA Announces New Rules",
                "AP Photo/Evan Vucci",
                "Even the stadium lights came under new efficiency standards this year.",
            ),
        ],
    ),
    "credit-before-heading.txt": A(
        "Six Breakfasts From Around the World",
        section="Food",
        intro=["Breakfast says a lot about a place. Here is how three countries start the day."],
        slides=[
            S("Japan", "Kenji Mori/Shutterstock", "Grilled fish, rice and miso soup make a savoury start."),
            S("Turkey", "Getty Images", "A spread of cheese, olives, tomatoes and bread fills the table."),
            S(
                "Mexico",
                "Ana Ruiz",
                "Chilaquiles, fried tortillas in salsa, are topped with eggs and cream.",
                "They are best eaten straight away.",
            ),
        ],
    ),
    "credit-end-of-body.txt": A(
        "Three Gardens to Visit This Spring",
        intro=["Spring comes early to these gardens, and so do the crowds."],
        slides=[
            S(
                "Keukenhof, Netherlands",
                "Pieter de Vries",
                "Seven million bulbs bloom across the park each April.",
                "Arrive at opening time to beat the tour buses.",
            ),
            S(
                "Kenroku-en, Japan",
                "Yuki Tanaka/Getty Images",
                "Plum and cherry blossoms frame the ponds in early spring.",
            ),
            S(
                "Butchart Gardens, Canada",
                "Public Domain",
                "A former quarry became one of the most visited gardens in North America.",
            ),
        ],
    ),
    "credit-label-next-line.txt": A(
        "Three Museums Open Late on Fridays",
        intro=["Beat the daytime crowds with an evening visit."],
        slides=[
            S("The Tate Modern", "Ella Price/Shutterstock", "Late openings include talks and live music."),
            S("The Rijksmuseum", "Getty Images", "The galleries are quieter after six."),
            S("The Met", "Sam Cole", "Friday evenings often feature a string quartet on the balcony."),
        ],
    ),
    "credit-labels.txt": A(
        "Seven Ways Astronomers Photograph the Sky",
        section="Space",
        intro=["Astronomers rely on a surprising range of tools, from backyard lenses to orbiting observatories."],
        slides=[
            S(
                "Backyard Telescopes",
                "Jane Holloway",
                "Amateur observers still discover comets every year with modest equipment.",
            ),
            S("Mountain Observatories", "Getty Images", "High, dry peaks give the steadiest views of faint galaxies."),
            S(
                "Radio Dishes",
                "Mark Delaney",
                "Radio astronomers listen rather than look, mapping cold gas between the stars.",
            ),
            S("Space Telescopes", "NASA", "Above the atmosphere, nothing blurs the light."),
            S("Solar Observatories", "Wikimedia Commons", "Special filters let scientists study sunspots safely."),
            S(
                "Infrared Cameras",
                "European Southern Observatory",
                "Dust clouds that hide newborn stars glow brightly in infrared light.",
            ),
            S("Citizen Science", "Zooniverse", "Volunteers classify millions of galaxy images online."),
        ],
    ),
    "cyrillic.txt": A(
        "Пять фактов о Луне, которые удивляют",
        section="Космос",
        byline="Иван Петров",
        intro=["Луна кажется знакомой, но учёные до сих пор находят на ней неожиданное."],
        slides=[
            S(
                "Луна удаляется от Земли",
                "NASA",
                "Каждый год расстояние до спутника увеличивается примерно на четыре сантиметра.",
            ),
            S("На Луне есть вода", "ТАСС", "Лёд сохраняется в затенённых кратерах у полюсов."),
            S(
                "«Лунные сутки» длятся месяц",
                "РИА Новости",
                "День и ночь сменяются там примерно раз в двадцать девять земных суток.",
            ),
        ],
    ),
    "footer-related.txt": A(
        "Three Ways to Cut Your Energy Bill This Winter",
        source="Daily Saver",
        intro=["Small changes around the house add up over a cold season."],
        slides=[
            S(
                "Seal the Drafts",
                "Home Energy Trust",
                "Gaps around windows and doors can let out a surprising amount of heat.",
            ),
            S(
                "Turn Down the Thermostat",
                "Home Energy Trust",
                "Each degree lower can cut heating costs by several percent.",
            ),
            S("Wash Clothes Cold", "Home Energy Trust", "Modern detergents work well at low temperatures."),
        ],
    ),
    "heading-only.txt": A(
        "Three Habits of Good Listeners",
        intro=["Listening is a skill, and like any skill it can be practised."],
        slides=[
            S(
                "They Do Not Interrupt",
                None,
                "Good listeners let the other person finish, even when they think they know the ending.",
            ),
            S("They Ask Follow-Up Questions", None, "A second question shows you heard the first answer."),
            S("They Put the Phone Away", None, "Nothing signals boredom faster than a glance at a screen."),
        ],
    ),
    "kicker.txt": A(
        "Three Small Firms That Beat the Giants",
        source="BUSINESS",
        byline="Ruth Adeyemi",
        intro=["A bakery, a bike shop and a bookshop show that size is not everything."],
        slides=[
            S("The Bakery", "Ruth Adeyemi", "It opened at five every morning and won over the commuters."),
            S("The Bike Shop", "Ruth Adeyemi", "Free repairs for children built loyalty that lasted decades."),
            S("The Bookshop", "Ruth Adeyemi", "Staff picks, written by hand, outsold the chain's discounts."),
        ],
    ),
    "nbsp-zero-width.txt": A(
        "Three Quiet Beaches in Portugal",
        intro=["The Algarve’s famous coves are crowded, but the “wild coast” to the west is not."],
        slides=[
            S("Praia da Amoreira", "Rui Costa", "A river meets the sea at this wide, windy beach."),
            S("Praia do Amado", "Rui Costa", "“The surf here is reliable all year,” says one local instructor."),
            S("Praia da Bordeira", "Rui Costa", "Dunes separate the beach from the village behind it."),
        ],
    ),
    "no-credit-no-body.txt": A(
        "Four Famous Lighthouses",
        intro=["Lighthouses still guide ships, even in the age of satellite navigation."],
        slides=[
            S("Tower of Hercules", "Luis Prado", "The oldest working lighthouse was built by the Romans."),
            S("Bell Rock", None, "Its builders worked only at low tide for four summers."),
            S("Cape Hatteras", "National Park Service"),
            S(
                "Peggy's Cove",
                "Emma Stone/Shutterstock",
                "The small lighthouse sits on a granite shore battered by Atlantic storms.",
            ),
        ],
    ),
    "numbered-colon.txt": A(
        "Four Questions to Ask Before Adopting a Dog",
        intro=["A dog can live fifteen years. These questions help you decide if now is the time."],
        slides=[
            S(
                "How Much Time Do You Have?",
                None,
                "Most dogs need at least an hour of exercise and attention every day.",
            ),
            S("Can You Afford the Vet Bills?", None, "Routine care alone can cost several hundred dollars a year."),
            S("Who Will Care for It When You Travel?", None, "Kennels fill up quickly during holidays."),
            S("Is Your Landlord on Board?", None, "Many leases restrict pets by size or breed."),
        ],
    ),
    "numbered-dot.txt": A(
        "Five Habits of People Who Never Run Out of Money",
        section="Money",
        intro=["Small routines, repeated for years, matter more than any single windfall."],
        slides=[
            S(
                "They Pay Themselves First",
                "DepositPhotos",
                "A fixed share of every paycheck goes to savings before anything else.",
            ),
            S(
                "They Track Every Subscription",
                "DepositPhotos",
                "Forgotten monthly charges add up faster than most people think.",
            ),
            S(
                "They Keep an Emergency Fund",
                "DepositPhotos",
                "Three to six months of expenses turns a crisis into an inconvenience.",
            ),
        ],
    ),
    "numbered-hash.txt": A(
        "The Three Easiest Houseplants for Beginners",
        intro=["Even people who forget to water can keep these alive."],
        slides=[
            S(
                "Snake Plant",
                None,
                "It tolerates low light and weeks without water.",
                "1. Let the soil dry out completely.",
                "2. Soak the pot in a sink.",
                "3. Drain it well before putting it back.",
            ),
            S("Pothos", None, "Its trailing vines forgive almost any mistake."),
            S("ZZ Plant", None, "Glossy leaves store water for the dry spells."),
        ],
    ),
    "numbered-paren.txt": A(
        "Three Tiny Towns With Big Festivals",
        intro=["Population numbers do not tell you how loud a place can get."],
        slides=[
            S("Bunol, Spain", "Carlos Vidal", "Every August the streets run red with tomatoes."),
            S("Ivrea, Italy", "Giulia Neri", "Teams pelt each other with oranges in a three-day battle."),
            S("Sonkajarvi, Finland", "Public Domain", "Men race through an obstacle course carrying their wives."),
        ],
    ),
    "title-twice.txt": A(
        "Why Cities Are Planting Tiny Forests",
        section="Environment",
        source="Green Street Journal",
        intro=["Dense plots the size of a tennis court are popping up between apartment blocks."],
        slides=[
            S("They Grow Fast", "Maya Lind", "Planted densely, the saplings compete for light and shoot upwards."),
            S("They Cool the Street", "Maya Lind", "Shade and moisture can lower summer temperatures on the pavement."),
            S(
                "They Bring Back Birds",
                "Maya Lind",
                "Within three years, surveys find several times more insect and bird species.",
            ),
        ],
    ),
    "pages/caption-agency.txt": A(
        "Five Animals That Returned From the Brink",
        intro=["Conservation rarely makes headlines when it works. These species are proof that it can."],
        slides=[
            S(
                "Humpback Whale",
                "Getty Images",
                "Once hunted to a few thousand, humpbacks now number in the tens of thousands.",
                alt="A humpback breaches off the coast of Australia.",
            ),
            S(
                "Bald Eagle",
                "Reuters",
                "A ban on the pesticide DDT allowed eagle populations to recover.",
                alt="A bald eagle perched above a river in Alaska.",
            ),
            S(
                "Giant Panda",
                "Wang Lei/Xinhua",
                "Protected forests helped wild numbers rise by almost a fifth.",
                alt="A panda eats bamboo at a reserve in Sichuan.",
            ),
            S(
                "Southern White Rhino",
                "Sipho Ndlovu/AFP via Getty Images",
                "Fewer than a hundred survived in 1900; today there are thousands.",
                alt="Rhinos graze on a private reserve in South Africa.",
            ),
        ],
    ),
    "pages/countdown-chrome.txt": A(
        "The 10 Longest Films Ever Released in Cinemas",
        section="Movies",
        byline="Marcus Bell",
        intro=["Some directors simply refuse to cut. Grab snacks."],
        slides=[
            S(
                "Gone with the Wind",
                "Wikimedia Commons",
                "At nearly four hours, it still plays with an intermission.",
                number=3,
            ),
            S(
                "Lawrence of Arabia",
                "Wikimedia Commons",
                "The desert scenes were shot over more than a year.",
                number=2,
            ),
            S("Cleopatra", "Wikimedia Commons", "Its budget nearly bankrupted the studio that made it.", number=1),
        ],
    ),
    "pages/no-intro-nav.txt": A(
        "Four Cheap Upgrades That Make a Rental Feel Like Home",
        byline="Oscar Lindahl",
        intro=[],
        slides=[
            S("Swap the Light Bulbs", "Oscar Lindahl", "Warm white bulbs change the mood of a room instantly."),
            S("Add Plants", "Oscar Lindahl", "Even one large plant softens hard corners."),
            S("Hang Curtains High", "Oscar Lindahl", "Mounting the rail near the ceiling makes windows look taller."),
            S("Use Removable Hooks", "Oscar Lindahl", "You can hang art without losing your deposit."),
        ],
    ),
    "pages/numbered-credit-end.txt": A(
        "Four Mistakes First-Time Home Buyers Make",
        byline="Helen Marsh has covered personal finance and housing for twelve years.",
        intro=["Buying a first home is exciting, and expensive mistakes are easy to make."],
        slides=[
            S(
                "Skipping the Inspection",
                "Getty Images",
                "A cheap survey can reveal problems that cost thousands to fix later.",
            ),
            S("Forgetting About Closing Costs", "Getty Images", "Fees and taxes can add several percent to the price."),
            S("Maxing Out the Budget", "iStock", "A loan you can barely afford leaves nothing for repairs."),
            S("Buying for Today Only", "iStock", "Think about where you will be in five years, not just next month."),
        ],
    ),
    "pages/portal-slides.txt": A(
        "The Most Expensive Cities to Rent In Right Now",
        source="Money Digest",
        byline="Priya Nair",
        intro=["Rents have climbed faster than wages almost everywhere, but a few cities stand out."],
        slides=[
            S("New York City", "Money Digest", "The median one-bedroom now costs more than many mortgages."),
            S("San Francisco", "Money Digest", "Tech salaries keep demand high even as offices sit half empty."),
            S("Boston", "Money Digest", "Students and young professionals compete for the same small flats."),
            S("Miami", "Money Digest", "New arrivals pushed rents up by double digits in two years."),
        ],
    ),
    "pages/quotes-unsplash.txt": A(
        "Four Athletes Who Changed Their Sport",
        intro=["Some careers are measured in medals. These are measured in what came after."],
        slides=[
            S(
                "Serena Williams",
                "Clara Hughes on Unsplash",
                "She won twenty-three Grand Slam singles titles.",
                "“I really think a champion is defined not by their wins but by how they can recover when they fall”",
                "Her influence reached far beyond tennis.",
            ),
            S("Jesse Owens", "Public Domain", "His four gold medals in Berlin in 1936 made history."),
            S("Nadia Comăneci", "Ion Popescu/AFP", "She scored the first perfect ten in Olympic gymnastics."),
            S("Pelé", "Rui Santos/Reuters", "He won three World Cups with Brazil."),
        ],
    ),
    "pages/russian-counter.txt": A(
        "Шесть городов России с самой чистой водой",
        section="Общество",
        intro=["Составлен рейтинг городов, где водопроводную воду можно пить без фильтра."],
        slides=[
            S("Казань", "Анна Смирнова", "Город получает воду из подземных источников, а не из Волги."),
            S("Екатеринбург", "ТАСС", "Новые очистные сооружения заработали в прошлом году."),
            S("Тюмень", "РИА Новости", "Качество воды проверяют каждый день в нескольких точках города."),
        ],
    ),
    "pages/sentence-case.txt": A(
        "What really happens when you stop drinking coffee",
        section="Health",
        intro=["Giving up caffeine is harder than many people expect, but the effects fade quickly."],
        slides=[
            S(
                "The first day is the hardest",
                "Shutterstock",
                "Headaches usually start twelve to twenty-four hours after the last cup.",
                alt="A man rubs his temples at a desk.",
            ),
            S(
                "You may feel tired for a week",
                "Shutterstock",
                "Caffeine blocks a chemical that makes you feel sleepy, so that chemical now has free rein.",
                alt="A woman yawns on a morning train.",
            ),
            S(
                "Will you sleep better?",
                "Shutterstock",
                "Many people report deeper sleep within a fortnight.",
                alt="An alarm clock on a bedside table.",
            ),
        ],
    ),
    "credit-mixed-placement.txt": A(
        "Five Rivers Worth Paddling",
        intro=["Rivers offer a slower way to see a country."],
        slides=[
            S("The Dordogne", "Anne Petit", "Gentle currents and castles on the cliffs make it ideal for beginners."),
            S("The Soca", "Luka Novak", "Its water is an unreal shade of turquoise."),
            S("The Spey", "Ian Ross", "Whisky distilleries line the banks of this fast Scottish river."),
            S("The Danube", "Eva Kovacs", "You can paddle through four capital cities."),
        ],
    ),
    "numbered-sublist.txt": A(
        "Three Ways to Make Better Coffee at Home",
        intro=["Good coffee is mostly about a few small habits."],
        slides=[
            S("Buy Whole Beans", "Lisa Ford", "Ground coffee goes stale within days."),
            S(
                "Weigh Everything",
                "Lisa Ford",
                "A simple recipe:",
                "1. Use 15 grams of coffee.",
                "2. Add 250 grams of water.",
                "3. Brew for four minutes.",
            ),
            S("Clean Your Machine", "Lisa Ford", "Old oils make every cup taste bitter."),
        ],
    ),
    "countdown-credit-before.txt": A(
        "The Top 3 Bakeries in Lyon",
        intro=["We ate far too many croissants so you don't have to."],
        slides=[
            S("Boulangerie du Pont", "Marc Leroy", "Its sourdough sells out by ten.", number=3),
            S("Maison Fleur", "Marc Leroy", "The almond croissant is worth the queue.", number=2),
            S("Le Petit Four", "Sophie Blanc", "Everything here is baked twice a day.", number=1),
        ],
    ),
    "counter-after-heading.txt": A(
        "Three Trails for Autumn Colours",
        intro=["October is the best month to walk these routes."],
        slides=[
            S("Hocking Hills", "Ohio Tourism", "Sandstone gorges glow orange and red."),
            S("Acadia Loop", "Maine Office of Tourism", "Maples line the carriage roads."),
            S("Blue Ridge Parkway", "Virginia Tourism", "Overlooks every few miles reveal a new valley."),
        ],
    ),
    "lead-caption.txt": A(
        "Three Dog Breeds That Love Apartments",
        section="Pets",
        intro=["Not every dog needs a garden. These breeds are happy with a walk and a sofa."],
        slides=[
            S("French Bulldog", "Getty Images", "Quiet and affectionate, they rarely bark."),
            S("Cavalier King Charles Spaniel", "Getty Images", "They adapt to their owner's energy level."),
            S("Greyhound", "Getty Images", "Surprisingly lazy indoors, they sleep most of the day."),
        ],
    ),
    "hard-wrapped.txt": A(
        "Three Tips for Better Sleep",
        intro=["Sleep researchers agree on a few basics that almost anyone can follow without spending money."],
        slides=[
            S(
                "Keep a Schedule",
                "Sleep Lab",
                "Going to bed and waking at the same time every day helps set your internal clock.",
            ),
            S("Cool the Room", "Sleep Lab", "A slightly cool bedroom helps you fall asleep."),
        ],
    ),
    "quoted-headings.txt": A(
        "Three Quotes That Defined the Summit",
        intro=["Leaders said a lot. Three lines stood out."],
        slides=[
            S(
                "“We Will Not Back Down”",
                "Reuters",
                "The prime minister opened the summit with a promise.",
                "— Prime Minister, in her opening speech",
                "Delegates applauded for almost a minute.",
            ),
            S("“Nothing Should Be Excluded”", "Reuters", "The French president kept every option open."),
            S("“A New Chapter”", "Reuters", "The host closed the talks on an optimistic note."),
        ],
    ),
}

WARNINGS = {
    "heading-only.txt": ["5: no credit lines or slide numbers found; slides split at short heading-like lines"],
    "no-credit-no-body.txt": ["9: 'Bell Rock' has no photo credit; read as a slide heading"],
    "credit-mixed-placement.txt": [
        "15: 'Photo: Ian Ross' is not placed like the other credits; given to slide 'The Spey'"
    ],
    "lead-caption.txt": ["5: photo credit 'Getty Images' before the first slide ignored (lead image?)"],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_exact(name: str) -> None:
    path = TEXT / name
    art = load_article(path)
    assert art == EXPECTED[name]
    assert art.warnings == [f"{path}:{w}" for w in WARNINGS.get(name, [])]


def test_every_fixture_has_an_expectation() -> None:
    files = {str(p.relative_to(TEXT)) for p in TEXT.rglob("*.txt")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_round_trip_through_yaml(name: str, tmp_path: Path) -> None:
    art = load_article(TEXT / name)
    out = tmp_path / "a.yaml"
    out.write_text(article_to_yaml(art), encoding="utf-8")
    again = load_article(out)
    assert again == art
    assert article_to_yaml(again) == article_to_yaml(art)


def test_seed_round_trip(tmp_path: Path) -> None:
    art = load_article(SEED)
    out = tmp_path / "seed.yaml"
    out.write_text(article_to_yaml(art), encoding="utf-8")
    assert load_article(out) == art


# --- encodings: decode() through load_article ----------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.replace(" ", "\u00a0", 40).replace("Credits: ", "Credits:\u00a0").encode("utf-8"),
        lambda t: t.replace("\n\n", "\n\u200b\n").replace("Macron’s", "Macron\u200b’s").encode("utf-8"),
    ],
    ids=["bom", "crlf", "cr", "bom-crlf", "utf16-le", "utf16-be", "nbsp", "zero-width"],
)
def test_encodings_read_like_the_seed(encode, tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(encode(SEED.read_text(encoding="utf-8")))
    assert load_article(path) == load_article(SEED)


def test_windows_1252_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cp.txt"
    path.write_bytes("Caf\u00e9 Guide\n\nIntro here.\n\nThe Terrace\nCredit: Jo Ames\nA sunny spot.\n".encode("cp1252"))
    art = load_article(path)
    assert art.title == "Café Guide"
    assert art.slides == [S("The Terrace", "Jo Ames", "A sunny spot.")]
    assert art.warnings == [f"{path}:1: not valid UTF-8; read as Windows-1252"]


def test_curly_quotes_kept_and_spaces_normalised() -> None:
    art = parse_article_text("Title\u00a0Here\n\nHeading\u2009One\nPhoto:\u00a0A\u00a0B\n“Quoted,” she said.\n")
    assert art.title == "Title Here"
    assert art.slides == [S("Heading One", "A B", "“Quoted,” she said.")]


# --- behaviour beyond the fixtures ---------------------------------------------------------------------------


def test_tokenise_keeps_line_numbers_and_merges_split_labels() -> None:
    blocks = tokenise("\n\nTitle\n\nPhoto credit:\nGetty Images\n7\nSeven Wonders\n")
    assert [(b.line, b.text) for b in blocks] == [
        (3, "Title"),
        (5, "Photo credit: Getty Images"),
        (7, "Seven Wonders"),
    ]
    assert blocks[1].credit == "Getty Images"
    assert (blocks[2].number, blocks[2].head) == (7, "Seven Wonders")


def test_missing_number_in_sequence_warns() -> None:
    text = "Top Picks\n\nIntro text here.\n\n1. Alpha\nA body.\n\n2. Beta\nB body.\n\n4. Delta\nD body.\n"
    art = parse_article_text(text, path="t.txt")
    assert [(s.number, s.heading) for s in art.slides] == [(1, "Alpha"), (2, "Beta"), (4, "Delta")]
    assert art.warnings == ["t.txt:11: slide number 3 is missing"]


def test_footer_followed_by_more_slides_is_skipped_with_a_warning() -> None:
    body = "is a long enough paragraph to count as running text in a slide body."
    text = (
        f"Title Line\n\nIntro.\n\nOne\nCredit: X\nOne {body}\n\nTrending\n\n"
        f"Two\nCredit: X\nTwo {body}\n\nThree\nCredit: X\nThree {body}\n"
    )
    art = parse_article_text(text, path="t.txt")
    assert [s.heading for s in art.slides] == ["One", "Two", "Three"]
    assert art.warnings == ["t.txt:9: 'Trending' looks like a footer but slides follow it; skipped"]


def test_second_credit_and_lead_credit_warn() -> None:
    text = "Title Line\n\nPhoto: Lead Agency\n\nIntro para.\n\nOne\nCredit: X\nCredit: Y\nBody one.\n"
    art = parse_article_text(text, path="t.txt")
    assert art.slides == [S("One", "X", "Body one.")]
    assert art.intro == ["Intro para."]
    assert art.warnings == [
        "t.txt:3: photo credit 'Lead Agency' before the first slide ignored (lead image?)",
        "t.txt:9: second photo credit in slide 'One' ignored",
    ]


def test_credit_in_intro_is_reported() -> None:
    text = "Title Line\n\nIntro para.\n\nPhoto: Lead Agency\n\nOne\nCredit: X\nBody one.\n\nTwo\nCredit: X\nBody.\n"
    art = parse_article_text(text, path="t.txt")
    assert [s.heading for s in art.slides] == ["One", "Two"]
    assert art.warnings == ["t.txt:5: photo credit 'Lead Agency' before the first slide ignored (lead image?)"]


def test_header_byline_wins_over_closing_bio() -> None:
    text = (
        "Title Line\nBy Ann Lee\n\nIntro.\n\nOne\nCredit: X\nBody one.\n\nRead More From Site Name\n\n"
        "Ann Lee is a reporter who covers cities.\n"
    )
    art = parse_article_text(text)
    assert (art.byline, art.source) == ("Ann Lee", "Site Name")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Just a title\n", "no slides found"),
        ("Title\n\nOnly one long paragraph of running text, nothing else at all.\n", "no slides found"),
        ("Advertisement\nShare this\n", "no title found"),
    ],
)
def test_pages_without_slides_raise_article_error(text: str, message: str) -> None:
    with pytest.raises(ArticleError, match=message):
        parse_article_text(text, path="t.txt")


# --- sample articles ---------------------------------------------------------------------------------------

SAMPLES = sorted(p for p in (SEED.parent).iterdir() if p.suffix in (".txt", ".md") and p.with_suffix(".yaml").exists())


@pytest.mark.parametrize("source", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_yaml_is_what_parse_writes(source: Path) -> None:
    """Each sample's committed YAML is exactly `slide2video parse` of it, and reads back equal."""
    art = load_article(source)
    assert article_to_yaml(art) == source.with_suffix(".yaml").read_text(encoding="utf-8")
    assert load_article(source.with_suffix(".yaml")) == art
    assert art.warnings == []


def test_samples_cover_the_formats() -> None:
    names = {p.name for p in SAMPLES}
    assert len(names) >= 5 and any(n.endswith(".md") for n in names)
    countdown = load_article(SEED.parent / "weirdest-museums-countdown.txt")
    assert [s.number for s in countdown.slides] == list(range(10, 0, -1))
    assert countdown.slides[-1].heading == "The Museum of Pizza, Naples"


def test_pipe_in_a_headline_is_not_a_site_name() -> None:
    art = parse_article_text("Biden vs Trump | Who Won the Debate?\n\nIntro text.\n\nOne\nCredit: X\nBody.\n")
    assert (art.title, art.source) == ("Biden vs Trump | Who Won the Debate?", None)
    art = parse_article_text("Ten Quiet Islands | Wander Weekly\n\nIntro text.\n\nOne\nCredit: X\nBody.\n")
    assert (art.title, art.source) == ("Ten Quiet Islands", "Wander Weekly")
