"""The nodes of a parsed jsonpath template (client-go ``util/jsonpath/node.go``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(slots=True)
class ListNode:
    nodes: list["Node"] = field(default_factory=list)


@dataclass(slots=True)
class TextNode:
    text: str


@dataclass(slots=True)
class FieldNode:
    value: str


@dataclass(slots=True)
class IdentifierNode:
    name: str


@dataclass(slots=True)
class Param:
    value: int = 0
    known: bool = False
    derived: bool = False


@dataclass(slots=True)
class ArrayNode:
    params: tuple[Param, Param, Param]


@dataclass(slots=True)
class FilterNode:
    left: ListNode
    right: ListNode
    operator: str


@dataclass(slots=True)
class IntNode:
    value: int


@dataclass(slots=True)
class FloatNode:
    value: float


@dataclass(slots=True)
class BoolNode:
    value: bool


@dataclass(slots=True)
class WildcardNode:
    pass


@dataclass(slots=True)
class RecursiveNode:
    pass


@dataclass(slots=True)
class UnionNode:
    nodes: list[ListNode]


Node = Union[ListNode, TextNode, FieldNode, IdentifierNode, ArrayNode, FilterNode, IntNode,
             FloatNode, BoolNode, WildcardNode, RecursiveNode, UnionNode]
