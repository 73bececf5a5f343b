"""World knowledge the entity rules lean on: places, demonyms, honorifics and the head words of names.

Every list here is a fact about the world or about how news English names things, never about one
article: add to it freely. Places carry a canonical name so that "U.S.", "US" and "the United
States" become one entity; spaCy's GPE is used for countries, states and cities, LOC for regions,
continents, seas and other geography.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Countries and territories: canonical name, then the other names news writing uses for it.
COUNTRIES: tuple[tuple[str, ...], ...] = (
    ("Afghanistan",), ("Albania",), ("Algeria",), ("Andorra",), ("Angola",), ("Antigua and Barbuda",),
    ("Argentina",), ("Armenia",), ("Australia",), ("Austria",), ("Azerbaijan",), ("Bahamas", "The Bahamas"),
    ("Bahrain",), ("Bangladesh",), ("Barbados",), ("Belarus",), ("Belgium",), ("Belize",), ("Benin",),
    ("Bhutan",), ("Bolivia",), ("Bosnia and Herzegovina", "Bosnia"), ("Botswana",), ("Brazil",), ("Brunei",),
    ("Bulgaria",), ("Burkina Faso",), ("Burundi",), ("Cambodia",), ("Cameroon",), ("Canada",),
    ("Cape Verde", "Cabo Verde"), ("Central African Republic", "CAR"), ("Chad",), ("Chile",),
    ("China", "People's Republic of China", "PRC", "Mainland China"), ("Colombia",), ("Comoros",),
    ("Democratic Republic of the Congo", "Democratic Republic of Congo", "DR Congo", "DRC", "D.R. Congo",
     "Congo-Kinshasa"),
    ("Republic of the Congo", "Republic of Congo", "Congo-Brazzaville"), ("Costa Rica",),
    ("Côte d'Ivoire", "Ivory Coast", "Cote d'Ivoire"), ("Croatia",), ("Cuba",), ("Cyprus",),
    ("Czech Republic", "Czechia"), ("Denmark",), ("Djibouti",), ("Dominica",), ("Dominican Republic",),
    ("Ecuador",), ("Egypt",), ("El Salvador",), ("Equatorial Guinea",), ("Eritrea",), ("Estonia",),
    ("Eswatini", "Swaziland"), ("Ethiopia",), ("Fiji",), ("Finland",), ("France",), ("Gabon",),
    ("Gambia", "The Gambia"), ("Georgia",), ("Germany",), ("Ghana",), ("Greece",), ("Grenada",),
    ("Guatemala",), ("Guinea",), ("Guinea-Bissau",), ("Guyana",), ("Haiti",), ("Honduras",), ("Hungary",),
    ("Iceland",), ("India",), ("Indonesia",), ("Iran", "Islamic Republic of Iran"), ("Iraq",), ("Ireland",),
    ("Israel",), ("Italy",), ("Jamaica",), ("Japan",), ("Jordan",), ("Kazakhstan",), ("Kenya",),
    ("Kiribati",), ("Kosovo",), ("Kuwait",), ("Kyrgyzstan",), ("Laos",), ("Latvia",), ("Lebanon",),
    ("Lesotho",), ("Liberia",), ("Libya",), ("Liechtenstein",), ("Lithuania",), ("Luxembourg",),
    ("Madagascar",), ("Malawi",), ("Malaysia",), ("Maldives",), ("Mali",), ("Malta",),
    ("Marshall Islands",), ("Mauritania",), ("Mauritius",), ("Mexico",), ("Micronesia",), ("Moldova",),
    ("Monaco",), ("Mongolia",), ("Montenegro",), ("Morocco",), ("Mozambique",), ("Myanmar", "Burma"),
    ("Namibia",), ("Nauru",), ("Nepal",), ("Netherlands", "Holland"), ("New Zealand",), ("Nicaragua",),
    ("Niger",), ("Nigeria",), ("North Korea", "DPRK", "Democratic People's Republic of Korea"),
    ("North Macedonia", "Macedonia"), ("Norway",), ("Oman",), ("Pakistan",), ("Palau",),
    ("Palestine", "State of Palestine"), ("Panama",), ("Papua New Guinea",), ("Paraguay",), ("Peru",),
    ("Philippines", "The Philippines"), ("Poland",), ("Portugal",), ("Qatar",), ("Romania",),
    ("Russia", "Russian Federation"), ("Rwanda",), ("Saint Kitts and Nevis",), ("Saint Lucia", "St Lucia"),
    ("Saint Vincent and the Grenadines",), ("Samoa",), ("San Marino",), ("Sao Tome and Principe",),
    ("Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"), ("Senegal",), ("Serbia",), ("Seychelles",),
    ("Sierra Leone",), ("Singapore",), ("Slovakia",), ("Slovenia",), ("Solomon Islands",), ("Somalia",),
    ("South Africa", "SA"), ("South Korea", "Republic of Korea", "ROK"), ("South Sudan",), ("Spain",),
    ("Sri Lanka",), ("Sudan",), ("Suriname",), ("Sweden",), ("Switzerland",), ("Syria",), ("Taiwan",),
    ("Tajikistan",), ("Tanzania",), ("Thailand",), ("Timor-Leste", "East Timor", "Timor Leste"), ("Togo",),
    ("Tonga",), ("Trinidad and Tobago",), ("Tunisia",), ("Turkey", "Türkiye", "Turkiye"),
    ("Turkmenistan",), ("Tuvalu",), ("Uganda",), ("Ukraine",),
    ("United Arab Emirates", "UAE", "U.A.E."),
    ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    ("United States", "US", "U.S.", "USA", "U.S.A.", "United States of America"),
    ("Uruguay",), ("Uzbekistan",), ("Vanuatu",), ("Vatican", "Vatican City", "Holy See"), ("Venezuela",),
    ("Vietnam", "Viet Nam"), ("Yemen",), ("Zambia",), ("Zimbabwe",),
    ("England",), ("Scotland",), ("Wales",), ("Northern Ireland",), ("Hong Kong",), ("Macau", "Macao"),
    ("Puerto Rico",), ("Greenland",), ("Gaza", "Gaza Strip"), ("West Bank",), ("Crimea",),
)

# States, provinces and other first-level divisions that world news names without their country.
REGIONS_GPE: tuple[str, ...] = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware",
    "Florida", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska",
    "Nevada", "New Hampshire", "New Jersey", "New Mexico", "North Carolina", "North Dakota", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee",
    "Texas", "Utah", "Vermont", "Virginia", "West Virginia", "Wisconsin", "Wyoming",
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland", "Nova Scotia", "Ontario",
    "Quebec", "Saskatchewan", "Nunavut", "Yukon", "Northwest Territories",
    "New South Wales", "Queensland", "Tasmania",
    "Kerala", "Karnataka", "Tamil Nadu", "Maharashtra", "Uttar Pradesh", "Bihar", "West Bengal", "Gujarat",
    "Punjab", "Rajasthan", "Kashmir", "Jammu and Kashmir", "Ladakh", "Assam", "Odisha", "Telangana",
    "Andhra Pradesh", "Madhya Pradesh", "Haryana", "Goa", "Sindh", "Balochistan", "Khyber Pakhtunkhwa",
    "Guangdong", "Xinjiang", "Tibet", "Sichuan", "Hubei", "Yunnan", "Zhejiang", "Jiangsu", "Shandong",
    "Bavaria", "Catalonia", "Andalusia", "Lombardy", "Sicily", "Sardinia", "Corsica",
    "Gauteng", "KwaZulu-Natal", "Western Cape", "Eastern Cape", "Limpopo", "Mpumalanga",
    "Darfur", "Tigray", "Donbas", "Donetsk", "Luhansk", "Kurdistan", "Chechnya", "Siberia",
    "Bali", "Java", "Sumatra", "Borneo", "Mindanao", "Okinawa", "Hokkaido", "Fukushima",
)

# Capitals and large cities.
CITIES: tuple[tuple[str, ...], ...] = tuple((c,) for c in (
    "Abidjan", "Abu Dhabi", "Abuja", "Accra", "Addis Ababa", "Algiers", "Amman", "Amsterdam", "Ankara",
    "Antananarivo", "Apia", "Ashgabat", "Asmara", "Astana", "Asunción", "Athens", "Baghdad", "Baku",
    "Bamako", "Bangkok", "Bangui", "Banjul", "Beijing", "Beirut", "Belgrade", "Berlin", "Bern", "Bishkek",
    "Bogotá", "Brasília", "Bratislava", "Brazzaville", "Brussels", "Bucharest", "Budapest", "Buenos Aires",
    "Bujumbura", "Cairo", "Canberra", "Caracas", "Castries", "Chisinau", "Colombo", "Conakry", "Copenhagen",
    "Dakar", "Damascus", "Dhaka", "Dili", "Djibouti City", "Dodoma", "Doha", "Dublin", "Dushanbe",
    "Freetown", "Gaborone", "Georgetown", "Guatemala City", "Hanoi", "Harare", "Havana", "Helsinki",
    "Honiara", "Islamabad", "Jakarta", "Jerusalem", "Juba", "Kabul", "Kampala", "Kathmandu", "Khartoum",
    "Kigali", "Kingston", "Kinshasa", "Kuala Lumpur", "Kuwait City", "Kyiv", "Kiev", "La Paz", "Libreville",
    "Lilongwe", "Lima", "Lisbon", "Ljubljana", "Lomé", "London", "Luanda", "Lusaka", "Luxembourg City",
    "Madrid", "Majuro", "Malabo", "Male", "Managua", "Manama", "Manila", "Maputo", "Maseru", "Mbabane",
    "Mexico City", "Minsk", "Mogadishu", "Monrovia", "Montevideo", "Moroni", "Moscow", "Muscat", "Nairobi",
    "Nassau", "Naypyidaw", "N'Djamena", "New Delhi", "Niamey", "Nicosia", "Nouakchott", "Nuku'alofa", "Oslo",
    "Ottawa", "Ouagadougou", "Panama City", "Paramaribo", "Paris", "Phnom Penh", "Podgorica", "Port Louis",
    "Port Moresby", "Port-au-Prince", "Port of Spain", "Porto-Novo", "Prague", "Praia", "Pretoria",
    "Pristina", "Pyongyang", "Quito", "Rabat", "Reykjavik", "Riga", "Riyadh", "Rome", "Roseau",
    "San José", "San Salvador", "Sana'a", "Sanaa", "Santiago", "Santo Domingo", "Sarajevo", "Seoul",
    "Skopje", "Sofia", "Stockholm", "Suva", "Taipei", "Tallinn", "Tashkent", "Tbilisi", "Tegucigalpa",
    "Tehran", "Tel Aviv", "Thimphu", "Tirana", "Tokyo", "Tripoli", "Tunis", "Ulaanbaatar", "Ulan Bator",
    "Vaduz", "Valletta", "Vienna", "Vientiane", "Vilnius", "Warsaw", "Wellington", "Windhoek", "Yamoussoukro",
    "Yaoundé", "Yerevan", "Zagreb",
    "New York", "New York City", "Los Angeles", "Chicago", "Houston", "San Francisco", "Boston",
    "Miami", "Seattle", "Atlanta", "Detroit", "Philadelphia", "Dallas", "Toronto", "Montreal", "Vancouver",
    "Calgary", "Edmonton", "Winnipeg", "Whitehorse", "Iqaluit", "Yellowknife",
    "Sydney", "Melbourne", "Brisbane", "Perth", "Auckland", "Geneva", "Zurich", "Frankfurt", "Munich",
    "Hamburg", "Milan", "Naples", "Barcelona", "Marseille", "Lyon", "Manchester", "Birmingham",
    "Edinburgh", "Glasgow", "Belfast", "St Petersburg", "St. Petersburg", "Istanbul", "Dubai", "Sharjah",
    "Jeddah", "Mecca", "Makkah", "Medina", "Madinah", "Basra", "Mosul", "Aleppo", "Gaza City", "Haifa",
    "Alexandria", "Casablanca", "Marrakech", "Lagos", "Kano", "Ibadan", "Kumasi", "Mombasa", "Johannesburg",
    "Cape Town", "Durban", "Soweto", "Bulawayo", "Lubumbashi", "Goma", "Douala", "Karachi", "Lahore",
    "Peshawar", "Multan", "Rawalpindi", "Mumbai", "Delhi", "Kolkata", "Chennai", "Bengaluru", "Bangalore",
    "Hyderabad", "Ahmedabad", "Pune", "Chittagong", "Shanghai", "Guangzhou", "Shenzhen", "Wuhan",
    "Chongqing", "Tianjin", "Osaka", "Kyoto", "Yokohama", "Nagoya", "Busan", "Incheon", "Ho Chi Minh City",
    "Saigon", "Yangon", "Rangoon", "Mandalay", "Surabaya", "Cebu", "Penang", "Kaohsiung", "Taichung",
    "São Paulo", "Sao Paulo", "Rio de Janeiro", "Guadalajara", "Monterrey", "Tijuana", "Medellín", "Cali",
    "Guayaquil", "Córdoba", "Rosario", "Valparaíso", "Bluefields", "León", "Arequipa", "Cusco",
))

# Continents, world regions, seas and other geography (spaCy's LOC).
GEOGRAPHY: tuple[tuple[str, ...], ...] = (
    ("Africa",), ("Asia",), ("Europe",), ("North America",), ("South America",), ("Latin America",),
    ("Central America",), ("Oceania",), ("Antarctica",), ("Arctic",), ("the Americas", "Americas"),
    ("Middle East",), ("Near East",), ("Far East",), ("Southeast Asia", "South-East Asia"), ("East Asia",),
    ("South Asia",), ("Central Asia",), ("West Africa",), ("East Africa",), ("North Africa",),
    ("Southern Africa",), ("Central Africa",), ("Sub-Saharan Africa",), ("Horn of Africa",), ("Sahel",),
    ("Sahara",), ("Maghreb",), ("Balkans",), ("Caucasus",), ("Scandinavia",), ("Eastern Europe",),
    ("Western Europe",), ("Caribbean",), ("Pacific", "Pacific Ocean"), ("Atlantic", "Atlantic Ocean"),
    ("Indian Ocean",), ("Mediterranean", "Mediterranean Sea"), ("Red Sea",), ("Black Sea",),
    ("Baltic Sea",), ("North Sea",), ("South China Sea",), ("East China Sea",), ("Persian Gulf",),
    ("Gulf of Mexico",), ("Arabian Sea",), ("Caspian Sea",), ("Indo-Pacific",), ("Amazon",), ("Andes",),
    ("Himalayas",), ("Alps",), ("Nile",), ("Congo Basin",), ("Golan Heights",), ("Korean Peninsula",),
    ("Arabian Peninsula",), ("Strait of Hormuz",), ("Taiwan Strait",),
)

# Peoples and nationalities, as adjectives or nouns (spaCy's NORP).
DEMONYMS: frozenset[str] = frozenset("""
Afghan Albanian Algerian American Americans Angolan Argentine Argentinian Armenian Australian Austrian
Azerbaijani Bahraini Bangladeshi Belarusian Belgian Beninese Bolivian Bosnian Brazilian British Briton
Britons Bulgarian Burkinabe Burmese Burundian Cambodian Cameroonian Canadian Chadian Chilean Chinese
Colombian Congolese Croatian Cuban Cypriot Czech Danish Dutch Ecuadorian Egyptian Emirati English
Eritrean Estonian Ethiopian European Europeans Filipino Finnish French Gabonese Gambian Georgian German
Ghanaian Greek Guatemalan Guinean Guyanese Haitian Honduran Hungarian Icelandic Indian Indonesian
Iranian Iraqi Irish Israeli Italian Ivorian Jamaican Japanese Jordanian Kazakh Kenyan Korean Kosovar
Kurdish Kuwaiti Kyrgyz Lao Latvian Lebanese Liberian Libyan Lithuanian Malagasy Malawian Malaysian
Malian Maltese Mauritanian Mauritian Mexican Moldovan Mongolian Montenegrin Moroccan Mozambican
Namibian Nepali Nepalese Nicaraguan Nigerian Nigerien Norwegian Omani Pakistani Palestinian Panamanian
Paraguayan Peruvian Polish Portuguese Qatari Romanian Russian Russians Rwandan Salvadoran Saudi Scottish
Senegalese Serbian Sierra Leonean Singaporean Slovak Slovenian Somali South African Spanish Sri Lankan
Sudanese Swazi Swedish Swiss Syrian Taiwanese Tajik Tanzanian Thai Togolese Trinidadian Tunisian Turkish
Turkmen Ugandan Ukrainian Uruguayan Uzbek Uzbeks Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean
African Africans Asian Asians Arab Arabs Latino Latin Caribbean Hispanic Muslim Muslims Christian
Christians Jewish Jews Hindu Hindus Buddhist Sikh Catholic Catholics Protestant Sunni Shia Shiite
Democrat Democrats Republican Republicans Socialist Socialists Communist Communists
""".split())

# Words and abbreviations that name a person's title, rank or honorific: they precede a name and are
# not part of it ("President Nicolás Maduro", "Mr. Maduro", "Lt. Col. Dakota Wood").
HONORIFICS: frozenset[str] = frozenset("""
mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. professor sir dame lord lady madam madame mme monsieur
sheikh sheikha shaikh king queen prince princess emperor empress crown pope cardinal archbishop bishop
father rev rev. reverend imam rabbi pastor
president vice-president premier chancellor minister ministers secretary senator sen. sen rep. rep
representative congressman congresswoman congressmember governor gov. gov mayor judge justice magistrate
prosecutor attorney attorney-general auditor-general comptroller commissioner ombudsman
general gen. gen colonel col. col lieutenant lt. lt major maj. captain capt. capt sergeant sgt. sgt
corporal cpl. private pvt. admiral adm. commander cmdr. marshal brigadier
ambassador envoy consul diplomat spokesman spokeswoman spokesperson
chairman chairwoman chairperson chair ceo cfo coo director chief deputy head leader speaker
inspector superintendent officer constable detective agent ranger warden coach manager
analyst historian economist researcher scientist author journalist reporter editor columnist
mla mp mep mna asi si pm dig
""".split())

# Multi-word titles, matched before the single words above.
TITLE_PHRASES: tuple[str, ...] = (
    "prime minister", "vice president", "deputy prime minister", "foreign minister", "defense minister",
    "defence minister", "interior minister", "finance minister", "health minister", "education minister",
    "environment minister", "chief justice", "attorney general", "secretary general", "secretary-general",
    "director general", "director-general", "crown prince", "first lady", "his majesty", "her majesty",
    "his excellency", "her excellency", "his highness", "her highness", "supreme leader", "judge president",
)

# Final words that make a capitalised phrase the name of an organisation.
ORG_HEADS: frozenset[str] = frozenset("""
ministry ministries party council commission committee court courts university universities institute
institution bank agency association union federation organisation organization corporation corp corp.
co co. inc inc. ltd ltd. llc plc company group foundation fund authority department service services
police army navy forces force assembly parliament senate congress board office centre center school
college academy hospital clinic club league society network airlines airways bureau secretariat
tribunal cabinet government administration alliance coalition movement front brigade regiment battalion
command guard guards trust partners holdings industries enterprises consortium cooperative chamber
directorate inspectorate secretariat observatory laboratory laboratories lab labs museum library
church mosque federation confederation syndicate initiative programme program project
""".split())

# Final words of the names of laws and treaties (spaCy's LAW) and of events (EVENT): the model
# often calls them organisations.
LAW_HEADS: frozenset[str] = frozenset("""act acts bill law code constitution treaty agreement accord accords
convention protocol charter regulations regulation decree ordinance amendment directive""".split())
EVENT_HEADS: frozenset[str] = frozenset("""summit conference championship championships games olympics olympiad
cup tournament festival expo day week war revolution election elections congress-session marathon
pandemic""".split())
EVENT_STARTS: frozenset[str] = frozenset("operation battle".split())

# Words a phrase starts with when it names an organisation ("Ministry of Health", "Bank of Ghana").
ORG_STARTS: frozenset[str] = frozenset("""
ministry department bank university institute office council commission committee agency association
federation union board court party organisation organization
""".split())

# Final words that make a capitalised phrase the name of a place.
PLACE_HEADS_GPE: frozenset[str] = frozenset("""
province district county prefecture municipality region city town village township state territory
governorate oblast emirate canton parish borough upazila
""".split())
PLACE_HEADS_LOC: frozenset[str] = frozenset("""
park river lake mountain mountains mount ocean sea gulf bay valley desert island islands isles
peninsula strait straits coast reserve refuge forest canal glacier heights hills hill basin isthmus
cape plateau plain plains delta volcano falls creek beach lagoon archipelago street road avenue
highway boulevard square
""".split())
PLACE_STARTS: frozenset[str] = frozenset("mount lake cape isle gulf strait isthmus sea port".split())


def fold(s: str) -> str:
    """Accent-, case-, quote- and space-insensitive form of a name: the key names are compared on."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").casefold()
    return re.sub(r"\s+", " ", s).strip()


def _place_key(s: str) -> str:
    s = fold(s)
    s = re.sub(r"^the ", "", s)
    return s


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, str]]:
    """Folded place name -> (canonical name, spaCy label)."""
    table: dict[str, tuple[str, str]] = {}
    for names in COUNTRIES:
        for n in names:
            table.setdefault(_place_key(n), (names[0], "GPE"))
    for names in CITIES:
        for n in names:
            table.setdefault(_place_key(n), (names[0], "GPE"))
    for n in REGIONS_GPE:
        table.setdefault(_place_key(n), (n, "GPE"))
    for names in GEOGRAPHY:
        canonical = re.sub(r"^the ", "", names[0])
        for n in names:
            table.setdefault(_place_key(n), (canonical, "LOC"))
    return table


def place(name: str) -> tuple[str, str] | None:
    """(canonical name, label) of a known place, ignoring case, accents and a leading 'the'."""
    return places().get(_place_key(name))


# Place names that are also common first names or words: a known place only when nothing around
# them says otherwise (no honorific, not part of a longer name).
AMBIGUOUS_PLACES: frozenset[str] = frozenset(
    {"jordan", "chad", "georgia", "victoria", "washington", "lincoln", "paris", "israel", "santiago", "leon",
     "sa", "car", "rok", "ksa", "male", "cali", "guinea", "turkey", "niger", "sydney", "florence", "orlando",
     "eugene", "austin", "charlotte", "regina", "salem", "hamilton", "kingston", "georgetown", "amazon",
     "nile", "goma", "java", "bali", "goa", "medina", "rosario", "alexandria", "trinidad"})


@lru_cache(maxsize=1)
def _demonyms_folded() -> frozenset[str]:
    return frozenset(fold(d) for d in DEMONYMS)


def is_demonym(word: str) -> bool:
    return fold(word) in _demonyms_folded()


# Demonyms that are also faiths, parties or first names: never stripped from the front of a name.
_NOT_NATIONALITY = frozenset(fold(w) for w in """African Africans Asian Asians Arab Arabs Latino Latin Caribbean
Hispanic Muslim Muslims Christian Christians Jewish Jews Hindu Hindus Buddhist Sikh Catholic Catholics
Protestant Sunni Shia Shiite Democrat Democrats Republican Republicans Socialist Socialists Communist
Communists European Europeans""".split())


def is_nationality(word: str) -> bool:
    return is_demonym(word) and fold(word) not in _NOT_NATIONALITY


@lru_cache(maxsize=1)
def _honorifics_bare() -> frozenset[str]:
    return frozenset(h.rstrip(".") for h in HONORIFICS)


def is_honorific(word: str) -> bool:
    return word.casefold().rstrip(".") in _honorifics_bare()
