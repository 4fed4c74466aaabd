"""Illustrations for the demo content, drawn by code: no download, no licence to track.

Each scene is a flat, warm illustration in the site's palette (the Hauts of
Trois-Bassins, the Alambic, a garden, a market, a workshop, a circle of people).
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 1000
PALETTE = {
    "sky": (251, 231, 184),
    "sky_top": (242, 179, 61),
    "sun": (255, 244, 214),
    "ocean": (46, 110, 140),
    "hill_far": (120, 160, 110),
    "hill": (53, 110, 70),
    "hill_near": (31, 81, 53),
    "cane": (150, 190, 90),
    "earth": (164, 57, 31),
    "soil": (120, 78, 50),
    "wall": (243, 233, 214),
    "roof": (164, 57, 31),
    "ink": (43, 29, 20),
    "paper": (251, 246, 236),
    "leaf": (227, 238, 221),
}
SKINS = [(110, 70, 45), (160, 110, 75), (200, 150, 110), (85, 55, 40), (180, 125, 90)]
CLOTHES = [(164, 57, 31), (31, 81, 53), (242, 179, 61), (46, 110, 140), (120, 78, 50)]


def _sky(draw, top, bottom, height):
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)


def _hill(draw, rng, base, amplitude, colour, waves=3):
    phase = rng.uniform(0, math.tau)
    points = [(0, HEIGHT)]
    for x in range(0, WIDTH + 20, 20):
        y = base - amplitude * (0.5 + 0.5 * math.sin(x / WIDTH * math.tau * waves / 2 + phase))
        points.append((x, y))
    points.append((WIDTH, HEIGHT))
    draw.polygon(points, fill=colour)


def _person(draw, x, y, scale, rng):
    skin, cloth = rng.choice(SKINS), rng.choice(CLOTHES)
    head = 28 * scale
    draw.ellipse([x - head, y - 4 * head, x + head, y - 2 * head], fill=skin)
    draw.rounded_rectangle([x - 1.6 * head, y - 2 * head, x + 1.6 * head, y + 2.2 * head], radius=head, fill=cloth)


def _hauts(draw, rng):
    _sky(draw, PALETTE["sky_top"], PALETTE["sky"], HEIGHT // 2)
    draw.rectangle([0, HEIGHT // 2, WIDTH, HEIGHT], fill=PALETTE["ocean"])
    draw.ellipse([1150, 120, 1350, 320], fill=PALETTE["sun"])
    _hill(draw, rng, 520, 220, PALETTE["hill_far"], waves=2)
    _hill(draw, rng, 720, 180, PALETTE["hill"], waves=3)
    _hill(draw, rng, 900, 120, PALETTE["hill_near"], waves=4)
    for _ in range(160):  # sugar cane on the slopes
        x, y = rng.uniform(0, WIDTH), rng.uniform(860, HEIGHT)
        draw.line([(x, y), (x + rng.uniform(-12, 12), y - rng.uniform(40, 90))], fill=PALETTE["cane"], width=5)


def _alambic(draw, rng):
    _sky(draw, (190, 220, 225), PALETTE["sky"], HEIGHT)
    _hill(draw, rng, 560, 160, PALETTE["hill_far"], waves=2)
    draw.rectangle([0, 760, WIDTH, HEIGHT], fill=PALETTE["hill"])
    draw.rectangle([380, 420, 1220, 800], fill=PALETTE["wall"])
    draw.polygon([(330, 430), (800, 220), (1270, 430)], fill=PALETTE["roof"])
    for i in range(4):  # wide windows of the médiathèque
        x = 440 + i * 190
        draw.rectangle([x, 500, x + 130, 640], fill=PALETTE["ocean"])
        draw.line([(x + 65, 500), (x + 65, 640)], fill=PALETTE["wall"], width=6)
    draw.rectangle([740, 660, 860, 800], fill=PALETTE["soil"])
    for x in (200, 1350, 1480):  # palm trees
        draw.line([(x, 800), (x + 20, 430)], fill=PALETTE["soil"], width=22)
        for angle in range(0, 360, 45):
            rad = math.radians(angle)
            draw.line(
                [(x + 20, 430), (x + 20 + 140 * math.cos(rad), 430 + 70 * math.sin(rad))],
                fill=PALETTE["hill_near"],
                width=16,
            )


def _jardin(draw, rng):
    _sky(draw, PALETTE["sky_top"], PALETTE["sky"], 360)
    _hill(draw, rng, 380, 110, PALETTE["hill_far"], waves=2)
    draw.rectangle([0, 380, WIDTH, HEIGHT], fill=PALETTE["soil"])
    for row in range(6):
        y = 420 + row * 100
        draw.rectangle([0, y, WIDTH, y + 55], fill=(140, 95, 62))
        for x in range(40 + row * 17 % 60, WIDTH, 90):
            r = rng.uniform(22, 38)
            draw.ellipse(
                [x - r, y + 20 - r, x + r, y + 20 + r],
                fill=rng.choice([PALETTE["hill"], PALETTE["cane"], PALETTE["hill_near"]]),
            )


def _marche(draw, rng):
    _sky(draw, (190, 220, 225), PALETTE["sky"], HEIGHT)
    draw.rectangle([0, 760, WIDTH, HEIGHT], fill=(214, 196, 160))
    for i in range(4):
        x = 80 + i * 390
        colour = CLOTHES[i % len(CLOTHES)]
        draw.polygon([(x, 420), (x + 340, 420), (x + 310, 330), (x + 30, 330)], fill=colour)
        draw.rectangle([x + 20, 560, x + 320, 620], fill=PALETTE["soil"])
        for j in range(7):  # fruit and vegetables on the stall
            cx = x + 45 + j * 40
            draw.ellipse(
                [cx - 18, 530, cx + 18, 566], fill=rng.choice([PALETTE["sky_top"], PALETTE["earth"], PALETTE["cane"]])
            )
        draw.line([(x + 25, 420), (x + 25, 760)], fill=PALETTE["ink"], width=8)
        draw.line([(x + 315, 420), (x + 315, 760)], fill=PALETTE["ink"], width=8)
        _person(draw, x + 170, 760, 1.1, rng)


def _atelier(draw, rng):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=PALETTE["leaf"])
    draw.ellipse([200, 250, 1400, 1100], fill=(196, 140, 90))
    for _ in range(7):
        x, y = rng.uniform(350, 1250), rng.uniform(400, 800)
        w, h = rng.uniform(120, 260), rng.uniform(70, 160)
        draw.rounded_rectangle(
            [x - w / 2, y - h / 2, x + w / 2, y + h / 2],
            radius=18,
            fill=rng.choice([PALETTE["paper"], PALETTE["sky_top"], PALETTE["earth"], PALETTE["hill"]]),
        )
    for angle in range(0, 360, 60):  # hands around the table
        rad = math.radians(angle + 20)
        x, y = 800 + 560 * math.cos(rad), 680 + 330 * math.sin(rad)
        draw.ellipse([x - 45, y - 30, x + 45, y + 30], fill=rng.choice(SKINS))


def _fabrique(draw, rng):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=PALETTE["paper"])
    draw.ellipse([420, 260, 1180, 860], fill=PALETTE["sky"])
    for i in range(10):
        rad = math.tau * i / 10
        _person(draw, 800 + 420 * math.cos(rad), 600 + 260 * math.sin(rad), 1.3, rng)
    draw.ellipse([700, 500, 900, 640], fill=PALETTE["hill"])


SCENES = {
    "hauts": _hauts,
    "alambic": _alambic,
    "jardin": _jardin,
    "marche": _marche,
    "atelier": _atelier,
    "fabrique": _fabrique,
}


def render(scene, seed=2030):
    """The JPEG bytes of one scene; the same seed always draws the same picture."""
    rng = random.Random(f"{scene}-{seed}")
    image = Image.new("RGB", (WIDTH, HEIGHT), PALETTE["paper"])
    SCENES[scene](ImageDraw.Draw(image), rng)
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
