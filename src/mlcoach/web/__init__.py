"""The web app: FastAPI routes, Jinja2 pages that work without JavaScript, and a JSON API under /api."""
