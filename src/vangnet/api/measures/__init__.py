"""The lessons and improvement measures resource of the API: the causes a lesson can
name, a complaint's lesson, and the measures (`vangnet.learning.lessons`,
`vangnet.learning.measures`), with the same rules as the pages."""
