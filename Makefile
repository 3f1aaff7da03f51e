# The two commands of README.md. Both install whatever is missing first (scripts/setup.sh is idempotent).
.PHONY: run test setup bench clean

run: setup
	bash scripts/run.sh

test: setup
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

# Engine throughput benchmark (1,000,000 messages; prints ratios against a bare BinaryHeap loop).
bench:
	cargo bench --bench engine_throughput
	cargo bench --bench charts

clean:
	rm -rf dist target e2e/test-results e2e/playwright-report
