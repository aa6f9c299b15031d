"""No module outside storefront/payments imports a gateway implementation (or a gateway's SDK):
the rest of the shop sees only the contract (payments.gateway) and the registry."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "storefront"
IMPLEMENTATIONS = {
    "storefront.payments.stripe_gateway",
    "storefront.payments.midtrans_gateway",
    "storefront.payments.test_gateway",
    "stripe",
}


def imported(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def offenders() -> list[str]:
    found = []
    for path in ROOT.rglob("*.py"):
        if ROOT / "payments" in path.parents:
            continue
        names = imported(ast.parse(path.read_text(encoding="utf-8")))
        found += [f"{path.relative_to(ROOT)}: {name}" for name in sorted(names & IMPLEMENTATIONS)]
    return found


def test_no_module_outside_payments_imports_a_gateway_implementation():
    assert offenders() == []


def test_the_check_sees_an_import_of_an_implementation():
    tree = ast.parse("from storefront.payments import midtrans_gateway\nimport stripe\n")
    assert imported(tree) & IMPLEMENTATIONS == {"storefront.payments.midtrans_gateway", "stripe"}
