"""Scale-out on a Dask distributed cluster: ingest into a store, or analyse into shard files.

>>> from onrecord.store import ingest, open_store
>>> with open_store("onrecord.db") as store:
...     summary = ingest(store, ["archive/*.warc.gz"], dask="local:4")

``dask`` is a scheduler address (``tcp://host:8786``), ``local:N`` (a LocalCluster of N worker
processes on this machine) or a connected ``distributed.Client``. Workers load the model once
each (:class:`~onrecord.scale.cluster.ModelPlugin`); see docs/store.md.
"""

from onrecord.scale.cluster import DaskSpecError, ModelPlugin, map_in_order, open_client, parse_spec
from onrecord.scale.shards import ShardSummary, analyze_to_files

__all__ = [
    "DaskSpecError",
    "ModelPlugin",
    "ShardSummary",
    "analyze_to_files",
    "map_in_order",
    "open_client",
    "parse_spec",
]
