"""Where a command's jobs run: local processes, or the workers of a Dask cluster, both
behind the one `concurrent.futures.Executor` interface."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from dossierkit.errors import fail

if TYPE_CHECKING:
    from concurrent.futures import Executor

# The cluster to use when --cluster is not given.
CLUSTER_VARIABLE = "DOSSIER_CLUSTER"
# How long to wait for the scheduler before saying it cannot be reached.
CONNECT_SECONDS = 10


def cluster_address(option: str | None) -> str | None:
    return option or os.environ.get(CLUSTER_VARIABLE, "").strip() or None


@contextmanager
def executor(workers: int, cluster: str | None = None) -> Iterator[Executor]:
    """Local processes (layout is CPU-bound Python: threads would take turns on one core),
    or the cluster whose scheduler listens at `cluster`."""
    address = cluster_address(cluster)
    if address is None:
        # Imported here: `dossier build` asks cluster_address first, before knowing it builds.
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield pool
        return
    client = _connect(address)
    try:
        # Not pure: Dask would otherwise keep the result of a job it has seen before.
        with client.get_executor(pure=False) as pool:
            yield pool
    finally:
        client.close()


def _connect(address: str):
    where = "--cluster" if os.environ.get(CLUSTER_VARIABLE, "").strip() != address else CLUSTER_VARIABLE
    try:
        from distributed import Client
    except ImportError:
        raise fail(where, "building on a cluster needs Dask distributed",
                   hint="install it with pip install 'dossierkit[cluster]'") from None
    try:
        return Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except Exception:  # noqa: BLE001 — Dask raises OSError, TimeoutError or ValueError here
        raise fail(where, f"cannot reach a Dask scheduler at {address}",
                   hint="start one with `dask scheduler` and give its address, "
                   "like tcp://HOST:8786") from None
