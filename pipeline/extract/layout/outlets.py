"""A registry of well-known news outlets, news agencies and wire services.

Used by the layout parser (an outlet named in a byline line, a URL's domain, the outlets an article
cites) and by entity post-processing (an outlet is an ORG, whatever the model says). A registry
entry is a fact about the world, not about one article: add outlets freely.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    agency: bool = False  # news or photo agency / wire service


OUTLETS: tuple[Outlet, ...] = (
    Outlet("The Wall Street Journal", ("Wall Street Journal", "WSJ", "the Journal"), ("wsj.com",)),
    Outlet("The New York Times", ("New York Times", "NYT", "the Times"), ("nytimes.com",)),
    Outlet("The Washington Post", ("Washington Post", "WaPo", "the Post"), ("washingtonpost.com",)),
    Outlet("The Moscow Times", ("Moscow Times",), ("themoscowtimes.com",)),
    Outlet("New York Post", ("The New York Post", "NY Post"), ("nypost.com",)),
    Outlet("USA Today", ("USA TODAY",), ("usatoday.com",)),
    Outlet("Los Angeles Times", ("LA Times", "L.A. Times"), ("latimes.com",)),
    Outlet("Chicago Tribune", (), ("chicagotribune.com",)),
    Outlet("The Boston Globe", ("Boston Globe",), ("bostonglobe.com",)),
    Outlet("Financial Times", ("The Financial Times", "FT"), ("ft.com",)),
    Outlet("The Economist", ("Economist",), ("economist.com",)),
    Outlet("The Guardian", ("Guardian",), ("theguardian.com",)),
    Outlet("The Telegraph", ("Daily Telegraph", "The Daily Telegraph"), ("telegraph.co.uk",)),
    Outlet("The Independent", (), ("independent.co.uk",)),
    Outlet("Daily Mail", ("The Daily Mail", "Mail Online", "MailOnline"), ("dailymail.co.uk",)),
    Outlet("BBC", ("BBC News", "British Broadcasting Corporation"), ("bbc.com", "bbc.co.uk")),
    Outlet("Sky News", (), ("news.sky.com",)),
    Outlet("CNN", ("Cable News Network",), ("cnn.com",)),
    Outlet("Fox News", ("Fox News Channel",), ("foxnews.com",)),
    Outlet("NBC News", ("NBC",), ("nbcnews.com",)),
    Outlet("CBS News", ("CBS",), ("cbsnews.com",)),
    Outlet("ABC News", (), ("abcnews.go.com",)),
    Outlet("MSNBC", (), ("msnbc.com",)),
    Outlet("CNBC", (), ("cnbc.com",)),
    Outlet("NPR", ("National Public Radio",), ("npr.org",)),
    Outlet("Politico", ("POLITICO",), ("politico.com",)),
    Outlet("The Hill", (), ("thehill.com",)),
    Outlet("Axios", (), ("axios.com",)),
    Outlet("Bloomberg", ("Bloomberg News",), ("bloomberg.com",)),
    Outlet("Newsweek", (), ("newsweek.com",)),
    Outlet("Time", ("TIME magazine", "Time magazine"), ("time.com",)),
    Outlet("The Atlantic", (), ("theatlantic.com",)),
    Outlet("The New Yorker", (), ("newyorker.com",)),
    Outlet("HuffPost", ("Huffington Post", "The Huffington Post"), ("huffpost.com", "huffingtonpost.com")),
    Outlet("Breitbart News", ("Breitbart",), ("breitbart.com",)),
    Outlet("The Western Journal", ("Western Journal",), ("westernjournal.com",)),
    Outlet("Business Insider", ("Insider",), ("businessinsider.com",)),
    Outlet("Forbes", (), ("forbes.com",)),
    Outlet("Fortune", (), ("fortune.com",)),
    Outlet("Vox", (), ("vox.com",)),
    Outlet("BuzzFeed News", ("BuzzFeed",), ("buzzfeednews.com",)),
    Outlet("The Daily Beast", ("Daily Beast",), ("thedailybeast.com",)),
    Outlet("Zero Hedge", ("ZeroHedge",), ("zerohedge.com",)),
    Outlet("Al Jazeera", (), ("aljazeera.com",)),
    Outlet("Deutsche Welle", ("DW",), ("dw.com",)),
    Outlet("Der Spiegel", ("Spiegel",), ("spiegel.de",)),
    Outlet("Le Monde", (), ("lemonde.fr",)),
    Outlet("El País", ("El Pais",), ("elpais.com",)),
    Outlet("South China Morning Post", ("SCMP",), ("scmp.com",)),
    Outlet("The Times of India", ("Times of India",), ("timesofindia.indiatimes.com",)),
    Outlet("The Japan Times", ("Japan Times",), ("japantimes.co.jp",)),
    Outlet("Haaretz", (), ("haaretz.com",)),
    Outlet("The Jerusalem Post", ("Jerusalem Post",), ("jpost.com",)),
    Outlet("The Globe and Mail", ("Globe and Mail",), ("theglobeandmail.com",)),
    Outlet("CBC News", ("CBC",), ("cbc.ca",)),
    Outlet("The Sydney Morning Herald", ("Sydney Morning Herald",), ("smh.com.au",)),
    Outlet("Kommersant", (), ("kommersant.ru",)),
    Outlet("Vedomosti", (), ("vedomosti.ru",)),
    Outlet("RT", ("Russia Today",), ("rt.com",)),
    Outlet("Sputnik", (), ("sputniknews.com",)),
    Outlet("Johnson's Russia List", ("JRL", "JRL NEWSWATCH", "JRL Newswatch"), ("russialist.org",)),
    # Agencies and wire services.
    Outlet("Reuters", ("Thomson Reuters",), ("reuters.com",), agency=True),
    Outlet("Associated Press", ("AP", "The Associated Press"), ("apnews.com",), agency=True),
    Outlet("Agence France-Presse", ("AFP", "Agence France Presse"), ("afp.com",), agency=True),
    Outlet("TASS", ("ITAR-TASS",), ("tass.com", "tass.ru"), agency=True),
    Outlet("RIA Novosti", ("RIA",), ("ria.ru",), agency=True),
    Outlet("Interfax", (), ("interfax.com", "interfax.ru"), agency=True),
    Outlet("United Press International", ("UPI",), ("upi.com",), agency=True),
    Outlet("Xinhua", ("Xinhua News Agency",), ("xinhuanet.com",), agency=True),
    Outlet("Kyodo News", ("Kyodo",), ("kyodonews.net",), agency=True),
    Outlet("Yonhap", ("Yonhap News Agency",), ("yna.co.kr",), agency=True),
    Outlet("EFE", (), ("efe.com",), agency=True),
    Outlet("ANSA", (), ("ansa.it",), agency=True),
    Outlet("Press Trust of India", ("PTI",), ("ptinews.com",), agency=True),
    Outlet("Anadolu Agency", ("Anadolu",), ("aa.com.tr",), agency=True),
    Outlet("Getty Images", ("Getty",), ("gettyimages.com",), agency=True),
    Outlet("European Pressphoto Agency", ("EPA",), ("epa.eu",), agency=True),
    # National news agencies.
    Outlet("Bernama", ("Malaysian National News Agency",), ("bernama.com",), agency=True),
    Outlet("Antara", ("Antara News Agency",), ("antaranews.com",), agency=True),
    Outlet("Philippine News Agency", ("PNA",), ("pna.gov.ph",), agency=True),
    Outlet("Vietnam News Agency", ("VNA",), ("vnanet.vn",), agency=True),
    Outlet("MONTSAME", ("Montsame", "MONTSAME News Agency"), ("montsame.mn",), agency=True),
    Outlet("Kuwait News Agency", ("KUNA",), ("kuna.net.kw",), agency=True),
    Outlet("Emirates News Agency", ("WAM",), ("wam.ae",), agency=True),
    Outlet("Saudi Press Agency", ("SPA",), ("spa.gov.sa",), agency=True),
    Outlet("Qatar News Agency", ("QNA",), ("qna.org.qa",), agency=True),
    Outlet("Oman News Agency", ("ONA",), ("omannews.gov.om",), agency=True),
    Outlet("Middle East News Agency", ("MENA",), ("mena.org.eg",), agency=True),
    Outlet("Algeria Press Service", ("APS",), ("aps.dz",), agency=True),
    Outlet("Ghana News Agency", ("GNA",), ("gna.org.gh",), agency=True),
    Outlet("Kenya News Agency", ("KNA",), ("kenyanews.go.ke",), agency=True),
    Outlet("News Agency of Nigeria", ("NAN",), ("nannews.ng",), agency=True),
    Outlet("Inter Press Service", ("IPS",), ("ipsnews.net",), agency=True),
    Outlet("Prensa Latina", (), ("prensa-latina.cu",), agency=True),
    Outlet("Agência Brasil", ("Agencia Brasil",), ("agenciabrasil.ebc.com.br",), agency=True),
    Outlet("Télam", ("Telam",), ("telam.com.ar",), agency=True),
    Outlet("Andina", ("Agencia Andina",), ("andina.pe",), agency=True),
    Outlet("Notimex", (), ("notimex.gob.mx",), agency=True),
    Outlet("IRNA", ("Islamic Republic News Agency",), ("irna.ir",), agency=True),
    Outlet("Tasnim News Agency", ("Tasnim",), ("tasnimnews.com",), agency=True),
    Outlet("Fars News Agency", ("Fars",), ("farsnews.ir",), agency=True),
    Outlet("WAFA", ("Palestinian News and Info Agency",), ("wafa.ps",), agency=True),
    Outlet("KCNA", ("Korean Central News Agency",), ("kcna.kp",), agency=True),
    Outlet("Jiji Press", ("Jiji",), ("jiji.com",), agency=True),
    Outlet("Asian News International", ("ANI",), ("aninews.in",), agency=True),
    Outlet("Indo-Asian News Service", ("IANS",), ("ians.in",), agency=True),
    Outlet("Bangladesh Sangbad Sangstha", ("BSS",), ("bssnews.net",), agency=True),
    Outlet("Associated Press of Pakistan", (), ("app.com.pk",), agency=True),
    Outlet("Central News Agency", ("CNA",), ("focustaiwan.tw", "cna.com.tw"), agency=True),
    Outlet("Ukrinform", (), ("ukrinform.net",), agency=True),
    Outlet("BelTA", (), ("belta.by",), agency=True),
    # Broadcasters and papers of world news.
    Outlet("NHK", ("NHK World",), ("nhk.or.jp",)),
    Outlet("CGTN", ("China Global Television Network",), ("cgtn.com",)),
    Outlet("CCTV", ("China Central Television",), ("cctv.com",)),
    Outlet("Global Times", (), ("globaltimes.cn",)),
    Outlet("China Daily", (), ("chinadaily.com.cn",)),
    Outlet("People's Daily", (), ("people.com.cn",)),
    Outlet("Asahi Shimbun", ("The Asahi Shimbun", "Asahi"), ("asahi.com",)),
    Outlet("Yomiuri Shimbun", ("The Yomiuri Shimbun", "Yomiuri"), ("yomiuri.co.jp",)),
    Outlet("Nikkei", ("Nikkei Asia",), ("nikkei.com",)),
    Outlet("The Korea Herald", ("Korea Herald",), ("koreaherald.com",)),
    Outlet("Korea JoongAng Daily", ("JoongAng Daily", "JoongAng Ilbo"), ("joins.com",)),
    Outlet("Taipei Times", (), ("taipeitimes.com",)),
    Outlet("The Straits Times", ("Straits Times",), ("straitstimes.com",)),
    Outlet("Hindustan Times", (), ("hindustantimes.com",)),
    Outlet("The Hindu", (), ("thehindu.com",)),
    Outlet("The Daily Star", ("Daily Star",), ("thedailystar.net",)),
    Outlet("Khaleej Times", (), ("khaleejtimes.com",)),
    Outlet("Gulf News", (), ("gulfnews.com",)),
    Outlet("Arab News", (), ("arabnews.com",)),
    Outlet("Saudi Gazette", (), ("saudigazette.com.sa",)),
    Outlet("Ahram Online", ("Al-Ahram", "Al Ahram"), ("ahram.org.eg",)),
    Outlet("Africanews", (), ("africanews.com",)),
    Outlet("News24", (), ("news24.com",)),
    Outlet("Mail & Guardian", ("Mail and Guardian",), ("mg.co.za",)),
    Outlet("Daily Maverick", (), ("dailymaverick.co.za",)),
    Outlet("IOL", ("Independent Online",), ("iol.co.za",)),
    Outlet("The EastAfrican", (), ("theeastafrican.co.ke",)),
    Outlet("Premium Times", (), ("premiumtimesng.com",)),
    Outlet("Daily Nation", (), ("nation.africa",)),
    Outlet("MercoPress", ("Mercopress",), ("en.mercopress.com",)),
    Outlet("Buenos Aires Times", (), ("batimes.com.ar",)),
    Outlet("The Tico Times", ("Tico Times",), ("ticotimes.net",)),
    Outlet("Última Hora", ("Ultima Hora",), ("ultimahora.com",)),
    Outlet("La Nación", ("La Nacion",), ("lanacion.com.ar",)),
    Outlet("Clarín", ("Clarin",), ("clarin.com",)),
    Outlet("Folha de S.Paulo", ("Folha",), ("folha.uol.com.br",)),
    Outlet("O Globo", (), ("oglobo.globo.com",)),
    Outlet("El Universal", (), ("eluniversal.com.mx",)),
    Outlet("Radio New Zealand", ("RNZ",), ("rnz.co.nz",)),
    Outlet("Radio Free Europe/Radio Liberty", ("RFE/RL", "Radio Liberty"), ("rferl.org",)),
    Outlet("Voice of America", ("VOA",), ("voanews.com",)),
    Outlet("France 24", (), ("france24.com",)),
    Outlet("TV5 Monde", ("TV5MONDE",), ("tv5monde.com",)),
    Outlet("Euronews", (), ("euronews.com",)),
)

# Words that end the name of most newspapers, broadcasters and agencies: lets the layout parser
# recognise an outlet it has never seen ("The Bugle-Herald reported ...").
OUTLET_NAME_HEADS = (
    "Times", "Post", "Journal", "News", "Herald", "Tribune", "Gazette", "Telegraph", "Guardian",
    "Monitor", "Observer", "Chronicle", "Magazine", "Daily", "Express", "Mail", "Inquirer",
    "Examiner", "Register", "Dispatch", "Bulletin", "Courier", "Standard", "Independent",
    "Agency", "Radio", "Television", "Broadcasting", "Wire", "Press", "Review", "Sun", "Star",
)


def _key(name: str) -> str:
    name = name.replace("’", "'").strip().casefold()
    return re.sub(r"^the\s+", "", name)


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Outlet]:
    table = {}
    for outlet in OUTLETS:
        for alias in (outlet.name, *outlet.aliases):
            # "the Times", "the Post", "the Journal" are only outlets in context; keep them out of lookups.
            if alias.lower().startswith("the ") and len(alias.split()) == 2 and alias != outlet.name:
                continue
            table.setdefault(_key(alias), outlet)
    return table


def lookup(name: str) -> Outlet | None:
    """The registry entry for an outlet name or alias, ignoring case and a leading 'The'."""
    return _by_key().get(_key(name))


def by_domain(url: str) -> Outlet | None:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].split(":")[0]
    for outlet in OUTLETS:
        for domain in outlet.domains:
            if host == domain or host.endswith("." + domain):
                return outlet
    return None


@lru_cache(maxsize=1)
def alias_pattern() -> str:
    """A case-sensitive regex alternation of every registry name and alias without a leading
    'The', longest first, for finding outlets in running text."""
    names = set()
    for outlet in OUTLETS:
        for alias in (outlet.name, *outlet.aliases):
            bare = re.sub(r"^The\s+", "", alias)
            if lookup(bare) is outlet and bare not in ("Time", "Insider", "Sun", "Star"):
                names.add(bare)
    return "|".join(re.escape(n).replace("'", "['’]") for n in sorted(names, key=len, reverse=True))
