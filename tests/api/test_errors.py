"""The one exception handler's shape for a service's messages (`common.errors`): dotted
keys nest like the request body, and a list the view names in `errors_as_lists` gives
its items' errors by position, as REST framework does for a list of objects."""

from vangnet.api.common.errors import api_error_detail


def test_dotted_keys_nest_like_the_body():
    assert api_error_detail(
        {
            "held_on": ["Datum"],
            "actions.0.owner": ["Wie"],
            "actions.0.description": ["Wat"],
            "decisions.17.decision_note": ["Waarom"],
        }
    ) == {
        "held_on": ["Datum"],
        "actions": {"0": {"owner": ["Wie"], "description": ["Wat"]}},
        "decisions": {"17": {"decision_note": ["Waarom"]}},
    }


def test_a_named_list_gives_one_entry_per_item():
    detail = api_error_detail(
        {"period": ["Periode"], "lines.1.handled": ["Te veel"]}, lists={"lines": 3}
    )
    assert detail == {"period": ["Periode"], "lines": [{}, {"handled": ["Te veel"]}, {}]}
    # Messages about the list as a whole (no items) stay a list of messages.
    assert api_error_detail({"lines": ["Minstens één"]}, lists={"lines": 0}) == {
        "lines": ["Minstens één"]
    }
    # An index the request does not have: keyed, not dropped.
    assert api_error_detail({"lines.5.handled": ["X"]}, lists={"lines": 2}) == {
        "lines": {"5": {"handled": ["X"]}}
    }


def test_messages_about_a_whole_with_nested_errors_are_kept():
    expected = {"actions": {"non_field_errors": ["Te veel"], "0": {"owner": ["Wie"]}}}
    assert api_error_detail({"actions": ["Te veel"], "actions.0.owner": ["Wie"]}) == expected
    assert api_error_detail({"actions.0.owner": ["Wie"], "actions": ["Te veel"]}) == expected
