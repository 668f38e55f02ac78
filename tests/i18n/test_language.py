"""Language of a text, of each provision, and the configuration that overrides them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from legislint.api import lint_text
from legislint.cli import main
from legislint.config import Config, parse_config_text
from legislint.language import detect_language
from legislint.parser import parse

FR = "L'officier de police judiciaire peut, par tout moyen, requérir de toute personne la remise des informations."
ES = "La Policía Judicial podrá interceptar las comunicaciones de cualquier persona sin autorización judicial."
EN = "The police may intercept the content of communications of any person suspected of an offence."


@pytest.mark.parametrize("text, language", [(FR, "fr"), (ES, "es"), (EN, "en")])
def test_detects_the_language_of_a_text(text, language):
    assert detect_language(text) == language


def test_too_short_to_tell_is_english():
    assert detect_language("Article 7") == "en"
    assert detect_language("") == "en"


SHARED = Path(os.environ.get("LEGISLINT_SHARED", Path(__file__).resolve().parents[3] / "shared"))


@pytest.mark.parametrize("path", sorted((SHARED / "corpus-i18n").glob("*/*.txt")), ids=lambda p: p.name)
def test_every_corpus_text_is_detected_in_its_folder_language(path):
    assert detect_language(path.read_text("utf-8")) == path.parent.name


def test_english_corpus_texts_are_english(corpus):
    texts = sorted(corpus.glob("*.txt"))
    assert texts and all(detect_language(p.read_text("utf-8")) == "en" for p in texts)


def test_mixed_file_reads_each_provision_in_its_heading_language():
    text = (f"Article 1 – Interception\n\n{EN}\n\n"
            f"Artículo 2. Interceptación\n\n{ES}\n")
    result = lint_text(text, "mixed.txt")
    assert result.document.meta["language"] == "en"
    langs = {n.path: n.language for n in result.document.articles()}
    assert langs == {"Article 1": "en", "Artículo 2": "es"}
    # Both provisions are read with their own lexicon: both interceptions are found.
    assert sorted((f.code, f.provision) for f in result.findings if f.code == "LG201") == \
        [("LG201", "Article 1"), ("LG201", "Artículo 2")]
    # Messages follow the document's language (English here).
    assert all("without prior judicial authorization" in f.message
               for f in result.findings if f.code == "LG201")


def test_lang_option_overrides_detection():
    text = f"Artículo 2. Interceptación\n\n{ES}\n"
    forced = lint_text(text, "x.txt", Config(lang="en", select=["core"]))
    assert forced.document.meta["language"] == "en"
    # Read with the English lexicon, the Spanish provision has no English power words.
    assert not forced.findings
    assert lint_text(text, "x.txt", Config(select=["core"])).findings


def test_lang_and_message_lang_are_configuration_keys(tmp_path):
    fields, _ = parse_config_text("lang: fr\nmessage-lang: es\njurisdiction: treaty\n"
                                  "language_dirs: [packs]\n", str(tmp_path / ".legislint.yaml"))
    assert fields["lang"] == "fr" and fields["message_lang"] == "es"
    assert fields["jurisdiction"] == "treaty"
    assert fields["language_dirs"] == [str((tmp_path / "packs").resolve())]


def test_cli_lang_flag(tmp_path, capsys):
    f = tmp_path / "bill.txt"
    f.write_text(f"Artículo 2. Interceptación\n\n{ES}\n", "utf-8")
    assert main(["check", "--select", "core", "--format", "json", str(f)]) == 1
    assert main(["check", "--select", "core", "--lang", "en", "--format", "json", str(f)]) == 0
    capsys.readouterr()


def test_unknown_language_is_a_usage_error(tmp_path, capsys):
    f = tmp_path / "bill.txt"
    f.write_text(EN, "utf-8")
    assert main(["check", "--lang", "xx", str(f)]) == 2
    assert "no lexicon for language 'xx'" in capsys.readouterr().err


def test_shared_keyword_follows_the_document_and_a_foreign_keyword_its_language():
    doc = parse(f"Article 1\n\n{FR} {FR}\n\nArtículo 2\n\n{ES}\n")
    assert doc.meta["language"] == "fr"
    assert [(n.path, n.language) for n in doc.articles()] == [("Article 1", "fr"), ("Artículo 2", "es")]
