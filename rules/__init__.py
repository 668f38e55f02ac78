"""Rule files and lexicons (package data)."""
