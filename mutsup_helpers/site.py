"""The series as a static website: ``mutsup site --out build/site`` (Jupyter Book 1, on Sphinx).

The site is built from the notebooks as stored, with their outputs: nothing is executed (the
outputs are those ``mutsup run`` and the nbval suite check). Each page is one notebook, in reading
order, after a contents page; the theme gives navigation and a search that works offline. What
changes on the way, on temporary copies only:

* solution cells (tag ``solution``) are collapsed behind a "show" control: code cells by
  Jupyter Book's ``hide-cell`` tag, markdown cells inside a dropdown;
* each figure keeps its alt text (stored in the output's metadata; myst-nb reads alt text only
  from cell metadata, so :func:`setup` puts it on each image by the image's content hash);
* formulas are written as MathML at build time (Chromium and screen readers read it natively),
  so no page loads MathJax from a CDN: the site needs no network when it is viewed;
* the explorers (widgets) need a kernel: on the site they show their settings, and the
  contents page says where to run them.

This module is also the Sphinx extension that does the last three (named in the book's
``_config.yml``). Used by ``mutsup site``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from .series import is_solution, list_notebooks

TITLE = "mutsup: a teaching replication of Chinman et al. (2002)"
HIDE_TAG = "hide-cell"  # Jupyter Book's tag: input and output collapsed behind a toggle
BUILD_TIMEOUT = 900


def build_site(out: Path, folder: Path | None = None) -> Path:
    """Write the site of the series (``folder``: default the installed series) into ``out``.

    Returns the contents page (``out/index.html``). Raises ``RuntimeError`` with Sphinx's log
    when the build fails.
    """
    out = Path(out)
    sources = list_notebooks(folder)
    with tempfile.TemporaryDirectory(prefix="mutsup-site-") as tmp:
        book = Path(tmp) / "book"
        write_book(book, sources)
        argv = [_jupyter_book(), "build", str(book), "--path-output", tmp, "--builder", "html", "--quiet"]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        html = Path(tmp) / "_build" / "html"
        if done.returncode != 0 or not (html / "index.html").is_file():
            raise RuntimeError(f"jupyter-book build failed ({done.returncode}):\n{(done.stdout + done.stderr)[-4000:]}")
        # into the folder, never replacing it: --out may hold other files of the user's
        shutil.copytree(html, out, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"), dirs_exist_ok=True)
    return out / "index.html"


def _jupyter_book() -> str:
    beside = Path(sys.executable).parent / "jupyter-book"  # the one installed with this package
    found = str(beside) if beside.exists() else shutil.which("jupyter-book")
    if not found:
        raise FileNotFoundError("jupyter-book is not installed (it comes with: pip install -e .)")
    return found


def write_book(book: Path, sources: list[Path]) -> None:
    """The Jupyter Book source: config, table of contents, contents page and prepared notebook copies."""
    book.mkdir(parents=True)
    chapters = []
    for source in sources:
        nb = nbformat.read(source, as_version=4)
        title, purpose = _title_and_purpose(nb, source.stem)
        nbformat.write(_prepared(nb), book / source.name)
        chapters.append((source.stem, title, purpose))
    (book / "_config.yml").write_text(json.dumps(_config(), indent=1), encoding="utf-8")  # JSON is YAML
    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": stem} for stem, _, _ in chapters]}
    (book / "_toc.yml").write_text(json.dumps(toc, indent=1), encoding="utf-8")
    (book / "index.md").write_text(_contents_page(chapters), encoding="utf-8")


def _prepared(nb):
    """A copy to publish: solutions collapsed. Widget views stay; without a kernel they show their text form."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # deep copy
    for cell in nb.cells:
        if not is_solution(cell):
            continue
        if cell.cell_type == "code":
            tags = cell.metadata.setdefault("tags", [])
            if HIDE_TAG not in tags:
                tags.append(HIDE_TAG)
        else:  # myst-nb hides code cells only: a markdown solution goes inside a dropdown (<details>)
            cell.source = f"::::{{dropdown}} Worked solution\n{cell.source}\n::::"
    return nb


def _title_and_purpose(nb, fallback: str) -> tuple[str, str]:
    """The notebook's H1 and the paragraph under it (its one-line purpose), from its first markdown cell."""
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    title = re.search(r"^#\s+(.+)$", first, flags=re.M)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", first) if p.strip()]
    purpose = next((p for p in paragraphs if not p.startswith(("#", ">"))), "")
    return (title[1].strip() if title else fallback), " ".join(purpose.split())


def _contents_page(chapters: list[tuple[str, str, str]]) -> str:
    lines = [
        f"# {TITLE}",
        "",
        "An open teaching replication of Chinman, Kloos, O'Connell & Davidson (2002), *Service providers' "
        "views of psychiatric mutual support groups*, Journal of Community Psychology 30(4), 349-366 "
        "(doi:10.1002/jcop.10010), one notebook per section of the paper.",
        "",
        "> **The data are synthetic.** The paper's raw data were never published. The 421 respondents here "
        "were rebuilt so that they reproduce the paper's printed statistics; no real person's answers are in them.",
        "",
        "These pages show the notebooks as they were last run. Worked solutions are collapsed: open them "
        "with their *Show* control once you have tried the exercise. The explorers (widgets) need a running "
        "Python: open the notebooks in JupyterLab, serve `notebooks/explorer.ipynb` with Voilà, or launch "
        "the repository on Binder (see the README).",
        "",
        "## Contents",
        "",
    ]
    lines += [f"1. [{title}]({stem}.ipynb): {purpose}" for stem, title, purpose in chapters]
    return "\n".join(lines) + "\n"


def _config() -> dict:
    return {
        "title": TITLE,
        "author": "The mutsup replication team",
        "copyright": "2026",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "**.ipynb_checkpoints"],
        "execute": {"execute_notebooks": "off"},  # the stored outputs are the ones the tests checked
        "html": {"use_repository_button": False, "use_issues_button": False, "use_edit_page_button": False,
                 "home_page_in_navbar": True},
        "launch_buttons": {"binderhub_url": "", "jupyterhub_url": "", "thebe": False, "colab_url": "",
                           "deepnote_url": ""},
        "repository": {"url": ""},
        "sphinx": {
            "extra_extensions": ["sphinx_design", __name__],
            "config": {
                "html_math_renderer": "mathml",  # registered by setup(): no MathJax from a CDN
                "nb_ipywidgets_js": {},  # no widget manager from a CDN: the widgets have no kernel here
                # only solutions are hidden, so the toggle can say what it opens
                "nb_code_prompt_show": "Show the worked solution ({type})",
                "nb_code_prompt_hide": "Hide the worked solution ({type})",
                "html_show_sphinx": False,
                "html_theme_options": {"use_download_button": False, "use_fullscreen_button": False},
            },
        },
    }


# ----------------------------------------------------------------------------- the Sphinx extension


def setup(app):
    """Sphinx extension: MathML formulas, and each notebook figure's alt text on its <img>."""
    app.add_html_math_renderer("mathml", inline_renderers=(_inline_math, None),
                               block_renderers=(_block_math, None))
    app.connect("doctree-read", _put_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def _inline_math(self, node):
    from docutils import nodes
    from latex2mathml.converter import convert

    self.body.append(convert(node.astext(), display="inline"))
    raise nodes.SkipNode


def _block_math(self, node):
    from docutils import nodes
    from latex2mathml.converter import convert

    self.body.append(f'<div class="math">{convert(node.astext(), display="block")}</div>')
    raise nodes.SkipNode


def figure_alt_texts(notebooks: list[Path]) -> dict[str, str]:
    """``{sha256 of the PNG: alt text}`` of every figure stored in ``notebooks`` (myst-nb names images so)."""
    found = {}
    for path in notebooks:
        for cell in nbformat.read(path, as_version=4).cells:
            for output in cell.get("outputs", []):
                png, alt = output.get("data", {}).get("image/png"), output.get("metadata", {}).get("image/png", {})
                if png and alt.get("alt"):
                    found[hashlib.sha256(base64.b64decode(png)).hexdigest()] = alt["alt"]
    return found


def _put_alt_text(app, doctree) -> None:
    from docutils import nodes

    source = Path(app.env.doc2path(app.env.docname))
    if source.suffix != ".ipynb":
        return
    alts = figure_alt_texts([source])
    for image in doctree.findall(nodes.image):
        alt = alts.get(Path(image["uri"]).stem)
        if alt:
            image["alt"] = alt
