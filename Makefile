# `make demo` and `make test` are the two entry points (see README.md).
SHELL := /bin/bash
VENV := .venv
STAMP := $(VENV)/.installed
# pytest-xdist workers for the integration tests, each with its own moto server,
# and Molecule scenarios at a time beside them (make test). Both spend most of
# their time on the CPU (Ansible): three and three keep two cores busy to the end
# of the longer of the two, the integration tests.
WORKERS ?= 3
export MOLECULE_JOBS ?= 3

export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/.collections
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export ANSIBLE_NOCOLOR := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: demo test venv lint unit collection docs integration molecule ansible-lint sanity importer clean

venv: $(STAMP)

# Runtime requirements (requirements.txt) and the pinned toolchain (requirements-dev.txt).
$(STAMP): requirements.txt requirements-dev.txt scripts/bootstrap.sh
	scripts/bootstrap.sh

# `make demo PLATFORM=ec2`: the same job on EC2 Auto Scaling groups.
PLATFORM ?= ecs
demo: $(STAMP)
	scripts/demo.sh $(PLATFORM)

# The fast checks first, two at a time (each uses one core); then the Molecule scenarios and the
# integration tests side by side (each waits on the emulator, on step intervals and on polls part
# of the time, so together they keep both cores busy).
test: $(STAMP)
	$(MAKE) --no-print-directory -j2 lint unit collection docs ansible-lint sanity importer
	$(MAKE) --no-print-directory -j2 molecule integration

lint: $(STAMP)
	ruff check plugins tests scripts
	ruff format --check plugins tests scripts

unit: $(STAMP)
	python -m pytest tests/unit

# The collection as tools see it: ansible-doc renders every module, role and filter; ansible-builder
# makes the execution environment's build context (no container engine needed).
collection: $(STAMP)
	python -m pytest tests/collection

# The documentation site (antsibull-docs and Sphinx, offline) in .build/docs/build/html.
docs: $(STAMP)
	scripts/docs_site.sh

integration: $(STAMP)
	python -m pytest -n $(WORKERS) --dist loadgroup --durations=20 tests/integration

molecule: $(STAMP)
	scripts/molecule.sh

ansible-lint: $(STAMP)
	ansible-lint --profile production

sanity: $(STAMP)
	scripts/sanity.sh

# The built collection as Galaxy would import it: no error, no warning.
importer: $(STAMP)
	scripts/importer.sh

clean:
	rm -rf $(VENV) .collections .build .ansible .pytest_cache .ruff_cache
