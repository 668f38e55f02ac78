"""The legislint language server: a thin pygls layer over the core.

Nothing here decides whether a provision lacks a safeguard; the server turns the core's findings
(`legislint.api.lint_text`) into diagnostics, hovers, code actions and an outline. Start it with
`legislint lsp` or `python -m legislint.lsp`.
"""
