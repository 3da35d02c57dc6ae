"""Surrogate pools for the synthetic note generator, partitioned by split.

Every surrogate value (a first name, a surname, a street base name, a city, a saint's name, a
country) belongs to exactly one split by a hash of its lower-cased form, with the same 70/10/20
rule as ``benchmarks/splits.py``. Composite values (hospitals, streets, cities made of parts) are
built from parts of one split only and must hash to that split themselves, so the names a
detector sees in the test split never occur in train.

Names come from the static lists of Faker's person providers (en_US, en_GB, es_MX, fr_FR, de_DE,
it_IT, pl_PL, pt_BR, nl_NL, tr_TR, vi_VN) plus surnames invented from syllables. Nicknames are
kept with their formal name: "Dave" and "David" always fall in the same split.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import random
import re
import unicodedata

SPLITS = ("train", "dev", "test")

LOCALES = ("en_US", "en_GB", "es_MX", "fr_FR", "de_DE", "it_IT", "pl_PL", "pt_BR", "nl_NL", "tr_TR", "vi_VN")
# how often a person's name comes from each locale (the rest of the world is not uniform)
LOCALE_WEIGHTS = {
    "en_US": 40, "en_GB": 10, "es_MX": 8, "fr_FR": 4, "de_DE": 4, "it_IT": 5, "pl_PL": 4,
    "pt_BR": 4, "nl_NL": 3, "tr_TR": 3, "vi_VN": 4, "invented": 6,
}

# formal name -> nicknames. A nickname is always in the split of its formal name.
NICKNAMES: dict[str, tuple[str, ...]] = {
    "David": ("Dave", "Davey"), "Robert": ("Bob", "Rob", "Bobby", "Robbie"), "William": ("Bill", "Will", "Billy", "Liam"),
    "Richard": ("Rick", "Dick", "Rich", "Richie"), "James": ("Jim", "Jimmy", "Jamie"), "John": ("Jack", "Johnny"),
    "Michael": ("Mike", "Mikey", "Mick"), "Thomas": ("Tom", "Tommy"), "Joseph": ("Joe", "Joey"),
    "Charles": ("Charlie", "Chuck", "Chas"), "Christopher": ("Chris", "Kit"), "Daniel": ("Dan", "Danny"),
    "Matthew": ("Matt",), "Anthony": ("Tony",), "Donald": ("Don", "Donnie"), "Steven": ("Steve",),
    "Stephen": ("Steph",), "Edward": ("Ed", "Eddie", "Ted", "Ned"), "Kenneth": ("Ken", "Kenny"),
    "Ronald": ("Ron", "Ronnie"), "Timothy": ("Tim", "Timmy"), "Joshua": ("Josh",), "Andrew": ("Andy", "Drew"),
    "Nicholas": ("Nick", "Nicky"), "Gregory": ("Greg",), "Benjamin": ("Ben", "Benny"), "Samuel": ("Sam", "Sammy"),
    "Patrick": ("Pat", "Paddy"), "Alexander": ("Alex", "Sandy"), "Frederick": ("Fred", "Freddie"),
    "Lawrence": ("Larry",), "Raymond": ("Ray",), "Gerald": ("Jerry", "Gerry"), "Walter": ("Walt",),
    "Harold": ("Hal", "Harry"), "Henry": ("Hank",), "Eugene": ("Gene",), "Leonard": ("Len", "Lenny"),
    "Francis": ("Frank", "Frankie"), "Albert": ("Al", "Bert"), "Theodore": ("Teddy", "Theo"),
    "Vincent": ("Vince", "Vinny"), "Douglas": ("Doug",), "Nathaniel": ("Nate", "Nat"), "Zachary": ("Zach",),
    "Jonathan": ("Jon",), "Peter": ("Pete",), "Philip": ("Phil",), "Jeffrey": ("Jeff",), "Terrence": ("Terry",),
    "Elizabeth": ("Liz", "Beth", "Betty", "Lizzie", "Eliza"), "Margaret": ("Peggy", "Maggie", "Meg", "Marge"),
    "Katherine": ("Kate", "Kathy", "Katie", "Kat"), "Catherine": ("Cathy", "Cat"), "Patricia": ("Pat", "Patty", "Trish"),
    "Jennifer": ("Jen", "Jenny"), "Susan": ("Sue", "Susie"), "Deborah": ("Debbie", "Deb"), "Barbara": ("Barb", "Babs"),
    "Dorothy": ("Dot", "Dottie"), "Rebecca": ("Becky", "Becca"), "Victoria": ("Vicky", "Tori"),
    "Christine": ("Chris", "Chrissy"), "Kimberly": ("Kim",), "Jessica": ("Jess", "Jessie"), "Samantha": ("Sam",),
    "Alexandra": ("Alex", "Lexi"), "Abigail": ("Abby",), "Judith": ("Judy",), "Theresa": ("Terry", "Tess"),
    "Frances": ("Fran",), "Eleanor": ("Ellie", "Nora"), "Virginia": ("Ginny",), "Josephine": ("Jo", "Josie"),
    "Cynthia": ("Cindy",), "Pamela": ("Pam",), "Sandra": ("Sandy",), "Angela": ("Angie",), "Teresa": ("Tere",),
    "Francisco": ("Paco", "Pancho"), "José": ("Pepe",), "Guadalupe": ("Lupe",), "Giuseppe": ("Peppe",),
    "Aleksander": ("Olek",), "Małgorzata": ("Gosia",), "Johannes": ("Hannes",), "Wolfgang": ("Wolf",),
}

# the first names that are common English words too: used on purpose, as names, sometimes
WORD_NAMES = ("Will", "Mark", "Hope", "Bill", "Rose", "Grant", "May", "Hunter", "Gene", "Patience", "Faith",
              "Joy", "Guy", "Frank", "Sunny", "Dawn", "Amber", "Summer", "April", "June", "Iris", "Ivy")
WORD_SURNAMES = ("King", "White", "Black", "Green", "Young", "Price", "Brown", "Bird", "Fox", "Hall", "Rice", "Stone")

_EXTRA_VI_SURNAMES = ("Ngô", "Đỗ", "Hồ", "Huỳnh", "Phan", "Võ", "Trương", "Đinh", "Lương", "Lý", "Trịnh", "Lâm",
                      "Quách", "Cao", "Kiều", "Thái", "Tạ", "Chu", "Văn", "Hà")
_IRISH_O = ("Neil", "Neill", "Brien", "Connor", "Donnell", "Sullivan", "Hara", "Leary", "Rourke", "Malley",
            "Keefe", "Shea", "Dwyer", "Callaghan", "Toole", "Reilly", "Grady", "Halloran", "Mara", "Driscoll",
            "Dowd", "Flaherty", "Gorman", "Hagan", "Kane", "Loughlin", "Meara", "Riordan", "Boyle", "Dea")
_MAC = ("Donald", "Kenzie", "Intyre", "Gregor", "Cormack", "Carthy", "Bride", "Guire", "Namara", "Allister",
        "Lean", "Kay", "Dermott", "Cann", "Laughlin", "Leod", "Millan", "Nulty", "Quarrie", "Farlane")
PARTICLES = ("van", "van der", "van den", "de", "de la", "del", "da", "dos", "von", "di", "le", "ter", "op de")

SAINTS = ("Agnes", "Brendan", "Cecilia", "Dominic", "Elizabeth", "Francis", "Gabriel", "Hilda", "Ignatius",
          "Joseph", "Jude", "Kevin", "Lucy", "Luke", "Margaret", "Monica", "Nicholas", "Patrick", "Raphael",
          "Vincent", "Anne", "Clare", "Columba", "Bernard", "Benedict", "Catherine", "Teresa", "Anthony",
          "Barnabas", "Mary", "Michael", "Peter", "Paul", "Rita", "Jerome", "Ambrose", "Bridget", "Camillus",
          "Damian", "Elias", "Felix", "Gerard", "Helena", "Isidore", "Joachim", "Kilian", "Leo", "Martin",
          "Norbert", "Oswald", "Pius", "Quentin", "Rose", "Sebastian", "Thomas", "Ursula", "Veronica", "Wilfrid")

# real US place names (facts, typed for this file) plus invented ones built below
_US_CITIES = (
    "Springfield", "Worcester", "Lowell", "Brockton", "Quincy", "Lynn", "Framingham", "Waltham", "Medford",
    "Somerville", "Malden", "Revere", "Peabody", "Salem", "Haverhill", "Lawrence", "Fitchburg", "Leominster",
    "Pittsfield", "Taunton", "Attleboro", "Chicopee", "Holyoke", "Westfield", "Marlborough", "Woburn",
    "Beverly", "Gloucester", "Newburyport", "Plymouth", "Falmouth", "Barnstable", "Nantucket", "Dedham",
    "Needham", "Natick", "Milford", "Braintree", "Weymouth", "Hingham", "Scituate", "Marshfield", "Duxbury",
    "Andover", "Methuen", "Billerica", "Chelmsford", "Dracut", "Tewksbury", "Burlington", "Lexington",
    "Arlington", "Belmont", "Watertown", "Brookline", "Dorchester", "Roxbury", "Mattapan", "Hyde Park",
    "Jamaica Plain", "Charlestown", "Chelsea", "Everett", "Winthrop", "Saugus", "Danvers", "Ipswich",
    "Amesbury", "Northampton", "Amherst", "Greenfield", "Gardner", "Athol", "Southbridge", "Webster",
    "Nashua", "Manchester", "Concord", "Portsmouth", "Dover", "Keene", "Providence", "Pawtucket", "Cranston",
    "Warwick", "Woonsocket", "Newport", "Hartford", "New Haven", "Bridgeport", "Stamford", "Waterbury",
    "Norwalk", "Danbury", "Bangor", "Lewiston", "Augusta", "Burlington", "Rutland", "Albany", "Syracuse",
    "Rochester", "Buffalo", "Yonkers", "Utica", "Binghamton", "Scranton", "Allentown", "Erie", "Trenton",
    "Camden", "Paterson", "Newark", "Wilmington", "Baltimore", "Annapolis", "Richmond", "Norfolk", "Roanoke",
    "Raleigh", "Durham", "Asheville", "Charleston", "Savannah", "Macon", "Tallahassee", "Gainesville",
    "Tampa", "Orlando", "Mobile", "Birmingham", "Huntsville", "Knoxville", "Chattanooga", "Memphis",
    "Louisville", "Lexington", "Cincinnati", "Dayton", "Toledo", "Akron", "Youngstown", "Flint", "Lansing",
    "Kalamazoo", "Saginaw", "Gary", "Fort Wayne", "Peoria", "Rockford", "Joliet", "Madison", "Green Bay",
    "Duluth", "Rochester", "Des Moines", "Cedar Rapids", "Omaha", "Lincoln", "Topeka", "Wichita", "Tulsa",
    "Amarillo", "Lubbock", "El Paso", "Laredo", "Waco", "Abilene", "Shreveport", "Baton Rouge", "Biloxi",
    "Little Rock", "Fayetteville", "Boise", "Billings", "Missoula", "Cheyenne", "Casper", "Provo", "Ogden",
    "Reno", "Flagstaff", "Tucson", "Yuma", "Santa Fe", "Las Cruces", "Pueblo", "Boulder", "Fresno", "Modesto",
    "Stockton", "Bakersfield", "Oxnard", "Eugene", "Salem", "Spokane", "Tacoma", "Yakima", "Anchorage",
    "Fairbanks", "Hilo", "Sioux Falls", "Fargo", "Bismarck", "Rapid City", "Muncie", "Terre Haute", "Bangor",
    "Pocatello", "Chico", "Eureka", "Ithaca", "Elmira", "Plattsburgh", "Oneonta", "Altoona", "Johnstown",
)
_CITY_PREFIX = ("North", "South", "East", "West", "New", "Port", "Lake", "Mount", "Fort", "Glen", "Little")
_CITY_SUFFIX = ("ville", "ton", "field", "burg", "boro", "ford", "dale", "port", "wood", " Falls", " Springs",
                " Heights", " Hills", " Junction", " Center", " Crossing", "mouth", "bury", "land")

_STREET_WORDS = ("Elm", "Oak", "Maple", "Pine", "Cedar", "Birch", "Walnut", "Chestnut", "Spruce", "Willow",
                 "Hickory", "Magnolia", "Laurel", "Juniper", "Sycamore", "Aspen", "Poplar", "Hawthorn",
                 "Highland", "Park", "Lake", "Hill", "River", "Meadow", "Orchard", "Ridge", "Valley", "Forest",
                 "Sunset", "Spring", "Mill", "Church", "School", "Prospect", "Pleasant", "Summit", "Union",
                 "Liberty", "Central", "Water", "Bridge", "Harbor", "Bay", "Canal", "Depot", "Fairview",
                 "Grove", "Linden", "Locust", "Mulberry", "Beacon", "Commonwealth", "Tremont", "Boylston")
STREET_SUFFIXES = ("St", "St.", "Street", "Ave", "Ave.", "Avenue", "Rd", "Road", "Blvd", "Lane", "Ln", "Dr",
                   "Drive", "Ct", "Court", "Way", "Terrace", "Pl", "Place", "Circle", "Pkwy", "Hwy")

COUNTRIES = ("Poland", "Italy", "Ireland", "Portugal", "Brazil", "Mexico", "Guatemala", "El Salvador",
             "Honduras", "Dominican Republic", "Haiti", "Jamaica", "Cape Verde", "Vietnam", "Cambodia", "China",
             "India", "Pakistan", "Bangladesh", "Philippines", "Korea", "Japan", "Greece", "Turkey", "Lebanon",
             "Syria", "Iran", "Iraq", "Egypt", "Morocco", "Nigeria", "Ghana", "Kenya", "Ethiopia", "Somalia",
             "Russia", "Ukraine", "Lithuania", "Germany", "France", "the Netherlands", "Belgium", "Spain",
             "Colombia", "Peru", "Chile", "Argentina", "Cuba", "Puerto Rico", "Canada", "England", "Scotland",
             "Albania", "Armenia", "Romania", "Hungary", "Czech Republic", "Sweden", "Norway", "Trinidad")

STATES = (("Massachusetts", "MA"), ("New Hampshire", "NH"), ("Rhode Island", "RI"), ("Connecticut", "CT"),
          ("Maine", "ME"), ("Vermont", "VT"), ("New York", "NY"), ("New Jersey", "NJ"), ("Pennsylvania", "PA"),
          ("Maryland", "MD"), ("Virginia", "VA"), ("North Carolina", "NC"), ("Florida", "FL"), ("Georgia", "GA"),
          ("Ohio", "OH"), ("Michigan", "MI"), ("Illinois", "IL"), ("Texas", "TX"), ("California", "CA"),
          ("Washington", "WA"), ("Oregon", "OR"), ("Arizona", "AZ"), ("Colorado", "CO"), ("Minnesota", "MN"),
          ("Wisconsin", "WI"), ("Tennessee", "TN"), ("Kentucky", "KY"), ("Missouri", "MO"), ("Iowa", "IA"))

# surnames that are the names of signs, diseases, scores and devices: never used as surrogates, so that
# "Parkinson's disease" or "Foley" in a note is always a negative
EPONYM_SURNAMES = frozenset(x.lower() for x in (
    "Parkinson", "Huntington", "Foley", "Swan", "Ganz", "Babinski", "Apgar", "Bankart", "Glasgow", "Hodgkin",
    "Trendelenburg", "Homan", "Homans", "Alzheimer", "Crohn", "Cushing", "Addison", "Hashimoto", "Raynaud", "Whipple",
    "Kussmaul", "Guillain", "Barre", "Wernicke", "Korsakoff", "Romberg", "Tinel", "Phalen", "Gleason", "Breslow",
    "Nissen", "Kaposi", "Burkitt", "Ewing", "Wilms", "Fanconi", "Willebrand", "Sjogren", "Tourette", "Asperger",
    "Gehrig", "Meckel", "Hirschsprung", "Kawasaki", "Takotsubo", "Peyronie", "Behcet", "Meniere", "Dupuytren", "Colles",
    "Pott", "Heberden", "Bouchard", "Virchow", "Chvostek", "Trousseau", "Cullen", "Lhermitte", "Hoffmann", "Kernig",
    "Brudzinski", "Mallampati", "Lachman", "McMurray", "Epley", "Heimlich", "Valsalva", "Rinne", "Braden", "Ranson",
    "Killip", "Pugh", "Hickman", "Penrose", "Dobhoff", "Yankauer", "Sengstaken", "Blakemore", "Holter", "Doppler",
    "Hoyer", "Broviac", "Passy", "Muir", "Coombs", "Schilling", "Bence", "Stokes", "Cheyne", "Mallory", "Weiss",
    "Wolff", "Graves", "Schmorl", "Sachs", "Hill-Sachs", "Roux", "Billroth", "Hartmann", "Bier", "Morse", "Richmond",
    "Ramsay", "Rankin", "Nottingham", "Clark", "Murphy", "Bell", "Barrett", "Baker", "Paget", "Marfan", "Gilbert",
    "Wilson", "Down", "Allen", "Weber", "Levine", "Wells", "Child", "Pap", "Gram", "Miami", "Jackson", "Pratt",
))

_NAME_RE = re.compile(r"^[^\W\d_]+(?:['\-][^\W\d_]+)*$")


def split_of_value(value: str) -> str:
    """The split a surrogate value belongs to (60 % train, 15 % dev, 25 % test).

    Dev and test get a larger share of the pools than of the documents so that their notes are not
    dominated by a few repeated names.
    """
    key = "medveil-synth-pool:" + ascii_fold(value.strip()).lower()
    h = int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % 20
    if h >= 15:
        return "test"
    if h >= 12:
        return "dev"
    return "train"


def ascii_fold(s: str) -> str:
    s = s.replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D").replace("ı", "i")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_NICK_OF: dict[str, str] = {}


def name_key(name: str) -> str:
    """The value whose hash decides a first name's split (the formal name for a nickname)."""
    return _NICK_OF.get(ascii_fold(name).lower(), name)


for _formal, _nicks in NICKNAMES.items():
    for _n in _nicks:
        _NICK_OF.setdefault(ascii_fold(_n).lower(), _formal)


def first_name_split(name: str) -> str:
    return split_of_value(name_key(name))


def _clean(names) -> list[str]:
    out = []
    for n in names:
        n = str(n).strip()
        if 2 <= len(n) <= 16 and _NAME_RE.match(n) and not (set(n.lower().split("-")) & EPONYM_SURNAMES):
            out.append(n)
    return out


def _provider(locale: str):
    return importlib.import_module(f"faker.providers.person.{locale}").Provider


def _locale_lists(locale: str) -> tuple[list[str], list[str], list[str]]:
    p = _provider(locale)
    male = list(getattr(p, "first_names_male", ()) or ())
    female = list(getattr(p, "first_names_female", ()) or ())
    if locale == "vi_VN":
        uni = list(getattr(p, "first_names_unisex", ()) or ())
        male += uni
        female += uni
    last: list[str] = []
    for attr in ("last_names", "male_last_names", "unisex_last_names"):
        v = getattr(p, attr, None)
        if v and list(v) != ["Doe"]:
            last += list(v)
    if locale == "pl_PL":
        last = [x for x in last if not x.endswith("ski") or x in getattr(p, "male_last_names", ())]
    if locale == "vi_VN":
        last += list(_EXTRA_VI_SURNAMES)
    return _clean(male), _clean(female), _clean(last)


_SYL_A = ("bar", "cal", "dor", "fen", "gar", "hal", "kes", "lin", "mor", "nes", "or", "pel", "quin", "ros",
          "sel", "tav", "ul", "ver", "wen", "yar", "zel", "bro", "cra", "dre", "fla", "gri", "ke", "lo", "ma",
          "ni", "pra", "ska", "tre", "vo", "ash", "el", "im", "os", "ry", "thal")
_SYL_B = ("an", "en", "in", "on", "ar", "er", "or", "el", "il", "ad", "ed", "ov", "ak", "is", "us", "ow",
          "ith", "eth", "ant", "ent", "und", "ard", "ic", "ay", "ey")
_SYL_C = ("ski", "son", "sen", "ley", "ton", "well", "wick", "more", "berg", "stein", "man", "ner", "ard",
          "ez", "elli", "ini", "escu", "ou", "ian", "idis", "enko", "ova", "ström", "holm", "ford", "by", "")


@functools.lru_cache(maxsize=1)
def _invented_surnames() -> list[str]:
    rng = random.Random("medveil-synth-invented-surnames")
    out: set[str] = set()
    while len(out) < 3000:
        s = rng.choice(_SYL_A) + rng.choice(_SYL_B) + rng.choice(_SYL_C)
        if rng.random() < 0.3:
            s = rng.choice(_SYL_A) + s
        if 4 <= len(s) <= 13:
            out.add(s.capitalize())
    return sorted(out)


class SplitPools:
    """All surrogate pools of one split."""

    def __init__(self, split: str) -> None:
        if split not in SPLITS:
            raise ValueError(f"unknown split {split!r}; expected one of {SPLITS}")
        self.split = split
        self.first_m: dict[str, list[str]] = {}
        self.first_f: dict[str, list[str]] = {}
        self.last: dict[str, list[str]] = {}
        for loc in LOCALES:
            m, f, la = _locale_lists(loc)
            self.first_m[loc] = sorted({n for n in m if first_name_split(n) == split})
            self.first_f[loc] = sorted({n for n in f if first_name_split(n) == split})
            self.last[loc] = sorted({n for n in la if split_of_value(n) == split})
        self.last["invented"] = [n for n in _invented_surnames() if split_of_value(n) == split and n.lower() not in EPONYM_SURNAMES]
        self.first_m["invented"] = self.first_m["en_US"]
        self.first_f["invented"] = self.first_f["en_US"]
        self.irish_o = ["O'" + b for b in _IRISH_O if split_of_value("O'" + b) == split]
        self.mac = ["Mac" + b for b in _MAC if split_of_value("Mac" + b) == split]
        self.mac += ["Mc" + b for b in _MAC if split_of_value("Mc" + b) == split]
        self.word_first = [n for n in WORD_NAMES if first_name_split(n) == split]
        self.word_last = [n for n in WORD_SURNAMES if split_of_value(n) == split]
        self.saints = [s for s in SAINTS if split_of_value("St. " + s) == split]
        self.countries = [c for c in COUNTRIES if split_of_value(c) == split]
        self.street_bases = sorted({w for w in list(_STREET_WORDS) + self.last["en_US"] + self.last["en_GB"]
                                    if split_of_value(w) == split and w.lower() not in EPONYM_SURNAMES})
        self.real_cities = sorted({c for c in _US_CITIES if split_of_value(c) == split})
        self.en_last = self.last["en_US"] + self.last["en_GB"]
        self.all_last = sorted({n for v in self.last.values() for n in v})
        self.all_first = sorted({n for v in list(self.first_m.values()) + list(self.first_f.values()) for n in v})

    # --- cities -------------------------------------------------------------------------------
    def city(self, rng: random.Random) -> str:
        if rng.random() < 0.6 and self.real_cities:
            return rng.choice(self.real_cities)
        for _ in range(50):
            base = rng.choice(self.en_last)
            if base in _CITY_PREFIX:
                continue
            r = rng.random()
            if r < 0.35:
                c = base + rng.choice(_CITY_SUFFIX)
            elif r < 0.6:
                c = rng.choice(_CITY_PREFIX) + " " + base
            else:
                c = rng.choice(_CITY_PREFIX) + " " + base + rng.choice(_CITY_SUFFIX)
            if split_of_value(c) == self.split and "  " not in c:
                return c
        return rng.choice(self.real_cities)

    def street(self, rng: random.Random) -> str:
        """'48 Hollister Ave' (sometimes with an apartment)."""
        base = rng.choice(self.street_bases)
        num = str(rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 9999)]))
        s = f"{num} {base} {rng.choice(STREET_SUFFIXES)}"
        if rng.random() < 0.15:
            s += rng.choice([", Apt ", " Apt. ", " #", ", Unit "]) + rng.choice([str(rng.randint(1, 40)), f"{rng.randint(1, 6)}{rng.choice('ABCD')}"])
        return s

    def country(self, rng: random.Random) -> str:
        return rng.choice(self.countries)

    def saint(self, rng: random.Random) -> str:
        return rng.choice(self.saints)
