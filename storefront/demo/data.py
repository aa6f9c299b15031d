"""The demo makers and the pieces their stories are built from, in Bahasa Indonesia and English.

Every person here is fictional. Stories are assembled from these parts with a seeded random, so
they vary between makers but never between runs.
"""

import random
from dataclasses import dataclass, field
from datetime import date

ADMIN_EMAIL = "admin@example.com"
# The programme's sponsor: a read-only account that sees only the impact reports.
SPONSOR_EMAIL = "sponsor@example.com"
SPONSOR_NAME = "Sponsor Program"
ADMIN_NAME = "Admin Program"
DEMO_PASSWORD = "demo12345"  # noqa: S105 - the documented demo sign-in, refused in production


@dataclass(frozen=True)
class MakerSpec:
    full_name: str
    neighbourhood: str
    joined: date
    specialty: str  # key of SPECIALTIES
    wears_scarf: bool = True
    chosen_name: str | None = None
    shows_portrait: bool = True
    facts: dict[str, int] = field(default_factory=dict)


MAKERS: list[MakerSpec] = [
    MakerSpec("Siti Rahayu", "Cilincing", date(2019, 3, 11), "totes"),
    MakerSpec("Dewi Lestari", "Marunda", date(2019, 3, 11), "shoulder"),
    MakerSpec("Sri Wahyuni", "Kalibaru", date(2019, 8, 5), "baskets"),
    MakerSpec("Nur Aisyah", "Kalibaru", date(2020, 1, 20), "pouches", chosen_name="Mama Rizky"),
    MakerSpec("Rini Susanti", "Semper Barat", date(2020, 1, 20), "laptop"),
    MakerSpec("Euis Komalasari", "Rorotan", date(2020, 9, 14), "wallets"),
    MakerSpec("Fitri Handayani", "Koja", date(2020, 9, 14), "backpacks"),
    MakerSpec("Suhartini", "Tugu Utara", date(2021, 2, 1), "baskets"),
    MakerSpec("Lina Marlina", "Cilincing", date(2021, 2, 1), "home"),
    MakerSpec("Aminah Siregar", "Lagoa", date(2021, 6, 7), "shoulder"),
    MakerSpec("Endang Suryani", "Rawa Badak Utara", date(2021, 6, 7), "totes"),
    MakerSpec("Tuti Alawiyah", "Marunda", date(2021, 11, 15), "wallets", shows_portrait=False),
    MakerSpec("Rohimah", "Kalibaru", date(2022, 3, 21), "pouches", chosen_name="Bu Imah"),
    MakerSpec(
        "Yulianti Pratiwi", "Semper Timur", date(2022, 3, 21), "laptop", shows_portrait=False
    ),
    MakerSpec("Ratna Sari", "Sukapura", date(2022, 8, 8), "backpacks", wears_scarf=False),
    MakerSpec("Dwi Purwanti", "Tanjung Priok", date(2022, 8, 8), "totes"),
    MakerSpec("Kartini Hasibuan", "Warakas", date(2023, 1, 16), "shoulder", wears_scarf=False),
    MakerSpec("Nining Kurniasih", "Cilincing", date(2023, 1, 16), "home"),
    MakerSpec("Yohana Lewa", "Sungai Bambu", date(2023, 7, 10), "pouches", wears_scarf=False),
    MakerSpec("Hasnah Nurdin", "Marunda", date(2024, 2, 5), "baskets"),
]

# What she makes most: (Indonesian, English, category slugs she mostly works in).
SPECIALTIES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "totes": (
        "Tas jinjing dan tas belanja anyaman",
        "Woven totes and shopping bags",
        ("tas-jinjing", "keranjang-belanja"),
    ),
    "shoulder": (
        "Tas bahu dan tas selempang",
        "Shoulder and crossbody bags",
        ("tas-bahu", "tas-jinjing"),
    ),
    "baskets": (
        "Keranjang belanja untuk ke pasar",
        "Baskets for the market",
        ("keranjang-belanja", "tas-jinjing"),
    ),
    "pouches": ("Dompet serbaguna beritsleting", "Zipped pouches", ("dompet-serbaguna", "dompet")),
    "laptop": (
        "Sarung laptop berlapis busa",
        "Padded laptop sleeves",
        ("sarung-laptop", "dompet-serbaguna"),
    ),
    "wallets": ("Dompet kecil yang rapi", "Neat little wallets", ("dompet", "dompet-serbaguna")),
    "backpacks": (
        "Ransel untuk sekolah dan kerja",
        "Backpacks for school and work",
        ("ransel", "tas-bahu"),
    ),
    "home": (
        "Tatakan piring dan keranjang",
        "Placemats and baskets",
        ("tatakan", "keranjang-belanja"),
    ),
}

# (Indonesian, English) pairs; "{x}" fields are filled per maker.
OPENINGS = [
    (
        "{first} tinggal di {hood} dan ikut pelatihan menjahit serta menganyam lembaran "
        "plastik LDPE pada tahun {year}.",
        "{first} lives in {hood} and joined the training in tailoring and weaving LDPE plastic "
        "sheets in {year}.",
    ),
    (
        "Sebelum ikut program pada tahun {year}, {first} sehari-hari {former_id}.",
        "Before she joined the programme in {year}, {first} spent her days {former_en}.",
    ),
    (
        "Sejak {year}, {first} dari {hood} belajar mengubah kantong plastik bekas menjadi "
        "barang yang berguna.",
        "Since {year}, {first} from {hood} has been learning to turn used plastic bags into useful "
        "things.",
    ),
]
FORMER_WORK = [
    ("mengupas kerang hijau di dekat rumahnya", "shelling green mussels near her home"),
    ("berjualan gorengan di mulut gang", "selling fritters at the end of her alley"),
    ("menerima cucian dari tetangga", "taking in laundry from her neighbours"),
    ("menjaga warung kecil di depan rumah", "minding a small stall in front of her house"),
    ("bekerja di pabrik garmen", "working in a garment factory"),
    ("menjemur ikan asin bersama ibunya", "drying salted fish with her mother"),
]
FAMILIES = [
    (
        "Suaminya nelayan, dan mereka punya tiga anak.",
        "Her husband is a fisherman, and they have three children.",
    ),
    (
        "Ia membesarkan dua anaknya sendiri sejak suaminya meninggal.",
        "She has raised her two children on her own since her husband died.",
    ),
    (
        "Suaminya pengemudi ojek, dan anak sulungnya baru masuk SMP.",
        "Her husband drives a motorbike taxi, and her eldest has just started junior high school.",
    ),
    (
        "Ia tinggal bersama ibunya dan empat anaknya.",
        "She lives with her mother and her four children.",
    ),
    (
        "Suaminya buruh di pelabuhan Tanjung Priok; mereka punya satu anak perempuan.",
        "Her husband works at the port of Tanjung Priok; they have one daughter.",
    ),
    (
        "Ia nenek dari lima cucu yang sering membantunya memilah plastik.",
        "She is a grandmother of five, and the grandchildren often help her sort plastic.",
    ),
    (
        "Anak-anaknya sudah besar, jadi sekarang ia punya lebih banyak waktu untuk menganyam.",
        "Her children are grown up, so now she has more time to weave.",
    ),
]
TRAINING = [
    (
        "Di pelatihan ia belajar memotong kantong plastik menjadi pita, menyetrikanya menjadi "
        "lembaran, lalu menjahitnya dengan rapi.",
        "In the training she learned to cut plastic bags into strips, iron them into sheets "
        "and sew them neatly.",
    ),
    (
        "Awalnya jahitannya sering lepas, tetapi ia terus berlatih dengan mesin jahit milik "
        "kelompok.",
        "At first her seams often came apart, but she kept practising on the group's sewing "
        "machine.",
    ),
    (
        "Yang paling ia suka dari pelatihan adalah belajar memadukan warna.",
        "What she liked most about the training was learning to put colours together.",
    ),
]
SPECIALTY_LINES = [
    (
        "Sekarang ia paling suka membuat {spec_id}, terutama yang berwarna {colour_id}.",
        "Now she most enjoys making {spec_en}, especially in {colour_en}.",
    ),
    (
        "Kini {spec_id} buatannya dikenal rapi dan kuat.",
        "Today her {spec_en} are known for being neat and strong.",
    ),
]
CLOSINGS = [
    (
        "Penghasilannya ia tabung untuk biaya sekolah anak-anak.",
        "She saves what she earns for her children's school fees.",
    ),
    (
        "Ia mengumpulkan bungkus kopi sachet dari warung-warung tetangga.",
        "She collects used coffee sachets from the stalls in her neighbourhood.",
    ),
    (
        "Ia juga mengajari ibu-ibu baru di kelompoknya.",
        "She also teaches the newer women in her group.",
    ),
    (
        "Setiap sore ia menganyam di teras sambil menunggu anak-anak pulang mengaji.",
        "Every afternoon she weaves on her porch while she waits for her children to come home "
        "from Koran class.",
    ),
]
FAVOURITE_COLOURS = [
    ("biru laut", "sea blue"),
    ("merah bata", "brick red"),
    ("hijau daun", "leaf green"),
    ("kuning kunyit", "turmeric yellow"),
    ("ungu terong", "aubergine"),
    ("toska", "turquoise"),
    ("pelangi", "rainbow colours"),
    ("cokelat kopi", "coffee brown"),
]


def public_name(spec: MakerSpec) -> str:
    """How texts call her: the name she chose, else "Ibu" and her first name."""
    return spec.chosen_name or f"Ibu {spec.full_name.split()[0]}"


def maker_story(spec: MakerSpec) -> tuple[str, str]:
    """Her story in Indonesian and English: 3 to 5 sentences, the same every run."""
    rng = random.Random(f"story:{spec.full_name}")
    former_id, former_en = rng.choice(FORMER_WORK)
    spec_id, spec_en, _ = SPECIALTIES[spec.specialty]
    colour_id, colour_en = rng.choice(FAVOURITE_COLOURS)
    values = {
        "first": spec.chosen_name or spec.full_name.split()[0],
        "hood": spec.neighbourhood,
        "year": spec.joined.year,
        "former_id": former_id,
        "former_en": former_en,
        "spec_id": spec_id.lower(),
        "spec_en": spec_en.lower(),
        "colour_id": colour_id,
        "colour_en": colour_en,
    }
    parts = [rng.choice(OPENINGS), rng.choice(FAMILIES)]
    if rng.random() < 0.7:
        parts.append(rng.choice(TRAINING))
    parts.append(rng.choice(SPECIALTY_LINES))
    if len(parts) < 4 or rng.random() < 0.6:
        parts.append(rng.choice(CLOSINGS))
    story_id = " ".join(part[0].format(**values) for part in parts)
    story_en = " ".join(part[1].format(**values) for part in parts)
    return story_id, story_en


PHONE_PREFIXES = ("811", "812", "813", "821", "822", "852", "853", "857", "877", "878", "896")


def maker_phones(slugs: list[str]) -> dict[str, str]:
    """A distinct, stable Indonesian mobile number (+628...) for each slug."""
    phones: dict[str, str] = {}
    for slug in slugs:
        rng = random.Random(f"phone:{slug}")
        while True:
            number = f"+62{rng.choice(PHONE_PREFIXES)}{rng.randrange(10**7, 10**8)}"
            if number not in phones.values():
                phones[slug] = number
                break
    return phones


def initials(full_name: str) -> str:
    words = full_name.split()
    return (words[0][0] + (words[1][0] if len(words) > 1 else words[0][1])).upper()
