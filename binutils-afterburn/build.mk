# binutils-afterburn: the afterburn assembler (a patched GNU gas 2.40).
#
#   make toolchain-as   build (cached in $(CACHE)/gas) and install $(TOOLCHAIN)/bin/as
#   make gas-pristine   build the stock gas used as the testsuite baseline
#
# binutils-afterburn/build-gas does the work: one unpack + configure per
# tarball and flags, then our patches and files are synced in and only
# what changed is rebuilt.  It is cheap when nothing changed, so the
# targets always run it.

GAS_BUILD := $(TOP)/binutils-afterburn/build-gas

.PHONY: toolchain-as gas-pristine
toolchain-as:
	@$(GAS_BUILD) --prefix=$(TOOLCHAIN)

gas-pristine:
	@$(GAS_BUILD) --pristine-only

# gas's own testsuite with marking off against the stock gas (no new
# failures), our afterburn tests, and --afterburn=off byte identity.
.PHONY: check-gas
check-gas:
	@$(TOP)/binutils-afterburn/check-gas

CHECKS += check-gas

help::
	@echo "binutils-afterburn/"
	@echo "  toolchain-as           the afterburn gas (cached) into build/toolchain/bin/as"
	@echo "  gas-pristine           the stock gas the testsuite baseline uses"
	@echo "  check-gas              [check] gas's testsuite (no new failures), ours, --afterburn=off identity"
