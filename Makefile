# The two commands of the README: `make lab` opens the lab, `make test` runs every test.
# Both install missing Debian packages first (through apt-get, as root or with sudo).
SWIFT ?= swift
LAB ?= .build/debug/lab

.PHONY: lab test deps build bench lint clean

deps:
	@./.ci/install-deps

build: deps
	$(SWIFT) build

lab: build
	@$(LAB) $(ARGS)

test: build
	$(SWIFT) test

lint: build
	$(LAB) lint

bench: deps
	$(SWIFT) build -c release
	$(SWIFT) build -c release --product lab-bench
	./Benchmarks/run

clean:
	rm -rf .build
