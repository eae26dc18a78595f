"""`make bench`: figures as ratios against a baseline measured in the same run.

Each benchmark prints `BENCH <name> <value> <unit>` lines. They are measurements,
never pass/fail tests.
"""
