"""Legal-system readings of LG101: civil-law codes make intent the default, treaties must state it."""

from __future__ import annotations

import pytest

from legislint.api import lint_text
from legislint.config import Config

CORE = Config(select=["LG101"])

FR_CODE_NO_INTENT = ("Article 323-2\n\nLe fait d'entraver ou de fausser le fonctionnement d'un système "
                     "de traitement automatisé de données est puni de cinq ans d'emprisonnement.\n")
FR_CODE_NEGLIGENCE = ("Article 226-3\n\nLe fait de divulguer, y compris par négligence, le contenu d'une "
                      "correspondance est puni d'un an d'emprisonnement et de 45 000 euros d'amende.\n")
ES_CODE_IMPRUDENCE = ("Artículo 264 quater.\n\nSi los hechos se cometieran por imprudencia grave, serán "
                      "castigados con la pena de prisión de tres meses a un año.\n")
ES_TREATY = ("Artículo 2. Acceso ilícito.\n\nCada Parte adoptará las medidas legislativas que resulten "
             "necesarias para tipificar como delito en su derecho interno el acceso a todo o parte de un "
             "sistema informático sin autorización.\n\nArtículo 3. Interceptación ilícita.\n\nCada Parte "
             "adoptará las medidas legislativas que resulten necesarias para tipificar como delito en su "
             "derecho interno la interceptación deliberada e ilegítima de datos informáticos.\n")


def findings(text: str, config: Config = CORE):
    result = lint_text(text, "t.txt", config)
    return result, [f for f in result.findings if f.code == "LG101"]


def test_civil_law_code_silent_on_intent_is_not_flagged():
    result, found = findings(FR_CODE_NO_INTENT)
    assert result.document.meta["jurisdiction"] == "civil-law"
    assert found == []


@pytest.mark.parametrize("text", [FR_CODE_NEGLIGENCE, ES_CODE_IMPRUDENCE])
def test_civil_law_code_that_admits_negligence_is_flagged_and_says_which_reading(text):
    _, found = findings(text)
    assert len(found) == 1
    message = found[0].message
    assert "droit civil" in message or "tradición continental" in message


def test_treaty_in_spanish_must_state_intent():
    result, found = findings(ES_TREATY)
    assert result.document.meta["jurisdiction"] == "treaty"
    assert [f.provision for f in found] == ["Artículo 2"]  # art. 3 says "deliberada"
    assert "lectura convencional" in found[0].message


def test_configuration_chooses_the_reading():
    _, found = findings(FR_CODE_NO_INTENT, Config(select=["LG101"], jurisdiction="common-law"))
    assert [f.provision for f in found] == ["Article 323-2"]
    assert "common law" in found[0].message
    _, found = findings(ES_TREATY, Config(select=["LG101"], jurisdiction="civil-law"))
    assert found == []


def test_english_statute_reads_as_common_law_and_says_so():
    text = ("12. Damaging a computer system\n\nAny person who, without lawful excuse, does an act which "
            "causes the degradation of a computer system shall commit an offence.\n")
    result, found = findings(text)
    assert result.document.meta["jurisdiction"] == "common-law"
    assert len(found) == 1 and "(common-law reading:" in found[0].message
