"""The `studio` command: the local web app for editors (see `slide2video.studio`)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from .app import Context, main
from .options import quiet_option


@main.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("."), required=False)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Port to listen on  [default: 8765 or the next free one]",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback unless --public).")
@click.option("--public", is_flag=True, help="Allow a non-loopback --host (anyone who can reach it and has the token).")
@click.option("--no-browser", is_flag=True, help="Do not open the browser; just print the address.")
@click.option("--theme", "theme_name", default="news", show_default=True, metavar="NAME", help="Theme to start with.")
@click.option(
    "--preset", "preset_name", default="reel", show_default=True, metavar="NAME|WxH", help="Preset to start with."
)
@quiet_option
@click.pass_obj
def studio(
    obj: Context,
    folder: Path,
    port: int | None,
    host: str,
    public: bool,
    no_browser: bool,
    theme_name: str,
    preset_name: str,
) -> None:
    """Edit and export articles in FOLDER in the browser (default: the current folder).

    Prints the address with its access token (http://127.0.0.1:8765/?token=...) and opens it. Edits are saved
    as YAML in FOLDER at once; exports go to FOLDER/out/. Stop with Ctrl-C.
    """
    from ..config.presets import get_preset
    from ..config.theme import load_theme
    from ..studio.server import DEFAULT_PORT, is_loopback, serve

    load_theme(theme_name)  # a bad name is an error now, not on the first page load
    get_preset(preset_name)
    if public and not is_loopback(host):
        click.secho(
            f"warning: the studio listens on {host}: anyone who can reach this machine and has the token can read "
            "and write files in the folder",
            fg="yellow",
            err=True,
        )

    def echo(line: object) -> None:
        if not obj.quiet or str(line).startswith("open "):
            click.echo(str(line))

    with contextlib.suppress(KeyboardInterrupt):  # uvicorn stops on Ctrl-C by itself, or re-raises it once stopped
        serve(
            folder,
            host,
            DEFAULT_PORT if port is None else port,
            public=public,
            open_browser=not no_browser,
            theme=theme_name,
            preset=preset_name,
            port_given=port is not None,
            echo=echo,
        )
    if not obj.quiet:
        click.echo("studio stopped", err=True)
    click.get_current_context().exit(130)
