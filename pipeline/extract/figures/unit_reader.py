"""The unit reader: percent, currency, unit, age and rate written after a number's core."""
from __future__ import annotations

from dataclasses import replace

from pipeline.extract.figures import units as fu
from pipeline.extract.figures.core import (CURRENCY_ALSO_WORDS, HYPHEN_ADJECTIVE_TAILS, RELATIVE_TIME_WORDS, Core,
                                           Tokens)
from pipeline.extract.figures.numbers import NUMBER_WORDS
from pipeline.extract.figures.units import written


class UnitReader(Tokens):
    # -- after the number -------------------------------------------------------------------------

    def read_after(self, core: Core) -> Core:
        """Percent, currency, unit, age and rate written after the number."""
        toks = self.toks
        k = core.j
        t = self.tok(k)
        if t is None or t.br or core.kind in ("ordinal", "year") or core.unit == "fraction":
            return core
        if core.kind == "count" and t.text == "-" and not t.gap and (
                self.tok(k + 1) is None or self.toks[k + 1].gap or self.toks[k + 1].text == ","):
            return self.read_suspended(core, k)
        hyph = self.hyphen(k)
        u = k + 1 if hyph else k
        if self.tok(u) is None or (not hyph and t.text not in "%€£¥₹″°℃℉" and not t.gap and t.kind != "sym"):
            return core
        if core.kind == "money" and core.unit == "USD" and "$" in (core.unit_text or "") and not hyph:
            # the currency restated after a $ amount: '$64 US a barrel', '$61 U.S. per barrel'
            m = fu.match_at(toks, u, "dollar_country")
            if m and not (self.glued(m.at) and self.toks[m.at].kind == "word"):
                core = replace(core, j=m.at, unit=fu.DOLLAR_COUNTRY_SUFFIXES[m.phrase])
            return self.read_rate(core)
        if core.kind == "count" and not hyph:
            m = fu.match_at(toks, u, "percent")
            if m:
                return self.read_rate(replace(core, j=m.at, kind="percent", unit=fu.PERCENT_WORDS[m.phrase],
                                              unit_text=written(toks, u, m.at)))
            m = fu.match_at(toks, u, "currency_suffix")
            if m and not (self.glued(m.at) and self.tok(m.at).kind in ("word", "num")):
                return self.read_rate(replace(core, j=m.at, kind="money", unit=fu.CURRENCY_SUFFIXES[m.phrase],
                                              unit_text=m.phrase))
            m = fu.match_at(toks, u, "currency_words")
            if m and not (m.phrase in CURRENCY_ALSO_WORDS and core.words):
                phrase = m.phrase
                # a country adjective must be spelled out: 'Danish crowns' is matched whole
                if not (self.glued(m.at) and self.tok(m.at).kind == "word"):
                    return self.read_rate(replace(core, j=m.at, kind="money", unit=fu.CURRENCY_WORDS[phrase],
                                                  unit_text=written(toks, u, m.at)))
        if core.kind in ("count", "measure", "duration") or hyph:
            m = fu.match_at(toks, u, "age")
            if m and not (self.glued(m.at) and self.tok(m.at).kind == "word"):
                return replace(core, j=m.at, kind="duration", unit=fu.AGE_UNITS[m.phrase],
                               unit_text=written(toks, u, m.at), hyphen_noun="age")
        if core.kind == "count":
            for table, kind, mapping in (("time", "duration", fu.TIME_UNITS),
                                         ("measure", "measure", fu.MEASURE_UNITS),
                                         ("ratio", "other", fu.RATIO_UNITS)):
                m = fu.match_at(toks, u, table)
                if not m or (self.glued(m.at) and self.tok(m.at).kind in ("word", "num")):
                    continue
                # '-year-old' after a time unit: '50 year-old', '5-year-old'
                if self.hyphen(m.at) and self.word(m.at + 1) == "old":
                    return replace(core, j=m.at + 2, kind="duration", unit=mapping[m.phrase],
                                   unit_text=written(toks, u, m.at + 2), hyphen_noun="age")
                unit = mapping[m.phrase]
                if unit == "pound" and (core.scaled or core.words and core.value >= 1e5) and self.word(m.at) != "of":
                    kind, unit = "money", "GBP"  # 'a million pounds' is money; '20 pounds' is weight
                if m.phrase == "PS" and core.words:
                    continue
                return self.read_rate(replace(core, j=m.at, kind=kind, unit=unit, unit_text=written(toks, u, m.at)))
            if not hyph and t.gap and t.text in fu.SPACED_LETTER_UNITS and not (
                    self.glued(u + 1) and self.toks[u + 1].kind in ("word", "num")):
                return self.read_rate(replace(core, j=u + 1, kind="measure", unit=fu.SPACED_LETTER_UNITS[t.text],
                                              unit_text=t.text))
            if hyph and self.word(u) and self.word(u) not in HYPHEN_ADJECTIVE_TAILS:
                if core.value == 0:
                    return replace(core, skip=True, j=u + 1)  # 'zero-tolerance', 'zero-waste': an adjective
                last = u
                while self.hyphen(last + 1) and self.word(last + 2):
                    last += 2  # 'a two-Olympic-medal career' counts medals
                return replace(core, hyphen_noun=self.toks[last].text)
            if core.kind == "count" and (self.word(k) == "per" or self.word(k) in ("a", "an")):
                return self.read_rate(core)
        if core.kind in ("money", "percent", "measure"):
            return self.read_rate(core)
        return core

    def read_suspended(self, core: Core, k: int) -> Core:
        """'four-, five- and six-cylinder engines': the first numbers share the last one's tail."""
        for m in range(k + 1, min(k + 12, self.n - 1)):
            prev = self.toks[m - 1]
            if self.hyphen(m) and (prev.kind == "num" or prev.low in NUMBER_WORDS) and self.word(m + 1):
                tail = self.toks[m + 1]
                for table, kind, mapping in (("time", "duration", fu.TIME_UNITS),
                                             ("measure", "measure", fu.MEASURE_UNITS)):
                    hit = fu.match_at(self.toks, m + 1, table)
                    if hit and hit.at == m + 2:
                        return replace(core, j=k + 1, kind=kind, unit=mapping[hit.phrase], unit_text=tail.text)
                if tail.low in HYPHEN_ADJECTIVE_TAILS:
                    break
                return replace(core, j=k + 1, hyphen_noun=tail.text)
            if self.toks[m].kind == "word" and self.toks[m].low not in ("and", "or", "to") \
                    and self.toks[m].low not in NUMBER_WORDS:
                break
        return core

    def read_rate(self, core: Core) -> Core:
        """'per barrel', 'a month', '/gram', '-a-day' after a figure: the unit becomes 'X per Y'."""
        toks = self.toks
        k = core.j
        w = self.word(k)
        den = None
        end = k
        if w == "per" and self.tok(k + 1) is not None and self.toks[k + 1].kind == "word":
            m = fu.match_at(toks, k + 1, "rate") or fu.match_at(toks, k + 1, "measure")
            if m:
                table = fu.RATE_DENOMINATORS if m.phrase in fu.RATE_DENOMINATORS else fu.MEASURE_UNITS
                den, end = table[m.phrase], m.at
            elif self.word(k + 1) not in ("cent", "centum", "capita") and self.toks[k + 1].text.islower():
                den, end = self.toks[k + 1].text, k + 2
        elif w in ("a", "an") and self.word(k + 1) in fu.ARTICLE_RATE_DENOMINATORS \
                and not (self.glued(k + 2) and self.toks[k + 2].kind in ("word", "num")) \
                and self.word(k + 2) != "of" and self.word(k + 2) not in RELATIVE_TIME_WORDS:  # 'a week earlier'
            den, end = fu.RATE_DENOMINATORS.get(self.word(k + 1), self.word(k + 1)), k + 2
        elif self.tok(k) is not None and toks[k].text == "/" and self.glued(k) and self.glued(k + 1) \
                and self.word(k + 1) is not None:
            m = fu.match_at(toks, k + 1, "rate") or fu.match_at(toks, k + 1, "measure")
            if m and not (self.glued(m.at) and self.tok(m.at).kind in ("word", "num")):
                table = fu.RATE_DENOMINATORS if m.phrase in fu.RATE_DENOMINATORS else fu.MEASURE_UNITS
                den, end = table[m.phrase], m.at
        elif self.hyphen(k) and self.word(k + 1) in ("a", "an") and self.hyphen(k + 2) \
                and self.word(k + 3) in fu.ARTICLE_RATE_DENOMINATORS:
            den, end = self.word(k + 3), k + 4  # 'barrel-a-day'
        if den is None:
            return core
        if den and den.endswith("s") and den[:-1] in fu.RATE_DENOMINATORS:
            den = den[:-1]
        unit = f"{core.unit} per {den}" if core.unit else f"per {den}"
        return replace(core, j=end, unit=unit)


