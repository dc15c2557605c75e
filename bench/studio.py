"""Studio responsiveness: from a heading edit to the re-rendered card preview, at preview size, through the API.

    python bench/studio.py [--preset reel] [--theme news] [--edits 20]

Each round edits one slide's heading (the edit is checked and saved as YAML) and fetches that card's PNG, as
the page does. Prints the median and worst time per step, with photo backgrounds (the sample photos on every
slide). Target (issue 13): the card re-rendered in < 300 ms at preview size.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from slide2video.studio import create_app

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = ["photos/astronaut.png", "photos/rocket.jpg", "photos/coffee.png", "photos/chelsea.png"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="reel")
    parser.add_argument("--theme", default="news")
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="studio-bench-"))
    try:
        shutil.copy(ROOT / "articles/russia-nato-ukraine.txt", folder)
        app, _, token = create_app(folder, "bench", theme=args.theme, preset=args.preset)
        client = TestClient(app, base_url="http://127.0.0.1:8765")
        client.cookies.set("slide2video_studio", token)
        state = client.post("/api/articles", json={"path": "russia-nato-ukraine.txt"}).json()
        sid = state["id"]
        for i in range(len(state["article"]["slides"])):
            client.post(
                f"/api/articles/{sid}/edit",
                json={"op": "set", "slide": i, "field": "image", "value": PHOTOS[i % len(PHOTOS)]},
            )
        client.get(f"/api/articles/{sid}/timeline")  # first draw of every card: fonts and photos loaded
        edits, cards = [], []
        for n in range(args.edits):
            slide = n % len(state["article"]["slides"])
            t0 = time.perf_counter()
            state = client.post(
                f"/api/articles/{sid}/edit",
                json={"op": "set", "slide": slide, "field": "heading", "value": f"Edited heading number {n}"},
            ).json()
            t1 = time.perf_counter()
            card = next(c for c in state["cards"] if c["slide"] == slide)
            png = client.get(f"/api/articles/{sid}/cards/{card['index']}.png?key={card['key']}")
            t2 = time.perf_counter()
            assert png.status_code == 200
            edits.append(t1 - t0)
            cards.append(t2 - t0)
        size = "x".join(map(str, state["preview_size"]))
        print(f"preset {args.preset}, preview {size}, theme {args.theme}, {args.edits} edits with photo backgrounds")
        print(
            f"  edit (check + save YAML): median {statistics.median(edits) * 1000:.0f} ms, "
            f"worst {max(edits) * 1000:.0f} ms"
        )
        print(
            f"  edit + card PNG:          median {statistics.median(cards) * 1000:.0f} ms, "
            f"worst {max(cards) * 1000:.0f} ms  (target < 300 ms)"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
