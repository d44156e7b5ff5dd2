"""Computes the formulas this app writes into XLSX files (LibreOffice is not on the test machine).

Enough of Excel for them: numbers, cell references, SUM over cells and ranges, + - * /,
comparisons, IF(condition, then, else) evaluated lazily, and "" as an empty result.
"""

from __future__ import annotations

import re

from openpyxl.utils import column_index_from_string, get_column_letter

REF = re.compile(r"\b([A-Z]{1,3})(\d+)\b")


def _split_args(text: str) -> list[str]:
    args, depth, start, quoted = [], 0, 0, False
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            args.append(text[start:i])
            start = i + 1
    args.append(text[start:])
    return args


def _closing(text: str, open_at: int) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    raise ValueError(text)


def cells_of(ref: str) -> list[str]:
    """'H7:H9' -> ['H7', 'H8', 'H9']; 'H7' -> ['H7']."""
    if ":" not in ref:
        return [ref]
    a, b = ref.split(":")
    (ca, ra), (cb, rb) = REF.match(a).groups(), REF.match(b).groups()
    return [f"{get_column_letter(c)}{r}" for c in range(column_index_from_string(ca), column_index_from_string(cb) + 1)
            for r in range(int(ra), int(rb) + 1)]


def sum_refs(formula: str) -> list[str]:
    """Every cell a =SUM(...) adds up."""
    inner = formula[formula.index("SUM(") + 4:-1]
    return [c for arg in _split_args(inner.replace("SUM(", "").replace(")", "")) for c in cells_of(arg.strip())]


def evaluate(ws, cell: str, depth: int = 0):
    value = ws[cell].value
    if not (isinstance(value, str) and value.startswith("=")):
        return value
    if depth > 50:
        raise RecursionError(cell)
    return _expr(ws, value[1:], depth)


def _expr(ws, text: str, depth: int):
    text = text.strip()
    m = re.match(r"(IF|SUM)\(", text)
    if m and _closing(text, m.end() - 1) == len(text) - 1:
        args = _split_args(text[m.end():-1])
        if m.group(1) == "IF":
            cond = _expr(ws, args[0], depth)
            return _expr(ws, args[1] if cond else args[2], depth)
        total = 0
        for arg in args:
            arg = arg.strip()
            if arg.startswith("SUM("):
                total += _expr(ws, arg, depth)
            else:
                total += sum(v or 0 for v in (evaluate(ws, c, depth + 1) for c in cells_of(arg)) if v != "")
        return total
    if text == '""':
        return ""
    # Plain arithmetic and comparisons: references become their values.
    def value(match):
        v = evaluate(ws, match.group(0), depth + 1)
        return repr(v if v not in (None, "") else 0)
    python = REF.sub(value, text).replace("<>", "!=")
    python = re.sub(r"(?<![<>!=])=(?!=)", "==", python)
    return eval(python, {"__builtins__": {}})  # our own formulas: digits, operators, quotes
