"""`python -m medveil.cli` runs the command line."""

from medveil.cli import main

main()
