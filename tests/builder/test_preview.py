"""Which languages the live preview rebuilds after an edit, and the other languages' sites kept through a build
of the default language alone (which empties the site folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.preview import ChangedSources, languages_to_rebuild, other_languages_kept
from builder.site import copy_project
from builder.translations import DEFAULT_LANGUAGE, LANGUAGES

ROOT = Path("/project")
OTHER = next(language for language in LANGUAGES if language != DEFAULT_LANGUAGE)


@pytest.mark.parametrize(
    ("edited", "rebuilt"),
    [
        ([f"docs/{DEFAULT_LANGUAGE}/tensors.md"], (DEFAULT_LANGUAGE,)),
        ([f"docs/{OTHER}/tensors.md"], (OTHER,)),
        ([f"exercises/tensors/like_fill.{OTHER}.md"], (OTHER,)),
        ([f"translations/{DEFAULT_LANGUAGE}.json"], (DEFAULT_LANGUAGE,)),
        ([f"docs/{OTHER}/a.md", f"docs/{DEFAULT_LANGUAGE}/b.md"], LANGUAGES),  # in build order
        (["snippets/tensors/creation.py"], LANGUAGES),
        (["exercises/tensors/like_fill.py"], LANGUAGES),
        (["translations/languages.json"], LANGUAGES),
        (["docs/overrides/main.html"], LANGUAGES),
        (["mkdocs.yml"], LANGUAGES),
        ([f"docs/{DEFAULT_LANGUAGE}/a.md", "scripts/hooks/snippets.py"], LANGUAGES),
    ],
)
def test_an_edit_rebuilds_the_languages_it_can_change(edited: list[str], rebuilt: tuple[str, ...]) -> None:
    assert languages_to_rebuild({ROOT / path for path in edited}, ROOT) == rebuilt


def test_changed_sources_are_every_file_first_then_what_changed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    changed = ChangedSources(project)
    assert project / f"docs/{OTHER}/tensors.md" in changed()
    assert changed() == set()
    page = project / f"docs/{OTHER}/tensors.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nmore\n", encoding="utf-8")
    (project / f"docs/{OTHER}/index.md").unlink()
    assert changed() == {page, project / f"docs/{OTHER}/index.md"}


def test_other_languages_survive_a_build_that_empties_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / OTHER).mkdir(parents=True)
    (site / OTHER / "index.html").write_text("other")
    (site / "index.html").write_text("default")
    with other_languages_kept(site):
        # The build sees only its own site (its service worker lists every file), and empties it.
        assert [entry.name for entry in site.iterdir()] == ["index.html"]
        for entry in site.iterdir():
            entry.unlink()
        (site / "index.html").write_text("rebuilt")
    assert (site / OTHER / "index.html").read_text() == "other"
    assert (site / "index.html").read_text() == "rebuilt"
    assert sorted(entry.name for entry in site.iterdir()) == sorted([OTHER, "index.html"])
    assert sorted(entry.name for entry in tmp_path.iterdir()) == ["site"]
