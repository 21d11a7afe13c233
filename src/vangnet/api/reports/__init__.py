"""The report figures resource of the API: the annual report's figures for a year or
any period, the same document as the open-data JSON (`vangnet.reports`)."""
