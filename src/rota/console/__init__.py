"""The web console: a small vanilla-JS front end served by the same process.

`GET /` is the HTML shell; `/console/*` its scripts and styles. The console only calls the JSON
API (same auth, same permissions); it adds no endpoints and no rules of its own.
"""

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from starlette.staticfiles import StaticFiles

STATIC = Path(__file__).parent / "static"
# no inline scripts or styles anywhere: everything comes from /console/
POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


@router.get("/")
async def shell() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html", headers=HEADERS)


class _Static(StaticFiles):
    """Static files revalidated on every load (ETag), so an upgrade is seen at once."""

    def file_response(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        response = super().file_response(*args, **kwargs)
        response.headers.update({"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})
        return response


def mount(app: FastAPI) -> None:
    """Serve the console on `app`; call it after the API routers so they keep priority."""
    app.include_router(router)
    app.mount("/console", _Static(directory=STATIC), name="console")
