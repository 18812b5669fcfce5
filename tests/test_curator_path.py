"""The curator's path, as the README's "Curating" section gives it, with a capture no one
here wrote (FA-KES, in ``../shared/corpus/fakes``; skipped without it): `archive new`,
the TODOs it leaves refused by name, the stub filled in, `archive check --strict` and the
strict build clean, the article on the site."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT, SHARED, mkdocs_build

from generator.cli import main as cli_main

FAKES = SHARED / "corpus" / "fakes"
CAPTURE = "2016-12-19-reuters-r525.txt"
# The new outlet as the vendored FA-KES capture describes it.
REUTERS = (ROOT / "tests/fixtures/fakes/reuters-r525/additions/outlets.yml").read_text(encoding="utf-8")


@pytest.mark.skipif(not (FAKES / CAPTURE).is_file(),
                    reason=f"uses the FA-KES corpus in ../shared ({FAKES} is absent)")
def test_a_new_capture_from_another_outlet_goes_from_seeds_to_the_site(project_copy, tmp_path,
                                                                      capsys):
    root = ["--root", str(project_copy)]
    shutil.copy2(FAKES / CAPTURE, project_copy / "seeds" / CAPTURE)
    assert cli_main([*root, "new", str(project_copy / "seeds" / CAPTURE)]) == 0
    stub_path = project_copy / "content/articles" / CAPTURE.replace(".txt", ".yml")
    stub = stub_path.read_text(encoding="utf-8")
    # The suggestions: the headline, and the date the text opens with (not a caption's).
    assert 'title: "Kurd-led forces press Islamic State near Syrias Raqqa"' in stub
    assert 'date: "2016-12-19"' in stub

    capsys.readouterr()
    assert cli_main([*root, "check"]) == 1
    refused = [line for line in capsys.readouterr().out.splitlines() if "TODO" in line]
    assert [re.sub(r":\d+ ", " ", line).split(": still holds")[0] for line in refused] == [
        f"error: content/articles/{stub_path.name} [outlet]",
        f"error: content/articles/{stub_path.name} [date_basis]"]

    outlets = project_copy / "content/outlets.yml"
    outlets.write_text(outlets.read_text(encoding="utf-8") + REUTERS, encoding="utf-8")
    stub_path.write_text(re.sub(r"^outlet: TODO.*$", "outlet: reuters", stub, flags=re.M)
                         .replace('"TODO: where the date comes from"',
                                  'the text opens with "December 19 2016"'), encoding="utf-8")
    assert cli_main([*root, "check", "--strict"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == \
        "6 article(s), 6 outlet(s) checked: 0 error(s), 0 warning(s)"

    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site, "--strict")
    assert result.returncode == 0, result.stderr
    page = site / "articles" / "kurd-led-forces-press-islamic-state-near-syrias-raqqa.html"
    assert "Several villages held by" in page.read_text(encoding="utf-8")
    assert "Raqqa in six outlets" in (site / "index.html").read_text(encoding="utf-8")
