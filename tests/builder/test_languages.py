"""The language switcher's links (builder/languages.py): the same page in every language, under any site path."""

from __future__ import annotations

import pytest

from builder.languages import absolute_alternates, language_roots, page_alternates

KOREAN_VIEW = [{"name": "한국어", "link": "", "lang": "ko"}, {"name": "English", "link": "en/", "lang": "en"}]
ENGLISH_VIEW = [{"name": "한국어", "link": "../", "lang": "ko"}, {"name": "English", "link": "", "lang": "en"}]


@pytest.mark.parametrize(
    ("site_url", "alternates"),
    [("https://example.org/basics/", KOREAN_VIEW), ("https://example.org/basics/en/", ENGLISH_VIEW)],
)
def test_each_language_links_to_the_same_page_in_both(site_url: str, alternates: list[dict[str, str]]) -> None:
    roots = language_roots(site_url, alternates)
    assert [link["href"] for link in page_alternates(roots, "tensors/")] == ["/basics/tensors/", "/basics/en/tensors/"]
    assert [link["link"] for link in absolute_alternates(site_url, roots)] == [
        "https://example.org/basics/",
        "https://example.org/basics/en/",
    ]


def test_a_config_without_site_url_or_alternates_is_refused() -> None:
    with pytest.raises(ValueError, match=r"set site_url and extra\.alternate"):
        language_roots(None, KOREAN_VIEW)
    with pytest.raises(ValueError, match=r"set site_url and extra\.alternate"):
        language_roots("https://example.org/", [])
