"""The vocabulary around a number: hedges, currencies, units, percent, and words of change.

Every table maps a phrase as written (matched token by token by the figure lexer, so "km/h",
"km / h" and "per cent" all work) to what it means. The figure extractor only reads these
tables; to teach it a new unit or hedge, add a line here.
"""
from __future__ import annotations

from functools import lru_cache

from pipeline.extract.figures.numbers import Lex, lex

# --- hedges ----------------------------------------------------------------------------------------

HEDGES_BEFORE: dict[str, str] = {
    # approximate: the writer gives a round or estimated figure
    "about": "approximate", "around": "approximate", "roughly": "approximate", "some": "approximate",
    "approximately": "approximate", "approx": "approximate", "approx.": "approximate", "circa": "approximate",
    "c.": "approximate", "ca.": "approximate", "nearly": "approximate", "almost": "approximate",
    "an estimated": "approximate", "estimated": "approximate", "close to": "approximate",
    "roughly about": "approximate", "just about": "approximate", "barely": "approximate",
    "~": "approximate", "≈": "approximate", "some estimated": "approximate", "perhaps": "approximate",
    "maybe": "approximate", "an approximate": "approximate",
    # lower bounds: the true figure is at least this
    "at least": "lower_bound", "more than": "lower_bound", "over": "lower_bound", "above": "lower_bound",
    "in excess of": "lower_bound", "upwards of": "lower_bound", "no fewer than": "lower_bound",
    "no less than": "lower_bound", "not less than": "lower_bound", "not fewer than": "lower_bound",
    "well over": "lower_bound", "just over": "lower_bound", "well above": "lower_bound",
    "just above": "lower_bound", "greater than": "lower_bound", "north of": "lower_bound",
    "over than": "lower_bound", "a minimum of": "lower_bound", "exceeding": "lower_bound",
    "well in excess of": "lower_bound", ">": "lower_bound", "≥": "lower_bound", "upward of": "lower_bound",
    # upper bounds: the true figure is at most this
    "up to": "upper_bound", "fewer than": "upper_bound", "less than": "upper_bound", "under": "upper_bound",
    "below": "upper_bound", "no more than": "upper_bound", "not more than": "upper_bound",
    "at most": "upper_bound", "just under": "upper_bound", "just below": "upper_bound",
    "well under": "upper_bound", "well below": "upper_bound", "a maximum of": "upper_bound",
    "as little as": "upper_bound", "<": "upper_bound", "≤": "upper_bound", "sub": "upper_bound",
    # said explicitly to be exact
    "exactly": "exact", "precisely": "exact", "a total of": "exact",
}
"""Words before a figure that set its qualifier ('about 1,000' -> approximate, 'over 50' -> lower_bound).

They are part of the figure's text. 'just' and 'only' are left out: they stress a figure
without changing what it means ('just a few dozen')."""

# Before these words 'about' is a preposition, not a hedge: 'learn more about 529 plans'.
ABOUT_GOVERNORS = {
    "talk", "talks", "talked", "talking", "learn", "learned", "learning", "know", "knew", "known", "think",
    "thought", "thinking", "care", "cares", "cared", "worry", "worried", "worries", "concern", "concerned",
    "concerns", "read", "write", "wrote", "written", "hear", "heard", "ask", "asked", "asking", "complain",
    "complained", "question", "questions", "more", "less", "much", "something", "nothing", "anything",
    "everything", "information", "story", "stories", "news", "details", "debate", "argue", "argued", "joke",
    "joked", "lie", "lied", "lying", "speak", "spoke", "spoken", "sure", "unsure", "excited", "happy", "upset",
    "curious", "clear", "tell", "told", "says", "said", "say", "report", "reported", "reports", "claim", "claims",
    "warn", "warned", "remark", "remarks", "comment", "comments", "article", "book", "film", "documentary"}

HEDGES_AFTER: dict[str, str] = {
    "or more": "lower_bound", "or so": "approximate", "or less": "upper_bound", "or fewer": "upper_bound",
    "and up": "lower_bound", "and above": "lower_bound", "plus": "lower_bound", "+": "lower_bound",
    "at most": "upper_bound", "at least": "lower_bound", "or thereabouts": "approximate",
}
"""Words after a figure that set its qualifier ('50 or more', '1,000-plus', '10+')."""

# --- currencies ------------------------------------------------------------------------------------

CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD", "US$": "USD", "US $": "USD", "U.S.$": "USD", "U.S. $": "USD", "$US": "USD", "USD": "USD",
    "A$": "AUD", "$A": "AUD", "AU$": "AUD", "AUD": "AUD", "C$": "CAD", "CA$": "CAD", "CAN$": "CAD", "CAD": "CAD",
    "NZ$": "NZD", "NZD": "NZD", "HK$": "HKD", "HK $": "HKD", "HKD": "HKD", "S$": "SGD", "SGD": "SGD",
    "NT$": "TWD", "R$": "BRL", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "¥": "JPY", "JPY": "JPY",
    "CNY": "CNY", "RMB": "CNY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "INR": "INR", "₽": "RUB", "RUB": "RUB",
    "₩": "KRW", "KRW": "KRW", "₪": "ILS", "NIS": "ILS", "ILS": "ILS", "₺": "TRY", "TRY": "TRY", "₦": "NGN",
    "NGN": "NGN", "CHF": "CHF", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "ZAR": "ZAR", "MXN": "MXN",
    "BRL": "BRL", "AED": "AED", "SAR": "SAR", "RM": "MYR", "MYR": "MYR", "฿": "THB", "THB": "THB",
    "₱": "PHP", "PHP": "PHP", "Rp": "IDR", "IDR": "IDR", "₫": "VND", "₴": "UAH", "UAH": "UAH", "PLN": "PLN",
    "₿": "BTC", "BTC": "BTC", "₡": "CRC", "₲": "PYG", "₵": "GHS", "₸": "KZT", "₾": "GEL", "₼": "AZN",
    "₮": "MNT", "₭": "LAK", "₨": "rupee",
    # ASCII transliterations of £ and ¥ (what unidecode and many news feeds make of them)
    "PS": "GBP", "Y=": "JPY",
}
"""Currency marks written before the amount, mapped to ISO 4217 codes. A bare '$' is taken as US
dollars, the convention of English-language news; outlets that mean another dollar say so
('A$', 'HK$', 'Canadian dollars')."""

# Prefixes that must be glued to the digits: as separate words they are ordinary words or initials.
GLUED_ONLY_PREFIXES = {"PS", "Y=", "RM", "Rs", "Rp", "R$"}

CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "US dollars": "USD", "U.S. dollars": "USD", "US dollar": "USD",
    "American dollars": "USD", "Australian dollars": "AUD", "Australian dollar": "AUD",
    "Canadian dollars": "CAD", "Canadian dollar": "CAD", "Hong Kong dollars": "HKD", "New Zealand dollars": "NZD",
    "Singapore dollars": "SGD", "Taiwan dollars": "TWD", "Taiwanese dollars": "TWD",
    "euro": "EUR", "euros": "EUR", "pounds sterling": "GBP", "sterling": "GBP", "pound sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "Indian rupees": "INR",
    "Pakistani rupees": "PKR", "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB",
    "shekel": "ILS", "shekels": "ILS", "new shekels": "ILS", "won": "KRW", "Swedish kronor": "SEK",
    "Swedish crowns": "SEK", "kronor": "SEK", "krona": "SEK", "Danish crowns": "DKK", "Danish kroner": "DKK",
    "Danish krone": "DKK", "Norwegian crowns": "NOK", "Norwegian kroner": "NOK", "Norwegian krone": "NOK",
    "Czech crowns": "CZK", "koruna": "CZK", "Swiss francs": "CHF", "Swiss franc": "CHF", "reais": "BRL",
    "Brazilian reais": "BRL", "Mexican pesos": "MXN", "Argentine pesos": "ARS", "Philippine pesos": "PHP",
    "Chilean pesos": "CLP", "Colombian pesos": "COP", "rand": "ZAR", "lira": "TRY", "Turkish lira": "TRY",
    "ringgit": "MYR", "baht": "THB", "dirhams": "AED", "dirham": "AED", "riyals": "SAR", "riyal": "SAR",
    "naira": "NGN", "cedis": "GHS", "Kenyan shillings": "KES", "rupiah": "IDR", "dong": "VND",
    "bolivars": "VES", "bolivares": "VES", "hryvnias": "UAH", "hryvnia": "UAH", "zlotys": "PLN", "zloty": "PLN",
    "forints": "HUF", "forint": "HUF", "bitcoin": "BTC", "bitcoins": "BTC",
    # amounts in minor units keep their value in those units ('up 19 cents')
    "cents": "cent", "cent": "cent", "pence": "GBX", "penny": "GBX", "sen": "sen",
    # currency names with no single country: the unit is the name
    "francs": "franc", "pesos": "peso", "crowns": "crown", "kroner": "krone", "shillings": "shilling",
    "dinars": "dinar",
}
"""Currency names written after the amount ('10.5 million Australian dollars'), mapped to ISO 4217
codes where the name fixes one, else to the name itself. Matched case-insensitively except that
the country adjective must be there when written ('Danish crowns')."""

# Currency codes or country marks written right after an amount: '1,200€', '110 JPY', '$76 US'.
CURRENCY_SUFFIXES: dict[str, str] = {
    "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW", "₪": "ILS", "USD": "USD", "EUR": "EUR",
    "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY", "CHF": "CHF", "CAD": "CAD", "AUD": "AUD", "HKD": "HKD",
    "INR": "INR", "RUB": "RUB", "NIS": "ILS", "SEK": "SEK", "NOK": "NOK", "DKK": "DKK", "ZAR": "ZAR", "MXN": "MXN",
    "BRL": "BRL", "TRY": "TRY", "KRW": "KRW", "SGD": "SGD", "NZD": "NZD", "BTC": "BTC",
}
# After a $ amount, a country mark restates the currency: "$76 US a barrel", "$75 U.S. per barrel".
DOLLAR_COUNTRY_SUFFIXES = {"US": "USD", "U.S.": "USD", "USD": "USD", "CAD": "CAD", "AUD": "AUD", "NZD": "NZD"}

CURRENCY_NAMES = {"USD": "dollars", "AUD": "Australian dollars", "CAD": "Canadian dollars",
                  "NZD": "New Zealand dollars", "HKD": "Hong Kong dollars", "SGD": "Singapore dollars",
                  "TWD": "Taiwan dollars", "EUR": "euros",
                  "GBP": "pounds", "GBX": "pence", "JPY": "yen", "CNY": "yuan", "INR": "rupees", "RUB": "rubles",
                  "KRW": "won", "ILS": "shekels", "TRY": "lira", "NGN": "naira", "CHF": "Swiss francs",
                  "SEK": "kronor", "NOK": "kroner", "DKK": "kroner", "ZAR": "rand", "MXN": "pesos",
                  "BRL": "reais", "AED": "dirhams", "SAR": "riyals", "MYR": "ringgit", "THB": "baht",
                  "PHP": "pesos", "IDR": "rupiah", "VND": "dong", "UAH": "hryvnias", "PLN": "zlotys",
                  "BTC": "bitcoin", "cent": "cents", "sen": "sen"}
"""The currency in words, used as `counted` of a money figure when nothing more specific is said."""

# --- percent ---------------------------------------------------------------------------------------

PERCENT_WORDS: dict[str, str] = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent", "per-cent": "percent",
    "percentage points": "percentage point", "percentage point": "percentage point",
    "points percentage": "percentage point",
    "basis points": "basis point", "basis point": "basis point", "bps": "basis point", "bp": "basis point",
}
# 'pc' is British shorthand for per cent, but only glued to the digits ('1.38pc'): '5 pc' may be a piece.
GLUED_PERCENT = {"pc": "percent", "bps": "basis point", "bp": "basis point"}

# --- units -----------------------------------------------------------------------------------------

MEASURE_UNITS: dict[str, str] = {
    # length
    "mile": "mile", "miles": "mile", "mi": "mile", "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km",
    "kilometer": "km", "kilometers": "km", "metre": "metre", "metres": "metre", "meter": "metre", "meters": "metre",
    "cm": "cm", "centimetre": "cm", "centimetres": "cm", "centimeter": "cm", "centimeters": "cm",
    "mm": "mm", "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm",
    "μm": "micrometre", "µm": "micrometre", "micrometre": "micrometre", "micrometres": "micrometre",
    "micrometer": "micrometre", "micrometers": "micrometre", "micron": "micrometre", "microns": "micrometre",
    "nm": "nm", "nanometre": "nm", "nanometres": "nm", "nanometer": "nm",
    "nanometers": "nm", "foot": "foot", "feet": "foot", "ft": "foot", "inch": "inch", "inches": "inch",
    "″": "inch", "yard": "yard", "yards": "yard", "yd": "yard", "yds": "yard", "nautical miles": "nautical mile",
    "nautical mile": "nautical mile", "light-years": "light-year", "light years": "light-year",
    "light-year": "light-year",
    # area
    "square miles": "sq mi", "square mile": "sq mi", "sq mi": "sq mi", "square kilometres": "sq km",
    "square kilometers": "sq km", "square kilometre": "sq km", "square kilometer": "sq km", "km2": "sq km",
    "sq km": "sq km", "square metres": "sq m", "square meters": "sq m", "square metre": "sq m",
    "square meter": "sq m", "sq m": "sq m", "sqm": "sq m", "m2": "sq m", "m²": "sq m", "square feet": "sq ft",
    "square foot": "sq ft", "sq ft": "sq ft", "sq. ft.": "sq ft", "sq.ft": "sq ft", "acre": "acre", "acres": "acre",
    "hectare": "hectare", "hectares": "hectare", "ha": "hectare",
    # volume
    "litre": "litre", "litres": "litre", "liter": "litre", "liters": "litre", "ml": "ml", "millilitre": "ml",
    "millilitres": "ml", "milliliter": "ml", "milliliters": "ml", "gallon": "gallon", "gallons": "gallon",
    "barrel": "barrel", "barrels": "barrel", "bbl": "barrel", "cubic feet": "cu ft", "cubic foot": "cu ft",
    "cubic metres": "cu m", "cubic meters": "cu m", "cubic metre": "cu m", "cubic meter": "cu m", "m3": "cu m",
    "m³": "cu m", "pint": "pint", "pints": "pint", "quart": "quart", "quarts": "quart",
    "fluid ounces": "fl oz", "fluid ounce": "fl oz", "fl oz": "fl oz", "TEU": "TEU", "TEUs": "TEU",
    # mass
    "pound": "pound", "pounds": "pound", "lb": "pound", "lbs": "pound", "ounce": "ounce", "ounces": "ounce",
    "oz": "ounce", "kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg", "kilogramme": "kg",
    "kilogrammes": "kg", "kilo": "kg", "kilos": "kg", "gram": "gram", "grams": "gram", "gramme": "gram",
    "grammes": "gram",
    "mg": "mg", "milligram": "mg", "milligrams": "mg", "tonne": "tonne", "tonnes": "tonne",
    "metric tons": "tonne", "metric ton": "tonne", "ton": "ton", "tons": "ton", "carat": "carat",
    "carats": "carat", "stone": "stone", "troy ounces": "troy ounce", "troy ounce": "troy ounce",
    # speed and fuel use
    "mph": "mph", "miles per hour": "mph", "miles an hour": "mph", "mile per hour": "mph",
    "km/h": "km/h", "km/hr": "km/h", "kph": "km/h", "kmh": "km/h", "kilometres per hour": "km/h",
    "kilometers per hour": "km/h", "kilometres an hour": "km/h", "kilometers an hour": "km/h",
    "knots": "knot", "knot": "knot", "m/s": "m/s", "mpg": "mpg", "miles per gallon": "mpg",
    # power, energy, electricity
    "watt": "watt", "watts": "watt", "kW": "kW", "kilowatt": "kW", "kilowatts": "kW", "MW": "MW",
    "megawatt": "MW", "megawatts": "MW", "GW": "GW", "gigawatt": "GW", "gigawatts": "GW", "TW": "TW",
    "kWh": "kWh", "kilowatt-hours": "kWh", "kilowatt hours": "kWh", "kilowatt-hour": "kWh", "kilowatt hour": "kWh",
    "MWh": "MWh", "megawatt-hours": "MWh", "megawatt hours": "MWh", "GWh": "GWh", "gigawatt-hours": "GWh",
    "gigawatt hours": "GWh", "TWh": "TWh", "terawatt-hours": "TWh", "terawatt hours": "TWh",
    "hp": "hp", "horsepower": "hp", "bhp": "hp", "brake horsepower": "hp", "PS": "hp",
    "Nm": "Nm", "newton-metres": "Nm", "newton metres": "Nm", "newton metre": "Nm", "lb-ft": "lb-ft",
    "lb ft": "lb-ft",
    "pound-feet": "lb-ft", "pound-foot": "lb-ft", "foot-pounds": "lb-ft", "mAh": "mAh", "volt": "volt",
    "volts": "volt", "amps": "ampere", "amperes": "ampere", "Hz": "Hz", "hertz": "Hz", "kHz": "kHz", "MHz": "MHz",
    "GHz": "GHz", "calories": "kcal", "calorie": "kcal", "kcal": "kcal", "joules": "joule", "rpm": "rpm",
    "RPM": "rpm", "BTU": "BTU",
    "BTUs": "BTU", "mmBTU": "mmBTU", "MMBtu": "mmBTU", "farad": "farad", "farads": "farad",
    # data
    "KB": "KB", "MB": "MB", "GB": "GB", "TB": "TB", "PB": "PB", "kilobytes": "KB", "megabytes": "MB",
    "gigabytes": "GB", "terabytes": "TB", "petabytes": "PB", "Mbps": "Mbps", "Gbps": "Gbps", "kbps": "kbps",
    "Mb/s": "Mbps", "Gb/s": "Gbps",
    # pressure, temperature, sound, concentration, radiation
    "psi": "psi", "Pa": "Pa", "kPa": "kPa", "MPa": "MPa", "GPa": "GPa", "gigapascals": "GPa",
    "gigapascal": "GPa", "°C": "celsius", "ºC": "celsius", "℃": "celsius", "° C": "celsius",
    "degrees Celsius": "celsius",
    "degree Celsius": "celsius", "degrees C": "celsius", "Celsius": "celsius", "°F": "fahrenheit",
    "ºF": "fahrenheit", "℉": "fahrenheit", "° F": "fahrenheit", "degrees Fahrenheit": "fahrenheit",
    "degree Fahrenheit": "fahrenheit", "degrees F": "fahrenheit", "Fahrenheit": "fahrenheit", "degrees": "degree",
    "degree": "degree", "°": "degree",
    "dB": "dB", "decibels": "dB", "decibel": "dB", "ppm": "ppm", "ppb": "ppb", "parts per million": "ppm",
    "parts per billion": "ppb", "mSv": "mSv", "millisieverts": "mSv",
}
"""Units of measure as written, mapped to the unit stored in `unit` (kind 'measure').

Imperial units keep their English name (mile, pound, foot); metric and electrical units with a
prefix their usual symbol (km, kg, kW, GB); one-letter and non-ASCII symbols, which are ambiguous
in a table, their name (metre, gram, watt, celsius, micrometre, 'sq m'). Case-sensitive entries (see
CASED_UNITS) are matched exactly; all others ignore case ('11 FEET')."""

TIME_UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second", "minute": "minute",
    "minutes": "minute", "min": "minute", "mins": "minute", "hour": "hour", "hours": "hour", "hr": "hour",
    "hrs": "hour", "day": "day", "days": "day", "night": "night", "nights": "night", "week": "week",
    "weeks": "week", "wk": "week", "wks": "week", "fortnight": "fortnight", "fortnights": "fortnight",
    "month": "month", "months": "month", "year": "year", "years": "year", "yr": "year", "yrs": "year",
    "decade": "decade", "decades": "decade", "century": "century", "centuries": "century",
    "millennium": "millennium", "millennia": "millennium", "ms": "millisecond", "millisecond": "millisecond",
    "milliseconds": "millisecond", "season": "season", "seasons": "season", "weekend": "weekend",
    "weekends": "weekend", "quarter": "quarter", "quarters": "quarter", "semester": "semester",
    "semesters": "semester",
}
"""Units of time: a figure in these is a duration (kind 'duration': 'three years', '40min')."""

RATIO_UNITS = {"times": "times", "x": "times", "fold": "times", "-fold": "times"}
"""Multiples ('6.5 times earnings', '10x'): kind 'other', unit 'times'."""

# Units matched with their exact case: as lower-case words they are something else ('PS' is
# horsepower after a number, '£' before it; 'MB' megabytes, 'mb' millibars).
CASED_UNITS = {"kW", "MW", "GW", "TW", "kWh", "MWh", "GWh", "TWh", "PS", "Nm", "mAh", "Hz", "kHz", "MHz",
               "GHz", "KB", "MB", "GB", "TB", "PB", "Mbps", "Gbps", "kbps", "Mb/s", "Gb/s", "Pa", "kPa",
               "MPa", "GPa", "dB", "TEU", "TEUs", "BTU", "BTUs", "mmBTU", "MMBtu", "mSv", "RPM",
               "degrees C", "degrees F", "ha", "mi", "ms", "x", "kms"}

# One-letter (and some two-letter) units: only glued to the digits ('37m', '45g', '5W', '12C'),
# never as a separate word, where they are initials, articles or grades.
GLUED_UNITS = {"m": ("metre", "measure"), "g": ("gram", "measure"), "l": ("litre", "measure"),
               "L": ("litre", "measure"), "W": ("watt", "measure"), "V": ("volt", "measure"),
               "A": ("ampere", "measure"), "C": ("celsius", "measure"), "F": ("fahrenheit", "measure"),
               "s": ("second", "duration"), "h": ("hour", "duration"), "mL": ("ml", "measure"),
               "t": ("tonne", "measure"), "p": ("GBX", "money"), "K": ("kelvin", "measure"),
               "in": ("inch", "measure"), "d": ("day", "duration"), "y": ("year", "duration"),
               "yo": ("year", "age"), "mo": ("month", "duration")}
# Units that may stand after a space although they are one letter: SI writing ('5 W charger').
SPACED_LETTER_UNITS = {"W": "watt", "V": "volt"}

# Ages: '50-year-old', '18 month-old', '65 years old', 'aged 65'.
AGE_UNITS = {"year-old": "year", "years-old": "year", "years old": "year", "year old": "year",
             "month-old": "month", "months old": "month", "months-old": "month", "week-old": "week",
             "weeks old": "week", "day-old": "day", "days old": "day", "yo": "year", "y.o.": "year"}

# Rates: the denominator after 'per', 'a'/'an' or '/' ('$58.24 per barrel', '$3,500 a month').
RATE_DENOMINATORS = {
    "barrel": "barrel", "ounce": "ounce", "gallon": "gallon", "litre": "litre", "liter": "litre", "share": "share",
    "head": "head", "person": "person", "capita": "person", "year": "year", "month": "month", "week": "week",
    "day": "day", "hour": "hour", "minute": "minute", "second": "second", "night": "night", "tonne": "tonne",
    "ton": "ton", "kg": "kg", "kilogram": "kg", "pound": "pound", "lb": "pound", "gram": "g", "g": "g",
    "mile": "mile", "km": "km", "kilometre": "km", "kilometer": "km", "square foot": "sq ft", "sq ft": "sq ft",
    "square metre": "sq m", "square meter": "sq m", "sq m": "sq m", "m2": "sq m", "square mile": "sq mi",
    "acre": "acre",
    "hectare": "hectare", "mmBTU": "mmBTU", "MMBtu": "mmBTU", "kWh": "kWh", "MWh": "MWh", "unit": "unit",
    "game": "game", "ticket": "ticket", "seat": "seat", "household": "household", "student": "student",
    "century": "century", "decade": "decade", "annum": "year", "year-on-year": None,
}
# 'a'/'an' as a rate marker only before these ('$800 million a year', '3 times a week').
ARTICLE_RATE_DENOMINATORS = {"year", "month", "week", "day", "hour", "minute", "second", "night", "barrel",
                             "ounce", "gallon", "litre", "liter", "share", "head", "person", "tonne", "ton",
                             "pound", "kilo", "kilogram", "piece", "game", "season", "decade", "century"}

# --- change ----------------------------------------------------------------------------------------

INCREASE_WORDS = {"rise", "gain", "climb", "jump", "surge", "soar", "advance", "increase", "grow", "add",
                  "rally", "spike", "rebound", "boost", "raise", "lift", "expand", "swell", "balloon", "hike",
                  "accelerate", "recover", "improve", "widen", "up", "higher", "upward", "upwards", "firm",
                  "strengthen", "leap",
                  "skyrocket", "rocket", "inch", "tick", "edge", "bump", "increment", "appreciate"}
DECREASE_WORDS = {"fall", "drop", "decline", "slide", "slip", "sink", "plunge", "plummet", "tumble", "dip",
                  "lose", "shed", "decrease", "shrink", "cut", "reduce", "lower", "ease", "retreat", "sag",
                  "slump", "crash", "contract", "trim", "slash", "erode", "weaken", "down", "narrow", "dive",
                  "tank", "crater", "downward", "downwards", "depreciate", "drain", "diminish", "decelerate",
                  "collapse", "sap"}
"""Verb lemmas (and the adverbs up/down, higher/lower) that make a figure a change: 'rose 19
cents' -> increase, 'fell 0.94%' -> decrease. 'inch', 'tick' and 'edge' count only with up/down
after them ('edged up 0.2%')."""
# Nouns of change: a figure before them sizes the change ('a 3% drop') and is not what they count.
CHANGE_NOUNS = {"increase", "rise", "gain", "jump", "surge", "growth", "hike", "boost", "rally", "improvement",
                "drop", "fall", "decline", "decrease", "cut", "reduction", "slump", "dip", "plunge", "slide",
                "loss", "change", "swing", "shift", "move", "advance", "retreat", "contraction", "expansion"}
NEUTRAL_DIRECTION_VERBS = {"inch", "tick", "edge", "shoot", "move", "go", "trend", "head"}

# --- phrase matching -------------------------------------------------------------------------------

_TABLES = {
    "hedges_before": HEDGES_BEFORE, "hedges_after": HEDGES_AFTER, "currency_words": CURRENCY_WORDS,
    "currency_prefix": CURRENCY_PREFIXES, "currency_suffix": CURRENCY_SUFFIXES, "percent": PERCENT_WORDS,
    "measure": MEASURE_UNITS, "time": TIME_UNITS, "age": AGE_UNITS, "rate": RATE_DENOMINATORS,
    "ratio": RATIO_UNITS, "dollar_country": DOLLAR_COUNTRY_SUFFIXES,
}
# Tables whose every entry is matched with its case (symbols and codes).
_ALL_CASED = {"currency_prefix", "currency_suffix", "dollar_country"}


@lru_cache(maxsize=None)
def _phrase_index(table_id: str) -> dict[str, list[tuple[int, str, bool]]]:
    """casefolded first token -> [(number of tokens, phrase, cased)], longest first."""
    table = _TABLES[table_id]
    index: dict[str, list] = {}
    for phrase in table:
        toks = lex(phrase)
        if toks:
            cased = table_id in _ALL_CASED or phrase in CASED_UNITS
            index.setdefault(toks[0].low, []).append((len(toks), phrase, cased))
    for entries in index.values():
        entries.sort(key=lambda e: -e[0])
    return index


def written(toks: list[Lex], i: int, j: int) -> str:
    """toks[i:j] as written, with each run of whitespace as one space."""
    return "".join((" " if k > i and toks[k].gap else "") + toks[k].text for k in range(i, min(j, len(toks))))


def match_at(toks: list[Lex], i: int, table_id: str) -> tuple[str, int] | None:
    """The longest phrase of a table written at toks[i]: (the phrase as in the table, index after it).

    Spaces matter ('km/h' is not 'km / h'); case matters for symbols, codes and CASED_UNITS only.
    """
    if i >= len(toks):
        return None
    for n, phrase, cased in _phrase_index(table_id).get(toks[i].low, ()):
        j = i + n
        if j > len(toks) or any(t.br for t in toks[i + 1:j]):
            continue
        seen = written(toks, i, j)
        if seen == phrase or (not cased and seen.casefold() == phrase.casefold()):
            return phrase, j
    return None


def match_before(toks: list[Lex], end: int, table_id: str) -> tuple[str, int] | None:
    """The longest phrase of a table that ends just before toks[end]: (phrase, index of its first token)."""
    best = None
    for k in range(1, 6):
        i = end - k
        if i < 0:
            break
        m = match_at(toks, i, table_id)
        if m and m[1] == end:
            best = (m[0], i)
    return best
