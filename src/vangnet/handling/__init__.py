"""The actions on a complaint: one module per action (`actions/`), one registry
(`base.ACTIONS`), one guard that runs them all (`guard.perform`) and one selector of what
a user may do now (`available.available_actions`). The complaint page and the API are
produced from the registry.

Use: `from vangnet.handling.guard import perform` then
`perform("note", actor=user, complaint=complaint, data={"text": "..."})`.
"""
