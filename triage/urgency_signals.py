"""A multilingual lexicon of urgency signals (LABELS.md, "Urgency grades").

Six signals, each a list of regular expressions per language:

- ``escalation``: chargeback, dispute, A-to-z or platform claim, bank or
  PayPal claim, lawyer, court, police, consumer protection, the press, a
  threatened public bad review or report to the marketplace;
- ``safety``: fire, smoke, burning smell, explosion, sparks, electric shock,
  injury, allergy, food poisoning or illness after eating, choking, toxic;
- ``repeated_contact``: "third time I ask", "I already wrote", "still no
  reply", "no one answers", several calls or messages;
- ``deadline``: urgent need (gift, birthday, wedding, event or trip soon,
  medicine, "need it by", urgent, ASAP);
- ``anger``: strong anger or insults (scam, fraud, worst, disgusting, ...);
- ``request``: an explicit request (refund, return, exchange, resend the
  missing or correct item, compensation, "when will it arrive").

The first four are grade-3 signals; anger and request point to grade 2.
Patterns are deliberately specific where a word is also praise ("would buy
again" is not a repeated contact; a gift that arrived is not a deadline):
repeated-contact words count only next to a contact verb, gift and event
words only near a time or a failure.

Scripts with spaces use ``\\b``; Chinese, Japanese and Thai patterns are plain
substrings (``\\b`` means nothing there), Korean patterns are written on
word stems, Arabic ones allow the attached prefixes (و ف ب ل ك ال).
Everything is matched case-insensitively, except the language-neutral
ALL-CAPS pattern which switches case sensitivity back on locally.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import add as _add
from re import _constants as _c  # parsed-pattern opcodes, for the literal prefilter
from re import _parser

SIGNAL_NAMES = ("escalation", "safety", "repeated_contact", "deadline", "loss", "anger", "request")
LANGUAGES = ("zh", "en", "es", "pt", "fr", "de", "it", "nl", "pl", "ru", "tr", "ar", "ja", "ko", "th")
NEUTRAL = "*"  # language-neutral patterns, tried for every language


@dataclass(frozen=True)
class SignalHit:
    signal: str  # one of SIGNAL_NAMES
    text: str  # the matched text, exactly text[start:end]
    start: int
    end: int


def _near(a: str, b: str, gap: int = 50) -> str:
    """`a` and `b` in either order within `gap` characters of one sentence."""
    between = rf"[^.!?。！？\n]{{0,{gap}}}?"
    return rf"(?:{a}){between}(?:{b})|(?:{b}){between}(?:{a})"


# Arabic words take attached prefixes (and, so, with, to, like, the): allow
# them, and refuse a match inside a longer word.
_AR_LETTER = "\u0620-\u064a"
_AR_PRE = rf"(?<![{_AR_LETTER}])(?:[وفبلك]|ال|وال|بال|لل|فال|كال)?"
_AR_END = rf"(?![{_AR_LETTER}])"

# Capital letters for the ALL-CAPS pattern (Latin, Latin-1, Cyrillic).
_CAPS = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0410-\u042f\u0401"

# Reused fragments.
_EN_CONTACT = (r"\b(?:contact(?:ed|ing)?|call(?:ed|ing)?|e-?mail(?:ed|ing)?|messag(?:ed|ing)|wr(?:ote|itten|iting)"
               r"|ask(?:ed|ing)?|chas(?:ed|ing)|tweet(?:ed|ing)?|chat(?:ted|ting)?|spoke|spoken|talk(?:ed)?"
               r"|reach(?:ed)?\s+out|complain(?:ed|ing)?|phon(?:ed|ing)|report(?:ed|ing)?|request(?:ed)?)")
_EN_TIME = (r"\b(?:tomorrow|today|tonight|this\s+(?:week(?:end)?|friday|saturday|sunday)|next\s+week|on\s+time"
            r"|in\s+time|by\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day|didn'?t\s+(?:arrive|come|make\s+it)"
            r"|never\s+(?:arrived|came|showed)|not\s+(?:arrived|come|here)|hasn'?t\s+(?:arrived|come)|missed|late"
            r"|ruined|still\s+(?:waiting|not)|in\s+\d+\s+days|days?\s+away|leave\s+(?:on|for))")
_ZH_TIME = (r"明天|今天|后天|周[一二三四五六日末]|星期|礼拜|之前|前到|赶不上|来不及|没赶上|耽误|错过|没到|还没到|没收到"
            r"|没送到|迟到|晚了|延误|急")
_ZH_NUM = r"(?:[\d二两三四五六七八九十几好多无数]{1,3})"

SIGNALS: dict[str, dict[str, list[str]]] = {
    "escalation": {
        NEUTRAL: [r"\bA-?(?:to|2)-?Z\b(?:\s+(?:claim|guarantee))?", r"\bchargeback"],
        "en": [
            r"\bcharge[- ]?backs?\b", r"\bdisput(?:e|es|ed|ing)\b", r"\b(?:file|filed|filing|open|opened|opening)\s+"
            r"(?:a\s+)?(?:claim|case|complaint)\b", r"\bformal\s+complaint\b",
            r"\b(?:paypal|bank|credit\s+card(?:\s+company)?|card\s+issuer|amex|visa)\s+(?:claim|dispute|case)\b",
            r"\b(?:contact(?:ing)?|call(?:ing)?|tell(?:ing)?)\s+my\s+(?:bank|credit\s+card\s+company|card\s+issuer)\b",
            r"\breport(?:ing|ed)?\s+(?:you|them|this\s+seller|the\s+seller|this)\s+to\b",
            r"\b(?:i'?ll|i\s+will|going\s+to|gonna)\s+report\s+(?:you|them|this)\b", r"\breporting\s+you\b",
            r"\blawyers?\b", r"\battorneys?\b", r"\blegal\s+action\b", r"\bsu(?:e|ing)\s+(?:you|them|the)\b",
            r"\b(?:take|taking)\s+(?:you|them|this)\s+to\s+court\b", r"\bsmall\s+claims\b", r"\b(?:in|to)\s+court\b",
            r"\bcourt\s+case\b",
            r"\b(?:call|calling|contact|report\s+(?:you|it|this)\s+to)\s+the\s+police\b",
            r"\bconsumer\s+(?:protection|rights|affairs|council)\b", r"\btrading\s+standards\b",
            r"\bbetter\s+business\s+bureau\b", r"\bBBB\b", r"\bFTC\b", r"\bombudsman\b", r"\bregulat(?:or|ory)\b",
            r"\b(?:to|contact|tell|alert|inform|call)\s+(?:the\s+)?(?:press|media|news|newspapers?)\b",
            r"\bjournalists?\b", r"\bgo(?:ing)?\s+public\b",
            r"\b(?:leave|leaving|post|posting|write|writing|give|giving)\s+(?:you\s+|them\s+|this\s+|it\s+)?"
            r"(?:a\s+)?(?:negative|bad|terrible|1[- ]?star|one[- ]?star)\s+(?:review|feedback|rating)",
            r"\b(?:negative|bad)\s+feedback\b", r"\bwarn\s+(?:everyone|others|other\s+buyers|people)\b",
            r"\bescalat(?:e|ed|ing)\b",
        ],
        "zh": [
            r"投诉", r"12315", r"(?<!\d)315(?!\d)", r"消协", r"消费者协会", r"工商", r"市场监管", r"举报", r"曝光",
            r"媒体", r"记者", r"律师", r"起诉", r"法院", r"告你", r"报警", r"警察", r"维权", r"仲裁", r"纠纷",
            r"拒付", r"申诉", r"(?:平台|小二|客服主管)介入", r"(?:给|打|留|写)(?:个|了)?差评", r"差评到死",
            r"差评(?:伺候|警告|等着)", r"一星", r"1星",
        ],
        "es": [
            r"\bcontracargos?\b", r"\bdisputa", r"\breclamaci[oó]n(?:es)?\b", r"\breclamo\s+(?:a|en|ante)\b",
            r"\babogad[oa]s?\b", r"\bdemand(?:ar|aré|arlos|arles|a\s+judicial)\b", r"\bdenuncia",
            r"\btribunal(?:es)?\b", r"\bjuzgado\b", r"\bpolic[ií]a\b", r"\bOCU\b", r"\b(?:oficina|defensa)\s+del?\s+"
            r"consumidor", r"\bprofeco\b", r"\bacci(?:ó|o)n(?:es)?\s+legal(?:es)?\b", r"\bv[ií]a\s+legal\b",
            r"\b(?:mala|p[eé]sima)\s+(?:reseña|valoraci[oó]n|opini[oó]n|calificaci[oó]n)\b",
            r"\b(?:reseña|valoraci[oó]n|opini[oó]n|calificaci[oó]n)\s+negativa\b", r"\buna\s+estrella\b",
            r"\b1\s+estrella\b", r"\bprensa\b", r"\bmedios\b", r"\bredes\s+sociales\b",
            r"\b(?:reportar|denunciar|informar)(?:é|e)?\s+(?:al\s+vendedor|a\s+amazon|a\s+la\s+plataforma)",
            r"\bmi\s+banco\b", r"\breclamar(?:é)?\s+(?:a|en|ante)\s+(?:paypal|amazon|mi\s+banco|la\s+plataforma)",
        ],
        "pt": [
            r"\bchargeback\b", r"\bcontest(?:ar|ei|ação)\s+(?:a\s+)?(?:compra|cobran[cç]a)", r"\bdisputa",
            r"\breclame\s*aqui\b", r"\bprocon\b", r"\bconsumidor\.gov", r"\badvogad[oa]s?\b",
            r"\bprocess(?:ar|arei|o\s+judicial)\b", r"\ba[cç][aã]o\s+judicial\b", r"\bjusti[cç]a\b",
            r"\bpol[ií]cia\b", r"\bdenunci", r"\bavalia[cç][aã]o\s+negativa\b", r"\b(?:uma|1)\s+estrela\b",
            r"\bimprensa\b", r"\bm[ií]dia\b", r"\bredes\s+sociais\b", r"\babrir\s+(?:uma\s+)?reclama[cç][aã]o\b",
            r"\breclama[cç][aã]o\s+(?:no|na|ao|à)\b", r"\bmeu\s+banco\b", r"\bdefesa\s+do\s+consumidor\b",
        ],
        "fr": [
            r"\br[ée]trofacturation\b", r"\b(?:faire|fait|ferai)\s+opposition\b", r"\blitiges?\b",
            r"\br[ée]clamation\b", r"\bavocats?\b", r"\baction\s+en\s+justice\b", r"\btribunal\b",
            r"\bplainte\b", r"\bpolice\b", r"\bgendarmerie\b", r"\bDGCCRF\b", r"\bque\s+choisir\b",
            r"\bassociation\s+de\s+consommateurs\b", r"\bsignal(?:er|erai)\s+(?:le\s+vendeur|à|au|aux)\b",
            r"\b(?:mauvais|n[ée]gatif)\s+(?:avis|commentaire)\b", r"\bavis\s+n[ée]gatif\b",
            r"\b(?:une|1)\s+[ée]toile\b", r"\bpresse\b", r"\bm[ée]dias\b", r"\br[ée]seaux\s+sociaux\b",
            r"\bma\s+banque\b", r"\bgarantie\s+A\s+(?:à|a)\s+Z\b",
        ],
        "de": [
            r"\br[üu]ckbuchung", r"\br[üu]cklastschrift", r"\blastschrift\s+zur[üu]ck", r"\bkonflikt\b",
            r"\bk[äa]uferschutz", r"\bstreitfall", r"\bA-bis-Z", r"\banw[äa]lt", r"\brechtsanw[äa]lt",
            r"\bstrafanzeige", r"\banzeige\s+(?:erstatten|gegen)", r"\bgericht", r"\bklage\b", r"\bverklag",
            r"\bpolizei", r"\bverbraucherzentrale", r"\bverbraucherschutz", r"\brechtliche\s+schritte",
            r"\b(?:negative|schlechte)n?\s+bewertung", r"\b(?:einen|1)\s+stern\b", r"\bpresse\b", r"\bmedien\b",
            r"\bmelden\b", r"\bmelde\s+(?:ich|das|sie)\b", r"\bbeschwerde\s+(?:einreichen|bei)", r"\bmeine\s+bank\b",
        ],
        "it": [
            r"\bchargeback\b", r"\bstorno\s+(?:dell'|del)?\s*addebito", r"\bcontest(?:azione|are|erò)\b",
            r"\bdisputa\b", r"\bcontroversia\b", r"\breclamo\s+(?:formale|a|ad|presso)\b", r"\bavvocat[oi]\b",
            r"\b(?:azioni|vie)\s+legali\b", r"\btribunale\b", r"\bdenunci", r"\bpolizia\b", r"\bcarabinieri\b",
            r"\bassociazion[ei]\s+(?:dei\s+|di\s+)?consumatori\b", r"\bcodacons\b", r"\baltroconsumo\b",
            r"\brecensione\s+negativa\b", r"\b(?:una|1)\s+stella\b", r"\bstampa\b", r"\bgiornal[ie]\b",
            r"\bsegnal(?:are|erò|azione)\b", r"\bla\s+mia\s+banca\b",
        ],
        "nl": [
            r"\bterugboek", r"\bchargeback\b", r"\bgeschil", r"\bclaim\s+(?:bij|indienen)", r"\badvocaat\b",
            r"\bjuridische\s+stappen\b", r"\brechter\b", r"\brechtbank\b", r"\baangifte\b", r"\bpolitie\b",
            r"\bconsumentenbond\b", r"\bACM\b", r"\bgeschillencommissie\b",
            r"\b(?:negatieve|slechte)\s+(?:review|recensie|beoordeling)\b", r"\b(?:1|één|een)\s+ster\b",
            r"\bpers\b", r"\bmedia\b", r"\bmeld(?:en|)\s+(?:bij|aan)\b", r"\bklacht\s+indienen\b",
            r"\bmijn\s+bank\b",
        ],
        "pl": [
            r"\bchargeback\b", r"\bobci[ąa][żz]eni[ea]\s+zwrotne", r"\bspór\b", r"\bsporu\b",
            r"\botw(?:orzyć|orzę|orzyłem|orzyłam)\s+(?:spór|dyskusję)", r"\bdyskusj[ęa]\s+(?:na|w)\s+allegro",
            r"\brzecznik(?:a|iem)?\s+(?:praw\s+)?konsument", r"\bUOKiK\b", r"\bprawnik", r"\badwokat", r"\bsąd",
            r"\bpozew\b", r"\bpozw(?:ać|ę)\b", r"\bpolicj", r"\bnegatywn(?:y|ą|a|e)\s+(?:komentarz|opini|ocen)",
            r"\b(?:jedną|1)\s+gwiazdk", r"\bmedi(?:a|ów|ach)\b", r"\bpras(?:a|ie|y)\b",
            r"\bzgłosz(?:ę|ę\s+to|ę\s+sprawę)\s+(?:do|na)\b", r"\bmój\s+bank\b", r"\bmoim\s+bank",
        ],
        "ru": [
            r"\bчарджб[эе]к", r"\bоспор(?:ить|ю|ил)\b", r"\b(?:открыть|открою|открыл[аи]?|открываю)\s+спор\b",
            r"\bспор(?:а|е|у|ом|ы)?\b", r"\bпретензи", r"\bжалоб", r"\bпожаловаться\b", r"\bпожалуюсь\b",
            r"\bсуд(?:а|е|ом|ебн)?\b", r"\bюрист", r"\bадвокат", r"\bполици", r"\bроспотребнадзор",
            r"\bзащит[ыау]\s+прав\s+потребител", r"\bпрокуратур", r"\b(?:отрицательн|негативн|плох)\w*\s+отзыв",
            r"\b(?:одну|1)\s+звезд", r"\bСМИ\b", r"\bжурналист", r"\bв\s+соцсет", r"\bмой\s+банк\b",
        ],
        "tr": [
            r"\bters\s+ibraz", r"\bbankaya\s+itiraz", r"\bitiraz\s+(?:edece|ett)", r"\bşikayet\s*var\b",
            r"\bşikayet\s+(?:edece|ett|ediyor)", r"\bavukat", r"\bdava\b", r"\bdava\s+aç", r"\bmahkeme",
            r"\bpolis", r"\btüketici\s+(?:hakem|hakları|mahkeme)", r"\b(?:olumsuz|kötü)\s+yorum",
            r"\b(?:bir|1)\s+yıldız", r"\bbasın", r"\bmedya", r"\bsosyal\s+medya", r"\bbankam", r"\bbildireceğim",
        ],
        "ar": [
            rf"{_AR_PRE}نزاع", rf"{_AR_PRE}شكو(?:ى|ي)", r"سأشتكي", r"سوف\s+أشتكي", rf"{_AR_PRE}محام(?:ي|ٍ|ى)?{_AR_END}",
            rf"{_AR_PRE}محكمة", rf"{_AR_PRE}قضاء", r"قضية", rf"{_AR_PRE}شرطة", r"حماية\s+المستهلك",
            r"تقييم\s+(?:سلبي|سيء|سيئ)", r"نجمة\s+واحدة", rf"{_AR_PRE}صحافة", rf"{_AR_PRE}إعلام{_AR_END}",
            r"وسائل\s+التواصل", r"سأبلغ", r"سأقوم\s+بالإبلاغ", r"الإبلاغ\s+عن", r"استرجاع\s+المبلغ\s+من\s+البنك",
            r"(?:البنك|بنكي)\s+(?:لاسترداد|لاسترجاع)", r"رد\s+المبالغ", r"إجراء(?:ات)?\s+قانوني",
        ],
        "ja": [
            r"チャージバック", r"異議申し立て", r"紛争", r"通報", r"消費者センター", r"国民生活センター",
            r"消費生活センター",
            r"弁護士", r"訴え", r"訴訟", r"裁判", r"警察", r"被害届", r"低評価", r"悪い評価", r"評価[1１]",
            r"星[1１ひ]",
            r"★[1１]", r"マスコミ", r"報道", r"SNSで(?:拡散|晒)",
            r"(?:アマゾン|Amazon|楽天|メルカリ)に(?:報告|通報|連絡)",
            r"カード会社", r"法的(?:措置|手段)", r"レビューに書", r"口コミに書",
        ],
        "ko": [
            r"차지백", r"지불\s?거절", r"분쟁", r"신고", r"소비자원", r"소비자\s?보호", r"변호사", r"소송", r"고소",
            r"법적\s?(?:조치|대응)", r"경찰", r"별점\s?(?:1|하나|한\s?개)", r"별\s?(?:1|하나|한\s?개)", r"악평",
            r"(?:나쁜|부정적인|안\s?좋은)\s?(?:리뷰|후기|평가)", r"리뷰에\s?(?:남기|올리|쓰)",
            r"후기에\s?(?:남기|올리|쓰)",
            r"언론", r"기자", r"방송", r"제보", r"카드사",
        ],
        "th": [
            r"ปฏิเสธการชำระเงิน", r"ร้องเรียน", r"สคบ", r"ทนาย", r"ฟ้อง", r"ศาล", r"ตำรวจ", r"แจ้งความ",
            r"รีวิว(?:แย่|เสีย|ไม่ดี|ติดลบ)", r"(?:ให้\s?)?(?:1|หนึ่ง)\s?ดาว", r"ออกสื่อ", r"แฉ", r"ประจาน",
            r"แจ้ง(?:แพลตฟอร์ม|ช้อปปี้|shopee|ลาซาด้า|lazada|ธนาคาร)", r"รายงานไปที่", r"คุ้มครองผู้บริโภค",
        ],
    },
    "safety": {
        NEUTRAL: [],
        "en": [
            r"\b(?:caught|catch|catches|catching|on|started\s+a|set\s+on)\s+fire\b", r"\bfire\s+(?:hazard|risk)\b",
            r"\bburst\s+into\s+flames\b", r"\bin\s+flames\b",
            r"(?<!non-)(?<!non\s)(?<!no\s)\bsmok(?:e|ed|ing)\b(?!\s*(?:detectors?|alarms?|free|room))",
            r"\bburn(?:ing|t)\s+(?:smell|odou?r|plastic)\b", r"\bsmell(?:s|ed)?\s+(?:of\s+|like\s+)?burn",
            r"\bmelt(?:ed|ing)\b", r"\bexplo(?:ded|sion)\b", r"\bsparks?\s+(?:came|flew|flying|out|from|everywhere)\b",
            r"\bspark(?:ed|ing)\b(?!\s+(?:a|an|my|the|interest|joy))", r"\bassault(?:ed)?\b",
            r"\belectric(?:al)?\s+shock", r"\bshocked\s+(?:me|my|him|her)\b", r"\belectrocut",
            r"\boverheat(?:s|ed|ing)?\b", r"\btoo\s+hot\s+to\s+touch\b", r"\binjur(?:y|ies|ed|e)\b",
            r"\bcut\s+(?:my|myself|his|her|himself|herself)\b", r"\bhurt\s+(?:me|myself|him|her|my)\b",
            r"\bgot\s+hurt\b", r"\bbleed(?:ing)?\b", r"\bburn(?:ed|t)\s+(?:my|me|myself|him|her)\b",
            r"\ballerg(?:y|ies|ic)\b", r"\banaphyla", r"\bhives\b", r"\brash(?:es)?\b", r"\bfood\s+poisoning\b",
            r"\b(?:got|get|getting|became|made\s+(?:me|us|him|her|my\s+\w+))\s+(?:very\s+|really\s+)?sick\b",
            r"\bthr(?:ew|ow|owing)\s+up\b", r"\bvomit", r"\bdiarrh?o?ea\b", r"\bstomach\s*ache",
            r"\b(?:in|to)\s+(?:the\s+)?hospital\b", r"\bdoctor",
            r"\bemergency\s+room\b", r"\bchok(?:e|ed|ing)\b", r"\btoxic\b", r"\bpoison", r"\bdangerous\b",
            r"\bhazard(?:ous)?\b", r"\bunsafe\b", r"\bsafety\s+(?:issue|hazard|risk|concern)",
        ],
        "zh": [
            r"着火", r"起火", r"火灾", r"冒烟", r"烧焦", r"焦味", r"糊味", r"烧糊", r"爆炸", r"炸裂", r"火花", r"漏电",
            r"触电", r"电到(?:我|人|手)", r"(?<!没)(?<!没有)(?<!未)(?<!无)受伤", r"划伤", r"割伤", r"割破", r"烫伤",
            r"夹伤", r"扎伤", r"砸伤", r"流血",
            r"过敏", r"头皮.{0,3}痒", r"头痒", r"瘙痒", r"红点", r"红疙瘩", r"嘴发麻", r"头晕", r"肠胃炎",
            r"拉了.{0,4}肚子",
            r"烧坏", r"短路", r"电死", r"起疹", r"疹子", r"红肿", r"食物中毒", r"中毒", r"拉肚子", r"腹泻", r"坏肚子",
            r"闹肚子",
            r"吃吐", r"呕吐", r"(?<!吐)吐了(?!槽)", r"胃疼", r"胃痛", r"肚子疼", r"肚子痛", r"胃里难受", r"上吐下泻",
            r"医院", r"看医生", r"住院", r"噎", r"卡(?:在)?(?:嗓子|喉咙)", r"有毒", r"毒素", r"危险", r"安全隐患",
            r"蟑螂", r"苍蝇", r"吃出",
            r"吃到(?:了)?(?:一[只根块个片])?(?:死)?(?:蚊子|虫|苍蝇|蟑螂|小强|钢丝|铁丝|玻璃)", r"小强", r"异物",
        ],
        "es": [
            r"\bfuego\b", r"\bincendi", r"\bhumo\b", r"\bolor\s+a\s+quemado\b", r"\bse\s+quem[óo]\b",
            r"\bexplot[óa]\b", r"\bexplosi[oó]n\b", r"\bchispa", r"\bdescarga\s+el[eé]ctrica\b",
            r"\bcalambre", r"\belectrocut", r"\bsobrecalent", r"\bherid[ao]s?\b", r"\bme\s+cort[eé]\b",
            r"\b(?:me|se)\s+lastim", r"\bme\s+hice\s+daño\b", r"\bquemadura", r"\balergi", r"\bal[eé]rgic",
            r"\bintoxicaci[oó]n\b", r"\bintoxic", r"\bme\s+enferm[eé]\b", r"\bme\s+puse\s+mal", r"\bvomit",
            r"\bv[oó]mito", r"\bdiarrea\b", r"\bdolor\s+de\s+(?:est[oó]mago|barriga|panza)\b", r"\bhospital\b",
            r"\burgencias\b", r"\batragant", r"\basfixi", r"\bt[oó]xic[oa]s?\b", r"\bvenenos", r"\bpeligros[oa]s?\b",
        ],
        "pt": [
            r"\bfogo\b", r"\binc[eê]ndio\b", r"\bfuma[cç]a\b", r"\bcheiro\s+de\s+queimado\b", r"\bqueimou\b",
            r"\bexplodiu\b", r"\bexplos[aã]o\b", r"\bfa[ií]sca", r"\bchoque\b", r"\bsuperaquec",
            r"\bferimento", r"\bme\s+(?:feri|cortei|machuquei|queimei)\b", r"\bmachuc", r"\bqueimadura",
            r"\balergi", r"\bal[eé]rgic", r"\bintoxica[cç][aã]o\b", r"\bpassei\s+mal\b", r"\bpassaram\s+mal\b",
            r"\bfiquei\s+doente\b", r"\bv[oô]mit", r"\bdiarreia\b", r"\bdor\s+de\s+barriga\b", r"\bhospital\b",
            r"\bengasg", r"\bsufoc", r"\bt[oó]xic[oa]s?\b", r"\bvenenos", r"\bperigos[oa]s?\b",
        ],
        "fr": [
            r"\bfeu\b", r"\bincendie\b", r"\bfum[ée]e\b", r"\bfume\b", r"\bodeur\s+de\s+br[ûu]l[ée]\b",
            r"\bbr[ûu]l[ée]",
            r"\bexplos", r"\bexplos[ée]", r"\b[ée]tincelle", r"\bd[ée]charge\s+[ée]lectrique\b",
            r"\b[ée]lectrocut", r"\bsurchauff", r"\bbless[ée]", r"\bblessure", r"\bje\s+me\s+suis\s+(?:coup|br[ûu]l)",
            r"\bcoupure", r"\bbr[ûu]lure", r"\ballergi", r"\bintoxication\b", r"\bmalades?\b", r"\bvomi",
            r"\bdiarrh[ée]e\b", r"\bmal\s+au\s+ventre\b", r"\bh[ôo]pital\b", r"\burgences\b", r"\b[ée]touff",
            r"\btoxique", r"\bpoison\b", r"\bdangereu(?:x|se)\b",
        ],
        "de": [
            r"\bfeuer\b", r"\bbrand\b", r"\bin\s+brand\b", r"\bbrennt\b", r"\brauch\b", r"\braucht\b", r"\bqualm",
            r"\bverbrannt", r"\bbrandgeruch", r"\briecht\s+verbrannt", r"\bverschmort", r"\bexplodiert",
            r"\bexplosion", r"\bfunken\b", r"\bstromschlag", r"\belektrischen\s+schlag", r"\b[üu]berhitz",
            r"\bverletz", r"\bgeschnitten\b", r"\bschnittwunde", r"\bverbrennung", r"\ballergi", r"\bvergiftung",
            r"\blebensmittelvergiftung", r"\bkrank\b", r"\berbrochen\b", r"\b[üu]bergeben\b", r"\bdurchfall",
            r"\bbauchschmerzen", r"\bkrankenhaus", r"\bnotaufnahme", r"\berstick", r"\bverschluck", r"\bgiftig",
            r"\bgef[äa]hrlich",
        ],
        "it": [
            r"\bfuoco\b", r"\bincendi", r"\bfumo\b", r"\bodore\s+di\s+bruciato\b", r"\bbruciat", r"\besplo",
            r"\bscintill", r"\bscossa\b", r"\bfolgorat", r"\bsurriscald", r"\bferit[oa]\b", r"\bferita\b",
            r"\bmi\s+sono\s+(?:tagliat|fatt[oa]\s+male|bruciat|ferit)", r"\bustion", r"\ballergi", r"\ballergic",
            r"\bintossicazione\b", r"\bstat[oi]\s+male\b", r"\bvomit", r"\bdiarrea\b", r"\bmal\s+di\s+pancia\b",
            r"\bospedale\b", r"\bpronto\s+soccorso\b", r"\bsoffoc", r"\btossic", r"\bvelenos", r"\bpericolos",
        ],
        "nl": [
            r"\bvuur\b", r"\bbrand\b", r"\bin\s+brand\b", r"\brook\b", r"\brookt\b", r"\bbrandlucht",
            r"\bruikt\s+(?:naar\s+)?verbrand", r"\bverbrand", r"\bontplof", r"\bexplosie", r"\bvonk",
            r"\bschok\b", r"\bstroomschok", r"\boververhit", r"\bgewond", r"\bverwonding", r"\bgesneden\b",
            r"\bsnee\b", r"\bbrandwond", r"\ballergi", r"\bvoedselvergiftiging", r"\bvergiftig", r"\bziek\b",
            r"\boverge(?:ven|geven)\b", r"\bbraken\b", r"\bdiarree\b", r"\bbuikpijn\b", r"\bziekenhuis\b",
            r"\bspoedeisende\s+hulp\b", r"\bverstik", r"\bstikken\b", r"\bgiftig", r"\bgevaarlijk",
        ],
        "pl": [
            r"\bogień\b", r"\bognia\b", r"\bpożar", r"\bzapalił(?:o|a)?\s+się", r"\bdym\b", r"\bdymi",
            r"\bspalenizn", r"\bspalił", r"\bwybuch", r"\beksplod", r"\biskr", r"\bporażeni[ea]\s+prądem",
            r"\bkopn(?:ął|ie)\s+prąd", r"\bkopie\s+prądem", r"\bprzegrzew", r"\bzrani", r"\brana\b",
            r"\bskalecz", r"\boparz", r"\balergi", r"\buczuleni", r"\bzatruci", r"\bzatrul", r"\brozchorowa",
            r"\bwymiot", r"\bbiegunk", r"\bból\s+brzucha", r"\bszpital", r"\bzadławi", r"\budławi",
            r"\btoksyczn", r"\btrując", r"\bniebezpieczn",
        ],
        "ru": [
            r"\bогонь\b", r"\bогн[яеё]", r"\bпожар", r"\bзагорел", r"\bвозгоран", r"\bдым(?:а|ом|ит|ится)?\b",
            r"\bзапах\s+гари\b", r"\bгорел(?:ым|ой)\b", r"\bсгорел", r"\bвзрыв", r"\bвзорвал", r"\bискр",
            r"\bток(?:ом)?\b", r"\bперегр[еe]в", r"\bтравм", r"\bпоранил", r"\bпорезал", r"\bожог", r"\bаллерги",
            r"\bотравлени", r"\bотравил", r"\bстало\s+плохо\b", r"\bзаболел", r"\bрвот", r"\bстошнило",
            r"\bдиаре", r"\bпонос", r"\bболит\s+живот", r"\bбольниц", r"\bскорую\b", r"\bподавил", r"\bзадохн",
            r"\bтоксичн", r"\bядовит", r"\bопасн",
        ],
        "tr": [
            r"\byangın", r"\balev", r"\bduman", r"\byanık\s+koku", r"\byandı\b", r"\bpatladı", r"\bpatlama",
            r"\bkıvılcım", r"\belektrik\s+çarp", r"\bçarptı\b", r"\başırı\s+ısın", r"\byaralan", r"\bkestim\b",
            r"\bkesildi\b", r"\belim(?:i)?\s+kes", r"\byanık\b", r"\balerji", r"\bzehirlen", r"\bhasta\s+oldu",
            r"\bhastalandı", r"\bkustu", r"\bkusma", r"\bishal", r"\bkarın\s+ağrı", r"\bhastane", r"\bacile?\b",
            r"\bboğul", r"\bzehirli", r"\btoksik", r"\btehlikeli",
        ],
        "ar": [
            rf"{_AR_PRE}حريق", r"احترق", r"اشتعل", rf"{_AR_PRE}نار{_AR_END}", rf"{_AR_PRE}دخان",
            r"رائحة\s+(?:حريق|احتراق|شياط)",
            rf"{_AR_PRE}انفجا?ر", r"انفجر", r"شرار", r"صعق", r"كهربتني", r"سخونة\s+(?:زائدة|شديدة)", rf"{_AR_PRE}إصاب",
            r"أصبت", r"جرح", rf"{_AR_PRE}حروق", rf"{_AR_PRE}حساسية", rf"{_AR_PRE}تسمم", r"مرضت", r"تقيؤ",
            r"تقيأت", r"استفراغ", rf"{_AR_PRE}إسهال", r"ألم\s+في\s+(?:المعدة|البطن)", rf"{_AR_PRE}مستشف",
            rf"{_AR_PRE}اختناق", rf"{_AR_PRE}سام{_AR_END}", r"سامة", rf"{_AR_PRE}خطير", rf"{_AR_PRE}خطر{_AR_END}",
        ],
        "ja": [
            r"火事", r"火が出", r"発火", r"燃えた", r"燃え出", r"煙", r"焦げ臭", r"焦げた", r"爆発", r"破裂", r"火花",
            r"感電", r"ビリッ", r"過熱", r"熱くなりすぎ", r"怪我", r"けが", r"ケガ", r"指を切", r"手を切", r"切り傷",
            r"火傷", r"やけど", r"アレルギー", r"食中毒", r"体調を崩", r"お腹を壊", r"腹痛", r"下痢", r"吐いた",
            r"嘔吐", r"病院", r"窒息", r"誤飲", r"有毒", r"毒性", r"危険", r"発疹", r"かぶれ",
        ],
        "ko": [
            r"불이\s?(?:났|붙)", r"불났", r"불붙", r"화재", r"연기가\s?(?:나|났)", r"연기\s?나", r"타는\s?냄새",
            r"탄\s?냄새", r"폭발", r"스파크", r"불꽃", r"감전", r"과열", r"다쳤", r"다치", r"부상", r"베였", r"화상",
            r"알레르기", r"알러지", r"식중독", r"배탈", r"설사", r"구토", r"토했", r"복통", r"병원", r"응급실", r"질식",
            r"목에\s?걸", r"독성", r"유독", r"위험",
        ],
        "th": [
            r"ไฟไหม้", r"ไฟลุก", r"ติดไฟ", r"ควัน", r"กลิ่นไหม้", r"ไหม้", r"ระเบิด", r"ประกายไฟ", r"ไฟช็อ[ตค]",
            r"ไฟดูด", r"ไฟฟ้าช็อ[ตค]", r"ร้อนจัด", r"ร้อนเกินไป", r"บาดเจ็บ", r"บาดมือ", r"เป็นแผล", r"อาการแพ้",
            r"แพ้อาหาร", r"ผื่น", r"ลมพิษ", r"อาหารเป็นพิษ", r"ท้องเสีย", r"อาเจียน", r"อ้วก", r"ปวดท้อง",
            r"โรงพยาบาล", r"สำลัก", r"ติดคอ", r"มีพิษ", r"สารพิษ", r"อันตราย",
        ],
    },
    "repeated_contact": {
        NEUTRAL: [],
        "en": [
            r"\b(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+time\b(?=\s+(?:i(?:'ve|\s+have|\s+am|'m)?\s+)?"
            + _EN_CONTACT + r")",
            _near(r"\b(?:third|fourth|fifth|sixth|\d+(?:rd|th))\s+time\b", _EN_CONTACT, 25),
            _EN_CONTACT + r"\s+(?:\w+\s+){0,4}?(?:again|yet\s+again|once\s+more)\b",
            r"\byet\s+again\b", r"\b(?:not|isn'?t)\s+the\s+first\s+time\b",
            r"\bhappens\s+every\s+(?:time|week|month)\b",
            r"(?:" + _EN_CONTACT + r"|\bdone\s+(?:that|this))\s+twice\b", r"\btwice\s+already\b",
            r"\bany\s+updates?\s*\?", r"\bfollow(?:ing)?\s+up\s+(?:on\s+)?my\s+(?:case|ticket|complaint|request)\b",
            r"\b(?:getting|got)\s+nowhere\b", r"\bround\s+in\s+circles\b", r"\b(?:still\s+)?no\s+resolution\b",
            r"\b(?:spoke|spoken|talked)\s+(?:to|with)\s+(?:\d+|two|three|four|five|several|multiple)\s+(?:different\s+)?"
            r"(?:people|reps|representatives|agents|persons)\b",
            _EN_CONTACT + r"\s+(?:\w+\s+){0,4}?(?:several|multiple|many|numerous|countless|\d+|two|three|four|five|six"
            r"|a\s+few|a\s+dozen)\s+(?:times|occasions)\b",
            r"\b(?:several|multiple|many|numerous|countless|\d+|two|three|four|five|six|seven|eight|ten)\s+"
            r"(?:(?:phone|separate|different)\s+)?(?:calls|e-?mails|messages|tweets|chats|complaints|tickets|requests)\b",
            r"\balready\s+(?:contacted|called|e-?mailed|messaged|wrote|written|sent|told|asked|reported|complained|"
            r"tweeted|dm'?d|did\s+(?:this|that))\b",
            r"\bi'?ve\s+(?:already\s+)?(?:contacted|called|e-?mailed|messaged|written|asked)\s+(?:you|them|support|"
            r"customer\s+service)\b(?=[^.!?\n]{0,40}\b(?:no|nothing|never|still|without)\b)",
            r"\bstill\s+(?:no|haven'?t\s+(?:had|got|gotten|received)|have\s+not\s+(?:had|got|received)|not\s+received)\s+"
            r"(?:a\s+|any\s+)?(?:reply|replies|response|answer|word|call\s*back|update|news)",
            r"\b(?:haven'?t|have\s+not|not)\s+heard\s+(?:anything|back|from)\b",
            r"\b(?:not|never|no\s+one|nobody)\s+(?:even\s+)?(?:respond|repl|answer)(?:ing|ed|s|ies)?\s+(?:to\s+)?(?:my|me)\b",
            r"\bno\s+(?:reply|response|answer|help)\s+from\s+(?:calling|you|anyone|support)\b",
            r"\bcan'?t\s+get\s+(?:anyone|anybody|someone|through)\b",
            r"\bstill\s+waiting\s+(?:for|on)\s+(?:a\s+|your\s+|you\s+to\s+|an?\s+|the\s+)?(?:reply|response|answer|"
            r"call|callback|e-?mail|update|someone|anyone|news)",
            r"\b(?:no\s+one|nobody|no-one)\s+(?:ever\s+|has\s+|is\s+|will\s+)?(?:repl|respond|answer|get(?:s|ting)?\s+back"
            r"|pick|call(?:s|ed)?\s+(?:me\s+)?back|help|contact|bother)",
            r"\bno\s+(?:reply|response|answer)\s+(?:yet|from|to\s+my|after|at\s+all)\b",
            r"\bnever\s+(?:heard\s+back|got\s+(?:a\s+)?(?:reply|response|answer)|responded|replied|called\s+back|got\s+back)",
            r"\b(?:ignor(?:ed|ing)|keep\s+ignoring)\s+(?:my|me|us)\b",
            r"\b(?:been|keep|kept)\s+(?:calling|e-?mailing|messaging|contacting|chasing|writing|tweeting|asking|"
            r"trying\s+to\s+(?:reach|contact|get\s+(?:through|hold)))\b",
            r"\b(?:every|each)\s+time\s+i\s+(?:call|contact|e-?mail|ask|write|chat)",
            r"\byou\s+keep\s+(?:telling|saying|promising)\b",
        ],
        "zh": [
            r"第[二三四五六七八九十\d]+次(?:了|联系|打|问|催|找|申请|投诉|反映|反馈|咨询|留言|发消息|和|跟|给|找|来问)",
            r"多次.{0,4}?(?:联系|催|打|询问|沟通|投诉|反映|反馈|申请|找|问|电话|致电|留言|咨询|要求)",
            r"(?:催单|催促|催)(?:了)?多次",
            r"(?:打|拨)了?" + _ZH_NUM + r"个?电话", r"电话打了" + _ZH_NUM, r"打了(?:好多|很多|多少|无数)",
            r"第[二三四五六七八九十\d]+次(?:了|没|又)", r"不止一次", r"推来推去", r"踢皮球", r"反反复复", r"一遍遍",
            r"(?:一直|始终|至今|迟迟)(?:都|也)?(?:没有?|未|不)(?:结果|处理|解决|答复|回复|回应|退|给|理)",
            r"(?:不|没)回话", r"(?:发|问)(?:信息|消息)?(?:也|都)?不回",
            r"(?:联系|催|催促|催单|打|问|沟通|投诉|反映|反馈|申请|找|致电|留言|咨询|询问|电话|要求)了?" + _ZH_NUM
            + r"(?:次|遍|回|个电话|通电话|趟)",
            _ZH_NUM + r"(?:次|遍|回)(?:的)?(?:联系|催|打电话|电话|询问|沟通|投诉|反映|申请|找客服|问|致电|留言|咨询)",
            r"(?:一直|始终|都|根本)没(?:有)?人(?:回复|理|回|接|处理|管)", r"没(?:有)?人(?:理|回复|回应|处理|接电话|管)",
            r"无人(?:理|回|接|处理|问津)", r"不理人", r"(?:不|没)回(?:复)?(?:消息|信息)", r"都不回", r"没有回复",
            r"没回复", r"石沉大海", r"(?<!犹豫)再三", r"一遍(?:又)?一遍", r"一次又一次", r"三番五次", r"三番两次",
            r"反复(?:联系|催|打|问|沟通|申请)",
            r"又(?:打|催|问|联系|找|投诉|申请|反映|沟通|致电|发错|寄错|送错|错了)", r"催了又催", r"一直(?:在)?催",
            r"(?:至今|到现在|现在|还是|仍然|依然)(?:都|也|还)?没(?:有)?(?:人)?(?:回复|答复|处理|解决|消息|结果)",
            r"(?:一直|都)打不通", r"打了.{0,8}?都没人接",
        ],
        "es": [
            r"\b(?:segunda|tercera|cuarta|quinta|\d+[ªa]?)\s+vez\s+que\s+(?:les?\s+|os\s+)?(?:escrib|contact|llam|pregunt"
            r"|reclam|pid|me\s+pongo|env[ií]o)",
            _near(r"\bpor\s+(?:segunda|tercera|cuarta|quinta|\d+[ªa]?)\s+vez\b",
            r"\b(?:escrib|contact|llam|pregunt|reclam"
                  r"|ped[ií]|pido|envi|mand)", 25),
            r"\b(?:les?\s+|os\s+)?(?:escrib|contact|llam|pregunt|reclam)\w*\s+(?:de\s+nuevo|otra\s+vez|nuevamente)\b",
            r"\b(?:de\s+nuevo|otra\s+vez|nuevamente)\s+(?:les?\s+|os\s+)?(?:escrib|contact|llam|pregunt|reclam)",
            r"\b(?:escrit|escrib|llam|contact|reclam|pregunt|envi|mand)\w*\s+(?:\w+\s+){0,3}?(?:varias|muchas|tres|"
            r"cuatro|cinco|\d+|mil)\s+veces\b",
            r"\b(?:varios|muchos|tres|cuatro|cinco|\d+)\s+(?:correos|mensajes|emails|llamadas|reclamos|reclamaciones)\b",
            r"\bya\s+(?:les?\s+|os\s+)?(?:escrib[ií]|he\s+escrito|contact[eé]|he\s+contactado|llam[eé]|he\s+llamado|"
            r"pregunt[eé]|reclam[eé]|he\s+reclamado|avis[eé])",
            r"\bsigo\s+sin\s+(?:respuesta|recibir\s+respuesta|noticias)", r"\bsin\s+(?:ninguna\s+)?respuesta\b",
            r"\bnadie\s+(?:me\s+|nos\s+)?(?:responde|contesta|atiende|ayuda|dice\s+nada)",
            r"\bno\s+(?:me\s+|nos\s+)?(?:responden|contestan|han\s+respondido|han\s+contestado|hacen\s+caso)\b",
            r"\b(?:todav[ií]a|a[uú]n)\s+no\s+(?:me\s+)?(?:han\s+)?(?:respond|contest)",
        ],
        "pt": [
            r"\b(?:segunda|terceira|quarta|quinta|\d+[ªa]?)\s+vez\s+que\s+(?:eu\s+)?(?:escrev|entr|contat|lig|pergunt"
            r"|reclam|pe[cç]o|mand)",
            _near(r"\bpela\s+(?:segunda|terceira|quarta|quinta|\d+[ªa]?)\s+vez\b",
                  r"\b(?:escrev|contat|entr\w*\s+em\s+contato|lig|pergunt|reclam|pe[cç]o|pedi|mand)", 25),
            r"\b(?:escrev|contat|lig|pergunt|reclam|mand)\w*\s+(?:de\s+novo|novamente|outra\s+vez)\b",
            r"\b(?:escrev|lig|contat|entrei\s+em\s+contato|reclam|pergunt|mand)\w*\s+(?:\w+\s+){0,3}?(?:v[aá]rias|"
            r"muitas|tr[eê]s|quatro|cinco|\d+|mil)\s+vezes\b",
            r"\b(?:v[aá]rios|muitos|tr[eê]s|quatro|cinco|\d+)\s+(?:e-?mails|mensagens|liga[cç][oõ]es|reclama[cç][oõ]es)\b",
            r"\bj[aá]\s+(?:entrei\s+em\s+contato|escrevi|liguei|reclamei|perguntei|mandei|enviei)",
            r"\bsem\s+(?:nenhuma\s+)?resposta\b", r"\bcontinuo\s+sem\s+resposta",
            r"\bningu[eé]m\s+(?:me\s+)?(?:responde|atende|retorna|ajuda|resolve)",
            r"\bn[aã]o\s+(?:me\s+)?(?:respondem|retornam|atendem|deram\s+retorno)\b",
            r"\bat[eé]\s+agora\s+(?:nada|nenhuma\s+resposta|sem\s+resposta)",
        ],
        "fr": [
            r"\b(?:deuxi[eè]me|troisi[eè]me|quatri[eè]me|cinqui[eè]me|\d+e)\s+fois\s+que\s+(?:je|j')\s*(?:vous\s+)?"
            r"(?:[ée]cri|contact|appel|demand|relan|r[ée]clam|envo)",
            _near(r"\bpour\s+la\s+(?:deuxi[eè]me|troisi[eè]me|quatri[eè]me|cinqui[eè]me|\d+e)\s+fois\b",
                  r"\b(?:[ée]cri|contact|appel|relan|r[ée]clam|demand|envo)", 25),
            r"\b(?:[ée]cri|contact|appel|relan|r[ée]clam|demand)\w*\s+(?:\w+\s+){0,2}?(?:encore|[àa]\s+nouveau|de\s+nouveau)\b",
            r"\b(?:plusieurs|maintes|nombreuses|trois|quatre|cinq|\d+)\s+(?:reprises|relances|mails|e-mails|"
            r"messages|appels|r[ée]clamations)\b",
            r"\b(?:[ée]crit|contact[ée]|appel[ée]|relanc[ée]|r[ée]clam[ée]|demand[ée])\s+(?:\w+\s+){0,3}?(?:plusieurs|"
            r"maintes|trois|quatre|cinq|\d+)\s+fois\b",
            r"\bd[ée]j[àa]\s+(?:[ée]crit|contact[ée]|appel[ée]|relanc[ée]|signal[ée]|r[ée]clam[ée]|envoy[ée])",
            r"\bj'ai\s+d[ée]j[àa]\s+(?:[ée]crit|contact[ée]|appel[ée]|relanc[ée]|signal[ée]|r[ée]clam[ée]|envoy[ée])",
            r"\btoujours\s+(?:pas\s+de|aucune|sans)\s+(?:r[ée]ponse|nouvelles|retour)", r"\bsans\s+r[ée]ponse\b",
            r"\bpersonne\s+ne\s+(?:me\s+|nous\s+)?(?:r[ée]pond|rappelle|r[ée]agit|s'occupe)",
            r"\baucune\s+r[ée]ponse\b", r"\b(?:vous\s+)?ne\s+r[ée]pond(?:ez|ent)\s+(?:jamais|pas)\b",
        ],
        "de": [
            _near(r"\b(?:zum\s+)?(?:zweite|dritte|vierte|f[üu]nfte|\d+\.|wiederholte)n?\s+mal\b",
                  r"\b(?:schreib|kontaktier|anruf|angerufen|nachgefragt|geschrieben|gemeldet|beschwer|reklamier|frage)",
                  25),
            r"\b(?:schreib|kontaktier|ruf|frag|meld|beschwer)\w*\s+(?:\w+\s+){0,3}?(?:schon\s+)?(?:wieder|erneut|nochmal|"
            r"noch\s+einmal)\b",
            r"\b(?:mehrmals|mehrfach|wiederholt|x-mal|zigmal|zum\s+wiederholten\s+mal)\b",
            r"\b(?:mehrere|viele|drei|vier|f[üu]nf|\d+)\s+(?:mails|e-mails|nachrichten|anrufe|beschwerden|tickets)\b",
            r"\bbereits\s+(?:\w+\s+){0,2}?(?:kontaktiert|geschrieben|angerufen|gemeldet|reklamiert|nachgefragt)",
            r"\bschon\s+(?:\w+\s+){0,2}?(?:kontaktiert|geschrieben|angerufen|gemeldet|reklamiert|nachgefragt)",
            r"\b(?:immer\s+)?noch\s+(?:keine|ohne)\s+(?:antwort|r[üu]ckmeldung|reaktion)",
            r"\bkeine\s+(?:antwort|r[üu]ckmeldung|reaktion)\b",
            r"\bniemand\s+(?:antwortet|meldet\s+sich|reagiert|hilft)",
            r"\bohne\s+antwort\b",
        ],
        "it": [
            r"\b(?:seconda|terza|quarta|quinta|\d+[ªa]?)\s+volta\s+che\s+(?:vi\s+|le\s+)?(?:scriv|contatt|chiam|chied"
            r"|sollecit|reclam)", _near(r"\bper\s+la\s+(?:seconda|terza|quarta|quinta|\d+[ªa]?)\s+volta\b",
                                         r"\b(?:scriv|contatt|chiam|chied|sollecit|reclam)", 25),
            r"\b(?:scriv|contatt|chiam|chied|sollecit|reclam)\w*\s+(?:\w+\s+){0,2}?(?:di\s+nuovo|nuovamente|ancora)\b",
            r"\b(?:pi[uù]|diverse|molte|tante|tre|quattro|cinque|\d+)\s+volte\b"
            r"(?=[^.!?\n]{0,40}\b(?:nessun|senza|niente|ancora)\b)",
            r"\b(?:scritt|contattat|chiamat|sollecitat|chiest|reclamat)\w*\s+(?:\w+\s+){0,3}?(?:pi[uù]|diverse|molte|"
            r"tante|tre|quattro|\d+)\s+volte\b",
            r"\b(?:diverse|molte|tre|quattro|\d+)\s+(?:email|mail|messaggi|telefonate|chiamate|segnalazioni|solleciti)\b",
            r"\bho\s+gi[àa]\s+(?:scritto|contattato|chiamato|segnalato|chiesto|sollecitato)",
            r"\b(?:ancora\s+)?nessuna\s+risposta\b", r"\bsenza\s+risposta\b",
            r"\bnessuno\s+(?:mi\s+|ci\s+)?(?:risponde|richiama|aiuta)",
            r"\bnon\s+(?:mi\s+|ci\s+)?(?:rispondono|avete\s+risposto|hanno\s+risposto)\b",
        ],
        "nl": [
            r"\b(?:tweede|derde|vierde|vijfde|\d+e)\s+keer\s+dat\s+(?:ik|we)\s+(?:u\s+|jullie\s+)?(?:mail|schrijf|bel|"
            r"vraag|contact|meld)", _near(r"\bvoor\s+de\s+(?:tweede|derde|vierde|vijfde|\d+e)\s+keer\b",
                                        r"\b(?:mail|schrijf|bel|vraag|contact|meld)", 25),
            r"\b(?:mail|schrijf|bel|vraag|contact|meld)\w*\s+(?:\w+\s+){0,3}?(?:opnieuw|alweer|weer|nogmaals)\b",
            r"\b(?:meerdere|vaak|herhaaldelijk|diverse)\s+(?:keren|malen)\b",
            r"\b(?:meerdere|veel|drie|vier|vijf|\d+)\s+(?:mails|e-mails|berichten|telefoontjes|klachten)\b",
            r"\bal\s+(?:\w+\s+){0,2}?(?:gemaild|gebeld|geschreven|contact\s+opgenomen|gemeld|gevraagd)",
            r"\bnog\s+(?:steeds\s+)?geen\s+(?:antwoord|reactie|bericht)\b", r"\bgeen\s+(?:antwoord|reactie)\b",
            r"\bniemand\s+(?:reageert|antwoordt|neemt\s+op|helpt)",
        ],
        "pl": [
            r"\b(?:drugi|trzeci|czwarty|piąty|\d+\.?)\s+raz\s+(?:\w+\s+){0,2}?(?:piszę|dzwonię|pytam|kontaktuję|"
            r"zgłaszam|proszę)", _near(r"\bpo\s+raz\s+(?:drugi|trzeci|czwarty|piąty|kolejny|\d+)\b",
                                    r"\b(?:pisz|pisa|dzwoni|pyta|kontakt|zgłasza|proszę)", 25),
            r"\b(?:piszę|pisałem|pisałam|dzwonię|dzwoniłem|dzwoniłam|pytam|pytałem|pytałam|kontaktuję)\s+"
            r"(?:\w+\s+){0,2}?(?:ponownie|znowu|znów|kolejny\s+raz)\b",
            r"\b(?:kilkukrotnie|kilkakrotnie|wielokrotnie)\b",
            r"\b(?:pisa|dzwoni|pyta|kontaktowa|zgłasza)\w*\s+(?:\w+\s+){0,3}?(?:kilka|wiele|kilkanaście|trzy|cztery|\d+)\s+"
            r"razy\b",
            r"\b(?:kilka|wiele|trzy|cztery|pięć|\d+)\s+(?:maili|e-maili|wiadomości|telefonów|zgłoszeń)\b",
            r"\bju[żz]\s+(?:\w+\s+){0,2}?(?:pisałem|pisałam|dzwoniłem|dzwoniłam|kontaktowałem|kontaktowałam|zgłaszałem|"
            r"zgłaszałam|pytałem|pytałam)",
            r"\b(?:nadal|wciąż|dalej)\s+(?:\w+\s+)?(?:brak|bez|nie\s+ma)\s+odpowiedzi", r"\bbrak\s+odpowiedzi\b",
            r"\bbez\s+odpowiedzi\b", r"\bnikt\s+(?:nie\s+)?(?:odpowiada|odpisuje|odbiera|reaguje|pomaga)",
        ],
        "ru": [
            r"\b(?:второй|третий|четв[её]ртый|пятый|\d+-?й)\s+раз\s+(?:\w+\s+){0,2}?(?:пишу|обращаюсь|звоню|спрашиваю|"
            r"прошу)", _near(r"\b(?:уже\s+)?(?:в\s+)?(?:второй|третий|четв[её]ртый|пятый|\d+-?й)\s+раз\b",
                                   r"\b(?:пиш|обраща|звон|спрашива|прош)", 25),
            r"\b(?:пишу|обращаюсь|звоню|спрашиваю|пишем)\s+(?:\w+\s+){0,2}?(?:снова|опять|повторно|ещё\s+раз)\b",
            r"\b(?:снова|опять|повторно)\s+(?:вам\s+)?(?:пишу|обращаюсь|звоню|спрашиваю)\b",
            r"\b(?:несколько|много|три|четыре|пять|\d+)\s+раз\b(?=[^.!?\n]{0,30}(?:пис|звон|обращ|спрашив|ответ))",
            r"\b(?:писал|писала|звонил|звонила|обращал|обращалась|обращался|спрашивал|спрашивала)\w*\s+(?:\w+\s+){0,2}?"
            r"(?:несколько|много|три|четыре|пять|\d+)\s+раз",
            r"\bнеоднократно\b", r"\bмногократно\b",
            r"\bуже\s+(?:\w+\s+)?(?:писал|писала|обращал|обращалась|обращался|звонил|звонила|сообщал|сообщала)",
            r"\b(?:до\s+сих\s+пор|всё\s+ещё|все\s+еще|по-прежнему)\s+(?:\w+\s+)?(?:нет\s+ответа|не\s+ответил|никто)",
            r"\bнет\s+ответа\b", r"\bбез\s+ответа\b", r"\bникто\s+не\s+(?:отвечает|ответил|перезвонил|помог|реагирует)",
            r"\bне\s+отвечают\b", r"\bигнориру",
        ],
        "tr": [
            r"\b(?:ikinci|üçüncü|dördüncü|beşinci|\d+\.)\s+(?:kez|defa|kere)\s+(?:\w+\s+){0,2}?(?:yazıyor|arıyor|soruyor|"
            r"ulaş|başvur|şikayet)", _near(r"\b(?:ikinci|üçüncü|dördüncü|beşinci|\d+\.)\s+(?:kez|defa|kere)\b",
                                          r"(?:yazıyor|arıyor|soruyor|ulaş|başvur|şikayet|yazdım|aradım|sordum)", 25),
            r"\b(?:tekrar|yine|yeniden)\s+(?:size\s+)?(?:yazıyor|arıyor|soruyor|ulaş|başvur|yazmak|aramak)",
            # Counts only next to a contact verb ("defalarca aldım" is a loyal buyer).
            _near(r"\b(?:defalarca|birçok\s+kez|birkaç\s+kez|kaç\s+kez|kaç\s+defa|birkaç\s+defa)\b",
                  r"(?:arad|yaz|sor|ulaş|şikayet|görüş|konuş|mesaj|mail|başvur|bildir|talep)", 30),
            r"\b(?:\d+|üç|dört|beş)\s+(?:kez|defa|kere)\s+(?:aradım|yazdım|sordum|ulaştım|şikayet)",
            r"\bzaten\s+(?:\w+\s+)?(?:yazdım|aradım|sordum|ulaştım|bildirdim)",
            r"\bhala\s+(?:bir\s+)?(?:cevap|yanıt|dönüş)\s+(?:yok|alamadım|vermediniz)",
            r"\bhâlâ\s+(?:bir\s+)?(?:cevap|yanıt|dönüş)\s+(?:yok|alamadım|vermediniz)",
            r"\b(?:cevap|yanıt|dönüş)\s+(?:yok|alamadım|alamıyorum|vermiyor|verilmedi|yapılmadı)",
            r"\bkimse\s+(?:cevap|yanıt|dönüş|ilgilen)", r"\bcevapsız\b",
        ],
        "ar": [
            r"(?:للمرة|المرة)\s+(?:الثانية|الثالثة|الرابعة|الخامسة|العاشرة)",
            # Counts only next to a contact verb ("اشتريت عدة مرات" is a loyal buyer).
            _near(r"(?:عدة|عدد\s+من|كثير\s+من)\s+مرات?|مرات\s+(?:عديدة|كثيرة)",
                  r"تواصل|راسل|اتصل|كتب|سأل|أرسل|اشتك|طلب|كلم|أبلغ", 30),
            r"(?:تواصلت|راسلت|اتصلت|كتبت|سألت|أرسلت)\w*\s+(?:\S+\s+){0,2}?(?:مرة\s+أخرى|"
            r"مجددا|مجدداً|من\s+جديد|عدة\s+مرات|أكثر\s+من\s+مرة)", r"أكثر\s+من\s+مرة",
            r"(?:سبق\s+و|سبق\s+أن|لقد)\s*(?:تواصلت|راسلت|اتصلت|كتبت|أبلغت)", r"لا\s+(?:أحد|احد)\s+يرد",
            r"لم\s+يرد\s+(?:أحد|احد|علي)", r"(?:بدون|بلا|دون)\s+(?:أي\s+)?رد", r"لا\s+يوجد\s+رد",
            r"لا\s+(?:يردون|ترد|تردون)",
            r"(?:ما\s+زلت|لا\s+زلت|مازلت|لازلت)\s+(?:\S+\s+)?(?:انتظر|أنتظر)\s+(?:الرد|ردكم|رد)",
        ],
        "ja": [
            _near(r"[2-9２-９二三四五]\s?(?:度|回)目", r"問い合わせ|問合せ|連絡|メール|電話|催促|質問", 8),
            r"何度も(?:連絡|問い合わせ|問合せ|メール|電話|催促|お願い|言って|伝え)",
            r"何回も(?:連絡|問い合わせ|問合せ|メール|電話|催促|お願い|言って|伝え)", r"再三",
            r"度々(?:連絡|問い合わせ)",
            r"(?:再度|再び|また)(?:の)?(?:連絡|問い合わせ|問合せ|メール|催促)(?:し|いたし|させ)",
            r"何度(?:か)?問い合わせ",
            r"既に(?:連絡|問い合わせ|メール)", r"すでに(?:連絡|問い合わせ|メール)",
            r"(?:まだ|未だに|いまだに)(?:返信|返事|回答|連絡)(?:が)?(?:ない|ありません|来ない|来ません)",
            r"(?:返信|返事|回答|連絡)(?:が|も)?(?:ない|ありません|来ない|来ません|なし)",
            r"誰も(?:対応|返信|答え|電話に出)",
            r"無視され",
        ],
        "ko": [
            r"(?:두|세|네|다섯|[2-9])\s?번째\s?(?:문의|연락|요청|말씀|글|전화)",
            r"(?:여러|몇)\s?(?:번|차례)(?:이나|을|를)?\s?(?:문의|연락|전화|요청|말씀|얘기|메일|글)", r"수차례",
            r"수십\s?번",
            r"(?:다시|또)\s?(?:문의|연락|전화|요청)\s?(?:드립|합니|했|드렸)", r"이미\s?(?:문의|연락|전화|요청)",
            r"(?:아직|여전히|아직도)\s?(?:답변|답장|연락|회신)(?:이|도)?\s?(?:없|안)",
            r"(?:답변|답장|회신|연락)(?:이|도)?\s?(?:없습니다|없네요|없어요|없고|없음|안\s?와)",
            r"아무도\s?(?:답|연락|전화|응대)", r"무시",
        ],
        "th": [
            _near(r"ครั้งที่\s?(?:2|3|4|5|สอง|สาม|สี่|ห้า)", r"ติดต่อ|ถาม|ทัก|แจ้ง|โทร|แชท", 12),
            r"(?:ติดต่อ|ถาม|ทัก|แชท|โทร|ส่งข้อความ|แจ้ง)\S{0,10}?หลาย(?:ครั้ง|รอบ|หน)",
            r"หลาย(?:ครั้ง|รอบ|หน)(?:แล้ว)", r"(?:ติดต่อ|ถาม|ทัก|โทร|แจ้ง)(?:ไป)?แล้ว",
            r"ไม่มีใคร(?:ตอบ|รับสาย|สนใจ|ติดต่อกลับ)",
            r"(?:ยัง|ก็)?ไม่(?:มีการ)?(?:ตอบ|ตอบกลับ|ติดต่อกลับ)(?:เลย|สักที)?", r"ทักไปก็ไม่ตอบ", r"เงียบ(?:หาย|ไป)",
            r"(?:ถาม|ทัก|ติดต่อ|โทร)(?:ไป)?(?:อีก|ซ้ำ)",
        ],
    },
    "deadline": {
        NEUTRAL: [r"\bASAP\b"],
        "en": [
            r"\burgent(?:ly)?\b", r"\bas\s+soon\s+as\s+possible\b", r"\bemergency\b", r"\btime[- ]sensitive\b",
            r"\bdeadline\b", _near(r"\b(?:medicines?|medications?|prescriptions?|insulin|meds)\b", _EN_TIME),
            r"\bneed\s+(?:\w+\s+){0,3}?(?:tonight|today|tomorrow|right\s+now)\b",
            r"\bsupposed\s+to\s+(?:get|arrive|be\s+(?:delivered|here)|receive)\s+(?:\w+\s+){0,2}?by\b",
            r"\b(?:very\s+)?important\s+(?:event|meeting|occasion|day)\b", r"\bonce[- ]in[- ]a[- ]lifetime\b",
            r"\b(?:no|lost|without|missing)\s+(?:\w+\s+){0,2}?(?:present|gift|birthday\s+present)\b",
            r"\b(?:need|needed|needs|want|wanted)\s+(?:it|this|them|these|the\s+\w+|my\s+\w+)\s+(?:by|before|for)\s+"
            r"(?:tomorrow|today|tonight|the\s+\d|\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|next|this|my|her|his|our|the)",
            r"\b(?:won'?t|will\s+not|not|never|didn'?t|did\s+not|doesn'?t)\s+(?:\w+\s+){0,3}?(?:in|on)\s+time\s+for\b",
            _near(r"\b(?:gift|present|birthday|bday|wedding|anniversary|christmas|xmas|party|event|trip|vacation|holiday"
                  r"|flight|funeral|graduation|conference|wedding|baby\s+shower|exam)s?\b", _EN_TIME),
            r"\bbefore\s+(?:i|we)\s+(?:leave|fly|travel|go)\b",
        ],
        "zh": [
            r"急用", r"急需", r"着急用", r"赶时间", r"等着用", r"紧急", r"加急", r"火速", r"尽快",
            _near(r"(?<![农毒火弹炸])药", _ZH_TIME, 15),
            r"庆生",
            _near(r"送人|送朋友|送给|礼物|生日|婚礼|结婚|父亲节|母亲节|情人节|春节|过年|出差|旅行|旅游|开学|考试|上班|开会|聚会|活动",
            _ZH_TIME, 20),
        ],
        "es": [
            r"\burgente", r"\burge\b", r"\bcuanto\s+antes\b", r"\blo\s+antes\s+posible\b", r"\bemergencia\b",
            r"\bmedicament", r"\bmedicina\b", r"\breceta\b",
            r"\blo\s+necesito\s+(?:para|antes)", r"\blo\s+necesitaba\s+(?:para|antes)",
            _near(r"\b(?:regalo|cumpleaños|boda|aniversario|navidad|fiesta|evento|viaje|vacaciones|vuelo|examen)",
                  r"\b(?:mañana|hoy|esta\s+semana|este\s+fin|el\s+(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)"
                  r"|a\s+tiempo|no\s+(?:lleg|ha\s+llegado)|todav[ií]a\s+no|tarde|antes\s+del?)"),
        ],
        "pt": [
            r"\burgente", r"\bo\s+mais\s+r[aá]pido\s+poss[ií]vel\b", r"\bemerg[eê]ncia\b", r"\bmedicament",
            r"\brem[eé]dio", r"\bpreciso\s+(?:dele|dela|disso|do\s+produto)?\s*(?:at[eé]|para|antes)\b",
            _near(r"\b(?:presente|anivers[aá]rio|casamento|natal|festa|evento|viagem|f[eé]rias|voo|prova)",
                  r"\b(?:amanh[aã]|hoje|esta\s+semana|este\s+fim|no\s+(?:s[aá]bado|domingo)|na\s+(?:segunda|ter[cç]a|quarta|"
                  r"quinta|sexta)|a\s+tempo|n[aã]o\s+(?:cheg|veio)|ainda\s+n[aã]o|atras|antes\s+d)"),
        ],
        "fr": [
            r"\burgen(?:t|te|ce)\b", r"\bau\s+plus\s+vite\b", r"\bd[èe]s\s+que\s+possible\b", r"\bm[ée]dicament",
            r"\bordonnance\b", r"\bj'en\s+ai\s+besoin\s+(?:pour|avant|d'ici)\b",
            _near(r"\b(?:cadeau|anniversaire|mariage|no[ëe]l|f[êe]te|[ée]v[ée]nement|voyage|vacances|vol|examen)",
                  r"\b(?:demain|aujourd'hui|cette\s+semaine|ce\s+week-end|samedi|dimanche|lundi|vendredi|[àa]\s+temps|"
                  r"toujours\s+pas|pas\s+(?:re[çc]u|arriv)|en\s+retard|avant\s+l)"),
        ],
        "de": [
            r"\bdringend", r"\beilig", r"\bso\s+schnell\s+wie\s+m[öo]glich\b", r"\bschnellstm[öo]glich",
            r"\bnotfall\b", r"\bmedikament", r"\barznei", r"\brezept\b",
            r"\bbrauche\s+(?:es|ihn|sie|das|die|den)\s+(?:\w+\s+)?(?:bis|vor|f[üu]r)\b",
            _near(r"\b(?:geschenk|geburtstag|hochzeit|jahrestag|weihnacht|feier|party|veranstaltung|reise|urlaub|flug"
                  r"|pr[üu]fung)",
                  r"\b(?:morgen|heute|diese\s+woche|wochenende|samstag|sonntag|montag|freitag|rechtzeitig|p[üu]nktlich|"
                  r"noch\s+nicht|nicht\s+angekommen|zu\s+sp[äa]t|vor\s+dem)"),
        ],
        "it": [
            r"\burgent[ei]\b", r"\burgenza\b", r"\bal\s+pi[uù]\s+presto\b", r"\bprima\s+possibile\b",
            r"\bemergenza\b", r"\bmedicin", r"\bfarmac[oi]\b", r"\bricetta\b", r"\bmi\s+serve\s+(?:entro|per|prima)\b",
            _near(r"\b(?:regalo|compleanno|matrimonio|anniversario|natale|festa|evento|viaggio|vacanz|volo|esame)",
                  r"\b(?:domani|oggi|questa\s+settimana|weekend|sabato|domenica|luned[iì]|venerd[iì]|in\s+tempo|"
                  r"non\s+(?:[èe]\s+)?(?:arrivat|ancora)|ancora\s+non|in\s+ritardo|entro)"),
        ],
        "nl": [
            r"\bdringend", r"\bspoed", r"\bzo\s+snel\s+mogelijk\b", r"\bz\.s\.m\.?", r"\bnoodgeval", r"\bmedicijn",
            r"\bmedicatie\b", r"\brecept\b", r"\bik\s+heb\s+(?:het|hem|ze)\s+nodig\s+(?:voor|v[óo][óo]r|uiterlijk)\b",
            _near(r"\b(?:cadeau|kado|verjaardag|bruiloft|trouwen|jubileum|kerst|feest|evenement|reis|vakantie|vlucht"
                  r"|examen)",
                  r"\b(?:morgen|vandaag|deze\s+week|weekend|zaterdag|zondag|maandag|vrijdag|op\s+tijd|nog\s+steeds\s+niet"
                  r"|niet\s+(?:aangekomen|geleverd)|te\s+laat|v[óo][óo]r)"),
        ],
        "pl": [
            r"\bpilne?\b", r"\bpilnie\b", r"\bjak\s+najszybciej\b", r"\bnatychmiast", r"\bnagły\b", r"\bleki?\b",
            r"\blekarstw", r"\brecept", r"\bpotrzebuję\s+(?:tego|go|je|ich)?\s*(?:na|do|przed)\b",
            _near(r"\b(?:prezent|urodzin|ślub|rocznic|święt|imprez|wyjazd|urlop|wakacj|lot\b|egzamin)",
                  r"\b(?:jutro|dziś|dzisiaj|w\s+tym\s+tygodniu|weekend|sobot|niedziel|poniedziałek|piątek|na\s+czas|"
                  r"nadal\s+nie|jeszcze\s+nie|nie\s+dotarł|za\s+późno|przed)"),
        ],
        "ru": [
            r"\bсрочно\b", r"\bсрочн\w+", r"\bкак\s+можно\s+скорее\b", r"\bнемедленно\b", r"\bэкстренн",
            r"\bлекарств", r"\bмедикамент", r"\bрецепт", r"\bнужн[оа]\s+(?:\w+\s+)?(?:к|до)\s+",
            _near(r"\b(?:подар|день\s+рождени|дня\s+рождени|днем\s+рождени|свадьб|юбиле|новый\s+год|праздник|"
                  r"мероприяти|поездк|отпуск|рейс|экзамен)",
                  r"\b(?:завтра|сегодня|на\s+этой\s+неделе|выходны|суббот|воскресень|понедельник|пятниц|вовремя|"
                  r"до\s+сих\s+пор|не\s+пришл|не\s+доставил|опозда|до\s+\d)"),
        ],
        "tr": [
            r"\bacil(?:en)?\b", r"\bacilen\b", r"\ben\s+kısa\s+sürede\b", r"\bbir\s+an\s+önce\b", r"\bilaç",
            r"\breçete", r"\b(?:e|a)\s+kadar\s+lazım", r"\blazım\b(?=[^.!?\n]{0,30}(?:yarın|bugün|hafta))",
            _near(r"\b(?:hediye|doğum\s+günü|düğün|nikah|yıldönümü|yılbaşı|bayram|parti|etkinlik|seyahat|tatil|uçuş"
                  r"|sınav)",
                  r"\b(?:yarın|bugün|bu\s+hafta|hafta\s+sonu|cumartesi|pazar|pazartesi|cuma|zamanında|hala|hâlâ|gelmedi|"
                  r"gecikti|geç|önce)"),
        ],
        "ar": [
            rf"{_AR_PRE}(?:عاجل|ضروري){_AR_END}", r"بأسرع\s+وقت", r"في\s+أقرب\s+وقت", r"حالة\s+طارئة",
            rf"{_AR_PRE}طوارئ",
            rf"{_AR_PRE}دواء", rf"{_AR_PRE}أدوية", rf"{_AR_PRE}علاج{_AR_END}", r"وصفة\s+طبية",
            r"أحتاجه\s+(?:قبل|ل|يوم)",
            _near(r"(?:هدية|عيد\s+ميلاد|حفل|زفاف|عرس|العيد|رحلة|سفر|إجازة|امتحان|مناسبة)",
                  r"(?:غدا|غداً|اليوم|هذا\s+الأسبوع|نهاية\s+الأسبوع|يوم\s+(?:السبت|الأحد|الجمعة|الاثنين)|في\s+الوقت|"
                  r"لم\s+(?:يصل|تصل)|لم\s+يصلني|متأخر|تأخر|قبل)"),
        ],
        "ja": [
            r"至急", r"大至急", r"急ぎ", r"急いで", r"緊急", r"早急", r"できるだけ早く", r"一刻も早く", r"薬", r"処方",
            r"(?:まで|までに)(?:必要|使いたい|欲しい|ほしい)",
            _near(r"プレゼント|贈り物|ギフト|誕生日|結婚式|記念日|クリスマス|パーティー|イベント|旅行|出張|試験|お祝い",
                  r"明日|今日|今週|週末|土曜|日曜|月曜|金曜|間に合|届かな|届いていな|まだ|遅れ|までに", 20),
        ],
        "ko": [
            r"급해", r"급합니다", r"급하게", r"급히", r"긴급", r"시급", r"빨리\s?(?:좀\s?)?(?:보내|처리|해\s?주)",
            r"최대한\s?빨리", r"가능한\s?빨리", r"의약품", r"(?<![예계요절조규공])약(?:을|이)\s?(?:먹|복용|필요|받)",
            r"복용", r"처방", r"까지\s?(?:필요|받아야|와야|도착해야)",
            _near(r"선물|생일|결혼식|기념일|크리스마스|파티|행사|여행|출장|시험",
            r"내일|오늘|이번\s?주|주말|토요일|일요일|월요일|"
                  r"금요일|제때|제\s?시간|아직|안\s?왔|도착\s?안|늦|전까지|까지", 25),
        ],
        "th": [
            r"ด่วน", r"รีบใช้", r"ต้องการใช้", r"เร็วที่สุด", r"ฉุกเฉิน", r"(?:กิน|ทาน|ซื้อ|ใช้)ยา",
            r"ยา(?:รักษา|ของ|สำหรับ|ที่ต้อง)", r"ใบสั่งยา",
            _near(r"ของขวัญ|วันเกิด|งานแต่ง|วันครบรอบ|คริสต์มาส|ปาร์ตี้|งานเลี้ยง|เดินทาง|เที่ยว|สอบ",
                  r"พรุ่งนี้|วันนี้|สัปดาห์นี้|อาทิตย์นี้|เสาร์|อาทิตย์|จันทร์|ศุกร์|ทันเวลา|ไม่ทัน|ยังไม่ได้|ยังไม่มา|ช้า|ก่อน", 25),
        ],
    },
    "loss": {
        NEUTRAL: [],
        "en": [
            r"\bcost\s+(?:me|us|him|her|them|my\s+\w+|our\s+\w+|time\s+and)\s+(?:\w+\s+){0,3}?(?:money|a\s+fortune"
            r"|dearly|hundreds|thousands|extra)\b",
            r"\b(?:lost|lose|losing)\s+(?:over\s+|about\s+|around\s+|nearly\s+|almost\s+)?(?:[$£€]\s?\d|\d[\d,.]*\s*"
            r"(?:dollars|bucks|euros|pounds|quid|usd|eur|gbp|rupees|rs\b|k\b))",
            r"\b(?:lost|losing|lose)\s+(?:\w+\s+){0,3}?(?:money|income|wages|clients|customers|sales|"
            r"a\s+day'?s\s+(?:pay|wages|work))\b", r"\blosing\s+out\s+on\b",
            r"\b(?:lost|wiped|erased|deleted|lose)\s+(?:all\s+(?:of\s+)?)?(?:my|our|his|her|their|the)\s+(?:\w+\s+)?"
            r"(?:data|photos|pictures|files|documents|contacts|videos|music|memories|saves?|progress|work)\b",
            r"\b(?:data|photos|pictures|files|documents)\s+(?:\w+\s+)?(?:were|was|got|are|is)\s+(?:all\s+)?"
            r"(?:lost|gone|wiped|erased|deleted)\b",
            r"\b(?:had|have|forced|needed)\s+to\s+(?:buy|purchase|order|pay\s+for|get)\s+(?:another|a\s+new|"
            r"a\s+second|a\s+replacement|new\s+ones?|it\s+again|one\s+elsewhere|elsewhere)\b(?!(?:\s+one)?\s+(?:for|as)\s+(?:my|a|her|his|our)\b)",
            r"\b(?:had|have)\s+to\s+pay\s+(?:\w+\s+)?(?:extra|again|twice|more|out\s+of\s+(?:my|our)\s+(?:own\s+)?pocket)",
            r"\b(?:extra|additional|late|overdraft|penalty|overage|bounced\s+check)\s+(?:fees?|charges?|penalt(?:y|ies))\b",
            r"\bextra\s+(?:duty|customs|shipping)\s+paid\b", r"\b(?:charged|billed)\s+(?:me\s+|us\s+)?twice\b",
            r"\bdouble[- ](?:charged|billed)\b",
            r"\bwasted\s+(?:over\s+)?[$£€]\s?\d",
            r"\bout\s+of\s+pocket\b", r"\bmoney\s+down\s+the\s+drain\b",
            r"(?:[$£€]\s?\d[\d,.]*s?|hundreds|thousands)\s+(?:\w+\s+)?(?:down\s+the\s+drain|gone|lost|wasted|down\b(?!\s+payment))",
            r"\b(?:financial|monetary)\s+(?:loss|damage|hardship)", r"\blost\s+(?:a\s+)?(?:substantial|large|huge)\s+"
            r"(?:amount|sum)",
        ],
        "zh": [
            r"(?:造成|带来|导致|遭受|蒙受|承担|赔偿)(?:了)?(?:我|我们|客户|顾客)?(?:的)?(?:经济|巨大|很大|严重|不少)?损失",
            r"损失(?:了)?(?:\d|[一二两三四五六七八九十几百千万]+(?:块|元|百|千|万))", r"(?:经济|巨大|严重)损失",
            r"损失(?:惨重|很大|巨大|太大了)", r"白花(?:了)?(?:钱|冤枉|\d|[一二两三四五六七八九十百千几]+[块元百千万])",
            r"白白(?:花|浪费|损失)(?:了)?", r"多花了(?:钱|冤枉钱|\d|[一二两三四五六七八九十百千几]+[块元百千万])",
            r"冤枉钱", r"(?:我|自己|反而|倒|倒贴|白|还)赔了", r"赔了夫人", r"打水漂", r"白扔了?(?:钱|\d)",
            r"(?<![幸多吃])亏了(?:钱|好多|不少|\d|[一二两三四五六七八九十百千几]+[块元百千万])",
            r"额外(?:支付|付|花|收|收取|交|多付)(?:了)?(?:\d|[一二两三四五六七八九十百千几]|运费|费用|钱)", r"滞纳金", r"违约金",
            r"(?:数据|资料|照片|相片|文件|视频|通讯录|存储|聊天记录)[^。！？!?\n]{0,8}?(?:全部|全都|都|全)(?:丢失|丢了|没了|消失|清空|被清空)",
            r"(?:数据|资料|照片|相片|文件|通讯录|聊天记录)(?:丢失|丢了|没了|消失|被清空)",
            r"(?:只好|只能|不得不|被迫|又得|还得|只得)(?:再|重新|另外|又)(?:买|购买|花钱|下单|订)",
            r"钱(?:就|都|全)?(?:这样)?(?:白花|白扔|打了水漂)",
        ],
        "es": [
            r"\bme\s+(?:ha\s+)?cost(?:ó|o|ado)\s+(?:\w+\s+){0,2}?(?:dinero|caro|una\s+fortuna|extra)\b",
            r"\bperd[ií]\s+(?:\w+\s+){0,2}?(?:dinero|euros|d[oó]lares|pesos|\d)", r"\bp[eé]rdidas?\s+(?:de\s+dinero|"
            r"econ[oó]micas?|de\s+\d)", r"\btuve\s+que\s+(?:comprar|pagar)\s+(?:otr[oa]|un[oa]?\s+nuev[oa]|de\s+nuevo|"
            r"m[aá]s|extra)", r"\b(?:gastos|cargos|comisiones|recargos)\s+(?:extra|adicionales|por\s+demora)",
            r"\bdinero\s+(?:tirado|perdido|malgastado)", r"\btir[eé]\s+(?:mi|el)\s+dinero",
            r"\b(?:desperdici|malgast)[eé]\s+(?:mi\s+)?dinero",
            r"\bperd[ií]\s+(?:tod[oa]s\s+)?(?:mis|los|las)\s+(?:fotos|datos|archivos|documentos|contactos)",
            r"\bme\s+cobraron\s+(?:dos\s+veces|doble)",
        ],
        "pt": [
            r"\bme\s+custou\s+(?:\w+\s+){0,2}?(?:dinheiro|caro|uma\s+fortuna|extra)\b",
            r"\bperdi\s+(?:\w+\s+){0,2}?(?:dinheiro|reais|R\$|\d)", r"(?<!sem\s)(?<!nenhum\s)\bpreju[ií]zo\b",
            r"\btive\s+que\s+(?:comprar|pagar)\s+(?:outr[oa]|uma?\s+nov[oa]|de\s+novo|mais|extra)",
            r"\b(?:taxas?|tarifas?|cobran[cç]as?|multas?|juros)\s+(?:extras?|adiciona(?:l|is)|por\s+atraso)",
            r"\bdinheiro\s+(?:jogado\s+fora|perdido|desperdi[cç]ado)", r"\bjoguei\s+(?:meu\s+)?dinheiro\s+fora",
            r"\bperdi\s+(?:tod[oa]s\s+)?(?:as|os|minhas|meus)\s+(?:fotos|dados|arquivos|documentos|contatos)",
            r"\bcobra(?:ram|do)\s+(?:duas\s+vezes|em\s+dobro)",
        ],
        "fr": [
            r"\bm'a\s+co[uû]t[ée]\s+(?:\w+\s+){0,2}?(?:cher|de\s+l'argent|une\s+fortune|\d)",
            r"\b(?:j'ai\s+)?perdu\s+(?:\w+\s+){0,2}?(?:argent|\d+\s*(?:€|euros))", r"\bpr[ée]judice\s+financier",
            r"\bperte\s+(?:financi[eè]re|d'argent|de\s+\d)", r"\bj'ai\s+d[uû]\s+(?:en\s+)?(?:racheter|acheter\s+un"
            r"(?:e)?\s+autre|payer\s+(?:des\s+|un\s+|une\s+|les\s+)?(?:frais|suppl[ée]ment|encore|deux\s+fois))",
            r"\bfrais\s+(?:suppl[ée]mentaires|de\s+retard|bancaires|en\s+plus)", r"\bp[ée]nalit[ée]s?\s+de\s+retard",
            r"\bargent\s+(?:jet[ée]|perdu|gaspill[ée])\b",
            r"\bperdu\s+(?:toutes?\s+)?(?:mes|les)\s+(?:photos|donn[ée]es|fichiers|documents|contacts)",
            r"\bd[ée]bit[ée]\s+deux\s+fois",
        ],
        "de": [
            r"\bhat\s+(?:mich|uns)\s+(?:\w+\s+){0,2}?(?:geld|euro|\d+|ein\s+verm[öo]gen)\s+(?:\w+\s+)?gekostet",
            r"\b(?:geld|\d+\s*(?:€|euro))\s+verloren", r"\b(?:finanziellen?|gro[ßs]en?)\s+(?:verlust|schaden)",
            r"\bschaden\s+von\s+\d", r"\bmusste\s+(?:ich\s+|wir\s+)?(?:\w+\s+){0,2}?(?:neu\s+kaufen|nachkaufen|"
            r"noch\s*(?:ein)?mal\s+kaufen|extra\s+zahlen|drauf\s*zahlen|nochmal\s+zahlen)",
            r"\b(?:zus[äa]tzliche|extra)\s+(?:kosten|geb[üu]hren)", r"\bmahngeb[üu]hr", r"\bs[äa]umnisgeb[üu]hr",
            r"\bgeld\s+(?:zum\s+fenster\s+hinaus|verschwendet|verbrannt)\b", r"\bdoppelt\s+(?:abgebucht|belastet|bezahlt)",
            r"\b(?:alle|meine)\s+(?:\w+\s+)?(?:fotos|daten|bilder|dateien)\s+(?:sind\s+)?(?:weg|verloren|gel[öo]scht)",
        ],
        "it": [
            r"\bmi\s+[èe]\s+costat[oa]\s+(?:\w+\s+){0,2}?(?:soldi|caro|una\s+fortuna|\d)",
            r"\bho\s+perso\s+(?:\w+\s+){0,2}?(?:soldi|denaro|euro|\d)", r"\bperdita\s+(?:economica|di\s+denaro|di\s+\d)",
            r"\bdanno\s+economico", r"\bho\s+dovuto\s+(?:ricomprar|comprar(?:ne)?\s+(?:un\s+)?altr|"
            r"pagare\s+(?:di\s+pi[uù]|extra|un\s+supplemento|due\s+volte))",
            r"\b(?:costi|spese|commissioni)\s+(?:extra|aggiuntiv[ei])", r"\b(?:interessi|penale)\s+di\s+mora",
            r"\bsoldi\s+(?:buttati|persi|sprecati)", r"\baddebitat[oi]\s+due\s+volte",
            r"\bho\s+perso\s+(?:tutt[ei]\s+)?(?:le|i|mie|miei)\s+(?:foto|dati|file|documenti|contatti)",
        ],
        "nl": [
            r"\bheeft\s+(?:me|mij|ons)\s+(?:\w+\s+){0,2}?(?:geld|euro|\d+)\s+gekost",
            r"\b(?:geld|\d+\s*(?:€|euro))\s+(?:verloren|kwijt)", r"\bfinanci[eë]le\s+schade", r"\bschade\s+van\s+\d",
            r"\bmoest\s+(?:ik\s+|we\s+)?(?:\w+\s+){0,2}?(?:opnieuw\s+kopen|een\s+nieuwe?\s+kopen|extra\s+betalen|"
            r"nog\s+een\s+kopen|bijbetalen)", r"\b(?:extra|bijkomende)\s+kosten", r"\baanmaningskosten",
            r"\bgeld\s+(?:weggegooid|verspild)", r"\bdubbel\s+(?:afgeschreven|betaald|gefactureerd)",
            r"\b(?:al\s+)?(?:mijn|m'n)\s+(?:foto'?s|gegevens|data|bestanden)\s+(?:zijn\s+)?(?:weg|kwijt|verloren)",
        ],
        "pl": [
            r"\bkosztował(?:o|a)?\s+mnie\s+(?:\w+\s+){0,2}?(?:pieniądze|zł|\d|fortunę|majątek)",
            r"\bstraci(?:łem|łam|liśmy)\s+(?:\w+\s+){0,2}?(?:pieniądze|zł|\d)", r"\bstrat[aęy]\s+(?:finansow|pieniędzy|\d)",
            r"\bmusiał(?:em|am|y|yśmy)\s+(?:\w+\s+)?(?:kupić\s+(?:nowy|nową|nowe|drugi|drugą|kolejny|jeszcze)|dopłacić"
            r"|zapłacić\s+(?:dodatkowo|ponownie|jeszcze))", r"\bdodatkowe\s+(?:opłaty|koszty)",
            r"\bwyrzucone\s+pieniądze", r"\bpobrano\s+(?:\w+\s+)?dwa\s+razy",
            r"\bstraci(?:łem|łam)\s+(?:wszystkie\s+)?(?:zdjęcia|dane|pliki|kontakty)",
        ],
        "ru": [
            r"\bобошл(?:ось|ся|ась)\s+мне\s+(?:в\s+)?(?:\w+\s+)?(?:дорого|копеечку|\d)",
            r"\bпотерял[аи]?\s+(?:\w+\s+){0,2}?(?:деньги|\d|рубл|тысяч)", r"\bубыт(?:ок|ки|ков|ка)\b",
            r"\b(?:материальный|финансовый)\s+ущерб", r"\bпришлось\s+(?:\w+\s+)?(?:покупать|купить|докупать|докупить|"
            r"доплачивать|доплатить|платить|заплатить)", r"\b(?:дополнительные|лишние)\s+(?:расходы|траты|комиссии)",
            r"\bденьги\s+на\s+ветер", r"\bвыброшенные\s+деньги", r"\bсписали\s+(?:\w+\s+)?дважды",
            r"\bпотерял[аи]?\s+(?:все\s+)?(?:фото|данные|файлы|фотографии|контакты)",
        ],
        "tr": [
            r"\b(?:bana\s+)?(?:pahalıya|çok\s+paraya)\s+mal\s+oldu", r"\bmaddi\s+(?:zarar|kayıp)",
            r"\b(?:\d+\s*(?:tl|lira)|param(?:ı)?)\s+(?:kaybettim|gitti|çöpe)", r"\bparam\s+heba",
            r"\btekrar\s+(?:satın\s+)?almak\s+zorunda\s+kaldım", r"\byenisini\s+almak\s+zorunda\s+kaldım",
            r"\b(?:ekstra|ek|fazladan)\s+(?:ücret|masraf|para)\s+(?:ödedim|ödemek|ödemek\s+zorunda)",
            r"\bgecikme\s+(?:faizi|cezası|bedeli)", r"\biki\s+kez\s+(?:çekildi|ödeme\s+alındı|tahsil)",
            r"\b(?:tüm|bütün)\s+(?:fotoğraflarım|verilerim|dosyalarım|rehberim)\s+(?:silindi|gitti|kayboldu)",
        ],
        "ar": [
            r"(?<!يا\s)(?<!يا)خسارة\s+(?:مالية|فلوس|كبيرة|\d)", rf"{_AR_PRE}خسرت\s+(?:\S+\s+)?(?:فلوس|مال|أموال|\d)",
            r"رسوم\s+(?:إضافية|اضافية|تأخير)", r"غرامة\s+(?:تأخير|إضافية)",
            r"اضطررت\s+(?:إلى\s+|الى\s+|ل)?(?:شراء|الشراء|دفع|الدفع)", r"(?:فلوسي|أموالي|مالي)\s+(?:راحت|ضاعت)",
            r"ضاعت\s+(?:فلوسي|أموالي|صوري|بياناتي|ملفاتي)", r"(?:فقدت|خسرت)\s+(?:كل\s+|جميع\s+)?(?:صوري|بياناتي|ملفاتي)",
            r"خصم\s+(?:المبلغ\s+)?مرتين",
        ],
        "ja": [
            r"損(?:を)?した", r"損害", r"損失", r"余計な(?:出費|費用|お金|送料|手数料)", r"追加(?:料金|費用)(?:が|を)?(?:かか|払|取ら)",
            r"延滞(?:料|金)", r"買い直(?:し|す|さ)", r"もう一(?:つ|台|個)買(?:う|わ)(?:はめ|羽目|しかな)", r"お金(?:を)?(?:無駄|ドブ)",
            r"無駄金", r"二重(?:請求|引き落とし)",
            r"(?:データ|写真|画像|ファイル)(?:が|は)?(?:全部|すべて|全て)?(?:消え|消去され|飛ん|なくな)",
        ],
        "ko": [
            r"손해(?:를|가)?\s?(?:봤|보았|입었|막심|배상|가\s?크|가\s?커)", r"손실", r"돈\s?(?:만\s?)?(?:날렸|날림|버렸|낭비)", r"추가\s?(?:비용|요금)(?:이|을)?\s?(?:들|냈|내|발생)",
            r"연체료", r"다시\s?(?:사야|구매해야)\s?(?:했|하)", r"새로\s?(?:사야|구매해야)", r"이중\s?(?:결제|청구)",
            r"(?:데이터|사진|파일)(?:이|가)?\s?(?:다\s?|전부\s?|모두\s?)?(?:날아|사라|지워)",
        ],
        "th": [
            r"เสียเงิน(?:ฟรี|เปล่า)", r"(?<!ขาย)(?<!ยอม)ขาดทุน", r"เสียค่า(?:ปรับ|ธรรมเนียม)", r"ค่าใช้จ่ายเพิ่ม", r"ต้อง(?:ซื้อ|จ่าย)(?:ใหม่|เพิ่ม)",
            r"(?:ข้อมูล|รูปภาพ|รูป)\S{0,8}?หายหมด", r"สูญเงิน", r"เสียเงิน\s?\d", r"ตัดเงินสองครั้ง",
        ],
    },
    "anger": {
        NEUTRAL: [r"[!！]{3,}", r"[?？][!！]|[!！][?？]", rf"(?-i:\b[{_CAPS}]{{5,}}\b)",
                  rf"(?-i:\b[{_CAPS}]{{2,}}(?:\s+[{_CAPS}]{{2,}}){{2,}}\b)", r"😡|🤬|😠|💩|🖕"],
        "en": [
            r"\bscam(?:s|med|mer|mers|ming)?\b", r"\bfraud(?:ulent|sters?)?\b", r"\brip[- ]?off\b", r"\bripped\s+off\b",
            r"\bcheat(?:s|ed|ers?|ing)?\b", r"\bliars?\b", r"\blied\b", r"\bthie(?:f|ves)\b", r"\bstole\b",
            r"\bstealing\b", r"\bworst\b", r"\bdisgust(?:ing|ed)?\b", r"\bdisgrace(?:ful)?\b", r"\bunacceptable\b",
            r"\bridiculous\b", r"\boutrageous\b", r"\bpathetic\b", r"\bfurious\b", r"\bangry\b", r"\blivid\b",
            r"\bfed\s+up\b", r"\bsick\s+(?:and\s+tired\s+)?of\b", r"\btired\s+of\b", r"\bwhat\s+a\s+joke\b",
            r"\bshame\s+on\s+you\b", r"\bincompetent\b", r"\buseless\b", r"\brubbish\b", r"\bgarbage\b",
            r"\bcrap(?:py)?\b", r"\bwtf\b", r"\bf+u+c+k", r"\bshit", r"\bdamn", r"\bappall?ing\b", r"\bhorrible\b",
            r"\bterrible\s+(?:service|customer|company|seller)", r"\bawful\s+(?:service|customer|company|seller)",
            r"\bnever\s+(?:ever\s+)?(?:again|buy(?:ing)?\s+from|order(?:ing)?\s+from|use\s+you)\b", r"\bjoke\b",
            r"\bbeware\b", r"\bavoid\b",
        ],
        "zh": [
            r"骗子", r"骗人", r"欺骗", r"诈骗", r"被骗", r"骗钱", r"垃圾", r"恶心", r"气死", r"坑人", r"坑爹", r"被坑",
            r"坑了", r"坑钱", r"无语", r"太差", r"极差", r"最差", r"差劲", r"无耻", r"黑心", r"奸商", r"忽悠",
            r"什么玩意",
            r"妈的", r"他妈", r"尼玛", r"卧槽", r"我操", r"草泥马", r"滚", r"愤怒", r"生气", r"火大", r"恼火", r"可恶",
            r"可恨",
            r"忍无可忍", r"太过分", r"过分", r"烂货", r"稀烂", r"破烂", r"太烂", r"真烂", r"再也不", r"差评", r"坑货",
            r"不要脸", r"丧良心", r"缺德",
        ],
        "es": [
            r"\bestaf", r"\bfraude\b", r"\bfraudulent", r"\btimo\b", r"\btimad", r"\bladr[oó]n", r"\brob[oa]\b",
            r"\bpeor\b", r"\basco\b", r"\basqueros", r"\bvergüenza\b", r"\binaceptable\b", r"\bridícul",
            r"\bindignant", r"\bindignad", r"\bfurios", r"\benfadad", r"\benojad", r"\bharto\b", r"\bharta\b",
            r"\bbasura\b", r"\bmierda\b", r"\bp[eé]sim[oa]\b", r"\bnunca\s+m[aá]s\b", r"\bengañ", r"\bmentir",
            r"\bmentiros", r"\bincompetent",
        ],
        "pt": [
            r"\bgolpe\b", r"\bgolpistas?\b", r"\bfraude\b", r"\bengan", r"\bladr[aãoõ]", r"\broubo\b", r"\bpior\b",
            r"\bnojent", r"\bnojo\b", r"\bvergonha\b", r"\binaceit[aá]vel\b", r"\bridícul", r"\brevoltad",
            r"\bfurios", r"\birritad", r"\bcansad[oa]\s+de\b", r"\blixo\b", r"\bporcaria\b", r"\bmerda\b",
            r"\bp[eé]ssim[oa]\b", r"\bnunca\s+mais\b", r"\bmentir", r"\bmentiros", r"\bincompetent", r"\bdescaso\b",
        ],
        "fr": [
            r"\barnaque", r"\barnaqu", r"\bescroc", r"\bescroquerie", r"\bfraude\b", r"\bvol(?:eur|eurs|é)\b",
            r"\bpire\b", r"\bd[ée]go[ûu]t", r"\bhonte(?:ux|use)?\b", r"\binacceptable\b", r"\bridicule\b",
            r"\bscandal", r"\bfurieu(?:x|se)\b", r"\ben\s+col[èe]re\b", r"\b[ée]nerv[ée]", r"\bmarre\b",
            r"\bnul(?:le|lissime)?\b", r"\bpoubelle\b", r"\bmerde", r"\bplus\s+jamais\b", r"\bmenteur", r"\bmensonge",
            r"\bincomp[ée]tent", r"\binadmissible\b", r"\blamentable\b",
        ],
        "de": [
            r"\bbetrug\b", r"\bbetr[üu]ger", r"\bbetrogen\b", r"\babzocke", r"\bzocke", r"\bdiebe?\b", r"\bgestohlen",
            r"\bschlechteste", r"\bekelhaft", r"\bwiderlich", r"\bunversch[äa]mt", r"\binakzeptabel\b",
            r"\bl[äa]cherlich", r"\bfrechheit\b", r"\bskandal", r"\bw[üu]tend\b", r"\bsauer\b", r"\bver[äa]rgert",
            r"\bschrott\b", r"\bm[üu]ll\b", r"\bschei(?:ß|ss)", r"\bnie\s+wieder\b", r"\bl[üu]gner", r"\bgelogen",
            r"\binkompetent", r"\bunm[öo]glich\b", r"\bzumutung\b",
        ],
        "it": [
            r"\btruff", r"\bfrode\b", r"\bfregatur", r"\bfregat[oia]\b", r"\bladr[oi]\b", r"\brubat", r"\bpeggior",
            r"\bschif", r"\bdisgustos", r"\bvergogn", r"\binaccettabile\b", r"\bridicol", r"\bscandalos",
            r"\bfurios", r"\barrabbiat", r"\bincazzat", r"\bstuf[oa]\b", r"\bspazzatura\b", r"\bschifezza\b",
            r"\bmerda\b", r"\bpessim[oa]\b", r"\bmai\s+pi[uù]\b", r"\bbugiard", r"\bincompetent", r"\bvergognoso\b",
        ],
        "nl": [
            r"\boplicht", r"\bfraude\b", r"\bbedrog", r"\boneerlijk", r"\bdieven\b", r"\bdief\b", r"\bgestolen\b",
            r"\bslechtste\b", r"\bwalgelijk", r"\bschande", r"\bonacceptabel\b", r"\bbelachelijk", r"\bwoedend\b",
            r"\bboos\b", r"\bkwaad\b", r"\bzat\b", r"\brommel\b", r"\bwaardeloos\b", r"\bklote", r"\bshit\b",
            r"\bnooit\s+meer\b", r"\bleugen", r"\bincompetent", r"\bschandalig", r"\bdrama\b",
        ],
        "pl": [
            r"\boszu(?:st|k|ści|kali|kan)", r"\bkant\b", r"\bzłodzie", r"\bukradli", r"\bnajgorsz", r"\bobrzydliw",
            r"\bskandal", r"\bwstyd\b", r"\bnie\s+do\s+przyjęcia\b", r"\bżenad", r"\bśmieszn", r"\bwściek",
            r"\bzły\b", r"\bzła\b", r"\bmam\s+dość\b", r"\bśmie(?:ć|ci)\b", r"\bbadziew", r"\bszajs", r"\bdno\b",
            r"\bkurw", r"\bnigdy\s+więcej\b", r"\bkłam", r"\bniekompetent", r"\bkpina\b", r"\bchamst",
        ],
        "ru": [
            r"\bмошенни", r"\bобман", r"\bразвод", r"\bкидал", r"\bворы\b", r"\bукрал", r"\bхудш", r"\bотвратит",
            r"\bмерзк", r"\bпозор", r"\bнеприемлем", r"\bбезобраз", r"\bвозмутит", r"\bв\s+бешенстве\b",
            r"\bзл(?:ой|ая|юсь)\b",
            r"\bнадоело\b", r"\bмусор\b", r"\bхлам\b", r"\bдерьм", r"\bговн", r"\bужас(?:но|ный|ная)?\b",
            r"\bникогда\s+больше\b", r"\bврут\b", r"\bвраньё\b", r"\bвранье\b", r"\bлжец", r"\bнекомпетент",
            r"\bхамств",
        ],
        "tr": [
            r"\bdolandırıcı", r"\bdolandır", r"\bsahtekar", r"\bkazık", r"\bhırsız", r"\bçaldı", r"\ben\s+kötü",
            r"\biğrenç", r"\brezalet", r"\bayıp\b", r"\bkabul\s+edilemez", r"\bsaçma", r"\bçok\s+sinirli",
            r"\bsinir(?:lendim|imi|den)", r"\bbıktım", r"\bçöp\b", r"\bberbat", r"\bbok\b", r"\bbir\s+daha\s+asla",
            r"\basla\s+(?:almayın|almam)", r"\byalan", r"\bbeceriksiz", r"\bskandal", r"\bterbiyesiz",
        ],
        "ar": [
            r"نصاب", rf"{_AR_PRE}احتيال", r"محتال", rf"{_AR_PRE}نصب{_AR_END}", r"غش", r"حرامي", r"لصوص", r"سرقة",
            r"أسوأ", r"اسوأ", r"مقرف", r"مقزز", r"عار\s+عليكم", r"فضيحة", r"غير\s+مقبول", r"سخيف", r"مهزلة",
            r"غاضب", r"زهقت", r"طفح\s+الكيل", r"زبالة", r"قمامة", r"خردة",
            r"لن\s+أشتري\s+(?:منكم\s+)?(?:مرة\s+أخرى|أبدا)",
            r"كذب", r"كذابين", r"سيء\s+جدا", r"تعامل\s+سيء",
        ],
        "ja": [
            r"詐欺", r"騙", r"だまされ", r"ぼったくり", r"泥棒", r"盗ま", r"最悪", r"最低", r"気持ち悪", r"不愉快",
            r"ふざけ",
            r"許せな", r"ありえな", r"あり得な", r"信じられな", r"腹が立", r"腹立", r"頭にき", r"激怒", r"怒り",
            r"ゴミ",
            r"クソ", r"くそ", r"二度と(?:買わ|利用し|使わ|頼ま)", r"嘘つき", r"うそつき", r"いい加減",
        ],
        "ko": [
            r"사기", r"사기꾼", r"속았", r"도둑", r"최악", r"역겹", r"역겨", r"어이없", r"황당", r"말도\s?안",
            r"화가\s?나",
            r"화나", r"열받", r"짜증", r"분노", r"쓰레기", r"개판", r"미친", r"다시는\s?(?:안|구매|이용)", r"거짓말",
            r"장난하", r"양아치", r"ㅅㅂ", r"씨발", r"시발",
        ],
        "th": [
            r"โกง", r"หลอกลวง", r"หลอก", r"ต้มตุ๋น", r"มิจฉาชีพ", r"ขโมย", r"แย่ที่สุด", r"แย่มาก", r"ห่วยแตก", r"ห่วย",
            r"น่าขยะแขยง", r"ขยะ", r"รับไม่ได้", r"ไร้สาระ", r"โกรธ", r"โมโห", r"หงุดหงิด", r"เซ็ง", r"ไม่ซื้ออีกแล้ว",
            r"ไม่ซื้ออีก", r"โคตร", r"เหี้ย", r"โกหก", r"ไม่มีความรับผิดชอบ",
        ],
    },
    "request": {
        NEUTRAL: [],
        "en": [
            r"\brefund(?:s|ed|ing)?\b", r"\bmoney\s+back\b", r"\breimburse", r"\bcompensat",
            r"\breturn(?:ed|ing)?\s+(?:it|this|them|these|the|my|for|label)\b",
            r"\breturn\s+(?:label|request|policy)\b",
            r"\b(?:want|like|need)\s+to\s+return\b", r"\breplace(?:ment)?\b", r"\bexchange\b",
            r"\b(?:send|ship|deliver)\s+(?:me\s+|us\s+)?(?:the\s+|my\s+|a\s+|an\s+)?(?:missing|correct|right|another|new|"
            r"replacement|rest)\b", r"\bre-?send\b", r"\bre-?ship\b",
            r"\bplease\s+(?:\w+\s+)?(?:fix|help|send|refund|resolve|sort|look|check|advise|respond|reply|contact|call|"
            r"update|let\s+me\s+know|explain|cancel|deliver|confirm)",
            r"\bwhen\s+will\s+(?:it|my|the|i|this|you|they)\b",
            r"\bwhere\s+is\s+my\b", r"\bwhere'?s\s+my\b",
            r"\bi\s+(?:want|need|demand|expect)\s+(?:a|my|the|an|to|you)\b",
            r"\bcan\s+(?:you|someone|somebody)\s+(?:please\s+)?(?:help|send|refund|check|fix|look|tell|explain|call|"
            r"contact|update|confirm|cancel)\b", r"\bcancel\s+(?:my|the|this)\s+order\b",
        ],
        "zh": [
            r"退款", r"退钱", r"退货", r"退掉", r"退了吧", r"换货", r"换一个", r"换个", r"更换", r"补发", r"补寄",
            r"重发",
            r"重新发", r"赔偿", r"赔钱", r"补偿", r"什么时候(?:到|发货|能到|送到|发|给我|处理|退)",
            r"何时(?:到|发货|发)",
            r"请(?:尽快)?(?:处理|解决|回复|联系|发货|给我|帮我)", r"给个说法", r"给我(?:一个)?(?:说法|解释|答复)",
            r"要求(?:退|换|赔|补)",
            r"希望(?:尽快)?(?:处理|解决|回复|退|换|补)", r"麻烦(?:尽快)?(?:处理|发货|退|换|补)", r"取消订单",
            r"我的(?:订单|快递|包裹)(?:呢|在哪)",
        ],
        "es": [
            r"\breembols", r"\bdevoluci[oó]n", r"\bdevolver", r"\bdevuelv", r"\bdevu[eé]lvan", r"\bcambi(?:o|ar|en)\b",
            r"\breemplaz", r"\bsustitu", r"\b(?:env[ií]en|manden|m[aá]ndenme|env[ií]enme|enviar)\s+(?:me\s+)?"
            r"(?:el|la|los|las|un|una)?\s*(?:\w+\s+)?(?:que\s+falta|correct|faltante|nuev)", r"\breenv[ií]",
            r"\bcompensaci[oó]n", r"\bindemniz", r"\bpor\s+favor\s+(?:\w+\s+)?(?:solucion|arregl|env[ií]|respond|"
            r"ayud|contest|revis)", r"\bcu[aá]ndo\s+(?:llega|va\s+a\s+llegar|llegar[aá]|me\s+llega|recibir[eé])",
            r"\bd[oó]nde\s+est[aá]\s+mi\b", r"\bquiero\s+(?:mi|el|la|que|un|una)\b",
            r"\bcancel(?:ar|en)\s+(?:el\s+)?pedido",
        ],
        "pt": [
            r"\breembols", r"\bestorn", r"\bdevolu[cç][aã]o", r"\bdevolver", r"\bdevolvam", r"\bdinheiro\s+de\s+volta",
            r"\btroca\b", r"\btrocar\b", r"\bsubstitui", r"\breenvi", r"\b(?:enviem|mandem|enviar)\s+(?:o|a|os|as)?\s*"
            r"(?:\w+\s+)?(?:que\s+falta|correto|certo|faltante)", r"\bcompensa[cç][aã]o", r"\bindeniza",
            r"\bpor\s+favor\s+(?:\w+\s+)?(?:resolv|envi|respond|ajud|verifiq)", r"\bquando\s+(?:vai\s+)?cheg",
            r"\bcad[eê]\s+(?:o\s+)?meu\b", r"\bonde\s+est[aá]\s+(?:o\s+)?meu\b", r"\bquero\s+(?:meu|o|a|que|um|uma)\b",
            r"\bcancelar\s+(?:o\s+)?pedido",
        ],
        "fr": [
            r"\brembours", r"\bretour(?:ner)?\b", r"\brenvoy", r"\b[ée]chang", r"\bremplac", r"\bren?voyez",
            r"\b(?:envoyer|envoyez|exp[ée]dier)\s+(?:moi\s+)?(?:l'|le|la|les)?\s*(?:\w+\s+)?(?:manquant|bon|correct)",
            r"\bdédommag", r"\bd[ée]dommag", r"\bindemnis", r"\bcompensation\b",
            r"\bmerci\s+de\s+(?:\w+\s+)?(?:me\s+)?(?:rembourser|renvoyer|r[ée]pondre|traiter|r[ée]soudre|envoyer)",
            r"\bpourriez-vous\b", r"\bpouvez-vous\b", r"\bquand\s+(?:vais-je|est-ce\s+que|va|arrive|sera|recevrai)",
            r"\bo[ùu]\s+est\s+ma\b", r"\bo[ùu]\s+est\s+mon\b",
            r"\bje\s+(?:veux|voudrais|souhaite|exige)\s+(?:un|une|le|la|mon|ma|[êe]tre|que)\b",
            r"\bannuler\s+(?:la|ma)\s+commande",
        ],
        "de": [
            r"\br[üu]ckerstatt", r"\berstatt", r"\bgeld\s+zur[üu]ck", r"\br[üu]cksend", r"\bzur[üu]cksenden",
            r"\bzur[üu]ckschicken", r"\bzur[üu]ckgeben", r"\br[üu]ckgabe", r"\bretour", r"\bumtausch", r"\bumtauschen",
            r"\bersatz", r"\bersetzen\b", r"\bnachliefer", r"\bnachsend", r"\b(?:schicken|senden)\s+sie\s+(?:mir\s+)?"
            r"(?:\w+\s+){0,2}?(?:fehlend|richtig|korrekt|neu)", r"\bentsch[äa]digung", r"\bkompensation",
            r"\bbitte\s+(?:\w+\s+){0,2}?(?:erstatten|l[öo]sen|schicken|senden|antworten|melden|k[üu]mmern|pr[üu]fen|"
            r"helfen|beheben)", r"\bwann\s+(?:kommt|wird|kann|bekomme|erhalte)", r"\bwo\s+ist\s+mein",
            r"\bich\s+(?:will|m[öo]chte|verlange|erwarte)\s+(?:mein|eine|einen|das|die|den|sofort)\b",
            r"\bstornier",
        ],
        "it": [
            r"\brimbors", r"\bres[oa]\b", r"\brestitu", r"\bsostitu", r"\bcambi(?:o|are)\b", r"\brispedi",
            r"\b(?:inviate|mandate|spedite|inviare)\s+(?:mi\s+)?(?:il|la|lo|i|gli|le)?\s*(?:\w+\s+)?(?:mancant|giust|corrett)",
            r"\bindennizz", r"\brisarciment", r"\bcompensazione\b",
            r"\bper\s+favore\s+(?:\w+\s+)?(?:risolv|rispond|invia|spedi|aiut|controll)", r"\bquando\s+arriv",
            r"\bdov'?\s*[èe]\s+il\s+mio\b", r"\bvoglio\s+(?:il|la|i|un|una|che|essere)\b", r"\bannullare\s+l'ordine",
        ],
        "nl": [
            r"\bterugbetal", r"\bgeld\s+terug", r"\bretour", r"\bterugsturen", r"\bruil", r"\bomruil", r"\bvervang",
            r"\bnasturen\b", r"\bopnieuw\s+(?:ver)?sturen\b", r"\b(?:stuur|stuurt)\s+(?:me\s+|mij\s+)?(?:het|de)?\s*"
            r"(?:\w+\s+)?(?:ontbrekend|juist|goed|nieuw)", r"\bcompensatie\b", r"\bvergoeding\b", r"\bschadevergoeding",
            r"\bgraag\s+(?:\w+\s+){0,2}?(?:terug|opgelost|reactie|antwoord|vervanging)",
            r"\bwanneer\s+(?:komt|wordt|krijg|ontvang)", r"\bwaar\s+blijft\b", r"\bwaar\s+is\s+mijn\b",
            r"\bik\s+wil\s+(?:mijn|een|het|graag)\b", r"\bannuleer",
        ],
        "pl": [
            r"\bzwrot", r"\bzwróc", r"\bzwrócenie", r"\bzwracam", r"\bodda(?:ć|jcie)\s+pieniądze", r"\bwymian",
            r"\bwymieni", r"\bwymienić", r"\bdosła(?:ć|nie|nia|ć)", r"\bdoślij", r"\bdoślijcie", r"\bodeślij",
            r"\bponownie\s+wysła", r"\bwyślijcie\b", r"\brekompensat", r"\bodszkodowan", r"\breklamacj",
            r"\bproszę\s+o\b", r"\bkiedy\s+(?:dotrze|przyjdzie|będzie|dostanę|otrzymam|wyślecie)",
            r"\bgdzie\s+jest\s+moj", r"\bchcę\s+(?:zwrot|wymian|pieniąd|moj)", r"\banul(?:ować|ujcie)",
        ],
        "ru": [
            r"\bвозврат", r"\bвернуть\b", r"\bверните\b", r"\bвернёте\b", r"\bвернете\b", r"\bвозместит",
            r"\bвозмещени", r"\bкомпенсаци", r"\bобмен", r"\bзамен", r"\bпоменять", r"\bдослать", r"\bдошлите",
            r"\bотправьте\s+(?:\w+\s+){0,2}?(?:недостающ|правильн|нов|заново)", r"\bперешлите", r"\bповторно\s+отправ",
            r"\bпожалуйста,?\s+(?:\w+\s+)?(?:решите|помогите|ответьте|отправьте|разберитесь|проверьте|верните)",
            r"\bкогда\s+(?:\w+\s+)?(?:придёт|придет|будет|доставят|получу|отправите)", r"\bгде\s+мой\b",
            r"\bгде\s+моя\b", r"\bтребую\b", r"\bхочу\s+(?:вернуть|возврат|деньги|обмен)",
            r"\bотмен(?:ить|ите)\s+заказ",
        ],
        "tr": [
            r"\biade", r"\bparamı\s+(?:geri|iade)", r"\bgeri\s+ödeme", r"\bdeğişim", r"\bdeğiştir", r"\byenisini",
            r"\beksik\s+(?:ürünü|parçayı|olanı)\s+gönder", r"\btekrar\s+gönder", r"\byeniden\s+gönder",
            r"\bdoğrusunu\s+gönder", r"\btazminat", r"\btelafi", r"\blütfen\s+(?:\w+\s+)?(?:çözün|yardım|gönderin|"
            r"dönüş|cevap|ilgilenin|kontrol)", r"\bne\s+zaman\s+(?:gelecek|gelir|ulaşacak|kargolanacak|gönderilecek)",
            r"\bsiparişim\s+nerede", r"\bkargom\s+nerede", r"\bistiyorum\b", r"\biptal\s+(?:edin|etmek)",
        ],
        "ar": [
            rf"{_AR_PRE}استرداد", rf"{_AR_PRE}استرجاع", r"إرجاع", r"ارجاع", r"أريد\s+(?:أموالي|فلوسي|مالي|استرداد)",
            r"رد\s+(?:المبلغ|المال|الفلوس)", rf"{_AR_PRE}استبدال", r"تبديل",
            r"أرسلوا\s+(?:لي\s+)?(?:المنتج|القطعة|الناقص)",
            r"إعادة\s+(?:إرسال|الشحن)", r"ارسال\s+(?:المنتج|القطعة)\s+(?:الصحيح|الناقص)", rf"{_AR_PRE}تعويض",
            r"(?:من\s+فضلك|من\s+فضلكم|أرجو|ارجو|الرجاء|يرجى)", r"متى\s+(?:سيصل|يصل|تصل|ستصل)",
            r"أين\s+(?:طلبي|طلبيتي|شحنتي)",
            r"أريد\s+", r"إلغاء\s+الطلب",
        ],
        "ja": [
            r"返金", r"返品", r"返送", r"交換", r"取り替え", r"取替", r"再送", r"再発送", r"送り直",
            r"足りない(?:分|商品)を",
            r"補償", r"賠償", r"弁償", r"対応して(?:ください|下さい|ほしい|欲しい)",
            r"(?:ください|下さい)(?:。|！|!|$)",
            r"いつ(?:届|発送|着|になったら)", r"キャンセル(?:して|したい|お願い)", r"お願いします",
        ],
        "ko": [
            r"환불", r"반품", r"교환", r"재발송", r"다시\s?보내", r"누락(?:된)?\s?(?:상품|제품)?을?\s?보내", r"보상",
            r"배상",
            r"처리\s?(?:해|바랍)", r"해\s?주세요", r"해주시기\s?바랍", r"부탁(?:드립|합)",
            r"언제\s?(?:와|오|도착|배송|발송|받)",
            r"취소\s?(?:해|요청|하고)",
        ],
        "th": [
            r"คืนเงิน", r"ขอเงินคืน", r"คืนสินค้า", r"ส่งคืน", r"เปลี่ยนสินค้า", r"เปลี่ยนให้", r"ขอเปลี่ยน",
            r"ส่งใหม่",
            r"ส่งของที่ขาด", r"ส่งมาให้ครบ", r"ชดเชย", r"ชดใช้", r"รบกวน",
            r"ช่วย(?:ตรวจสอบ|แก้ไข|ดำเนินการ|ส่ง|ติดต่อ|ตอบ)",
            r"เมื่อไหร่จะ(?:ได้|มา|ส่ง|ถึง)", r"เมื่อไรจะ(?:ได้|มา|ส่ง|ถึง)", r"ยกเลิกคำสั่งซื้อ", r"ขอยกเลิก",
        ],
    },
}

# Recall additions (harm after use or eating; repeated contact), appended to
# the lists above so that earlier patterns keep their priority.
_EN_FOOD = (r"(?:food|meal|soup|salad|rice|noodles|sandwich|burger|pizza|fries|curry|pasta|bread|cereal|drink|coffee"
            r"|tea|juice|dish|bowl|order|takeaway|takeout|box|bag|bottle|can|jar|pack(?:et)?|chocolate|snack|yogh?urt)")
_EN_OBJECT = (r"\b(?:hairs?|insects?|bugs?|worms?|maggots?|cockroach(?:es)?|roach(?:es)?|flies|fly|beetles?|stones?|rocks?"
              r"|pebbles?|glass|shards?|metal|wire|plastic|screws?|nails?|band-?aids?|plasters?)")
# Verbs that, next to "third time", also mean another contact ("sharing the details for the 3rd time").
_EN_CONTACT_ORDINAL = (r"\b(?:shar(?:e|ed|ing)|explain(?:ed|ing)?|repeat(?:ed|ing)?|told|tell(?:ing)?"
                       r"|sen(?:t|d|ding)\s+(?:you|them|this|my|the\s+(?:details|photos|pictures|info))"
                       r"|giv(?:e|en|ing)\s+(?:you|them)\s+(?:my|the))\b")
_ZH_MANY = r"(?:[\d二两三四五六七八九十几好多很无数]{1,3})"
_ZH_FOOD_OBJECT = r"(?:头发|毛发|虫子|虫|苍蝇|蟑螂|石头|石子|沙子|沙粒|玻璃|碎片|铁丝|钢丝球?|塑料|指甲|胶带|创可贴|烟头|钉子|螺丝|异物)"

_RECALL_ADDITIONS: dict[str, dict[str, list[str]]] = {
    "safety": {
        "en": [
            r"\bitch(?:y|ing|es)?\s+(?:rash|all\s+over|bumps|welts)\b",
            r"\b(?:my|his|her|their|our)\s+(?:skin|face|lips?|eyes?|hands?|scalp)\s+(?:\w+\s+)?(?:started\s+to\s+|began\s+to\s+)?"
            r"(?:burn(?:ed|ing|t)?|swell(?:ed|ing)?|swollen|blister(?:ed)?|peel(?:ed|ing)|broke\s+out|bled|bleeding|"
            r"turned\s+red|went\s+red)\b",
            r"\bskin\s+(?:irritation|reaction|burns?|damage)\b", r"\b(?:burning|stinging)\s+sensation\b",
            r"\bchemical\s+burns?\b",
            r"\b(?:broke|broken|chipped|cracked|lost)\s+(?:a|my|his|her|two)\s+(?:\w+\s+)?(?:tooth|teeth|filling|crown)\b",
            r"\btooth\s+(?:hurt|hurts|ache|broke|cracked|chipped)\b", r"\btoothache\b",
            r"\b(?:found|there\s+(?:was|were)|was|were|had)\s+(?:a|an|some|two|several|\d+)\s+(?:\w+\s+){0,2}?"
            + _EN_OBJECT + r"\s+(?:\w+\s+)?(?:in|inside|baked\s+into|on)\s+(?:my|the|our|his|her)\s+(?:\w+\s+)?" + _EN_FOOD
            + r"\b",
            _EN_OBJECT + r"\s+(?:in|inside)\s+(?:my|our|his|her)\s+(?:\w+\s+)?" + _EN_FOOD + r"\b",
            r"\bforeign\s+(?:object|body|matter)\b", r"\bupset\s+stomach\b",
            r"\bstomach\s+(?:pain|pains|cramps?|upset|bug|issues|problems)\b", r"\bnause(?:a|ous|ated)\b",
            r"\b(?:was|were|been|felt|feel|feeling|fell)\s+(?:very\s+|so\s+|really\s+)?(?:sick|ill|unwell)\s+"
            r"(?:after|since|from|all\s+night)\b",
            r"\b(?:sliced|gashed)\s+(?:open\s+)?(?:my|his|her)\b",
            r"\bcut\s+(?:on|open)\s+(?:my|his|her)\s+(?:hand|finger|thumb|foot|leg|arm|lip|mouth|tongue)\b",
            r"\bscratched\s+(?:my|his|her)\s+(?:leg|arm|hand|finger|skin|face|eye|child)\b",
            r"\bburns?\s+on\s+(?:my|his|her)\b", r"\bgave\s+(?:me|him|her|us)\s+(?:a\s+)?(?:rash|burn|hives|diarrh)",
        ],
        "zh": [
            r"(?:弄|划|割|扎|刮)(?:破|伤)(?:了)?(?:手|手指|皮|嘴|脚|脸|腿)", r"(?:手|手指|嘴|脚)(?:被)?(?:划|割|扎|刮)(?:破|伤|了一?道)",
            r"(?:割|扎|划|刮)(?:到|了)(?:我的?)?(?:手|手指|脚|嘴)", r"(?<!大)出血", r"硌(?:到)?(?:了)?牙", r"崩(?:了)?(?:一颗)?牙",
            r"牙(?:齿)?(?:都)?(?:疼|痛|崩|碎|断|硌|磕)(?:了)?", r"(?:菜|汤|饭|粥|面|粉|饺子|包子|米线|外卖|里面|里头|碗|盒|饮料|奶茶)里?"
            r"(?:竟然|居然|还|都)?(?:有|发现|吃出|看到|夹出|喝出)(?:了)?(?:一|几|两)?[只根块个片条粒颗团]?" + _ZH_FOOD_OBJECT,
            r"(?:吃|喝)出(?:了)?(?:一|几|两)?[只根块个片条粒颗团]?" + _ZH_FOOD_OBJECT,
            r"恶心想吐", r"(?:吃|喝)[^。！？!?\n]{0,10}?想吐(?!槽)", r"又吐又泻", r"肠胃不适", r"胃(?:不舒服|难受)", r"肚子(?:不舒服|难受)", r"吃坏(?:了)?",
            r"烫(?:到|伤)(?:了)?(?:手|嘴|舌头|皮肤)?", r"烧伤", r"灼伤", r"起(?:了)?水泡",
            r"皮肤(?:发红|红肿|刺痛|灼|溃烂|起泡|烂了|过敏)", r"脸(?:都)?(?:红肿|肿了|烂了|刺痛)",
        ],
        "es": [
            r"\bsarpullido", r"\berupci[oó]n(?:es)?\s+(?:en\s+la\s+piel|cut[aá]nea)", r"\bronchas\b",
            r"\birritaci[oó]n\s+(?:en\s+la\s+piel|de\s+(?:la\s+)?piel|cut[aá]nea)", r"\bme\s+(?:arde|ard[ií]a|quema)\s+la\s+piel",
            r"\bme\s+(?:cort[eé]|raj[eé])\s+(?:la\s+|el\s+)?(?:mano|dedo|pie|labio)", r"\bsangr(?:e|[oó]|ando|ado)\b",
            r"\bme\s+romp[ií]\s+(?:un|el|una|la)\s+(?:diente|muela)", r"\bdolor\s+de\s+(?:muelas?|dientes?)",
            r"\b(?:pelos?|cabellos?|bichos?|insectos?|cucarachas?|moscas?|gusanos?|piedras?|vidrios?|cristal(?:es)?|"
            r"pl[aá]stico)\s+(?:\w+\s+)?en\s+(?:la|el|mi)\s+(?:comida|sopa|plato|ensalada|arroz|hamburguesa|pizza|bebida|"
            r"pedido|pan)", r"\bencontr[eé]\s+(?:un|una|unos|unas)\s+(?:pelo|cabello|bicho|insecto|cucaracha|mosca|"
            r"gusano|piedra|vidrio|cristal|trozo\s+de\s+(?:vidrio|pl[aá]stico|metal))", r"\bn[aá]useas\b",
            r"\bme\s+dio\s+(?:diarrea|dolor\s+de|v[oó]mitos?|alergia|sarpullido)", r"\bme\s+quem[eé]\b",
            r"\bcuerpo\s+extra[ñn]o\b",
        ],
        "pt": [
            r"\bbrotoeja", r"\berup[cç][aã]o\s+(?:na\s+)?pele", r"\birrita[cç][aã]o\s+na\s+pele",
            r"\bcortei\s+(?:a\s+|o\s+|meu\s+|minha\s+)?(?:m[aã]o|dedo|p[eé]|l[aá]bio)", r"\bsangr(?:ou|ando|ar|amento)\b",
            r"\bquebrei\s+(?:um|o|meu)\s+dente", r"\bdor\s+de\s+(?:dente|est[oô]mago)", r"\bn[aá]usea",
            r"\b(?:cabelos?|fio\s+de\s+cabelo|insetos?|baratas?|moscas?|bichos?|vermes?|larvas?|pedras?|vidros?|"
            r"pl[aá]stico)\s+(?:\w+\s+)?n[ao]\s+(?:comida|sopa|prato|lanche|arroz|pizza|hamb[uú]rguer|pedido|marmita|p[aã]o)",
            r"\bencontrei\s+(?:um|uma)\s+(?:cabelo|inseto|barata|mosca|bicho|verme|larva|pedra|peda[cç]o\s+de\s+"
            r"(?:vidro|pl[aá]stico|metal))", r"\bqueimou\s+(?:a\s+)?(?:minha|meu)\s+(?:m[aã]o|pele|dedo|boca)",
            r"\bcorpo\s+estranho\b",
        ],
        "fr": [
            r"\brougeurs?\b", r"\b[ée]ruption\s+cutan[ée]e", r"\birritations?\s+(?:de\s+la\s+"
            r"peau|cutan[ée]e)", r"\bcoup[ée]\s+(?:le|au)\s+(?:doigt|main|pouce)", r"\bsaign(?:é|ait|e|er|ement)\b",
            r"\bcass[ée]\s+une\s+dent", r"\bmal\s+aux\s+dents\b", r"\bmal\s+[àa]\s+l'estomac\b", r"\bnaus[ée]es?\b",
            r"\b(?:cheveux?|poils?|insectes?|cafards?|mouches?|vers|caillou|cailloux|pierres?|verre|morceau\s+de\s+"
            r"(?:verre|plastique|m[ée]tal))\s+(?:\w+\s+)?dans\s+(?:mon|ma|le|la|les|mes)\s+(?:plat|repas|soupe|salade|"
            r"assiette|nourriture|pizza|burger|sandwich|riz|commande|pain)",
            r"\btrouv[ée]\s+(?:un|une|des)\s+(?:cheveu|poil|insecte|cafard|mouche|ver|caillou|morceau\s+de\s+verre)",
            r"\bcorps\s+[ée]tranger",
        ],
        "de": [
            r"\bhautausschlag", r"\bausschlag\s+(?:am|an|im|auf)\b", r"\bhautreizung", r"\bhautrötung",
            r"\bgeblutet\b", r"\bblutet\b", r"\bblutung", r"\bin\s+den\s+finger\s+geschnitten",
            r"\bzahn\s+(?:\w+\s+)?(?:abgebrochen|ausgebrochen|kaputt)", r"\bzahnschmerzen", r"\b[üu]belkeit\b",
            r"\b[üu]bel\s+geworden\b", r"\bmagenschmerzen", r"\bmagen-darm", r"\berbrechen\b",
            r"\b(?:haare?|insekt\w*|k[äa]fer|wurm|w[üu]rmer|fliege|kakerlake|steine?|steinchen|glas\w*|plastik\w*)\s+"
            r"(?:\w+\s+)?(?:im|in\s+der|in\s+meinem|in\s+meiner|in\s+dem)\s+(?:essen|suppe|salat|pizza|burger|gericht|reis"
            r"|brot|m[üu]sli|getr[äa]nk)", r"\bglassplitter\b", r"\bfremdk[öo]rper\b",
        ],
        "it": [
            r"\beruzion[ei]\s+cutane[ae]\b", r"\beruzion[ei]\s+(?:sulla|sul|alla)\b", r"\birritazion[ei]\s+(?:cutane[ae]|alla\s+pelle)",
            r"\barrossament", r"\bsanguin(?:ato|ava|are|amento)\b", r"\btagliat[oa]\s+(?:un|il)\s+dito",
            r"\brott[oa]\s+(?:un|il)\s+dente", r"\bmal\s+di\s+denti\b", r"\bmal\s+di\s+stomaco\b", r"\bnausea",
            r"\b(?:capell[oi]|pel[oi]|insett[oi]|scarafagg[io]|mosch?[ae]|verm[ei]|sass[oi]|pietr[ae]|vetro|plastica)\s+"
            r"(?:\w+\s+)?nel(?:la|lo|l')?\s*(?:cibo|piatto|zuppa|insalata|pizza|panino|riso|pasta|ordine|pane)",
            r"\btrovato\s+(?:un|una|dei|delle)\s+(?:capello|pelo|insetto|scarafaggio|mosca|verme|sasso|pezzo\s+di\s+"
            r"(?:vetro|plastica|metallo))", r"\bcorpo\s+estraneo\b",
        ],
        "nl": [
            r"\bhuiduitslag", r"\buitslag\s+(?:op|over)\s+(?:mijn|m'n|zijn|haar|het|heel)\b", r"\bhuidirritatie", r"\brode\s+vlekken\b", r"\bbloed(?:de|t|en)\b",
            r"\bvinger\s+(?:open)?gesneden", r"\bin\s+(?:mijn|m'n)\s+vinger\s+gesneden", r"\btand\s+(?:\w+\s+)?(?:afgebroken"
            r"|gebroken|brak)", r"\b(?:kiespijn|tandpijn)\b", r"\bmisselijk", r"\bmaagpijn\b",
            r"\b(?:haar|haren|insect(?:en)?|beestje|kakkerlak|vlieg|worm|stenen|steen|steentje|glas|glasscherf|plastic)\s+"
            r"(?:\w+\s+)?in\s+(?:mijn|m'n|het|de)\s+(?:eten|soep|salade|pizza|burger|maaltijd|rijst|brood|bestelling)",
            r"\bglasscherf", r"\bvreemd\s+voorwerp\b",
        ],
        "pl": [
            r"\bwysypk", r"\bpodrażnieni[ae]\s+skóry", r"\bzaczerwienieni", r"\bkrwaw(?:i|ił|iło|ienie)",
            r"\bprzeci(?:ął|ęł)(?:em|am)?\s+(?:sobie\s+)?(?:palec|rękę|dłoń)", r"\bzłama(?:łem|łam|ł)\s+(?:sobie\s+)?ząb",
            r"\bukruszy(?:ł|łem|łam)\s+(?:sobie\s+)?ząb", r"\bból\s+(?:zęba|zębów|żołądka)", r"\bmdłości", r"\bnudności",
            r"\b(?:włos|robak|owad|karaluch|much|kamień|kamyk|kawałek\s+szkła|szkło|plastik)\w*\s+(?:\w+\s+)?w\s+"
            r"(?:jedzeniu|zupie|sałatce|pizzy|burgerze|daniu|ryżu|zamówieniu|chlebie)", r"\bciało\s+obce\b",
        ],
        "ru": [
            r"\bсып[ьи]\b", r"\bпокраснени", r"\bраздражени[ея]\s+(?:на\s+)?кож",
            r"\bкров(?:ь|и|ью|оточ)\b", r"\bкровоточ", r"\bсломал[аи]?\s+зуб", r"\bзубн(?:ая|ую)\s+бол", r"\bболит\s+зуб",
            r"\bтошн", r"\bболь\s+в\s+(?:животе|желудке)", r"\bболел\s+живот",
            r"\b(?:волос|жук|насеком|таракан|муха|мух|червь|червяк|камень|камешек|стекло|осколок|пластик)\w*\s+(?:\w+\s+)?в\s+"
            r"(?:еде|супе|салате|пицце|бургере|блюде|рисе|заказе|хлебе)", r"\bинородн",
        ],
        "tr": [
            r"\bkızarıklık", r"\bcilt(?:te|imde|imi)?\s+(?:\w+\s+)?(?:döküntü|tahriş)", r"\bkan(?:ıyor|ama|adı\s+elim)\b",
            r"\b(?:elimi|parmağımı|ayağımı)\s+kes", r"\bdişim(?:i)?\s+(?:kırıldı|kırdım|ağrı)", r"\bdiş\s+ağrısı",
            r"\bmide\s+(?:ağrısı|bulantısı|bulandı)", r"\bbulantı",
            r"\b(?:saç|saç\s+teli|kıl|böcek|hamam\s+böceği|sinek|kurt|taş|cam\s+parçası|plastik\s+parçası)\s+çıktı\b",
            r"\b(?:yemek|çorba|salata|pizza|pilav|ekmek)\w*\s+(?:\w+\s+)?(?:saç|kıl|böcek|sinek|kurt|taş|cam\s+parçası)"
            r"(?:\s+teli)?\s+(?:vardı|buldum)\b",
            r"\byabancı\s+(?:madde|cisim)",
        ],
        "ar": [
            r"طفح\s+جلدي", r"احمرار", r"تهيج\s+(?:في\s+)?(?:الجلد|البشرة)", r"نزيف", r"نزف",
            r"(?:جرحت|قطعت)\s+(?:يدي|إصبعي|اصبعي)", r"(?:كسر(?:ت)?|انكسر)\s+(?:سني|ضرسي)",
            r"ألم\s+(?:في\s+)?(?:الأسنان|الاسنان|أسناني|سني|ضرسي)", r"غثيان", r"مغص",
            r"(?:شعر|شعرة|حشرة|صرصور|ذبابة|دودة|حجر|حصى|زجاج|بلاستيك)\s+(?:\S+\s+)?(?:في|داخل)\s+(?:الأكل|الطعام|الوجبة|"
            r"الشوربة|السلطة|الأرز|الرز|البيتزا|الطلب|الخبز)", r"جسم\s+غريب",
        ],
        "ja": [
            r"湿疹", r"蕁麻疹", r"じんましん", r"肌(?:が|に)(?:赤く|荒れ|ただれ|ヒリヒリ|かゆ|痒)", r"出血(?!大サービス|価格|覚悟)", r"血が出",
            r"歯が(?:欠け|折れ|痛)", r"歯を(?:欠|折)", r"吐き気", r"(?:胃|お腹|腹)が痛",
            r"(?:髪の毛|毛|虫|ゴキブリ|ハエ|石|ガラス|プラスチック|金属片)(?:が|の)?(?:入って|混入|混じって)", r"異物",
        ],
        "ko": [
            r"두드러기", r"발진", r"피부\s?(?:트러블|염증|자극|빨갛|붉)", r"피가\s?(?:났|나)", r"출혈",
            r"손(?:가락)?(?:을|이)?\s?(?:베였|찢어|다쳤)", r"(?<![가-힣])(?:이가|이빨이|치아가)\s?(?:깨졌|깨지|부러|아파|나갔)",
            r"메스꺼", r"울렁거", r"구역질", r"배가\s?아프", r"배\s?아파", r"속이\s?(?:안\s?좋|울렁|메스)",
            r"(?:머리카락|털|벌레|바퀴벌레|파리|돌|유리|플라스틱|이물질)(?:이|가)?\s?(?:나왔|들어\s?있|있었|발견)", r"이물질",
        ],
        "th": [
            r"ผื่นคัน", r"ผิว(?:หนัง)?(?:แดง|ไหม้|พอง|อักเสบ|แพ้)",
            r"เลือดออก", r"เลือดไหล", r"มีดบาด", r"โดนบาด", r"บาดนิ้ว", r"ฟันบิ่น", r"ฟันหัก", r"ฟันแตก", r"ปวดฟัน",
            r"คลื่นไส้", r"พะอืดพะอม", r"ท้องร่วง",
            r"(?:เส้นผม|แมลง|แมลงสาบ|แมลงวัน|หนอน|หิน|กรวด|เศษแก้ว|พลาสติก)\S{0,6}?(?:ใน|อยู่ใน)(?:อาหาร|ข้าว|ก๋วยเตี๋ยว|แกง|"
            r"น้ำ|กล่อง)", r"เจอ(?:เส้นผม|แมลง|แมลงสาบ|หนอน|หิน|เศษแก้ว|สิ่งแปลกปลอม)", r"สิ่งแปลกปลอม",
        ],
    },
    "repeated_contact": {
        "en": [
            _near(r"\b(?:second|third|fourth|fifth|sixth|seventh|umpteenth|nth|\d+(?:st|nd|rd|th))\s+time\b",
                  _EN_CONTACT_ORDINAL, 30), r"\bfor\s+the\s+(?:umpteenth|nth|hundredth|millionth)\s+time\b",
            r"\b(?:second|third|fourth|fifth|sixth|\d+(?:nd|rd|th))\s+time\s+(?:this|that|it)\s+(?:has\s+|had\s+)?happen",
            r"\b(?:third|fourth|fifth|sixth|\d+(?:rd|th))\s+time\s+in\s+(?:\d+|two|three|four|a\s+few|the\s+(?:last|past))"
            r"\s+(?:\w+\s+)?(?:days?|weeks?|months?)\b",
            _near(r"\b(?:several|many|multiple|numerous|countless|a\s+few|\d+|three|four|five|six|ten|a\s+dozen)\s+times\b",
                  _EN_CONTACT, 30),
            r"(?:" + _EN_CONTACT + r"|\b(?:told|lied\s+to|promised|said))\s+(?:\w+\s+){0,3}?(?:over\s+and\s+over|"
            r"again\s+and\s+again|time\s+after\s+time|time\s+and\s+(?:time\s+)?again)\b",
            r"\b(?:they|support|customer\s+(?:service|care|support)|(?:the\s+)?(?:seller|agents?|reps?|company|store|"
            r"courier|driver))\s+(?:keeps?|kept)\s+(?:on\s+)?(?:telling\s+(?:me|us)|saying|promising|fobbing)\b",
            r"\b(?:every\s*time|each\s+time|whenever)\s+i(?:'ve)?\s+(?:\w+\s+)?(?:call|phone|contact|e-?mail|ask|write|"
            r"chat|message|complain|reach\s+out)",
            r"\b(?:called|phoned|e-?mailed|messaged|tweeted|wrote|chatted|contacted)\s*,\s*(?:and\s+)?(?:called|phoned|"
            r"e-?mailed|messaged|tweeted|wrote|chatted|contacted|left\s+(?:\w+\s+)?(?:voicemails?|messages))\b",
            r"\b(?:filed|opened|made|submitted|raised|logged|sent|placed)\s+(?:two|three|four|five|several|multiple|many|"
            r"\d+)\s+(?:\w+\s+){0,2}?(?:reports|complaints|claims|tickets|cases|requests|calls)\b",
            r"\bstill\s+waiting\s+(?:for|on)\s+(?:another|yet\s+another)\s+(?:reply|response|answer|call|e-?mail|update)",
            r"\byet\s+another\s+(?:call|e-?mail|message|chat|complaint|ticket|dm)\b",
        ],
        "zh": [
            r"问了(?:很多|好多|好几|无数|" + _ZH_NUM + r")(?:遍|次|回)",
            r"(?:联系|催|催促|打|问|沟通|投诉|反映|反馈|申请|找|致电|留言|咨询|询问|要求|说|讲|提醒|强调|解释)了?"
            r"(?:至少|不下|足足|前后|总共|一共|差不多|快|都|有)" + _ZH_MANY + r"(?:次|遍|回|个电话|通电话|趟)",
            r"(?:联系|催|问|说|讲|提醒|强调|解释|反映)了" + _ZH_MANY + r"(?:次|遍|回)",
            r"打了" + _ZH_MANY + r"(?:次|通|个)电话", r"电话[^。！？!?\n]{0,8}?打了" + _ZH_MANY + r"个",
            r"反复(?:地)?(?:联系|催|打电话|打|问|沟通|申请|跟|和|给|找|说|强调|反映|投诉|询问|要求|确认|提醒|交涉)",
            r"一直(?:在)?(?:找|联系|问|催|打给)(?:客服|商家|卖家|店家|他们|你们|售后|京东|小二)",
            r"(?:连续|天天|每天)(?:都)?(?:催|问|打电话|联系|找客服)", r"(?:说|催|问|提醒|联系|沟通)了(?:好几|" + _ZH_NUM + r")天",
            r"屡次(?:联系|催|投诉|反映|申请|要求|沟通|询问|致电|打电话|发错|出现|出错)",
            r"多番(?:联系|催|沟通|交涉|投诉|询问|要求)", r"几次三番", r"一而再[，,]?再而三", r"(?:催|问|打|找)来(?:催|问|打|找)去",
            r"每次(?:打电话|打|联系|问|找|咨询)(?:客服|你们|他们|商家)?(?:都|就|总|也)",
        ],
        "es": [
            _near(r"\b(?:varias|muchas|tantas|mil|tres|cuatro|cinco|\d+)\s+veces\b",
                  r"\b(?:escrib|escrit|contact|llam|pregunt|reclam|ped[ií]|pido|envi|mand)", 30),
            _near(r"\buna\s+y\s+otra\s+vez\b", r"\b(?:escrib|escrit|contact|llam|pregunt|reclam|ped[ií]|pido|dic|dij)", 30),
            r"\bme\s+(?:siguen|sigue|siguieron)\s+(?:diciendo|dando\s+largas|prometiendo)",
            r"\bcada\s+vez\s+que\s+(?:les?\s+)?(?:llamo|escribo|pregunto|contacto|reclamo)",
            r"\bpor\s+en[eé]sima\s+vez\b", r"\brepetidas\s+veces\b", r"\breiteradamente\b",
        ],
        "pt": [
            _near(r"\b(?:v[aá]rias|muitas|tantas|mil|tr[eê]s|quatro|cinco|\d+)\s+vezes\b",
                  r"\b(?:escrev|contat|lig|pergunt|reclam|pe[cç]o|pedi|mand|entr\w*\s+em\s+contato)", 30),
            r"\b(?:continuam|ficam)\s+(?:me\s+)?(?:dizendo|enrolando|prometendo)",
            r"\btoda\s+vez\s+que\s+(?:eu\s+)?(?:ligo|escrevo|entro\s+em\s+contato|pergunto|reclamo)",
            r"\bpela\s+en[eé]sima\s+vez\b", r"\brepetidas\s+vezes\b", r"\breiteradamente\b",
        ],
        "fr": [
            _near(r"\b(?:plusieurs|maintes|trois|quatre|cinq|\d+)\s+fois\b",
                  r"\b(?:[ée]cri|contact|appel|relan|r[ée]clam|demand|envo|t[ée]l[ée]phon)", 30),
            r"\b(?:[àa]\s+)?chaque\s+fois\s+que\s+(?:j'appelle|j'[ée]cris|je\s+(?:vous\s+)?(?:contacte|demande|rappelle|"
            r"relance|t[ée]l[ée]phone))", r"\bon\s+me\s+(?:dit|r[ée]pond|promet)\s+toujours\b",
            r"\b(?:n-?i[èe]me|ni[èe]me|[ée]ni[èe]me)\s+fois\b", r"\b[àa]\s+plusieurs\s+reprises\b",
            r"\b(?:relanc|appel|[ée]cri)\w*\s+(?:\w+\s+){0,2}?encore\s+et\s+encore\b",
        ],
        "de": [
            r"\bimmer\s+wieder\s+(?:\w+\s+)?(?:angerufen|geschrieben|nachgefragt|gemeldet|vertr[öo]stet|kontaktiert)",
            r"\bjedes\s+mal\s*,?\s+wenn\s+ich\s+(?:\w+\s+)?(?:anrufe|schreibe|nachfrage|frage)",
            r"\bst[äa]ndig\s+(?:\w+\s+)?(?:vertr[öo]stet|angerufen|nachgefragt|geschrieben)",
            r"\bzum\s+(?:x|n|zig|hundert)-?ten\s+mal\b", r"\b(?:\d+|drei|vier|f[üu]nf|zehn|x|zig)\s*(?:-\s*)?mal\s+"
            r"(?:\w+\s+)?(?:angerufen|geschrieben|nachgefragt|kontaktiert|gemeldet)",
        ],
        "it": [
            _near(r"\b(?:pi[uù]|diverse|molte|tante|mille|tre|quattro|cinque|\d+)\s+volte\b",
                  r"\b(?:scriv|scritt|contatt|chiam|chied|chiest|sollecit|reclam)", 30),
            r"\bogni\s+volta\s+che\s+(?:vi\s+|li\s+)?(?:chiamo|scrivo|contatto|chiedo|sollecito)",
            r"\bcontinuano\s+a\s+(?:dir(?:mi|e)|promettere|rimandare)", r"\b(?:l')?ennesima\s+volta\b",
            r"\bripetutamente\b",
        ],
        "nl": [
            r"\bkeer\s+op\s+keer\b", r"\bsteeds\s+(?:weer\s+)?(?:gebeld|gemaild|gevraagd|afgescheept|beloofd)",
            r"\belke\s+keer\s+(?:als|dat|wanneer)\s+ik\s+(?:\w+\s+)?(?:bel|mail|vraag)",
            r"\b(?:\d+|drie|vier|vijf|tien|meerdere|zo\s+vaak|vaak)\s+(?:keer|maal)\s+(?:\w+\s+)?(?:gebeld|gemaild|"
            r"geschreven|gevraagd|contact)", r"\bherhaaldelijk\b",
        ],
        "pl": [
            _near(r"\b(?:kilka|kilkanaście|wiele|trzy|cztery|pięć|\d+)\s+razy\b",
                  r"\b(?:pisa|pisz|dzwoni|pyta|kontakt|zgłasza|prosi)", 30),
            r"\bza\s+każdym\s+razem\s*,?\s*(?:gdy|jak|kiedy)\s+(?:\w+\s+)?(?:dzwonię|piszę|pytam|kontaktuję)",
            r"\bciągle\s+(?:mi\s+)?(?:obiecuj|mówi|odsyła|zbywa)", r"\bn-ty\s+raz\b", r"\bentyj?\s+raz\b",
        ],
        "ru": [
            r"\bв\s+который\s+раз\b", r"\bраз\s+за\s+разом\b",
            r"\bкаждый\s+раз\s*,?\s*(?:когда\s+)?(?:\w+\s+)?(?:звоню|пишу|обращаюсь|спрашиваю)",
            r"\bпостоянно\s+(?:обещают|отвечают|звоню|пишу|обращаюсь)",
            r"\b(?:\d+|несколько|много|три|четыре|пять|десяток)\s+(?:звонков|писем|сообщений|обращений|жалоб)",
            _near(r"\b(?:много|несколько|десять|\d+)\s+раз\b", r"\b(?:пис|звон|обращ|спрашив|напомина)", 30),
        ],
        "tr": [
            r"\bher\s+(?:aradığımda|yazdığımda|sorduğumda|ulaştığımda)", r"\bsürekli\s+(?:aradım|yazdım|oyalıyor|"
            r"erteliyor|oyalandım)", r"\btekrar\s+tekrar\b",
            _near(r"\b(?:defalarca|birçok\s+kez|birkaç\s+kez|\d+\s+kez|\d+\s+defa|onlarca\s+kez)\b",
                  r"(?:aradım|yazdım|sordum|ulaştım|şikayet|görüştüm|konuştum)", 30),
        ],
        "ar": [
            rf"مرار(?:ا|اً|ًا){_AR_END}(?:\s+وتكرار(?:ا|اً|ًا))?", r"كل\s+مرة\s+(?:أتصل|اتصل|أكتب|أسأل|أراسل)",
            r"(?:اتصلت|راسلت|كتبت|تواصلت)\s+(?:\S+\s+)?(?:\d+|ثلاث|أربع|خمس|عشر)\s+مرات",
        ],
        "ja": [
            r"何度(?:も|か)?(?:電話|連絡|問い合わせ|問合せ|メール|催促|お願い|伝え|言っ)", r"毎回(?:同じ|電話|問い合わせ|連絡)",
            r"繰り返し(?:連絡|問い合わせ|問合せ|お願い|伝え|電話)",
            r"[2-9２-９二三四五六七八九十数何]+(?:回|度)(?:も|目)?(?:の)?(?:電話|連絡|問い合わせ|問合せ|メール|催促)",
            r"電話を[2-9２-９二三四五数何]+(?:回|度)",
        ],
        "ko": [
            r"몇\s?번(?:이나|을)?\s?(?:문의|연락|전화|말씀|요청|얘기|메일)", r"(?:수십|수백)\s?(?:번|통)",
            r"[2-9]\s?(?:번|통)(?:이나|을|의)?\s?(?:전화|문의|연락)",
            r"(?:전화|연락|문의)(?:를|을)?\s?(?:여러|몇|수차례|계속)\s?(?:번|차례)?\s?(?:했|드렸|해도|했는데|드려도)",
            r"(?:전화|연락|문의)할\s?때마다", r"계속\s?(?:전화|연락|문의)\s?(?:했|드렸|하는데|해도)",
        ],
        "th": [
            r"(?:โทร|ทัก|ถาม|ติดต่อ|แจ้ง)\S{0,6}?(?:\d+|สอง|สาม|สี่|ห้า|หลาย)\s?(?:ครั้ง|รอบ|หน)",
            r"ทุกครั้งที่(?:โทร|ทัก|ถาม|ติดต่อ)", r"ซ้ำแล้วซ้ำเล่า", r"ถามซ้ำ",
        ],
    },
}
for _signal, _by_language in _RECALL_ADDITIONS.items():
    for _language, _patterns in _by_language.items():
        SIGNALS[_signal][_language].extend(_patterns)


# ---------------------------------------------------------------------------
# Matching, with a literal prefilter.
#
# Every pattern is compiled on its own, together with the set of literal
# strings one of which any match of it must contain (worked out from the
# parsed pattern, case-folded). A pattern is only searched when one of its
# literals occurs in the case-folded text; patterns without such a literal
# (e.g. the ALL-CAPS one) are always searched. The result is exactly what one
# alternation "(?:p1)|(?:p2)|..." per signal and language gives: the earliest
# match, and at the same start the pattern listed first.

_MAX_LITERALS = 64  # largest literal set a pattern part may expand to
_FOLD_TABLE = str.maketrans({"ı": "i", "ſ": "s", "ς": "σ", "ϐ": "β", "ϑ": "θ", "ϕ": "φ", "ϖ": "π", "ϰ": "κ",
                             "ϱ": "ρ", "ϵ": "ε", "ẛ": "ṡ", "µ": "μ"})
# Same length, so hit spans found on the normalised text are spans of the text.
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "＇": "'"})


def _fold(text: str) -> str:
    """Case-fold for the prefilter: every character re.IGNORECASE treats as equal maps to one form
    (a superset is fine, the regular expression decides)."""
    return text.lower().replace("i\u0307", "i").translate(_FOLD_TABLE)


def _product(left: set[str], right: set[str]) -> set[str] | None:
    out = {a + b for a in left for b in right}
    return out if len(out) <= _MAX_LITERALS else None


def _exact(op, av) -> set[str] | None:  # noqa: ANN001
    """All strings one parsed item can match, if few and literal; None otherwise."""
    if op is _c.LITERAL:
        return {chr(av)}
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero-width
        return {""}
    if op is _c.IN:
        chars = set()
        for item_op, item_av in av:
            if item_op is not _c.LITERAL:
                return None
            chars.add(chr(item_av))
        return chars if len(chars) <= 8 else None
    if op is _c.SUBPATTERN:
        return _exact_sequence(av[-1])
    if op is _c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            strings = _exact_sequence(branch)
            if strings is None:
                return None
            out |= strings
        return out if len(out) <= _MAX_LITERALS else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[1] <= 2:
        strings = _exact_sequence(av[2])
        if strings is None:
            return None
        out, power = ({""} if av[0] == 0 else set()), {""}
        for count in range(1, av[1] + 1):
            power = _product(power, strings)
            if power is None:
                return None
            if count >= av[0]:
                out |= power
        return out if len(out) <= _MAX_LITERALS else None
    return None


def _exact_sequence(sequence) -> set[str] | None:  # noqa: ANN001
    out: set[str] | None = {""}
    for op, av in sequence:
        strings = _exact(op, av)
        if strings is None or out is None:
            return None
        out = _product(out, strings)
    return out


def _score(strings: set[str]) -> tuple[int, int]:
    return (min(map(len, strings)), -len(strings)) if strings else (0, 0)


def _required(sequence) -> set[str] | None:  # noqa: ANN001
    """A set of strings one of which every match of `sequence` contains; None if none is known."""
    candidates: list[set[str]] = []
    run: set[str] = {""}
    for op, av in sequence:
        strings = _exact(op, av)
        if strings is not None:
            joined = _product(run, strings)
            if joined is None:
                candidates.append(run)
                run = strings
            else:
                run = joined
            continue
        candidates.append(run)
        run = {""}
        inner: set[str] | None = None
        if op is _c.SUBPATTERN:
            inner = _required(av[-1])
        elif op is _c.BRANCH:
            inner = set()
            for branch in av[1]:
                branch_required = _required(branch)
                if branch_required is None:
                    inner = None
                    break
                inner |= branch_required
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _required(av[2])
        if inner:
            candidates.append(inner)
    candidates.append(run)
    best = max(candidates, key=_score)
    return best if _score(best)[0] >= 1 else None


def _literals(pattern: str) -> frozenset[str] | None:
    """Case-folded literals one of which every match of `pattern` contains (None: no prefilter)."""
    required = _required(_parser.parse(pattern, re.IGNORECASE))
    return frozenset(_fold(s) for s in required) if required else None


@dataclass(frozen=True)
class _Group:
    """The patterns of one signal and one language (or NEUTRAL), in list order."""

    patterns: tuple[re.Pattern[str], ...]
    literals: tuple[frozenset[str] | None, ...]  # per pattern; None: no prefilter, always searched
    always: int  # bit mask of the patterns without literals

    def search(self, text: str, mask: int) -> re.Match[str] | None:
        """The match an alternation of the patterns whose bit is set in `mask` would give."""
        best: re.Match[str] | None = None
        index = 0
        while mask:
            if mask & 1:
                match = self.patterns[index].search(text)
                # Earliest start; at the same start the pattern listed first (as in an alternation).
                if match and (best is None or match.start() < best.start()):
                    best = match
            mask >>= 1
            index += 1
        return best


def _group(patterns: list[str]) -> _Group | None:
    if not patterns:
        return None
    literals = tuple(_literals(p) for p in patterns)
    always = sum(1 << index for index, found in enumerate(literals) if found is None)
    return _Group(tuple(re.compile(p, re.IGNORECASE) for p in patterns), literals, always)


# signal -> language code (or NEUTRAL) -> its patterns with their literals.
_GROUPS: dict[str, dict[str, _Group | None]] = {
    signal: {language: _group(patterns) for language, patterns in by_language.items()}
    for signal, by_language in SIGNALS.items()
}

_HEAD = 3  # literals are indexed by their first (up to) _HEAD characters


# language code (or NEUTRAL) -> the first (up to) three characters of a literal ->
# ((literal, index of its signal in SIGNAL_NAMES, bit mask of the patterns that need it), ...).
_Index = dict[str, tuple[tuple[str, int, int], ...]]


def _index(language: str) -> _Index:
    collected: dict[str, dict[tuple[str, int], int]] = {}
    for signal_index, signal in enumerate(SIGNAL_NAMES):
        group = _GROUPS[signal].get(language)
        if group is None:
            continue
        for pattern_index, literals in enumerate(group.literals):
            for literal in literals or ():
                slot = collected.setdefault(literal[:_HEAD], {})
                slot[(literal, signal_index)] = slot.get((literal, signal_index), 0) | 1 << pattern_index
    return {head: tuple((lit, sig, bits) for (lit, sig), bits in slot.items()) for head, slot in collected.items()}


_INDEX: dict[str, _Index] = {language: _index(language) for language in (*LANGUAGES, NEUTRAL)}


def find_signals(text: str, language: str) -> list[SignalHit]:
    """Hits of every signal in `text`: patterns of `language`, plus English (buyers mix it in) and
    language-neutral patterns ("*" key, e.g. '!!!', long ALL-CAPS words); at most one hit per signal
    (the first), in SIGNAL_NAMES order. Typographic apostrophes count as "'"."""
    keys = [language, "en", NEUTRAL] if language not in ("en", NEUTRAL) else ["en", NEUTRAL]
    normalised = text.translate(_APOSTROPHES)
    folded = _fold(normalised)
    # Prefilter: which patterns have one of their literals in the text.
    heads = set(folded)
    pairs = list(map(_add, folded, folded[1:]))
    heads.update(pairs)
    heads.update(map(_add, pairs, folded[2:]))
    masks: dict[str, list[int]] = {}
    for key in keys:
        key_masks = [0] * len(SIGNAL_NAMES)
        index = _INDEX.get(key)
        if index:
            for head in heads & index.keys():
                for literal, signal_index, bits in index[head]:
                    if len(literal) <= _HEAD or literal in folded:
                        key_masks[signal_index] |= bits
        masks[key] = key_masks
    hits: list[SignalHit] = []
    for signal_index, signal in enumerate(SIGNAL_NAMES):
        groups = _GROUPS[signal]
        best: re.Match[str] | None = None
        for key in keys:
            group = groups.get(key)
            if group is None:
                continue
            mask = masks[key][signal_index] | group.always
            if not mask:
                continue
            match = group.search(normalised, mask)
            # Earliest start wins; at the same start, the longer match.
            if match and (best is None or match.start() < best.start()
                          or (match.start() == best.start() and match.end() > best.end())):
                best = match
        if best is not None:
            hits.append(SignalHit(signal, text[best.start():best.end()], best.start(), best.end()))
    return hits
