"""`newsflow run|inspect`: the command line. Options are generated from the Settings model."""

from __future__ import annotations

import argparse
import json
import os
import sys

from pydantic import ValidationError

from tasks.settings import Settings

POSITIONAL_FREE = {"input", "output"}


def _add_settings_options(parser: argparse.ArgumentParser) -> None:
    """One --option per Settings field, its help text from the field's description."""
    for name, field in Settings.model_fields.items():
        flag = "--" + name.replace("_", "-")
        if field.annotation is bool:
            parser.add_argument(flag, dest=name, action="store_true", default=None, help=field.description)
        else:
            default = None if field.is_required() else field.default
            parser.add_argument(flag, dest=name, default=None, help=f"{field.description} (default: {default})")


def _settings(args: argparse.Namespace) -> Settings:
    values = {k: v for k, v in vars(args).items() if k in Settings.model_fields and v is not None}
    return Settings.model_validate(values)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsflow", description="Scraped news articles to Parquet, as a Prefect flow."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the flow once")
    _add_settings_options(run)
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    try:
        settings = _settings(args)
    except ValidationError as e:
        for error in e.errors():
            where = "--" + "-".join(str(p) for p in error["loc"]).replace("_", "-")
            print(f"newsflow: {where}: {error['msg']}", file=sys.stderr)
        return 2
    from flows.runners import flow_for

    summary = flow_for(settings)(settings)
    print(json.dumps(summary, indent=1) if args.json else _format_summary(summary))
    return 0


def _format_summary(summary: dict) -> str:
    lines = [f"newsflow run {summary['run_id']} (manifest v{summary['version']})"]
    for key, value in summary.items():
        if key not in ("run_id", "version"):
            lines.append(f"  {key:<22} {value}")
    return "\n".join(lines)
