"""`python -m claimtrack` runs the command line."""

from claimtrack.cli.app import main

main()
