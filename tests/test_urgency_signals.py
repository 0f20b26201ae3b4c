"""Tests of the urgency-signal lexicon (triage/urgency_signals.py).

Every sentence in the tables below was WRITTEN BY THE PROJECT for these tests;
none is real buyer text. The real texts are only measured (not asserted on
tightly) by the last test and by benchmarks/bench_urgency_signals.py.
"""

from __future__ import annotations

import re

import pytest

from triage.urgency_signals import LANGUAGES, SIGNAL_NAMES, SIGNALS, SignalHit, find_signals

GRADE3_SIGNALS = ("escalation", "safety", "repeated_contact", "deadline")

# (language, signal, sentence): the sentence must hit the signal.
# Project-written examples, not real buyer text.
POSITIVE: list[tuple[str, str, str]] = [
    # zh
    ("zh", "escalation", "再不处理我就投诉到平台，打12315"),
    ("zh", "safety", "充电器冒烟了，还有一股烧焦的味道"),
    ("zh", "repeated_contact", "这是我第三次联系客服了，一直没人回复"),
    ("zh", "deadline", "急用！这是给妈妈的生日礼物，明天之前必须到"),
    ("zh", "anger", "骗子商家，卖的全是垃圾"),
    ("zh", "request", "少了一件，请尽快补发，不然就退款"),
    # en
    ("en", "escalation", "If this is not fixed I will file a chargeback and leave a 1-star review."),
    ("en", "safety", "The charger caught fire and my son got a burn, there was a strong burning smell."),
    ("en", "repeated_contact", "This is the third time I contact you and still no reply."),
    ("en", "deadline", "I need it by Friday, it is a birthday gift for my daughter and it still hasn't arrived."),
    ("en", "anger", "This is a scam, the worst seller ever."),
    ("en", "request", "Please send the missing item or refund me."),
    # es
    ("es", "escalation", "Si no me devuelven el dinero abriré una disputa y pondré una reclamación."),
    ("es", "safety", "El cargador echó humo y olía a quemado, es peligroso."),
    ("es", "repeated_contact", "Es la tercera vez que les escribo y sigo sin respuesta."),
    ("es", "deadline", "Es urgente, era un regalo para la boda de mañana."),
    ("es", "anger", "Es una estafa, el peor servicio que he visto."),
    ("es", "request", "Quiero que me reembolsen el importe o me lo cambien."),
    # pt
    ("pt", "escalation", "Vou abrir uma reclamação no Reclame Aqui e no Procon."),
    ("pt", "safety", "O carregador pegou fogo e soltou fumaça."),
    ("pt", "repeated_contact", "Já entrei em contato três vezes e ninguém responde."),
    ("pt", "deadline", "É urgente, era presente de aniversário para amanhã."),
    ("pt", "anger", "Isso é golpe, que vergonha, lixo de loja."),
    ("pt", "request", "Quero o reembolso ou a troca do produto."),
    # fr
    ("fr", "escalation", "Sans réponse je vais ouvrir un litige et porter plainte."),
    ("fr", "safety", "La batterie a pris feu, il y avait de la fumée partout."),
    ("fr", "repeated_contact", "C'est la troisième fois que je vous écris et toujours pas de réponse."),
    ("fr", "deadline", "C'est urgent, c'est un cadeau d'anniversaire pour demain."),
    ("fr", "anger", "C'est une arnaque, service nul et inadmissible."),
    ("fr", "request", "Merci de me rembourser ou de renvoyer l'article manquant."),
    # de
    ("de", "escalation", "Sonst mache ich eine Rückbuchung und schalte meinen Anwalt ein."),
    ("de", "safety", "Das Netzteil hat gebrannt, es gab Rauch und Brandgeruch."),
    ("de", "repeated_contact", "Ich schreibe Ihnen zum dritten Mal und habe immer noch keine Antwort."),
    ("de", "deadline", "Es ist dringend, das Geschenk ist für den Geburtstag morgen."),
    ("de", "anger", "Das ist Betrug, eine Frechheit und absolute Abzocke."),
    ("de", "request", "Bitte erstatten Sie mir den Betrag oder schicken Sie Ersatz."),
    # it
    ("it", "escalation", "Se non risolvete mi rivolgo a un avvocato e all'associazione consumatori."),
    ("it", "safety", "Il caricatore ha preso fuoco, c'era odore di bruciato."),
    ("it", "repeated_contact", "È la terza volta che vi scrivo e nessuno risponde."),
    ("it", "deadline", "È urgente, è un regalo per il compleanno di domani."),
    ("it", "anger", "È una truffa, servizio vergognoso."),
    ("it", "request", "Voglio il rimborso oppure la sostituzione del prodotto."),
    # nl
    ("nl", "escalation", "Anders doe ik aangifte bij de politie en schakel ik de Geschillencommissie in."),
    ("nl", "safety", "De oplader vatte vlam, er kwam rook uit en hij is gevaarlijk."),
    ("nl", "repeated_contact", "Ik heb al drie keer gemaild en nog steeds geen antwoord."),
    ("nl", "deadline", "Het is dringend, het cadeau is voor de verjaardag morgen."),
    ("nl", "anger", "Dit is oplichting, echt belachelijk."),
    ("nl", "request", "Ik wil mijn geld terug of een vervangend product."),
    # pl
    ("pl", "escalation", "Jeśli nie dostanę zwrotu, zgłoszę sprawę do rzecznika konsumentów i otworzę spór."),
    ("pl", "safety", "Ładowarka zaczęła dymić i zapaliła się, czuć było spaleniznę."),
    ("pl", "repeated_contact", "Piszę już po raz trzeci i nadal brak odpowiedzi."),
    ("pl", "deadline", "To pilne, prezent na urodziny jutro."),
    ("pl", "anger", "To oszustwo, najgorszy sklep."),
    ("pl", "request", "Proszę o zwrot pieniędzy albo wymianę towaru."),
    # ru
    ("ru", "escalation", "Если не вернёте деньги, открою спор и подам в суд."),
    ("ru", "safety", "Зарядка задымилась, пошёл запах гари, это опасно."),
    ("ru", "repeated_contact", "Пишу уже в третий раз, никто не отвечает."),
    ("ru", "deadline", "Срочно нужно, это подарок на день рождения завтра."),
    ("ru", "anger", "Это обман, мошенники, позор."),
    ("ru", "request", "Верните деньги или сделайте замену товара."),
    # tr
    ("tr", "escalation", "Çözülmezse tüketici hakem heyetine başvuracağım ve avukatıma gideceğim."),
    ("tr", "safety", "Şarj aleti alev aldı, yanık kokusu vardı, çok tehlikeli."),
    ("tr", "repeated_contact", "Üçüncü kez yazıyorum, hala cevap yok."),
    ("tr", "deadline", "Acil lazım, yarın doğum günü hediyesi olacaktı."),
    ("tr", "anger", "Tam bir dolandırıcılık, rezalet."),
    ("tr", "request", "Ürünün iadesini ve paramı geri istiyorum."),
    # ar
    ("ar", "escalation", "إذا لم يتم الحل سأتقدم بشكوى إلى حماية المستهلك."),
    ("ar", "safety", "الشاحن اشتعل وخرج منه دخان، هذا خطير."),
    ("ar", "repeated_contact", "راسلتكم عدة مرات ولا أحد يرد."),
    ("ar", "deadline", "الطلب عاجل، إنها هدية عيد ميلاد غدا."),
    ("ar", "anger", "هذا نصب واحتيال، أسوأ متجر."),
    ("ar", "request", "أريد استرداد المبلغ أو استبدال المنتج."),
    # ja
    ("ja", "escalation", "対応がなければ消費者センターに相談し、低評価をつけます。"),
    ("ja", "safety", "充電器から煙が出て、焦げ臭いにおいがしました。危険です。"),
    ("ja", "repeated_contact", "問い合わせは3回目です。まだ返信がありません。"),
    ("ja", "deadline", "至急お願いします。明日の誕生日プレゼントです。"),
    ("ja", "anger", "詐欺です。最悪の対応です。"),
    ("ja", "request", "返金または交換をお願いします。"),
    # ko
    ("ko", "escalation", "해결이 안 되면 소비자원에 신고하겠습니다."),
    ("ko", "safety", "충전기에서 연기가 나고 타는 냄새가 났어요. 위험합니다."),
    ("ko", "repeated_contact", "세 번째 문의입니다. 아직도 답변이 없습니다."),
    ("ko", "deadline", "급합니다. 내일 생일 선물이에요."),
    ("ko", "anger", "완전 사기입니다. 최악이에요."),
    ("ko", "request", "환불이나 교환 부탁드립니다."),
    # th
    ("th", "escalation", "ถ้าไม่แก้ไขจะร้องเรียน สคบ. และแจ้งความ"),
    ("th", "safety", "ที่ชาร์จมีควันและมีกลิ่นไหม้ อันตรายมาก"),
    ("th", "repeated_contact", "ทักไปหลายครั้งแล้ว ไม่มีใครตอบเลย"),
    ("th", "deadline", "ด่วนมาก เป็นของขวัญวันเกิดพรุ่งนี้"),
    ("th", "anger", "โกงชัดๆ ร้านแย่ที่สุด"),
    ("th", "request", "ขอคืนเงินหรือเปลี่ยนสินค้าให้ด้วย"),
]

# Neutral or praising sentences that must hit no grade-3 signal (escalation,
# safety, repeated_contact, deadline). Project-written, not real buyer text.
NEUTRAL: list[tuple[str, str]] = [
    ("zh", "物流很快，质量很好，还会再买"),
    ("zh", "第二次购买了，一如既往的好"),
    ("zh", "包装完好，送人很合适，朋友很喜欢"),
    ("en", "Fast delivery, great quality, would buy again."),
    ("en", "Second time ordering from this seller, always on time."),
    ("en", "Bought it as a gift and she loved it, five stars."),
    ("es", "Entrega rápida, muy buena calidad, volveré a comprar otra vez."),
    ("es", "Es la segunda vez que compro y todo perfecto."),
    ("es", "Lo compré para regalo y le encantó."),
    ("pt", "Entrega rápida, ótima qualidade, compraria novamente."),
    ("pt", "Segunda vez que compro, tudo certo."),
    ("pt", "Comprei de presente e ela adorou."),
    ("fr", "Livraison rapide, très bonne qualité, je rachèterai encore."),
    ("fr", "Deuxième commande chez ce vendeur, toujours parfait."),
    ("fr", "Acheté comme cadeau, il a adoré."),
    ("de", "Schnelle Lieferung, super Qualität, gerne wieder."),
    ("de", "Zum zweiten Mal bestellt, alles bestens."),
    ("de", "Als Geschenk gekauft, sie hat sich sehr gefreut."),
    ("it", "Spedizione veloce, ottima qualità, ricomprerò ancora."),
    ("it", "Seconda volta che acquisto, tutto perfetto."),
    ("it", "Comprato come regalo, è piaciuto molto."),
    ("nl", "Snelle levering, goede kwaliteit, zou het weer kopen."),
    ("nl", "Tweede keer besteld, alles prima."),
    ("nl", "Gekocht als cadeau, ze was er blij mee."),
    ("pl", "Szybka dostawa, świetna jakość, kupię ponownie."),
    ("pl", "Drugi raz kupuję, wszystko w porządku."),
    ("pl", "Kupiłem na prezent, bardzo się podobał."),
    ("ru", "Быстрая доставка, отличное качество, куплю снова."),
    ("ru", "Заказываю второй раз, всё отлично."),
    ("ru", "Купила в подарок, очень понравилось."),
    ("tr", "Hızlı kargo, kalitesi harika, tekrar alırım."),
    ("tr", "İkinci kez aldım, her şey yolunda."),
    ("tr", "Hediye olarak aldım, çok beğendi."),
    ("ar", "توصيل سريع وجودة ممتازة، سأشتري مرة أخرى."),
    ("ar", "هذه ثاني مرة أشتري منهم، كل شيء ممتاز."),
    ("ar", "اشتريته هدية وأعجبها كثيرا."),
    ("ja", "配送が早く、品質も良いです。また買います。"),
    ("ja", "二回目の購入です。いつも満足しています。"),
    ("ja", "プレゼント用に買いました。とても喜ばれました。"),
    ("ko", "배송 빠르고 품질 좋아요. 다시 구매할게요."),
    ("ko", "두 번째 구매인데 역시 만족합니다."),
    ("ko", "선물용으로 샀는데 아주 좋아했어요."),
    ("th", "ส่งเร็ว คุณภาพดีมาก จะซื้ออีก"),
    ("th", "ซื้อครั้งที่สองแล้ว ประทับใจเหมือนเดิม"),
    ("th", "ซื้อเป็นของขวัญ ถูกใจมาก"),
]


def _id(case: tuple) -> str:
    return "-".join(str(part)[:24] for part in case[:-1]) + f"-{abs(hash(case[-1])) % 10_000:04d}"


@pytest.mark.parametrize(("language", "signal", "text"), POSITIVE,
                         ids=[f"{lang}-{signal}" for lang, signal, _ in POSITIVE])
def test_sentence_hits_signal(language: str, signal: str, text: str) -> None:
    hits = {hit.signal: hit for hit in find_signals(text, language)}
    assert signal in hits, f"{signal} not found in {text!r}; hits: {list(hits.values())}"


@pytest.mark.parametrize(("language", "text"), NEUTRAL,
                         ids=[f"{lang}-neutral{i % 3}" for i, (lang, _) in enumerate(NEUTRAL)])
def test_neutral_sentence_hits_no_grade3_signal(language: str, text: str) -> None:
    hits = [hit for hit in find_signals(text, language) if hit.signal in GRADE3_SIGNALS]
    assert not hits, f"{text!r} should not hit {hits}"


def test_every_language_and_signal_has_patterns_and_examples() -> None:
    covered = {(language, signal) for language, signal, _ in POSITIVE}
    for signal in SIGNAL_NAMES:
        assert set(LANGUAGES) <= set(SIGNALS[signal]), signal
        for language in LANGUAGES:
            assert SIGNALS[signal][language], (signal, language)
            assert (language, signal) in covered, (language, signal)
    for language in LANGUAGES:
        assert sum(1 for lang, _ in NEUTRAL if lang == language) >= 3, language
    assert set(SIGNALS) == set(SIGNAL_NAMES)


def test_every_pattern_compiles_and_never_matches_empty() -> None:
    for signal, by_language in SIGNALS.items():
        for language, patterns in by_language.items():
            for pattern in patterns:
                compiled = re.compile(pattern, re.IGNORECASE)
                assert not compiled.fullmatch(""), (signal, language, pattern)


@pytest.mark.parametrize(("language", "signal", "text"), POSITIVE,
                         ids=[f"{lang}-{signal}-span" for lang, signal, _ in POSITIVE])
def test_hit_spans_are_exact(language: str, signal: str, text: str) -> None:
    hits = find_signals(text, language)
    assert hits
    for hit in hits:
        assert isinstance(hit, SignalHit)
        assert hit.text == text[hit.start:hit.end]
        assert hit.text  # never an empty match


def test_at_most_one_hit_per_signal_in_signal_order_and_first_wins() -> None:
    text = "Refund please. Third time I ask, still no reply. SCAM!!! Also I want a replacement."
    hits = find_signals(text, "en")
    names = [hit.signal for hit in hits]
    assert names == [name for name in SIGNAL_NAMES if name in names]
    assert len(names) == len(set(names))
    request = next(hit for hit in hits if hit.signal == "request")
    assert request.start == 0 and request.text == "Refund"


def test_english_and_neutral_patterns_apply_to_every_language() -> None:
    # A German text with an English word mixed in, and shouting.
    hits = {hit.signal: hit for hit in find_signals("Ich will einen refund, SOFORT!!!", "de")}
    assert "request" in hits and "anger" in hits
    # An unknown language still gets English and language-neutral patterns.
    hits = {hit.signal: hit for hit in find_signals("chargeback!!!", "und")}
    assert hits["escalation"].text == "chargeback"
    assert hits["anger"].text == "!!!"


def test_all_caps_word_is_anger_but_lowercase_is_not() -> None:
    assert any(hit.signal == "anger" for hit in find_signals("this is UNBELIEVABLE", "en"))
    assert not any(hit.signal == "anger" for hit in find_signals("this is unbelievable", "en"))


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Would buy again, again and again a great product."),
    ("en", "My Kindle Fire arrived quickly."),
    ("zh", "犹豫再三还是买了，没有受伤的苹果，很新鲜"),
    ("es", "Volveré a comprar otra vez."),
    ("de", "Gerne wieder, brandneu und top."),
    ("ru", "Отличный спортивный костюм, пожалуйста, всем советую."),
    ("tr", "Tekrar sipariş vereceğim."),
    ("ja", "また買います。"),
    ("ko", "재구매 의사 있어요. 다시 살게요."),
    ("ko", "세 번째 구매입니다. 만족해요."),
    ("fr", "Je commande pour la troisième fois, toujours ravi."),
    ("pl", "Kupuję po raz trzeci, polecam."),
    ("tr", "Üçüncü kez alıyorum, çok memnunum."),
    ("en", "This is my third time ordering, great as always."),
    ("en", "Great spark plug, fits my Kindle Fire charger too."),
    ("de", "Zum dritten Mal bestellt, alles super."),
])
def test_praise_lookalikes_do_not_hit_grade3_signals(language: str, text: str) -> None:
    # Project-written examples, not real buyer text.
    hits = [hit for hit in find_signals(text, language) if hit.signal in GRADE3_SIGNALS]
    assert not hits, hits


@pytest.mark.parametrize(("language", "text", "signal"), [
    ("es", "Necesito que me reembolsen ya", "request"),
    ("es", "¿Cuándo van a reembolsar el dinero?", "request"),
    ("ru", "Хочу возврат", "request"),
    ("ru", "Прошу вернуть деньги", "request"),
    ("pl", "Chcę zwrócić towar", "request"),
    ("pl", "Żądam zwrotu", "request"),
    ("de", "Wann bekomme ich die Rückerstattung?", "request"),
    ("de", "Bitte erstatten Sie den Kaufpreis", "request"),
    ("tr", "İade istiyorum", "request"),
    ("tr", "Ürünün iadesini talep ediyorum", "request"),
    ("tr", "İADE EDİN", "request"),
])
def test_inflections(language: str, text: str, signal: str) -> None:
    # Project-written examples, not real buyer text.
    assert signal in {hit.signal for hit in find_signals(text, language)}


@pytest.mark.shared_data
def test_real_annotated_texts_are_measured(shared_data, capsys) -> None:
    """Measures (does not tune) the lexicon on the real annotated pool texts:
    grade-3 texts should carry escalation/safety/repeated_contact far more
    often than grade-0 texts. Loose bounds only; the figures are printed."""
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        from bench_urgency_signals import load
    finally:
        sys.path.remove(str(root / "benchmarks"))
    items = load()
    if not items:
        pytest.skip("no annotated real texts found")
    strong = {"escalation", "safety", "repeated_contact"}
    share = {}
    for grade in (0, 3):
        texts = [(lang, text) for _id, lang, text, g in items if g == grade]
        hit = sum(1 for lang, text in texts if strong & {h.signal for h in find_signals(text, lang)})
        share[grade] = hit / len(texts)
    with capsys.disabled():
        print(f"\nescalation|safety|repeated_contact: grade 3 {share[3]:.1%}, grade 0 {share[0]:.1%}")
    assert share[3] > 3 * share[0]
    assert share[0] < 0.05
