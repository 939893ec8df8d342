"""The code judge: executors (one per language), the sandbox, checkers and the grader, kept apart.

This package is also mounted read-only inside the sandbox, where `runner` and `executors` run the
candidate's code; those modules and this file import nothing but the standard library.
"""
