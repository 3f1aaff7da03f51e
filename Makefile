# The two commands of README.md. Both install whatever is missing first (scripts/setup.sh is idempotent).
.PHONY: run test setup bench bench-page bench-web clean

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
	@echo "page figures (Charts at 100,000 and 1,000,000 messages in headless Chromium): make bench-page"

# Charts in the real page (issue 13 targets): needs the release site in dist/ (trunk build --release).
# Prints run end → charts drawn, long tasks (PerformanceObserver) and chart-switch times; the page
# freeze steps at 400k and 1M messages (e2e/bench/freeze.spec.mjs: longest task, tasks over 100 ms); then
# scripts/page_bench.mjs: the 1,000,000-message run in the page, wasm ÷ native, longest task, wasm memory.
bench-page:
	cd e2e && npx playwright test -c bench.config.mjs
	node scripts/page_bench.mjs

# Browser (issue 14): first runToEnd in a fresh page vs native at 10k and 100k instances, and time to
# interactive of the full page and the light embed vs a Yew hello-world, in one run.
bench-web: setup
	bash scripts/bench_web.sh

clean:
	rm -rf dist target e2e/test-results e2e/playwright-report
