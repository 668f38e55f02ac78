"""`python -m legislint.lsp`: start the language server over stdio."""

from legislint.lsp.server import main

if __name__ == "__main__":
    main()
