"""Parts of the verifier-queue benchmark (bench/queue_p95.py): the generated applications,
their bulk load, the app and its staff, the timed requests and the report."""
