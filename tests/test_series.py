"""Running the series headless: in reading order, in parallel, quietly, and with the reason a notebook stopped."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from mutsup_helpers.cli import main
from mutsup_helpers.series import run_series


def _notebook(folder, name, *sources):
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / name)


def _toy_series(tmp_path):
    folder = tmp_path / "series"
    folder.mkdir()
    _notebook(folder, "01_slow.ipynb", "import time; time.sleep(1.5)", "print('one')")
    _notebook(folder, "02_fails.ipynb", "1 / 0")
    _notebook(folder, "03_fast.ipynb", "print('three')")
    return folder


def test_parallel_run_keeps_reading_order_and_names_the_error(tmp_path, capfd):
    folder = _toy_series(tmp_path)
    results = run_series(tmp_path / "out", folder=folder, jobs=2)
    assert [r.notebook for r in results] == ["01_slow", "02_fails", "03_fast"]
    assert [r.status for r in results] == ["ok", "failed: ZeroDivisionError: division by zero", "ok"]
    assert all(r.html is not None and r.html.is_file() for r in results)
    executed = nbformat.read(tmp_path / "out" / "01_slow.ipynb", as_version=4)
    assert executed.cells[1].outputs[0]["text"] == "one\n"
    said = capfd.readouterr()
    assert "without encryption" not in said.err + said.out  # kernels talk over IPC, not TCP
    assert "KeyboardInterrupt" not in said.err + said.out


def test_a_finished_kernel_is_shut_down_without_the_interrupt_jupyter_client_sends_first(monkeypatch):
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from jupyter_client.manager import AsyncKernelManager

    from mutsup_helpers.series import _IPCKernelManager

    sent = []

    async def interrupt(self):
        sent.append(self.shutting_down)

    monkeypatch.setattr(AsyncKernelManager, "_async_interrupt_kernel", interrupt)
    manager = _IPCKernelManager(kernel_name="python3")
    for shutting_down in (True, False):
        manager.shutting_down = shutting_down
        # in a thread of its own: earlier tests (nbval, widgets) may leave a loop running in this one
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, manager._async_interrupt_kernel()).result()
    assert sent == [False]  # an interrupt asked for while running still goes through


def test_run_prints_aligned_status_lines_and_the_reason_below(tmp_path, capsys, monkeypatch):
    from mutsup_helpers import series

    folder = _toy_series(tmp_path)
    monkeypatch.setattr(series, "list_notebooks", lambda folder_=None: sorted(folder.glob("*.ipynb")))
    main(["run", "--out", str(tmp_path / "out"), "-j", "2"])
    lines = capsys.readouterr().out.splitlines()
    status = [line for line in lines if line.startswith(("ok ", "FAILED "))]
    assert [line.split()[0] for line in status] == ["ok", "FAILED", "ok"]
    assert len({line.index(" s  ") for line in status}) == 1  # the seconds line up
    failed = lines.index(status[1])
    assert lines[failed + 1].strip() == "ZeroDivisionError: division by zero"


def test_jobs_must_be_a_positive_whole_number(capsys):
    for bad in ("0", "two"):
        try:
            main(["run", "-j", bad])
        except SystemExit as stop:
            assert stop.code == 2
        assert "must be a whole number of at least 1" in capsys.readouterr().err
