"""Demo pictures drawn with Pillow: woven-plastic product photos and illustrated portraits.

Nothing is downloaded and nothing is a photograph of a real person; every picture comes from a
seeded `random.Random`, so the same product always gets the same pictures.
"""

import random
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from storefront.demo.shapes import draw_shape

RGB = tuple[int, int, int]

WALLS: list[tuple[RGB, RGB]] = [  # (wall, table) colours behind the product
    ((238, 232, 220), (196, 170, 138)),
    ((226, 234, 236), (160, 170, 178)),
    ((242, 236, 228), (214, 200, 180)),
    ((233, 228, 240), (186, 176, 196)),
    ((236, 240, 228), (178, 160, 130)),
]
PORTRAIT_BACKGROUNDS: list[RGB] = [
    (250, 214, 196),
    (206, 229, 214),
    (214, 222, 245),
    (245, 230, 180),
    (232, 212, 236),
    (200, 230, 232),
    (246, 220, 214),
    (222, 236, 200),
]
SKIN: list[RGB] = [(198, 146, 108), (176, 124, 88), (150, 102, 70), (214, 168, 128), (126, 86, 58)]
CLOTHES: list[RGB] = [(44, 96, 140), (168, 60, 72), (60, 124, 96), (120, 72, 140), (208, 120, 50)]
SCARVES: list[RGB] = [
    (232, 120, 140),
    (70, 150, 170),
    (150, 90, 160),
    (240, 190, 80),
    (90, 120, 200),
    (200, 90, 70),
    (110, 170, 120),
    (240, 240, 236),
]
HAIR: list[RGB] = [(30, 24, 22), (52, 38, 30), (70, 50, 40)]


@lru_cache(maxsize=4096)  # the weave asks for the same few shades thousands of times
def shade(colour: RGB, factor: float) -> RGB:
    return tuple(max(0, min(255, round(v * factor))) for v in colour)  # type: ignore[return-value]


def gradient(size: tuple[int, int], top: RGB, bottom: RGB, split: float = 0.62) -> Image.Image:
    """A wall-and-table backdrop: a tiny image blown up, much faster than drawing lines."""
    strip = Image.new("RGB", (1, 4))
    for y, colour in enumerate((top, shade(top, 0.97), shade(bottom, 1.04), bottom)):
        strip.putpixel((0, y), colour)
    tall = strip.resize((1, 64), Image.Resampling.BILINEAR)
    cut = round(64 * split)
    tall.paste(strip.crop((0, 2, 1, 4)).resize((1, 64 - cut)), (0, cut))
    return tall.resize(size, Image.Resampling.BILINEAR)


def _stripe_colours(palette: list[RGB], pattern: str, count: int, axis: int) -> list[RGB]:
    if pattern == "striped":
        return [palette[(i // 3) % len(palette)] if axis else palette[0] for i in range(count)]
    if pattern in ("zigzag", "chequer"):
        return [palette[-1] if axis else palette[0]] * count
    if pattern == "checked":
        return [palette[(i // 2) % len(palette)] for i in range(count)]
    return [
        palette[(i * 7 // 5) % len(palette)] if len(palette) > 3 else palette[i % 2]
        for i in range(count)
    ]


def _weft_on_top(i: int, j: int, pattern: str) -> bool:
    if pattern == "zigzag":
        step = j if (i // 6) % 2 == 0 else -j
        return (i + step) % 4 < 2
    if pattern == "chequer":
        return (i // 2 + j // 2) % 2 == 0
    return (i + j) % 2 == 0


def _band(
    draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], colour: RGB, vertical: bool
) -> None:
    """One strip segment with a soft highlight and a darker edge, like folded shiny plastic."""
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=colour)
    if vertical:
        w = x1 - x0
        draw.rectangle((x0 + w // 5, y0, x0 + w // 2, y1), fill=shade(colour, 1.12))
        draw.rectangle((x1 - w // 6, y0, x1, y1), fill=shade(colour, 0.82))
    else:
        h = y1 - y0
        draw.rectangle((x0, y0 + h // 5, x1, y0 + h // 2), fill=shade(colour, 1.12))
        draw.rectangle((x0, y1 - h // 6, x1, y1), fill=shade(colour, 0.82))


def weave(size: tuple[int, int], palette: list[RGB], pattern: str, pitch: int) -> Image.Image:
    """An over-under weave of flat plastic strips filling `size`."""
    w, h = size
    img = Image.new("RGB", size, shade(palette[0], 0.3))
    draw = ImageDraw.Draw(img)
    strip = max(3, round(pitch * 0.86))
    gap = pitch - strip
    cols, rows = w // pitch + 1, h // pitch + 1
    warp = _stripe_colours(palette, pattern, cols, 0)
    weft = _stripe_colours(palette, pattern, rows, 1)
    for j in range(rows):
        _band(draw, (0, j * pitch, w, j * pitch + strip), weft[j], vertical=False)
    for i in range(cols):
        _band(draw, (i * pitch, 0, i * pitch + strip, h), warp[i], vertical=True)
    edge = max(2, pitch // 8)
    for i in range(cols):
        x = i * pitch
        for j in range(rows):
            y = j * pitch
            if _weft_on_top(i, j, pattern):
                _band(draw, (x - gap, y, x + strip + gap, y + strip), weft[j], vertical=False)
                dark = shade(warp[i], 0.55)
                draw.rectangle((x, y - edge, x + strip, y - 1), fill=dark)
                draw.rectangle((x, y + strip + 1, x + strip, y + strip + edge), fill=dark)
            else:
                dark = shade(weft[j], 0.55)
                draw.rectangle((x - edge, y, x - 1, y + strip), fill=dark)
                draw.rectangle((x + strip + 1, y, x + strip + edge, y + strip), fill=dark)
    return img


def product_photo(
    palette: list[RGB], pattern: str, shape: str, index: int, seed: str, width: int = 900
) -> Image.Image:
    """Photo `index` of a product: 0 and 2 show the whole piece, 1 and 3 close-ups of the weave."""
    rng = random.Random(f"{seed}:{index}")
    size = (width, width * 3 // 4)
    if index % 2 == 1:
        return _close_up(palette, pattern, size, rng, with_lining=index == 3)
    wall, table = WALLS[rng.randrange(len(WALLS))] if index else WALLS[0]
    canvas = gradient(size, wall, table, split=rng.uniform(0.55, 0.7))
    pitch = max(4, round(width / rng.uniform(38, 48)))
    texture = weave(size, palette, pattern, pitch)
    draw_shape(canvas, texture, shape, palette, rng, scale=0.92 if index == 0 else 0.8)
    return canvas


def _close_up(
    palette: list[RGB], pattern: str, size: tuple[int, int], rng: random.Random, with_lining: bool
) -> Image.Image:
    w, h = size
    # Drawn and rotated at half size, then enlarged: the strips are wide, so nothing is lost.
    half_w, half_h = max(16, w // 2), max(12, h // 2)
    pitch = max(4, round(half_w / rng.uniform(11, 15)))
    big = weave((half_w * 3 // 2, half_h * 3 // 2), palette, pattern, pitch)
    big = big.rotate(rng.uniform(-14, 14), resample=Image.Resampling.BICUBIC)
    left, top = (big.width - half_w) // 2, (big.height - half_h) // 2
    img = big.crop((left, top, left + half_w, top + half_h)).resize(size, Image.Resampling.BICUBIC)
    if with_lining:
        lining = rng.choice([(236, 226, 206), (214, 228, 236), (232, 210, 200)])
        draw = ImageDraw.Draw(img)
        fold = round(h * rng.uniform(0.6, 0.72))
        draw.rectangle((0, fold, w, h), fill=lining)
        draw.rectangle((0, fold, w, fold + max(3, h // 60)), fill=shade(lining, 0.7))
        stitch, y = max(8, w // 60), fold + h // 24
        for x in range(stitch // 2, w, stitch * 2):
            draw.rectangle((x, y, x + stitch, y + max(2, h // 200)), fill=shade(palette[0], 0.6))
    return img


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def portrait(initials: str, seed: str, wears_scarf: bool, size: int = 640) -> Image.Image:
    """A friendly illustrated figure (not a photo) with her initials; drawn at 2x then smoothed."""
    rng = random.Random(f"portrait:{seed}")
    s = size * 2
    bg = rng.choice(PORTRAIT_BACKGROUNDS)
    img = Image.new("RGB", (s, s), bg)
    draw = ImageDraw.Draw(img)
    draw.ellipse((s * 0.12, s * 0.1, s * 0.88, s * 0.86), fill=shade(bg, 1.06))
    skin, clothes = rng.choice(SKIN), rng.choice(CLOTHES)
    cx, cy, r = s / 2, s * 0.42, s * 0.15
    draw.ellipse((s * 0.14, s * 0.7, s * 0.86, s * 1.35), fill=clothes)
    draw.rectangle((cx - r * 0.38, cy + r * 0.6, cx + r * 0.38, s * 0.74), fill=shade(skin, 0.9))
    if wears_scarf:
        scarf = rng.choice(SCARVES)
        draw.polygon(
            [
                (cx - r * 1.35, cy),
                (cx + r * 1.35, cy),
                (cx + r * 2.1, s * 0.82),
                (cx - r * 2.1, s * 0.82),
            ],
            fill=scarf,
        )
        draw.ellipse((cx - r * 1.35, cy - r * 1.4, cx + r * 1.35, cy + r * 1.4), fill=scarf)
        draw.ellipse((cx - r * 0.86, cy - r * 0.95, cx + r * 0.86, cy + r * 1.05), fill=skin)
        draw.arc(
            (cx - r * 1.2, cy - r * 1.25, cx + r * 1.2, cy + r * 1.25),
            200,
            340,
            fill=shade(scarf, 0.85),
            width=round(r * 0.1),
        )
    else:
        hair = rng.choice(HAIR)
        draw.ellipse((cx - r * 1.2, cy - r * 1.25, cx + r * 1.2, cy + r * 1.15), fill=hair)
        draw.rectangle((cx - r * 1.2, cy, cx + r * 1.2, cy + r * 1.5), fill=hair)
        draw.ellipse((cx - r * 0.9, cy - r * 0.9, cx + r * 0.9, cy + r * 1.1), fill=skin)
        draw.chord((cx - r * 1.05, cy - r * 1.15, cx + r * 0.9, cy - r * 0.1), 180, 360, fill=hair)
    eye = r * 0.1
    for dx in (-0.36, 0.36):
        draw.ellipse(
            (cx + dx * r - eye, cy + r * 0.05 - eye, cx + dx * r + eye, cy + r * 0.05 + eye),
            fill=(50, 36, 30),
        )
    draw.arc(
        (cx - r * 0.35, cy + r * 0.2, cx + r * 0.35, cy + r * 0.65),
        20,
        160,
        fill=(120, 50, 50),
        width=round(r * 0.07),
    )
    _initials_badge(draw, initials, s, shade(clothes, 0.7))
    return img.resize((size, size), Image.Resampling.LANCZOS).filter(ImageFilter.SMOOTH)


def _initials_badge(draw: ImageDraw.ImageDraw, initials: str, s: int, colour: RGB) -> None:
    radius = s * 0.11
    cx, cy = s * 0.84, s * 0.84
    draw.ellipse(
        (cx - radius, cy - radius, cx + radius, cy + radius),
        fill=colour,
        outline=(255, 255, 255),
        width=round(s * 0.008),
    )
    draw.text((cx, cy), initials, fill=(255, 255, 255), font=_font(round(s * 0.085)), anchor="mm")
