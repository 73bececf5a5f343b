"""Corpus-wide entity identity: one label, one canonical name and one stable id per entity.

Input: the rows of `extract_entities` for every article, each carrying its in-article cluster as a
provisional `entity_id` ("local-N"), the cluster's fullest name as `canonical_name` and its surface
forms as `aliases`. The work is a cluster table (one row per in-article cluster: its name, label,
rows and defined forms) and a union-find over it, joined by separate merge passes, each testable
alone:

- `merge_same_name`: the same name once accents, case, a leading "the" and punctuation are set
  aside, within one type ("Jose Alvarez", "José Álvarez");
- `merge_middle_initial`: "Dana J. Okafor" and "Dana Okafor", when that is the only such pair;
- `merge_surname`: a bare surname (or a short form the model took for an ORG) in an article that
  never gives the full name, when exactly one full person name in the corpus ends with it, or one
  such person has at least four times the mentions of any other;
- `merge_acronym`: an acronym used alone, when exactly one organisation in the corpus was given
  that acronym in brackets;
- `merge_misspelling`: "Dana Okafor" ~ "Dana Okafro": same number of words, each within one edit
  (two for long words) with the same initial, a given name only mistyped not lengthened, at most
  two edits in all, never both in one article, and the two articles share two other entities;
- `merge_group_number`: a nationality or group (NORP) in the singular and in the plural, as noun
  or adjective ("Ruritanian", "Ruritanians").

Labels are voted across the corpus per name ("Vell" is ORG in one sentence and PERSON in five:
PERSON everywhere), and a full person name outvotes the model's reading of its bare surname.

The canonical name of an entity (documented in the data card, 30-entities.md): every form is first
put in its proper form (no possessive ending, no stray punctuation; pipeline.text.names.proper_form);
a NORP group is named by its most frequent form; any other entity by its fullest form: the most
words, then the most mentions, then accents over none (a correctly accented spelling over an
ASCII one), then not all capitals, then a given name the lexicon knows over a mistyped one.

Over-merging guard: a surname shared by two comparably frequent full names, or an acronym defined
for two organisations, is left on its own; two full names are merged only when spelled alike,
never in one article, with shared context; labels of different types never merge.

Stable ids: an id is a hash of the entity's type and the accent-free key of its canonical name,
never of row order, so adding an article about something else leaves every id unchanged.
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from pipeline.extract.entities import gazetteer as gaz
from pipeline.extract.entities.common import LABELS
from pipeline.text.names import name_key, proper_form
from pipeline.text.unionfind import UnionFind

log = logging.getLogger(__name__)

PLACE = ("GPE", "LOC")
LABEL_ORDER = LABELS  # ties between labels go to the earlier one
ACRONYM_MAX = 10

Cluster = tuple[str, str]  # (article_id, in-article cluster id)

# name_key is pure and a corpus repeats its names thousands of times: memoised, bounded.
cached_name_key = lru_cache(maxsize=1 << 17)(name_key)


def type_class(label: str) -> str:
    return "PLACE" if label in PLACE else label


def vote(counts: Counter) -> str:
    return max(counts, key=lambda lab: (counts[lab], -LABEL_ORDER.index(lab) if lab in LABEL_ORDER else -99))


def edits(a: str, b: str, cap: int = 3) -> int:
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


def spelled_alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
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
            return False  # two given names of different length are two names, not a typo
        d = edits(x, y)
        if d > (2 if min(len(x), len(y)) >= 8 else 1):
            return False
        total += d
    return same >= 1 and total <= 2


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= ACRONYM_MAX and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) \
        and " " not in text.strip()


@dataclass
class ClusterTable:
    """One row per in-article cluster, and the union-find the merge passes join them in."""

    clusters: list[Cluster]
    rows_of: dict[Cluster, list[int]]
    name_of: dict[Cluster, str]
    defined_of: dict[Cluster, set[str]]  # every surface form, with bracketed acronyms
    label_of: dict[Cluster, str]
    uf: UnionFind = field(init=False)
    by_key: dict[tuple[str, str], Cluster] = field(default_factory=dict)  # (type, name key) -> first cluster
    same_key: dict[tuple[str, str], list[Cluster]] = field(default_factory=lambda: defaultdict(list))
    key_of: dict[Cluster, str] = field(init=False)

    def __post_init__(self):
        self.uf = UnionFind(self.clusters)
        self.key_of = {c: cached_name_key(self.name_of[c]) for c in self.clusters}

    def key(self, c: Cluster) -> str:
        return self.key_of[c]

    def size(self, c: Cluster) -> int:
        return len(self.rows_of[c])


def shared_values(values: pd.Series) -> list:
    """values.tolist(), with one Python object per distinct value: half a million mentions repeat a
    few thousand names, labels and article ids, and a string object per row cost 200 MB at 10,000 articles."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    distinct = list(uniques)
    return [distinct[c] for c in codes.tolist()]


def _column(df: pd.DataFrame, name: str) -> list:
    return shared_values(df[name]) if name in df.columns else [None] * len(df)


def build_cluster_table(df: pd.DataFrame) -> ClusterTable:
    texts = shared_values(df["text"].astype(str))
    labels = shared_values(df["label"].astype(str))
    articles = shared_values(df["article_id"].astype(str))
    local, canon_in = _column(df, "entity_id"), _column(df, "canonical_name")
    aliases_in = df["aliases"].tolist() if "aliases" in df.columns else [None] * len(df)
    rows_of: dict[Cluster, list[int]] = defaultdict(list)
    for i in range(len(df)):
        lid = local[i]
        if lid is None or (isinstance(lid, float) and pd.isna(lid)) or not str(lid).startswith("local-"):
            lid = "name:" + cached_name_key(texts[i]) + ":" + labels[i]
        rows_of[(articles[i], str(lid))].append(i)
    clusters = sorted(rows_of)
    name_of, defined_of = {}, {}
    for c in clusters:
        idx = rows_of[c]
        cn = canon_in[idx[0]]
        name = str(cn) if isinstance(cn, str) and cn else max((texts[i] for i in idx), key=len)
        name_of[c] = proper_form(name) or name
        defined = {texts[i] for i in idx}
        for i in idx:
            al = aliases_in[i]
            if al is not None and not isinstance(al, float):
                defined.update(str(a) for a in al)
        defined_of[c] = defined
    votes: dict[str, Counter] = defaultdict(Counter)
    for c in clusters:
        for i in rows_of[c]:
            votes[cached_name_key(name_of[c])][labels[i]] += 1
    label_of = {c: vote(votes[cached_name_key(name_of[c])]) for c in clusters}
    return ClusterTable(clusters, dict(rows_of), name_of, defined_of, label_of)


# --- Merge passes --------------------------------------------------------------------------------


def merge_same_name(t: ClusterTable) -> None:
    for c in t.clusters:
        k = (type_class(t.label_of[c]), t.key(c))
        t.same_key[k].append(c)
        if k in t.by_key:
            t.uf.union(t.by_key[k], c)
        else:
            t.by_key[k] = c


def merge_middle_initial(t: ClusterTable) -> None:
    """A middle initial does not make another person, when exactly one full name has that first and
    last name ("George Bush" beside both "George W. Bush" and "George H. W. Bush" stays alone)."""
    by_ends: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (tc, key) in t.by_key:
        words = key.split()
        if tc == "PERSON" and len(words) >= 2:
            by_ends[(words[0], words[-1])].add(key)
    for keys in by_ends.values():
        short = [k for k in keys if len(k.split()) == 2]
        longer = [k for k in keys if len(k.split()) > 2 and all(len(w) == 1 for w in k.split()[1:-1])]
        if len(short) == 1 and len(longer) == 1:
            t.uf.union(t.by_key[("PERSON", longer[0])], t.by_key[("PERSON", short[0])])


def merge_surname(t: ClusterTable) -> None:
    """A bare surname is the one person of that surname in the corpus, or the one who dominates it
    (at least four times the mentions of any other), else it stays on its own."""
    mentions_of_key: Counter = Counter()
    for c in t.clusters:
        mentions_of_key[t.key(c)] += t.size(c)
    full_by_last: dict[str, Counter] = defaultdict(Counter)
    for (tc, key), c in t.by_key.items():
        words = key.split()
        if tc == "PERSON" and len(words) >= 2:
            full_by_last[words[-1]][t.uf.find(c)] += mentions_of_key[key]
    for (tc, key), c in list(t.by_key.items()):
        if len(key.split()) != 1 or tc not in ("PERSON", "ORG", "NORP") or gaz.place(key) or is_acronym(t.name_of[c]):
            continue
        fulls = full_by_last.get(key)
        if not fulls:
            continue
        ranked = sorted(fulls.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] >= 4 * ranked[1][1]:
            t.uf.union(c, ranked[0][0])
            for member in t.same_key[(tc, key)]:
                t.label_of[member] = "PERSON"  # the surname of a person named in full is that person


def merge_acronym(t: ClusterTable) -> None:
    """An acronym used alone is the one organisation of the corpus that was given it in brackets."""
    defined: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for c in t.clusters:
        if type_class(t.label_of[c]) != "ORG":
            continue
        for form in t.defined_of[c]:
            if is_acronym(form) and cached_name_key(form) != t.key(c):
                defined[cached_name_key(form)].add(("ORG", t.key(c)))
    for (tc, key), c in list(t.by_key.items()):
        if tc == "ORG" and is_acronym(t.name_of[c]):
            longs = defined.get(key, set())
            if len(longs) == 1:
                t.uf.union(c, t.by_key[next(iter(longs))])


def merge_misspelling(t: ClusterTable) -> None:
    """Two spellings of one full person name, never in one article, with shared context."""
    keys_in_article: dict[str, set[str]] = defaultdict(set)
    articles_of_key: dict[str, set[str]] = defaultdict(set)
    for c in t.clusters:
        keys_in_article[c[0]].add(t.key(c))
        articles_of_key[t.key(c)].add(c[0])
    # Blocking: spelled_alike needs one identical word and the same initials, so two candidates share
    # (word count, initials, position and text of an identical word); comparing within those blocks
    # finds the same pairs as comparing every two names, in time linear in the names.
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for (tc, key) in t.by_key:
        words = tuple(key.split())
        if tc == "PERSON" and len(words) >= 2:
            initials = tuple(w[0] for w in words)
            for k, w in enumerate(words):
                blocks[(initials, k, w)].append(key)
    pairs = set()
    for block in blocks.values():
        block.sort()
        for x, a in enumerate(block):
            for b in block[x + 1:]:
                pairs.add((a, b))
    context: dict[str, set[str]] = {}

    def context_of(key: str) -> set[str]:
        if key not in context:
            context[key] = set().union(*(keys_in_article[x] for x in articles_of_key[key])) - {key}
        return context[key]

    for a, b in sorted(pairs):
        if not spelled_alike(tuple(a.split()), tuple(b.split())):
            continue
        if articles_of_key[a] & articles_of_key[b]:
            continue  # both spellings in one article: two people
        if len(context_of(a) & context_of(b)) >= 2:
            t.uf.union(t.by_key[("PERSON", a)], t.by_key[("PERSON", b)])


def merge_group_number(t: ClusterTable) -> None:
    """A NORP group in the singular and the plural is one group: "Ruritanians" joins "Ruritanian",
    "Jews" joins "Jew", "Dutch-Americans" joins "Dutch-American"."""
    for (tc, key), c in t.by_key.items():
        if tc != "NORP":
            continue
        for singular in (key[:-1] if key.endswith("s") else None, key[:-2] if key.endswith("es") else None):
            other = t.by_key.get(("NORP", singular)) if singular else None
            if other is not None:
                t.uf.union(c, other)
                break


MERGE_PASSES = (merge_same_name, merge_middle_initial, merge_surname, merge_acronym, merge_misspelling,
                merge_group_number)


# --- One label, name and id per entity ---------------------------------------------------------------


def canonical_name(t: ClusterTable, members: list[Cluster], label: str) -> str:
    """The name of an entity, by the rule in the module docstring."""
    weight_key: Counter = Counter()
    weight_spelling: Counter = Counter()
    for c in members:
        weight_key[t.key(c)] += t.size(c)
        weight_spelling[t.name_of[c]] += t.size(c)
    if label == "NORP":
        best_key = min(weight_key, key=lambda k: (-weight_key[k], len(k), k))
    else:
        best_key = min(weight_key, key=lambda k: (-len(k.split()), -weight_key[k],
                                                  not gaz.is_given_name(k.split()[0]) if k else True, k))
    spellings = [s for s in weight_spelling if cached_name_key(s) == best_key]
    return min(spellings, key=lambda s: (-any(ord(ch) > 127 for ch in s), -weight_spelling[s], s.isupper(), s))


def entity_label(t: ClusterTable, members: list[Cluster]) -> str:
    label = vote(Counter({lab: n for lab, n in Counter(
        lab for c in members for lab in [t.label_of[c]] * t.size(c)).items()}))
    if any(t.label_of[c] == "PERSON" and len(t.key(c).split()) >= 2 for c in members) and \
            all(type_class(t.label_of[c]) != "PLACE" for c in members):
        label = "PERSON"  # a full person name outvotes the model's reading of the bare surname
    return label


def _empty(df: pd.DataFrame) -> pd.DataFrame:
    for c in ("entity_id", "canonical_name"):
        df[c] = pd.Series([], dtype=object)
    df["aliases"] = pd.Series([], dtype=object)
    return df


def resolve_corpus(entities: pd.DataFrame) -> pd.DataFrame:
    """Give every mention its corpus-wide entity_id, voted label, canonical_name and aliases."""
    df = entities.reset_index(drop=True)  # copy-on-write: the caller's frame is left as it was, unduplicated
    if df.empty:
        return _empty(df)
    table = build_cluster_table(df)
    for merge in MERGE_PASSES:
        merge(table)
    groups: dict[Cluster, list[Cluster]] = defaultdict(list)
    for c in table.clusters:
        groups[table.uf.find(c)].append(c)
    texts = shared_values(df["text"].astype(str))
    out_label, out_id, out_name = [""] * len(df), [""] * len(df), [""] * len(df)
    out_aliases: list[list[str]] = [[] for _ in range(len(df))]
    for members in groups.values():
        row_idx = [i for c in members for i in table.rows_of[c]]
        label = entity_label(table, members)
        name = canonical_name(table, members, label)
        eid = "ent_" + hashlib.sha256(f"{type_class(label)}|{cached_name_key(name)}".encode()).hexdigest()[:12]
        aliases = sorted({texts[i] for i in row_idx})
        for i in row_idx:
            out_label[i], out_id[i], out_name[i], out_aliases[i] = label, eid, name, aliases
    df["label"], df["entity_id"], df["canonical_name"], df["aliases"] = out_label, out_id, out_name, out_aliases
    log.info("entities: %d mentions, %d clusters, %d entities", len(df), len(table.clusters), len(groups))
    return df
