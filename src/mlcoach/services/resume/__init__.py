"""Resume / ATS check: read the file (`extract`), split it (`parse`), match keywords (`keywords`), report (`check`)."""
