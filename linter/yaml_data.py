"""YAML that users write (rules, lexicons, configuration), read with the lines of its keys."""

from __future__ import annotations

from legislint.errors import LegislintError


def load_round_trip(text: str, source: str, error: type[LegislintError]):
    """ruamel round-trip data (keys remember their lines); a syntax error is `error` naming the
    file and the line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="rt").load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise error(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", path=source,
                    line=mark.line + 1 if mark else None) from None


def plain(data):
    """Round-trip data as plain dicts and lists with string keys, for pydantic."""
    if isinstance(data, dict):
        return {str(k): plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
