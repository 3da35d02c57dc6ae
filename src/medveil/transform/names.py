"""Person names: parse each mention, link the mentions of one person, draw surrogates that keep the
form, the casing and the gender of the first name.

*Parsing.* A mention is split into tokens with roles: title ("Dr.", "Mrs."), first, middle, last,
initials ("D.", "J.S.") and suffix ("Jr.", "MD"). "Last, First" is recognised by its comma; a
single token is a last name unless it is a known first name (or a nickname) or it matches the
first name of a person already seen.

*Linking.* Mentions with a first and a last name define persons; "David", "Dave" (nickname of
David), "D. Greybeard", "Greybeard" and "GREYBEARD" link to the person "David Greybeard" in the same
document, or to one seen earlier for the same patient (see :class:`PersonRegistry`). Tags use the
person; surrogates use it to fill initials.

*Surrogates.* Each part is replaced on its own, as a pure function of (key, patient, part, the
normalized original): the last name "Greybeard" always becomes the same surrogate last name, the
first name "David" (and its nicknames, through their canonical name) always the same surrogate
first name of the same gender, drawn from Faker's US name lists. A nickname becomes a nickname of
the surrogate where the surrogate has one. Separators, titles and suffixes are kept as written;
each token keeps its casing (ALL CAPS, lowercase, Title).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from medveil.document import Span
from medveil.transform.base import Context
from medveil.transform.keyed import keyed_choice, normalize

TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "rev", "sister", "nurse", "doctor"})
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "md", "do", "rn", "np", "pa", "phd", "dds", "dmd", "lpn", "cnp", "esq"})
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w'’\-]*\.?")
_LABEL_RANK = {"PATIENT": 0, "RELATIVE": 1, "PROVIDER": 2, "PERSON": 3}
_MAX_ATTEMPTS = 60
_KNOWN_BASE = 10**15  # stand-in offsets of names from structured fields, beyond any text
_KNOWN_STEP = 10**6


# --- lexicons -----------------------------------------------------------------------------------


_O_NAMES = frozenset({"brien", "connor", "connell", "donnell", "neal", "neil", "neill", "keefe", "rourke", "hara", "leary", "dell", "malley", "reilly", "sullivan", "shea"})


def _fix_case(name: str) -> str:
    """Faker writes "Mccoy" and "Obrien": give them their usual form ("McCoy", "O'Brien")."""
    if name.startswith("Mc") and len(name) > 3:
        return "Mc" + name[2:3].upper() + name[3:]
    if name.startswith("O") and name[1:].lower() in _O_NAMES:
        return "O'" + name[1:2].upper() + name[2:]
    return name


@lru_cache(maxsize=1)
def _faker_names() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    from faker.providers.person.en_US import Provider

    return tuple(Provider.first_names_male), tuple(Provider.first_names_female), tuple(_fix_case(n) for n in Provider.last_names)


@lru_cache(maxsize=1)
def _faker_gender() -> dict[str, str]:
    male, female, _ = _faker_names()
    g: dict[str, str] = {}
    for n in male:
        g[n.lower()] = "M"
    for n in female:
        g[n.lower()] = "F" if n.lower() not in g else "?"
    return {k: v for k, v in g.items() if v != "?"}


@lru_cache(maxsize=1)
def _nicknamer():
    try:
        from nicknames import NickNamer

        return NickNamer()
    except Exception:  # noqa: BLE001 - the nickname table is optional
        return None


def _lexicons():
    try:
        from medveil import lexicons  # written in parallel; used when present
    except ImportError:
        return None
    return lexicons


def first_name_gender(name: str) -> str | None:
    """'M', 'F' or None, from ``medveil.lexicons`` when available, else from Faker's US name lists."""
    lex = _lexicons()
    if lex is not None and hasattr(lex, "first_name_gender"):
        try:
            g = lex.first_name_gender(name)
        except Exception:  # noqa: BLE001
            g = None
        if g in ("M", "F"):
            return g
    return _faker_gender().get(name.lower())


@lru_cache(maxsize=65536)
def nicknames_of(name: str) -> frozenset[str]:
    """Lower-case nicknames of a first name."""
    lex = _lexicons()
    if lex is not None and hasattr(lex, "nicknames_of"):
        try:
            return frozenset(n.lower() for n in lex.nicknames_of(name))
        except Exception:  # noqa: BLE001
            pass
    nn = _nicknamer()
    return frozenset(n.lower() for n in nn.nicknames_of(name)) if nn else frozenset()


@lru_cache(maxsize=65536)
def canonical_names(nickname: str) -> tuple[str, ...]:
    """Lower-case canonical first names a nickname stands for (sorted; empty when it is none)."""
    lex = _lexicons()
    if lex is not None and hasattr(lex, "canonical_names"):
        try:
            return tuple(sorted(n.lower() for n in lex.canonical_names(nickname)))
        except Exception:  # noqa: BLE001
            pass
    nn = _nicknamer()
    return tuple(sorted(n.lower() for n in nn.canonicals_of(nickname))) if nn else ()


def is_first_name(token: str) -> bool:
    """True when ``token`` is a known first name or nickname."""
    t = token.lower()
    return first_name_gender(t) is not None or bool(canonical_names(t))


@lru_cache(maxsize=4)
def _pool(gender: str | None, with_nicknames: bool) -> tuple[str, ...]:
    """Faker's US first names of ``gender`` that are names in their own right (not nicknames such
    as "Vin" or "Georgie"); with ``with_nicknames``, only those that have nicknames of their own."""
    male, female, _ = _faker_names()
    names = male if gender == "M" else female if gender == "F" else male + female
    proper = tuple(n for n in names if not nickname_targets(n) and len(n) > 2) or names
    if with_nicknames:
        nick = tuple(n for n in proper if any(len(x) >= 3 and is_nickname_of(x, n) for x in nicknames_of(n.lower())))
        if len(nick) >= 20:
            return nick
    return proper


# --- casing -------------------------------------------------------------------------------------


def case_like(word: str, like: str) -> str:
    """``word`` in the casing of ``like``: ALL CAPS, lowercase, or as written (Title, McName)."""
    letters = [c for c in like if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and all(c.islower() for c in letters):
        return word.lower()
    return word[:1].upper() + word[1:]


# --- parsing ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Token:
    """One token of a name mention, with offsets into the mention and its role."""

    start: int
    end: int
    text: str
    role: str = ""  # title, suffix, first, middle, last, initial_first, initial_middle, initial_last, initials, single

    @property
    def bare(self) -> str:
        """The token in lower case without a final period."""
        return self.text.rstrip(".").lower()


@dataclass(slots=True)
class Mention:
    """A parsed name mention; ``person`` is filled by the linker."""

    text: str
    tokens: list[Token]
    label: str = "PERSON"
    person: Person | None = None

    def part(self, role: str) -> Token | None:
        """The first token with ``role``."""
        return next((t for t in self.tokens if t.role == role), None)


def parse_name(text: str) -> Mention:
    """Split a name mention into tokens and give each a role (see the module docstring)."""
    toks: list[Token] = []
    for m in _TOKEN.finditer(text):
        s, e = m.start(), m.end()
        w = m.group()
        if w.lower().endswith(("'s", "’s")) and len(w) > 3:
            e -= 2
            w = w[:-2]
        toks.append(Token(s, e, w))
    comma = text.find(",")
    core = [t for t in toks if t.bare not in TITLES and t.bare not in SUFFIXES]
    for t in toks:
        if t.bare in TITLES and (not core or t.start < core[0].start):
            t.role = "title"
        elif t.bare in SUFFIXES and core and t.start > core[0].start:
            t.role = "suffix"
    core = [t for t in toks if not t.role]
    before = [t for t in core if comma >= 0 and t.end <= comma]
    after = [t for t in core if comma >= 0 and t.start > comma]
    if before and after:  # "Last, First Middle"
        for t in before:
            t.role = "last"
        for i, t in enumerate(after):
            t.role = ("first" if i == 0 else "middle") if not _is_initial(t) else ("initial_first" if i == 0 else "initial_middle")
    elif len(core) == 1:
        t = core[0]
        if re.fullmatch(r"(?:[^\W\d_]\.){2,}", t.text) or (t.text.isupper() and 2 <= len(t.text) <= 3 and not is_first_name(t.text)):
            t.role = "initials"
        elif _is_initial(t):
            t.role = "initial_first"
        elif any(x.role == "title" for x in toks):
            t.role = "last"
        else:
            t.role = "single"
    elif core:
        for i, t in enumerate(core):
            pos = "first" if i == 0 else "last" if i == len(core) - 1 else "middle"
            t.role = f"initial_{pos}" if _is_initial(t) else pos
    return Mention(text, toks)


def _is_initial(t: Token) -> bool:
    return len(t.text.rstrip(".")) == 1


# --- linking ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Person:
    """One person: canonical first name and last name (lower case; either may be unknown)."""

    id: str
    first: str = ""
    last: str = ""
    first_initial: str = ""
    label: str = "PERSON"
    firsts: set[str] = field(default_factory=set)  # every written first name / nickname seen

    def take_label(self, label: str) -> None:
        """Keep the most specific label seen for this person (PATIENT before RELATIVE, PROVIDER, PERSON)."""
        if _LABEL_RANK.get(label, 9) < _LABEL_RANK.get(self.label, 9):
            self.label = label


@lru_cache(maxsize=1)
def _first_freq() -> dict[str, float]:
    lex = _lexicons()
    if lex is not None and hasattr(lex, "first_names"):
        try:
            return {k: float(v[1]) for k, v in lex.first_names().items()}
        except Exception:  # noqa: BLE001
            pass
    male, female, _ = _faker_names()
    return {n.lower(): 10.0 for n in male + female}


@lru_cache(maxsize=65536)
def nickname_targets(token: str) -> tuple[str, ...]:
    """The names ``token`` is a nickname *of*: canonical names at least twice as frequent as the
    token itself ("Dave" → david; but "John", "Richard" and "Emily" are names in their own right,
    whatever the nickname table says). Most frequent first."""
    t = token.lower()
    freq = _first_freq()
    own = freq.get(t, 0.0)
    cands = [c for c in canonical_names(t) if c != t and freq.get(c, 0.0) >= 2 * own and freq.get(c, 0.0) > 0]
    return tuple(sorted(cands, key=lambda c: (-freq.get(c, 0.0), c)))


def canonical_first(token: str, known: list[Person] | None = None) -> str:
    """The canonical form of a first name: itself, or the name it is a nickname of (preferring one
    that a known person carries, else the most frequent)."""
    t = token.lower()
    cands = nickname_targets(t)
    if not cands:
        return t
    for p in known or []:
        if p.first in cands:
            return p.first
    return cands[0]


def is_nickname_of(nick: str, name: str) -> bool:
    """True when ``nick`` is a nickname of ``name`` in the sense of :func:`nickname_targets`."""
    return name.lower() in nickname_targets(nick)


class PersonRegistry:
    """The persons seen so far for one patient (kept by a :class:`~medveil.deidentify.Deidentifier`
    so that mentions link across that patient's documents)."""

    def __init__(self) -> None:
        self.persons: list[Person] = []

    def new(self, label: str) -> Person:
        """Register a new person."""
        p = Person(id=f"P{len(self.persons) + 1}", label=label)
        self.persons.append(p)
        return p


class NameLinker:
    """Parses the name spans of one document and links them to persons."""

    def __init__(self, text: str, spans: list[Span], registry: PersonRegistry | None = None, known_names: list[str] | None = None):
        self.registry = registry if registry is not None else PersonRegistry()
        self.mentions: dict[tuple[int, int], Mention] = {}
        self.originals: set[str] = set()
        ms: list[Mention] = []
        self._known: dict[str, Span] = {}
        for i, name in enumerate(known_names or []):
            m = parse_name(name)
            m.label = "PATIENT"
            ms.append(m)
            sp = Span(_KNOWN_BASE + i * _KNOWN_STEP, _KNOWN_BASE + i * _KNOWN_STEP + len(name), "PATIENT")
            self.mentions[(sp.start, sp.end)] = m
            self._known.setdefault(name, sp)
        for sp in spans:
            m = parse_name(text[sp.start : sp.end])
            m.label = str(sp.label)
            self.mentions[(sp.start, sp.end)] = m
            ms.append(m)
        for m in ms:
            for t in m.tokens:
                if t.role not in ("title", "suffix"):
                    self.originals.add(t.bare)
        # full names first, then partial mentions, so that partials find their person
        full = [m for m in ms if m.part("last") and (m.part("first") or m.part("initial_first"))]
        rest = [m for m in ms if m not in full]
        for m in full + rest:
            self._link(m)

    def known_span(self, name: str) -> Span | None:
        """A stand-in span for a known name (from a structured field), to transform it like the text."""
        return self._known.get(name)

    def _link(self, m: Mention) -> None:
        persons = self.registry.persons
        first, last = m.part("first"), m.part("last")
        ini = m.part("initial_first")
        single = m.part("single")
        if single is not None:
            w = single.bare
            if any(p.last == w for p in persons):
                single.role = "last"
                last = single
            elif any(w == p.first or w in p.firsts or canonical_first(w, persons) == p.first for p in persons if p.first):
                single.role = "first"
                first = single
            elif is_first_name(w):
                single.role = "first"
                first = single
            else:
                single.role = "last"
                last = single
        initials = m.part("initials")
        cf = canonical_first(first.bare, persons) if first else ""
        lw = last.bare if last else ""
        fi = (first.bare[:1] if first else ini.bare[:1] if ini else "") or ""
        target: Person | None = None
        for p in persons:
            if lw and p.last == lw:
                if (not cf or not p.first or p.first == cf or cf in p.firsts) and (not fi or not p.first_initial or p.first_initial == fi):
                    target = p
                    break
            elif not lw and cf and (p.first == cf or cf in p.firsts):
                target = p
                break
        if target is None and initials is not None:
            letters = [c.lower() for c in initials.text if c.isalpha()]
            for p in persons:
                if p.first_initial and p.last and [p.first_initial, p.last[:1]] == [letters[0], letters[-1]]:
                    target = p
                    break
        if target is None:
            target = self.registry.new(m.label)
        if cf and not target.first:
            target.first = cf
        if first:
            target.firsts.add(first.bare)
        if lw and not target.last:
            target.last = lw
        if fi and not target.first_initial:
            target.first_initial = fi
        target.take_label(m.label)
        m.person = target

    def mention(self, span: Span) -> Mention | None:
        """The parsed mention of ``span`` (``None`` for a span this linker did not see)."""
        return self.mentions.get((span.start, span.end))

    def entity_of(self, span: Span) -> str | None:
        """The person id of ``span``."""
        m = self.mention(span)
        return m.person.id if m and m.person else None

    def entity_label(self, entity_id: str, label: str) -> str:
        """The label a tag of this person shows: the most specific label seen for the person."""
        for p in self.registry.persons:
            if p.id == entity_id:
                return p.label if _LABEL_RANK.get(p.label, 9) < _LABEL_RANK.get(label, 9) else label
        return label


# --- surrogates ---------------------------------------------------------------------------------


_PLACE_WORDS = frozenset(
    "hospital hospitals medical center centre clinic clinics health healthcare university college school institute "
    "memorial regional county dialysis rehabilitation rehab nursing pharmacy laboratory laboratories labs associates "
    "group inc llc corp corporation company church foundation services hospice infirmary".split()
)


def _looks_like_a_place(value: str) -> bool:
    """True for a "name" that is an institution: it holds a word such as Hospital, Center, Clinic."""
    words = re.findall(r"[^\W\d_]+", value.lower())
    return len(words) >= 2 and any(w in _PLACE_WORDS for w in words)


class NameSurrogate:
    """Surrogate for person names (see the module docstring)."""

    name = "surrogate"

    def _clash(self, cand: str, original: str, ctx: Context, names: set[str]) -> bool:
        c = cand.lower()
        return c == original.lower() or c in names or ctx.clashes(cand, original)

    def surrogate_last(self, last: str, ctx: Context, names: set[str]) -> str:
        """The surrogate of a last name (lower-case ``last``), in Faker's casing."""
        pool = _faker_names()[2]
        for a in range(ctx.attempt, ctx.attempt + _MAX_ATTEMPTS):
            cand = keyed_choice(ctx.key, pool, ctx.scope, "NAME.last", normalize(last), a)
            if not self._clash(cand, last, ctx, names):
                return cand
        return cand

    def surrogate_first(self, first: str, ctx: Context, names: set[str]) -> str:
        """The surrogate of a canonical first name, of the same gender where it is known."""
        gender = first_name_gender(first)
        pool = _pool(gender, any(is_nickname_of(n, first) for n in nicknames_of(first)))
        for a in range(ctx.attempt, ctx.attempt + _MAX_ATTEMPTS):
            cand = keyed_choice(ctx.key, pool, ctx.scope, "NAME.first", normalize(first), a)
            if not self._clash(cand, first, ctx, names) and not any(self._clash(n, first, ctx, names) for n in nicknames_of(cand.lower())):
                return cand
        return cand

    def _initial(self, letter: str, ctx: Context, *context: str) -> str:
        letters = [c for c in "ABCDEFGHJKLMNPRSTW" if c.lower() != letter.lower()]
        return keyed_choice(ctx.key, letters, ctx.scope, "NAME.initial", letter.lower(), *context, ctx.attempt)

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the surrogate of the name mention ``value`` (see the module docstring)."""
        if _looks_like_a_place(value):  # "St. Cecilia Medical Center" labelled as a person
            from medveil.transform.locations import LocationSurrogate

            return LocationSurrogate().apply(value, "HOSPITAL", ctx, span)
        linker = ctx.names
        m = linker.mention(span) if (linker is not None and span is not None) else None
        if m is None:
            linker = NameLinker(value, [Span(0, len(value), label)])
            m = linker.mention(Span(0, len(value), label))
            assert m is not None
        names = linker.originals if linker is not None else set()
        p = m.person
        out: list[tuple[int, int, str]] = []
        for t in m.tokens:
            role = t.role
            new: str | None = None
            if role == "last":
                new = self.surrogate_last(t.bare, ctx, names)
            elif role in ("first", "middle"):
                canon = canonical_first(t.bare, linker.registry.persons if linker else None)
                if role == "first" and p is not None and p.first and (t.bare == p.first or t.bare in p.firsts):
                    canon = p.first
                sur = self.surrogate_first(canon, ctx, names)
                new = sur
                if t.bare != canon and is_nickname_of(t.bare, canon):
                    nicks = sorted(nicknames_of(sur.lower()))
                    nicks = [n for n in nicks if len(n) >= 3 and is_nickname_of(n, sur) and not self._clash(n, t.bare, ctx, names)]
                    if nicks:
                        new = keyed_choice(ctx.key, nicks, ctx.scope, "NAME.nick", t.bare, sur).capitalize()
            elif role == "initial_first":
                if p is not None and p.first:
                    new = self.surrogate_first(p.first, ctx, names)[:1]
                else:
                    new = self._initial(t.bare, ctx, p.last if p else "")
            elif role == "initial_last":
                if p is not None and p.last:
                    new = self.surrogate_last(p.last, ctx, names)[:1]
                else:
                    new = self._initial(t.bare, ctx, "last", p.first if p else "")
            elif role == "initial_middle":
                new = self._initial(t.bare, ctx, "middle", p.id if p else "")
            elif role == "initials":
                letters = [i for i, c in enumerate(t.text) if c.isalpha()]
                chars = list(t.text)
                for k, i in enumerate(letters):
                    if k == 0 and p is not None and p.first:
                        chars[i] = self.surrogate_first(p.first, ctx, names)[:1]
                    elif k == len(letters) - 1 and p is not None and p.last:
                        chars[i] = self.surrogate_last(p.last, ctx, names)[:1]
                    else:
                        chars[i] = self._initial(t.text[i], ctx, "initials", str(k), t.text)
                new = "".join(chars)
            if new is None:
                continue
            if role.startswith("initial"):
                new = new.upper() if t.text[:1].isupper() else new.lower()
                if role != "initials" and t.text.endswith("."):
                    new += "."
            else:
                new = case_like(new, t.text)
                if t.text.endswith(".") and not new.endswith("."):
                    new += "."
            out.append((t.start, t.end, new))
        if not out:  # nothing that looks like a name part (digits, symbols): keep only the shape
            from medveil.transform.shapes import ShapeSurrogate

            return ShapeSurrogate().apply(value, label, ctx, span)
        text = m.text
        # digits in a name span (a mislabelled address, "Bed 12") never survive: keep only their shape
        if any(c.isdigit() for c in text):
            from medveil.transform.keyed import keyed_random

            rng = keyed_random(ctx.key, ctx.scope, "NAME.digits", normalize(value), ctx.attempt)
            taken = [(s, e) for s, e, _ in out]
            chars = list(text)
            for i, c in enumerate(chars):
                if c.isdigit() and not any(s <= i < e for s, e in taken):
                    chars[i] = rng.choice("0123456789")
            text = "".join(chars)
        for s, e, new in sorted(out, reverse=True):
            text = text[:s] + new + text[e:]
        return text
