# The two commands of the README: `make lab` opens the lab, `make test` runs every test.
# Both install missing Debian packages first (through apt-get, as root or with sudo).
SWIFT ?= swift
LAB ?= .build/debug/lab

.PHONY: lab test deps build bench bench-imds lint clean

deps:
	@./.ci/install-deps

build: deps
	$(SWIFT) build

lab: build
	@$(LAB) $(ARGS)

# Every test: the Swift suites, then Microsoft's own SDKs (azure-identity, MSAL from PyPI) against `lab imds serve`.
test: build
	$(SWIFT) test
	./Tests/Integration/run-sdk-test.sh .build-sdk-venv

lint: build
	$(LAB) lint

bench: deps
	$(SWIFT) build -c release
	$(SWIFT) build -c release --product lab-bench
	./Benchmarks/run

# The IMDS emulator under load from wrk: 64 connections for 30 s, cached and fresh (signing) token requests.
bench-imds: deps
	@./.ci/install-deps wrk
	CONFIG=release ./Tests/Integration/load-test.sh 30 64

clean:
	rm -rf .build
