"""Demo categories and the plan of demo products (pure data, no database).

`product_plans()` always returns the same list: titles, prices, stock states and photo palettes come
from a seeded random, so slugs are stable and a second seed run finds every product again.
"""

import random
from dataclasses import dataclass

from slugify import slugify

from storefront.demo.data import MAKERS, SPECIALTIES, public_name

RGB = tuple[int, int, int]

# slug, name_id, name_en, photo shape, (kinds: title_id, title_en), price range, grams range
CATEGORIES = [
    (
        "tas-jinjing",
        "Tas Jinjing",
        "Tote bags",
        "tote",
        [("Tas Jinjing", "Tote"), ("Tas Belanja", "Shopping Bag")],
        (95_000, 250_000),
        (150, 380),
    ),
    (
        "tas-bahu",
        "Tas Bahu",
        "Shoulder bags",
        "shoulder",
        [("Tas Bahu", "Shoulder Bag"), ("Tas Selempang", "Crossbody Bag")],
        (120_000, 320_000),
        (120, 300),
    ),
    (
        "ransel",
        "Ransel",
        "Backpacks",
        "backpack",
        [("Ransel", "Backpack"), ("Ransel Mini", "Mini Backpack")],
        (180_000, 450_000),
        (250, 600),
    ),
    (
        "dompet-serbaguna",
        "Dompet Serbaguna",
        "Pouches",
        "pouch",
        [("Pouch", "Pouch"), ("Tempat Pensil", "Pencil Case"), ("Dompet Kosmetik", "Make-up Bag")],
        (45_000, 120_000),
        (40, 120),
    ),
    (
        "sarung-laptop",
        "Sarung Laptop",
        "Laptop sleeves",
        "laptop",
        [
            ("Sarung Laptop 13 inci", "13-inch Laptop Sleeve"),
            ("Sarung Laptop 15 inci", "15-inch Laptop Sleeve"),
            ("Sarung Tablet", "Tablet Sleeve"),
        ],
        (150_000, 300_000),
        (150, 320),
    ),
    (
        "dompet",
        "Dompet",
        "Wallets",
        "wallet",
        [
            ("Dompet Lipat", "Bifold Wallet"),
            ("Dompet Koin", "Coin Purse"),
            ("Dompet Kartu", "Card Holder"),
        ],
        (35_000, 95_000),
        (40, 90),
    ),
    (
        "keranjang-belanja",
        "Keranjang Belanja",
        "Market baskets",
        "basket",
        [("Keranjang Belanja", "Market Basket"), ("Keranjang Pasar Besar", "Large Market Basket")],
        (120_000, 280_000),
        (250, 550),
    ),
    (
        "tatakan",
        "Tatakan Piring",
        "Placemats",
        "placemat",
        [("Tatakan Piring", "Placemat Set"), ("Tatakan Gelas", "Coaster Set")],
        (60_000, 180_000),
        (100, 400),
    ),
]
CATEGORY_SHAPES = {row[0]: row[3] for row in CATEGORIES}

# Weave patterns: (Indonesian, English, drawing pattern); the empty one gives "Tas Jinjing Anyaman
# Biru Laut".
PATTERNS = [
    ("", "", "plain"),
    ("Kotak-kotak", "Checked", "checked"),
    ("Garis", "Striped", "striped"),
    ("Zigzag", "Zigzag", "zigzag"),
    ("Catur", "Chequerboard", "chequer"),
]
COLOURS: list[tuple[str, str, list[RGB]]] = [
    ("Biru Laut", "Sea-blue", [(30, 90, 160), (70, 150, 210), (235, 240, 245)]),
    ("Merah Bata", "Brick-red", [(170, 60, 45), (220, 120, 80), (245, 225, 200)]),
    ("Hijau Daun", "Leaf-green", [(60, 140, 70), (150, 200, 90), (240, 240, 220)]),
    ("Kuning Kunyit", "Turmeric", [(225, 170, 30), (245, 215, 110), (120, 80, 40)]),
    (
        "Pelangi",
        "Rainbow",
        [(220, 60, 60), (240, 170, 40), (60, 160, 90), (50, 110, 200), (150, 80, 170)],
    ),
    ("Hitam Putih", "Black-and-white", [(35, 35, 40), (240, 240, 235), (140, 140, 140)]),
    ("Kopi Susu", "Coffee-and-cream", [(110, 70, 45), (200, 160, 120), (240, 225, 200)]),
    ("Ungu Terong", "Aubergine", [(90, 40, 90), (170, 110, 170), (235, 220, 235)]),
    ("Jingga Senja", "Sunset-orange", [(235, 110, 40), (250, 190, 90), (120, 40, 60)]),
    ("Toska", "Turquoise", [(20, 160, 160), (130, 215, 205), (250, 250, 245)]),
    ("Merah Muda", "Pink", [(230, 120, 150), (250, 200, 210), (255, 255, 255)]),
    ("Biru Dongker", "Navy", [(25, 40, 80), (80, 110, 160), (230, 200, 90)]),
    ("Hijau Botol", "Bottle-green", [(20, 90, 60), (90, 160, 120), (230, 220, 190)]),
    ("Merah Putih", "Red-and-white", [(200, 30, 40), (250, 250, 250)]),
]
CARE = [
    (
        "Cukup dilap dengan kain basah dan sabun lembut. Jangan disetrika.",
        "Wipe with a damp cloth and mild soap. Do not iron.",
    ),
    (
        "Cuci dengan tangan memakai air dingin, lalu angin-anginkan di tempat teduh.",
        "Hand wash in cold water and dry in the shade.",
    ),
    (
        "Bersihkan dengan kain lembap. Jauhkan dari api dan sinar matahari terik.",
        "Clean with a damp cloth. Keep away from flames and strong sun.",
    ),
]
LINED = {"tas-jinjing", "tas-bahu", "ransel", "dompet-serbaguna", "sarung-laptop", "dompet"}
ZIPPED = {"ransel", "dompet-serbaguna", "sarung-laptop", "dompet"}

COUNT = 90
# Stock states dealt out over the products (the rest are live with 2-8 in stock).
STATES = ["one"] * 15 + ["made_to_order"] * 10 + ["sold_out"] * 8 + ["pending"] * 2 + ["draft"] * 2


@dataclass(frozen=True)
class ProductPlan:
    slug: str
    maker_index: int
    category_slug: str
    title_id: str
    title_en: str
    description_id: str
    description_en: str
    materials_id: str
    materials_en: str
    care_id: str
    care_en: str
    price_idr: int
    stock: int
    is_made_to_order: bool
    lead_time_days: int | None
    plastic_grams: int
    status: str
    is_featured: bool
    days_ago: int
    palette: list[RGB]
    pattern: str
    shape: str
    photo_count: int


def _materials(category: str, coffee: bool) -> tuple[str, str]:
    source_id = "bungkus kopi sachet bekas" if coffee else "kantong belanja plastik bekas"
    source_en = "used coffee sachets" if coffee else "used plastic shopping bags"
    parts_id, parts_en = [f"Pita plastik LDPE dari {source_id}"], [f"LDPE strips from {source_en}"]
    if category in LINED:
        parts_id.append("lapisan dalam kain katun")
        parts_en.append("cotton lining")
    if category in ZIPPED:
        parts_id.append("ritsleting")
        parts_en.append("zip")
    if category == "sarung-laptop":
        parts_id.append("busa pelindung")
        parts_en.append("foam padding")
    return ", ".join(parts_id), ", ".join(parts_en)


def _description(
    kind: tuple[str, str], colour: tuple[str, str], grams: int, maker: str
) -> tuple[str, str]:
    bags = max(3, grams // 6)
    text_id = (
        f"{kind[0]} ini dianyam tangan oleh {maker} dengan warna "
        f"{colour[0].lower()}. Kira-kira {bags} kantong plastik bekas tidak jadi sampah "
        "karena dipakai untuk membuatnya. Ringan, kuat dan tahan air."
    )
    text_en = (
        f"This {kind[1].lower()} was hand-woven by {maker} in "
        f"{colour[1].lower()} tones. About {bags} used plastic bags were kept out of the "
        "rubbish to make it. Light, strong and water-resistant."
    )
    return text_id, text_en


def _price(rng: random.Random, low: int, high: int, size: float) -> int:
    raw = low + (high - low) * size
    return max(35_000, min(450_000, round(raw / 5_000) * 5_000))


def _stock(state: str, rng: random.Random) -> tuple[int, bool, int | None, str]:
    """(stock, made to order, lead time, status) for a dealt-out state."""
    if state == "one":
        return 1, False, None, "live"
    if state == "made_to_order":
        return 0, True, rng.randrange(7, 22), "live"
    if state == "sold_out":
        return 0, False, None, "live"
    if state in ("pending", "draft"):
        return rng.randrange(1, 6), False, None, state
    return rng.randrange(2, 9), False, None, "live"


def product_plans() -> list[ProductPlan]:
    """The 90 demo products, spread over every maker and category, identical on every call."""
    rng = random.Random("demo-products")
    states = STATES + ["normal"] * (COUNT - len(STATES))
    rng.shuffle(states)
    by_slug = {row[0]: row for row in CATEGORIES}
    plans: list[ProductPlan] = []
    used_titles: set[str] = set()
    for index, state in enumerate(states):
        maker_index = index % len(MAKERS)
        maker = MAKERS[maker_index]
        preferred = SPECIALTIES[maker.specialty][2]
        category = rng.choice(preferred) if rng.random() < 0.75 else rng.choice(CATEGORIES)[0]
        slug_c, _, _, shape, kinds, prices, grams_range = by_slug[category]
        while True:
            kind, pattern, colour = rng.choice(kinds), rng.choice(PATTERNS), rng.choice(COLOURS)
            title_id = " ".join(filter(None, [kind[0], "Anyaman", pattern[0], colour[0]]))
            if title_id not in used_titles and slugify(title_id) not in used_titles:
                used_titles.update((title_id, slugify(title_id)))
                break
        title_en = " ".join(filter(None, [colour[1], pattern[1], "Woven", kind[1]]))
        size = rng.random()
        grams = round(grams_range[0] + (grams_range[1] - grams_range[0]) * size)
        stock, to_order, lead, status = _stock(state, rng)
        description = _description(kind, colour[:2], grams, public_name(maker))
        materials = _materials(category, coffee=colour[0] == "Kopi Susu")
        care = rng.choice(CARE)
        plans.append(
            ProductPlan(
                slug=slugify(title_id, max_length=110),
                maker_index=maker_index,
                category_slug=slug_c,
                title_id=title_id,
                title_en=title_en,
                description_id=description[0],
                description_en=description[1],
                materials_id=materials[0],
                materials_en=materials[1],
                care_id=care[0],
                care_en=care[1],
                price_idr=_price(rng, *prices, size),
                stock=stock,
                is_made_to_order=to_order,
                lead_time_days=lead,
                plastic_grams=grams,
                status=status,
                is_featured=False,
                days_ago=rng.randrange(2, 240),
                palette=colour[2],
                pattern=pattern[2],
                shape=shape,
                photo_count=rng.randint(1, 4),
            )
        )
    return _feature(plans, rng)


def _feature(plans: list[ProductPlan], rng: random.Random, count: int = 8) -> list[ProductPlan]:
    """Mark a few buyable live products as featured."""
    from dataclasses import replace

    candidates = [i for i, p in enumerate(plans) if p.status == "live" and p.stock > 0]
    chosen = set(rng.sample(candidates, count))
    return [replace(p, is_featured=True) if i in chosen else p for i, p in enumerate(plans)]
