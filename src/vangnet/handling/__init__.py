"""The actions on a complaint: one module per action (`actions/`), one registry
(`base.ACTIONS`), one guard that runs them all (`guard.perform`) and one selector of what
a user may do now (`available.available_actions`). The complaint page and the API are
produced from the registry.

Use: `from vangnet.handling import perform` then
`perform("note", actor=user, complaint=complaint, data={"text": "..."})`.
(The names are looked up when first used: this package is imported before Django's
models are ready.)
"""

_EXPORTS = {
    "perform": ("guard", "perform"),
    "available_actions": ("available", "available_actions"),
    "ACTIONS": ("base", "ACTIONS"),
    "Result": ("base", "Result"),
    "get": ("base", "get"),
}


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'vangnet.handling' has no attribute {name!r}")
    from importlib import import_module

    module, attribute = _EXPORTS[name]
    return getattr(import_module(f"{__name__}.{module}"), attribute)
