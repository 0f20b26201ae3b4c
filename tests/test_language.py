import pytest

from triage.language import detect_language

# Project-written sentences, one per language.
CASES = [
    ("快递太慢了，等了三周才到", "zh"),
    ("Still hasn't arrived after 20 days", "en"),
    ("El pedido lleva un mes en aduanas", "es"),
    ("Il manque le chargeur dans le colis", "fr"),
    ("Das Paket kam beschädigt an", "de"),
    ("O pedido chegou com a caixa amassada", "pt"),
    ("Il pacco è arrivato in ritardo di due settimane", "it"),
    ("Посылка пришла разбитой", "ru"),
    ("箱が潰れていて、グラスが割れていました", "ja"),
    ("배송이 너무 늦어요", "ko"),
    ("Kargo çok geç geldi ve kutu ezilmişti", "tr"),
    ("وصل الطلب متأخرا جدا", "ar"),
    ("สินค้ามาช้ามาก", "th"),
    ("De doos was kapot bij aankomst", "nl"),
    ("Paczka dotarła uszkodzona", "pl"),
]


@pytest.mark.parametrize(("text", "language"), CASES)
def test_detects_supported_languages(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["12345", "😡😡", "!!!", "@AmazonHelp https://t.co/x"])
def test_no_letters_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_handles_and_links_do_not_decide() -> None:
    assert detect_language("@AmazonHelp my parcel never arrived https://t.co/abc") == "en"
