"""Lead pictures for the demo stories, drawn here with Pillow: no downloads, no borrowed art.

Each story names the kind of picture that suits it (a chart for a story about figures, a
map-like drawing for a local one, an abstract composition otherwise) and a main colour. The
drawing is seeded by the story's slug, so every story gets its own picture and running the
seed again draws exactly the same one.
"""

import math
import random
import zlib
from io import BytesIO

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from .demo_photo import photo_like_jpeg

WIDTH, HEIGHT = 1200, 675
JPEG_QUALITY = 80
PAPER = (246, 243, 236)
INK = (38, 38, 38)

# "photo" is drawn by demo_photo.py: a photograph's texture, to show what renditions save.
KINDS = ("composition", "map", "chart-rising", "chart-falling", "chart-tide", "photo")


def lead_image_file(kind, colour, slug):
    """A JPEG picture of `kind` in `colour` for the story `slug`, named after both."""
    if kind not in KINDS:
        raise ValueError(f"Unknown kind of demo picture: {kind!r}")
    if kind == "photo":
        return ContentFile(
            photo_like_jpeg(seed=zlib.crc32(slug.encode())), name=f"{slug}-photo.jpg"
        )
    rng = random.Random(slug)
    base = _rgb(colour)
    if kind == "composition":
        image = _composition(rng, base)
    elif kind == "map":
        image = _map(rng, base)
    else:
        image = _chart(rng, base, trend=kind.removeprefix("chart-"))
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(buffer.getvalue(), name=f"{slug}-{kind}.jpg")


def _rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _mix(one, other, share):
    """`share` of `other` blended into `one` (0 keeps `one`, 1 gives `other`)."""
    return tuple(round(a + (b - a) * share) for a, b in zip(one, other, strict=True))


def _vertical_gradient(image, box, top, bottom):
    draw = ImageDraw.Draw(image)
    left, upper, right, lower = box
    for y in range(upper, lower):
        draw.line([(left, y), (right, y)], fill=_mix(top, bottom, (y - upper) / (lower - upper)))


def _composition(rng, base):
    """A sky fading into the main colour, a horizon, a low sun and overlapping shapes."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    horizon = rng.randint(int(HEIGHT * 0.5), int(HEIGHT * 0.7))
    _vertical_gradient(
        image, (0, 0, WIDTH, horizon), _mix(base, PAPER, 0.85), _mix(base, PAPER, 0.35)
    )
    _vertical_gradient(
        image, (0, horizon, WIDTH, HEIGHT), _mix(base, INK, 0.15), _mix(base, INK, 0.6)
    )
    layer = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    sun_x, radius = rng.randint(150, WIDTH - 150), rng.randint(60, 110)
    sun_y = horizon - rng.randint(radius // 2, radius * 2)
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=(255, 236, 190, 230)
    )
    for _ in range(rng.randint(5, 8)):
        left, width = rng.randint(-100, WIDTH - 100), rng.randint(120, 420)
        top = rng.randint(horizon - 260, horizon - 40)
        shade = _mix(base, rng.choice([PAPER, INK]), rng.uniform(0.1, 0.6))
        if rng.random() < 0.5:
            draw.rectangle([left, top, left + width, horizon], fill=(*shade, rng.randint(150, 220)))
        else:
            draw.polygon(
                [(left, horizon), (left + width // 2, top), (left + width, horizon)],
                fill=(*shade, rng.randint(150, 220)),
            )
    for _ in range(rng.randint(3, 6)):  # light on the water
        y = rng.randint(horizon + 15, HEIGHT - 20)
        x = sun_x + rng.randint(-120, 120)
        half = rng.randint(30, 140)
        draw.line(
            [(x - half, y), (x + half, y)], fill=(255, 236, 190, 120), width=rng.randint(2, 5)
        )
    image.paste(layer, mask=layer)
    return image


def _map(rng, base):
    """Sea, a stretch of coastline, a river, roads and a marker on the place in the story."""
    sea = _mix(base, PAPER, 0.55)
    land = _mix(PAPER, (225, 214, 180), 0.7)
    image = Image.new("RGB", (WIDTH, HEIGHT), sea)
    draw = ImageDraw.Draw(image)
    # The coast runs from top to bottom; land lies to its right, at an angle of its own.
    coast, x = [], rng.randint(250, 450)
    drift = rng.uniform(-0.4, 0.4)
    for y in range(-20, HEIGHT + 40, 20):
        x += rng.randint(-22, 22) + drift * 20
        coast.append((x, y))
    draw.polygon([*coast, (WIDTH + 10, HEIGHT + 40), (WIDTH + 10, -20)], fill=land)
    draw.line(coast, fill=_mix(base, INK, 0.3), width=4, joint="curve")
    harbour_x, harbour_y = coast[len(coast) // 2]
    # A river winding inland from the harbour.
    river, (rx, ry) = [], (harbour_x, harbour_y)
    while rx < WIDTH + 20:
        river.append((rx, ry))
        rx += rng.randint(30, 60)
        ry += rng.randint(-35, 35)
    draw.line(river, fill=sea, width=10, joint="curve")
    roads = []
    for index in range(rng.randint(4, 6)):  # roads fanning out inland from the harbour
        angle = -1.2 + 2.4 * index / 5 + rng.uniform(-0.15, 0.15)
        length = rng.randint(700, 1000)
        bend = rng.uniform(-0.25, 0.25)
        roads.append(
            [
                (harbour_x + 30, harbour_y),
                (
                    harbour_x + 30 + math.cos(angle) * length / 2,
                    harbour_y + math.sin(angle) * length / 2,
                ),
                (
                    harbour_x + 30 + math.cos(angle + bend) * length,
                    harbour_y + math.sin(angle + bend) * length,
                ),
            ]
        )
    for road in roads:  # casing first, so crossings look joined
        draw.line(road, fill=_mix(land, INK, 0.35), width=14, joint="curve")
    for road in roads:
        draw.line(road, fill=(255, 255, 255), width=9, joint="curve")
    for _ in range(rng.randint(12, 20)):  # blocks of houses
        bx = harbour_x + rng.randint(60, 500)
        by = harbour_y + rng.randint(-220, 220)
        draw.rectangle(
            [bx, by, bx + rng.randint(18, 40), by + rng.randint(14, 30)], fill=_mix(land, INK, 0.2)
        )
    # The marker: a pin whose point sits on the spot.
    mx, my = harbour_x + rng.randint(80, 220), harbour_y + rng.randint(-60, 60)
    draw.polygon([(mx - 22, my - 48), (mx + 22, my - 48), (mx, my)], fill=_mix(base, INK, 0.2))
    draw.ellipse([mx - 30, my - 90, mx + 30, my - 30], fill=_mix(base, INK, 0.2))
    draw.ellipse([mx - 12, my - 72, mx + 12, my - 48], fill=(255, 255, 255))
    return image


def _chart(rng, base, trend):
    """A newspaper chart on paper: gridlines, bars for a rise or fall, or a line for tides."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = 110, 90, WIDTH - 80, HEIGHT - 90
    for step in range(5):
        y = bottom - (bottom - top) * step / 4
        draw.line([(left, y), (right, y)], fill=_mix(PAPER, INK, 0.15), width=2)
    draw.line([(left, bottom), (right, bottom)], fill=INK, width=4)
    draw.rectangle([left, 40, left + 220, 52], fill=INK)  # where a chart's title would sit
    if trend == "tide":
        points = []
        phase, period = rng.uniform(0, math.tau), rng.uniform(180, 260)
        for x in range(left, right + 1, 6):
            wave = math.sin((x - left) / period * math.tau + phase)
            rise = (x - left) / (right - left) * 0.15
            points.append((x, bottom - (bottom - top) * (0.45 + 0.4 * wave * 0.9 + rise)))
        draw.line(points, fill=_mix(base, PAPER, 0.5), width=16, joint="curve")
        draw.line(points, fill=base, width=6, joint="curve")
        end_x, end_y = points[-1]
        draw.ellipse([end_x - 12, end_y - 12, end_x + 12, end_y + 12], fill=base)
        return image
    count = rng.randint(8, 12)
    gap = (right - left) / count
    value = rng.uniform(0.3, 0.45) if trend == "rising" else rng.uniform(0.75, 0.9)
    for index in range(count):
        change = rng.uniform(0.0, 0.08) if trend == "rising" else -rng.uniform(0.0, 0.07)
        value = min(0.98, max(0.08, value + change + rng.uniform(-0.04, 0.04)))
        latest = index == count - 1
        fill = base if latest else _mix(base, PAPER, 0.45)
        x = left + index * gap + gap * 0.15
        draw.rectangle([x, bottom - (bottom - top) * value, x + gap * 0.7, bottom - 2], fill=fill)
    return image
