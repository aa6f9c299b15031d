"""Silhouettes for the demo product photos: a woven texture cut to the shape of each piece."""

import random

from PIL import Image, ImageChops, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]


def _shade(colour: RGB, factor: float) -> RGB:
    return tuple(max(0, min(255, round(v * factor))) for v in colour)  # type: ignore[return-value]


# Body of each shape as fractions of the canvas: (width, height, top); "taper" narrows the top
# (positive) or the bottom (negative); "round" is the corner radius as a fraction of the width.
BODIES: dict[str, dict[str, float]] = {
    "tote": {"w": 0.5, "h": 0.56, "top": 0.36, "taper": -0.04, "round": 0.02},
    "shoulder": {"w": 0.52, "h": 0.42, "top": 0.44, "taper": 0.06, "round": 0.05},
    "backpack": {"w": 0.4, "h": 0.7, "top": 0.22, "taper": 0.03, "round": 0.12},
    "pouch": {"w": 0.6, "h": 0.4, "top": 0.36, "taper": 0.0, "round": 0.06},
    "laptop": {"w": 0.74, "h": 0.54, "top": 0.26, "taper": 0.0, "round": 0.05},
    "wallet": {"w": 0.48, "h": 0.36, "top": 0.36, "taper": 0.0, "round": 0.06},
    "basket": {"w": 0.6, "h": 0.42, "top": 0.44, "taper": -0.07, "round": 0.03},
    "placemat": {"w": 0.8, "h": 0.74, "top": 0.13, "taper": 0.0, "round": 0.05},
}


def _body(size: tuple[int, int], shape: str, scale: float, rng: random.Random) -> tuple[Box, float]:
    w, h = size
    spec = BODIES[shape]
    bw, bh = spec["w"] * w * scale, spec["h"] * h * scale
    x0 = (w - bw) / 2 + rng.uniform(-0.03, 0.03) * w
    y0 = spec["top"] * h + (1 - scale) * h * 0.35
    return (x0, y0, x0 + bw, y0 + bh), spec["taper"] * w * scale


def _outline(box: Box, taper: float) -> list[tuple[float, float]]:
    x0, y0, x1, y1 = box
    top, bottom = max(taper, 0), max(-taper, 0)
    return [(x0 + top, y0), (x1 - top, y0), (x1 - bottom, y1), (x0 + bottom, y1)]


def _mask(size: tuple[int, int], box: Box, taper: float, radius: float) -> Image.Image:
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    if taper:
        draw.polygon(_outline(box, taper), fill=255)
    else:
        draw.rounded_rectangle(box, radius=radius, fill=255)
    return mask


def _soft_shadow(canvas: Image.Image, mask: Image.Image, offset: tuple[int, int]) -> None:
    """A blurred drop shadow; blurred at a quarter size because full-size blurs are slow."""
    small = mask.resize((mask.width // 4, mask.height // 4))
    small = small.filter(ImageFilter.GaussianBlur(6)).point(lambda v: v * 45 // 100)
    shadow = Image.new("L", mask.size, 0)
    shadow.paste(small.resize(mask.size, Image.Resampling.BILINEAR), offset)
    canvas.paste((40, 30, 25), (0, 0), shadow)


def _side_shading(canvas: Image.Image, mask: Image.Image, box: Box) -> None:
    """Darken the body toward its sides so it reads as rounded, not flat."""
    ramp = Image.new("L", (5, 1))
    for x, value in enumerate((90, 25, 0, 25, 90)):
        ramp.putpixel((x, 0), value)
    x0, _, x1, _ = (round(v) for v in box)
    wide = Image.new("L", mask.size, 0)
    wide.paste(ramp.resize((max(1, x1 - x0), mask.height), Image.Resampling.BILINEAR), (x0, 0))
    canvas.paste((20, 15, 10), (0, 0), ImageChops.multiply(wide, mask))


def draw_shape(
    canvas: Image.Image,
    texture: Image.Image,
    shape: str,
    palette: list[RGB],
    rng: random.Random,
    scale: float = 0.9,
) -> None:
    """Cut `texture` to the silhouette of `shape` and draw it with its shadow, trim and handles."""
    box, taper = _body(canvas.size, shape, scale, rng)
    radius = BODIES[shape]["round"] * canvas.width * scale
    mask = _mask(canvas.size, box, taper, radius)
    _soft_shadow(canvas, mask, (round(canvas.width * 0.015), round(canvas.height * 0.025)))
    canvas.paste(texture, (0, 0), mask)
    if shape != "placemat":
        _side_shading(canvas, mask, box)
    draw = ImageDraw.Draw(canvas)
    trim = _shade(palette[0], 0.55)
    edge = max(2, round(canvas.width * 0.01))
    if taper:
        draw.polygon(_outline(box, taper), outline=trim, width=edge)
    else:
        draw.rounded_rectangle(box, radius=radius, outline=trim, width=edge)
    EXTRAS.get(shape, lambda *a: None)(draw, box, taper, trim, canvas.width)


def _handles(
    draw: ImageDraw.ImageDraw, box: Box, rise: float, span: float, trim: RGB, width: int
) -> None:
    x0, y0, x1, _ = box
    bw = x1 - x0
    for shift, colour in ((0.04, _shade(trim, 0.8)), (0.0, trim)):
        left, right = x0 + bw * (0.5 - span / 2 + shift), x0 + bw * (0.5 + span / 2 + shift)
        draw.arc((left, y0 - rise, right, y0 + rise), 180, 360, fill=colour, width=width)


def _tote(draw, box, taper, trim, w) -> None:
    _handles(draw, box, rise=w * 0.17, span=0.5, trim=trim, width=round(w * 0.024))


def _basket(draw, box, taper, trim, w) -> None:
    _handles(draw, box, rise=w * 0.2, span=0.62, trim=trim, width=round(w * 0.03))
    x0, y0, x1, _ = box
    draw.rectangle((x0, y0, x1, y0 + w * 0.03), fill=trim)


def _shoulder(draw, box, taper, trim, w) -> None:
    x0, y0, x1, _ = box
    draw.arc(
        (x0 + taper * 1.3, y0 - w * 0.3, x1 - taper * 1.3, y0 + w * 0.3),
        180,
        360,
        fill=trim,
        width=round(w * 0.018),
    )
    cx = (x0 + x1) / 2
    draw.ellipse(
        (cx - w * 0.015, y0 + w * 0.05, cx + w * 0.015, y0 + w * 0.08), fill=(205, 180, 90)
    )


def _zip(draw: ImageDraw.ImageDraw, x0: float, x1: float, y: float, w: int) -> None:
    tooth = max(2, round(w * 0.006))
    draw.rectangle((x0, y - tooth * 2, x1, y + tooth * 2), fill=(45, 45, 50))
    for x in range(round(x0), round(x1), tooth * 2):
        draw.rectangle((x, y - tooth, x + tooth, y + tooth), fill=(170, 170, 175))
    pull = x1 - (x1 - x0) * 0.18
    draw.rounded_rectangle(
        (pull, y - tooth, pull + tooth * 4, y + tooth * 9),
        radius=tooth,
        fill=(190, 190, 195),
        outline=(90, 90, 95),
        width=1,
    )


def _pouch(draw, box, taper, trim, w) -> None:
    x0, y0, x1, _ = box
    _zip(draw, x0 + w * 0.04, x1 - w * 0.04, y0 + w * 0.035, w)


def _laptop(draw, box, taper, trim, w) -> None:
    x0, y0, x1, _ = box
    _zip(draw, x0 + w * 0.05, x1 - w * 0.05, y0 + w * 0.03, w)


def _wallet(draw, box, taper, trim, w) -> None:
    x0, y0, x1, y1 = box
    flap = y0 + (y1 - y0) * 0.45
    draw.line((x0 + w * 0.01, flap, x1 - w * 0.01, flap), fill=trim, width=round(w * 0.008))
    cx = (x0 + x1) / 2
    draw.ellipse(
        (cx - w * 0.02, flap - w * 0.02, cx + w * 0.02, flap + w * 0.02),
        fill=(200, 176, 96),
        outline=(120, 100, 50),
        width=2,
    )


def _backpack(draw, box, taper, trim, w) -> None:
    x0, y0, x1, y1 = box
    flap = y0 + (y1 - y0) * 0.36
    draw.arc(
        (x0 + taper, y0 - (flap - y0), x1 - taper, flap), 0, 180, fill=trim, width=round(w * 0.01)
    )
    for fx in (0.3, 0.7):
        sx = x0 + (x1 - x0) * fx
        draw.rectangle(
            (sx - w * 0.012, flap - w * 0.05, sx + w * 0.012, flap + w * 0.06), fill=trim
        )
        draw.rectangle(
            (sx - w * 0.018, flap + w * 0.03, sx + w * 0.018, flap + w * 0.06),
            outline=(200, 180, 100),
            width=3,
        )
    cx = (x0 + x1) / 2
    draw.arc(
        (cx - w * 0.05, y0 - w * 0.06, cx + w * 0.05, y0 + w * 0.04),
        180,
        360,
        fill=trim,
        width=round(w * 0.014),
    )


EXTRAS = {
    "tote": _tote,
    "basket": _basket,
    "shoulder": _shoulder,
    "pouch": _pouch,
    "laptop": _laptop,
    "wallet": _wallet,
    "backpack": _backpack,
}
