"""The actions on a complaint."""
