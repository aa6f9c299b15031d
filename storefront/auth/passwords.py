"""Password hashing (argon2id at OWASP's recommended cost) and the strength rule."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# OWASP: argon2id, m=19 MiB, t=2, p=1.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

MIN_LENGTH = 8
COMMON_PASSWORDS = frozenset(
    [
        "password",
        "password1",
        "12345678",
        "123456789",
        "1234567890",
        "qwerty123",
        "qwertyuiop",
        "iloveyou",
        "11111111",
        "00000000",
        "abc12345",
        "abcd1234",
        "password123",
        "admin123",
        "welcome1",
        "sunshine",
        "princess1",
        "football",
        "baseball12",
        "letmein1",
        "monkey123",
        "dragon12",
        "passw0rd",
        "bismillah",
        "indonesia",
        "jakarta123",
        "sayangku",
        "rahasia123",
        "katasandi",
    ]
)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def is_weak(password: str) -> bool:
    """Too short or on the common-password list."""
    return len(password) < MIN_LENGTH or password.lower() in COMMON_PASSWORDS
