"""The operators that need no knowledge of the value's kind: keep, redact and tag."""

from __future__ import annotations

from medveil.document import Span
from medveil.labels import NAME_LABELS
from medveil.transform.base import Context
from medveil.transform.keyed import keyed_int, normalize


class KeepOperator:
    """Leave the value as it is (e.g. years under Safe Harbor). Kept values are not checked for leaks."""

    name = "keep"

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        return value


class RedactOperator:
    """A fixed mask (``"***"`` by default) or, with ``preserve_length``, one mask character per
    character (line breaks kept, so the layout of the note does not move)."""

    name = "redact"

    def __init__(self, mask: str = "***", preserve_length: bool = False, char: str = "*"):
        self.mask = mask
        self.preserve_length = preserve_length
        self.char = char[:1] or "*"

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        if self.preserve_length:
            return "".join(c if c in "\r\n" else self.char for c in value)
        return self.mask.replace("{label}", str(label))


def tag_group(label: str) -> str:
    """Labels that share one index sequence: every kind of person name counts as one group."""
    return "NAME" if label in NAME_LABELS else str(label)


class TagOperator:
    """``<LABEL:n>``: the label and an index that is the same for every mention of one entity.

    For names the entity comes from the name linker (so "David Greybeard", "Dave" and "GREYBEARD"
    share one index); for other labels it is the normalized value. Indexes count per group in order
    of first appearance (``index="sequential"``, stable per document and, within one
    :class:`~medveil.deidentify.Deidentifier`, per patient) or are a keyed number that needs no
    state at all (``index="keyed"``).
    """

    name = "tag"

    def __init__(self, fmt: str = "<{label}:{index}>", index: str = "sequential"):
        self.fmt = fmt
        self.index = index

    def entity_key(self, value: str, label: str, ctx: Context, span: Span | None) -> tuple[str, str]:
        """(group, entity) that one index is given to."""
        group = tag_group(label)
        if group == "NAME" and ctx.names is not None and span is not None:
            ent = ctx.names.entity_of(span)
            if ent is not None:
                return group, ent
        return group, normalize(value)

    def apply(self, value: str, label: str, ctx: Context, span: Span | None = None) -> str:
        """Return the replacement of ``value`` (see the class docstring)."""
        k = self.entity_key(value, label, ctx, span)
        if self.index == "keyed":
            idx = keyed_int(ctx.key, "tag", ctx.scope, *k) % 9000 + 1000
        else:
            idx = ctx.tag_index.get(k)
            if idx is None:
                idx = 1 + sum(1 for g, _ in ctx.tag_index if g == k[0])
                ctx.tag_index[k] = idx
        shown = label
        before = after = ""
        if k[0] == "NAME" and ctx.names is not None:
            shown = ctx.names.entity_label(k[1], label)
            m = ctx.names.mention(span) if span is not None else None
            core = [t for t in m.tokens if t.role not in ("title", "suffix")] if m is not None else []
            if m is not None and core:  # titles and suffixes stay outside the tag: "Dr. <PROVIDER:2>, MD"
                before, after = m.text[: core[0].start], m.text[core[-1].end :]
        return before + self.fmt.format(label=shown, index=idx) + after
