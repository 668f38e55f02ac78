"""The language server on French and Spanish texts: same diagnostics as the core, in their language."""

from __future__ import annotations

import pytest

from lsp_helpers import expected, key, open_doc

pytestmark = pytest.mark.asyncio(loop_scope="module")

FR = (
    "Article 57-1\n"
    "\n"
    "Les officiers de police judiciaire peuvent, au cours d'une perquisition, accéder par un système "
    "informatique à des données intéressant l'enquête.\n"
    "\n"
    "S'il est avéré que ces données sont stockées hors du territoire national, elles sont recueillies "
    "par l'officier de police judiciaire.\n"
)
ES = (
    "Artículo 588 octies. Orden de conservación de datos.\n"
    "\n"
    "El Ministerio Fiscal podrá requerir la conservación de datos.\n"
    "\n"
    "El requerido vendrá obligado a guardar secreto del desarrollo de esta diligencia.\n"
)


@pytest.mark.parametrize("name, text, provision, words", [
    ("loi.txt", FR, "Article 57-1, alinéa 1", "sans autorisation préalable d'un juge"),
    ("ley.txt", ES, "Artículo 588 octies, párrafo 2", "sin límite temporal ni notificación posterior"),
])
async def test_diagnostics_of_french_and_spanish_texts(shared, name, text, provision, words):
    path = shared.root / name
    uri = open_doc(shared, path, text)
    diags = await shared.diagnostics_for(uri, version=1)
    result, want = expected(text, str(path))
    assert result.findings
    assert sorted(map(key, diags)) == sorted(map(key, want))
    first = next(d for d in diags if d.data["provision"] == provision)
    assert words in first.message
