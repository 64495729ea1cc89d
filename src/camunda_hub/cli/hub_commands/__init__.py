"""``camunda-hub`` commands that talk to a Hub API as a client: ``token``, the resource
commands, ``push`` and ``pull``. They use only the SDK (httpx, typer, rich) — never server code."""
