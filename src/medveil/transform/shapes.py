"""Format-preserving surrogates for values with a shape: phones, faxes, SSNs, IDs, IPs, emails, URLs.

Digits stay digits, letters stay letters (and keep their case), every other character is kept, so
"(617) 555-0199" stays a phone written the same way and "AB-1234" stays an id of the same shape.
"""

from __future__ import annotations

import re
import string

from medveil.document import Span
from medveil.transform.base import Context
from medveil.transform.keyed import keyed_random, keyed_token, normalize

_DIGITS = string.digits
_LOWER = string.ascii_lowercase
_UPPER = string.ascii_uppercase
_MAX_ATTEMPTS = 50


def shape_like(value: str, rng, *, keep_first_nonzero: bool = True) -> str:
    """Replace each digit with a digit and each letter with a letter of the same case, drawn from ``rng``.

    A group of digits that started with a non-zero digit keeps a non-zero first digit (so a number
    does not gain a leading zero).
    """
    out = []
    prev_digit = False
    for ch in value:
        if ch.isdigit() and ch.isascii():
            if keep_first_nonzero and not prev_digit and ch != "0":
                out.append(rng.choice("123456789"))
            else:
                out.append(rng.choice(_DIGITS))
            prev_digit = True
            continue
        prev_digit = False
        if ch.isascii() and ch.isalpha():
            out.append(rng.choice(_UPPER if ch.isupper() else _LOWER))
        else:
            out.append(ch)
    return "".join(out)


def _draw(value: str, label: str, ctx: Context, make) -> str:
    """Draw with ``make(rng)`` until the result differs from ``value`` and every other original."""
    for attempt in range(ctx.attempt, ctx.attempt + _MAX_ATTEMPTS):
        rng = keyed_random(ctx.key, ctx.scope, label, normalize(value), attempt)
        out = make(rng)
        if not ctx.clashes(out, value):
            return out
    return make(keyed_random(ctx.key, ctx.scope, label, normalize(value), "last"))


_PHONE_GROUPS = re.compile(r"\d+")


def phone_like(value: str, rng) -> str:
    """A phone number written like ``value``; a 10-digit NANP number gets a valid-looking area code and
    exchange (first digit 2-9) and a line number in the fictional 555-01XX style is *not* forced, so
    that notes read naturally."""
    digits = [m for m in _PHONE_GROUPS.finditer(value)]
    if not digits:
        return shape_like(value, rng)
    total = sum(len(m.group()) for m in digits)
    out = list(value)
    # a leading country code "1" / "+1" is kept as it is
    skip_first = bool(digits) and digits[0].group() == "1" and total in (11, 12, 13, 14, 15, 16)
    nanp_pos = 0
    for i, m in enumerate(digits):
        if i == 0 and skip_first:
            continue
        for j in range(m.start(), m.end()):
            if nanp_pos in (0, 3):
                out[j] = rng.choice("23456789")
            else:
                out[j] = rng.choice(_DIGITS)
            nanp_pos += 1
    return "".join(out)


def ssn_like(value: str, rng) -> str:
    """An SSN written like ``value`` in an area never issued (9xx), with a non-zero group and serial."""
    digits = [c for c in value if c.isdigit()]
    if len(digits) != 9:
        return shape_like(value, rng)
    new = ["9", rng.choice(_DIGITS), rng.choice(_DIGITS)]
    new += [rng.choice("123456789"), rng.choice(_DIGITS)]
    new += [rng.choice("123456789")] + [rng.choice(_DIGITS) for _ in range(3)]
    it = iter(new)
    return "".join(next(it) if c.isdigit() else c for c in value)


def ip_like(value: str, rng) -> str:
    """An IPv4 address (in 10.0.0.0/8, never routable) or an IPv6 address of the same shape."""
    if re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", value):
        return "10." + ".".join(str(rng.randrange(0, 256)) for _ in range(3))
    out = []
    for ch in value:
        if ch in string.hexdigits:
            h = rng.choice("0123456789abcdef")
            out.append(h.upper() if ch.isupper() else h)
        else:
            out.append(ch)
    return "".join(out)


_WORDS = (
    "maple", "harbor", "cedar", "summit", "river", "meadow", "granite", "willow", "beacon", "orchard",
    "falcon", "lakeside", "pinecrest", "redwood", "silver", "northgate", "riverside", "oakridge", "bluebird",
    "stonebridge", "brightwater", "fairview", "hillcrest", "juniper", "lantern", "marigold", "westfield",
)
_FIRSTS = (
    "alex", "sam", "jordan", "casey", "morgan", "taylor", "riley", "jamie", "drew", "quinn", "avery", "blake",
    "cameron", "dana", "ellis", "frankie", "harper", "kendall", "logan", "parker", "reese", "rowan", "sage",
)


def _case_as(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def email_like(value: str, rng) -> str:
    """An email address of the same form: the local part keeps its separators and digit runs, the
    domain keeps its number of labels and its top-level domain."""
    if "@" not in value:
        return shape_like(value, rng)
    local, _, domain = value.rpartition("@")
    parts = re.split(r"([._+-])", local)
    new_local = []
    for p in parts:
        if not p or p in "._+-":
            new_local.append(p)
        elif p.isdigit():
            new_local.append(shape_like(p, rng))
        elif len(p) <= 2:
            new_local.append(shape_like(p, rng))
        else:
            new_local.append(_case_as(rng.choice(_FIRSTS + _WORDS), p))
    labels = domain.split(".")
    new_labels = [_case_as(rng.choice(_WORDS), lab) if lab else lab for lab in labels[:-1]] + labels[-1:]
    return "".join(new_local) + "@" + ".".join(new_labels)


_URL = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*://)?(?P<host>[^/?#:]+)(?P<port>:\d+)?(?P<rest>.*)$", re.I | re.S)


def url_like(value: str, rng) -> str:
    """A URL of the same form: scheme, ``www.``, top-level domain and punctuation kept; host labels
    become other words and every path segment keeps only its shape."""
    m = _URL.match(value)
    if not m:
        return shape_like(value, rng)
    host = m.group("host")
    labels = host.split(".")
    new = []
    for i, lab in enumerate(labels):
        if i == len(labels) - 1 and len(labels) > 1:
            new.append(lab)  # top-level domain
        elif lab.lower() == "www" and i == 0:
            new.append(lab)
        else:
            new.append(_case_as(rng.choice(_WORDS), lab))
    rest = shape_like(m.group("rest"), rng)
    return (m.group("scheme") or "") + ".".join(new) + (m.group("port") or "") + rest


_FORMATTERS = {
    "PHONE": phone_like,
    "FAX": phone_like,
    "SSN": ssn_like,
    "IP_ADDRESS": ip_like,
    "EMAIL": email_like,
    "URL": url_like,
}


_ISO_DATETIME = re.compile(r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ]\d\d(?::\d\d){0,2})?")


def _is_iso_datetime(value: str) -> bool:
    return _ISO_DATETIME.fullmatch(value.strip()) is not None


class ShapeSurrogate:
    """Surrogate for contacts and identifiers: a value of the same shape, keyed per scope."""

    name = "surrogate"

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        fmt = _FORMATTERS.get(label)
        if fmt is None and _is_iso_datetime(value):  # "2015-08-22T17" labelled as an id: a date
            from medveil.transform.dates import DateShiftOperator

            return DateShiftOperator().apply(value, "DATE", ctx, span)
        if fmt is None:
            return _draw(value, label, ctx, lambda rng: shape_like(value, rng))
        return _draw(value, label, ctx, lambda rng: fmt(value, rng))


class TokenOperator:
    """A stable keyed token shaped like an id (``length`` characters of A-Z and 2-9, optionally prefixed).

    Tokens are computed corpus-wide by default (the scope is ignored unless the policy asks for
    ``scope: patient``), so the same record number gets the same token in every file.
    """

    name = "token"

    def __init__(self, length: int = 12, prefix: str = ""):
        self.length = length
        self.prefix = prefix

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        for attempt in range(ctx.attempt, ctx.attempt + _MAX_ATTEMPTS):
            salt = ctx.scope + (f"#{attempt}" if attempt else "")
            tok = self.prefix + keyed_token(ctx.key, label + "|" + salt, value, self.length)
            if not ctx.clashes(tok, value):
                return tok
        return tok
