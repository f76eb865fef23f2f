"""Which error codes each operation can answer, found in the code itself, for the OpenAPI document.

An operation's handler, its dependencies, and every function of Rota they call (followed through
the modules' names, to any depth) are read: each construction of an error of `rota.errors`
(`Conflict("…", code="contact_has_active_transfer")`) is a code the operation may answer, with
its status (the error's class) and an example message (its text; `{…}` where it is computed).
Reading more than runs is safe (a code listed that a request never meets); a code missing would
be drift, and this cannot miss one written as a literal. Codes chosen at run time (a variable)
are listed as the class's default code.
"""

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from rota import errors

Found = tuple[int, str, str]  # status, code, example message
_ERRORS = {
    name: cls
    for name, cls in vars(errors).items()
    if isinstance(cls, type) and issubclass(cls, errors.AppError) and cls is not errors.AppError
}


def _message(node: ast.expr | None, default: str) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(part.value) if isinstance(part, ast.Constant) else "{…}" for part in node.values)
    return default


def _error(node: ast.Call, scope: dict[str, Any]) -> Found | None:
    """The error this call makes, if it constructs one of rota.errors."""
    name = node.func.id if isinstance(node.func, ast.Name) else None
    cls = scope.get(name) if name else None
    if cls is errors.found:  # found(value, message, code): 404 when there is none
        code = node.args[2] if len(node.args) > 2 else None
        if isinstance(code, ast.Constant) and isinstance(code.value, str):
            return 404, code.value, _message(node.args[1], errors.NotFound.message)
    if not (isinstance(cls, type) and issubclass(cls, errors.AppError)):
        return None
    keywords = {k.arg: k.value for k in node.keywords}
    code = keywords.get("code")
    code_text = code.value if isinstance(code, ast.Constant) and isinstance(code.value, str) else cls.code
    message = _message(node.args[0] if node.args else keywords.get("message"), cls.message)
    return cls.status_code, code_text, message


def _callee(node: ast.Call, scope: dict[str, Any]) -> Any:
    """The Rota function a call names (`f(…)`, `module.f(…)`, `Class.f(…)`), if it can be told."""
    target: Any = None
    if isinstance(node.func, ast.Name):
        target = scope.get(node.func.id)
    elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
        owner = scope.get(node.func.value.id)
        target = getattr(owner, node.func.attr, None) if owner is not None else None
    target = getattr(target, "__wrapped__", target)
    if inspect.isfunction(target) and target.__module__.startswith("rota."):
        return target
    return None


@cache
def _codes_of(function: Callable[..., Any]) -> frozenset[Found]:
    """The errors a function can raise, itself or through the Rota functions it calls."""
    return frozenset(_walk(function, set()))


def _walk(function: Callable[..., Any], seen: set[Any]) -> set[Found]:
    if function in seen:
        return set()
    seen.add(function)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return set()
    scope = {**function.__globals__, **_closure(function)}
    found: set[Found] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        made = _error(node, scope)
        if made is not None:
            found.add(made)
            continue
        callee = _callee(node, scope)
        if callee is not None:
            found |= _walk(callee, seen)
    return found


def _closure(function: Callable[..., Any]) -> dict[str, Any]:
    names = function.__code__.co_freevars
    cells = function.__closure__ or ()
    return {name: cell.cell_contents for name, cell in zip(names, cells, strict=False)}


def _dependencies(dependant: Any) -> Iterable[Callable[..., Any]]:
    for sub in dependant.dependencies:
        if sub.call is not None and inspect.isfunction(sub.call):
            yield sub.call
        yield from _dependencies(sub)


def operation_errors(route: APIRoute) -> set[Found]:
    found: set[Found] = set()
    for function in (route.endpoint, *_dependencies(route.dependant)):
        found |= _codes_of(function)
    return found


def add_error_codes(document: dict[str, Any], routes: Iterable[BaseRoute]) -> dict[str, Any]:
    """Lists, under every error status of every operation, the codes it can answer with an
    example each (`examples`, keyed by code), and adds the statuses a handler can answer that
    its route did not declare."""
    operations = {
        (route.path, method.lower()): route
        for route in routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }
    for path, item in document["paths"].items():
        for method, operation in item.items():
            route = operations.get((path, method))
            if route is None:
                continue
            by_status: dict[int, dict[str, str]] = {}
            for status, code, message in sorted(operation_errors(route)):
                by_status.setdefault(status, {}).setdefault(code, message)
            for status, codes in by_status.items():
                response = operation["responses"].setdefault(
                    str(status),
                    {
                        "description": "Error",
                        "content": {"application/json": {"schema": _error_schema(operation)}},
                    },
                )
                content = response.setdefault("content", {}).setdefault("application/json", {})
                examples = content.setdefault("examples", {})
                for code, message in codes.items():
                    examples[code] = {
                        "summary": code,
                        "value": {"status": "error", "message": message, "code": code},
                    }
                content.pop("example", None)  # `examples` names every code instead
                listed = ", ".join(f"`{c}`" for c in codes)
                description = response.get("description", "")
                if "Codes:" not in description:
                    response["description"] = f"{description.rstrip('.')}. Codes: {listed}.".lstrip(". ")
            operation["responses"] = dict(sorted(operation["responses"].items()))
    return document


def _error_schema(operation: dict[str, Any]) -> dict[str, Any]:
    for response in operation["responses"].values():
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if schema and "ErrorBody" in str(schema):
            return dict(schema)
    return {"$ref": "#/components/schemas/ErrorBody"}
