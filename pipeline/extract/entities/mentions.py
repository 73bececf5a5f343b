"""Entity mentions from the shared spaCy parse, resolved to one identity per real-world entity.

Two passes:
- `extract_entities(doc, layout)`, per article: the model's entities, cleaned and relabelled by
  the passes of `cleanup` and `labels`, plus the mentions the model misses (bracketed acronyms, datelines,
  known places, outlets and organisations, "Nana ..." and given-name pairs, names ending in a head
  word, later bare uses of a name); then the article's mentions are clustered ("Varga" and "Ms.
  Varga" join "Elena Varga" introduced earlier; "NGB" joins "National Grain Board (NGB)") and each
  cluster gets one label, by a vote in which rule-set labels outweigh the model's.
  Rows carry the cluster as a provisional `entity_id`, its fullest name as `canonical_name` and
  its surface forms (with a bracketed acronym) as `aliases`.
- `resolve_corpus(entities)`, over the whole corpus (the link stage): see `pipeline.link.entities`.

Where an entity's aliases can be read: `aliases` on every row lists every distinct surface form
of that row's entity across the corpus.
"""
from __future__ import annotations

from spacy.util import filter_spans

from pipeline.extract.entities import gazetteer as gaz

from pipeline.extract.entities import cleanup, common, joins, labels, recall
from pipeline.text.names import name_key
from pipeline.text.spans import in_body, sentence_bounds
from pipeline.text.unionfind import UnionFind

LABELS = set(common.LABELS)


def extract_entities(doc, layout) -> list[dict]:
    ctx = common.build_context(doc, layout)
    mentions: list[common.Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        pieces = cleanup.cut_points(doc, ent.start, ent.end)
        for s, e in pieces:
            label = ent.label_
            if s > ent.start and doc[s - 1].tag_ == "POS" and common.person_name_shape(doc, s, e):
                label = "PERSON"  # "Kenya's Daniel Wambua": what follows the possessor is a person
            m = cleanup.clean_span(doc, s, e, label, ctx, cut=len(pieces) > 1)
            if m is None:
                continue
            labels.relabel(doc, m)
            if m.label == "ORG" and labels.is_job_span(doc, m):
                continue
            span = (m.tok_start, m.tok_end)
            joins.extend(doc, m)
            if (m.tok_start, m.tok_end) != span and not m.canonical:
                labels.relabel(doc, m)  # the whole name may say more than the part the model saw
            mentions.append(m)
    mentions = _drop_overlaps(doc, mentions)
    mentions += recall.acronym_mentions(doc, mentions)
    covered = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    mentions += recall.dateline_mentions(doc, layout, covered)
    covered = {i for m in mentions for i in range(m.tok_start, m.tok_end)}
    mentions += recall.gazetteer_mentions(doc, covered, ctx)
    mentions += recall.outlet_mentions(doc, covered, ctx)
    mentions += recall.marker_mentions(doc, covered, ctx)
    mentions += recall.titled_mentions(doc, covered, ctx)
    mentions += recall.given_name_mentions(doc, covered, ctx)
    mentions += recall.pattern_mentions(doc, covered, ctx)
    mentions += recall.repeat_mentions(doc, mentions, covered, ctx)
    mentions = _drop_overlaps(doc, mentions)
    mentions.sort(key=lambda m: (m.tok_start, m.tok_end))
    mentions = joins.join_adjacent_names(doc, mentions, ctx)
    not_names = recall.common_noun_acronyms(doc)
    mentions = [m for m in mentions if common.mention_text(doc, m) not in not_names]
    mentions = labels.context_labels(doc, mentions)
    labels.syntax_labels(doc, mentions)
    mentions = joins.join_qualified_places(doc, mentions)
    mentions = [m for m in mentions if common.mention_offsets(doc, m) is not None]
    clusters = cluster_mentions(doc, mentions)
    return _rows(doc, layout, mentions, clusters)


def _drop_overlaps(doc, mentions: list[common.Mention]) -> list[common.Mention]:
    """Of overlapping mentions keep the longest, then the first (spaCy's filter_spans)."""
    by_span = {(m.tok_start, m.tok_end): m for m in reversed(mentions)}  # the first of two equal spans wins
    kept = filter_spans([doc[s:e] for s, e in by_span])
    return [by_span[(span.start, span.end)] for span in kept]


def _key(doc, m: common.Mention) -> str:
    return name_key(m.canonical or common.mention_text(doc, m))


def cluster_mentions(doc, mentions: list[common.Mention]) -> list[int]:
    """Cluster index of every mention: same name, a bracketed acronym of it, or a surname / first
    name of exactly one full person name in the article. A surname shared by two full names in the
    article stays on its own rather than being given to either person."""
    n = len(mentions)
    uf = UnionFind(range(n))
    keys = [_key(doc, m) for m in mentions]
    first_of: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k in first_of:
            uf.union(first_of[k], i)
        else:
            first_of[k] = i
    for i, m in enumerate(mentions):
        for alias in m.aliases:
            j = first_of.get(name_key(alias))
            if j is not None:
                uf.union(i, j)
    # "Defence Ministry" after "Spanish Defence Ministry": an organisation named without the
    # nationality or place in front of its name, when only one such longer name is in the article.
    orgs = [(tuple(keys[i].split()), i) for i, m in enumerate(mentions) if m.label == "ORG"]
    for toks, i in orgs:
        if len(toks) < 2:
            continue
        longer = {t for t, j in orgs if len(t) > len(toks) and t[-len(toks):] == toks
                  and all(gaz.is_demonym(w) or gaz.place(w) for w in t[:-len(toks)])}
        if len(longer) == 1:
            target = next(iter(longer))
            uf.union(i, next(j for t, j in orgs if t == target))
    # Full person names, as token tuples of their keys.
    full: dict[tuple[str, ...], int] = {}
    for i, m in enumerate(mentions):
        toks = tuple(keys[i].split())
        if m.label == "PERSON" and 2 <= len(toks) <= 5 and not common.FUNCTION_WORDS & set(toks):
            full.setdefault(toks, i)
    for i, m in enumerate(mentions):
        toks = tuple(keys[i].split())
        if not toks or toks in full or m.label not in ("PERSON", "ORG", "NORP", "GPE", "LOC"):
            continue
        if len(toks) == 1 and gaz.is_demonym(keys[i]):
            continue
        known = gaz.place(keys[i])
        if known is not None and not gaz.is_ambiguous_place(keys[i]):
            continue
        if m.label != "PERSON" and len(toks) > 1:
            continue
        as_suffix = {f for f in full if len(f) > len(toks) and f[-len(toks):] == toks}
        as_prefix = {f for f in full if len(f) > len(toks) and f[:len(toks)] == toks}
        inside = {f for f in full if len(toks) == 1 and len(f) > 2 and toks[0] in f[1:-1]}
        target = None
        if len(as_suffix) == 1:
            target = next(iter(as_suffix))
        elif not as_suffix and len(as_prefix) == 1 and (m.label == "PERSON" or known is not None):
            target = next(iter(as_prefix))
        elif not as_suffix and not as_prefix and len(inside) == 1:
            target = next(iter(inside))  # "Adebayo" for "Oyelaran Adebayo Eze"
        if target is not None:
            uf.union(i, full[target])
            m.label = "PERSON"  # part of the name of a person named in full is that person
    roots = [uf.find(i) for i in range(n)]
    order = {r: k for k, r in enumerate(sorted(set(roots)))}
    return [order[r] for r in roots]


def _cluster_label(members: list[common.Mention], keys_full_person: bool) -> str:
    weight: dict[str, int] = {}
    for m in members:
        # A name that defines a bracketed acronym decides the type of the acronym's bare uses.
        w = (100 if m.aliases else 3) if m.strong else 1
        weight[m.label] = weight.get(m.label, 0) + w
    if keys_full_person:
        weight["PERSON"] = weight.get("PERSON", 0) + 2
    return max(weight, key=lambda lab: (weight[lab], -common.LABELS.index(lab)))


def _canonical(doc, members: list[common.Mention]) -> str:
    registry = [m.canonical for m in members if m.canonical]
    if registry:
        return sorted(registry, key=lambda c: (-registry.count(c), c))[0]
    texts = [common.mention_text(doc, m) for m in members]

    def rank(t: str):
        return (-len(t.split()), -any(ord(c) > 127 for c in t), -texts.count(t), t.isupper(), t)

    return min(texts, key=rank)


def _rows(doc, layout, mentions: list[common.Mention], clusters: list[int]) -> list[dict]:
    by_cluster: dict[int, list[common.Mention]] = {}
    for m, c in zip(mentions, clusters):
        by_cluster.setdefault(c, []).append(m)
    label_of, canonical_of, aliases_of = {}, {}, {}
    for c, members in by_cluster.items():
        full_person = any(m.label == "PERSON" and m.tok_end - m.tok_start >= 2 for m in members) and \
            any(m.tok_end - m.tok_start == 1 for m in members)
        label_of[c] = _cluster_label(members, full_person)
        canonical_of[c] = _canonical(doc, members)
        forms = {common.mention_text(doc, m) for m in members}
        for m in members:
            forms.update(m.aliases)
        aliases_of[c] = sorted(forms)
    rows, text = [], doc.text
    for m, c in zip(mentions, clusters):
        start, end = common.mention_offsets(doc, m)
        s0, s1 = sentence_bounds(doc, start, end)
        rows.append({
            "text": text[start:end], "start": start, "end": end, "label": label_of[c],
            "entity_id": f"local-{c}", "canonical_name": canonical_of[c], "aliases": aliases_of[c],
            "sentence_start": s0, "sentence_end": s1, "in_body": in_body(start, end, layout.body_spans),
        })
    return rows
