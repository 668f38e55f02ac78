"""French and Spanish drafting styles: headings, numbering, alinéas and cross-references.

Each test states how a French or Spanish lawyer cites the text; the tree must say the same.
"""

from __future__ import annotations

import pytest

from legislint.clauses import node_sentences
from legislint.model import ALINEA, Document, Node
from legislint.parser import parse
from legislint.scope import DocumentIndex
from legislint.rules import load_ruleset


def paths(document: Document) -> list[str]:
    return [n.path for n in document.nodes() if n is not document.root]


def find(document: Document, path: str) -> Node:
    matches = [n for n in document.nodes() if n.path == path]
    assert len(matches) == 1, f"{path!r}: {len(matches)} nodes; tree: {paths(document)}"
    return matches[0]


def resolved(document: Document, sentence_start: str) -> list[str]:
    """Paths a sentence refers to, resolved in the document."""
    index = DocumentIndex(document, load_ruleset(None, document.meta["language"]).lexicon)
    for node in document.nodes():
        for s in node_sentences(node, index.cache):
            if s.text.startswith(sentence_start):
                return [t.path for t in index.resolve(s)]
    raise AssertionError(f"no sentence starts with {sentence_start!r}")


# ---------------------------------------------------------------------------- article headings
FR_CODE = """Livre Ier : De la conduite de la politique pénale

Titre III : Des juridictions d'instruction

Chapitre Ier : Du juge d'instruction

Section 3 : Des perquisitions et des saisies

Sous-section 2 : Des interceptions de correspondances

Article 100-7

Aucune interception ne peut avoir lieu sur la ligne d'un député sans que le président de l'assemblée en soit informé.

Aucune interception ne peut avoir lieu sur une ligne dépendant du cabinet d'un avocat.

Article 706-95

Le juge des libertés et de la détention peut autoriser l'interception des correspondances selon les modalités prévues par l'article 100-7.
"""


def test_french_code_divisions_nest_and_articles_carry_dashed_numbers():
    doc = parse(FR_CODE)
    assert doc.meta["language"] == "fr"
    art = find(doc, "Article 100-7")
    assert (art.kind, art.number) == ("article", "100-7")
    ancestors = [a.label for a in art.ancestors() if a.kind == "division"]
    assert ancestors == ["Sous-section 2", "Section 3", "Chapitre Ier", "Titre III", "Livre Ier"]
    # French "Section 3 : ..." is a division, not an article heading as in an English statute.
    assert find(doc, "Section 3").kind == "division"


def test_alineas_are_cited_by_position():
    doc = parse(FR_CODE)
    first, second = find(doc, "Article 100-7, alinéa 1"), find(doc, "Article 100-7, alinéa 2")
    assert first.kind == second.kind == ALINEA
    assert first.text.startswith("Aucune interception ne peut avoir lieu sur la ligne d'un député")
    assert second.start_line == first.start_line + 2


def test_an_article_of_one_alinea_is_the_article_itself():
    doc = parse(FR_CODE)
    art = find(doc, "Article 706-95")
    assert not [c for c in art.children if c.kind == ALINEA]
    assert art.text.startswith("Le juge des libertés et de la détention")


def test_french_cross_reference_resolves_to_the_article():
    doc = parse(FR_CODE)
    assert resolved(doc, "Le juge des libertés") == ["Article 100-7"]


def test_code_article_with_letter_prefix():
    doc = parse("Titre IV : Interceptions\n\nChapitre II : Conditions\n\nArticle L242-1\n\n"
                "L'autorisation est accordée par décision écrite et motivée du Premier ministre.\n\n"
                "Art. L. 242-2\n\nLa demande est écrite et motivée.\n")
    assert find(doc, "Article L242-1").number == "L242-1"
    assert find(doc, "Art. L. 242-2").number == "L. 242-2"


def test_french_numbered_items_degree_and_roman_dash():
    doc = parse("Article 5\n\nL'extradition n'est pas accordée :\n\n1° Lorsque l'individu est un "
                "citoyen français ;\n\n2° Lorsque le crime ou délit a un caractère politique.\n\n"
                "Article 6\n\nI. – Les informations sont sollicitées par les agents désignés.\n\n"
                "II. – Les demandes sont motivées.\n")
    assert find(doc, "Article 5(2)").text.startswith("Lorsque le crime ou délit a un caractère politique")
    assert find(doc, "Article 6(II)").text == "Les demandes sont motivées."


def test_the_text_after_a_list_of_an_alinea_is_the_next_alinea():
    doc = parse("Article 57-1\n\nLes officiers de police judiciaire peuvent accéder aux données.\n\n"
                "Ils peuvent requérir toute personne susceptible :\n\n1° D'avoir connaissance des "
                "mesures ;\n\n2° De leur remettre les informations.\n\nLe fait de s'abstenir de "
                "répondre est puni d'une amende de 3 750 euros.\n")
    assert find(doc, "Article 57-1, alinéa 2(2)").text == "De leur remettre les informations."
    assert find(doc, "Article 57-1, alinéa 3").text.startswith("Le fait de s'abstenir")


ES_LECRIM = """LIBRO II

TÍTULO VIII. De las medidas de investigación

CAPÍTULO IV. Disposiciones comunes a la interceptación de las comunicaciones telefónicas y telemáticas, la captación y grabación de comunicaciones orales y los registros remotos sobre equipos informáticos

Artículo 588 bis a. Principios rectores.

1. Durante la instrucción de las causas se podrá acordar alguna de las medidas de investigación reguladas en el presente capítulo siempre que medie autorización judicial.

Artículo 588 bis c. Resolución judicial.

1. El juez de instrucción autorizará o denegará la medida solicitada mediante auto motivado.

3. La resolución judicial que autorice la medida concretará:

a) El hecho punible objeto de investigación.

h) El sujeto obligado que llevará a cabo la medida.

CAPÍTULO V. La interceptación de las comunicaciones telefónicas y telemáticas

Sección 1.ª Disposiciones generales

Artículo 588 ter a. Presupuestos.

La autorización para la interceptación de las comunicaciones solo podrá ser concedida en los casos previstos en el artículo 588 bis c.
"""


def test_spanish_article_numbers_with_latin_suffix_and_letter():
    doc = parse(ES_LECRIM)
    assert doc.meta["language"] == "es"
    art = find(doc, "Artículo 588 bis a")
    assert (art.number, art.title) == ("588 bis a", "Principios rectores")
    assert find(doc, "Artículo 588 bis c(3)(h)").text == "El sujeto obligado que llevará a cabo la medida."


def test_spanish_divisions_with_long_titles_and_ordinal_sections():
    doc = parse(ES_LECRIM)
    chapter = find(doc, "CAPÍTULO IV")
    assert chapter.kind == "division" and chapter.title.startswith("Disposiciones comunes a la interceptación")
    section = find(doc, "Sección 1.ª")
    assert (section.kind, section.title) == ("division", "Disposiciones generales")
    assert find(doc, "Artículo 588 ter a").parent is section


def test_spanish_cross_reference_with_suffix_resolves():
    doc = parse(ES_LECRIM)
    assert resolved(doc, "La autorización para la interceptación") == ["Artículo 588 bis c"]


def test_spanish_general_clause_of_a_common_provisions_chapter_governs_the_title():
    doc = parse(ES_LECRIM)
    index = DocumentIndex(doc, load_ruleset(None, "es").lexicon)
    later = find(doc, "Artículo 588 ter a")
    clauses = index.general_clauses_for(later)
    assert [g.provision.path for g in clauses] == ["Artículo 588 bis a"]
    assert clauses[0].governs.label == "TÍTULO VIII"


def test_spanish_heading_with_body_on_the_same_line():
    doc = parse("Párrafo 3º Actuaciones de la investigación\n\n"
                "Artículo 217.- Incautación de objetos y documentos. Los objetos relacionados con el "
                "hecho investigado serán incautados, previa orden judicial.\n\n"
                "Artículo 11.- Sin perjuicio de las reglas contenidas en el Código Procesal Penal, las "
                "investigaciones podrán iniciarse por querella del Ministro del Interior y de los "
                "delegados presidenciales regionales.\n")
    division = find(doc, "Párrafo 3º")
    assert division.title == "Actuaciones de la investigación"
    art = find(doc, "Artículo 217")
    assert art.title == "Incautación de objetos y documentos"
    assert art.text.startswith("Los objetos relacionados")
    # A first sentence too long for a title is text.
    art11 = find(doc, "Artículo 11")
    assert art11.title is None and art11.text.startswith("Sin perjuicio de las reglas")


def test_spanish_articles_numbered_in_words_and_ordinal_items():
    doc = parse("Artículo cuarto.\n\nNo se concederá la extradición en los casos siguientes:\n\n"
                "1.º Cuando se trate de delitos de carácter político.\n\n"
                "2.º Cuando la persona reclamada deba ser juzgada por un Tribunal de excepción.\n\n"
                "Artículo quinto.\n\nVéase el número 2.º del artículo 4.º de esta Ley.\n")
    art = find(doc, "Artículo cuarto")
    assert art.number == "cuarto"
    assert find(doc, "Artículo cuarto(2)").text.startswith("Cuando la persona reclamada")
    assert resolved(doc, "Véase el número") == ["Artículo cuarto(2)"]


def test_short_spanish_heading_and_lettered_items():
    doc = parse("Art. 4. Registro\n\n1. El juez podrá ordenar:\n\na) el registro de un ordenador;\n\n"
                "b) la copia de los datos.\n")
    assert find(doc, "Art. 4").title == "Registro"
    assert find(doc, "Art. 4(1)(b)").text == "la copia de los datos."


@pytest.mark.parametrize("text, expected", [
    ("procéder aux réquisitions prévues par le premier alinéa de l'article 60-2.", "Article 60-2, alinéa 1"),
    ("les dispositions du second alinéa de l'article 60-2 sont applicables.", "Article 60-2, alinéa 2"),
    ("Le dernier alinéa de l'article 60-2 est également applicable.", "Article 60-2, alinéa 3"),
])
def test_french_positional_alinea_references(text, expected):
    doc = parse("Article 60-2\n\nLes organismes mettent à disposition les informations.\n\n"
                "Le juge peut autoriser la préservation des données.\n\nLe fait de refuser est puni.\n\n"
                f"Article 77-1-2\n\nL'officier de police judiciaire peut {text}\n")
    assert resolved(doc, "L'officier de police judiciaire peut") == [expected]


def test_references_into_another_text_are_not_resolved_here():
    doc = parse("Article 131-21\n\nLa confiscation est prévue par la loi.\n\nArticle 56\n\n"
                "L'officier peut saisir les biens dont la confiscation est prévue à l'article 131-21 "
                "du code pénal.\n")
    assert resolved(doc, "L'officier peut saisir") == []


def test_spanish_paragraph_of_an_article_and_previous_article():
    doc = parse("Artículo 32. Motivos.\n\n1. La autoridad judicial no reconocerá las órdenes.\n\n"
                "2. También podrá denegar el reconocimiento.\n\nArtículo 33. Ausencia.\n\n"
                "Se aplicará lo dispuesto en el apartado 1 del artículo 32 y en el artículo anterior.\n")
    assert resolved(doc, "Se aplicará lo dispuesto") == ["Artículo 32(1)", "Artículo 32"]
