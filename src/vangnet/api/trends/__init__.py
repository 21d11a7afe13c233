"""The trends resource of the API: the trends page (`learning.views_trends`, "Signalen"
on screen) as data, the rises and falls in complaints per theme, department, partner
and neighbourhood (`vangnet.learning.trends`)."""
