# tools/: afterburn-sites and afterburn-scan (C, libelf), their unit tests,
# and the real-code differential test on the Linux corpus.

TOOLS_SRC := $(TOP)/tools/src
TOOLS_OBJ := $(BUILD)/tools/obj
TOOLS_CFLAGS := -O2 -g -Wall -Wextra -Wno-sign-compare -std=gnu11 \
	-I$(TOP)/include -I$(TOOLS_SRC) \
	-DAB_VERSION='"$(shell git -C $(TOP) describe --always --dirty 2>/dev/null || echo dev)"'
TOOLS_HDRS := $(wildcard $(TOOLS_SRC)/*.h) $(wildcard $(TOP)/include/afterburn/*)
TOOLS_BINS := $(TOOLCHAIN)/bin/afterburn-sites $(TOOLCHAIN)/bin/afterburn-scan

toolchain-tools: $(TOOLS_BINS)

$(TOOLS_OBJ)/%.o: $(TOOLS_SRC)/%.c $(TOOLS_HDRS)
	@mkdir -p $(@D)
	$(CC) $(TOOLS_CFLAGS) -c -o $@ $<

$(TOOLCHAIN)/bin/afterburn-sites: $(addprefix $(TOOLS_OBJ)/,afterburn-sites.o sitetable.o catalogue.o)
	@mkdir -p $(@D)
	$(CC) -o $@ $^ -lelf

$(TOOLCHAIN)/bin/afterburn-scan: $(addprefix $(TOOLS_OBJ)/,afterburn-scan.o classify.o objdump.o sitetable.o catalogue.o)
	@mkdir -p $(@D)
	$(CC) -o $@ $^ -lelf

# Unit tests: fixture objects with hand-written tables, good and malformed,
# each with its expected output.
.PHONY: check-tools
CHECKS += check-tools
check-tools: toolchain-tools
	@$(TOP)/tools/tests/check-tools
	@$(TOP)/tools/tests/differential/check-comparator

# The real-code differential test (needs the afterburn gas): every input
# the Linux 6.1 small build feeds to gas (795 files), marking on vs off.
.PHONY: check-differential
CHECKS += check-differential
check-differential: toolchain-tools toolchain-as
	@$(TOP)/tools/differential/run-differential --as $(TOOLCHAIN)/bin/as \
		--tools $(TOOLCHAIN)/bin --work $(BUILD)/differential

help::
	@echo "tools/"
	@echo "  toolchain-tools        afterburn-sites and afterburn-scan into build/toolchain/bin"
	@echo "  check-tools            [check] both tools on fixture tables, good and malformed;"
	@echo "                         the differential comparator on two tiny corpora"
	@echo "  check-differential     [check] every input of the Linux corpus, marking on vs off"
