"""The R track: every collapsed R cell of the series runs in a fresh R session on the shipped CSV and
prints the numbers the Python cells compute.

Each R cell is a markdown cell tagged ``r-track`` holding one fenced R block whose first line names it
(``# R track: anova familiarity``). The test runs the block as written with ``Rscript`` from the
repository's root, then a few lines of its own that write the block's result objects to a CSV, and
compares them value by value with the package's functions on the same data. Tolerances: 1e-9
relative where both sides compute in closed form; 1e-6 for the mixed model's Wald tests (two REML
optimizers); 1e-4 where both sides run a maximum-likelihood optimizer or a root search to its own
stopping rule (the ordinal model, power). Without ``Rscript`` or one of the
block's packages (Debian: r-base-core r-cran-afex r-cran-emmeans r-cran-lme4 r-cran-ordinal
r-cran-pwr) the block is skipped with that reason.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from mutsup_helpers import analysis as ms
from mutsup_helpers.paper.design import ITEMS, PAPER_BETWEEN, TABLE2_SPLITS, WITHIN, YEARS
from mutsup_helpers.series import is_r_track, list_notebooks

ROOT = Path(__file__).resolve().parents[1]
#: the notebooks whose analyses have an R equivalent beside them
WITH_R = {"04_h1_group_type", "05_h2_setting", "06_h3_training", "07_h4_personal_experience",
          "08_h5_years_of_experience", "09_limitations_and_discussion", "12_what_we_would_do_today"}
EXACT, OPTIMIZER = 1e-9, 1e-4
_FENCE = re.compile(r"```r\n(.*?)```", re.S)
_RSCRIPT = shutil.which("Rscript")


def _blocks() -> list[tuple[str, str, str]]:
    """(notebook, block name, R code) of every R cell of the series."""
    found = []
    for path in list_notebooks():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown" and is_r_track(cell):
                codes = _FENCE.findall(cell.source)
                assert len(codes) == 1, f"{path.name}: an R cell must hold exactly one ```r block"
                first = codes[0].splitlines()[0]
                assert first.startswith("# R track: "), f"{path.name}: the R block must start '# R track: <name>'"
                found.append((path.stem, first.removeprefix("# R track: ").strip(), codes[0]))
    return found


BLOCKS = _blocks()


def _canonical(effect: str) -> str:
    """An R effect name (``training:group_type``) as mixed_anova names it (``group_type:training``)."""
    rank = {WITHIN: 0, **{name: i + 1 for i, name in enumerate(PAPER_BETWEEN)}}
    return ":".join(sorted(effect.split(":"), key=lambda p: rank.get(p, 9)))


def _data():
    return ms.load_providers(None)


def _quiet(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


# ----------------------------------------------------------------------------- the checks, one per kind of block
# Each: the R lines that write the block's result to $MUTSUP_R_OUT, and a function comparing that table
# with the Python numbers.

def _check_anova(r: pd.DataFrame, item: str) -> None:
    table = _quiet(ms.mixed_anova, _data(), item).table.set_index("effect")
    r = r.assign(effect=r["effect"].map(_canonical)).set_index("effect").loc[table.index]
    for column in ("F", "df1", "df2", "p", "np2", "ges"):
        np.testing.assert_allclose(r[column], table[column], rtol=EXACT, err_msg=f"anova {item} {column}")


def _check_scheffe(r: pd.DataFrame, item: str) -> None:
    assert set(r["on"]) == {"difference", "ms", "twelve_step"}  # the interaction's score and the simple effects
    for on, rows in r.groupby("on"):
        pairs = _quiet(ms.scheffe, _data(), item, on=on)
        assert list(rows["level_a"]) == list(pairs["level_a"]) and list(rows["level_b"]) == list(pairs["level_b"])
        for column in ("diff", "F", "p"):
            np.testing.assert_allclose(rows[column], pairs[column], rtol=EXACT, err_msg=f"scheffe {item} {on} {column}")


def _check_ttests(r: pd.DataFrame, _: str) -> None:
    assert set(r["split"]) == set(TABLE2_SPLITS) and set(r["item"]) == set(ITEMS)
    for row in r.itertuples():
        res = ms.compare_groups(_data(), row.split, row.item)
        np.testing.assert_allclose([row.t, row.df, row.p], [res["t"], res["df"], res["p"]], rtol=EXACT,
                                   err_msg=f"t-test {row.item} by {row.split}")


def _check_correlations(r: pd.DataFrame, _: str) -> None:
    assert set(r["years"]) == set(YEARS) and set(r["method"]) == {"pearson", "spearman"}
    assert len(r) == 2 * 2 * 2 * len(ITEMS)
    for row in r.itertuples():
        res = ms.correlate(_data(), row.years, row.rating, method=row.method)
        np.testing.assert_allclose([row.r, row.n, row.p], [res["r"], res["n"], res["p"]], rtol=EXACT,
                                   err_msg=f"correlation {row.rating} x {row.years}")


def _check_anova_types(r: pd.DataFrame, item: str) -> None:
    for ss_type, rows in r.groupby("type"):
        table = _quiet(ms.mixed_anova, _data(), item, ss_type=int(ss_type)).table.set_index("effect")
        rows = rows.assign(effect=rows["effect"].map(_canonical)).set_index("effect").loc[table.index]
        for column in ("F", "p"):
            np.testing.assert_allclose(rows[column], table[column], rtol=EXACT, err_msg=f"type {ss_type} {column}")
    assert set(r["type"]) == {2, 3}


def _check_power(r: pd.DataFrame, _: str) -> None:
    table = ms.power_table(_data()).set_index("test")
    assert sorted(r["test"]) == sorted(table.index)  # every t-test and every correlation
    np.testing.assert_allclose(r["smallest"], table.loc[r["test"], "smallest_detectable"], rtol=OPTIMIZER)


def _check_mixed(r: pd.DataFrame, item: str) -> None:
    data = _data()
    available = ms.mixed_model(data, item, "available").table.set_index("effect")
    wald = r[r["model"] == "available"].assign(effect=lambda t: t["effect"].map(_canonical)).set_index("effect")
    wald = wald.loc[available.index]
    # two REML optimizers (lme4's bobyqa, statsmodels' bfgs) agree on the variances to about 1e-9
    np.testing.assert_allclose(wald["statistic"], available["chi2"], rtol=1e-6, err_msg=f"mixed {item} chi2")
    np.testing.assert_array_equal(wald["df"], available["df1"])
    np.testing.assert_allclose(wald["p"], available["p_chi2"], rtol=1e-5, atol=1e-12)
    # Kenward-Roger on the complete cases is the split-plot ANOVA: F and den df as mixed_anova
    anova = _quiet(ms.mixed_anova, data, item).table.set_index("effect")
    kr = r[r["model"] == "complete_kr"].assign(effect=lambda t: t["effect"].map(_canonical)).set_index("effect")
    kr = kr.loc[anova.index]
    np.testing.assert_allclose(kr["statistic"], anova["F"], rtol=1e-6, err_msg=f"KR {item} F")
    np.testing.assert_allclose(kr["df"], anova["df2"], rtol=1e-6)


def _check_ordinal(r: pd.DataFrame, item: str) -> None:
    python = ms.ordinal_coefficients(_data(), item)
    clm = r[r["model"] == "clm"]
    thresholds = clm["term"].str.contains("|", regex=False)
    betas = python[~python["term"].str.contains("|", regex=False)]
    # R orders the design's columns as patsy does (main effects, then interactions), so by position
    np.testing.assert_allclose(clm.loc[~thresholds, "estimate"], betas["estimate"], rtol=OPTIMIZER, atol=1e-6)
    np.testing.assert_allclose(clm.loc[~thresholds, "se"], betas["se"], rtol=OPTIMIZER)
    cuts = python.set_index("term").loc[clm.loc[thresholds, "term"], "estimate"]
    np.testing.assert_allclose(clm.loc[thresholds, "estimate"], cuts, rtol=OPTIMIZER)
    # the mixed version has no Python twin: it must fit, and agree on the direction of the group type effect
    clmm = r[r["model"] == "clmm"].set_index("term")
    assert np.isfinite(clmm["estimate"]).all() and np.isfinite(clmm["se"]).all()
    group = betas.loc[betas["term"] == "C(group_type, Sum)[S.ms]", "estimate"].iloc[0]
    assert np.sign(clmm.loc["group_type1", "estimate"]) == np.sign(group)


WRITE = 'write.csv({}, Sys.getenv("MUTSUP_R_OUT"), row.names = FALSE)'
CHECKS = {
    "anova": ('out <- anova(fit, es = c("pes", "ges"), correction = "none")\n' + WRITE.format(
        'data.frame(effect = rownames(out), F = out$F, df1 = out[["num Df"]], df2 = out[["den Df"]], '
        'p = out[["Pr(>F)"]], np2 = out$pes, ges = out$ges)'), _check_anova),
    "anova_types": ('out <- do.call(rbind, lapply(c(2, 3), function(type) { a <- anova(fits[[paste0("type_", type)]], '
                    'correction = "none"); data.frame(type = type, effect = rownames(a), F = a$F, '
                    'p = a[["Pr(>F)"]]) }))\n' + WRITE.format("out"), _check_anova_types),
    "scheffe": (WRITE.format("scheffe"), _check_scheffe),
    "table2": (WRITE.format("ttests"), _check_ttests),
    "table3": (WRITE.format("correlations"), _check_correlations),
    "power": (WRITE.format("power"), _check_power),
    "mixed": ('a <- Anova(fit, type = 3); a <- a[rownames(a) != "(Intercept)", ]; k <- anova(kr)\n' + WRITE.format(
        'rbind(data.frame(model = "available", effect = rownames(a), statistic = a$Chisq, df = a$Df, '
        'p = a[["Pr(>Chisq)"]]), data.frame(model = "complete_kr", effect = rownames(k), statistic = k$F, '
        'df = k[["den Df"]], p = k[["Pr(>F)"]]))'), _check_mixed),
    "ordinal": ('b <- coef(fit); m <- coef(mixed_fit)\n' + WRITE.format(
        'rbind(data.frame(model = "clm", term = names(b), estimate = unname(b), '
        'se = sqrt(diag(vcov(fit)))[names(b)]), data.frame(model = "clmm", term = names(m), estimate = unname(m), '
        'se = sqrt(diag(vcov(mixed_fit)))[names(m)]))'),
        _check_ordinal),
}


def test_every_analysis_notebook_has_its_r_cells_and_every_r_cell_is_checked():
    names = {notebook for notebook, _, _ in BLOCKS}
    present = {p.stem for p in list_notebooks()}
    assert WITH_R & present <= names, f"no R cell in {sorted((WITH_R & present) - names)}"
    unchecked = [f"{nb}: {name}" for nb, name, _ in BLOCKS if name.split()[0] not in CHECKS]
    assert not unchecked, f"R blocks without a check: {unchecked}"


def _missing_packages(code: str) -> list[str]:
    packages = re.findall(r"^\s*library\((\w+)\)", code, re.M)
    if not packages:
        return []
    probe = "; ".join(f'if (!requireNamespace("{p}", quietly = TRUE)) cat("{p}\\n")' for p in packages)
    out = subprocess.run([_RSCRIPT, "-e", probe], capture_output=True, text=True, check=True)
    return out.stdout.split()


@pytest.mark.skipif(_RSCRIPT is None, reason="Rscript not found (Debian: apt-get install r-base-core)")
@pytest.mark.parametrize(("notebook", "name", "code"), BLOCKS, ids=[f"{nb[:2]}-{name}" for nb, name, _ in BLOCKS])
def test_r_block_prints_the_python_numbers(notebook, name, code, tmp_path):
    missing = _missing_packages(code)
    if missing:
        pytest.skip(f"R packages missing: {', '.join(missing)} (Debian: r-cran-{' r-cran-'.join(missing)})")
    kind, _, item = name.partition(" ")
    write, check = CHECKS[kind]
    script = tmp_path / "block.R"
    script.write_text(code + "\n" + write + "\n")
    out = tmp_path / "out.csv"
    run = subprocess.run([_RSCRIPT, str(script)], cwd=ROOT, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "MUTSUP_R_OUT": str(out), "LANG": "C.UTF-8"}, timeout=300)
    assert run.returncode == 0, f"{notebook}: R block '{name}' failed:\n{run.stderr[-2000:]}"
    check(pd.read_csv(out), item)


@pytest.mark.skipif(_RSCRIPT is None, reason="Rscript not found (Debian: apt-get install r-base-core)")
def test_r_loader_has_the_codebooks_levels_in_order():
    probe = ('source("mutsup_helpers/r/providers.R"); d <- read_providers(); '
             'cat(levels(d$training), sep = ","); cat("\\n"); cat(levels(d$setting3), sep = ",")')
    run = subprocess.run([_RSCRIPT, "-e", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    codebook = json.loads((ROOT / "data" / "datapackage.json").read_text())
    enums = {f["name"]: f["constraints"]["enum"] for f in _fields(codebook) if f["name"] in ("training", "setting3")}
    assert run.stdout.splitlines() == [",".join(enums["training"]), ",".join(enums["setting3"])]


def _fields(codebook: dict) -> list[dict]:
    resources = codebook.get("resources", [codebook])
    return [f for r in resources for f in (r.get("schema") or {}).get("fields", [])]
