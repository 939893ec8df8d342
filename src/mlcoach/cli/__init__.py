"""The `mlcoach` command: parses options, calls services, renders results. Heavy imports are lazy."""
