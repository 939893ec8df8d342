"""Pure types and rules. Imports nothing from the web, the database or templates."""
