"""The complaints resource of the API: `/api/v1/complaints/` and one endpoint per action
on a complaint (`vangnet.handling`)."""
