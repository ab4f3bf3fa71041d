
import pytest

from app import passwords
from app.passwords import password_problems, strength

MIN = "Gunakan minimal 12 karakter untuk Password"
MAX = "Password maksimal 128 karakter"
COMMON = "Password terlalu umum, pilih yang lain"
PERSONAL = "Password tidak boleh memuat NIK atau email Anda"

GOOD = "Tebak-Ini-9x"


def test_good_password_has_no_problems():
    assert password_problems(GOOD) == []


@pytest.mark.parametrize(
    ("password", "expected"),
    [("", [MIN]), ("Ab1", [MIN]), ("Abcdefghij1", [MIN]), ("a" * 11, [MIN])],
)
def test_at_least_twelve_characters(password, expected):
    assert password_problems(password) == expected


@pytest.mark.parametrize("password", ["kuda lari di pantai", "zxqvbnmlkjhp", "KUDALARIDIPANTAI",
                                      "7391846520573", "bebek-goreng-sambal"])
def test_no_composition_rules(password):
    """ASVS 2.1.9: lower case only, capitals only, digits only are all fine when long."""
    assert password_problems(password) == []


def test_maximum_length():
    assert password_problems("Ab9" + "x" * 61) == []  # 64 characters are fine
    assert password_problems("Ab9" + "x" * 125) == []  # exactly 128
    assert password_problems("Ab9" + "x" * 126) == [MAX]


@pytest.mark.parametrize(
    "password",
    ["Password1234", "PASSWORD1234", "Qwerty123456", "Bismillah123", "Indonesia123",
     "Kaltim2026!!", "KALTIM123456", "2026Kaltim!!", "@Samarinda99", "Rahasia12345",
     "Sayangku1234", "Dragon2024!!", "1qaz2wsx3edc", "qwerty123456", "leavemealone"],
)
def test_common_passwords_and_padded_variants_are_refused(password):
    assert COMMON in password_problems(password)


@pytest.mark.parametrize("password", ["Kaltim2026Ok!", "Abcd1234xyzw", "Ok1234567890",
                                      "Kucing99!Garong"])
def test_common_words_inside_longer_passwords_are_not_refused(password):
    assert COMMON not in password_problems(password)


def test_lists_are_loaded():
    common = passwords._load_common()
    assert len(common) >= 10_000
    assert "123456" in common
    assert "bismillah" in common
    assert not any(word.startswith("#") for word in common)


@pytest.mark.parametrize(
    ("password", "inputs"),
    [("X6472011708850001a", ["6472011708850001", "budi@example.id"]),
     ("Budi.Santoso77", ["6472011708850001", "budi.santoso@example.id"]),
     ("Budi.Santoso77", ["BUDI.SANTOSO@EXAMPLE.ID"])],
)
def test_personal_data_is_refused(password, inputs):
    assert password_problems(password, user_inputs=inputs) == [PERSONAL]


def test_short_or_missing_user_inputs_are_ignored():
    assert password_problems(GOOD, user_inputs=["a@b.id", "", None, "Ini"]) == []


@pytest.mark.parametrize(
    ("password", "score"),
    [("", 0), ("abc", 0), ("passwor", 0), ("password", 1), ("Abcdefghij1", 1),
     ("abcdefghijkl", 2), ("Abcdefghij1!", 2), ("abcdefghijklmno", 2), ("abcdefghijklmnop", 3),
     ("Ab9" + "x" * 126, 1)],
)
def test_strength(password, score):
    assert strength(password) == score
