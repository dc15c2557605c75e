"""Listing commands: `presets`, `themes`, and `completion` for shells."""

from __future__ import annotations

import click

from .app import main


@main.command("presets")
def presets_command() -> None:
    """List output presets: size, safe zone and platform limits."""
    from ..config.presets import builtin_presets

    click.echo(f"{'preset':<14}{'size':<11}{'safe zone t/b/l/r':<20}{'items':>6}{'max s':>7}  description")
    for name, p in builtin_presets().items():
        s = p.safe
        zone = f"{s.top:.0%}/{s.bottom:.0%}/{s.left:.0%}/{s.right:.0%}"
        limit = f"{p.max_duration:.0f}" if p.max_duration else "-"
        click.echo(f"{name:<14}{p.width}x{p.height:<6}{zone:<20}{p.max_items:>6}{limit:>7}  {p.description}")
    click.echo("\nAny WIDTHxHEIGHT (e.g. 1200x628) works too, with 5% margins.")


@main.command("themes")
def themes_command() -> None:
    """List built-in themes. Copy one (or write `extends: NAME`) to make a brand theme."""
    from ..config.theme import builtin_themes, load_theme

    for name in builtin_themes():
        click.echo(f"{name:<10} {load_theme(name).description}")


@main.command()
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell: str) -> None:
    """Print the shell completion script for SHELL.

    Enable it with, e.g.:  eval "$(slide2video completion bash)"
    """
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    assert cls is not None  # every listed shell has a class
    click.echo(cls(main, {}, "slide2video", "_SLIDE2VIDEO_COMPLETE").source())
