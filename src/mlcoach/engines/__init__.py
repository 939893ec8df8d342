"""Engines: the answer grader, the code judge and their helpers."""
