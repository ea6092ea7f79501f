#!/usr/bin/env bash
# Packs what run-h200.sh and run-vulkan.sh need into .device/ (ignored by git): a JDK 25 runtime with jdk.zipfs (JUnit's
# launcher reads jars through it) and jdk.compiler (fuzz-jit compiles its kernels' Java source), the CLI's jar, and the test jars with JUnit's console launcher (their
# main classes come from the CLI's jar, which holds every module). Run from the repository root.
set -euo pipefail
./build.sh test-bundle
DEVICE_JAVA_MODULES=jdk.zipfs,jdk.compiler ../shared/tools/device-java.sh benchmarks/target/benchmarks.jar
rm -rf .device/bundle && mkdir -p .device/bundle
cp target/test-bundle/*-tests.jar target/test-bundle/junit-platform-console-standalone-*.jar target/test-bundle/run-tests.sh .device/bundle/
ln -s ../lib/benchmarks.jar .device/bundle/benchmarks.jar
# The tree and what a run carries must stay under 64 MiB together: the runtime goes as xz (4 MB less than gzip)
# without javac's ct.sym (10 MB, read only for --release, which fuzz-jit does not pass), and the hybrid model's
# test jar (6 MB of golden fixtures) only with HYBRID_TESTS=1
t=$(mktemp -d) && tar xzf .device/jre.tgz -C "$t" && rm -f "$t/jre/lib/ct.sym" && tar cJf .device/jre.txz -C "$t" jre && rm -rf "$t" .device/jre.tgz
[ "${HYBRID_TESTS:-0}" = 1 ] || rm -f .device/bundle/hybrid-model-tests.jar
sed -i 's|tar xzf "$d/jre.tgz"|tar xJf "$d/jre.txz"|' .device/setup.sh
# run-vulkan.sh takes the Vulkan loader and GL dispatch libraries from .gl/ (its header says how to fetch them)
# NO_TESTS=1 leaves the test bundle out (a run with jdk.compiler's runtime does not fit beside it)
[ "${NO_TESTS:-0}" = 1 ] && rm -rf .device/bundle
du -sh .device
