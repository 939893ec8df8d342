"""Language executors. They run inside the sandbox (standard library only, plus NumPy or DuckDB when a
solution uses them) and report raw values; checking against expectations happens outside."""
