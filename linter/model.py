"""The provision tree: what the parser builds and the rules read.

A `Document` holds a tree of `Node`s. Every node is a unit a lawyer can cite: a division (Part,
Chapter, Title, Section heading), an article or section, and the numbered units inside it
(paragraph "1." / "(1)", subparagraph "(a)" / "a)", point "(i)", sub-point "(A)", ...). A node's own
text is split into the lines it occupies (`segments`), so a finding can point at an exact line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

#: Node kinds, outermost first. Enumerated units get a kind by their depth inside an article.
DIVISION = "division"
ARTICLE = "article"
ENUMERATED_KINDS = ("paragraph", "subparagraph", "point", "subpoint", "clause", "subclause")
#: An unnumbered paragraph of an article in drafting styles that cite it by position
#: ("Article 57-1, alinéa 3", "Artículo 588 octies, párrafo 3"): French alinéa, Spanish párrafo.
ALINEA = "alinea"
PREAMBLE = "preamble"
DOCUMENT = "document"


@dataclass(frozen=True)
class Segment:
    """One line of a node's own text: 1-based line, 1-based column where the text starts."""

    line: int
    column: int
    text: str


@dataclass(eq=False)
class Node:
    kind: str
    #: Number as written without decoration: "29", "1", "a", "iv", "2705", "II".
    number: str | None = None
    #: The label exactly as it appears: "Article 29", "§ 2705.", "1.", "(a)", "a)".
    label: str | None = None
    title: str | None = None
    #: Numbering style of enumerated units ("paren-lower", "dot-arabic", ...), or the heading
    #: keyword of divisions and articles ("Article", "Section", "§", "Chapter").
    style: str | None = None
    start_line: int = 0
    end_line: int = 0
    segments: list[Segment] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)
    parent: "Node | None" = field(default=None, repr=False)
    #: Citation prefix for articles ("Article 29", "§ 2705", "s.12") set by the parser.
    citation_base: str | None = None
    #: Where a reader took this node from (Akoma Ntoso eId), if not from text lines.
    origin: str | None = None
    #: Language of an article ("fr", "es"), from its heading keyword (legislint.language).
    language: str | None = None

    # ------------------------------------------------------------------ structure
    def add(self, child: "Node") -> "Node":
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator["Node"]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def ancestors(self) -> Iterator["Node"]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def is_within(self, root: "Node") -> bool:
        """True for `root` itself and every node below it."""
        return self is root or any(a is root for a in self.ancestors())

    @property
    def is_enumerated(self) -> bool:
        return self.kind in ENUMERATED_KINDS

    def article(self) -> "Node | None":
        """The article or section this node belongs to (itself if it is one)."""
        node: Node | None = self
        while node is not None:
            if node.kind == ARTICLE:
                return node
            node = node.parent
        return None

    def enumerated_children(self) -> list["Node"]:
        if not self.children:  # most nodes: asked for each trigger of each rule
            return []
        return [c for c in self.children if c.kind in ENUMERATED_KINDS]

    # ------------------------------------------------------------------ text
    @property
    def text(self) -> str:
        """The node's own text (chapeau and any continuation after its items), one line per segment."""
        return "\n".join(s.text for s in self.segments)

    def subtree_text(self) -> str:
        return "\n".join(n.text for n in self.walk() if n.segments)

    def subtree_end_line(self) -> int:
        return self.end_line

    # ------------------------------------------------------------------ citation
    @property
    def path(self) -> str:
        """Citation as a lawyer writes it: "Article 40(21)(b)", "§ 2703(b)(1)(B)", "s.12(1)"."""
        parts: list[str] = []
        node: Node | None = self
        while node is not None and node.is_enumerated:
            parts.append(f"({node.number})")
            node = node.parent
        if node is not None and node.kind in (ARTICLE, ALINEA):
            return (node.citation_base or node.label or "") + "".join(reversed(parts))
        if node is not None and node.kind == DIVISION and not parts:
            return node.label or node.kind
        if parts:
            return "".join(reversed(parts))
        return node.label if node is not None and node.label else self.kind

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<{self.kind} {self.path} {self.start_line}-{self.end_line}>"


def unique_nodes(nodes) -> list["Node"]:
    """Nodes in first-seen order, each once (nodes compare by identity)."""
    seen: set[int] = set()
    out = []
    for n in nodes:
        if id(n) not in seen:
            seen.add(id(n))
            out.append(n)
    return out


@dataclass(eq=False)
class Document:
    path: str
    text: str
    root: Node
    lines: list[str]
    #: Detected conventions: {"article_style": ..., "language": ...}
    meta: dict = field(default_factory=dict)

    def nodes(self) -> Iterator[Node]:
        return self.root.walk()

    def articles(self) -> Iterator[Node]:
        return (n for n in self.root.walk() if n.kind == ARTICLE)

    def line_text(self, line: int) -> str:
        if 1 <= line <= len(self.lines):
            return self.lines[line - 1]
        return ""
