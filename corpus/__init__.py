"""The labelled corpus: source descriptions, the reproducible builder and the evaluator."""
