"""Hypothesis strategies for hostile legislation: real drafting pieces mixed with any Unicode."""

from __future__ import annotations

from hypothesis import strategies as st

#: Lines a parser must classify: headings of every style, labels, text with trigger words.
PIECES = (
    "Article 7 – Illegal access", "Article 18", "ARTICLE 3", "Art. 4 -", "§ 2705. Delayed notice", "§§ 12",
    "12. Short title", "3. Title - Whoever intercepts shall be punished.", "18 Persons who may apply",
    "CHAPTER I", "CHAPTER", "USE OF TERMS", "PART II – OFFENCES", "SECTION 1 – PROCEDURAL LAW",
    "Section 3. Definitions", "## Article 5", "**Article 6 – Scope**", "> quoted", "- bullet",
    "(a)", "(i)", "(ii)", "(h)", "(I)", "(A)", "(1)", "1.", "a)", "1)", "II. –", "1°", "(zz)", "(xlix)",
    "Each Party shall adopt such legislative measures as may be necessary to empower its "
    "competent authorities to intercept content data,",
    "a judge may issue a warrant authorizing the interception;",
    "shall keep confidential the fact of the execution of any power",
    "Any person who, without lawful excuse, accesses a computer system shall commit an offence",
    "with intent to defraud, shall commit an offence.", "may refuse assistance if:",
    "for such period as the court deems appropriate", "not to exceed ninety days", "; or", "and",
    "“computer data” means any representation of facts", "Article 15 of the Convention shall apply",
    "subject to Articles 14 and 15", "paragraph (1) of this subsection", "item 3", "--", "—", "–",
)

#: Line ends and separators: CRLF, lone CR, NUL and other control characters.
SEPARATORS = ("\n", "\n\n", "\r\n", "\r", "\x00", "\x0b", "\x0c", "\x1c", "\u2028", "\u0085", " ", "\t")

any_unicode = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@st.composite
def legislation(draw) -> str:
    """A text made of drafting pieces, any Unicode and odd separators, in any order."""
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES), any_unicode,
                                    st.sampled_from(SEPARATORS)), max_size=40))
    glue = draw(st.sampled_from(["\n", "\n\n", "\r\n", " ", ""]))
    return glue.join(parts)


texts = st.one_of(any_unicode, legislation())
