# runtime/tests/tests.mk: the runtime's checks (added to CHECKS once they pass).
