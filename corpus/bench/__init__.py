"""Throughput benchmark: a synthetic 公文 corpus (``generate``) and the measurements (``run``)."""
