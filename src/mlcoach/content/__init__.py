"""Load and validate the question bank (files -> domain objects) and search it."""
