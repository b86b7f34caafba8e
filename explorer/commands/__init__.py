"""The subcommands of `story-explorer` that work on story files (`validate`, `quotes`, ...).

Each module has `make_parser()` (its argparse parser) and `run(args)` (its exit
status); `explorer.cli` lists them.  The annotator's commands live with the
annotator (`explorer.annotate.commands`, `explorer.annotate.evaluate`) and
follow the same shape.
"""
