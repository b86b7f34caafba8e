"""`python -m explorer` is the `story-explorer` command."""

from explorer.cli import main

raise SystemExit(main())
