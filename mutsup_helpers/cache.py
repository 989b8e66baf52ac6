"""Results remembered across kernels, on disk, for work that does not change unless the code or the worlds do.

Every notebook labels its tables and figures with their provenance across the ensemble of rebuilds
(``data/worlds``): loading the worlds and computing each statistic in each of them costs seconds per
notebook. The result depends only on the package's code, the data files it reads and the statistic, so
it is stored under a key made of all three and reused by the next kernel.

- The key of an entry holds the *fingerprint*: a sha256 of every ``.py`` file of the package and of
  the files in ``data/`` that the statistics read (codebook, registry, worlds manifest). Any change to
  the code or the data gives other keys; old entries are never read again.
- The folder is ``$MUTSUP_CACHE`` if set, else ``$XDG_CACHE_HOME/mutsup`` (``~/.cache/mutsup``); never
  inside ``data/``. ``MUTSUP_CACHE=off`` turns the cache off. A folder that cannot be written is the
  same as no cache: the result is computed, never an error.
- Entries are written atomically (a temporary file, then ``os.replace``), so parallel kernels (pytest
  workers) never read half a file. Only this package writes them, and only this package's results are
  read back (pickles): nothing from a user's data is stored, only statistics of the shipped worlds.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

from .paths import data_dir

__all__ = ["cache_dir", "fingerprint", "remember_on_disk", "stable_key"]

PACKAGE = Path(__file__).resolve().parent
#: The data files a statistic of the worlds depends on, besides the world files (whose checksums the
#: manifest holds).
DATA_FILES = ("datapackage.json", "published_results.yaml", "providers.csv", "worlds/manifest.json")


#: Libraries whose results the statistics depend on: their versions are in the fingerprint, so their
#: functions are named by module and name alone.
_LIBRARIES = ("numpy", "pandas", "scipy", "pingouin", "statsmodels", "matplotlib", "seaborn")
_FINGERPRINTED = {"mutsup_helpers", *_LIBRARIES}


def _version(library: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(library)
    except PackageNotFoundError:
        return "(absent)"


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get("MUTSUP_CACHE")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "no") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mutsup"


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """A sha256 of the package's code and of the data files statistics read (computed once per process)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library} {_version(library)}".encode())
    for name in DATA_FILES:
        path = data_dir() / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"(absent)")
    return digest.hexdigest()


def stable_key(obj, _depth: int = 0) -> str | None:
    """A text that names ``obj`` the same way in every kernel, or None when there is none.

    Functions are named by module, name and source code (a lambda in a notebook cell by its source),
    with the values of the global names and closure variables the code uses (a lambda that reads a
    notebook variable ``item`` is another function when ``item`` changes); containers by their items;
    other objects by ``repr`` unless it holds a memory address.
    """
    if isinstance(obj, (list, tuple)):
        parts = [stable_key(o, _depth) for o in obj]
        return None if None in parts else f"{type(obj).__name__}({', '.join(parts)})"
    if isinstance(obj, dict):
        parts = [(stable_key(k, _depth), stable_key(v, _depth))
                 for k, v in sorted(obj.items(), key=lambda kv: repr(kv[0]))]
        return None if any(None in p for p in parts) else "{" + ", ".join(f"{k}: {v}" for k, v in parts) + "}"
    if inspect.ismethod(obj):
        inner = stable_key(obj.__func__)
        owner = stable_key(obj.__self__)
        return None if inner is None or owner is None else f"{owner}.{inner}"
    if inspect.isfunction(obj) or hasattr(obj, "__wrapped__"):
        return _function_key(obj, _depth)
    if inspect.ismodule(obj):
        return f"module {obj.__name__}"
    text = repr(obj)
    return None if " at 0x" in text or "object at" in text else text


def _function_key(fn, depth: int) -> str | None:
    """Code (or, for the package and the pinned libraries, module and name), closures and defaults."""
    if depth > 3:
        return None
    target = inspect.unwrap(fn)
    module = getattr(target, "__module__", "") or ""
    code = getattr(target, "__code__", None)
    used = []
    if module.split(".")[0] in _FINGERPRINTED:  # its code (or its library's version) is in the fingerprint
        body = f"{module}.{target.__qualname__}"
    else:
        try:
            source = inspect.getsource(target)
        except (OSError, TypeError):
            return None
        # the bytecode too: two lambdas on one line share their source
        body = f"{module}.{target.__qualname__}:{source}|" + (
            code.co_code.hex() + repr([c for c in code.co_consts if not inspect.iscode(c)]) if code else "")
        if code is not None:
            names = set(code.co_names)
            for const in code.co_consts:  # names used by nested lambdas and comprehensions
                if inspect.iscode(const):
                    names |= set(const.co_names)
            scope = getattr(target, "__globals__", {})
            for name in sorted(n for n in names if n in scope and not n.startswith("__")):
                key = stable_key(scope[name], depth + 1)
                if key is None:
                    return None
                used.append(f"{name}={key}")
    # closures and defaults even for the package's own functions: a lambda made in a method differs by them
    for name, cell in zip(code.co_freevars if code else (), target.__closure__ or (), strict=False):
        key = stable_key(cell.cell_contents, depth + 1)
        if key is None:
            return None
        used.append(f"{name}={key}")
    defaults = stable_key(list(getattr(target, "__defaults__", None) or ()), depth + 1)
    if defaults is None:
        return None
    return f"{body}|{';'.join(used)}|{defaults}"


def remember_on_disk(kind: str, key: str | None, compute: Callable[[], object]):
    """``compute()``'s result, read from the cache when ``key`` (with the fingerprint) was stored before.

    ``key`` None (nothing stable to name the work by) or the cache off: computed every time.
    """
    folder = cache_dir()
    if key is None or folder is None:
        return compute()
    name = hashlib.sha256(f"{fingerprint()}\n{kind}\n{key}".encode()).hexdigest()
    path = folder / kind / f"{name}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    result = compute()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only home: no cache, same result
    return result
