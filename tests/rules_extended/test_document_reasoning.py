"""Document-level reasoning of the extended checks: a safeguard in a section that cites the power,
a general article for the whole text, the definition of "serious crime", safeguards imported by
"subject to Articles 14 and 15". Each test has a twin that must go the other way, and findings
must say what was looked for and where."""

from __future__ import annotations

from legislint.api import lint_text
from legislint.config import Config


def findings(text: str, code: str):
    return lint_text(text, "<bill>", Config(select=[code])).findings


POWER = """12. Interception

A police officer may apply to a Judge in Chambers for an order authorizing the interception of the communications of a specified person.
"""


def test_notification_in_a_later_section_that_cites_the_power_counts():
    later = POWER + """
30. Notification

The person whose communications were intercepted under section 12 shall be notified of the interception within thirty days after it ends.
"""
    assert [f.provision for f in findings(POWER, "LG601")] == ["s.12"]
    assert findings(later, "LG601") == []


def test_notification_section_about_another_power_does_not_count():
    other = POWER + """
13. Search

A police officer may apply to a Judge in Chambers for a warrant to search premises.

30. Notification

The occupier of premises searched under section 13 shall be notified of the search.
"""
    assert "s.12" in {f.provision for f in findings(other, "LG601")}


def test_duration_cap_in_a_section_that_cites_the_power_counts():
    capped = POWER + """
14. Duration

No order under section 12 shall authorize an interception for longer than thirty days.
"""
    assert findings(POWER, "LG602")
    assert findings(capped, "LG602") == []


def test_a_gag_period_is_not_a_maximum_duration_of_the_measure():
    gag = POWER.rstrip() + " The service provider shall keep the order confidential for a period not exceeding fourteen days.\n"
    assert findings(gag, "LG602")


def test_retention_for_a_minimum_period_is_flagged():
    text = """29. Retention of traffic data

(1) A service provider shall retain its traffic data for a minimum period of one year as the authorized officer may require.
"""
    found = findings(text, "LG602")
    assert found and "minimum period" in found[0].message


SCOPE = """Article 35 – International cooperation

1. States Parties shall afford one another the widest measure of mutual legal assistance for the purpose of the collection of evidence in electronic form of serious crime.
"""


def test_serious_crime_defined_by_penalty_is_flagged_and_the_definition_named():
    text = """Article 2 – Use of terms

(a) “Serious crime” shall mean conduct constituting an offence punishable by a maximum deprivation of liberty of at least four years;

""" + SCOPE
    found = findings(text, "LG701")
    assert len(found) == 1
    assert "Article 2(a)" in found[0].message and "four years" in found[0].message


def test_serious_crime_defined_by_a_closed_list_passes():
    text = """Article 2 – Use of terms

(a) “Serious crime” shall mean an offence established in accordance with articles 7 to 11 of this Convention;

""" + SCOPE
    assert findings(text, "LG701") == []


def test_undefined_serious_crime_is_flagged_saying_it_is_not_defined():
    found = findings(SCOPE, "LG701")
    assert len(found) == 1 and "not defined" in found[0].message


def test_a_definition_of_another_term_does_not_cure_the_scope():
    text = """Article 2 – Use of terms

(a) “Organized criminal group” shall mean a group committing offences established in accordance with this Convention;

""" + SCOPE
    assert findings(text, "LG701")


def test_imported_safeguards_are_read_and_their_hedges_named():
    text = """Article 20 – Real-time collection of traffic data

4. The powers and procedures referred to in this article shall be subject to Articles 14 and 15.

Article 15 – Conditions and safeguards

2. Such conditions and safeguards shall, as appropriate in view of the nature of the procedure or power concerned, inter alia, include judicial or other independent supervision.
"""
    found = {f.provision: f for f in findings(text, "LG501")}
    assert "Article 20(4)" in found
    assert "“as appropriate” (Article 15(2))" in found["Article 20(4)"].message
    unhedged = text.replace("as appropriate in view of the nature of the procedure or power concerned, inter alia, include judicial or other independent supervision",
                            "include prior authorisation by a judge")
    assert findings(unhedged, "LG501") == []


def test_use_limit_for_every_transfer_under_the_instrument_counts():
    transfer = """Article 30 – Expedited disclosure

1. The requested Party shall expeditiously disclose to the requesting Party a sufficient amount of traffic data.
"""
    general = transfer + """
Article 36 – Use of data

Personal data transferred under this Convention shall be used only for the purposes for which they were transferred.
"""
    local = transfer + """
Article 36 – Use of data

Personal data transferred under Article 12 shall be used only for the purposes for which they were transferred.
"""
    assert findings(transfer, "LG801")
    assert findings(general, "LG801") == []
    # A use limit about another transfer, elsewhere in the text, does not cover this one.
    assert findings(local, "LG801")


def test_optional_use_condition_does_not_count():
    text = """Article 25 – Mutual assistance

1. The Parties shall afford one another mutual assistance to the widest extent possible.

2. The requested Party may make the supply of information dependent on the condition that it is not used for investigations other than those stated in the request.
"""
    found = findings(text, "LG801")
    assert found and "may make" in found[0].message


def test_exception_in_another_article_that_only_mentions_the_offence_does_not_count(corpus):
    # Budapest art. 6(2) exempts authorised testing for art. 6 only, though it names arts. 2-5.
    text = (corpus / "budapest-ets185.txt").read_text()
    flagged = {f.provision for f in lint_text(text, "budapest", Config(select=["public-interest"])).findings}
    assert {"Article 2", "Article 3", "Article 4(1)", "Article 5"} <= flagged
    assert not any(p.startswith("Article 6") for p in flagged)


def test_defence_section_citing_the_offence_counts():
    offence = """8. Disclosure of password

Any person who knowingly discloses any password or access code shall commit an offence.
"""
    defended = offence + """
20. Defences

No person shall be liable under section 8 for a disclosure made in good faith for the purpose of security research.
"""
    assert findings(offence, "LG901")
    assert findings(defended, "LG901") == []


def test_a_limit_on_a_neighbouring_duty_does_not_cover_decryption():
    text = """32. Powers of an authorized officer

(1) An authorized officer shall have the powers to--

(f) require any person concerned with the operation of any information system to provide him reasonable technical assistance; and

(g) require any person who is in possession of decryption information to grant him access to the data in decrypted form.
"""
    assert [f.provision for f in findings(text, "LG802")] == ["s.32(1)(g)"]
    ordered = text.replace("An authorized officer shall", "Upon a warrant issued by a judge, an authorized officer shall")
    assert findings(ordered, "LG802") == []
