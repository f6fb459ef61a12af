"""``python -m coding``: the command line."""

from coding.cli import main

main()
