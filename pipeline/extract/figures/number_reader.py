"""The number reader: the core of a figure from the lexer's tokens (currency before it, digits or
number words, fractions, scales and glued suffixes), then the unit reader for what follows."""
from __future__ import annotations

from dataclasses import replace

from pipeline.extract.figures import units as fu
from pipeline.extract.figures.core import CURRENCY_ALSO_WORDS, NUMBER_PREFIX_WORDS, PLURAL_SCALES, Core
from pipeline.extract.figures.numbers import (FRACTION_WORDS, MULTIPLE_WORDS, NUMBER_WORDS, ORDINAL_SUFFIXES,
                                              SCALE_ABBREVIATIONS,
                                              SCALE_LETTERS, SCALE_WORDS, digits_value, exponent_value,
                                              read_number_words, vague)
from pipeline.extract.figures.unit_reader import UnitReader
from pipeline.extract.figures.units import written


class NumberReader(UnitReader):
    # -- the core ---------------------------------------------------------------------------------

    def read_core(self, i: int) -> Core | None:
        currency = None
        cur_text = None
        j = i
        m = fu.match_at(self.toks, i, "currency_prefix")
        if m:
            phrase, k = m
            glued_only = phrase in fu.GLUED_ONLY_PREFIXES
            nxt = self.tok(k)
            signed = nxt is not None and nxt.text in "-−" and self.tok(k + 1) is not None \
                and self.toks[k + 1].kind == "num"
            if nxt is not None and (nxt.kind == "num" or signed) and (not glued_only or not nxt.gap) \
                    and (not nxt.gap or phrase.isalpha() or len(written(self.toks, k - 1, k + 1)) < 6) \
                    and not (i > 0 and self.glued(i) and self.toks[i - 1].kind in ("word", "num")):
                currency, cur_text, j = fu.CURRENCY_PREFIXES[phrase], phrase, k
        sign = None
        t = self.tok(j)
        if t is None:
            return None
        if t.text in "-−+" and self.glued(j + 1) and self.toks[j + 1].kind == "num":
            prev = self.tok(j - 1)
            signable = currency is not None or prev is None or t.gap or prev.text in "([/:=~≈"
            if not signable:
                return None
            # an upper-case code, a space and a glued hyphen before bare digits is a code ('COVID -19'); with a
            # decimal point or a percent sign it is a signed change ('FTSE -0.6%')
            if prev is not None and prev.kind == "word" and prev.text.isupper() and t.gap and currency is None \
                    and "." not in self.toks[j + 1].text and not (self.glued(j + 2) and self.toks[j + 2].text == "%"):
                return Core(i, self._skip_identifier(j + 1), 0, None, None, skip=True)
            sign = "-" if t.text in "-−" else "+"
            j += 1
        elif t.low == "minus" and currency is None:
            k = j + 1 + (1 if self.hyphen(j + 1) else 0)
            if self.tok(k) is not None and self.toks[k].kind == "num":
                sign, j = "minus", k  # the word: a level below zero, not a fall ('minus 5C')
        t = self.tok(j)
        if t.kind == "num":
            core = self.read_digits(i, j, currency, sign)
        elif t.kind == "word" and currency is None and sign is None:
            core = self.read_words(i, j)
        else:
            core = None
        if core is None or core.skip:
            return core
        if currency:
            core.kind, core.unit, core.unit_text = "money", currency, cur_text
        return self.read_after(core)

    def read_digits(self, i: int, j: int, currency: str | None, sign: str | None) -> Core | None:
        toks = self.toks
        t = toks[j]
        prev = self.tok(j - 1)
        # glued to letters before it: an identifier ('b12345', 'M21', 'G20', 'XC40', '@user_123'), unless
        # written as an amount: codes group no thousands and take no scale ('XY21,700', 'XY8.1bn' are amounts
        # behind an unknown mark)
        if currency is None and sign is None and prev is not None and not t.gap and (
                prev.kind == "word" or prev.text in "_@") and not self.written_as_amount(j):
            return Core(i, self._skip_identifier(j), 0, None, None, skip=True)
        # after a hyphen glued to a name: a model or code ('Tu-160', 'T-72B', 'COVID-19', 'XR-9')
        before = self.tok(j - 2)
        if (sign is None and prev is not None and prev.text in "-‐‑" and not t.gap and not prev.gap
                and before is not None and before.kind == "word" and before.low not in NUMBER_PREFIX_WORDS
                and before.low not in NUMBER_WORDS and before.low not in fu.HEDGES_BEFORE):
            return Core(i, self._skip_identifier(j), 0, None, None, skip=True)
        value = digits_value(t.text)
        literal = t.text
        k = j + 1
        # 1.99×10−30
        if self.tok(k) is not None and toks[k].text in "×*x" and self.glued(k) and self.tok(k + 1) is not None \
                and toks[k + 1].text == "10" and self.glued(k + 1):
            e = k + 2
            exp_text = ""
            while self.glued(e) and not toks[e].text.isalpha():
                exp_text += toks[e].text
                e += 1
            power = exponent_value(exp_text)
            if power is not None:
                value *= 10 ** power
                literal, k = None, e
        # a/b: a fraction before 'of' or a unit; otherwise a date or a code ('24/7', '9/11')
        if self.tok(k) is not None and toks[k].text in "/⁄" and self.glued(k) and self.tok(k + 1) is not None \
                and toks[k + 1].kind == "num" and self.glued(k + 1):
            if self.tok(k + 2) is not None and toks[k + 2].text in "/⁄" and self.glued(k + 2):
                return Core(i, k + 3, 0, None, None, skip=True)
            den = digits_value(toks[k + 1].text)
            if den and self.word(k + 2) == "of" and value < den:
                frac = value / den
                return Core(i, k + 2, frac, frac, frac, kind="other", unit="fraction", num_end=k + 2)
            return Core(i, k + 2, 0, None, None, skip=True)
        # feet and inches: 6'3"
        if self.tok(k) is not None and toks[k].text in "'′’" and self.glued(k) and self.tok(k + 1) is not None \
                and toks[k + 1].kind == "num" and self.glued(k + 1) and self.tok(k + 2) is not None \
                and toks[k + 2].text in '"″”' and self.glued(k + 2) and digits_value(toks[k + 1].text) < 12:
            feet = value + digits_value(toks[k + 1].text) / 12
            return Core(i, k + 3, feet, feet, feet, kind="measure", unit="foot", unit_text="feet", num_end=k + 3)
        # a clock time or a score written with a colon ('4:39', '3:1')
        if self.tok(k) is not None and toks[k].text == ":" and self.glued(k) and self.tok(k + 1) is not None \
                and toks[k + 1].kind == "num" and self.glued(k + 1):
            return Core(i, k + 2, 0, None, None, skip=True)
        if sign in ("-", "minus"):
            value = -value
        # 'nine out of 10 voters', '3 in 4 voters': a share of a group, unless the second number is
        # an amount of time ('5 in 10 days')
        out_of = self.word(k) == "out" and self.word(k + 1) == "of"
        if sign is None and currency is None and literal and "." not in literal and (out_of or self.word(k) == "in"):
            den = self.read_denominator(k + (2 if out_of else 1))
            if den is not None and value < den[0] <= 1000 and self.word(den[1]) not in fu.TIME_UNITS:
                return Core(i, den[1], value / den[0], value / den[0], value / den[0], kind="other",
                            unit="fraction", num_end=den[1])
        marked = currency is None and sign is None and prev is not None and not t.gap and prev.kind == "word"
        # an unknown mark glued before an amount is part of the figure's text (and hedges come before it)
        core = Core(j - 1 if marked else i, k, value, value, value, literal=literal, sign=sign, num_end=k,
                    marked=marked)
        # glued suffix: ordinal, decade, scale, percent, unit, currency, or letters of a code
        w = self.tok(k)
        if w is not None and not w.gap and w.kind == "word":
            return self.read_glued_suffix(core, k, currency)
        if w is not None and not w.gap and w.text in ("%", "€", "£", "¥", "₹", "″", "°", "℃", "℉"):
            return core  # read by read_after
        if w is not None and not w.gap and w.kind == "num":
            return Core(i, self._skip_identifier(k), 0, None, None, skip=True)
        return self.read_scale_words(core, k, currency)

    def _skip_identifier(self, k: int) -> int:
        """Index after a run of glued letters, digits and inner hyphens/dots ('T-72B', 'b12345')."""
        while self.tok(k + 1) is not None and self.glued(k + 1) and (
                self.toks[k + 1].kind in ("word", "num")
                or self.toks[k + 1].text in "-./" and self.glued(k + 2) and self.toks[k + 2].kind in ("word", "num")):
            k += 1
        return k + 1

    def read_glued_suffix(self, core: Core, k: int, currency: str | None) -> Core | None:
        toks = self.toks
        w = toks[k]
        letters = w.text
        after_glued = self.glued(k + 1) and self.tok(k + 1).kind in ("word", "num") \
            and not fu.match_at(toks, k, "measure")
        if letters in ORDINAL_SUFFIXES and core.literal and "." not in core.literal:
            return replace(core, j=k + 1, kind="ordinal", num_end=k + 1)
        if letters == "s" and core.literal and "." not in core.literal and "," not in core.literal:
            if len(core.literal) == 4 or (len(core.literal) == 2 and core.literal.endswith("0")):
                return replace(core, j=k + 1, kind="year", num_end=k + 1)  # 1990s, 80s, 2018s
            return replace(core, j=self._skip_identifier(k - 1), skip=True)
        if w.low in ("am", "pm"):
            return replace(core, j=k + 1, skip=True)
        scale = None
        if w.low in SCALE_ABBREVIATIONS and not after_glued:
            scale = SCALE_ABBREVIATIONS[w.low]
        elif letters in SCALE_LETTERS and not after_glued and (currency is not None or letters in ("M", "B")):
            scale = SCALE_LETTERS[letters]
        if scale is not None:
            c = self._scaled(core, scale, k + 1)
            return self.read_scale_words(c, k + 1, currency)
        if letters in fu.GLUED_PERCENT and not after_glued:
            return replace(core, j=k + 1, kind="percent", unit=fu.GLUED_PERCENT[letters], unit_text=letters)
        for table, kind in (("measure", "measure"), ("time", "duration"), ("percent", "percent")):
            m = fu.match_at(toks, k, table)
            if m and not (self.glued(m.at) and self.tok(m.at).kind in ("word", "num")):
                unit = {"measure": fu.MEASURE_UNITS, "time": fu.TIME_UNITS, "percent": fu.PERCENT_WORDS}[table][m.phrase]
                return replace(core, j=m.at, kind=kind, unit=unit, unit_text=written(toks, k, m.at))
        if letters in fu.GLUED_UNITS and not after_glued:
            unit, kind = fu.GLUED_UNITS[letters]
            if letters == "m" and (currency is not None or core.marked or self.scale_before_unit(k + 1)):
                return self.read_scale_words(self._scaled(core, 1e6, k + 1), k + 1, currency)
            if kind == "money":
                return replace(core, j=k + 1, kind="money", unit=unit, unit_text=letters)
            if kind == "age":
                return replace(core, j=k + 1, kind="duration", unit=unit, unit_text=letters, hyphen_noun="age")
            return replace(core, j=k + 1, kind=kind, unit=unit, unit_text=letters)
        if w.low == "x" and not after_glued:
            return replace(core, j=k + 1, kind="other", unit="times", unit_text=letters)
        if letters in fu.CURRENCY_SUFFIXES:
            return replace(core, j=k + 1, kind="money", unit=fu.CURRENCY_SUFFIXES[letters], unit_text=letters)
        return replace(core, j=self._skip_identifier(k - 1), skip=True)

    def written_as_amount(self, j: int) -> bool:
        """Digits with thousands separators, or a decimal with a glued scale ('21,700', '8.1bn')."""
        t, nxt = self.toks[j], self.tok(j + 1)
        if "," in t.text:
            return True
        return "." in t.text and nxt is not None and not nxt.gap and nxt.kind == "word" and (
            nxt.low in SCALE_ABBREVIATIONS or nxt.text in SCALE_LETTERS) and not (
                self.glued(j + 2) and self.toks[j + 2].kind in ("word", "num"))

    def scale_before_unit(self, k: int) -> bool:
        """A unit or currency written after '3.4m' makes the m a scale: a length cannot be
        measured in tonnes ('3.4m tonnes', '2m barrels', '5m euros')."""
        t = self.tok(k)
        if t is None or not t.gap or t.br:
            return False
        return any(fu.match_at(self.toks, k, table) for table in ("measure", "currency_words"))

    def _scaled(self, core: Core, scale: float, j: int) -> Core:
        v = core.value * scale
        return replace(core, value=v, low=v, high=v, j=j, scaled=True, literal=None, num_end=j)

    def read_scale_words(self, core: Core, k: int, currency: str | None) -> Core:
        """'1.5 million', '4 hundred million', '$2 bn', '3 dozen'."""
        if self.hyphen(k) and self.word(k + 1) == "plus" and self.tok(k + 2) is not None and self.toks[k + 2].gap \
                and self.word(k + 2) in SCALE_WORDS:
            core = replace(core, plus=True)  # '700-plus billion pesos'
            k += 2
        while True:
            w = self.word(k)
            t = self.tok(k)
            if t is None or not t.gap:
                break
            if w in SCALE_WORDS:
                core = self._scaled(core, SCALE_WORDS[w], k + 1)
            elif w in SCALE_ABBREVIATIONS and w != "k":
                core = self._scaled(core, SCALE_ABBREVIATIONS[w], k + 1)
            elif t.text in ("m", "b", "k") and currency is not None and not (
                    self.glued(k + 1) and self.toks[k + 1].kind == "word"):
                core = self._scaled(core, {"m": 1e6, "b": 1e9, "k": 1e3}[t.text], k + 1)
            elif t.text in SCALE_LETTERS and t.text.isupper() and self.tok(k + 1) is not None \
                    and self.toks[k + 1].gap and self.toks[k + 1].kind == "word" and self.toks[k + 1].text.islower():
                # a capital letter alone between a number and a lower-case word can only be its scale
                # ('8 B people'); initials and grades come before names or stand alone ('Plan B')
                core = self._scaled(core, SCALE_LETTERS[t.text], k + 1)
            else:
                break
            k += 1
        return core

    def read_words(self, i: int, j: int) -> Core | None:
        w = self.word(j)
        # fractions: 'a third of', 'half of', 'half the', 'two-thirds of', 'one in five'
        frac = self.read_fraction(i, j)
        if frac is not None:
            return frac
        # vague amounts: 'a few dozen', 'several hundred', 'dozens', 'tens of thousands'
        terms: list[str] = []
        k = j
        if w == "a" and self.word(j + 1) == "few":
            terms, k = ["a few"], j + 2
        elif w in ("few", "several"):
            terms, k = [w], j + 1
        if terms:
            if self.word(k) not in SCALE_WORDS:
                return None
            while self.word(k) in SCALE_WORDS:
                terms.append(self.word(k))
                k += 1
        elif w in PLURAL_SCALES:
            if w in ("tens", "scores") and self.word(j + 1) != "of":
                return None
            terms, k = [w], j + 1
            while self.word(k) == "of" and self.word(k + 1) in PLURAL_SCALES - {"tens", "scores", "dozens"}:
                terms.append(self.word(k + 1)[:-1])  # 'tens of thousands' = tens x thousand
                k += 2
        if terms:
            amount = vague(*terms)
            core = Core(i, k, amount.value, amount.low, amount.high, qualifier="vague", words=True, num_end=k)
            # 'billions of dollars', 'millions of pounds': a vague amount of money
            if self.word(k) == "of":
                m = fu.match_at(self.toks, k + 1, "currency_words")
                if m and m.phrase.casefold() not in CURRENCY_ALSO_WORDS:
                    core = replace(core, j=m.at, kind="money", unit=fu.CURRENCY_WORDS[m.phrase] if m.phrase != "pounds"
                                   else "GBP", unit_text=written(self.toks, k + 1, m.at))
            return core
        multiple = self.read_multiple(i, j)
        if multiple is not None:
            return multiple
        wn = read_number_words(self.toks, j)
        if wn is None:
            return None
        return Core(i, wn.end, wn.value, wn.value, wn.value, words=True, num_end=wn.end)

    def read_multiple(self, i: int, j: int) -> Core | None:
        """A multiple written as one word: 'tripled' (a verb of change, so an increase), 'sixfold',
        'hundredfold' (a number word glued to -fold)."""
        w = self.word(j)
        if w in MULTIPLE_WORDS:
            v = MULTIPLE_WORDS[w]
            return Core(i, j + 1, v, v, v, kind="other", unit="times", unit_text=self.toks[j].text, words=True,
                        num_end=j + 1, change="increase" if v > 1 else "decrease")
        stem = w[:-4] if w and w.endswith("fold") else None
        if stem in NUMBER_WORDS or stem in SCALE_WORDS:
            v = float(NUMBER_WORDS.get(stem) or SCALE_WORDS[stem])
            return Core(i, j + 1, v, v, v, kind="other", unit="times", unit_text="fold", words=True, num_end=j + 1)
        return None

    def read_fraction(self, i: int, j: int) -> Core | None:
        w = self.word(j)
        k = None
        value = None
        if w in ("a", "one") and self.word(j + 1) in FRACTION_WORDS and self.tok(j + 1).gap or \
                w == "one" and self.hyphen(j + 1) and self.word(j + 2) in FRACTION_WORDS:
            f = j + 1 if self.word(j + 1) in FRACTION_WORDS else j + 2
            value, k = FRACTION_WORDS[self.word(f)], f + 1
        elif w in NUMBER_WORDS and 1 < NUMBER_WORDS[w] < 10 and (
                self.word(j + 1) in FRACTION_WORDS and self.word(j + 1).endswith("s")
                or self.hyphen(j + 1) and (self.word(j + 2) or "").endswith("s")
                and self.word(j + 2) in FRACTION_WORDS):
            f = j + 1 if self.word(j + 1) in FRACTION_WORDS else j + 2
            value, k = NUMBER_WORDS[w] * FRACTION_WORDS[self.word(f)], f + 1
        elif w == "half" and self.word(j + 1) in ("of", "the", "its", "their", "his", "her", "our", "all"):
            value, k = 0.5, j + 1
        elif w in NUMBER_WORDS and self.word(j + 1) in ("in", "out"):
            # 'one in five', 'one out of three', 'eight out of 10'
            k = j + 2 if self.word(j + 1) == "in" else (j + 3 if self.word(j + 2) == "of" else None)
            if k is not None:
                den = self.read_denominator(k)
                if den is None or den[0] <= NUMBER_WORDS[w] or den[0] > 1000:
                    return None
                value, k = NUMBER_WORDS[w] / den[0], den[1]
        if value is None or k is None:
            return None
        # 'a quarter of a million', 'half of a billion': a number, not a share
        if self.word(k) == "of" and self.word(k + 1) in ("a", "an") and self.word(k + 2) in SCALE_WORDS:
            v = value * SCALE_WORDS[self.word(k + 2)]
            return Core(i, k + 3, v, v, v, words=True, num_end=k + 3)
        if self.word(k) not in ("of", "the", "its", "their", "his", "her", "our", "all") and not (
                w in NUMBER_WORDS and self.word(j + 1) in ("in", "out")):
            return None
        return Core(i, k, value, value, value, kind="other", unit="fraction", words=True, num_end=k)

    def read_denominator(self, k: int) -> tuple[float, int] | None:
        """The 'five' of 'one in five' or the '10' of 'nine out of 10': (value, index after)."""
        t = self.tok(k)
        if t is not None and t.kind == "num" and "," not in t.text and "." not in t.text \
                and not (self.glued(k + 1) and self.toks[k + 1].kind in ("word", "num")):
            return digits_value(t.text), k + 1
        wn = read_number_words(self.toks, k)
        return (wn.value, wn.end) if wn is not None else None

