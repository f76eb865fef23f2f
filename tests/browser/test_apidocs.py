"""/docs and /redoc work with no network: every request to another host is refused, and both
pages still render the whole API from the assets the package serves."""

from typing import Any


def offline_page(browser: Any, base_url: str) -> tuple[Any, list[str]]:
    context = browser.new_context()
    refused: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(base_url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    return context.new_page(), refused


def test_swagger_ui_works_offline(browser: Any, base_url: str) -> None:
    page, refused = offline_page(browser, base_url)
    page.goto(f"{base_url}/docs")
    page.wait_for_selector("#operations-transfers-createTransfer", timeout=20_000)
    assert page.locator(".opblock").count() >= 80  # every operation
    assert refused == []
    page.context.close()


def test_redoc_works_offline(browser: Any, base_url: str) -> None:
    page, refused = offline_page(browser, base_url)
    page.goto(f"{base_url}/redoc")
    page.wait_for_selector("[data-section-id='operation/createTransfer']", state="attached", timeout=20_000)
    assert page.locator("[data-section-id^='operation/']").count() >= 80
    assert refused == []
    page.context.close()
