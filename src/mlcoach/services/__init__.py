"""Use cases and transaction boundaries. The web app and the CLI call these, nothing lower."""
