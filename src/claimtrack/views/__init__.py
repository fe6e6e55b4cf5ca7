"""Views (floor 3): the one read model — record shapes of every row kind and the rules of merged claims.

Every reader (the CLI listings, `review`, every report format, `--json`) takes its plain records from here.
"""
