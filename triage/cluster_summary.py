"""What an analyst reads about each cluster: a plain name, top keywords per
language (c-TF-IDF over real words: jieba for Chinese, Janome for Japanese,
BudouX phrases for Thai; triage/keywords.py), representative examples, size
and share of its label, weekly counts, finer subgroups, and the lift of the
cluster in each sku / carrier / country / marketplace / warehouse."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, datetime
from typing import Any, Sequence

import numpy as np

from .clustering import Assignment, Cluster, ClusterState, Complaint
from .keywords import content_words, merge_korean_particles
from .segment import segment

KEYWORD_SAMPLE = 2000
WORDS_CHARS = 1000  # keywords come from a complaint's first 1,000 characters
LIFT_COLUMNS = ("sku", "carrier", "country", "marketplace", "warehouse")
DATE_COLUMNS = ("created_at", "date")
MAX_EXAMPLES = 6  # most examples a cluster shows (more than requested only to cover more languages)
SURE_CAUSE = 0.5  # members with a less likely cause are shown only when the sure ones run out

# Plain names of the root causes; `name_language` picks one (English when missing).
CAUSE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "slow_dispatch": "Seller slow to ship", "slow_transit": "Slow courier or stuck in transit",
        "lost_or_not_received": "Lost or never received", "delivery_failed": "Delivery attempt failed",
        "late_unspecified": "Late, no reason given", "transit_damage": "Broken or crushed in transit",
        "leak_or_spill": "Leaked or spilled", "spoiled_or_rotten": "Spoiled or rotten on arrival",
        "dead_on_arrival": "Dead on arrival", "cosmetic": "Scratched, dirty or torn",
        "damage_unspecified": "Damaged, unspecified",
        "wrong_variant": "Wrong size, colour or model",
        "different_product": "A different product sent", "missing_items": "Missing items or parts",
        "wrong_quantity": "Wrong quantity", "wrong_unspecified": "Wrong item, unspecified",
    },
    "zh": {
        "slow_dispatch": "卖家发货慢", "slow_transit": "物流或配送慢", "lost_or_not_received": "丢件或未收到",
        "delivery_failed": "派送失败", "late_unspecified": "送达晚（原因未说明）",
        "transit_damage": "运输中压坏或破损",
        "leak_or_spill": "漏液或洒漏", "spoiled_or_rotten": "到货变质或腐烂", "dead_on_arrival": "到手即坏",
        "cosmetic": "划痕、脏污或破损外观", "damage_unspecified": "损坏（未说明）",
        "wrong_variant": "尺码、颜色或型号发错",
        "different_product": "发成别的商品", "missing_items": "少件或缺配件", "wrong_quantity": "数量不对",
        "wrong_unspecified": "发错货（未说明）",
    },
    "es": {
        "slow_dispatch": "El vendedor tardó en enviar", "slow_transit": "Transporte lento o retenido",
        "lost_or_not_received": "Perdido o no recibido", "delivery_failed": "Entrega fallida",
        "late_unspecified": "Retraso sin motivo indicado", "transit_damage": "Roto o aplastado en el transporte",
        "leak_or_spill": "Derramado o con fugas", "spoiled_or_rotten": "Llegó estropeado o podrido",
        "dead_on_arrival": "No funciona al llegar", "cosmetic": "Rayado, sucio o roto por fuera",
        "damage_unspecified": "Dañado, sin detalle", "wrong_variant": "Talla, color o modelo equivocado",
        "different_product": "Otro producto", "missing_items": "Faltan artículos o piezas",
        "wrong_quantity": "Cantidad equivocada", "wrong_unspecified": "Artículo equivocado, sin detalle",
    },
}

def cluster_name(cluster: Cluster, keywords: dict[str, list[str]], language: str = "en",
                 distinguish: bool = False) -> str:
    """The analyst's name, else the plain name of the cluster's cause(s), with
    the top keyword in brackets when several clusters share a cause."""
    if cluster.name:
        return cluster.name
    names = CAUSE_NAMES.get(language, CAUSE_NAMES["en"])
    base = " / ".join(names.get(c, CAUSE_NAMES["en"].get(c, c)) for c in cluster.causes)
    if distinguish or cluster.origin in ("split", "pool"):
        words = keywords.get(language) or next((w for w in keywords.values() if w), [])
        if words:
            base += f" ({', '.join(words[:2])})"
    return base


def words_of(item: Complaint) -> set[str]:
    """The distinct content words of a complaint (segmented, lower-cased); the
    ones it carries when they were found while encoding."""
    if item.words is not None:
        return item.words
    text = item.text[:WORDS_CHARS]
    return content_words(text, segment(text, item.language), item.language)


def keywords_by_language(items: Sequence[Complaint], cluster_of: Sequence[str | None], top: int = 8,
                         words: Sequence[set[str]] | None = None) -> dict[str, dict[str, list[str]]]:
    """cluster id -> language -> top words by c-TF-IDF: words in many of the
    cluster's complaints in that language and in few of the other clusters'
    ones, of every label (so that words common to all complaints, like
    "delivery" or "好吃", drop). A keyword is in at least two of the cluster's
    complaints, so a language with one complaint in a cluster gets none.
    `words` (from `words_of`, per item) saves segmenting again."""
    found_words = [set() if cid is None else words[k] if words is not None else words_of(it)
                   for k, (it, cid) in enumerate(zip(items, cluster_of))]
    korean = [k for k, it in enumerate(items) if it.language == "ko"]
    for k, merged in zip(korean, merge_korean_particles([found_words[k] for k in korean])):
        found_words[k] = merged
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (cluster, lang) -> complaints per word
    for k, (it, cid) in enumerate(zip(items, cluster_of)):
        if cid is not None:
            counts[(cid, it.language)].update(found_words[k])
    totals: dict[str, Counter[str]] = defaultdict(Counter)  # lang -> words
    clusters_per: Counter[str] = Counter()
    for (_, lang), found in counts.items():
        totals[lang].update(found)
        clusters_per[lang] += 1
    out: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for (cid, lang), found in counts.items():
        size = sum(found.values()) or 1
        average = sum(totals[lang].values()) / clusters_per[lang]
        scored = sorted(((n / size) * math.log(1 + average / totals[lang][w]), w) for w, n in found.items() if n >= 2)
        if scored:
            out[cid][lang] = [w for _, w in reversed(scored[-top:])]
    return dict(out)


def week_of(value: Any) -> str | None:
    """ISO week ("2024-W07") of a date, datetime or ISO string; None if unreadable."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str) and value.strip():
        try:
            day = datetime.fromisoformat(value.strip().replace("Z", "+00:00")[:32]).date()
        except ValueError:
            return None
    else:
        return None
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def lift_table(items: Sequence[Complaint], cluster_of: Sequence[str | None], label: str, cluster_id: str,
               min_support: int = 5, top: int = 5) -> dict[str, list[dict[str, Any]]]:
    """Per column: values where this cluster is over-represented. lift = (share of
    the cluster among the label's complaints with that value) / (its share
    overall); only values with >= min_support complaints of the cluster."""
    group = [(it, cid) for it, cid in zip(items, cluster_of) if it.label == label]
    members = [it for it, cid in group if cid == cluster_id]
    return _lift(len(group), _value_counts([it for it, _ in group]), members, min_support, top)


def _value_counts(items: Sequence[Complaint]) -> dict[str, Counter[str]]:
    """Per lift column that some item has: how many items have each value."""
    counts: dict[str, Counter[str]] = {}
    for it in items:
        for column in LIFT_COLUMNS:
            value = it.fields.get(column)
            if value is not None and value != "":
                counts.setdefault(column, Counter())[str(value)] += 1
    return {c: counts[c] for c in LIFT_COLUMNS if c in counts}


def _lift(total: int, value_counts: dict[str, Counter[str]], members: Sequence[Complaint], min_support: int,
          top: int) -> dict[str, list[dict[str, Any]]]:
    """`lift_table` of a cluster from its label's size and value counts and the cluster's members."""
    out: dict[str, list[dict[str, Any]]] = {}
    if not total or not members:
        return out
    base = len(members) / total
    in_cluster = _value_counts(members)
    for column, n_value in value_counts.items():
        n_both = in_cluster.get(column, Counter())
        rows = [{"value": v, "lift": round((n_both[v] / n_value[v]) / base, 2), "count": n_both[v],
                 "of": n_value[v]} for v in n_value if n_both[v] >= min_support]
        rows = [r for r in rows if r["lift"] > 1.0]
        if rows:
            out[column] = sorted(rows, key=lambda r: (-r["lift"], -r["count"]))[:top]
    return out


def subgroups(E: np.ndarray, seed: int = 0, max_groups: int = 4, min_members: int = 30) -> np.ndarray:
    """Finer groups inside a cluster (k-means on unit vectors), for sellers who
    want more detail than the cause; labels 0..k-1, all 0 when too small."""
    k = min(max_groups, len(E) // min_members)
    if k < 2:
        return np.zeros(len(E), dtype=int)
    import warnings

    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

    rng = np.random.default_rng(seed)
    sample = E if len(E) <= 3000 else E[rng.choice(len(E), 3000, replace=False)]  # fit on a sample: fast
    # one thread: on a busy 2-core machine, threaded k-means on these small
    # problems was 15x slower (3.8 s against 0.26 s per cluster)
    with warnings.catch_warnings(), threadpool_limits(1):  # identical texts can give fewer groups than asked
        warnings.simplefilter("ignore")
        return KMeans(k, n_init=3, random_state=seed).fit(sample).predict(E)


def representative(E: np.ndarray, centroid: Sequence[float], items: Sequence[Complaint],
                   confidence: Sequence[float], at_least: int = 3, at_most: int = MAX_EXAMPLES) -> list[int]:
    """Which members show a cluster best (indices into `items`, best first).
    Members whose cause the model is sure of (`confidence` >= SURE_CAUSE) rank
    before the others, then by closeness to the centre; the best member of every
    language is taken (up to `at_most`), then the next best up to `at_least`,
    never the same text twice. `E`: the members' unit vectors."""
    if not items:
        return []
    similarity = E @ np.asarray(centroid, np.float32)
    order = np.lexsort((-similarity, np.asarray(confidence) < SURE_CAUSE))  # last key sorts first
    present = {it.language for it in items}
    taken: list[int] = []  # positions in `order`
    languages: set[str] = set()
    for pos, k in enumerate(order):  # one text of a language cannot repeat another language's text
        if len(taken) >= at_most or len(languages) == len(present):
            break
        if items[k].language not in languages:
            taken.append(pos)
            languages.add(items[k].language)
    shown = {_text_key(items[order[pos]].text) for pos in taken}
    for pos, k in enumerate(order):
        if len(taken) >= min(at_least, at_most):
            break
        key = _text_key(items[k].text)
        if key not in shown:  # also skips the members already taken
            taken.append(pos)
            shown.add(key)
    return [int(order[pos]) for pos in sorted(taken)]


def _text_key(text: str) -> str:
    return " ".join(text.lower().split())


def summary(state: ClusterState, items: Sequence[Complaint], assignments: Sequence[Assignment],
            name_language: str = "en", examples: int = 3, min_support: int = 5) -> dict[str, Any]:
    """The clusters' report: JSON-serialisable, one entry per cluster."""
    cluster_of = [a.cluster_id for a in assignments]
    members: dict[str, list[int]] = defaultdict(list)
    for i, cid in enumerate(cluster_of):
        if cid is not None:
            members[cid].append(i)
    # keywords from at most KEYWORD_SAMPLE members per cluster: segmenting is the slow part
    rng = np.random.default_rng(int(state.settings.get("seed", 0)))
    sampled = set()
    for index in members.values():
        sampled.update(index if len(index) <= KEYWORD_SAMPLE else rng.choice(index, KEYWORD_SAMPLE, replace=False))
    words = [words_of(it) if i in sampled else set() for i, it in enumerate(items)]
    keywords = keywords_by_language(items, [c if i in sampled else None for i, c in enumerate(cluster_of)],
                                    words=words)
    per_label = Counter(it.label for it in items)
    value_counts = {label: _value_counts([it for it in items if it.label == label]) for label in per_label}
    cause_count = Counter(c for cl in state.clusters.values() for c in cl.causes)
    clusters = []
    for cid, cl in sorted(state.clusters.items()):
        index = members.get(cid, [])
        kw = keywords.get(cid, {})
        entry: dict[str, Any] = {
            "id": cid, "label": cl.label, "causes": cl.causes, "origin": cl.origin,
            "name": cluster_name(cl, kw, name_language, any(cause_count[c] > 1 for c in cl.causes)),
            "size": len(index),
            "share_of_label": round(len(index) / per_label[cl.label], 4) if per_label[cl.label] else 0.0,
            "keywords": kw, "examples": [], "weekly": {}, "lift": {}, "subgroups": [],
        }
        if index:
            # np.stack makes a new array: normalised in place
            E = np.stack([items[i].embedding for i in index]).astype(np.float32, copy=False)
            E /= np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)
            picked = representative(E, cl.centroid, [items[i] for i in index],
                                    [assignments[i].confidence for i in index], at_least=examples,
                                    at_most=max(examples, MAX_EXAMPLES)) if examples else []
            entry["examples"] = [{"id": items[index[j]].id, "language": items[index[j]].language,
                                  "text": items[index[j]].text[:300]} for j in picked]
            weeks = Counter(w for i in index for w in [_week(items[i])] if w)
            entry["weekly"] = dict(sorted(weeks.items()))
            entry["lift"] = _lift(per_label[cl.label], value_counts[cl.label], [items[i] for i in index],
                                  min_support, 5)
            parts = subgroups(E, seed=int(state.settings.get("seed", 0)))
            if parts.max() > 0:
                sub_kw = keywords_by_language([items[i] for i in index],
                                              [f"{cid}.{p}" if i in sampled else None for i, p in zip(index, parts)],
                                              top=4,
                                              words=[words[i] for i in index])
                entry["subgroups"] = [{"size": int((parts == p).sum()), "keywords": sub_kw.get(f"{cid}.{p}", {})}
                                      for p in range(parts.max() + 1)]
        clusters.append(entry)
    unassigned = Counter(it.label for it, a in zip(items, assignments) if a.cluster_id is None)
    return {
        "complaints": len(items),
        "unassigned": sum(unassigned.values()),
        "unassigned_share": round(sum(unassigned.values()) / len(items), 4) if items else 0.0,
        "unassigned_by_label": dict(unassigned),
        "clusters": clusters,
    }


def _week(item: Complaint) -> str | None:
    for column in DATE_COLUMNS:
        if item.fields.get(column) not in (None, ""):
            return week_of(item.fields[column])
    return None
