"""World knowledge the entity rules lean on: places, demonyms, honorifics and the head words of names.

Every list here is a fact about the world or about how news English names things, never about one
article: add to it freely. Places carry a canonical name so that "U.S.", "US" and "the United
States" become one entity; spaCy's GPE is used for countries, states and cities, LOC for regions,
continents, seas and other geography.
"""
from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text.names import fold

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

# First-level divisions (states, provinces, regions, departments) of more countries: world news
# names them without their country.
REGIONS_GPE_MORE: tuple[str, ...] = (
    # Mexico
    "Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Chiapas", "Chihuahua",
    "Coahuila", "Colima", "Durango", "Guanajuato", "Guerrero", "Hidalgo", "Jalisco", "Michoacán", "Morelos",
    "Nayarit", "Nuevo León", "Oaxaca", "Puebla", "Querétaro", "Quintana Roo", "San Luis Potosí", "Sinaloa",
    "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas",
    # Central America and the Caribbean
    "Alajuela", "Cartago", "Guanacaste", "Heredia", "Limón", "Puntarenas", "Chinandega", "Chontales",
    "Estelí", "Granada", "Jinotega", "Masaya", "Matagalpa", "Rivas", "Atlántida", "Cortés", "Olancho",
    "Yoro", "Choluteca", "Colón", "Chiriquí", "Veraguas", "Darién", "Petén", "Escuintla", "Quetzaltenango",
    # South America
    "Amazonas", "Áncash", "Ancash", "Apurímac", "Ayacucho", "Cajamarca", "Callao", "Huancavelica", "Huánuco",
    "Ica", "Junín", "Junin", "La Libertad", "Lambayeque", "Loreto", "Madre de Dios", "Moquegua", "Pasco",
    "Piura", "Puno", "San Martín", "Tacna", "Tumbes", "Ucayali", "Antioquia", "Cundinamarca", "Valle del Cauca",
    "Zulia", "Miranda", "Táchira", "Mérida", "Bolívar", "Anzoátegui", "Buenos Aires Province", "Mendoza",
    "Santa Fe", "Neuquén", "Chubut", "Salta", "Tucumán", "Patagonia", "São Paulo State", "Minas Gerais",
    "Bahia", "Pernambuco", "Paraná", "Rio Grande do Sul", "Santa Catarina", "Amazonia", "Chaco", "Santa Cruz",
    "Cochabamba", "Valparaíso", "Biobío", "Araucanía", "Magallanes", "Antofagasta", "Atacama",
    # Africa
    "Lagos State", "Kano State", "Borno", "Kaduna", "Rivers State", "Oyo", "Plateau State", "Greater Accra",
    "Ashanti", "Volta", "Northern Region", "Western Region", "Central Region", "Eastern Region",
    "Upper East", "Upper West", "Brong-Ahafo", "Free State", "North West", "Northern Cape", "Nairobi County",
    "Rift Valley", "Kigoma", "Zanzibar", "Katanga", "Kivu", "North Kivu", "South Kivu", "Ituri", "Kasai",
    "Oromia", "Amhara", "Afar", "Somaliland", "Puntland", "Kordofan", "Cabo Delgado", "Sofala", "Matabeleland",
    "Mashonaland", "Manicaland", "Kabylie", "Casamance", "Sinai", "Upper Egypt",
    # Asia and the Middle East
    "Punjab Province", "Gilgit-Baltistan", "Azad Kashmir", "Uttarakhand", "Himachal Pradesh", "Jharkhand",
    "Chhattisgarh", "Manipur", "Mizoram", "Nagaland", "Meghalaya", "Tripura", "Sikkim", "Arunachal Pradesh",
    "Dhaka Division", "Sylhet", "Rajshahi", "Khulna", "Barisal", "Rangpur", "Mymensingh", "Aceh", "Papua",
    "East Kalimantan", "Kalimantan", "Sulawesi", "Sabah", "Sarawak", "Johor", "Kelantan", "Selangor",
    "Perak", "Kedah", "Pahang", "Terengganu", "Yala", "Pattani", "Narathiwat", "Gyeonggi", "Jeju",
    "Gangwon", "Kyushu", "Shikoku", "Honshu", "Kansai",
    # the 47 prefectures of Japan
    "Aichi", "Akita", "Aomori", "Chiba Prefecture", "Ehime", "Fukui", "Fukuoka Prefecture", "Gifu", "Gunma",
    "Hiroshima", "Hyogo", "Ibaraki", "Ishikawa", "Iwate", "Kagawa", "Kagoshima", "Kanagawa", "Kochi", "Kumamoto",
    "Mie", "Miyagi", "Miyazaki", "Nagano", "Nagasaki", "Nara", "Niigata Prefecture", "Oita", "Okayama",
    "Osaka Prefecture", "Saga", "Saitama Prefecture", "Shiga", "Shimane", "Shizuoka", "Tochigi", "Tokushima",
    "Tokyo Metropolis", "Tottori", "Toyama", "Wakayama", "Yamagata", "Yamaguchi", "Yamanashi", "Kyoto Prefecture",
    "Inner Mongolia", "Hainan", "Henan", "Hebei", "Hunan", "Jiangxi", "Anhui", "Shanxi", "Shaanxi",
    "Gansu", "Qinghai", "Ningxia", "Guangxi", "Guizhou", "Heilongjiang", "Jilin", "Liaoning", "Fujian",
    "Idlib", "Raqqa", "Deir ez-Zor", "Anbar", "Nineveh", "Kirkuk", "Dohuk", "Duhok", "Erbil", "Sulaymaniyah",
    "Khuzestan", "Sistan and Baluchestan", "Galilee", "Negev", "Khyber", "Helmand", "Kandahar", "Herat",
    "Balkh", "Kunduz", "Nangarhar", "Hadramawt", "Marib", "Hodeidah", "Asir", "Dhofar",
    "Umm Al Quwain", "Ras Al Khaimah", "Fujairah", "Ajman",
    # Europe
    "Flanders", "Wallonia", "Brittany", "Normandy", "Provence", "Alsace", "Tuscany", "Lazio", "Veneto",
    "Piedmont", "Campania", "Calabria", "Puglia", "Basque Country", "Galicia", "Valencia", "Saxony",
    "Hesse", "Brandenburg", "Thuringia", "Lower Saxony", "North Rhine-Westphalia", "Silesia", "Transylvania",
    "Kharkiv", "Kherson", "Zaporizhzhia", "Mykolaiv", "Odesa", "Odessa", "Lviv", "Dnipro", "Mariupol",
    "Kaliningrad", "Dagestan", "Tatarstan", "Bashkortostan", "Karelia", "Yakutia", "Cornwall", "Yorkshire",
    "Kent", "Essex", "Cumbria", "Ulster",
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
    "Guayaquil", "Córdoba", "Rosario", "Valparaíso", "León", "Arequipa", "Cusco",
    # more cities of the world
    "Trujillo", "Chiclayo", "Iquitos", "Piura City", "Huancayo", "Cuzco", "Barranquilla", "Cartagena",
    "Bucaramanga", "Maracaibo", "Valencia City", "Barquisimeto", "Maracay", "Ciudad Guayana", "Mar del Plata",
    "La Plata", "Tucumán City", "Salvador", "Fortaleza", "Belo Horizonte", "Manaus", "Curitiba", "Recife",
    "Porto Alegre", "Belém", "Goiânia", "Campinas", "Santa Cruz de la Sierra", "El Alto", "Concepción",
    "Antofagasta City", "Puebla City", "Juárez", "Ciudad Juárez", "León City", "Zapopan", "Mérida City",
    "Cancún", "Acapulco", "Culiacán", "Hermosillo", "Chihuahua City", "San Pedro Sula",
    "Santa Ana", "Quetzaltenango City", "Colón City", "David", "Matagalpa City", "Santiago de Cuba",
    "Camagüey", "Holguín", "Santo Domingo Este", "Montego Bay", "San Juan", "Ponce", "Port Harcourt",
    "Benin City", "Kaduna City", "Maiduguri", "Enugu", "Aba", "Onitsha", "Jos", "Ilorin", "Abeokuta", "Owerri",
    "Tamale", "Takoradi", "Sekondi-Takoradi", "Cape Coast", "Tema", "Koforidua", "Ho", "Sunyani", "Bolgatanga",
    "Kisumu", "Nakuru", "Eldoret", "Arusha", "Mwanza", "Zanzibar City", "Dar es Salaam", "Mombasa City",
    "Gulu", "Mbarara", "Bukavu", "Kisangani", "Mbuji-Mayi", "Kananga", "Kolwezi", "Likasi", "Pointe-Noire",
    "Port Elizabeth", "Gqeberha", "Bloemfontein", "East London", "Pietermaritzburg", "Polokwane",
    "Nelspruit", "Mbombela", "Kimberley", "Rustenburg", "Centurion", "Stellenbosch",
    "George", "Mthatha", "Walvis Bay", "Swakopmund", "Oshakati", "Rundu", "Francistown", "Maun", "Ndola",
    "Kitwe", "Livingstone", "Blantyre", "Mzuzu", "Beira", "Nampula", "Toamasina", "Mahajanga", "Fianarantsoa",
    "Oran", "Constantine", "Annaba", "Tizi Ouzou", "Blida", "Sfax", "Sousse", "Benghazi", "Misrata",
    "Fez", "Tangier", "Agadir", "Meknes", "Oujda", "Port Said", "Suez", "Ismailia", "Luxor", "Aswan",
    "Giza", "Mansoura", "Tanta", "Zagazig", "Asyut", "Minya", "Sohag", "Hurghada", "Sharm el-Sheikh",
    "Omdurman", "Port Sudan", "El Fasher", "Nyala", "Bahir Dar", "Mekelle", "Gondar", "Dire Dawa", "Hargeisa",
    "Kismayo", "Saint-Louis", "Touba", "Thiès", "Ziguinchor", "Kumasi City", "Bouaké", "San-Pédro",
    "Bobo-Dioulasso", "Kankan", "Sikasso", "Timbuktu", "Gao", "Mopti", "Kidal", "Agadez", "Zinder", "Maradi",
    "Maroua", "Garoua", "Bamenda", "Bafoussam", "Buea", "Limbe", "Bata", "Franceville", "Port-Gentil",
    "Lubango", "Huambo", "Benguela", "Bulawayo City", "Mutare", "Gweru", "Masvingo",
    "Chittagong City", "Chattogram", "Khulna City", "Rajshahi City", "Sylhet City", "Comilla", "Cumilla",
    "Narayanganj", "Gazipur", "Cox's Bazar", "Faisalabad", "Gujranwala", "Hyderabad City",
    "Quetta", "Sialkot", "Bahawalpur", "Sargodha", "Abbottabad", "Mardan", "Gwadar", "Surat", "Jaipur",
    "Lucknow", "Kanpur", "Nagpur", "Indore", "Thane", "Bhopal", "Visakhapatnam", "Patna", "Vadodara",
    "Ludhiana", "Agra", "Nashik", "Varanasi", "Srinagar", "Amritsar", "Allahabad", "Prayagraj", "Ranchi",
    "Coimbatore", "Madurai", "Tiruchirappalli", "Salem City", "Kochi", "Cochin",
    "Thiruvananthapuram", "Kozhikode", "Mysuru", "Mysore", "Mangaluru", "Mangalore", "Hubli", "Belagavi",
    "Guwahati", "Bhubaneswar", "Cuttack", "Dehradun", "Shimla", "Chandigarh", "Jammu", "Leh", "Kargil",
    "Gurugram", "Gurgaon", "Noida", "Ghaziabad", "Faridabad", "Howrah", "Siliguri", "Darjeeling", "Imphal",
    "Kathmandu Valley", "Pokhara", "Jaffna", "Kandy", "Galle", "Chittagong Hill Tracts", "Male City",
    "Mandalay City", "Naypyitaw", "Chiang Mai", "Phuket", "Pattaya", "Hat Yai", "Da Nang",
    "Haiphong", "Hue", "Can Tho", "Siem Reap", "Battambang", "Luang Prabang", "Davao", "Quezon City",
    "Makati", "Zamboanga", "Iloilo", "Bandung", "Medan", "Semarang", "Makassar", "Palembang", "Yogyakarta",
    "Denpasar", "Balikpapan", "Samarinda", "Johor Bahru", "Ipoh", "Kota Kinabalu", "Kuching", "Malacca",
    "Melaka", "George Town", "Shah Alam", "Petaling Jaya", "Putrajaya", "Kaohsiung City", "Tainan",
    "Hsinchu", "Keelung", "Taoyuan", "Yilan", "Hualien", "Taitung", "Kinmen", "Matsu", "Xiamen", "Fuzhou",
    "Hangzhou", "Nanjing", "Suzhou", "Ningbo", "Qingdao", "Jinan", "Zhengzhou", "Xi'an", "Chengdu",
    "Kunming", "Changsha", "Nanning", "Harbin", "Shenyang", "Dalian", "Changchun", "Urumqi", "Lhasa",
    "Hohhot", "Lanzhou", "Taiyuan", "Shijiazhuang", "Hefei", "Nanchang", "Guiyang", "Haikou", "Sanya",
    "Dongguan", "Foshan", "Zhuhai", "Macau City", "Daegu", "Daejeon", "Gwangju", "Ulsan", "Suwon",
    "Changwon", "Sejong", "Panmunjom", "Kaesong", "Sapporo", "Sendai", "Kobe", "Fukuoka", "Kawasaki",
    "Saitama", "Chiba", "Niigata", "Kanazawa", "Naha", "Erdenet", "Darkhan",
    "Almaty", "Bishkek City", "Samarkand", "Bukhara", "Mazar-i-Sharif", "Jalalabad", "Kandahar City",
    "Isfahan", "Mashhad", "Tabriz", "Shiraz", "Qom", "Ahvaz", "Karaj", "Kermanshah", "Zahedan", "Bandar Abbas",
    "Najaf", "Karbala", "Fallujah", "Ramadi", "Tikrit", "Samarra", "Sulaimaniyah", "Homs", "Hama",
    "Latakia", "Tartus", "Daraa", "Deir ez-Zor City", "Raqqa City", "Qamishli", "Kobani", "Afrin",
    "Tripoli City", "Sidon", "Tyre", "Baalbek", "Irbid", "Zarqa", "Aqaba", "Hebron", "Nablus",
    "Ramallah", "Bethlehem", "Jenin", "Jericho", "Khan Younis", "Rafah", "Beersheba", "Ashdod", "Ashkelon",
    "Netanya", "Eilat", "Nazareth",
    "Dammam", "Khobar", "Taif", "Tabuk", "Abha", "Jazan", "Najran", "Buraidah", "Hail", "Yanbu",
    "Al Ain", "Khor Fakkan", "Salalah", "Sohar", "Nizwa", "Sur", "Aden", "Taiz", "Mukalla", "Manama City",
    "Muharraq", "Jahra", "Salmiya", "Hawalli", "Ahmadi", "Lusail", "Al Wakrah", "Al Khor",
    "Izmir", "Antalya", "Bursa", "Adana", "Gaziantep", "Konya", "Diyarbakir", "Van", "Mersin", "Kayseri",
    "Trabzon", "Sanliurfa", "Hatay", "Kahramanmaras",
    "Novosibirsk", "Yekaterinburg", "Kazan", "Nizhny Novgorod", "Samara", "Omsk", "Chelyabinsk",
    "Rostov-on-Don", "Ufa", "Krasnoyarsk", "Perm", "Voronezh", "Volgograd", "Krasnodar", "Sochi",
    "Vladivostok", "Murmansk", "Grozny", "Sevastopol", "Simferopol", "Belgorod", "Kursk", "Bryansk",
    "Donetsk City", "Luhansk City", "Bakhmut", "Melitopol", "Chernihiv", "Sumy", "Poltava", "Vinnytsia",
    "Zhytomyr", "Rivne", "Lutsk", "Ternopil", "Uzhhorod", "Chernivtsi", "Bucha", "Irpin", "Kramatorsk",
    "Gdansk", "Krakow", "Kraków", "Wroclaw", "Poznan", "Lodz", "Brno", "Ostrava", "Kosice", "Debrecen",
    "Cluj-Napoca", "Timisoara", "Iasi", "Constanta", "Plovdiv", "Varna", "Thessaloniki", "Patras",
    "Heraklion", "Novi Sad", "Nis", "Split", "Rijeka", "Mostar", "Banja Luka", "Tuzla", "Durres", "Tartu",
    "Kaunas", "Klaipeda", "Daugavpils", "Gomel", "Brest", "Grodno", "Vitebsk", "Mogilev", "Chisinau City",
    "Tiraspol", "Gothenburg", "Malmö", "Uppsala", "Bergen", "Trondheim", "Stavanger", "Aarhus", "Odense",
    "Tampere", "Turku", "Rotterdam", "The Hague", "Utrecht", "Eindhoven", "Antwerp", "Ghent", "Bruges",
    "Liège", "Charleroi", "Cologne", "Düsseldorf", "Stuttgart", "Leipzig", "Dresden", "Hanover", "Nuremberg",
    "Bremen", "Bonn", "Mannheim", "Karlsruhe", "Freiburg", "Heidelberg", "Salzburg", "Innsbruck", "Graz",
    "Linz", "Basel", "Lausanne", "Lucerne", "Davos", "Turin", "Genoa", "Bologna", "Florence", "Venice",
    "Palermo", "Bari", "Catania", "Verona", "Trieste", "Seville", "Zaragoza", "Málaga", "Bilbao", "Alicante",
    "Palma", "Granada City", "Las Palmas", "Santa Cruz de Tenerife", "Porto", "Braga", "Coimbra", "Faro",
    "Toulouse", "Nice", "Nantes", "Strasbourg", "Montpellier", "Bordeaux", "Lille", "Rennes", "Reims",
    "Calais", "Cannes", "Leeds", "Liverpool", "Sheffield", "Bristol", "Leicester", "Nottingham",
    "Newcastle", "Cardiff", "Swansea", "Aberdeen", "Dundee", "Derry", "Cork", "Galway", "Limerick",
    "Oxford", "Cambridge", "Brighton", "Southampton", "Portsmouth", "Plymouth", "Coventry",
   
    "Baltimore", "Denver", "Phoenix", "San Diego", "San Antonio", "Austin City", "Las Vegas", "Portland",
    "Minneapolis", "St. Louis", "New Orleans", "Pittsburgh", "Cleveland", "Cincinnati", "Nashville",
    "Memphis", "Charlotte City", "Indianapolis", "Columbus", "Milwaukee", "Kansas City", "Sacramento",
    "Oakland", "San Jose", "Salt Lake City", "Honolulu", "Anchorage", "Tampa", "Orlando City", "Jacksonville",
    "Raleigh", "Richmond", "Buffalo", "Albany", "Hartford", "Providence", "Newark", "Jersey City",
    "Brooklyn", "Manhattan", "Queens", "the Bronx", "Bronx", "Staten Island", "Harlem", "Silicon Valley",
    "Hollywood", "Ferguson", "Uvalde", "El Paso", "Tucson", "Albuquerque", "Fort Worth", "Oklahoma City",
    "Louisville", "Birmingham City", "Mississauga", "Hamilton City", "Quebec City", "Halifax", "Victoria City",
    "Regina City", "Saskatoon", "Kelowna",
    "Gold Coast", "Adelaide", "Hobart", "Darwin", "Cairns", "Townsville",
    "Christchurch", "Hamilton NZ", "Dunedin", "Queenstown", "Rotorua", "Suva City", "Nouméa", "Papeete",
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
Malay Malays Maasai Zulu Zulus Xhosa Pashtun Pashtuns Tamil Tamils Bengali Punjabi Sindhi Baloch Kurd Kurds
Yoruba Igbo Hausa Fulani Akan Ashanti Berber Berbers Tuareg Uyghur Uyghurs Uighur Tibetan Tibetans Cantonese
Hokkien Hakka Inuit Inuk Aboriginal Indigenous Western Westerners Cairene Cairenes Parisian Muscovite Londoner
Afrikaner Afrikaners Amhara Oromo Somalis Rohingya Hutu Tutsi Druze Alawite Copt Copts Coptic Maori Sami
Roma Bedouin Bedouins Sephardic Ashkenazi Orthodox Evangelical Pentecostal Anglican Methodist Baptist
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
mla mp mep mna asi si pm dig majesty highness excellency
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
church mosque federation confederation syndicate
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
province provinces district districts county counties prefecture municipality region regions city town
village township state territory governorate oblast emirate canton parish borough upazila
""".split())
PLACE_HEADS_LOC: frozenset[str] = frozenset("""
park river lake mountain mountains mount ocean sea gulf bay valley desert island islands isles
peninsula strait straits coast reserve refuge forest canal glacier heights hills hill basin isthmus
cape plateau plain plains delta volcano falls creek beach lagoon archipelago street road avenue
highway boulevard square area areas zone garden gardens
""".split())
PLACE_STARTS: frozenset[str] = frozenset("mount lake cape isle gulf strait isthmus sea port".split())




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
    for n in REGIONS_GPE + REGIONS_GPE_MORE:
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
     "nile", "goma", "java", "bali", "goa", "medina", "rosario", "alexandria", "trinidad", "david", "george",
     "salvador", "santa ana", "ho", "sur", "van", "split", "nice", "hue", "tyre", "hail", "aba", "hamilton city", "phoenix", "columbus", "richmond", "buffalo", "providence", "darwin", "perth", "petra", "granada", "valencia", "cambridge", "oxford", "hollywood", "bolivar", "bolívar", "santa cruz",
     "chaco", "colon", "colón", "volta", "papua", "oyo", "ica", "rivas", "cortes", "cortés", "yoro", "león", "miranda", "merida", "mérida", "sonora", "kent", "essex", "jos", "tira", "acre", "lod", "limbe",
     "mosul", "livingstone", "kimberley", "brest", "rafah", "amazonas", "tabasco", "concepcion",
     "concepción", "galle", "sofia", "saga",
     "mie", "nara", "oita", "gifu"})


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

# Common nouns that say what a name is when they stand in apposition to it ("Tama Talum, a Bunun
# man", "Bata, the largest city", "Rössing, the uranium miner").
PERSON_NOUNS: frozenset[str] = frozenset("""
man woman boy girl child son daughter father mother husband wife brother sister uncle aunt grandson
granddaughter grandfather grandmother widow resident farmer fisherman activist lawyer doctor teacher
student worker official politician lawmaker legislator senator minister president leader chief head
director spokesman spokeswoman spokesperson chairman chairwoman executive founder owner manager
secretary governor mayor ambassador envoy diplomat general commander officer soldier journalist
reporter editor writer author poet novelist artist singer musician actor actress chef player coach
athlete boxer footballer economist analyst expert researcher scientist professor historian survivor
victim suspect driver pilot priest imam bishop king queen prince princess monarch ruler chairperson
member candidate opponent rival deputy aide adviser advisor consultant entrepreneur businessman
businesswoman billionaire investor judge magistrate prosecutor attorney
""".split())
PLACE_NOUNS: frozenset[str] = frozenset("""
city town village capital country nation state province region district county municipality
neighbourhood neighborhood suburb island islands area territory port river lake mountain valley
settlement community township commune prefecture governorate kingdom republic emirate
""".split())
ORG_NOUNS: frozenset[str] = frozenset("""
company firm group party agency organisation organization bank newspaper broadcaster channel network
airline carrier manufacturer maker retailer operator producer miner insurer lender university school
college institute club team band union association federation council ministry department court
authority regulator body movement coalition alliance militia charity foundation fund conglomerate
giant startup platform app website service utility corporation subsidiary brand
""".split())


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(_place_key(n) for names in COUNTRIES for n in names)


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    return frozenset(_place_key(n) for n in REGIONS_GPE + REGIONS_GPE_MORE)


def is_country(name: str) -> bool:
    return _place_key(name) in _countries()


def is_region(name: str) -> bool:
    """A country, or a state or province of one: what qualifies a city ("Kigali, Rwanda")."""
    return _place_key(name) in _countries() or _place_key(name) in _regions() \
        or _place_key(name) in ("dc", "d c", "d.c.")


# Abbreviations of things, not names of organisations ("SMS", "GDP", "MoU"): never an entity.
COMMON_ACRONYMS: frozenset[str] = frozenset("""
SMS MMS MOU MOUS GDP GNP FDI ICT AI EV EVS CEO CEOS CFO COO CTO VAT GST TV PC DNA RNA HIV AIDS COVID
SARS SUV SUVS VPN LNG LPG CNG IPO NGO NGOS FAQ PDF GPS USB SIM PIN OTP CCTV FIR PPE ICU ER OPD IVF LGBT
LGBTQ DIY QR KPI ROI GMO UFO AM PM BC AD CV OK SOS RIP ASAP FYI TBA MW KW KWH GW GWH
""".replace("?", "").split())

# Given names common in world news, across languages: a capitalised pair starting with one of them is
# a person's name ("Ricardo Lombana", "Gillian Tett"), whatever the model says.
GIVEN_NAMES: frozenset[str] = frozenset("""
aaron abdul abdullah abdulrahman abdel abdelaziz abdelkader abdou abdoulaye abraham abu adam adel adrian
adriana ahmad ahmed aisha akua ama alan albert alberto alejandro alex alexander alexandra alexei alfred
ali alice alicia alain alan amal amanda amina amir amit ana anand andrea andreas andrew andrés andres
andrei angela angelo anil anita ann anna anne annie anthony antonio arjun arnold arthur arvind ashok
aung barbara bashir beatriz ben benjamin bernard betty bill bob boris brian bruce carl carla carlos
carmen caroline catherine cecilia charles charlotte chen cheng chris christian christine christopher
claire claudia daniel daniela david deborah dennis diana diego dilma dmitry dominic donald dora douglas
ebrahim eduardo edward elena elias elizabeth emily emma emmanuel enrique eric erik ernesto esther eva
evelyn fabio faisal fatima felipe felix fernando francis francisco frank franz fred frederick gabriel
gabriela george georges gerald gerardo gillian giovanni gloria gordon grace gregory guillermo gustavo hamza
hana hans harold harry hassan helen helena henri henry hiroshi hugo hussein ian ibrahim igor ilham imran
irene isaac isabel ismail ivan jack jacob jacques james jan jane janet jason javier jean jennifer jesus
jesús jim joan joe johann johannes john jonathan jorge jose josé joseph joshua juan julia julian julie
julio karen karim karl kate katherine kazuo keith ken kenji kenneth kevin khalid kim kofi kojo kwame
kwabena kwaku kwasi kwesi kweku laura laurent lee leila leon leonardo li linda lisa liu louis lucia luis
luiz luisa lukas luke mahmoud manuel marc marcelo marco marcos margaret maria mariam marie mario mark
marta martin mary maryam masud mateo matthew maurice max maxim mehmet michael michel miguel mikhail
mohamed mohammad mohammed mohammad moses muhammad mustafa nadia nancy naomi nasser natalia nathan
nelson nicholas nicolas nicolás nikolai nina noah nomvula nora norma olga oliver omar oscar pablo pamela
patricia patrick paul paula pedro peter philip pierre rafael rahul raj rajesh ramón raúl raul ravi rebecca
ricardo richard rita robert roberto rodrigo roger ronald rosa ruth ryan salim salma sam samuel sandra sanjay
sara sarah sergei sergey seyed shakeel sharon shinzo simon sofia sonia sophie stefan stephen steve steven
sunil susan sylvia tamara tanya teresa thabo thomas tim timothy tom tony ursula valentina valerie vera
victor victoria vijay viktor vincent vladimir walid walter wang william xavier yaw yasmin yousef youssef
yusuf yuri zainab zhang ahmet ayşe fatma mehmet mustafa sipho sibusiso thandi themba bongani lindiwe
nkosazana cyril jacob julius kgalema jabulani zodwa thabang kagiso tshepo
percy fumio yoshihide junichiro taro ichiro hideki kenta
""".split())


def is_given_name(word: str) -> bool:
    return fold(word) in _given_names_folded()


@lru_cache(maxsize=1)
def _given_names_folded() -> frozenset[str]:
    return frozenset(fold(n) for n in GIVEN_NAMES)

# Words that stand before a person's name and are kept as part of it (Akan "Nana", Malay "Datuk").
NAME_MARKERS: frozenset[str] = frozenset("nana datuk dato datin tun alhaji alhaja hajia mallam togbe oba igwe ooni".split())

# Organisations world news names without saying what they are: international bodies, big companies
# and platforms, parties. An exact match is an ORG whatever the model says.
KNOWN_ORGS: frozenset[str] = frozenset(n.strip() for n in """
United Nations|UN|U.N.|UNESCO|UNICEF|UNHCR|UNDP|UNEP|UNCTAD|UNFPA|UNAIDS|UNRWA|WHO|World Health Organization|
World Health Organisation|IMF|International Monetary Fund|World Bank|WTO|World Trade Organization|NATO|
European Union|EU|European Commission|European Parliament|African Union|AU|ASEAN|OPEC|OECD|G7|G20|BRICS|
Commonwealth|Interpol|Europol|ICC|International Criminal Court|ICJ|International Court of Justice|
Red Cross|Red Crescent|ICRC|Amnesty International|Human Rights Watch|Greenpeace|Oxfam|Save the Children|
Médecins Sans Frontières|Doctors Without Borders|MSF|Reporters Without Borders|RSF|Transparency International|
World Economic Forum|WEF|FIFA|UEFA|IOC|International Olympic Committee|CAF|ECOWAS|SADC|IGAD|EAC|Mercosur|
Arab League|GCC|Gulf Cooperation Council|OIC|IAEA|FAO|WFP|World Food Programme|IFAD|ILO|IPCC|WWF|
Google|Alphabet|Facebook|Meta|Instagram|WhatsApp|Twitter|TikTok|ByteDance|YouTube|Microsoft|Apple|
Amazon.com|Netflix|Spotify|Uber|Airbnb|Tesla|SpaceX|Zoom|LinkedIn|Snapchat|Telegram|Signal|WeChat|
Weibo|Tencent|Alibaba|Baidu|Huawei|ZTE|Xiaomi|Samsung|LG|Sony|Toyota|Honda|Nissan|Hyundai|Kia|
Volkswagen|BMW|Mercedes-Benz|Daimler|Ford|General Motors|GM|Stellantis|Renault|Boeing|Airbus|Lockheed Martin|
Raytheon|Shell|BP|ExxonMobil|Exxon|Chevron|TotalEnergies|Total|Eni|Gazprom|Rosneft|Lukoil|Aramco|
Saudi Aramco|Petrobras|PDVSA|Pemex|Sinopec|PetroChina|CNOOC|Glencore|Rio Tinto|BHP|Anglo American|
Vale|ArcelorMittal|Tepco|Telefónica|Telefonica|Movistar|Vodafone|MTN|Orange|Airtel|Safaricom|
Naspers|Eskom|Transnet|Sasol|De Beers|Nestlé|Unilever|Coca-Cola|PepsiCo|McDonald's|Walmart|Pfizer|
Moderna|AstraZeneca|Johnson & Johnson|Novartis|Roche|Sanofi|GSK|BioNTech|Sinovac|Sinopharm|
Goldman Sachs|JPMorgan|Morgan Stanley|Citigroup|HSBC|Barclays|Deutsche Bank|UBS|Credit Suisse|BNP Paribas|
Standard Chartered|Ecobank|Visa|Mastercard|PayPal|Binance|Coinbase|Emirates|Qatar Airways|Etihad|
Lufthansa|Air France|KLM|British Airways|Ryanair|Delta Air Lines|United Airlines|American Airlines|
Ethiopian Airlines|Kenya Airways|Pentagon|Kremlin|White House|Downing Street|Élysée|Elysee|Congress|
Senate|Parliament|Knesset|Duma|Bundestag|Hamas|Hezbollah|Taliban|Islamic State|ISIS|ISIL|al-Qaeda|
Al-Shabaab|Boko Haram|Wagner|Wagner Group|ANC|DA|EFF|IFP|ZANU-PF|MDC|BJP|Indian National Congress|
AAP|PTI|PPP|PML-N|Awami League|BNP|LDP|Komeito|CCP|KMT|DPP|Likud|Labour|Labour Party|
Conservative Party|Tories|Democratic Party|Republican Party|GOP|Sinn Féin|Fidesz|AKP|CHP|PSOE|
Podemos|Morena|PRI|PAN|Frente Amplio|Sandinista|FSLN|Chavismo|PSUV
""".replace("\n", "").split("|"))


@lru_cache(maxsize=1)
def _known_orgs_folded() -> frozenset[str]:
    return frozenset(fold(n) for n in KNOWN_ORGS)


def is_known_org(name: str) -> bool:
    return fold(name) in _known_orgs_folded()
