"""The rule bottlenecks and case discussions resource of the API: flagging a rule that
stood in the way, the coordinator's decision on it, and the case discussions that may
decide the bottlenecks on their agenda (`vangnet.learning.bottlenecks`,
`vangnet.learning.discussions`)."""
