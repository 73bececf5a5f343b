"""Corpus-wide entity identity: one label, one canonical name and one stable id per entity.

Input: the rows of `extract_entities` for every article, each carrying its in-article cluster as a
provisional `entity_id` ("local-N"), the cluster's fullest name as `canonical_name` and its surface
forms as `aliases`. Output: the same rows with
- `label` voted across the corpus for one name ("Maduro" is ORG in one sentence and PERSON in
  five others: PERSON everywhere);
- `entity_id` shared by every cluster of one real-world entity:
  * the same name once accents, case, a leading "the" and titles are set aside ("Nicolas Maduro",
    "Nicolás Maduro"); registry aliases were already mapped per article ("U.S.", "US", "the United
    States"; "WSJ", "The Wall Street Journal");
  * a bare surname (or a short form the model took for an ORG) in an article that never gives the
    full name, when exactly one full person name in the corpus ends with it, or one such person
    has at least four times the mentions of any other;
  * an acronym used alone, when exactly one organisation in the corpus was given that acronym in
    brackets;
  * a full name with a middle initial ("Donald J. Trump") and the same name without it, when
    that is the only such pair;
  * a likely misspelling ("Mark Galleotti" ~ "Mark Galeotti", "Huge Chavez" ~ "Hugo Chávez"): same
    number of words, each word within one edit (two for long words) with the same initial, a given
    name only mistyped not lengthened ("Ivana" is not "Ivanka"), at most two edits in all, never
    both in one article, and the two articles share at least two other entities;
- `canonical_name`: the fullest form seen, correctly accented when any spelling has accents;
- `aliases`: every distinct surface form of the entity across the corpus.

Over-merging guard: a surname shared by two comparably frequent full names, or an acronym defined
for two organisations, is left on its own; inside an article a surname shared by two full names is
given to neither (entities.cluster_mentions); two full names are only merged when they are spelled
alike, never appear in the same article, and share context; labels of different types never merge.

Stable ids: an id is a hash of the entity's type and the accent-free key of its canonical name,
never of row order, so adding an article about something else leaves every id unchanged.
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict

import pandas as pd

from pipeline.extract.entities import gazetteer as gaz
from pipeline.text.names import name_key
from pipeline.text.unionfind import UnionFind

log = logging.getLogger(__name__)

PLACE = ("GPE", "LOC")
_LABEL_ORDER = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
                "LANGUAGE")
_ACRONYM_MAX = 10




def _type_class(label: str) -> str:
    return "PLACE" if label in PLACE else label


def _vote(counts: Counter) -> str:
    return max(counts, key=lambda lab: (counts[lab], -_LABEL_ORDER.index(lab) if lab in _LABEL_ORDER else -99))


def _edits(a: str, b: str, cap: int = 3) -> int:
    """Levenshtein distance of a and b (stops counting past cap)."""
    if abs(len(a) - len(b)) > cap:
        return cap + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two multi-word names spelled alike: word by word within one edit (two for 8+ letters), same
    initials, at most two edits in all, at least one word identical."""
    if len(a) != len(b) or len(a) < 2 or a == b:
        return False
    total = same = 0
    for k, (x, y) in enumerate(zip(a, b)):
        if x == y:
            same += 1
            continue
        if x[0] != y[0] or min(len(x), len(y)) < 4:
            return False
        if k < len(a) - 1 and len(x) != len(y):
            return False  # "Ivana" and "Ivanka" are two given names, not a typo
        d = _edits(x, y)
        if d > (2 if min(len(x), len(y)) >= 8 else 1):
            return False
        total += d
    return same >= 1 and total <= 2


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= _ACRONYM_MAX and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) \
        and " " not in text.strip()


def _empty(df: pd.DataFrame) -> pd.DataFrame:
    for c in ("entity_id", "canonical_name"):
        df[c] = pd.Series([], dtype=object)
    df["aliases"] = pd.Series([], dtype=object)
    return df


def resolve_corpus(entities: pd.DataFrame) -> pd.DataFrame:
    """Give every mention its corpus-wide entity_id, voted label, canonical_name and aliases."""
    df = entities.copy().reset_index(drop=True)
    if df.empty:
        return _empty(df)
    local = df["entity_id"] if "entity_id" in df.columns else pd.Series([None] * len(df))
    canon_in = df["canonical_name"] if "canonical_name" in df.columns else pd.Series([None] * len(df))
    aliases_in = df["aliases"] if "aliases" in df.columns else pd.Series([None] * len(df))
    texts = df["text"].astype(str).tolist()
    labels = df["label"].astype(str).tolist()
    articles = df["article_id"].astype(str).tolist()

    # --- In-article clusters -----------------------------------------------------------------
    cluster_of: list[tuple[str, str]] = []
    for i in range(len(df)):
        lid = local.iloc[i]
        if lid is None or (isinstance(lid, float) and pd.isna(lid)) or not str(lid).startswith("local-"):
            lid = "name:" + name_key(texts[i]) + ":" + labels[i]
        cluster_of.append((articles[i], str(lid)))
    rows_of: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(cluster_of):
        rows_of[c].append(i)
    clusters = sorted(rows_of)
    name_of, defined_of = {}, {}
    for c in clusters:
        idx = rows_of[c]
        cn = canon_in.iloc[idx[0]]
        name_of[c] = str(cn) if isinstance(cn, str) and cn else max((texts[i] for i in idx), key=len)
        defined = set()
        for i in idx:
            al = aliases_in.iloc[i]
            if al is not None and not isinstance(al, float):
                defined.update(str(a) for a in al)
        defined_of[c] = defined | {texts[i] for i in idx}

    # --- Label vote across the corpus, per name --------------------------------------------------
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in clusters:
        for i in rows_of[c]:
            votes[name_key(name_of[c])][labels[i]] += 1
    label_of = {c: _vote(votes[name_key(name_of[c])]) for c in clusters}

    # --- Identity --------------------------------------------------------------------------------
    uf = UnionFind(clusters)
    by_key: dict[tuple[str, str], tuple] = {}
    same_key: dict[tuple[str, str], list] = defaultdict(list)
    for c in clusters:
        k = (_type_class(label_of[c]), name_key(name_of[c]))
        same_key[k].append(c)
        if k in by_key:
            uf.union(by_key[k], c)
        else:
            by_key[k] = c
    # A middle initial or middle name does not make another person: "Donald J. Trump" is
    # "Donald Trump" when exactly one full name has that first and last name.
    mentions_of_key: Counter = Counter()
    for c in clusters:
        mentions_of_key[name_key(name_of[c])] += len(rows_of[c])
    by_ends: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (tc, key), c in by_key.items():
        words = key.split()
        if tc == "PERSON" and len(words) >= 2:
            by_ends[(words[0], words[-1])].add(key)
    for (first, last), keys in by_ends.items():
        short = [k for k in keys if len(k.split()) == 2]
        longer = [k for k in keys if len(k.split()) > 2 and all(len(w) == 1 for w in k.split()[1:-1])]
        # "George Bush" with both "George W. Bush" and "George H. W. Bush" about is left alone
        if len(short) == 1 and len(longer) == 1:
            uf.union(by_key[("PERSON", longer[0])], by_key[("PERSON", short[0])])
    # Full person names by surname; a bare surname in an article that never gives the full name
    # is the one person of that surname in the corpus, or the one who dominates it (at least
    # four times as many mentions as any other), else it stays on its own.
    full_by_last: dict[str, Counter] = defaultdict(Counter)
    for (tc, key), c in by_key.items():
        words = key.split()
        if tc == "PERSON" and len(words) >= 2:
            full_by_last[words[-1]][uf.find(c)] += mentions_of_key[key]
    for (tc, key), c in list(by_key.items()):
        words = key.split()
        if len(words) != 1 or tc not in ("PERSON", "ORG", "NORP") or gaz.place(key) or _is_acronym(name_of[c]):
            continue
        fulls = full_by_last.get(key)
        if not fulls:
            continue
        ranked = sorted(fulls.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] >= 4 * ranked[1][1]:
            uf.union(c, ranked[0][0])
            for member in same_key[(tc, key)]:
                label_of[member] = "PERSON"  # the surname of a person named in full is that person
    # Acronyms defined in brackets somewhere in the corpus.
    defined_acr: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for c in clusters:
        if _type_class(label_of[c]) != "ORG":
            continue
        for form in defined_of[c]:
            if _is_acronym(form) and name_key(form) != name_key(name_of[c]):
                defined_acr[name_key(form)].add((_type_class(label_of[c]), name_key(name_of[c])))
    for (tc, key), c in list(by_key.items()):
        if tc != "ORG" or not _is_acronym(name_of[c]):
            continue
        longs = defined_acr.get(key, set())
        if len(longs) == 1:
            uf.union(c, by_key[next(iter(longs))])
    # Likely misspellings of a full person name, with shared context.
    keys_in_article: dict[str, set[str]] = defaultdict(set)
    articles_of_key: dict[str, set[str]] = defaultdict(set)
    for c in clusters:
        keys_in_article[c[0]].add(name_key(name_of[c]))
        articles_of_key[name_key(name_of[c])].add(c[0])
    buckets: dict[tuple, list[str]] = defaultdict(list)
    for (tc, key), c in by_key.items():
        words = tuple(key.split())
        if tc == "PERSON" and len(words) >= 2:
            buckets[(len(words), words[0][0], words[-1][0])].append(key)
    for bucket in buckets.values():
        bucket.sort()
        for x in range(len(bucket)):
            for y in range(x + 1, len(bucket)):
                a, b = bucket[x], bucket[y]
                if not _alike(tuple(a.split()), tuple(b.split())):
                    continue
                arts_a, arts_b = articles_of_key[a], articles_of_key[b]
                if arts_a & arts_b:
                    continue  # both spellings in one article: two people
                ctx_a = set().union(*(keys_in_article[t] for t in arts_a)) - {a}
                ctx_b = set().union(*(keys_in_article[t] for t in arts_b)) - {b}
                if len(ctx_a & ctx_b) >= 2:
                    uf.union(by_key[("PERSON", a)], by_key[("PERSON", b)])

    # --- One label, name and id per entity ---------------------------------------------------------
    groups: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for c in clusters:
        groups[uf.find(c)].append(c)
    out_label = [""] * len(df)
    out_id = [""] * len(df)
    out_name = [""] * len(df)
    out_aliases: list[list[str]] = [[] for _ in range(len(df))]
    for members in groups.values():
        row_idx = [i for c in members for i in rows_of[c]]
        label = _vote(Counter(label_of[c] for c in members for _ in rows_of[c]))
        if any(label_of[c] == "PERSON" and len(name_key(name_of[c]).split()) >= 2 for c in members) and \
                all(_type_class(label_of[c]) != "PLACE" for c in members):
            label = "PERSON"  # a full person name outvotes the model's reading of the bare surname
        name = _canonical_name(members, name_of, rows_of)
        eid = "ent_" + hashlib.sha256(f"{_type_class(label)}|{name_key(name)}".encode()).hexdigest()[:12]
        aliases = sorted({texts[i] for i in row_idx})
        for i in row_idx:
            out_label[i], out_id[i], out_name[i], out_aliases[i] = label, eid, name, aliases
    df["label"] = out_label
    df["entity_id"] = out_id
    df["canonical_name"] = out_name
    df["aliases"] = out_aliases
    log.info("entities: %d mentions, %d clusters, %d entities", len(df), len(clusters), len(groups))
    return df


def _canonical_name(members, name_of, rows_of) -> str:
    """The fullest name of the group; among spellings of one name, the accented and most used."""
    weight_key: Counter = Counter()
    weight_spelling: Counter = Counter()
    for c in members:
        weight_key[name_key(name_of[c])] += len(rows_of[c])
        weight_spelling[name_of[c]] += len(rows_of[c])
    # ties between spellings go to the one whose given name is a known one ("Hugo", not "Huge")
    best_key = min(weight_key, key=lambda k: (-len(k.split()), -weight_key[k], not gaz.is_given_name(k.split()[0]), k))
    spellings = [s for s in weight_spelling if name_key(s) == best_key]
    return min(spellings, key=lambda s: (-any(ord(ch) > 127 for ch in s), -weight_spelling[s], s.isupper(), s))
