"""Recursive-descent parser for condition expressions.

Grammar (lowest precedence first), as in Python:
    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := sum [(== | != | < | <= | > | >=) sum | ["not"] "in" list]
    sum        := product (("+" | "-") product)*
    product    := operand (("*" | "/") operand)*
    operand    := literal | field | group.sub | function "(" expr ("," expr)* ")"
                  | "(" expr ")"
    list       := "[" [literal ("," literal)* [","]] "]"
Nesting is capped so hostile input cannot exhaust the Python stack.
"""

from typing import Any

from ..marked import N_
from .errors import ConditionError
from .functions import FUNCTIONS
from .nodes import Arith, Call, Compare, Field, Literal, Logical, Membership, Node, Not, Path
from .tokens import Token, tokenize

# The parser's refusals, marked for the console's English pages (forms_schema.marked).
MSG_EMPTY = N_("Kondisi kosong.")
MSG_TOO_DEEP = N_("Kondisi terlalu bertingkat (maksimal {limit}).")
MSG_UNEXPECTED = N_("Tidak terduga: {found}.")
MSG_CLOSING = N_("Diharapkan ')' tetapi ditemukan {found}.")
MSG_ENDS_EARLY = N_("Kondisi berakhir terlalu cepat; diharapkan nilai atau nama field.")
MSG_WANTS_VALUE = N_("Diharapkan nilai atau nama field, ditemukan {found}.")
MSG_UNKNOWN_FUNCTION = N_("Fungsi '{name}' tidak dikenal. Fungsi yang ada: {known}.")
MSG_ARITY = N_("Fungsi '{name}' menerima {count} argumen.")
MSG_IN_LIST = N_("Setelah 'in' harus ada daftar, misalnya ['a', 'b'].")
MSG_LIST_LITERALS = N_("Daftar hanya boleh berisi nilai tetap (teks/angka).")
MSG_WANTS_COMMA = N_("Diharapkan ',' atau ']' tetapi ditemukan {found}.")
# what the parser found instead (the {found} above)
END, A_TEXT = N_("akhir kondisi"), N_("teks {value}")
MAX_DEPTH = 32
_COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_KEYWORD_LITERALS = {"true": True, "false": False, "null": None}


def parse_tree(text: str) -> Node:
    if not text.strip():
        raise ConditionError(MSG_EMPTY, 0)
    return _Parser(tokenize(text)).parse()


def _describe(token: Token) -> str:
    if token.kind == "end":
        return END
    if token.kind == "string":
        return A_TEXT.format(value=repr(token.value))
    return repr(str(token.value))


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def peek(self, ahead: int = 0) -> Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.peek()
        self.index += 1
        return token

    def at(self, kind: str, value: object) -> bool:
        token = self.peek()
        return token.kind == kind and token.value == value

    def fail(self, message: str, token: Token | None = None) -> ConditionError:
        token = token or self.peek()
        return ConditionError(message, token.position)

    def descend(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.fail(MSG_TOO_DEEP.format(limit=MAX_DEPTH))

    def parse(self) -> Node:
        node = self.or_expr()
        token = self.peek()
        if token.kind != "end":
            raise self.fail(MSG_UNEXPECTED.format(found=_describe(token)))
        return node

    def or_expr(self) -> Node:
        args = [self.and_expr()]
        while self.at("keyword", "or"):
            self.advance()
            args.append(self.and_expr())
        return args[0] if len(args) == 1 else Logical("or", tuple(args))

    def and_expr(self) -> Node:
        args = [self.not_expr()]
        while self.at("keyword", "and"):
            self.advance()
            args.append(self.not_expr())
        return args[0] if len(args) == 1 else Logical("and", tuple(args))

    def not_expr(self) -> Node:
        if not self.at("keyword", "not"):
            return self.comparison()
        self.advance()
        self.descend()
        node = Not(self.not_expr())
        self.depth -= 1
        return node

    def comparison(self) -> Node:
        left = self.sum()
        token = self.peek()
        if token.kind == "op" and token.value in _COMPARISONS:
            self.advance()
            return Compare(str(token.value), left, self.sum())
        if self.at("keyword", "in"):
            self.advance()
            return Membership(left, self.list_literal())
        if self.at("keyword", "not") and self.peek(1).kind == "keyword":
            if self.peek(1).value == "in":
                self.advance()
                self.advance()
                return Membership(left, self.list_literal(), negated=True)
        return left

    def sum(self) -> Node:
        node = self.product()
        while self.peek().kind == "op" and self.peek().value in ("+", "-"):
            node = Arith(str(self.advance().value), node, self.product())
        return node

    def product(self) -> Node:
        node = self.operand()
        while self.peek().kind == "op" and self.peek().value in ("*", "/"):
            node = Arith(str(self.advance().value), node, self.operand())
        return node

    def operand(self) -> Node:
        token = self.peek()
        if token.kind in ("string", "number"):
            self.advance()
            return Literal(token.value)
        if token.kind == "keyword" and token.value in _KEYWORD_LITERALS:
            self.advance()
            return Literal(_KEYWORD_LITERALS[str(token.value)])
        if token.kind == "name" and self.peek(1).kind == "op" and self.peek(1).value == "(":
            return self.call()
        if token.kind == "name":
            self.advance()
            name = str(token.value)
            if "." in name:
                group, key = name.split(".", 1)
                return Path(group, key)
            return Field(name)
        if self.at("op", "("):
            self.advance()
            self.descend()
            node = self.or_expr()
            if not self.at("op", ")"):
                raise self.fail(MSG_CLOSING.format(found=_describe(self.peek())))
            self.advance()
            self.depth -= 1
            return node
        if token.kind == "end":
            raise self.fail(MSG_ENDS_EARLY)
        raise self.fail(MSG_WANTS_VALUE.format(found=_describe(token)))

    def call(self) -> Node:
        token = self.advance()
        name = str(token.value)
        function = FUNCTIONS.get(name)
        if function is None:
            known = ", ".join(FUNCTIONS)
            raise self.fail(MSG_UNKNOWN_FUNCTION.format(name=name, known=known), token)
        self.advance()  # "("
        self.descend()
        args = [self.or_expr()]
        while self.at("op", ","):
            self.advance()
            args.append(self.or_expr())
        if not self.at("op", ")"):
            raise self.fail(MSG_CLOSING.format(found=_describe(self.peek())))
        self.advance()
        self.depth -= 1
        if len(args) != function.arity:
            raise self.fail(MSG_ARITY.format(name=name, count=function.arity), token)
        return Call(name, tuple(args))

    def list_literal(self) -> tuple[Any, ...]:
        if not self.at("op", "["):
            raise self.fail(MSG_IN_LIST)
        self.advance()
        items: list[Any] = []
        while not self.at("op", "]"):
            token = self.advance()
            if token.kind in ("string", "number"):
                items.append(token.value)
            elif token.kind == "keyword" and token.value in _KEYWORD_LITERALS:
                items.append(_KEYWORD_LITERALS[str(token.value)])
            else:
                raise self.fail(MSG_LIST_LITERALS, token)
            if self.at("op", ","):
                self.advance()
            elif not self.at("op", "]"):
                found = _describe(self.peek())
                raise self.fail(MSG_WANTS_COMMA.format(found=found))
        self.advance()
        return tuple(items)
