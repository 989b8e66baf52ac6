"""Real-browser fixtures: Debian Chromium driven by Playwright, JupyterLab and Voilà servers.

Every server is started by a fixture on a free 127.0.0.1 port (``port_retries=0``) and
stopped by the fixture's finalizer through its own PID, also when a test fails; kernels it
left behind are ended by their PIDs too. Nothing is written into ``notebooks/`` or ``data/``:
the servers work on a temporary copy of the notebooks they open. Screenshots go to
``build/screenshots/``.

The tests are skipped (with the reason) only when ``/usr/bin/chromium`` or the ``playwright``
package is missing; ``playwright install`` is never needed.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

from mutsup_helpers.paths import data_file

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT = 60.0


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real browser (Chromium via Playwright) against live servers")


# --------------------------------------------------------------------------- prerequisites


def _require_browser() -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is missing (pip install playwright)")


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the session."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    try:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except BaseException:
        driver.stop()
        raise
    yield browser
    browser.close()
    driver.stop()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)  # new_page reads it to keep a picture of a failure
    return report


@pytest.fixture
def new_page(chromium, request):
    """A factory of fresh pages (own context each); closed after the test, screenshotted first if it failed."""
    contexts, pages = [], []

    def make(width: int = 1400, height: int = 1000):
        context = chromium.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(30_000)
        contexts.append(context)
        pages.append(context.new_page())
        return pages[-1]

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(pages):
            try:
                page.screenshot(path=SCREENSHOTS / f"FAILED_{request.node.name}_{i}.png")
            except Exception:  # a crashed page: the report already has the error
                pass
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# --------------------------------------------------------------------------- data and notebooks


@dataclass(frozen=True)
class DataChoice:
    path: Path  # the CSV the kernels and the test both read
    shipped: bool  # True: data/providers.csv (the notebooks run unchanged)


@pytest.fixture(scope="session")
def data_choice(tmp_path_factory) -> DataChoice:
    """The shipped data if it exists, else a valid random stand-in that follows the codebook."""
    shipped = data_file("providers.csv")
    if shipped.is_file():
        return DataChoice(shipped, True)
    from tests._valid_csv import write_valid

    return DataChoice(write_valid(tmp_path_factory.mktemp("standin"), n=421, seed=5), False)


@pytest.fixture(scope="session")
def data(data_choice):
    from mutsup_helpers.data.load import load_providers

    return load_providers(data_choice.path)


def copy_notebook(source: Path, folder: Path, data_choice: DataChoice) -> Path:
    """Copy a notebook into ``folder``; point its parameters cell at the stand-in data if needed."""
    nb = nbformat.read(source, as_version=4)
    if not data_choice.shipped:
        cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
        assert len(cells) == 1, f"{source.name}: expected one parameters cell"
        lines = cells[0].source.splitlines()
        lines = [f"DATA_PATH = {str(data_choice.path)!r}" if ln.startswith("DATA_PATH") else ln for ln in lines]
        cells[0].source = "\n".join(lines)
    target = folder / source.name
    nbformat.write(nb, target)
    return target


@pytest.fixture(scope="session")
def notebook_copies(tmp_path_factory, data_choice) -> Path:
    """A temporary notebooks folder (the servers' root): 05 and the explorer, never the originals."""
    folder = tmp_path_factory.mktemp("notebooks")
    for name in ("05_h2_setting.ipynb", "explorer.ipynb"):
        copy_notebook(NOTEBOOKS / name, folder, data_choice)
    return folder


# --------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def descendants(pid: int) -> list[int]:
    """PIDs of every process below ``pid`` (kernels a server started), from /proc."""
    tree, found, todo = _children(), [], [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@dataclass
class Server:
    """A server process this test session started, known by its own PID."""

    name: str
    argv: list[str]
    port: int
    env: dict
    log: Path
    process: subprocess.Popen | None = None
    kernels: set[int] = field(default_factory=set)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        return self.process.pid

    def start(self, ready_path: str | None) -> None:
        with self.log.open("ab") as log:
            # argv[0] is this Python and the module is the server itself: Popen's PID is the server's PID.
            self.process = subprocess.Popen(
                self.argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=self.env
            )
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            if self._ready(ready_path):
                return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready after {SERVER_START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def _ready(self, path: str | None) -> bool:
        if path is None:  # a TCP connect only: a GET would already start Voilà's kernel
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                return False
        try:
            with urllib.request.urlopen(self.base + path, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def note_kernels(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.kernels.update(descendants(self.pid))

    def stop(self, shutdown_url: str | None = None) -> None:
        """Ask politely (REST shutdown), then SIGTERM, then SIGKILL, always by PID; then orphaned kernels."""
        if self.process is None:
            return
        self.note_kernels()
        if self.process.poll() is None and shutdown_url:
            try:
                urllib.request.urlopen(urllib.request.Request(shutdown_url, method="POST"), timeout=5).close()
                self.process.wait(timeout=15)
            except (urllib.error.URLError, OSError, subprocess.TimeoutExpired):
                pass
        if self.process.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        leftovers = [pid for pid in sorted(self.kernels) if alive(pid)]
        for pid in leftovers:
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in leftovers) and time.monotonic() < deadline:
            time.sleep(0.1)
        for pid in leftovers:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


def isolated_env(home: Path) -> dict:
    """Jupyter's per-user folders in a temporary place: no user config, no stale runtime files."""
    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ]:
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env.pop("JUPYTER_PLATFORM_DIRS", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _start_with_retries(make, ready_path_of, attempts: int = 3) -> Server:
    """Start on a free port; if another process took the port meanwhile, try a new one."""
    error = None
    for _ in range(attempts):
        server = make(free_port())
        try:
            server.start(ready_path_of(server))
            return server
        except RuntimeError as exc:
            error = exc
            server.stop()
    raise error


@dataclass(frozen=True)
class Lab:
    server: Server
    token: str
    root: Path

    def url(self, path: str) -> str:
        return f"{self.server.base}/{path.lstrip('/')}?token={self.token}"


@pytest.fixture(scope="session")
def jupyterlab(tmp_path_factory, notebook_copies):
    """JupyterLab 4 on 127.0.0.1 with a token, rooted at the temporary notebooks folder."""
    _require_browser()
    home = tmp_path_factory.mktemp("lab-home")
    settings = home / "user-settings"
    notification = settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    (home / "workspaces").mkdir()
    token = secrets.token_hex(16)
    env = isolated_env(home)

    def make(port: int) -> Server:
        argv = [
            sys.executable, "-m", "jupyterlab",
            "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={notebook_copies}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={home / 'workspaces'}",
        ]  # fmt: skip
        return Server("JupyterLab", argv, port, env, home / "jupyterlab.log")

    server = _start_with_retries(make, lambda s: f"/api/status?token={token}")
    lab = Lab(server, token, notebook_copies)
    yield lab
    server.stop(shutdown_url=lab.url("/api/shutdown"))


@pytest.fixture(scope="session")
def voila(tmp_path_factory, notebook_copies):
    """``voila explorer.ipynb`` on 127.0.0.1 (code cells hidden, Voilà's default)."""
    _require_browser()
    home = tmp_path_factory.mktemp("voila-home")
    env = isolated_env(home)
    notebook = notebook_copies / "explorer.ipynb"

    def make(port: int) -> Server:
        argv = [
            sys.executable, "-m", "voila", str(notebook),
            "--no-browser",
            "--Voila.ip=127.0.0.1", f"--Voila.port={port}", "--Voila.port_retries=0",
            "--VoilaConfiguration.extension_denylist=jupyterlab-jupytext",
        ]  # fmt: skip
        return Server("Voila", argv, port, env, home / "voila.log")

    server = _start_with_retries(make, lambda s: None)
    yield server
    server.stop()


# --------------------------------------------------------------------------- reading the page


TABLE_JS = """
table => {
  const cells = row => [...row.children].map(c => c.textContent.trim());
  return {
    header: cells(table.querySelector('thead tr')),
    rows: [...table.querySelectorAll('tbody tr')].map(cells),
  };
}
"""


def read_f_column(table_locator) -> dict[str, float]:
    """``{effect: F}`` as printed in a rendered ANOVA table (pandas ``to_html``)."""
    parsed = table_locator.evaluate(TABLE_JS)
    header = parsed["header"]
    effect, f = header.index("effect"), header.index("F")
    return {row[effect]: float(row[f]) for row in parsed["rows"]}


def expected_f(data, item: str, between: tuple[str, ...]) -> dict[str, float]:
    from mutsup_helpers.stats.anova import mixed_anova

    table = mixed_anova(data, item, between=between, ss_type=3).table
    return dict(zip(table["effect"], table["F"].astype(float), strict=True))


def matches(shown: dict[str, float], expected: dict[str, float], decimals: int = 4) -> bool:
    """Same effects, and every printed F is the helper's F at the printed precision."""
    if set(shown) != set(expected):
        return False
    half_unit = 0.5 * 10**-decimals + 1e-9
    return all(abs(shown[e] - expected[e]) <= half_unit for e in expected)


def wait_for_table(table_locator, expected: dict[str, float], timeout: float = 30.0) -> dict[str, float]:
    """Poll the rendered table until it shows ``expected``; return what it shows at the end."""
    deadline = time.monotonic() + timeout
    shown: dict[str, float] = {}
    while time.monotonic() < deadline:
        try:
            shown = read_f_column(table_locator)
        except Exception:  # the Output widget is between clear and redraw
            shown = {}
        if matches(shown, expected):
            return shown
        time.sleep(0.1)
    return shown


def assert_images_loaded(locator) -> int:
    """Every <img> under ``locator`` is visible and decoded; return how many there are."""
    count = locator.count()
    for i in range(count):
        img = locator.nth(i)
        img.scroll_into_view_if_needed()
        assert img.is_visible(), f"image {i} is not visible"
        assert img.evaluate("el => el.complete && el.naturalWidth > 0"), f"image {i} did not decode"
    return count
