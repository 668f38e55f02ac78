"""Bills drafted in styles the corpus lacks, read as a lawyer reads them.

Each text was written for these tests in the manner of a statute book (the Indian IT Act, the
Philippine Cybercrime Prevention Act, the UK Investigatory Powers Act, a Commonwealth mutual
assistance act, the African Union convention); the expected findings are what a human-rights
reviewer would mark, provision by provision. They pin the parser's heading styles and the
vocabulary that found them, so that a later change to either shows up here.
"""

from __future__ import annotations

import pytest

from legislint.api import lint_text

CORE_AND_NOTICE = ("LG101", "LG201", "LG301", "LG401", "LG601", "LG602", "LG802")

INDIA = """\
66A. Punishment for sending offensive messages through communication service, etc.

Any person who sends, by means of a computer resource or a communication device,—

(a) any information that is grossly offensive or has menacing character; or

(b) any information which he knows to be false, for the purpose of causing annoyance,

shall be punishable with imprisonment for a term which may extend to three years.

69. Power to issue directions for interception or monitoring or decryption of any information through any computer resource.

(1) Where the Central Government is satisfied that it is necessary or expedient so to do in the interest of public order, it may, for reasons to be recorded in writing, by order, direct any agency of the appropriate Government to intercept or monitor any information transmitted in any computer resource.

(2) The subscriber or intermediary shall, when called upon by any agency referred to in sub-section (1), extend all facilities and technical assistance to secure access to the computer resource.
"""

PHILIPPINES = """\
SEC. 4. Cybercrime Offenses. — The following acts constitute the offense of cybercrime punishable under this Act:

(a) Illegal Access. – The access to the whole or any part of a computer system without right.

SEC. 12. Real-Time Collection of Traffic Data. — Law enforcement authorities, with due cause, shall be authorized to collect or record by technical or electronic means traffic data in real-time associated with specified communications transmitted by means of a computer system.

SEC. 14. Disclosure of Computer Data. — Law enforcement authorities, upon securing a court warrant, shall issue an order requiring any service provider to disclose subscriber information within seventy-two (72) hours from receipt of the order.
"""

UNITED_KINGDOM = """\
PART 2
LAWFUL INTERCEPTION

19 Power of Secretary of State to issue warrants

(1) The Secretary of State may, on an application made by an intercepting authority, issue a targeted interception warrant if the decision to issue the warrant has been approved by a Judicial Commissioner.

20 Duration of warrants

A warrant issued under section 19 ceases to have effect at the end of the period of 6 months beginning with the day on which it was issued.

21 Urgent cases

The Judicial Commissioner must, before the end of the third working day after the day on which the warrant was issued, decide whether to approve the decision to issue the warrant.

22 Equipment interference by the police

A chief constable may issue a targeted equipment interference warrant authorising an officer to secure interference with any equipment for the purpose of obtaining communications.
"""

MUTUAL_ASSISTANCE = """\
11. Assistance to foreign States

The Attorney-General shall afford to a foreign State the widest measure of assistance in criminal matters.

12. Refusal of assistance

(1) A request for assistance shall be refused if the request relates to an offence of a political character, or if there are substantial grounds for believing that it was made to punish a person on account of that person's race, religion or political opinions.

(2) A request may be refused if the offence is punishable by death in the foreign State and no assurance has been given that the death penalty will not be carried out.

14. Interception on behalf of a foreign State

The Attorney-General may, on a request by a foreign State, authorise the interception of communications for the purpose of a criminal investigation in that State.
"""

AFRICAN_UNION = """\
Article 31 – Procedural law

(a) Each State Party shall take the necessary legislative measures to ensure that the investigating judge may use the appropriate technical means to collect or record in real time data in respect of the content of specific communications.

(b) Each State Party shall take the necessary legislative measures to ensure that the investigating judge may impose an expedited retention order on any person.
"""


@pytest.mark.parametrize("text,expected", [
    (INDIA, {("LG101", "s.66A(a)"),
             ("LG201", "s.69(1)"), ("LG601", "s.69(1)"), ("LG602", "s.69(1)"),
             ("LG201", "s.69(2)"), ("LG601", "s.69(2)"), ("LG802", "s.69(2)")}),
    (PHILIPPINES, {("LG101", "Sec. 4(a)"),
                   ("LG201", "Sec. 12"), ("LG601", "Sec. 12"), ("LG602", "Sec. 12")}),
    # s.19: judicial approval, six months' duration, no notice; s.21's approval after the fact
    # covers nothing; the chief constable's hacking warrant has no judge and no end.
    (UNITED_KINGDOM, {("LG601", "s.19(1)"),
                      ("LG201", "s.22"), ("LG601", "s.22"), ("LG602", "s.22")}),
    (MUTUAL_ASSISTANCE, {("LG301", "s.12(2)"),
                         ("LG201", "s.14"), ("LG601", "s.14"), ("LG602", "s.14")}),
    # The judge takes the measures: no LG201; notice and duration are still owed. A retention
    # order only preserves.
    (AFRICAN_UNION, {("LG601", "Article 31(a)"), ("LG602", "Article 31(a)")}),
], ids=["india", "philippines", "united-kingdom", "mutual-assistance", "african-union"])
def test_findings_in_a_drafting_style_the_corpus_lacks(text, expected):
    found = {(f.code, f.provision) for f in lint_text(text, "bill.txt").findings if f.code in CORE_AND_NOTICE}
    assert found == expected
