"""`python -m medveil` runs the command line."""

from medveil.cli import main

main()
