"""Lark grammars and drafting conventions (package data)."""
