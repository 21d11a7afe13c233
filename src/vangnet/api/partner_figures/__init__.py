"""The partners' figures resource of the API: the complaint figures a cooperation
partner submits per period, every version kept (`vangnet.partnerportal.figures`)."""
