"""Generalisation on real text: remove the safeguard from a provision that has it (the finding must
appear) or add it where it is missing (the finding must go). The extended rules are measured on
law they have never seen, so these tests edit the corpus rather than use invented examples."""

from __future__ import annotations

from legislint.api import lint_text
from legislint.config import Config


def flagged_lines(text: str, code: str) -> set[int]:
    return {f.line for f in lint_text(text, "<variant>", Config(select=[code])).findings}


def edit(corpus, name: str, line: int, old: str, new: str) -> tuple[str, str]:
    lines = (corpus / name).read_text().split("\n")
    original = "\n".join(lines)
    assert old in lines[line - 1], (line, old, lines[line - 1][:120])
    lines[line - 1] = lines[line - 1].replace(old, new)
    return original, "\n".join(lines)


def test_removing_the_inventory_notices_of_2518_exposes_the_interception_order(corpus):
    original, variant = edit(corpus, "us-18-usc-2518.txt", 68, "shall cause to be served, on the persons named in the order or the application, and such other parties to intercepted communications as the judge may determine in his discretion that is in the interest of justice, an inventory",
                             "may keep a record")
    lines = variant.split("\n")
    assert "an inventory shall be served" in lines[57]
    lines[57] = lines[57].replace("an inventory shall be served", "a record shall be kept")
    postponed = next(i for i, l in enumerate(lines) if "the serving of the inventory required" in l)
    lines[postponed] = lines[postponed].replace("the serving of the inventory required by this subsection may be postponed",
                                                "the record may be sealed")
    assert 22 not in flagged_lines(original, "LG601")
    assert 22 in flagged_lines("\n".join(lines), "LG601")


def test_removing_the_ninety_day_cap_exposes_budapest_preservation(corpus):
    original, variant = edit(corpus, "budapest-ets185.txt", 223, ", up to a maximum of ninety days", "")
    assert 221 not in flagged_lines(original, "LG602")
    assert 221 in flagged_lines(variant, "LG602")


def test_capping_mauritius_real_time_collection_clears_it(corpus):
    original, variant = edit(corpus, "mu-computer-misuse-cybercrime-act-2003.txt", 294, "it may apply to the Judge in Chambers for an order--",
                             "it may apply to the Judge in Chambers for an order, valid for a period not exceeding 30 days,--")
    assert flagged_lines(original, "LG602") & {294, 296}
    assert not flagged_lines(variant, "LG602") & {294, 296}


def test_unhedging_budapest_15_2_clears_it(corpus):
    original, variant = edit(corpus, "budapest-ets185.txt", 213,
                             "shall, as appropriate in view of the nature of the procedure or power concerned, inter alia, include judicial or other independent supervision",
                             "shall include prior authorisation by a judge")
    assert 213 in flagged_lines(original, "LG501")
    assert 213 not in flagged_lines(variant, "LG501")


def test_dropping_under_this_act_opens_the_scope_of_mauritius_s15(corpus):
    original, variant = edit(corpus, "mu-computer-misuse-cybercrime-act-2003.txt", 294, "an offence under this Act", "an offence")
    assert 294 not in flagged_lines(original, "LG701")
    assert 294 in flagged_lines(variant, "LG701")


def test_closing_the_scope_of_mauritius_s12_clears_it(corpus):
    original, variant = edit(corpus, "mu-computer-misuse-cybercrime-act-2003.txt", 260, "the prosecution of an offence", "the prosecution of an offence under this Act")
    assert 260 in flagged_lines(original, "LG701")
    assert 260 not in flagged_lines(variant, "LG701")


def test_removing_budapest_6_2_exposes_misuse_of_devices(corpus):
    lines = (corpus / "budapest-ets185.txt").read_text().split("\n")
    exception = lines[94][len("2. "):]
    assert exception.startswith("This article shall not be interpreted as imposing criminal liability")
    original, variant = edit(corpus, "budapest-ets185.txt", 95, exception, "Each Party may provide for further offences.")
    assert not {l for l in flagged_lines(original, "public-interest") if 83 <= l <= 95}
    assert {l for l in flagged_lines(variant, "public-interest") if 83 <= l <= 95}


def test_adding_knowledge_to_corporate_liability_clears_budapest_12_2(corpus):
    original, variant = edit(corpus, "budapest-ets185.txt", 171, "where the lack of supervision or control by a natural person referred to in paragraph 1 has made possible",
                             "where a natural person referred to in paragraph 1 knowingly allowed")
    assert 171 in flagged_lines(original, "LG702")
    assert 171 not in flagged_lines(variant, "LG702")


def test_a_use_limitation_in_budapest_article_30_clears_it(corpus):
    original, variant = edit(corpus, "budapest-ets185.txt", 497, "and the path through which the communication was transmitted.",
                             "and the path through which the communication was transmitted. The requesting Party shall not use the traffic data for investigations or proceedings other than those stated in the request.")
    assert 497 in flagged_lines(original, "LG801")
    assert 497 not in flagged_lines(variant, "LG801")


def test_removing_reasonableness_exposes_budapest_19_4(corpus):
    original, variant = edit(corpus, "budapest-ets185.txt", 281, "to provide, as is reasonable, the necessary information", "to provide the necessary information and to decrypt the data")
    assert 281 not in flagged_lines(original, "LG802")
    assert 281 in flagged_lines(variant, "LG802")
