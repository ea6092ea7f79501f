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
# The Vulkan loader for run-vulkan.sh (Debian's libvulkan1; it needs only libc and libm)
rm -rf .device/vulkan && mkdir -p .device/vulkan && cp -L /usr/lib/x86_64-linux-gnu/libvulkan.so.1 .device/vulkan/libvulkan.so.1
du -sh .device
