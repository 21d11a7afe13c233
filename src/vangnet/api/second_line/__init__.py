"""The cost of the second line resource of the API: per body the ombudsman
arrangement and the year's cost, and the scenarios comparing every ombudsman's tariff
(`vangnet.learning.second_line`, `vangnet.organisations.costs`)."""
