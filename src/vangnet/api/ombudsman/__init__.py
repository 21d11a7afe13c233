"""The ombudsman cases resource of the API: the cases the ombudsmen opened on the
municipality's complaints, the recommendations they made and the municipality's
response (`vangnet.learning.second_line`)."""
