# linux-config: building Linux 6.1 with the afterburn toolchain.
# The Linux build, initramfs and boot targets live in ci/linux.mk; the ld
# wrapper (target toolchain-ld) keeps its rules in linux-config/ld/build.mk.
