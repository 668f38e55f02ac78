"""Messages, reports and rule docs in the reader's language (rules/i18n/*.yaml)."""

from __future__ import annotations

import json

import pytest

from legislint.api import lint_text
from legislint.cli import main
from legislint.config import Config
from legislint.docs import render_rule
from legislint.i18n import catalog
from legislint.rules import load_ruleset

FR = ("Article 60-1\n\nLe procureur de la République ou l'officier de police judiciaire peut, par tout "
      "moyen, requérir de toute personne de lui remettre les données informatiques intéressant l'enquête.\n")
ES = ("Artículo 588 octies.\n\nEl Ministerio Fiscal podrá requerir la conservación de datos.\n\n"
      "El requerido vendrá obligado a guardar secreto del desarrollo de esta diligencia.\n")


def test_french_text_gets_french_messages():
    [f] = [f for f in lint_text(FR, "fr.txt", Config(select=["core"])).findings]
    assert f.message.startswith("Article 60-1 : pouvoir intrusif (« Le procureur de la République")
    assert f.message.endswith("») sans autorisation préalable d'un juge. Recherché dans : la disposition")
    assert f.suggestion.startswith("sur décision préalable et motivée d'un juge")
    # What the finding is (code, rule, category, provision) does not depend on the language.
    assert (f.code, f.rule, f.category, f.provision) == \
        ("LG201", "power-without-prior-judicial-authorization", "prior-judicial-authorization", "Article 60-1")


def test_spanish_text_gets_spanish_messages():
    [f] = lint_text(ES, "es.txt", Config(select=["core"])).findings
    assert f.provision == "Artículo 588 octies, párrafo 2"
    assert f.message.startswith("Artículo 588 octies, párrafo 2: deber de secreto («guardar secreto")
    assert f.message.endswith("sin límite temporal ni notificación posterior. Buscado en: la disposición")


def test_message_lang_overrides_the_document_language():
    [f] = lint_text(FR, "fr.txt", Config(select=["core"], message_lang="en")).findings
    assert f.message.startswith("Article 60-1: intrusive power (“Le procureur de la République")
    assert f.message.endswith("without prior judicial authorization. Looked in: the provision")
    [f] = lint_text(FR, "fr.txt", Config(select=["core"], message_lang="es")).findings
    assert "sin autorización judicial previa. Buscado en: la disposición" in f.message


def test_untranslated_rule_and_unknown_language_fall_back_to_english():
    rule = load_ruleset().get("LG201")
    untranslated = catalog("fr").rule(rule.model_copy(update={"code": "LG999"}))
    assert untranslated.summary == rule.summary
    assert catalog("de").text("looked_in", places="x") == "Looked in: x"
    # A key a catalog lacks is said in English.
    assert catalog("fr").text("not_applied", path="p", rules="LG5", language="fr").startswith("p : note")
    assert catalog("fr").count("findings", 2) == "2 constats"


def test_text_report_summary_in_the_files_language(tmp_path, capsys):
    f = tmp_path / "loi.txt"
    f.write_text(FR, "utf-8")
    assert main(["check", "--select", "core", str(f)]) == 1
    out = capsys.readouterr().out
    assert "= norme: " in out and "= formulation proposée: « sur décision préalable" in out
    assert out.rstrip().endswith("1 constat dans 1 fichier.")
    assert main(["check", "--select", "core", "--message-lang", "en", str(f)]) == 1
    assert capsys.readouterr().out.rstrip().endswith("Found 1 finding in 1 file.")


def test_explain_in_french_and_spanish(capsys):
    assert main(["explain", "LG201", "--message-lang", "fr"]) == 0
    fr = capsys.readouterr().out
    assert fr.startswith("# LG201 power-without-prior-judicial-authorization\n\nCatégorie : `prior-judicial-authorization`")
    assert "\n## Ce que la règle signale\n" in fr and "\n## Pourquoi c'est important\n" in fr
    assert "Un pouvoir d'enquête intrusif peut être exercé sans décision préalable d'un juge." in fr
    assert main(["explain", "LG101", "--message-lang", "es"]) == 0
    es = capsys.readouterr().out
    assert "\n## Lecturas según el sistema jurídico\n" in es
    assert "- `civil-law`: lectura de tradición continental" in es


def test_english_explain_is_the_generated_page(capsys):
    assert main(["explain", "LG101"]) == 0
    assert capsys.readouterr().out == render_rule(load_ruleset().get("LG101"))


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_core_rule_is_translated(lang):
    messages = catalog(lang)
    for rule in load_ruleset().select(["core"], []):
        translated = messages.rule(rule)
        for field in ("summary", "description", "rationale", "message"):
            assert getattr(translated, field) != getattr(rule, field), (lang, rule.code, field)
        assert translated.fix.wording != rule.fix.wording, (lang, rule.code)
        for name, reading in translated.readings.items():
            assert reading.note != rule.readings[name].note, (lang, rule.code, name)


def test_json_report_keeps_the_contract_with_translated_messages(tmp_path, capsys):
    f = tmp_path / "ley.txt"
    f.write_text(ES, "utf-8")
    main(["check", "--select", "core", "--format", "json", str(f)])
    [finding] = json.loads(capsys.readouterr().out)["files"][0]["findings"]
    assert finding["code"] == "LG401" and finding["category"] == "gag-time-limit"
    assert finding["message"].startswith("Artículo 588 octies, párrafo 2: deber de secreto")
