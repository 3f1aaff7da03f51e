# The two commands of README.md. Both install whatever is missing first (scripts/setup.sh is idempotent).
.PHONY: run test setup bench clean

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

# Benchmarks: engine throughput (1,000,000 messages, ratio to a bare BinaryHeap loop) and the
# superlinear-path lines of issue 9 §6 (per-item cost at N vs 4N, measured in the same run).
bench:
	cargo bench --bench engine_throughput
	cargo bench --bench charts
	cargo bench --bench scale_paths

clean:
	rm -rf dist target e2e/test-results e2e/playwright-report
