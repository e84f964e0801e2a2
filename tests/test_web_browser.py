"""The web pages in real headless Chromium (Debian's package, driven by Playwright) against the
real server on a real store holding the founding article and a hostile one."""

from __future__ import annotations

import json

pytest_plugins = ("store_fixtures", "web_fixtures")

PIECES = """() => {
  const out = {};
  for (const el of document.querySelectorAll("mark.st")) {
    const a = el.dataset.a, s = el.dataset.span;
    out[a] = out[a] || {};
    out[a][s] = (out[a][s] || "") + el.textContent;
  }
  return out;
}"""


def _by_start(record: dict) -> list[str]:
    return [a["id"] for a in sorted(record["attributions"], key=lambda a: a["content"][0]["start"])]


def test_each_highlight_is_exactly_its_content_span(page, server, founding_record) -> None:
    page.goto(server + "/documents/1")
    pieces = page.evaluate(PIECES)
    expected = {
        a["id"]: {str(i): span["text"] for i, span in enumerate(a["content"])}
        for a in founding_record["attributions"]
    }
    assert len(expected) == 19
    assert pieces == expected


def test_keyboard_reaches_every_statement_and_focus_shows_the_account(
    page, server, founding_record
) -> None:
    page.goto(server + "/documents/1")
    focused: list[str] = []
    for _ in range(120):
        page.keyboard.press("Tab")
        current = page.evaluate(
            "() => document.activeElement.matches('mark.st') ? document.activeElement.id : null"
        )
        if current:
            focused.append(current)
        if current == "a7":
            card = page.locator("#card")
            assert card.is_visible()
            assert card.get_attribute("data-for") == "a7"
            assert card.locator(".name").inner_text() == "Vladimir Putin"
            assert card.locator(".title").inner_text() == ", Russian President"
            assert card.locator(".country").inner_text() == "(RUS)"
            assert card.locator(".kind").inner_text() == "mixed: quoted in part"
            assert card.locator(".addressee").inner_text() == "Olaf Scholz"
            assert card.locator(".chain li").all_inner_texts() == [
                "Vladimir Putin",
                "as given by Russian government (“the Kremlin”)",
                "as reported by RT",
            ]
        if len(focused) == 19:
            break
    assert focused == _by_start(founding_record)
    page.keyboard.press("Escape")
    assert not page.locator("#card").is_visible()


def test_hover_on_a_nested_statement_shows_its_chain(page, server) -> None:
    page.goto(server + "/documents/1")
    outer = page.locator("#a15").bounding_box()
    inner = page.locator("#a16")
    assert inner.evaluate("el => el.parentElement.closest('mark.st').dataset.a") == "a15"
    inner.hover()
    card = page.locator("#card")
    assert card.is_visible() and outer is not None
    assert card.locator(".name").inner_text() == "Olaf Scholz"
    assert card.locator(".chain li").all_inner_texts() == [
        "Olaf Scholz",
        "as given by German government (“German officials”)",
        "as reported by RT",
    ]
    # The side list shows the same nesting: a16 inside a15's entry.
    assert page.locator("#info-a15 > ol.nested > #info-a16").count() == 1


def test_events_sections_and_marks_are_in_words(page, server) -> None:
    page.goto(server + "/documents/1")
    assert page.locator(".blk.headline .sec").inner_text() == "HEADLINE"
    assert page.locator(".blk.caption .sec").inner_text() == "CAPTION"
    v1 = page.locator("#info-v1")
    assert v1.locator("strong").inner_text() == "CONSULT"
    text = v1.inner_text()
    for words in ("(phone)", "“spoke”", "Olaf Scholz", "Vladimir Putin", "2024-11-15 (day)"):
        assert words in text
    assert "basis: relative, from “Friday”" in text
    assert page.locator("#v1-trigger").inner_text() == "spoke"
    label = page.locator("#a7").evaluate("el => getComputedStyle(el, '::before').content")
    assert label == '"a7 · Vladimir Putin · mixed"'
    assert page.locator("#a6 .q").count() == 1  # the quoted part of a6 is marked as quoted


def test_the_hostile_article_runs_nothing(page, server) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/documents/2")
    page.locator("mark.st").first.hover()
    page.locator("#a4").hover()  # the text that holds <b onmouseover=...>
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert page.locator("main script, main img, main b, main i, main textarea").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    shown = page.locator("main").inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in shown
    assert '<img src=x onerror="window.__pwned = 2; alert(2)">' in shown
    assert '<a href="javascript:window.__pwned=3">the official page</a>' in shown
    assert "</textarea><script>window.__pwned = 4</script>" in shown
    assert "javascript:window.__pwned=8" in shown  # the stored URL, as text
    assert page.title() == "<script>window.__pwned = 7</script>Hostile <i>title</i> · onrecord"


def test_a_pasted_hostile_text_runs_nothing(page, server) -> None:
    from web_fixtures import HOSTILE

    text = json.loads(HOSTILE.read_text(encoding="utf-8"))["text"]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(server + "/analyze")
    page.fill("#paste-text", text)
    page.fill("input[name=published]", "2024-11-18")
    page.click("form.paste button")
    page.wait_for_selector("mark.st", timeout=120_000)
    assert page.locator(".notice").inner_text() == "Analysed on this server; not stored."
    assert page.evaluate("() => window.__pwned") is None
    assert dialogs == []
    assert page.locator("article script, article img, article b").count() == 0
    assert page.locator("#paste-text").input_value() == text  # </textarea> stayed inside
    assert "</textarea><script>window.__pwned = 4</script>" in page.locator("article").inner_text()


def test_search_highlights_the_matched_words(page, server) -> None:
    page.goto(server + "/")
    page.fill("#nav-q", "negotiations")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=negotiations")
    hits = page.locator(".results mark.hit").all_inner_texts()
    assert sorted(hits) == ["negotiate", "negotiate", "negotiations"]
    link = page.locator(".result a[href*='#a9']")
    assert link.get_attribute("href") == "/documents/1#a9"


def test_pages_read_without_javascript(browser, server) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + "/documents/1")
        assert page.locator("#info-a7 .chain li").all_inner_texts() == [
            "Vladimir Putin",
            "as given by Russian government (“the Kremlin”)",
            "as reported by RT",
        ]
        assert page.locator("#a7").get_attribute("title") == "Vladimir Putin (mixed): see a7"
        assert not page.locator("#card").is_visible()
        page.goto(server + "/speakers/Vladimir%20Putin")
        assert page.locator("h1").inner_text() == "Vladimir Putin"
        assert page.locator(".result").count() == 6
        page.goto(server + "/timeline?actor=Putin&actor=Scholz")
        assert page.locator(".timeline .result").count() == 4
    finally:
        context.close()


def test_works_at_360_pixels(browser, server) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        for path in ("/documents/1", "/search?q=crisis", "/speakers", "/speakers/Olaf%20Scholz"):
            page.goto(server + path)
            assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, path
    finally:
        context.close()


def test_api_reference_works_offline(page, server) -> None:
    requested: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() == 11
    assert errors == []
    assert requested and all(url.startswith(server + "/") for url in requested)
