.PHONY: test lint bench-data bench-accuracy bench-speed

test:
	pytest

lint:
	ruff check src tests benchmarks scripts

bench-data:
	python -m benchmarks.corpus.build
	python -m benchmarks.fresh.build

bench-accuracy:
	python -m benchmarks.accuracy

bench-speed:
	python benchmarks/throughput.py
	python benchmarks/throughput.py --mode deidentify
