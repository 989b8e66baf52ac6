"""The lecture decks of ``mutsup slides``, opened from disk in Chromium with the network cut off.

A deck must start reveal.js from the copy beside it (no CDN), show its figures (decoded, with alt
text), step through its slides with the keyboard, draw its formulas as MathML, and ask nothing of
the network: every request that is not a ``file://`` one is recorded and fails the test.
"""

from __future__ import annotations

import pytest

from mutsup_helpers.course import build_slides

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("slides")
    return {deck.name.removesuffix(".slides.html"): deck for deck in build_slides(out)}


def test_one_deck_per_notebook_and_no_remote_source(decks):
    from mutsup_helpers.series import list_notebooks

    assert sorted(decks) == [nb.stem for nb in list_notebooks()]
    for deck in decks.values():
        text = deck.read_text(encoding="utf-8")
        assert 'src="http' not in text and 'href="http' not in text.split("<body", 1)[0], deck.name


@pytest.mark.parametrize("name", ["04_h1_group_type", "07_h4_personal_experience"])
def test_a_deck_opens_offline_and_steps_through(decks, new_page, screenshots, name):
    page = new_page(1280, 800)
    remote = []
    page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith("file:")
                                      else (remote.append(route.request.url), route.abort())))
    page.goto(decks[name].as_uri(), wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    total = page.evaluate("() => Reveal.getTotalSlides()")
    assert total >= 10, f"{name}: only {total} slides"
    assert page.evaluate("() => Reveal.getIndices().h") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 1")
    page.screenshot(path=str(screenshots / f"slides_{name}.png"))
    images = page.locator(".reveal .slides img")
    # the key tables and figures: 04 draws the value item's distributions, 07 is tables only
    assert page.locator(".reveal .slides table").count() >= 1
    assert images.count() >= (1 if name.startswith("04") else 0)
    for i in range(images.count()):
        assert images.nth(i).evaluate("el => el.complete && el.naturalWidth > 0"), f"image {i} did not decode"
        assert images.nth(i).get_attribute("alt"), f"image {i} has no alt text"
    assert remote == [], f"{name} asked the network for {remote}"


def test_formulas_are_mathml(decks, new_page):
    page = new_page(1280, 800)
    page.goto(decks["04_h1_group_type"].as_uri(), wait_until="load")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()")
    assert page.locator("math").count() >= 1
    assert "$$" not in page.locator(".reveal .slides").inner_text()
