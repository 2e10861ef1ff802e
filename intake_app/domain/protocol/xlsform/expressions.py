"""The subset of XLSForm expressions a `relevant` or a `constraint` may use, as a small tree.

    expr    := and ("or" and)*
    and     := unary ("and" unary)*
    unary   := "not(" expr ")" | "(" expr ")" | "selected(" REF "," LITERAL ")" | compare
    compare := REF OP LITERAL | LITERAL OP REF        OP: = != < <= > >=
    REF     := ${name}          LITERAL := 'text' | "text" | number

Tokens come from pyxform's own expression lexer, so what counts as a reference, a string or a
number is exactly what ODK tools read; the grammar above is ours. Anything else (other
functions, arithmetic, paths, `.`, dates written bare) raises ExpressionRefused with a reason.

A constraint (parse(text, self_ref=True)) may also use `.`, the answer itself, and
`string-length(.)` as a REF; they come out as the names SELF and SELF_LENGTH.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyxform.parsing.expression import parse_expression

Literal = str | int | float
MAX_DEPTH = 20
COMPARISONS = ("=", "!=", "<", "<=", ">", ">=")
SELF, SELF_LENGTH = ".", "string-length(.)"
_FLIP = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}


class ExpressionRefused(Exception):
    """Not in the subset; `reason` is a code in refusals.REASONS, `detail` the offending part."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Compare:
    question: str
    op: str
    value: Literal


@dataclass(frozen=True, slots=True)
class Selected:
    question: str
    value: str


@dataclass(frozen=True, slots=True)
class Not:
    item: Expr


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Expr, ...]


Expr = Compare | Selected | Not | And | Or


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # REF, LIT, NUM, OP, AND, OR, NOT, SELECTED, OPEN, CLOSE, COMMA
    text: str


def _tokens(text: str, self_ref: bool = False) -> list[_Tok]:
    raw = [t for t in parse_expression(text) if t.type != "WHITESPACE"]
    out: list[_Tok] = []
    i = 0
    while i < len(raw):
        tok, kind, value = raw[i], raw[i].type, str(raw[i])
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        word = value.strip().lower()
        if kind == "OPS_COMP":
            # pyxform's lexer reads "<=" as "<" then "="; glue them back when they touch.
            if (value in ("<", ">") and nxt is not None and nxt.type == "OPS_COMP"
                    and str(nxt) == "=" and nxt.start_pos == tok.end_pos):
                value, i = value + "=", i + 1
            out.append(_Tok("OP", value))
        elif kind == "OPS_BOOL" or (kind == "NAME" and word in ("and", "or")):
            out.append(_Tok(word.upper(), word))
        elif kind == "FUNC_CALL" and word[:-1] in ("and", "or"):
            out += [_Tok(word[:-1].upper(), word[:-1]), _Tok("OPEN", "(")]
        elif kind == "FUNC_CALL" and word in ("not(", "selected("):
            out.append(_Tok(word[:-1].upper(), word))
        elif kind == "NAME" and word in ("not", "selected") and nxt is not None \
                and nxt.type == "OPEN_PAREN":
            out.append(_Tok(word.upper(), word + "("))
            i += 1
        elif self_ref and kind == "SELF_REF":
            out.append(_Tok("REF", SELF))
        elif self_ref and kind == "FUNC_CALL" and word == "string-length(":
            # Only string-length(.): the three tokens stand for one REF.
            after = raw[i + 2] if i + 2 < len(raw) else None
            if nxt is None or nxt.type != "SELF_REF" or after is None \
                    or after.type != "CLOSE_PAREN":
                raise ExpressionRefused("expression_syntax", value)
            out.append(_Tok("REF", SELF_LENGTH))
            i += 2
        elif self_ref and kind == "FUNC_CALL":
            raise ExpressionRefused("constraint_function", value[:-1].strip())
        else:
            out.append(_plain(kind, value))
        i += 1
    return out


def _plain(kind: str, value: str) -> _Tok:
    """A token that stands alone: a reference, a literal, a parenthesis or a comma."""
    if kind == "PYXFORM_REF" and not value.startswith("${last-saved#"):
        return _Tok("REF", value[2:-1])
    if kind == "SYSTEM_LITERAL":
        return _Tok("LIT", value[1:-1])
    if kind == "NUMBER":
        return _Tok("NUM", value)
    if kind in ("OPEN_PAREN", "CLOSE_PAREN", "COMMA"):
        return _Tok({"OPEN_PAREN": "OPEN", "CLOSE_PAREN": "CLOSE"}.get(kind, kind), value)
    if kind == "FUNC_CALL":
        raise ExpressionRefused("expression_function", value[:-1])
    raise ExpressionRefused("expression_syntax", value.strip())


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


class _Parser:
    def __init__(self, tokens: list[_Tok]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0  # parentheses open now: a hostile file must not reach the stack limit

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self, kind: str) -> _Tok:
        tok = self.peek()
        if tok is None or tok.kind != kind:
            raise ExpressionRefused("expression_syntax", "" if tok is None else tok.text)
        self.pos += 1
        return tok

    def expr(self) -> Expr:
        items = [self.conjunction()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.pos += 1
            items.append(self.conjunction())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def conjunction(self) -> Expr:
        items = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind == "AND":
            self.pos += 1
            items.append(self.unary())
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Expr:
        tok = self.peek()
        if tok is None:
            raise ExpressionRefused("expression_syntax", "")
        if tok.kind in ("NOT", "OPEN"):
            self.pos += 1
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ExpressionRefused("expression_too_deep", str(MAX_DEPTH))
            inner = self.expr()
            self.take("CLOSE")
            self.depth -= 1
            return Not(inner) if tok.kind == "NOT" else inner
        if tok.kind == "SELECTED":
            self.pos += 1
            ref = self.take("REF").text
            self.take("COMMA")
            value = self.peek()
            if value is None or value.kind not in ("LIT", "NUM"):
                raise ExpressionRefused("expression_syntax", "" if value is None else value.text)
            self.pos += 1
            self.take("CLOSE")
            return Selected(ref, value.text)
        return self.compare()

    def compare(self) -> Compare:
        left = self.operand()
        op = self.take("OP").text
        right = self.operand()
        if isinstance(left, _Ref) and isinstance(right, _Ref):
            names = {left.name, right.name}
            if names & {SELF, SELF_LENGTH} and names - {SELF, SELF_LENGTH}:
                raise ExpressionRefused("constraint_other_question",
                                        sorted(names - {SELF, SELF_LENGTH})[0])
        if isinstance(left, _Ref) == isinstance(right, _Ref):
            raise ExpressionRefused("expression_compare_two", op)
        if isinstance(left, _Ref):
            assert not isinstance(right, _Ref)
            return Compare(left.name, op, right)
        assert isinstance(right, _Ref)
        return Compare(right.name, _FLIP[op], left)

    def operand(self) -> _Ref | Literal:
        tok = self.peek()
        if tok is None or tok.kind not in ("REF", "LIT", "NUM"):
            raise ExpressionRefused("expression_syntax", "" if tok is None else tok.text)
        self.pos += 1
        if tok.kind == "REF":
            return _Ref(tok.text)
        return tok.text if tok.kind == "LIT" else _number(tok.text)


@dataclass(frozen=True, slots=True)
class _Ref:
    name: str


def parse(text: str, *, self_ref: bool = False) -> Expr:
    """The tree of one expression; raises ExpressionRefused outside the subset. `self_ref`:
    a constraint, where `.` and `string-length(.)` name the answer itself."""
    tokens = _tokens(text, self_ref)
    if not tokens:
        raise ExpressionRefused("expression_syntax", "")
    parser = _Parser(tokens)
    tree = parser.expr()
    if parser.peek() is not None:
        raise ExpressionRefused("expression_syntax", parser.tokens[parser.pos].text)
    return tree
