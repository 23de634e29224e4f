#!/bin/sh
# Runs one test in a network namespace of its own, with only loopback (up): whatever the
# test's containers do to networks (bridges, veths, Hako's nftables table, ip_forward) stays
# there and goes away with it, and each test starts from no Hako network at all. ctest runs
# every test binary through this (CROSSCOMPILING_EMULATOR in tests/CMakeLists.txt).
exec unshare --net -- sh -c 'ip link set lo up && exec "$@"' in-netns "$@"
