"""The routes of the read-only model browser (mounted with the console's own)."""

from __future__ import annotations

from starlette.routing import Route

from camunda_hub.server.console.views import about, model_files, models


def model_routes() -> list[Route]:
    """The read-only model browser: ``/orgs/{org}/…`` with the signed-in admin's organization."""
    org = "/orgs/{org}"
    return [
        Route(f"{org}/workspaces", models.workspaces_page, methods=["GET"]),
        Route(f"{org}/workspaces/{{key}}", models.workspace_page, methods=["GET"]),
        Route(f"{org}/projects/{{key}}", models.project_page, methods=["GET"]),
        Route(f"{org}/folders/{{key}}", models.folder_page, methods=["GET"]),
        Route(f"{org}/files/{{key}}", model_files.file_page, methods=["GET"]),
        Route(f"{org}/files/{{key}}/content", model_files.content, methods=["GET"]),
        Route(f"{org}/files/{{key}}/download", model_files.download, methods=["GET"]),
        Route(f"{org}/files/{{key}}/diff", model_files.diff_page, methods=["GET"]),
        Route(f"{org}/snapshots/{{key}}", model_files.snapshot_page, methods=["GET"]),
        Route(f"{org}/search", models.search_page, methods=["GET"]),
        Route(f"{org}/recently-deleted", models.deleted_page, methods=["GET"]),
        Route(f"{org}/recently-deleted/{{kind}}/{{key}}/restore", models.restore, methods=["POST"]),
        Route("/about", about.about_page, methods=["GET"]),
    ]
